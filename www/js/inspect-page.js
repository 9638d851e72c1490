// The key inspector page: mounts the inspector in <main>, inspecting the key in the URL
// fragment if there is one (#key=…, as the playground's "Open in the key inspector"
// writes it). The page never writes the fragment: what is pasted stays on the page.
import { mountInspector } from './inspect.js';
import { keyFromFragment } from './inspection.js';

const mounted = mountInspector(document.getElementById('main'), { text: keyFromFragment(window.location.hash) });
mounted.then((inspector) => {
  window.addEventListener('hashchange', () => {
    const key = keyFromFragment(window.location.hash);
    if (key !== null) inspector.inspect(key);
  });
  document.body.dataset.ready = 'true';
});
