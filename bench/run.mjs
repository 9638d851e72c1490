// `make bench`: our WebAssembly module against WebCrypto and noble, in the same run, in
// headless Chromium (the bench page, under the site's CSP, its run in the page's Web
// Worker) and in Node; the playground's start-up time over cold loads, from www/ and, as
// hosted, from dist/site/ (make dist: its JavaScript bundled); the bytes a
// visitor downloads. Each implementation is timed in rounds (5 by default): the tables
// give the median over the rounds with min–max, every ratio with the range of the
// rounds' own ratios, and each round's slowest operation against noble. The Chromium run
// enables WebAssembly's wide arithmetic (V8's flag for it, see WIDE_FLAGS), so the
// wide build (www/pkg/core-wide) is measured beside the usual one; start-up and sizes
// use a browser without the flag, as visitors have. Prints the tables and writes
// bench/results/<date>-chromium.json, <date>-node.json and latest.json.
//
//   node bench/run.mjs [--quick] [--rounds N] [--samples N] [--sample-ms MS]
//                      [--warmup-ms MS] [--where worker|page] [--no-wide]
//                      [--no-chromium] [--no-node] [--no-startup] [--loads N]
//                      [--pkg DIR] [--impls ours,ours-wide,webcrypto,noble] [--no-write]
//                      [--json FILE]
//
// "ours" is www/pkg/core: the playground's first module (www/pkg/first) runs the same
// code for the operations it has, but has no ECDSA, and makes X25519 public keys by the
// Montgomery ladder instead of dalek's Edwards tables. --pkg times another build of
// the module in Node (an experiment's wasm-bindgen output); the browser always loads
// www/pkg/core (and core-wide). --where page runs the bench on the page's main thread
// instead of the Web Worker. Sizes always come from a cold load in Chromium
// (bench/size.mjs). Runs bench/vendor.mjs itself; expects `make build` to have run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  startServer, launchBrowser, watch, ROOT,
} from '../tests/browser/harness.mjs';
import {
  PRESETS, IMPLEMENTATIONS, OPERATIONS, makeInputs, ours, webcrypto, noble, loadNoble, runAll,
  summarize, formatTable, formatRounds, formatRatio,
} from '../www/js/bench-core.js';
import { WIDE_PROBE, runsWideProbe } from '../www/js/wasm.js';
import { measureSizes, formatSizes } from './size.mjs';
import { measureInvalidCurve, formatInvalidCurve } from './attacks.mjs';
import { vendor } from './vendor.mjs';

const RESULTS = path.join(ROOT, 'bench', 'results');
const KB = 1000;
/** The issue's targets: reported, never asserted. */
const TARGETS = {
  moduleGzip: 80 * KB, firstPageGzip: 200 * KB, readyMs: 200, ecdhVsWebCrypto: 1 / 5, vsNoble: 2,
};
/**
 * The V8 flags that enable WebAssembly's wide-arithmetic proposal: Chromium 156 calls it
 * --wasm-wide-arithmetic, Chromium 148 (Debian's in December 2026)
 * --experimental-wasm-wide-arithmetic. V8 stops reading --js-flags at a name it does not
 * know, so they are tried one at a time.
 */
export const WIDE_FLAGS = ['--js-flags=--wasm-wide-arithmetic', '--js-flags=--experimental-wasm-wide-arithmetic'];

/**
 * Chromium launched with the flag of WIDE_FLAGS under which it runs the proposal (wasm.js's
 * probe of its four instructions: Chromium 148 compiles only two): { browser, flag }, or
 * { browser (without a flag), flag: null } when none does.
 */
export async function launchWide() {
  for (const flag of WIDE_FLAGS) {
    const browser = await launchBrowser([flag]);
    const page = await browser.newPage();
    const runs = await page.evaluate(runsWideProbe, [...WIDE_PROBE]);
    await page.close();
    if (runs) return { browser, flag };
    await browser.close();
  }
  return { browser: await launchBrowser(), flag: null };
}

