// Part 1 of the curve lab: y² = x³ + ax + b over the reals. a and b from sliders or
// number fields; the curve in SVG; P and Q dragged, or moved along the curve with the
// arrow keys; the line through them (the tangent when P = Q), the third point where it
// meets the curve and its reflection P + Q, with the formulas and their numbers. A
// vertical line gives the point at infinity; a singular curve is drawn and explained.
import { fieldError, show, el } from './dom.js';
import { svg, pointList, pointerIn } from './curve-svg.js';
import {
  VIEW, traceCurve, nearest, move, addReal, singularity, discriminant, num, short, term, realPoint, equation,
} from './curve-real-math.js';

const LIMIT = 5;
const SCALE = 40; // SVG units per unit of the plane
const toSvg = ({ x, y }) => [(x - VIEW.xMin) * SCALE, (VIEW.yMax - y) * SCALE];
const fromSvg = ({ x, y }) => ({ x: x / SCALE + VIEW.xMin, y: VIEW.yMax - y / SCALE });

const SINGULAR = {
  cusp: 'a cusp at (0, 0): the curve comes to a point there, with no tangent',
  node: 'a node at ($x, 0): the curve crosses itself there, with two tangents',
  isolated: 'an isolated point at ($x, 0), away from the rest of the curve, where no tangent is defined',
};

/** Reads a or b from its number field: { value } or { error }. */
function readCoefficient(field, name) {
  const text = field.value.trim();
  const value = Number(text.replace('−', '-'));
  if (text === '' || !Number.isFinite(value)) return { error: `${name} must be a number, got “${field.value}”` };
  if (Math.abs(value) > LIMIT) return { error: `${name} must be between −${LIMIT} and ${LIMIT} for this picture, got ${field.value}` };
  return { value };
}

