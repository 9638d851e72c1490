// Part 2 of the curve lab: a toy curve over F_p (a preset, or any p, a, b typed in),
// plotted as a scatter with its symmetry line; its number of points; a base point G, the
// subgroup it generates, its order and the cofactor. The crate checks and computes
// (ToyCurve); a large curve is listed in the worker (jobs.js) with progress and Cancel.
// Every later part follows the curve and G chosen here (`lab.onChange`).
import { fieldError, show, onAction } from './dom.js';
import { createScatter } from './curve-scatter.js';
import { count, fieldPoint, readInteger, equation } from './curve-real-math.js';
import { runJob, JobCancelled } from './jobs.js';

/** The presets: [id, label, p, a, b, G (null: a point of largest order)]. */
export const PRESETS = [
  ['f17', 'y² = x³ + 2x + 2 over F_17 (19 points, a textbook example)', 17, 2, 2, { x: 5, y: 1 }],
  ['f97', 'y² = x³ + 2x + 3 over F_97 (100 points: a cofactor)', 97, 2, 3, null],
  ['f997', 'y² = x³ − 3x + 4 over F_997 (a = −3 like P-256; 983 points, prime)', 997, -3, 4, null],
];

/** Curves up to this p are listed on the page at once; larger ones in the worker. */
const SYNC_LIMIT = 20_000;
/** How many points are tried when looking for a G of largest order. */
const CANDIDATES = 40;

/**
 * Builds part 2. `lab` is the shared state ({ api }); this part fills lab.curve, lab.p,
 * lab.a, lab.b, lab.order, lab.flat, lab.G and lab.n, and calls every lab.onChange
 * listener when they change. Resolves once the first curve is drawn.
 */