function parseArgs(argv) {
  const opts = {
    quick: false, timing: {}, chromium: true, node: true, startup: true, write: true, loads: 7,
    pkg: path.join(ROOT, 'www', 'pkg', 'core'), impls: IMPLEMENTATIONS.map((i) => i.id),
    where: 'worker', wide: true,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--no-chromium') opts.chromium = false;
    else if (a === '--no-node') opts.node = false;
    else if (a === '--no-startup') opts.startup = false;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--no-wide') opts.wide = false;
    else if (a === '--where') opts.where = argv[(i += 1)];
    else if (a === '--rounds') opts.timing.rounds = Number(argv[(i += 1)]);
    else if (a === '--samples') opts.timing.samples = Number(argv[(i += 1)]);
    else if (a === '--sample-ms') opts.timing.sampleMs = Number(argv[(i += 1)]);
    else if (a === '--warmup-ms') opts.timing.warmupMs = Number(argv[(i += 1)]);
    else if (a === '--loads') opts.loads = Number(argv[(i += 1)]);
    else if (a === '--json') opts.json = path.resolve(argv[(i += 1)]);
    else if (a === '--pkg') opts.pkg = path.resolve(argv[(i += 1)]);
    else if (a === '--impls') opts.impls = argv[(i += 1)].split(',');
    else throw new Error(`unknown option ${a}; see the comment at the top of bench/run.mjs`);
  }
  return opts;
}

const say = (text) => process.stderr.write(`${text}\n`);

/* ---------- Node ---------- */

async function runNode({ pkg, impls, options }) {
  const glue = await import(pathToFileURL(path.join(pkg, 'ecdh_playground.js')).href);
  glue.initSync({ module: fs.readFileSync(path.join(pkg, 'ecdh_playground_bg.wasm')) });
  const inputs = makeInputs();
  const list = [];
  // Node 20's V8 has no wide arithmetic: the wide build runs in Chromium only.
  if (impls.includes('ours')) list.push(ours(glue, inputs));
  if (impls.includes('webcrypto')) list.push(await webcrypto(globalThis.crypto.subtle, inputs));
  const unavailable = [];
  if (impls.includes('noble')) {
    const lib = await loadNoble(pathToFileURL(path.join(ROOT, 'www', 'vendor', 'noble') + path.sep));
    if (lib) list.push(noble(lib, inputs));
    else unavailable.push('noble (www/vendor/noble missing: run node bench/vendor.mjs)');
  }
  const run = await runAll(list, {
    options,
    onProgress: (text, done, total) => { if (text !== 'done') say(`  node ${done + 1}/${total} ${text}`); },
  });
  return { environment: `Node ${process.version}`, unavailable, ...run };
}

/* ---------- Chromium: the bench page, and start-up of the playground ---------- */

async function runChromium(browser, server, { options, impls, where }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  await page.exposeFunction('__benchProgress', (text, done, total) => {
    if (text !== 'done') say(`  chromium ${done + 1}/${total} ${text}`);
  });
  const query = new URLSearchParams({
    run: '1', rounds: options.rounds, warmupMs: options.warmupMs, sampleMs: options.sampleMs,
    samples: options.samples, impls: impls.join(','), where,
  });
  await page.goto(new URL(`bench.html?${query}`, server.url).href);
  const handle = await page.waitForFunction(() => window.__benchResults || window.__benchError, null, {
    timeout: 30 * 60_000, polling: 500,
  });
  const outcome = await handle.jsonValue();
  if (typeof outcome === 'string') throw new Error(`the bench page failed: ${outcome}`);
  await watcher.assertClean('bench.html');
  await context.close();
  return { ...outcome, environment: `headless Chromium ${browser.version()}`, userAgent: outcome.environment };
}

// Runs in the playground page before its own scripts: times
// WebAssembly.compileStreaming (which compiles while the bytes arrive; wasm.js calls it
// while the glue is imported) and WebAssembly.instantiate(module, imports), and splits
// the glue's own WebAssembly.instantiateStreaming, where it is used, into those two
// steps; notes when body[data-ready] is set (after the first key pairs are made and
// shown). All in ms since navigation start (performance.now()). `streamed` says the
// module was compiled as it streamed in.
const STARTUP_PROBE = `(() => {
  const marks = (window.__startup = { streamed: false });
  const compileStreaming = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = async function (source) {
    const response = await source;
    marks.compileStart ??= performance.now();
    const module = await compileStreaming.call(this, response);
    marks.compiled ??= performance.now();
    marks.streamed = true;
    return module;
  };
  WebAssembly.instantiateStreaming = async function (source, imports) {
    marks.streamed = true;
    const response = await source;
    marks.compileStart ??= performance.now();
    const module = await WebAssembly.compileStreaming(response);
    marks.compiled ??= performance.now();
    const instance = await WebAssembly.instantiate(module, imports);
    marks.moduleReady ??= performance.now();
    return { module, instance };
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) {
    marks.instantiateStart ??= performance.now();
    return instantiate.apply(this, args).then((result) => {
      marks.moduleReady ??= performance.now();
      return result;
    });
  };
  new MutationObserver((_, observer) => {
    if (document.body?.dataset.ready === 'true') {
      marks.keysReady = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
})();`;

