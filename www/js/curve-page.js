// The curve lab page: mounts the lab in <main> and offers the embed snippets for it.
// ?preset=f17|f97|f997 picks the first toy curve; ?theme= as on every page.
import { mountCurveLab, curveSettings } from './curve-lab.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { recoverable } from './load.js';
import { readSettings } from './lesson.js';
import { applyTheme } from './dom.js';

const { theme } = readSettings(window.location.href);
applyTheme(theme);
mountEmbedHelp(document.getElementById('embed-help'), () => ({ theme }), 'curve');
const main = document.getElementById('main');
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountCurveLab(main, curveSettings(window.location.href))).then(() => {
  document.body.dataset.ready = 'true';
});
