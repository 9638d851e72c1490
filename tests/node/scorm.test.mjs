// www/js/scorm.js: the bounded walk up the frames for the LMS's API (with frames of
// another origin, which throw when read), the score and status of the quizzes'
// progress, and what a session writes against a fake LMS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_HOPS, findApi, scormApi, scormScore, connectScorm } from '../../www/js/scorm.js';

const API = { LMSInitialize() { return 'true'; } };

/** A chain of `depth` frames under a top window; `api` on the top, `foreign` frames throw. */
function frames(depth, { api = API, foreignAt = -1 } = {}) {
  const top = { API: api };
  top.parent = top;
  let win = top;
  for (let i = depth - 1; i >= 0; i -= 1) {
    const parent = win;
    const frame = i === foreignAt
      ? new Proxy({}, { get(target, name) { if (name === 'parent') return parent; throw new DOMException('Blocked a frame', 'SecurityError'); } })
      : { parent };
    win = frame;
  }
  return win;
}

test('the API is found on the window, its parent, or up to MAX_HOPS frames up; not further', () => {
  assert.equal(findApi(frames(0)), API);
  assert.equal(findApi(frames(1)), API);
  assert.equal(findApi(frames(MAX_HOPS)), API);
  assert.equal(findApi(frames(MAX_HOPS + 1)), null);
  assert.equal(findApi(frames(3, { api: null })), null);
  assert.equal(findApi(frames(2, { api: { LMSInitialize: 'not a function' } })), null);
});

test('a frame of another origin on the way ends the walk without an error; the opener is tried next', () => {
  const win = frames(2, { foreignAt: 1 });
  assert.equal(findApi(win), null);
  const opened = { parent: null, opener: frames(1) };
  opened.parent = opened;
  assert.equal(scormApi(opened), API);
  const alone = { opener: null };
  alone.parent = alone;
  assert.equal(scormApi(alone), null);
});

test('score and status: incomplete until each value is answered or shown; passed only when all were answered right', () => {
  assert.deepEqual(scormScore({ total: 6, right: 0, shown: 0 }), { status: 'incomplete', score: { raw: 0, min: 0, max: 100 } });
  assert.deepEqual(scormScore({ total: 6, right: 2, shown: 1 }), { status: 'incomplete', score: { raw: 33, min: 0, max: 100 } });
  assert.deepEqual(scormScore({ total: 6, right: 5, shown: 1 }), { status: 'failed', score: { raw: 83, min: 0, max: 100 } });
  assert.deepEqual(scormScore({ total: 2, right: 2, shown: 0 }), { status: 'passed', score: { raw: 100, min: 0, max: 100 } });
  assert.deepEqual(scormScore({ total: 2, right: 0, shown: 2 }), { status: 'failed', score: { raw: 0, min: 0, max: 100 } });
  assert.deepEqual(scormScore({ total: 0, right: 0, shown: 0 }), { status: 'completed', score: null });
});

/** A window with a fake LMS holding `values`; `writes` lists every LMSSetValue. */
function lms(values) {
  const writes = [];
  const api = {
    LMSInitialize: () => 'true',
    LMSGetValue: (name) => values[name] ?? '',
    LMSSetValue: (name, value) => { writes.push([name, value]); values[name] = value; return 'true'; },
    LMSCommit: () => 'true',
    LMSFinish: () => 'true',
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => '',
  };
  const win = { API: api, addEventListener() {} };
  win.parent = win;
  return { win, writes, values };
}

test('opening the lesson again keeps an earlier result until the first answer; a review records nothing', () => {
  const passed = lms({ 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '100' });
  const session = connectScorm(passed.win);
  session.report({ total: 2, right: 0, shown: 0 });
  assert.deepEqual(passed.writes, [], 'nothing written on load');
  session.report({ total: 2, right: 0, shown: 1 });
  assert.equal(passed.values['cmi.core.lesson_status'], 'incomplete', 'a new answer is recorded');

  const first = lms({ 'cmi.core.lesson_status': 'not attempted' });
  connectScorm(first.win).report({ total: 2, right: 0, shown: 0 });
  assert.equal(first.values['cmi.core.lesson_status'], 'incomplete', 'a first visit is recorded as started');

  const review = lms({ 'cmi.core.lesson_status': 'failed', 'cmi.core.lesson_mode': 'review' });
  const reviewing = connectScorm(review.win);
  reviewing.report({ total: 2, right: 2, shown: 0 });
  assert.deepEqual(review.writes, []);
  assert.match(reviewing.message, /opened this lesson for review: answers here are not recorded/);
});
