// The key inspector page: mounts the inspector in <main>, inspecting the key in the URL
// fragment if there is one (#key=…, as the playground's "Open in the key inspector"
// writes it). The page never writes the fragment: what is pasted stays on the page.
import { mountInspector } from './inspect.js';
import { keyFromFragment, brokenKeyFragment } from './inspection.js';
import { recoverable } from './load.js';
import { readSettings } from './lesson.js';
import { applyTheme, fieldError } from './dom.js';

applyTheme(readSettings(window.location.href).theme);

const main = document.getElementById('main');
let inspector = null;
// Mounted again on a fresh module if the module traps (load.js).
const mounted = recoverable(main, async () => {
  inspector = await mountInspector(main, { text: keyFromFragment(window.location.hash) });
  return inspector;
});
/** A link whose key= part does not decode: said, instead of showing nothing. */
const sayBrokenLink = () => {
  if (!brokenKeyFragment(window.location.hash)) return;
  fieldError(document.getElementById('i-input'), document.getElementById('i-error'), 'The key in this link could not be read: its #key= part is not valid percent-encoding (cut short or changed when it was copied?). Paste the key here instead.');
};
mounted.then(() => {
  sayBrokenLink();
  window.addEventListener('hashchange', () => {
    const key = keyFromFragment(window.location.hash);
    if (key !== null) inspector?.inspect(key);
    else sayBrokenLink();
  });
  document.body.dataset.ready = 'true';
});
