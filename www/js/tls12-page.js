// The TLS 1.2 page: mounts the walk-through in <main>, and keeps the lesson's public
// state (seed, settings, step) in the URL fragment so that a link reopens the same
// lesson, and offers the embed snippets for it.
import { mountTls12 } from './tls12.js';
import { readSettings, fragmentOf, pageQuery } from './lesson.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { recoverable } from './load.js';
import { applyTheme } from './dom.js';
import { setupPrinting } from './handout.js';
import { tlsHandout } from './handout-tls.js';

const settings = readSettings(window.location.href);
applyTheme(settings.theme);
let current = { seed: settings.seed, step: settings.step, tls: settings.tls };
settings.onChange = (state) => {
  current = state;
  help.refresh();
  const url = `${window.location.pathname}${pageQuery(window.location.search)}${fragmentOf({ ...state, view: 'all' })}`;
  window.history.replaceState(null, '', url);
};
const help = mountEmbedHelp(document.getElementById('embed-help'), () => current, 'tls12');
const main = document.getElementById('main');
// The last run of the model, for the printed handout.
let run = null;
settings.onRun = (latest) => {
  run = latest;
};
setupPrinting(main, (key) => (run
  ? tlsHandout(run, { seed: current.seed, tls: current.tls, link: window.location.href }, { key })
  : null));
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountTls12(main, settings)).then(() => {
  document.body.dataset.ready = 'true';
});
