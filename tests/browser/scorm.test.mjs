// The SCORM 1.2 package (make dist → dist/ecdh-playground-scorm12.zip) as an LMS runs it:
// unzipped, its manifest's one SCO launched in a frame of an LMS page of the same origin
// (tests/browser/scorm/host.html) whose window.API is scorm-again's Scorm12API, the
// run-time LMS developers use. A student works out the hidden values (computed here in
// Node from the keys the page shows) and uses "Check my answer" and "Show answer"; the
// runtime must hold the score and status the package set, committed after each answer,
// and LMSFinish once the lesson is left. Launched with no API (a plain embed) nothing
// changes and nothing fails.
//   make dist && node --test --test-concurrency=1 tests/browser/scorm.test.mjs
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, browserSuite, watch } from './harness.mjs';

const ZIP = path.join(ROOT, 'dist', 'ecdh-playground-scorm12.zip');
let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

/** The package, unzipped (with Python's zipfile) into a fresh directory. */
function unzip() {
  assert.ok(existsSync(ZIP), 'dist/ecdh-playground-scorm12.zip is missing: run make dist');
  const dir = mkdtempSync(path.join(tmpdir(), 'scorm12-'));
  execFileSync('python3', ['-m', 'zipfile', '-e', ZIP, dir]);
  return dir;
}

/** The manifest's launch address, read as an LMS reads it. */
function launchOf(manifest) {
  assert.match(manifest, /<schema>ADL SCORM<\/schema>\s*<schemaversion>1\.2<\/schemaversion>/);
  const resources = [...manifest.matchAll(/<resource [^>]*>/g)].map(([tag]) => tag);
  assert.equal(resources.length, 1, 'one resource');
  assert.match(resources[0], /adlcp:scormtype="sco"/);
  assert.match(manifest, /<item [^>]*identifierref="ecdh-playground-file"/);
  return /href="([^"]+)"/.exec(resources[0])[1].replaceAll('&amp;', '&');
}

/** Opens the LMS page launching `launch` (?api=none: without an API); resolves to { page, frame, watcher, context }. */
async function openLms(dir, launch, { api = true } = {}) {
  const context = await browser.newContext();
  context.setDefaultTimeout(30_000);
  const files = {
    'host.html': path.join(ROOT, 'tests', 'browser', 'scorm', 'host.html'),
    'host.js': path.join(ROOT, 'tests', 'browser', 'scorm', 'host.js'),
    'scorm12.min.js': path.join(ROOT, 'node_modules', 'scorm-again', 'dist', 'scorm12.min.js'),
  };
  await context.route(new RegExp(`^${server.origin}/lms/`), (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^\/lms\//, '');
    const file = name.startsWith('package/') ? path.join(dir, name.slice('package/'.length)) : files[name];
    if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: 'not in the package' });
    const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
    return route.fulfill({ contentType: type, body: readFileSync(file) });
  });
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  const query = new URLSearchParams({ launch });
  if (!api) query.set('api', 'none');
  await page.goto(`${server.origin}/lms/host.html?${query}`);
  const frame = page.frameLocator('#sco');
  await frame.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  return { context, page, frame, watcher };
}

const lms = (page) => page.evaluate(() => ({
  status: window.API.LMSGetValue('cmi.core.lesson_status'),
  raw: window.API.LMSGetValue('cmi.core.score.raw'),
  min: window.API.LMSGetValue('cmi.core.score.min'),
  max: window.API.LMSGetValue('cmi.core.score.max'),
  commits: window.lmsCalls.filter(([name]) => name === 'LMSCommit').length,
  error: window.API.LMSGetLastError(),
}));

/** The values a student works out, from the keys the page shows (Alice's private key revealed). */
async function answers(frame) {
  await frame.locator('#alice-party-keys-reveal').click();
  const privatePem = await frame.locator('#alice-party-keys-private').textContent();
  const bobPem = await frame.locator('#bob-party-keys-public').inputValue();
  const secret = crypto.diffieHellman({ privateKey: crypto.createPrivateKey(privatePem), publicKey: crypto.createPublicKey(bobPem) });
  const key = (words) => Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), `ecdh-playground chat v2 ${words}`, 32)).toString('hex');
  return { secret: secret.toString('hex'), 'key-ab': key('alice to bob'), 'key-ba': key('bob to alice') };
}

async function answer(frame, output, value) {
  const quiz = frame.locator(`#${output} + .quiz`);
  await quiz.locator('input').fill(value);
  await quiz.locator('button', { hasText: 'Check my answer' }).click();
}

