// The TLS 1.2 page: mounts the walk-through in <main>, and keeps the lesson's public
// state (seed, step) in the URL fragment so that a link reopens the same step.
import { mountTls12 } from './tls12.js';
import { readSettings, fragmentOf } from './lesson.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { recoverable } from './load.js';

const settings = readSettings(window.location.href);
settings.onChange = (state) => {
  const url = `${window.location.pathname}${window.location.search}${fragmentOf({ ...state, view: 'all' })}`;
  window.history.replaceState(null, '', url);
};
mountEmbedHelp(document.getElementById('embed-help'), () => ({ seed: settings.seed }), 'tls12');
const main = document.getElementById('main');
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountTls12(main, settings)).then(() => {
  document.body.dataset.ready = 'true';
});
