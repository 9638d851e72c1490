// The key inspector page: mounts the inspector in <main>, inspecting the key in the URL
// fragment if there is one (#key=…, as the playground's "Open in the key inspector"
// writes it). The page never writes the fragment: what is pasted stays on the page.
import { mountInspector } from './inspect.js';
import { keyFromFragment } from './inspection.js';
import { recoverable } from './load.js';
import { readSettings } from './lesson.js';
import { applyTheme } from './dom.js';

applyTheme(readSettings(window.location.href).theme);

const main = document.getElementById('main');
let inspector = null;
// Mounted again on a fresh module if the module traps (load.js).
const mounted = recoverable(main, async () => {
  inspector = await mountInspector(main, { text: keyFromFragment(window.location.hash) });
  return inspector;
});
mounted.then(() => {
  window.addEventListener('hashchange', () => {
    const key = keyFromFragment(window.location.hash);
    if (key !== null) inspector?.inspect(key);
  });
  document.body.dataset.ready = 'true';
});
