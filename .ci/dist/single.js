// The single-file build's entry: the playground, one party per tab, the TLS
// walk-through or the curve lab, picked by the query (?party=alice, ?view=tls12,
// ?view=curve) as on the site, with the
// WebAssembly module inlined (see ../dist.mjs).
import { mountPlayground } from '../../www/js/playground.js';
import { mountTls12 } from '../../www/js/tls12.js';
import { mountCurveLab, curveSettings } from '../../www/js/curve-lab.js';
import { readSettings } from '../../www/js/lesson.js';
import { applyTheme } from '../../www/js/dom.js';

const settings = readSettings(window.location.href);
applyTheme(settings.theme);
const current = settings.view === 'tls12' || settings.view === 'curve' ? settings.view : settings.mode;
for (const link of document.querySelectorAll('nav [data-part]')) {
  if (link.dataset.part === current) link.setAttribute('aria-current', 'page');
}
const main = document.getElementById('main');
function mount() {
  if (settings.view === 'tls12') return mountTls12(main, settings);
  // The playground is this same file, with a query.
  if (settings.view === 'curve') return mountCurveLab(main, { ...curveSettings(window.location.href), playgroundHref: '?curve=P-256' });
  return mountPlayground(main, settings);
}
const mounted = mount();
mounted.then(() => {
  document.body.dataset.ready = 'true';
});
