// The bench page: runs bench-core.js's harness in the visitor's browser and draws the
// table and a bar chart. `?quick=1` runs at once with tiny samples (the smoke test);
// `?run=1` runs at once, optionally with warmupMs, sampleMs, samples and impls
// (bench/run.mjs). When done, window.__benchResults holds the run and
// body[data-done="true"] is set; a failure is in window.__benchError.
import { ready } from './wasm.js';
import { byId, el, announce, show, copyFrom } from './dom.js';
import {
  PRESETS, IMPLEMENTATIONS, FLOW_DESCRIPTION, makeInputs, ours, webcrypto, noble, loadNoble,
  runAll, summarize, formatRate, formatRatio,
} from './bench-core.js';

const params = new URLSearchParams(window.location.search);
const SVG = 'http://www.w3.org/2000/svg';
const NAMES = Object.fromEntries(IMPLEMENTATIONS.map((i) => [i.id, i.name]));

/** The timing options: a preset, overridden by numbers in the query string. */
function timingOptions(preset) {
  const options = { ...PRESETS[preset] };
  for (const key of ['warmupMs', 'sampleMs', 'samples']) {
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
  impls.forEach((id, i) => {
    legend.append(svg('rect', { x: i * 115, y: 0, width: 12, height: 12, class: id }));
    legend.append(svg('text', { x: i * 115 + 17, y: 11 }, NAMES[id]));
  });
  chart.append(legend);
  let y = 30;
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

function drawTable(rows, impls) {
  const peers = impls.filter((id) => id !== 'ours');
  const head = byId('bench-head');
  head.replaceChildren(el('th', { text: 'Operation', attrs: { scope: 'col' } }));
  for (const id of impls) head.append(el('th', { text: `${NAMES[id]} ops/s`, attrs: { scope: 'col' } }));
  for (const id of peers) head.append(el('th', { text: `ours ÷ ${NAMES[id]}`, attrs: { scope: 'col' } }));
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
    for (const id of peers) {
      const ratio = row.ratios[id];
      let cls;
      if (ratio !== undefined) cls = ratio >= 1 ? 'faster' : 'slower';
      tr.append(el('td', { cls, text: formatRatio(ratio), attrs: { 'data-ratio': id } }));
    }
    body.append(tr);
  }
}

function render(run) {
  const impls = IMPLEMENTATIONS.map((i) => i.id).filter((id) => run.results.some((r) => r.impl === id));
  const rows = summarize(run);
  show(byId('results'), true); // before drawing: the chart takes the width it is shown at
  drawTable(rows, impls);
  drawChart(rows, impls);
  const { samples, sampleMs, warmupMs } = run.options;
  byId('environment').textContent = `${run.environment}. ${samples} samples of ${sampleMs} ms each after ${warmupMs} ms of warm-up.`;
  byId('flow-note').textContent = `Page flow: ${FLOW_DESCRIPTION}`;
  const notes = run.unsupported.map((u) => `${NAMES[u.impl]} has no ${u.op}: ${u.why}.`);
  byId('unsupported').textContent = notes.join(' ');
  show(byId('unsupported'), notes.length > 0);
  byId('json').textContent = JSON.stringify(run, null, 2);
}

async function main() {
  const status = byId('status');
  const runButton = byId('run');
  const preset = byId('preset');
  const progress = byId('progress');
  const wanted = (params.get('impls') ?? 'ours,webcrypto,noble').split(',');
  if (params.get('quick') === '1') preset.value = 'quick';

  let api;
  let lib;
  try {
    [api, lib] = await Promise.all([ready(), loadNoble(new URL('../vendor/noble/', import.meta.url))]);
  } catch (e) {
    status.textContent = `The WebAssembly module could not be loaded: ${e.message}`;
    status.classList.add('bad');
    window.__benchError = status.textContent;
    return;
  }
  const unavailable = [];
  if (!lib && wanted.includes('noble')) {
    unavailable.push('noble');
    const note = byId('noble-note');
    note.textContent = 'noble is not available on this server (www/vendor/noble is missing: `node bench/vendor.mjs` copies it), so only ours and WebCrypto are compared.';
    show(note, true);
  }

  const run = async () => {
    runButton.disabled = true;
    preset.disabled = true;
    show(progress, true);
    try {
      const inputs = makeInputs();
      const list = [];
      if (wanted.includes('ours')) list.push(ours(api, inputs));
      if (wanted.includes('webcrypto')) {
        if (globalThis.crypto?.subtle) {
          list.push(await webcrypto(crypto.subtle, inputs));
        } else if (!unavailable.includes('webcrypto')) {
          // crypto.subtle exists only in secure contexts: https, or http://localhost.
          unavailable.push('webcrypto');
          const note = byId('webcrypto-note');
          note.textContent = 'WebCrypto is not available: browsers offer it only on https pages (or http://localhost), so only ours and noble are compared.';
          show(note, true);
        }
      }
      if (lib && wanted.includes('noble')) list.push(noble(lib, inputs));
      const result = await runAll(list, {
        options: timingOptions(preset.value),
        onProgress: (text, done, total) => {
          progress.value = done / total;
          status.textContent = text === 'done' ? 'Done.' : `Measuring ${text} (${done + 1} of ${total})…`;
          window.__benchProgress?.(text, done, total);
        },
      });
      const report = { environment: navigator.userAgent, unavailable, ...result };
      render(report);
      status.textContent = 'Done.';
      announce('Benchmarks finished: the table is below.');
      window.__benchResults = report;
      document.body.dataset.done = 'true';
    } catch (e) {
      status.textContent = `The benchmark failed: ${e.message}`;
      status.classList.add('bad');
      window.__benchError = status.textContent;
    } finally {
      runButton.disabled = false;
      preset.disabled = false;
      show(progress, false);
    }
  };

  runButton.addEventListener('click', run);
  byId('copy-json').addEventListener('click', () => copyFrom(byId('json'), byId('copy-json')));
  runButton.disabled = false;
  status.textContent = 'Ready. Press Run to start.';
  document.body.dataset.ready = 'true';
  if (params.get('quick') === '1' || params.get('run') === '1') run();
}

main();
