// The embed view: one part of the site, with no site chrome, for an <iframe> in course
// material. `?view=exchange | hkdf | messages | tls12 | tls13 | resume | curve | all`, or one section of
// the attack lab (`attack-low-order`, ...: attacks-lab.js), picks the part; the other
// lesson settings are read as on the main page. The page tells its parent its height
// whenever it changes, so the parent can size the iframe:
//
//   addEventListener('message', (e) => {
//     if (e.data?.type !== 'ecdh-playground:height') return;
//     for (const f of document.querySelectorAll('iframe'))
//       if (f.contentWindow === e.source) f.style.height = `${e.data.height}px`;
//   });
import { mountPlayground } from './playground.js';
import { mountTls12 } from './tls12.js';
import { mountTls13 } from './tls13.js';
import { mountResume } from './resume.js';
import { readResumeSettings } from './resume-state.js';
import { mountCurveLab, curveSettings } from './curve-lab.js';
import { mountAttackView } from './attacks-mount.js';
import { readSettings } from './lesson.js';
import { recoverable } from './load.js';
import { applyTheme } from './dom.js';

const settings = { ...readSettings(window.location.href), embedded: true };
applyTheme(settings.theme);
const main = document.getElementById('main');

// `ready`: the view is built (the snippet's height is measured from a ready view).
function reportHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (window.parent !== window) {
    const ready = document.body.dataset.ready === 'true';
    window.parent.postMessage({ type: 'ecdh-playground:height', height, view: settings.view, ready }, '*');
  }
}

new ResizeObserver(reportHeight).observe(document.documentElement);
// Mounted again on a fresh module if the module traps (load.js).
function mount() {
  if (settings.view === 'tls12') return mountTls12(main, settings);
  if (settings.view === 'tls13') return mountTls13(main, settings);
  if (settings.view === 'resume') {
    return mountResume(main, { seed: settings.seed, embedded: true, resume: readResumeSettings(window.location.href) });
  }
  if (settings.view.startsWith('attack-')) {
    return mountAttackView(main, settings.view, new URL('./', window.location.href).href);
  }
  if (settings.view === 'curve') {
    const playgroundHref = new URL('./?curve=P-256', window.location.href).href;
    return mountCurveLab(main, { ...curveSettings(window.location.href), playgroundHref });
  }
  return mountPlayground(main, settings, 'first');
}
const mounted = recoverable(main, mount);
mounted.then(() => {
  document.body.dataset.ready = 'true';
  reportHeight();
});
