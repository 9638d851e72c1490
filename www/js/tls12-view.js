// DOM builders for the TLS 1.2 page: the sequence diagram's rows, a step's bytes as
// focusable fields, the formulas. Data is written with textContent only (through el).
import { el } from './dom.js';
import { fromHex, fromUtf8 } from './bytes.js';
import {
  byteCount, fieldText, isLengthField, printable, routeText, segments,
} from './tls12-steps.js';

/**
 * A step's bytes as one focusable span per field. Hovering or focusing a field writes
 * its name and meaning into `info` (which each span names with aria-describedby). The
 * fields are one Tab stop (a roving tabindex): Left/Right/Home/End move between them.
 * `key` makes the spans' data-focus-key, by which the controller gives focus back after
 * a re-render.
 */
export function byteStrip(seg, { info, key, label }) {
  if (seg.length === 0) return el('p', { cls: 'tls-bytes empty', text: '(no bytes: nothing was computed)' });
  const strip = el('p', { cls: 'tls-bytes', attrs: { 'aria-label': label } });
  const spans = seg.map((s, j) => {
    const cls = `fld fld-${j % 4}${isLengthField(s) ? ' fld-len' : ''}`;
    const span = el('span', {
      cls,
      text: s.hex,
      attrs: { tabindex: j === 0 ? '0' : '-1', 'aria-describedby': info.id, 'data-focus-key': `${key}-${j}`, 'data-field': s.name },
    });
    const show = () => {
      for (const other of strip.querySelectorAll('.fld.active')) other.classList.remove('active');
      span.classList.add('active');
      info.textContent = fieldText(s);
    };
    span.addEventListener('focus', () => {
      // The strip's one Tab stop follows the focus.
      for (const other of strip.querySelectorAll('.fld[tabindex="0"]')) other.tabIndex = -1;
      span.tabIndex = 0;
      show();
    });
    span.addEventListener('mouseenter', show);
    return span;
  });
  strip.addEventListener('keydown', (event) => {
    const at = spans.indexOf(strip.getRootNode().activeElement);
    if (at === -1) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: spans.length - 1 }[event.key];
    if (to === undefined || to < 0 || to >= spans.length) return;
    event.preventDefault();
    spans[to].focus();
  });
  strip.append(...spans);
  return strip;
}

/** The paragraph that shows the focused field; `id` must be unique on the page. */
export function fieldInfo(id, hint) {
  return el('p', { cls: 'field-info', text: hint, attrs: { id } });
}

/**
 * What a step shows when it is the current one: its explanation, its bytes field by
 * field, the field info, then `extra` (nodes a page adds: TLS 1.3 shows the records
 * that carried the message).
 */
export function stepDetail(step, index, extra = []) {
  const info = fieldInfo('field-info', 'Hover over or focus a field (Tab to the bytes, then the arrow keys) to see its name and meaning.');
  const seg = segments(step, step.title);
  const n = step.bytes.length / 2;
  const text = step.fields.length === 0 ? printable(fromUtf8(fromHex(step.bytes))) : null;
  return el('div', {
    cls: 'step-detail',
    children: [
      el('p', { cls: 'explain', text: step.explanation }),
      el('p', { cls: 'label', text: n === 0 ? 'Bytes' : `Bytes (${byteCount(n)}${seg.length > 1 ? `, ${seg.length} fields` : ''})` }),
      byteStrip(seg, { info, key: `step-${index}-field`, label: `${step.title}: bytes, field by field` }),
      ...(text === null ? [] : [el('p', { cls: 'as-text', text: `As UTF-8 text: “${text}”` })]),
      info,
      ...extra,
    ],
  });
}

/**
 * One row of the sequence diagram: a button (to jump to this step) placed in the lane of
 * whoever acts, or across the lanes with an arrow for a message; the current step also
 * holds its detail (and `extra(index)`'s nodes after it).
 */
export function diagramRow(step, index, route, { current, later = false, onSelect, extra = () => [] }) {
  const classes = ['seq-step', route.kind, `from-${route.from}`, `to-${route.to}`];
  if (route.intercepted) classes.push('intercepted');
  if (current) classes.push('current');
  if (later) classes.push('later');
  const button = el('button', {
    cls: 'seq-label',
    attrs: { type: 'button', 'data-focus-key': `step-${index}` },
    children: [
      el('span', { cls: 'seq-num', text: String(index + 1) }),
      el('span', { cls: 'seq-title', text: step.title }),
      el('span', { cls: 'seq-dir', text: routeText(route) }),
    ],
  });
  if (route.kind === 'message') button.append(el('span', { cls: 'seq-arrow', attrs: { 'aria-hidden': 'true' } }));
  if (current) button.setAttribute('aria-current', 'step');
  button.addEventListener('click', () => onSelect(index));
  const row = el('li', { cls: classes.join(' '), children: [button] });
  if (current) row.append(stepDetail(step, index, extra(index)));
  return row;
}

/** A step of the attacker's attempt, shown whole (they are not stepped through). */
export function attackerStep(step, index) {
  const info = fieldInfo(`attacker-info-${index}`, '');
  const seg = segments(step, step.title);
  const text = printable(fromUtf8(fromHex(step.bytes)));
  return el('li', {
    cls: 'attacker-step',
    children: [
      el('h4', { text: step.title }),
      el('p', { cls: 'explain', text: step.explanation }),
      byteStrip(seg, { info, key: `attacker-${index}-field`, label: `${step.title}: bytes` }),
      ...(text === null ? [] : [el('p', { cls: 'as-text', text: `As UTF-8 text: “${text}”` })]),
      info,
    ],
  });
}

/** A labelled value in hex, split into parts when given several ([name, hex] pairs). */
export function hexValue(id, parts) {
  const out = el('output', { cls: 'bytes formula-value', attrs: { id } });
  parts.forEach(([name, hex], j) => {
    out.append(el('span', { cls: `part fld-${j % 4}`, text: hex, attrs: { 'data-part': name, title: name } }));
  });
  return out;
}
