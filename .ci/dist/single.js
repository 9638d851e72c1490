// The single-file build's entry: the playground, one party per tab, the TLS
// walk-throughs, session resumption, the curve lab or the attack lab, picked by the query
// (?party=alice, ?view=tls12, ?view=tls13, ?view=resume, ?view=curve, ?view=attacks) as on
// the site, with the WebAssembly module inlined (see ../dist.mjs).
import { mountPlayground } from '../../www/js/playground.js';
import { mountTls12 } from '../../www/js/tls12.js';
import { mountTls13 } from '../../www/js/tls13.js';
import { mountResume } from '../../www/js/resume.js';
import { readResumeSettings, resumeFragment } from '../../www/js/resume-state.js';
import { mountCurveLab, curveSettings } from '../../www/js/curve-lab.js';
import { mountAttackLab } from '../../www/js/attacks-mount.js';
import { readSettings } from '../../www/js/lesson.js';
import { applyTheme } from '../../www/js/dom.js';
import { setupPrinting, playgroundValues } from '../../www/js/handout.js';
import { playgroundHandout } from '../../www/js/handout-playground.js';
import { tlsHandout } from '../../www/js/handout-tls.js';
import { tls13Handout } from '../../www/js/handout-tls13.js';
import { connectScorm } from '../../www/js/scorm.js';

const settings = readSettings(window.location.href);
applyTheme(settings.theme);
// The attack lab is a page here, not a view of the playground: lesson.js does not list it.
const attacks = new URLSearchParams(window.location.search).get('view') === 'attacks';
const current = attacks ? 'attacks'
  : ['tls12', 'tls13', 'resume', 'curve'].includes(settings.view) ? settings.view : settings.mode;
for (const link of document.querySelectorAll('nav [data-part]')) {
  if (link.dataset.part === current) link.setAttribute('aria-current', 'page');
}
const main = document.getElementById('main');
// Launched by an LMS as a SCORM 1.2 package, the quizzes' results go to its run-time API;
// anywhere else there is none, and this does nothing.
const scorm = connectScorm(window);
if (scorm) {
  const note = document.getElementById('scorm-note');
  const say = () => {
    note.textContent = scorm.message;
    note.hidden = false;
  };
  say();
  settings.onQuiz = (progress) => {
    scorm.report(progress);
    say();
  };
}
// Printed handouts, as on the site: the lesson's public state as it changes, and the
// TLS models' last run.
let lesson = { ...settings, tls: settings.view === 'tls12' ? settings.tls : null };
let run = null;
settings.onChange = (state) => {
  lesson = state;
};
settings.onRun = (latest) => {
  run = latest;
};
setupPrinting(main, (key) => {
  // Launched by an LMS, the students' own copy: no answer key.
  if (key && scorm) return null;
  if (settings.view === 'tls12') return run ? tlsHandout(run, { seed: lesson.seed, tls: lesson.tls }, { key }) : null;
  if (settings.view === 'tls13') return run ? tls13Handout(run, { seed: lesson.seed }, { key }) : null;
  return settings.mode === 'both' ? playgroundHandout(playgroundValues(main, lesson, null), { key }) : null;
});
/**
 * The attack lab's links as this file has them: the playground and the TLS pages are
 * views of it ("./?view=exchange" is "?view=exchange", "tls12.html#step=8" is
 * "?view=tls12#step=8"); the key inspector is not in it (null: the link is left out).
 */
function linkHere(href) {
  if (href.startsWith('./')) return href.slice(2) || '?';
  const page = /^(tls12|tls13|resume|curve)\.html(.*)$/.exec(href);
  return page ? `?view=${page[1]}${page[2]}` : null;
}

function mount() {
  if (attacks) return mountAttackLab(main, { base: linkHere });
  if (settings.view === 'tls12') return mountTls12(main, settings);
  if (settings.view === 'tls13') return mountTls13(main, settings);
  if (settings.view === 'resume') {
    // Its settings in the fragment, as on the site, so that a link reopens the lesson.
    return mountResume(main, {
      seed: settings.seed,
      resume: readResumeSettings(window.location.href),
      onChange(state) {
        const fragment = resumeFragment(state, { seed: settings.seed, theme: settings.theme });
        window.history.replaceState(null, '', `${window.location.pathname}?view=resume${fragment}`);
      },
    });
  }
  // The playground is this same file, with a query.
  if (settings.view === 'curve') return mountCurveLab(main, { ...curveSettings(window.location.href), playgroundHref: '?curve=P-256' });
  return mountPlayground(main, settings);
}
const mounted = mount();
mounted.then(() => {
  if (scorm) document.getElementById('print-key').hidden = true;
  document.body.dataset.ready = 'true';
});
