// SVG for the curve lab's plots: elements made with attributes, never from markup text.
const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (and text, if given). */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A polyline's `points` attribute from [{ x, y }] through `to` (data → SVG units). */
export const pointList = (points, to) => points.map((p) => {
  const [x, y] = to(p);
  return `${x.toFixed(3)},${y.toFixed(3)}`;
}).join(' ');

/** The SVG coordinates of a pointer event over `node`'s nearest <svg>. */
export function pointerIn(node, event) {
  const root = node.ownerSVGElement ?? node;
  const point = root.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  const matrix = root.getScreenCTM();
  if (!matrix) return null;
  const p = point.matrixTransform(matrix.inverse());
  return { x: p.x, y: p.y };
}