export async function mountField({ byId, announce }, lab) {
  const { api } = lab;
  const preset = byId('c-preset');
  const fields = { p: byId('c-p'), a: byId('c-fa'), b: byId('c-fb') };
  const error = byId('c-field-error');
  const gFields = { x: byId('c-gx'), y: byId('c-gy') };
  const gError = byId('c-g-error');
  const scatter = createScatter(byId('c-field-plot'), 'The toy curve over F_p');
  const scanBox = byId('c-scan');
  const scanText = byId('c-scan-text');
  /** The AbortController of the listing running now, if any; null once it is replaced. */
  let scanning = null;

  const notify = () => {
    for (const listener of lab.listeners) listener();
  };

  const showG = () => {
    const { G, n, order } = lab;
    gFields.x.value = String(G?.x ?? '');
    gFields.y.value = String(G?.y ?? '');
    const h = order / n;
    byId('c-g-summary').textContent = G
      ? `G = ${fieldPoint(G)} has order n = ${count(n)}: its multiples G, 2G, …, ${count(n)}G = O are the subgroup ⟨G⟩ of ${count(n)} points, highlighted (O aside). Cofactor h = N / n = ${count(order)} / ${count(n)} = ${count(h)}${h === 1 ? ': G generates the whole group, as P-256\'s G does.' : `: ⟨G⟩ holds 1/${count(h)} of the group's points.`}`
      : '';
    const multiples = [];
    if (G && n <= 5000) {
      let R = G;
      for (let i = 1; i < n; i += 1) {
        multiples.push(R);
        R = lab.curve.add(R, G);
      }
    }
    scatter.layer('subgroup', multiples, { cls: 'subgroup' });
    scatter.layer('g', [G], { cls: 'base-point', labels: ['G'] });
  };

  /** Sets G (already checked) and tells the other parts. */
  const useG = (G) => {
    lab.G = G;
    lab.n = lab.curve.orderOf(G);
    fieldError(gFields.x, gError, '');
    gFields.y.removeAttribute('aria-invalid');
    showG();
    notify();
  };

  const largestOrderPoint = () => {
    const { flat } = lab;
    let best = null;
    for (let i = 0; i < Math.min(flat.length / 2, CANDIDATES); i += 1) {
      const P = { x: flat[2 * i], y: flat[2 * i + 1] };
      const n = lab.curve.orderOf(P);
      if (!best || n > best.n) best = { P, n };
      if (n === lab.order) break;
    }
    return best?.P ?? null;
  };

  /** Adopts a checked curve with its points listed; G: a point, or null to choose one. */
  const adopt = (curve, { p, a, b }, flat, G) => {
    lab.curve?.free();
    Object.assign(lab, { curve, p, a, b, flat, order: curve.order });
    const affine = flat.length / 2;
    const root = 2 * Math.sqrt(p);
    byId('c-field-summary').textContent = `${equation(a, b)} over F_${p} has N = ${count(lab.order)} points: ${count(affine)} (x, y) pairs and the point at infinity O. Hasse's theorem puts N within p + 1 ± 2√p, here ${count(Math.ceil(p + 1 - root))} to ${count(Math.floor(p + 1 + root))}. Each x gives two points (x, y) and (x, p − y), mirror images across y = p/2, or one with y = 0, or none.`;
    scatter.setCurve(p, flat, `${equation(a, b)} over F_${p}, ${count(affine)} points`);
    scatter.onPick((P) => {
      useG(P);
      announce(`G = ${fieldPoint(P)}, order ${count(lab.n)}`);
    });
    const start = G && curve.isOnCurve(G) ? G : largestOrderPoint();
    useG(start);
  };

  /**
   * Reads p, a, b; null if one is not a whole number. Every such field is marked and the
   * first one's message shown; the others are unmarked (fieldError would mark p).
   */
  const readFields = () => {
    const values = {};
    let first = null;
    for (const [name, field] of Object.entries(fields)) {
      const read = readInteger(field.value, name);
      if (read.error) {
        field.setAttribute('aria-invalid', 'true');
        first ??= read.error;
      } else {
        field.removeAttribute('aria-invalid');
        values[name] = read.value;
      }
    }
    error.textContent = first ?? '';
    show(error, Boolean(first));
    return first ? null : values;
  };

  /** Which field a crate error is about. */
  const fieldFor = (message) => (/^p |p = /.test(message) ? fields.p : /^a /.test(message) ? fields.a : fields.b);

  /**
   * Stops the listing still running, if any: its curve is no longer the one the fields
   * ask for. scan() sees it was replaced (scanning is no longer its controller) and stays
   * quiet; the line left here is what a refused draw shows, and what a new draw rewrites.
   */
  const stopScan = () => {
    if (!scanning) return;
    scanning.abort();
    scanning = null;
    scanText.textContent = `Stopped listing: still showing ${equation(lab.a, lab.b)} over F_${lab.p}.`;
  };

  const draw = async (G = null) => {
    // Whatever this draw ends in (drawn, listed, refused), a listing started before it is
    // for other fields: left to finish, it would replace the curve asked for now.
    stopScan();
    const values = readFields();
    if (!values) return false;
    let curve;
    try {
      curve = new api.ToyCurve(values.p, values.a, values.b);
    } catch (e) {
      // The fields keep what was typed; the message says what to change.
      for (const field of Object.values(fields)) field.removeAttribute('aria-invalid');
      fieldError(fieldFor(e.message), error, e.message);
      announce(e.message);
      return false;
    }
    for (const field of Object.values(fields)) field.removeAttribute('aria-invalid');
    fieldError(fields.p, error, '');
    if (values.p <= SYNC_LIMIT) {
      // The job line is about a listing, and this curve needs none.
      show(scanBox, false);
      adopt(curve, values, curve.pointsFlat(), G);
      announce(byId('c-field-summary').textContent);
      return true;
    }
    curve.free();
    return scan(values, G);
  };

  /** Lists a large curve in the worker (draw() has stopped any listing before it). */
  const scan = async (values, G) => {
    const controller = new AbortController();
    scanning = controller;
    const bar = byId('c-scan-progress');
    show(scanBox, true);
    bar.value = 0;
    scanText.textContent = `Listing the points of ${equation(values.a, values.b)} over F_${count(values.p)}…`;
    try {
      const { value, where } = await runJob('toy-scan', values, {
        signal: controller.signal,
        onProgress: ({ done, total }) => {
          if (scanning !== controller) return;
          bar.value = done / total;
          scanText.textContent = `Listing the points: x = ${count(done)} of ${count(total)} tried`;
        },
      });
      // Replaced by a later draw while the result was on its way: not the curve asked for.
      if (scanning !== controller) return false;
      bar.dataset.ranIn = where;
      const curve = new api.ToyCurve(values.p, values.a, values.b);
      adopt(curve, values, value.points, G);
      scanText.textContent = `Listed ${count(value.points.length / 2)} points ${where === 'worker' ? 'in a Web Worker, a thread of its own' : 'on the page, in slices'}: the page stayed responsive.`;
      announce(byId('c-field-summary').textContent);
      return true;
    } catch (e) {
      // Replaced by a later draw, which says what it did.
      if (scanning !== controller) return false;
      // Said in the job's line; the last curve stays drawn.
      scanText.textContent = e instanceof JobCancelled
        ? `Cancelled: still showing ${equation(lab.a, lab.b)} over F_${lab.p}.`
        : `The points could not be listed (${e.message}): still showing ${equation(lab.a, lab.b)} over F_${lab.p}.`;
      announce(scanText.textContent);
      return false;
    } finally {
      if (scanning === controller) scanning = null;
    }
  };

  byId('c-scan-cancel').addEventListener('click', () => scanning?.abort());

  const fillPreset = (id) => {
    const found = PRESETS.find(([key]) => key === id);
    if (!found) return null;
    const [, , p, a, b, G] = found;
    fields.p.value = String(p);
    fields.a.value = String(a);
    fields.b.value = String(b);
    return G;
  };

  for (const [id, label] of PRESETS) {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = label;
    preset.append(option);
  }
  const custom = document.createElement('option');
  custom.value = 'custom';
  custom.textContent = 'Your own p, a and b';
  preset.append(custom);

  preset.addEventListener('change', () => {
    if (preset.value === 'custom') {
      fields.p.focus();
      return;
    }
    draw(fillPreset(preset.value));
  });
  for (const field of Object.values(fields)) {
    field.addEventListener('input', () => {
      preset.value = 'custom';
    });
  }
  onAction(byId('c-field-form'), byId('c-field-draw'), () => {
    draw();
  });

  const readG = () => {
    const x = readInteger(gFields.x.value, 'x');
    const y = readInteger(gFields.y.value, 'y');
    const message = x.error ?? y.error;
    if (message) {
      fieldError(x.error ? gFields.x : gFields.y, gError, message);
      return null;
    }
    return { x: x.value, y: y.value };
  };
  onAction(byId('c-g-form'), byId('c-g-use'), () => {
    const G = readG();
    if (!G) return;
    try {
      lab.curve.orderOf(G);
    } catch (e) {
      // The crate's message names the point and the curve; the fields keep what was typed.
      fieldError(gFields.x, gError, e.message.replace(/^P = /, 'G = '));
      gFields.y.setAttribute('aria-invalid', 'true');
      announce(gError.textContent);
      return;
    }
    useG(G);
    announce(byId('c-g-summary').textContent);
  });
  byId('c-g-next').addEventListener('click', () => {
    const { flat, G } = lab;
    const all = flat.length / 2;
    if (all === 0) return;
    let i = 0;
    while (i < all && G && (flat[2 * i] !== G.x || flat[2 * i + 1] !== G.y)) i += 1;
    const next = (i + 1) % all;
    useG({ x: flat[2 * next], y: flat[2 * next + 1] });
    announce(byId('c-g-summary').textContent);
  });

  /** Switches to a preset (part 5 offers the curve with a cofactor). */
  lab.usePreset = async (id) => {
    preset.value = id;
    return draw(fillPreset(id));
  };

  preset.value = lab.startPreset ?? 'f17';
  await draw(fillPreset(preset.value));
}