/** The phases of one load, in ms, from its marks (null where a mark is missing). */
function phases(m) {
  const span = (from, to) => (from === null || to === null ? null : to - from);
  return {
    // HTML, CSS and the JavaScript modules, until the .wasm is asked for (the preload link
    // in index.html asks early).
    beforeWasm: m.wasmRequested,
    wasmFetch: span(m.wasmRequested, m.wasmFetched),
    // The glue hands the response to the compiler only once the page's modules have run.
    waitForGlue: m.compileStart === null || m.wasmFetched === null ? null : Math.max(0, m.compileStart - m.wasmFetched),
    // compileStreaming compiles as the bytes arrive: what is left after the last byte.
    compileAfterFetch: m.compiled === null ? null : m.compiled - Math.max(m.wasmFetched ?? 0, m.compileStart ?? 0),
    compileStreaming: span(m.compileStart, m.compiled),
    // The compiled module waits for the glue's import, which waits behind the page's
    // first layout.
    waitToInstantiate: m.instantiateStart === null || m.compiled === null ? null : Math.max(0, m.instantiateStart - m.compiled),
    instantiate: span(m.instantiateStart ?? m.compiled, m.moduleReady),
    firstKeys: span(m.moduleReady, m.keysReady),
  };
}

export async function measureStartup(browser, server, loads) {
  const samples = [];
  for (let i = 0; i < loads; i += 1) {
    // A fresh context has an empty HTTP cache and no compiled-code cache: a cold load.
    const context = await browser.newContext();
    const page = await context.newPage();
    const watcher = await watch(page, server.origin);
    await page.addInitScript(STARTUP_PROBE);
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      const s = window.__startup;
      return {
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        wasmRequested: wasm?.startTime ?? null,
        wasmFetched: wasm?.responseEnd ?? null,
        compileStart: s.compileStart ?? null,
        compiled: s.compiled ?? null,
        instantiateStart: s.instantiateStart ?? null,
        moduleReady: s.moduleReady ?? null,
        keysReady: s.keysReady ?? null,
        streamed: s.streamed,
      };
    });
    samples.push({ ...marks, phases: phases(marks) });
    await watcher.assertClean('index.html');
    await context.close();
  }
  const stats = (list) => {
    const values = list.filter((v) => v !== null).sort((a, b) => a - b);
    if (values.length === 0) return null;
    const mid = values.length >> 1;
    return {
      median: values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2,
      min: values[0],
      max: values[values.length - 1],
    };
  };
  const summary = {};
  for (const key of ['responseEnd', 'domContentLoaded', 'wasmRequested', 'wasmFetched', 'compiled', 'moduleReady', 'keysReady']) {
    const s = stats(samples.map((x) => x[key]));
    if (s) summary[key] = s;
  }
  const phaseSummary = {};
  for (const key of Object.keys(samples[0].phases)) {
    const s = stats(samples.map((x) => x.phases[key]));
    if (s) phaseSummary[key] = s;
  }
  return { loads, samples, summary, phases: phaseSummary, streamed: samples.every((x) => x.streamed) };
}

/* ---------- Report ---------- */

