// The curve lab page: mounts the lab in <main>. ?preset=f17|f97|f997 picks the first
// toy curve; ?theme= as on every page.
import { mountCurveLab, curveSettings } from './curve-lab.js';
import { recoverable } from './load.js';
import { readSettings } from './lesson.js';
import { applyTheme } from './dom.js';

applyTheme(readSettings(window.location.href).theme);
const main = document.getElementById('main');
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountCurveLab(main, curveSettings(window.location.href))).then(() => {
  document.body.dataset.ready = 'true';
});
