// The playground page: reads the lesson from the URL, mounts the playground in <main>,
// keeps the URL fragment in step with the lesson's public state, and offers the embed
// snippets for it.
import { mountPlayground, playgroundBuild } from './playground.js';
import { readSettings, fragmentOf, pageQuery } from './lesson.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { recoverable } from './load.js';
import { applyTheme } from './dom.js';
import { setupPrinting, playgroundValues } from './handout.js';
import { playgroundHandout } from './handout-playground.js';
import { ready } from './wasm.js';

const settings = readSettings(window.location.href);
// The module is fetched and compiled while the page builds and lays out its markup
// (mountPlayground asks for the same build and gets this load; it reports a failure).
ready(playgroundBuild(settings)).catch(() => {});
applyTheme(settings.theme);
for (const link of document.querySelectorAll('nav [data-mode]')) {
  if (link.dataset.mode === settings.mode) link.setAttribute('aria-current', 'page');
}
// The playground's public state, as published (the TLS page's settings are not part of it).
let current = { ...settings, tls: null };
const help = mountEmbedHelp(document.getElementById('embed-help'), () => current);
settings.onChange = (state) => {
  current = state;
  help.refresh();
  const url = `${window.location.pathname}${pageQuery(window.location.search)}${fragmentOf(state)}`;
  window.history.replaceState(null, '', url);
};
const main = document.getElementById('main');
// Printed, both parties on one page give a handout of the lesson; a party tab prints as it is.
setupPrinting(main, (key) => (settings.mode === 'both' && main.querySelector('#both:not([hidden])')
  ? playgroundHandout(playgroundValues(main, current, window.location.href), { key })
  : null));
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountPlayground(main, settings)).then(() => {
  document.body.dataset.ready = 'true';
});