browserTest('SCORM 1.2: the package\'s Check my answer results reach scorm-again\'s runtime (score, status, commit, finish)', async () => {
  const dir = unzip();
  try {
    const manifest = readFileSync(path.join(dir, 'imsmanifest.xml'), 'utf8');
    const launch = launchOf(manifest);
    assert.equal(launch, 'ecdh-playground.html?hide=secret,okm');
    assert.ok(readFileSync(path.join(dir, 'ecdh-playground.html')).equals(readFileSync(path.join(ROOT, 'dist', 'ecdh-playground.html'))), 'the package holds the single file');

    const { context, page, frame, watcher } = await openLms(dir, launch);
    try {
      assert.equal(await page.evaluate(() => window.API.isInitialized()), true, 'LMSInitialize was called');
      assert.match(await frame.locator('#scorm-note').textContent(), /recorded by your course platform/);
      assert.equal(await frame.locator('#print-handout').isVisible(), true, 'the handout can be printed');
      assert.equal(await frame.locator('#print-key').isVisible(), false, 'no answer key for the students');
      assert.deepEqual(await lms(page), { status: 'incomplete', raw: '0', min: '0', max: '100', commits: 1, error: '0' }, 'six hidden values, none answered');

      const right = await answers(frame);
      await answer(frame, 'alice-secret', 'ff'.repeat(32));
      await frame.locator('#alice-secret + .quiz .quiz-verdict', { hasText: 'Not yet' }).waitFor();
      assert.equal((await lms(page)).raw, '0', 'a wrong answer scores nothing and is not final');
      await answer(frame, 'alice-secret', right.secret);
      await answer(frame, 'bob-secret', right.secret.toUpperCase());
      assert.deepEqual(await lms(page), { status: 'incomplete', raw: '33', min: '0', max: '100', commits: 3, error: '0' }, 'two of six');
      // One value given away with Show answer, the rest answered right.
      await frame.locator('#alice-key-ab + .quiz button', { hasText: 'Show answer' }).click();
      await answer(frame, 'alice-key-ba', right['key-ba']);
      await answer(frame, 'bob-key-ab', right['key-ab']);
      assert.equal((await lms(page)).status, 'incomplete');
      await answer(frame, 'bob-key-ba', right['key-ba']);
      assert.deepEqual(await lms(page), { status: 'failed', raw: '83', min: '0', max: '100', commits: 7, error: '0' }, 'five of six, one shown');
      assert.match(await frame.locator('#scorm-note').textContent(), /recorded/);

      // Leaving the lesson finishes the session.
      await page.evaluate(() => document.getElementById('sco').remove());
      await page.waitForFunction(() => window.lmsCalls.some(([name]) => name === 'LMSFinish'));
      assert.equal(await page.evaluate(() => window.API.isTerminated()), true);
      await watcher.assertClean('the LMS page');
    } finally {
      await context.close();
    }

    // Every answer right: passed.
    const again = await openLms(dir, 'ecdh-playground.html?hide=secret');
    try {
      const right = await answers(again.frame);
      await answer(again.frame, 'alice-secret', right.secret);
      await answer(again.frame, 'bob-secret', right.secret);
      assert.deepEqual(await lms(again.page), { status: 'passed', raw: '100', min: '0', max: '100', commits: 3, error: '0' });
      await again.watcher.assertClean('the LMS page, all right');
    } finally {
      await again.context.close();
    }

    // A lesson that hides nothing is completed once opened, with no score.
    const browse = await openLms(dir, 'ecdh-playground.html?seed=lesson-3');
    try {
      const got = await lms(browse.page);
      assert.equal(got.status, 'completed');
      assert.equal(got.raw, '');
      await browse.watcher.assertClean('the LMS page, nothing hidden');
    } finally {
      await browse.context.close();
    }

    // No API anywhere above (a plain embed): the quizzes work, nothing is said or fails.
    const plain = await openLms(dir, launch, { api: false });
    try {
      assert.equal(await plain.frame.locator('#scorm-note').isVisible(), false);
      assert.equal(await plain.frame.locator('#print-key').isVisible(), true, 'the teacher\'s answer key, outside an LMS');
      const right = await answers(plain.frame);
      await answer(plain.frame, 'alice-secret', right.secret);
      await plain.frame.locator('#alice-secret + .quiz .quiz-verdict', { hasText: 'Correct' }).waitFor();
      await plain.watcher.assertClean('a plain embed of the package');
    } finally {
      await plain.context.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