/** Builds part 1 in the elements of `byId`; returns nothing (it needs no module). */
export function mountReals({ byId, announce }) {
  const plot = byId('c-real-plot');
  const width = (VIEW.xMax - VIEW.xMin) * SCALE;
  const height = (VIEW.yMax - VIEW.yMin) * SCALE;
  plot.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const fields = {
    a: { number: byId('c-a'), range: byId('c-a-range') },
    b: { number: byId('c-b'), range: byId('c-b-range') },
  };
  const error = byId('c-ab-error');
  const state = { a: -2, b: 2, components: [], P: null, Q: null };

  // Layers, back to front.
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (let x = Math.ceil(VIEW.xMin); x <= VIEW.xMax; x += 1) {
    const [sx] = toSvg({ x, y: 0 });
    grid.append(svg('line', { x1: sx, y1: 0, x2: sx, y2: height, class: x === 0 ? 'axis' : '' }));
  }
  for (let y = Math.ceil(VIEW.yMin); y <= VIEW.yMax; y += 1) {
    const [, sy] = toSvg({ x: 0, y });
    grid.append(svg('line', { x1: 0, y1: sy, x2: width, y2: sy, class: y === 0 ? 'axis' : '' }));
  }
  const curveLayer = svg('g', { class: 'real-curve', 'aria-hidden': 'true' });
  const lineLayer = svg('g', { class: 'chord', 'aria-hidden': 'true' });
  const resultLayer = svg('g', { class: 'result', 'aria-hidden': 'true' });
  const handleLayer = svg('g', { class: 'handles' });
  plot.append(grid, curveLayer, lineLayer, resultLayer, handleLayer);

  const handles = {};
  for (const name of ['P', 'Q']) {
    const group = svg('g', {
      class: `handle handle-${name}`,
      tabindex: '0',
      role: 'slider',
      'aria-label': `Point ${name}: the arrow keys move it along the curve`,
      'aria-valuemin': '0',
    });
    group.append(svg('circle', { r: 9, class: 'hit' }), svg('circle', { r: 6 }), svg('text', { dx: 9, dy: -9 }, name));
    handleLayer.append(group);
    handles[name] = group;
  }

  const at = (where) => where && state.components[where.component]?.points[where.index];

  const placeHandle = (name) => {
    const where = state[name];
    const group = handles[name];
    const point = at(where);
    show(group, Boolean(point));
    if (!point) return;
    const [x, y] = toSvg(point);
    group.setAttribute('transform', `translate(${x.toFixed(2)} ${y.toFixed(2)})`);
    const { points } = state.components[where.component];
    group.setAttribute('aria-valuemax', String(points.length - 1));
    group.setAttribute('aria-valuenow', String(where.index));
    group.setAttribute('aria-valuetext', `${name} = ${realPoint(point)}`);
  };

  const formulas = byId('c-real-formulas');
  const row = (label, text) => [el('dt', { text: label }), el('dd', { text })];

  const drawSum = () => {
    lineLayer.replaceChildren();
    resultLayer.replaceChildren();
    const P = at(state.P);
    const Q = at(state.Q);
    if (!P || !Q) {
      formulas.replaceChildren(...row('P and Q', 'This curve has no points in the picture: choose other a and b.'));
      byId('c-real-sum').textContent = '';
      return;
    }
    const r = addReal(P, Q, state.a);
    const lines = [
      ...row('P', realPoint(P)),
      ...row('Q', `${realPoint(Q)}${r.tangent ? ' = P' : ''}`),
    ];
    if (r.infinity) {
      const [x] = toSvg(P);
      lineLayer.append(svg('line', { x1: x, y1: 0, x2: x, y2: height, class: 'vertical' }));
      resultLayer.append(svg('text', { x: x + 6, y: 16, class: 'infinity-label' }, '↑ O, the point at infinity'));
      lines.push(...row('Line', r.tangent
        ? `P has y = 0: its tangent is vertical (slope (3x² + a) / 2y divides by 0)`
        : `x_P = x_Q and y_Q = −y_P: the line through P and Q is vertical`));
      lines.push(...row('P + Q', 'O, the point at infinity. A vertical line meets the curve in only two points; the third is O, which every vertical line passes through "at the top and bottom" of the plane. O is the group\'s zero: P + O = P, and Q = −P is the reflection of P.'));
      byId('c-real-sum').textContent = `${r.tangent ? '2P' : 'P + Q'} = O, the point at infinity`;
    } else {
      const { slope, third, sum } = r;
      const y = (x) => P.y + slope * (x - P.x);
      const [x1, y1] = toSvg({ x: VIEW.xMin, y: y(VIEW.xMin) });
      const [x2, y2] = toSvg({ x: VIEW.xMax, y: y(VIEW.xMax) });
      lineLayer.append(svg('line', { x1, y1, x2, y2, class: r.tangent ? 'tangent' : 'line' }));
      const [tx, ty] = toSvg(third);
      const [sx, sy] = toSvg(sum);
      resultLayer.append(
        svg('line', { x1: tx, y1: ty, x2: sx, y2: sy, class: 'reflect' }),
        svg('circle', { cx: tx, cy: ty, r: 5, class: 'third' }),
        svg('circle', { cx: sx, cy: sy, r: 6, class: 'sum' }),
        svg('text', { x: tx + 8, y: ty - 8 }, '−(P+Q)'),
        svg('text', { x: sx + 8, y: sy + 16, class: 'sum-label' }, r.tangent ? '2P' : 'P+Q'),
      );
      lines.push(...row('Slope m', r.tangent
        ? `(3x_P² + a) / (2y_P) = (3 · ${term(P.x)}² + ${term(state.a)}) / (2 · ${term(P.y)}) = ${num(slope)}  (the tangent, since Q = P)`
        : `(y_Q − y_P) / (x_Q − x_P) = (${num(Q.y)} − ${term(P.y)}) / (${num(Q.x)} − ${term(P.x)}) = ${num(slope)}`));
      lines.push(...row('x₃', `m² − x_P − x_Q = ${term(slope)}² − ${term(P.x)} − ${term(Q.x)} = ${num(sum.x)}`));
      lines.push(...row('y₃', `m(x_P − x₃) − y_P = ${term(slope)} · (${num(P.x)} − ${term(sum.x)}) − ${term(P.y)} = ${num(sum.y)}`));
      lines.push(...row('Third point', `The line meets the curve again at ${realPoint(third)} = −(P + Q)`));
      lines.push(...row(r.tangent ? '2P' : 'P + Q', `${realPoint(sum)}, the third point reflected in the x-axis`));
      const outside = Math.abs(sum.y) > VIEW.yMax || sum.x > VIEW.xMax || sum.x < VIEW.xMin;
      byId('c-real-sum').textContent = `${r.tangent ? '2P' : 'P + Q'} = ${realPoint(sum)}${outside ? ' (outside the picture)' : ''}`;
    }
    formulas.replaceChildren(...lines);
  };

  const drawCurve = () => {
    const { a, b } = state;
    const previous = { P: at(state.P), Q: at(state.Q) };
    state.components = traceCurve(a, b);
    curveLayer.replaceChildren(...state.components.map((c) => svg(c.closed ? 'polygon' : 'polyline', {
      points: pointList(c.points, toSvg),
    })));
    const singular = singularity(a, b);
    if (singular?.kind === 'isolated') {
      const [x, y] = toSvg({ x: singular.x, y: 0 });
      curveLayer.append(svg('circle', { cx: x, cy: y, r: 4, class: 'isolated' }));
    }
    // P and Q stay where they were, as near as the new curve allows.
    const keep = (p, fallback) => (p ? nearest(state.components, p.x, p.y) : fallback());
    const start = () => nearest(state.components, -1, 3) ?? null;
    state.P = keep(previous.P, start);
    state.Q = keep(previous.Q, () => nearest(state.components, 2, -2.5));
    byId('c-real-equation').textContent = `${equation(a, b, short)}; 4a³ + 27b² = ${short(discriminant(a, b))}`;
    const note = byId('c-real-singular');
    if (singular) {
      note.textContent = `4a³ + 27b² = 0: this curve is singular. It has ${SINGULAR[singular.kind].replace('$x', num(singular.x))}. At a singular point the chord-and-tangent rule breaks down, and the points no longer form a group, so an elliptic curve must have 4a³ + 27b² ≠ 0. (The points away from it still add; such curves are weak in cryptography: their discrete logarithm maps onto an easier one.)`;
    }
    show(note, Boolean(singular));
    placeHandle('P');
    placeHandle('Q');
    drawSum();
  };

  const setCoefficient = (name, value, from) => {
    state[name] = value;
    if (from !== 'number') fields[name].number.value = String(value);
    if (from !== 'range') fields[name].range.value = String(value);
    drawCurve();
  };

  for (const name of ['a', 'b']) {
    const { number, range } = fields[name];
    range.addEventListener('input', () => {
      fieldError(number, error, '');
      setCoefficient(name, Number(range.value), 'range');
    });
    number.addEventListener('input', () => {
      const read = readCoefficient(number, name);
      // What was typed stays in the field; the picture waits for a valid number.
      fieldError(number, error, read.error ?? '');
      if (read.error === undefined) setCoefficient(name, read.value, 'number');
    });
  }

  const say = (name) => announce(`${name} = ${realPoint(at(state[name]))}. ${byId('c-real-sum').textContent}`);

  for (const name of ['P', 'Q']) {
    const group = handles[name];
    group.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[event.key];
      if (!step || !state[name]) return;
      event.preventDefault();
      state[name] = move(state.components, state[name], step);
      placeHandle(name);
      drawSum();
      say(name);
    });
    group.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      group.focus();
      group.setPointerCapture(event.pointerId);
      const drag = (e) => {
        const p = pointerIn(plot, e);
        if (!p) return;
        const q = fromSvg(p);
        state[name] = nearest(state.components, q.x, q.y) ?? state[name];
        placeHandle(name);
        drawSum();
      };
      const stop = () => {
        group.removeEventListener('pointermove', drag);
        say(name);
      };
      group.addEventListener('pointermove', drag);
      group.addEventListener('pointerup', stop, { once: true });
      group.addEventListener('pointercancel', stop, { once: true });
    });
  }

  byId('c-q-equals-p').addEventListener('click', () => {
    state.Q = state.P && { ...state.P };
    placeHandle('Q');
    drawSum();
    say('Q');
  });
  byId('c-q-minus-p').addEventListener('click', () => {
    const P = at(state.P);
    if (!P) return;
    // The vertex with the same x and the opposite y (the curve is symmetric).
    state.Q = nearest(state.components, P.x, -P.y);
    placeHandle('Q');
    drawSum();
    say('Q');
  });

  for (const name of ['a', 'b']) {
    fields[name].number.value = String(state[name]);
    fields[name].range.value = String(state[name]);
  }
  drawCurve();
}
