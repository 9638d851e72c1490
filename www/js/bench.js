// The bench page: runs bench-core.js's harness in the visitor's browser and draws the
// table and a bar chart. The run is a job (bench-job.js) in the site's Web Worker
// (jobs.js, worker.js), so the page stays responsive and Cancel works; `?where=page`
// (or the "Run in" choice) runs the same job on the page instead, to compare. The
// module is the playground's build, core; where the browser has WebAssembly's wide
// arithmetic (wasm.js's wideArithmetic()) its wide build is measured too.
// `?quick=1` runs at once with tiny samples (the smoke test); `?run=1` runs at once,
// optionally with rounds, warmupMs, sampleMs, samples and impls (bench/run.mjs). When
// done, window.__benchResults holds the run and body[data-done="true"] is set; a failure
// is in window.__benchError; a cancelled run sets body[data-cancelled="true"].
import { ready, wideArithmetic } from './wasm.js';
import { byId, el, announce, show, copyFrom } from './dom.js';
import {
  PRESETS, IMPLEMENTATIONS, FLOW_DESCRIPTION, summarize, formatRate, formatRatio, ratioColumns,
  formatRounds,
} from './bench-core.js';
import { benchJob } from './bench-job.js';
import { runJob, JobCancelled } from './jobs.js';
import { CANCELLED, drive } from './job-runner.js';

const params = new URLSearchParams(window.location.search);
const SVG = 'http://www.w3.org/2000/svg';
const NAMES = Object.fromEntries(IMPLEMENTATIONS.map((i) => [i.id, i.name]));

