// The playground page: reads the lesson from the URL, mounts the playground in <main>,
// and keeps the URL fragment in step with the lesson's public state.
import { mountPlayground } from './playground.js';
import { readSettings, fragmentOf } from './lesson.js';

const settings = readSettings(window.location.href);
for (const link of document.querySelectorAll('nav [data-mode]')) {
  if (link.dataset.mode === settings.mode) link.setAttribute('aria-current', 'page');
}
settings.onChange = (state) => {
  const url = `${window.location.pathname}${window.location.search}${fragmentOf(state)}`;
  window.history.replaceState(null, '', url);
};
mountPlayground(document.getElementById('main'), settings).then(() => {
  document.body.dataset.ready = 'true';
});
