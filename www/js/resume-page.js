// The session-resumption page: mounts it in <main> and keeps the lesson's public state
// (seed, settings) in the URL fragment so that a link reopens the same lesson.
import { mountResume } from './resume.js';
import { readSettings } from './lesson.js';
import { readResumeSettings, resumeFragment } from './resume-state.js';
import { recoverable } from './load.js';
import { applyTheme } from './dom.js';

const common = readSettings(window.location.href);
applyTheme(common.theme);
const settings = {
  seed: common.seed,
  resume: readResumeSettings(window.location.href),
  onChange(state) {
    const url = `${window.location.pathname}${resumeFragment(state, { seed: common.seed, theme: common.theme })}`;
    window.history.replaceState(null, '', url);
  },
};
const main = document.getElementById('main');
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountResume(main, settings)).then(() => {
  document.body.dataset.ready = 'true';
});
