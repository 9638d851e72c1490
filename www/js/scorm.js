// SCORM 1.2 run-time reporting, for the single file launched from an LMS as a SCORM
// package (make dist → dist/ecdh-playground-scorm12.zip). The LMS puts its run-time API
// object, `API`, on a window above the one it launches: the file finds it by walking up
// the parent frames (and then the opener's), as the SCORM 1.2 Run-Time Environment
// (ADL's findAPI) does, at most MAX_HOPS frames up. Found, it calls
// LMSInitialize at start, sets the score and status of the "Check my answer" quizzes and
// LMSCommit after each answer (not in a review, and not before this visit's first answer
// where the LMS holds an earlier result), and LMSFinish when the page goes away. Not found (a plain
// embed, a file opened from disk, a sandboxed frame), nothing happens and nothing fails.
//
// The score: cmi.core.score.raw is the share of the hidden values answered right with
// "Check my answer", in percent (min 0, max 100: an LMS such as Moodle grades raw as it
// is, so a percentage reads right there); cmi.core.lesson_status is
// "incomplete" until each has been answered or shown, then "passed" when all were
// answered right and "failed" when "Show answer" gave any away. A lesson that hides
// nothing is "completed" once opened.

/** How many frames up the walk goes, as ADL's findAPI (7 in its sample code). */
export const MAX_HOPS = 7;

/** The API object on `win` or a frame above it, or null; a frame of another origin stops the walk. */
export function findApi(win, maxHops = MAX_HOPS) {
  let current = win;
  for (let hops = 0; current && hops <= maxHops; hops += 1) {
    try {
      if (current.API && typeof current.API.LMSInitialize === 'function') return current.API;
      if (!current.parent || current.parent === current) return null;
      current = current.parent;
    } catch {
      // Another origin, or a sandboxed frame: its properties cannot be read.
      return null;
    }
  }
  return null;
}

/** The LMS's API for this window: up its frames, then up its opener's; null if none. */
export function scormApi(win) {
  const found = findApi(win);
  if (found) return found;
  try {
    return win.opener ? findApi(win.opener) : null;
  } catch {
    return null;
  }
}

/**
 * The SCORM values for the quizzes' progress { total, right, shown }: score and status.
 * Pure.
 */
export function scormScore({ total, right, shown }) {
  if (total === 0) return { status: 'completed', score: null };
  const done = right + shown >= total;
  const status = !done ? 'incomplete' : right === total ? 'passed' : 'failed';
  return { status, score: { raw: Math.round((100 * right) / total), min: 0, max: 100 } };
}

/**
 * Connects to the LMS found from `win`. Returns null without an API, else { ok, message, report(progress) }: `ok` false (with `message` saying why) when
 * the LMS refused to start the session, so the page can say its answers are not
 * recorded; `report` sets the score and status and commits.
 */
export function connectScorm(win) {
  const api = scormApi(win);
  if (!api) return null;
  const call = (name, ...args) => {
    try {
      return String(api[name](...args));
    } catch {
      return 'false';
    }
  };
  const why = () => {
    const code = call('LMSGetLastError');
    const text = call('LMSGetErrorString', code);
    return `error ${code}${text && text !== 'false' ? `, ${text}` : ''}`;
  };
  if (call('LMSInitialize', '') !== 'true') {
    return { ok: false, message: `The course platform did not start recording (${why()}): your answers here are not recorded.`, report() {} };
  }
  // What the LMS holds from an earlier visit, and whether it records this one at all.
  const recorded = call('LMSGetValue', 'cmi.core.lesson_status');
  const review = call('LMSGetValue', 'cmi.core.lesson_mode') === 'review';
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    call('LMSFinish', '');
  };
  win.addEventListener('pagehide', finish);
  win.addEventListener('beforeunload', finish);
  let failed = '';
  return {
    ok: true,
    get message() {
      if (review) return 'Your course platform opened this lesson for review: answers here are not recorded.';
      return failed || 'Your answers to the hidden values are recorded by your course platform.';
    },
    report(progress) {
      // A review is not recorded (SCORM 1.2: lesson_mode "review").
      if (finished || review) return;
      // Opening the lesson again records nothing: an earlier result stays until this
      // visit's first answer.
      if (progress.right + progress.shown === 0 && ['passed', 'failed', 'completed'].includes(recorded)) return;
      const { status, score } = scormScore(progress);
      const sets = score
        ? [['cmi.core.score.min', String(score.min)], ['cmi.core.score.max', String(score.max)], ['cmi.core.score.raw', String(score.raw)], ['cmi.core.lesson_status', status]]
        : [['cmi.core.lesson_status', status]];
      for (const [name, value] of sets) {
        if (call('LMSSetValue', name, value) !== 'true') failed = `The course platform refused ${name} = ${value} (${why()}).`;
      }
      if (call('LMSCommit', '') !== 'true') failed = `The course platform did not save the answers (${why()}).`;
    },
  };
}
