// The scatter plot of a toy curve over F_p, shared by parts 2 to 5 of the curve lab:
// every point as a dot (SVG circles for a small curve; a canvas under the SVG when there
// are too many for the DOM), the symmetry line y = p/2, and named layers of highlighted
// points drawn on top. A click picks the nearest point (mouse only: the parts give every
// choice a field too).
import { svg, pointerIn } from './curve-svg.js';
import { fieldPoint } from './curve-real-math.js';

const SIZE = 400;
const MARGIN = 24;
/** Above this many points the dots go on a canvas. */
const SVG_LIMIT = 4000;

/**
 * A scatter plot in `host` (a div), described to screen readers as `label`. Returns
 * { setCurve(p, flat), layer(name, points, options), clear(name), onPick(fn) }.
 */
export function createScatter(host, label) {
  host.classList.add('scatter');
  const canvas = document.createElement('canvas');
  canvas.className = 'scatter-canvas';
  canvas.width = SIZE * 2;
  canvas.height = SIZE * 2;
  canvas.setAttribute('aria-hidden', 'true');
  const root = svg('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'img', class: 'scatter-svg' });
  const title = svg('title');
  const frame = svg('g', { class: 'frame', 'aria-hidden': 'true' });
  const base = svg('g', { class: 'dots', 'aria-hidden': 'true' });
  const layers = svg('g', { class: 'layers', 'aria-hidden': 'true' });
  root.append(title, frame, base, layers);
  host.replaceChildren(canvas, root);
  const named = new Map();
  let p = 2;
  let flat = new Uint32Array(0);
  let pick = null;

  const span = SIZE - 2 * MARGIN;
  const at = (x, y) => [MARGIN + ((x + 0.5) / p) * span, SIZE - MARGIN - ((y + 0.5) / p) * span];
  const radius = () => Math.max(1.2, Math.min(5, span / p / 1.5));

  // One pixel per point, written straight into the image: a million fillRect calls
  // would take a second per plot.
  const drawCanvas = () => {
    const context = canvas.getContext('2d');
    const image = context.createImageData(canvas.width, canvas.height);
    const [r, g, b] = (getComputedStyle(host).color.match(/\d+/g) ?? [128, 128, 128]).map(Number);
    const scale = canvas.width / SIZE;
    for (let i = 0; i < flat.length; i += 2) {
      const [x, y] = at(flat[i], flat[i + 1]);
      const at4 = 4 * (Math.floor(y * scale) * canvas.width + Math.floor(x * scale));
      image.data[at4] = r;
      image.data[at4 + 1] = g;
      image.data[at4 + 2] = b;
      image.data[at4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  };

  const api = {
    /** Draws the curve over F_p whose affine points are `points` ([x0, y0, …]). */
    setCurve(prime, points, description) {
      p = prime;
      flat = points;
      title.textContent = `${label}: ${description}`;
      const [x0, y0] = at(-0.5, -0.5);
      const [x1, y1] = at(p - 0.5, p - 0.5);
      const [, mid] = at(0, (p - 1) / 2);
      frame.replaceChildren(
        svg('rect', { x: x0, y: y1, width: x1 - x0, height: y0 - y1, class: 'box' }),
        svg('line', { x1: x0, x2: x1, y1: mid, y2: mid, class: 'symmetry' }),
        svg('text', { x: x0, y: SIZE - 6 }, '0'),
        svg('text', { x: x1, y: SIZE - 6, 'text-anchor': 'end' }, `x → ${p - 1}`),
        svg('text', { x: 4, y: y1 + 10 }, String(p - 1)),
        svg('text', { x: x1, y: mid - 4, 'text-anchor': 'end', class: 'symmetry-label' }, 'y = p/2'),
      );
      const dots = flat.length / 2 <= SVG_LIMIT;
      host.classList.toggle('many', !dots);
      const r = radius();
      base.replaceChildren();
      if (dots) {
        for (let i = 0; i < flat.length; i += 2) {
          const [cx, cy] = at(flat[i], flat[i + 1]);
          base.append(svg('circle', { cx: cx.toFixed(2), cy: cy.toFixed(2), r: r.toFixed(2) }));
        }
      } else {
        drawCanvas();
      }
      for (const name of [...named.keys()]) api.clear(name);
    },
    /**
     * Draws `points` (toy points, null for O is skipped) as layer `name` with CSS class
     * `cls`; `labels` names each; `path` joins them in order with arrows.
     */
    layer(name, points, { cls = name, labels = [], path = false } = {}) {
      let group = named.get(name);
      if (!group) {
        group = svg('g', { class: `layer ${cls}` });
        named.set(name, group);
        layers.append(group);
      }
      group.setAttribute('class', `layer ${cls}`);
      group.replaceChildren();
      const r = Math.max(3, radius() * 1.6);
      const shown = points.map((pt, i) => ({ pt, label: labels[i] })).filter(({ pt }) => pt);
      if (path && shown.length > 1) {
        const d = shown.map(({ pt }, i) => `${i ? 'L' : 'M'}${at(pt.x, pt.y).map((v) => v.toFixed(1)).join(' ')}`).join(' ');
        group.append(svg('path', { d, class: 'trail' }));
      }
      for (const { pt, label: text } of shown) {
        const [cx, cy] = at(pt.x, pt.y);
        group.append(svg('circle', { cx: cx.toFixed(2), cy: cy.toFixed(2), r: r.toFixed(2) }));
        if (text) group.append(svg('text', { x: (cx + r + 2).toFixed(1), y: (cy - r - 2).toFixed(1) }, text));
      }
    },
    clear(name) {
      named.get(name)?.replaceChildren();
    },
    /** Calls `fn(point)` with the point nearest a click. */
    onPick(fn) {
      pick = fn;
    },
  };

  root.addEventListener('click', (event) => {
    if (!pick || flat.length === 0) return;
    const q = pointerIn(root, event);
    if (!q) return;
    let best = null;
    for (let i = 0; i < flat.length; i += 2) {
      const [x, y] = at(flat[i], flat[i + 1]);
      const d = (x - q.x) ** 2 + (y - q.y) ** 2;
      if (!best || d < best.d) best = { d, point: { x: flat[i], y: flat[i + 1] } };
    }
    if (best && best.d < 400) pick(best.point);
  });
  return api;
}

/** A short description of points for a plot's title. */
export const describe = (points) => points.filter(Boolean).map(fieldPoint).join(', ');
