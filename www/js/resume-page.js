// The session-resumption page: mounts it in <main>, keeps the lesson's public state
// (seed, settings) in the URL fragment so that a link reopens the same lesson, and
// offers the embed snippets for it.
import { mountResume } from './resume.js';
import { readSettings } from './lesson.js';
import { readResumeSettings, resumeFragment } from './resume-state.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { recoverable } from './load.js';
import { applyTheme } from './dom.js';

const common = readSettings(window.location.href);
applyTheme(common.theme);
let current = { seed: common.seed, theme: common.theme, resume: readResumeSettings(window.location.href) };
const settings = {
  seed: common.seed,
  resume: current.resume,
  onChange(state) {
    current = { ...current, resume: state };
    help.refresh();
    const url = `${window.location.pathname}${resumeFragment(state, { seed: common.seed, theme: common.theme })}`;
    window.history.replaceState(null, '', url);
  },
};
const help = mountEmbedHelp(document.getElementById('embed-help'), () => current, 'resume');
const main = document.getElementById('main');
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountResume(main, settings)).then(() => {
  document.body.dataset.ready = 'true';
});