/** The timing options: a preset, overridden by numbers in the query string. */
function timingOptions(preset) {
  const options = { ...PRESETS[preset] };
  for (const key of ['rounds', 'warmupMs', 'sampleMs', 'samples']) {
    const value = Number(params.get(key));
    if (params.has(key) && Number.isFinite(value) && value > 0) options[key] = value;
  }
  return options;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Grouped horizontal bars, one group per operation, scaled to its fastest implementation. */
function drawChart(rows, impls) {
  // Drawn at the container's width, so that text keeps its size on a phone.
  const width = Math.round(Math.min(760, Math.max(300, byId('chart').clientWidth || 600)));
  const valueRoom = 70;
  const bar = 14;
  const gap = 3;
  const chart = svg('svg', { role: 'img', 'aria-label': 'Bar chart of the table above: operations per second, each operation scaled to its fastest implementation' });
  const legend = svg('g');
  // As many legend entries on a line as fit the width.
  const perLine = Math.max(1, Math.floor(width / 115));
  impls.forEach((id, i) => {
    const x = (i % perLine) * 115;
    const top = Math.floor(i / perLine) * 18;
    legend.append(svg('rect', { x, y: top, width: 12, height: 12, class: id }));
    legend.append(svg('text', { x: x + 17, y: top + 11 }, NAMES[id]));
  });
  chart.append(legend);
  let y = 30 + Math.floor((impls.length - 1) / perLine) * 18;
  for (const row of rows) {
    const present = impls.filter((id) => row.rates[id]);
    if (present.length === 0) continue;
    const best = Math.max(...present.map((id) => row.rates[id].median));
    chart.append(svg('text', { x: 0, y: y + 12 }, row.label));
    y += 18;
    for (const id of impls) {
      const rate = row.rates[id];
      if (rate) {
        const w = Math.max(1, ((width - valueRoom) * rate.median) / best);
        const rect = svg('rect', { x: 0, y, width: w.toFixed(1), height: bar, class: id, 'data-op': row.op });
        rect.append(svg('title', {}, `${NAMES[id]}: ${formatRate(rate.median)} ops/s`));
        chart.append(rect);
        chart.append(svg('text', { x: (w + 4).toFixed(1), y: y + bar - 3, class: 'value' }, formatRate(rate.median)));
      } else {
        chart.append(svg('text', { x: 0, y: y + bar - 3, class: 'value' }, `${NAMES[id]}: not available`));
      }
      y += bar + gap;
    }
    y += 10;
  }
  chart.setAttribute('viewBox', `0 0 ${width} ${y}`);
  byId('chart').replaceChildren(chart);
}

function drawTable(run, rows, impls) {
  const columns = ratioColumns(run);
  const head = byId('bench-head');
  head.replaceChildren(el('th', { text: 'Operation', attrs: { scope: 'col' } }));
  for (const id of impls) head.append(el('th', { text: `${NAMES[id]} ops/s`, attrs: { scope: 'col' } }));
  for (const c of columns) head.append(el('th', { text: c.title, attrs: { scope: 'col' } }));
  const body = byId('bench-body');
  body.replaceChildren();
  for (const row of rows) {
    const tr = el('tr', { attrs: { 'data-op': row.op } });
    tr.append(el('th', { text: row.label, attrs: { scope: 'row' } }));
    for (const id of impls) {
      const r = row.rates[id];
      const cell = el('td', { attrs: { 'data-impl': id } });
      if (r) {
        cell.append(formatRate(r.median));
        cell.append(el('span', { cls: 'range', text: `${formatRate(r.min)}–${formatRate(r.max)}` }));
      } else {
        cell.textContent = 'n/a';
      }
      tr.append(cell);
    }
    for (const { subject, peer } of columns) {
      const s = row.spreads[subject]?.[peer];
      let cls;
      if (s) cls = s.median >= 1 ? 'faster' : 'slower';
      // data-ratio: the peer for ours (ours ÷ peer), "ours-wide/peer" for the wide build.
      const cell = el('td', { cls, attrs: { 'data-ratio': subject === 'ours' ? peer : `${subject}/${peer}` } });
      cell.append(formatRatio(s?.median));
      if (s && run.rounds?.length > 1) cell.append(el('span', { cls: 'range', text: `${formatRatio(s.min)}–${formatRatio(s.max)}` }));
      tr.append(cell);
    }
    body.append(tr);
  }
}

function render(run) {
  const impls = IMPLEMENTATIONS.map((i) => i.id).filter((id) => run.results.some((r) => r.impl === id));
  const rows = summarize(run);
  show(byId('results'), true); // before drawing: the chart takes the width it is shown at
  drawTable(run, rows, impls);
  drawChart(rows, impls);
  const { rounds, samples, sampleMs, warmupMs } = run.options;
  const where = run.where === 'worker' ? 'in a Web Worker' : 'on the page (main thread)';
  const perRound = samples > 1 ? `${samples} samples of ${sampleMs} ms` : `a sample of ${sampleMs} ms`;
  byId('environment').textContent = `${run.environment}. Run ${where}: ${rounds} rounds; in each, every operation warmed up for ${warmupMs} ms, then ${perRound}. Medians over the rounds (min–max).`;
  byId('rounds').replaceChildren(...formatRounds(run).map((line) => el('li', { text: line })));
  byId('flow-note').textContent = `Page flow: ${FLOW_DESCRIPTION}`;
  const notes = run.unsupported.map((u) => `${NAMES[u.impl]} has no ${u.op}: ${u.why}.`);
  byId('unsupported').textContent = notes.join(' ');
  show(byId('unsupported'), notes.length > 0);
  byId('json').textContent = JSON.stringify(run, null, 2);
}

/** Says which implementations could not run, and why. */
function noteUnavailable(unavailable) {
  if (unavailable.includes('noble')) {
    byId('noble-note').textContent = 'noble is not available on this server (www/vendor/noble is missing: `node bench/vendor.mjs` copies it), so only ours and WebCrypto are compared.';
  }
  show(byId('noble-note'), unavailable.includes('noble'));
  if (unavailable.includes('webcrypto')) {
    // crypto.subtle exists only in secure contexts: https, or http://localhost.
    byId('webcrypto-note').textContent = 'WebCrypto is not available: browsers offer it only on https pages (or http://localhost), so only ours and noble are compared.';
  }
  show(byId('webcrypto-note'), unavailable.includes('webcrypto'));
}

/** The same job on the page, in slices (as jobs.js does where no worker can be made). */
async function runOnPage(params, { onProgress, signal }) {
  const api = await ready(params.build, { exact: true });
  const value = await drive(benchJob(api, params), { onProgress, cancelled: () => signal.aborted });
  if (value === CANCELLED) throw new JobCancelled();
  return { value, where: 'page' };
}

function main() {
  const status = byId('status');
  const runButton = byId('run');
  const cancelButton = byId('cancel');
  const preset = byId('preset');
  const where = byId('where');
  const progress = byId('progress');
  const wanted = (params.get('impls') ?? 'ours,ours-wide,webcrypto,noble').split(',');
  if (params.get('quick') === '1') preset.value = 'quick';
  if (params.get('where') === 'page') where.value = 'page';
  const wide = wideArithmetic();
  byId('wide-note').textContent = wide
    ? 'This browser has WebAssembly wide arithmetic (a 64×64→128-bit multiply): the module built to use it is measured too, as "ours (wide)", and the playground loads it here.'
    : 'This browser has no WebAssembly wide arithmetic (a 64×64→128-bit multiply, not yet on by default in any browser; Chromium 156 has it behind --js-flags=--wasm-wide-arithmetic, while Chromium 148 compiles only part of it), so only the usual build is measured.';
  let controller = null;

  const run = async () => {
    controller = new AbortController();
    runButton.disabled = true;
    preset.disabled = true;
    where.disabled = true;
    cancelButton.disabled = false;
    show(cancelButton, true);
    show(progress, true);
    progress.value = 0;
    delete document.body.dataset.done;
    delete document.body.dataset.cancelled;
    status.classList.remove('bad');
    status.textContent = 'Starting…';
    const jobParams = { build: 'core', wide, impls: wanted, options: timingOptions(preset.value) };
    const onProgress = ({ done, total, text }) => {
      progress.value = done / total;
      status.textContent = `Measuring ${text} (${done + 1} of ${total})…`;
      window.__benchProgress?.(text, done, total);
    };
    try {
      const { value, where: ranIn } = where.value === 'page'
        ? await runOnPage(jobParams, { onProgress, signal: controller.signal })
        : await runJob('bench', jobParams, { onProgress, signal: controller.signal });
      const report = { ...value, where: ranIn };
      noteUnavailable(report.unavailable);
      if (report.unavailable.includes('ours-wide')) {
        byId('wide-note').textContent = `This browser has WebAssembly wide arithmetic, but the module built to use it could not be loaded (${report.wideError}), so only the usual build is measured.`;
      }
      render(report);
      status.textContent = 'Done.';
      announce('Benchmarks finished: the table is below.');
      window.__benchResults = report;
      document.body.dataset.done = 'true';
    } catch (e) {
      if (e instanceof JobCancelled) {
        status.textContent = 'Cancelled. Press Run to start again.';
        announce('Benchmarks cancelled.');
        document.body.dataset.cancelled = 'true';
      } else {
        status.textContent = `The benchmark failed: ${e.message}`;
        status.classList.add('bad');
        window.__benchError = status.textContent;
      }
    } finally {
      controller = null;
      runButton.disabled = false;
      preset.disabled = false;
      where.disabled = false;
      cancelButton.disabled = true;
      show(cancelButton, false);
      show(progress, false);
      runButton.focus();
    }
  };

  runButton.addEventListener('click', run);
  cancelButton.addEventListener('click', () => controller?.abort());
  byId('copy-json').addEventListener('click', () => copyFrom(byId('json'), byId('copy-json')));
  runButton.disabled = false;
  status.textContent = 'Ready. Press Run to start.';
  document.body.dataset.ready = 'true';
  if (params.get('quick') === '1' || params.get('run') === '1') run();
}

main();