export function formatStartup(startup) {
  const names = {
    responseEnd: 'HTML received', domContentLoaded: 'DOMContentLoaded', wasmRequested: '.wasm requested',
    wasmFetched: '.wasm fetched', compiled: 'module compiled', moduleReady: 'module ready (instantiated)',
    keysReady: 'first keys generated (data-ready)',
  };
  const fmt = (s) => `${s.median.toFixed(1).padStart(7)}  (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  const lines = [`ms since navigation, median of ${startup.loads} cold loads (min–max)`];
  for (const [key, label] of Object.entries(names)) {
    const s = startup.summary[key];
    if (s) lines.push(`  ${label.padEnd(40)} ${fmt(s)}`);
  }
  const phaseNames = {
    beforeWasm: 'HTML, CSS, JavaScript until the .wasm is asked for',
    wasmFetch: 'fetching the .wasm',
    waitForGlue: 'the .wasm waits for the page\'s JavaScript to ask',
    compileStreaming: `compiling it (${startup.streamed ? 'streamed: overlaps the fetch' : 'NOT streamed'})`,
    compileAfterFetch: 'of which after its last byte',
    waitToInstantiate: 'the compiled module waits for the glue\'s import',
    instantiate: 'instantiating',
    firstKeys: 'first key pairs made and shown',
  };
  lines.push('where the time goes, ms (median, min–max over the loads)');
  for (const [key, label] of Object.entries(phaseNames)) {
    const s = startup.phases?.[key];
    if (s) lines.push(`  ${label.padEnd(52)} ${fmt(s)}`);
  }
  return lines.join('\n');
}

/** Each target with whether this run met it. */
function checkTargets({ chromium, node, startup, startupHosted, sizes }) {
  const out = [];
  for (const [env, run] of [['chromium', chromium], ['node', node]]) {
    if (!run) continue;
    // ≥ 2× noble must hold in every round: the lowest of the rounds' ratios.
    for (const subject of ['ours', 'ours-wide']) {
      for (const row of summarize(run)) {
        const s = row.spreads[subject]?.noble;
        if (!s) continue;
        const name = subject === 'ours' ? '' : ' (wide build)';
        out.push({
          target: `${env}${name}: ${row.label} ≥ 2× noble in every round`,
          met: s.min >= TARGETS.vsNoble,
          value: `${formatRatio(s.median)} median, ${formatRatio(s.min)}–${formatRatio(s.max)} over ${run.rounds.length} rounds`,
        });
      }
    }
    for (const op of ['p256-ecdh', 'x25519-dh']) {
      const row = summarize(run).find((r) => r.op === op);
      if (row?.ratios.webcrypto !== undefined) {
        out.push({
          target: `${env}: ${row.label} within 5× of WebCrypto`,
          met: row.ratios.webcrypto >= TARGETS.ecdhVsWebCrypto,
          value: `${(1 / row.ratios.webcrypto).toFixed(2)}× slower`,
        });
      }
    }
  }
  if (sizes) {
    for (const [dir, p] of Object.entries(sizes.packages)) {
      const first = dir === sizes.firstPage.module ? ', the build the playground loads' : '';
      if (dir !== sizes.firstPage.module) continue;
      out.push({ target: `${dir}: .wasm + glue ≤ 80 KB gzip${first}`, met: p.total.gzip <= TARGETS.moduleGzip, value: `${(p.total.gzip / KB).toFixed(1)} KB` });
    }
    out.push({ target: 'whole first page ≤ 200 KB gzip', met: sizes.firstPage.total.gzip <= TARGETS.firstPageGzip, value: `${(sizes.firstPage.total.gzip / KB).toFixed(1)} KB` });
  }
  for (const [run, where] of [[startup, 'www/'], [startupHosted, 'as hosted, dist/site/']]) {
    if (!run?.summary.keysReady) continue;
    const ms = run.summary.keysReady.median;
    out.push({ target: `playground ready with keys ≤ 200 ms (median, cold; ${where})`, met: ms <= TARGETS.readyMs, value: `${ms.toFixed(0)} ms` });
  }
  return out;
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`, node: process.version,
    // Other work on the machine skews the numbers: the 1-minute load average at the start.
    loadAverageAtStart: Number(os.loadavg()[0].toFixed(2)),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.impls.includes('noble')) vendor();
  const options = { ...(opts.quick ? PRESETS.quick : PRESETS.full), ...opts.timing };
  const started = new Date();
  const report = {
    date: started.toISOString(), commit: gitCommit(), machine: machine(), options,
    noble: JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@noble', 'curves', 'package.json'), 'utf8')).version,
    operations: OPERATIONS, chromium: null, node: null, startup: null, sizes: null,
  };
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    report.browser = `Chromium ${browser.version()}`;
    report.sizes = await measureSizes({ browser, server });
    if (opts.startup) {
      say(`start-up: ${opts.loads} cold loads of the playground`);
      report.startup = await measureStartup(browser, server, opts.loads);
      // As hosted: dist/site (make dist), where the page's JavaScript is one bundle.
      if (fs.existsSync(path.join(ROOT, 'dist', 'site', 'js', 'index.bundle.js'))) {
        say(`start-up: ${opts.loads} cold loads of the playground as hosted (dist/site)`);
        const hosted = await startServer({ dir: path.join('dist', 'site') });
        try {
          report.startupHosted = await measureStartup(browser, hosted, opts.loads);
        } finally {
          await hosted.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
  try {
    if (opts.chromium) {
      // The bench itself in a Chromium with wide arithmetic on, so that the page measures
      // the wide build beside the usual one (the usual build runs the same either way).
      const launched = opts.wide ? await launchWide() : { browser: await launchBrowser(), flag: null };
      const benchBrowser = launched.browser;
      const flags = launched.flag ? [launched.flag] : [];
      try {
        if (opts.wide && !launched.flag) say(`Chromium ${benchBrowser.version()}: none of ${WIDE_FLAGS.join(', ')} makes it run WebAssembly's wide arithmetic; only the usual build is measured`);
        say(`Chromium ${benchBrowser.version()}${launched.flag ? ` with ${launched.flag}` : ''}: the bench page, run in ${opts.where === 'page' ? 'the page' : 'its Web Worker'}`);
        report.chromium = await runChromium(benchBrowser, server, { options, impls: opts.impls, where: opts.where });
        report.chromium.flags = flags;
        say('Chromium: the invalid-curve attack');
        report.invalidCurve = await measureInvalidCurve(benchBrowser, server, opts.quick ? 1 : 5);
      } finally {
        await benchBrowser.close();
      }
    }
  } finally {
    await server.stop();
  }
  if (opts.node) {
    say('Node: the same harness');
    report.node = await runNode({ pkg: opts.pkg, impls: opts.impls, options });
  }
  report.targets = checkTargets(report);
  report.machine.loadAverageAtEnd = Number(os.loadavg()[0].toFixed(2));

  const m = report.machine;
  const out = [`${m.cpu}, ${m.cores} cores; load average ${m.loadAverageAtStart} at the start, ${m.loadAverageAtEnd} at the end; commit ${report.commit}; noble ${report.noble}`, ''];
  const each = `${options.samples > 1 ? `${options.samples} samples` : 'a sample'} of ${options.sampleMs} ms after ${options.warmupMs} ms warm-up`;
  const header = (run, name) => {
    const lines = [`${name}: ${run.environment}; ${options.rounds} rounds, in each ${each} per operation; median over the rounds (min–max) of ops/s and of each round's ratio; ratio > 1: ours is faster; ours = www/pkg/core`];
    if (run.flags?.length) lines.push(`  launched with ${run.flags.join(' ')}: WebAssembly wide arithmetic on; "ours (wide)" is www/pkg/core-wide (+wide-arithmetic); run in ${run.where === 'worker' ? 'the page\'s Web Worker' : 'the page'}`);
    else if (run.where) lines.push(`  run in ${run.where === 'worker' ? 'the page\'s Web Worker' : 'the page'}; no wide arithmetic`);
    return lines.join('\n');
  };
  for (const [run, name] of [[report.chromium, 'Chromium'], [report.node, 'Node']]) {
    if (!run) continue;
    out.push(header(run, name), formatTable(run), ...formatRounds(run).map((line) => `  ${line}`));
    for (const u of run.unsupported) out.push(`  ${u.impl} has no ${u.op}: ${u.why}`);
    for (const u of run.unavailable ?? []) out.push(`  not run: ${u}`);
    out.push('');
  }
  if (report.startup) out.push(`Start-up of the playground page (/) from www/, its JavaScript as ~30 modules, in headless ${report.browser}`, formatStartup(report.startup), '');
  if (report.startupHosted) out.push(`Start-up of the playground page (/) as hosted, from dist/site/ (make dist): its JavaScript one bundle`, formatStartup(report.startupHosted), '');
  if (report.invalidCurve) out.push(formatInvalidCurve(report.invalidCurve), '');
  out.push(formatSizes(report.sizes), '');
  out.push('Targets (reported, not asserted; KB = 1000 bytes)');
  for (const t of report.targets) out.push(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}`);
  console.log(out.join('\n'));

  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.write) {
    fs.mkdirSync(RESULTS, { recursive: true });
    const day = started.toISOString().slice(0, 10);
    const write = (name, value) => {
      fs.writeFileSync(path.join(RESULTS, name), `${JSON.stringify(value, null, 2)}\n`);
      say(`wrote bench/results/${name}`);
    };
    const common = { date: report.date, commit: report.commit, machine: report.machine, options, noble: report.noble };
    if (report.chromium) write(`${day}-chromium.json`, { ...common, browser: report.browser, ...report.chromium, startup: report.startup, startupHosted: report.startupHosted, invalidCurve: report.invalidCurve, sizes: report.sizes });
    if (report.node) write(`${day}-node.json`, { ...common, ...report.node, sizes: report.sizes });
    write('latest.json', report);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
