// The session-resumption page: mounts it in <main>, keeps the lesson's public state
// (seed, settings) in the URL fragment so that a link reopens the same lesson, and
// offers the embed snippets for it.
import { mountResume } from './resume.js';
import { readSettings, refusedSeedText } from './lesson.js';
import { readResumeSettings, resumeFragment } from './resume-state.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { recoverable } from './load.js';
import { applyTheme } from './dom.js';

const common = readSettings(window.location.href);
applyTheme(common.theme);
const link = (state) => resumeFragment(state, { seed: common.seed, theme: common.theme });
const resume = readResumeSettings(window.location.href);
// What the embed snippets need: the link's fragment, which holds the seed and settings.
let current = { seed: common.seed, theme: common.theme, resumeFragment: link(resume) };
const settings = {
  seed: common.seed,
  refusedSeed: refusedSeedText(common),
  resume,
  onChange(state) {
    current = { ...current, resumeFragment: link(state) };
    help.refresh();
    window.history.replaceState(null, '', `${window.location.pathname}${current.resumeFragment}`);
  },
};
const help = mountEmbedHelp(document.getElementById('embed-help'), () => current, 'resume');
const main = document.getElementById('main');
// Mounted again on a fresh module if the module traps (load.js).
recoverable(main, () => mountResume(main, settings)).then(() => {
  document.body.dataset.ready = 'true';
});
