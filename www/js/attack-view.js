// What every section of the attack lab shows the same way: the "vulnerable / fixed"
// switch, a list of named values, the fix (text, code and the code export), links to
// the playground and the line where an error is said. DOM only; the attacks are the
// crate's (www/pkg) and each section's module arranges them.
import { el, fieldError } from './dom.js';
import { mountTools } from './tools.js';

/**
 * The "vulnerable / fixed" switch: two radio buttons named `${prefix}-mode`. Calls
 * `onChange(mode)` with "vulnerable" or "fixed". Returns { node, mode() }.
 */
export function modeSwitch(prefix, { vulnerable, fixed }, onChange) {
  const name = `${prefix}-mode`;
  const option = (value, text, checked) => {
    const input = el('input', { attrs: { type: 'radio', name, id: `${name}-${value}`, value } });
    input.checked = checked;
    input.addEventListener('change', () => input.checked && onChange(value));
    return el('label', { cls: 'switch', attrs: { for: input.id }, children: [input, text] });
  };
  const node = el('fieldset', {
    cls: 'controls attack-mode',
    children: [
      el('legend', { text: 'Which code is attacked' }),
      option('vulnerable', vulnerable, true),
      option('fixed', fixed, false),
    ],
  });
  return {
    node,
    mode: () => node.querySelector(`input[name="${name}"]:checked`)?.value ?? 'vulnerable',
  };
}

/** A `<dl class="values">` of [name, value, { cls }] rows; values are written as text. */
export function valueList(rows) {
  const list = el('dl', { cls: 'values attack-values' });
  for (const [name, value, options = {}] of rows) {
    list.append(el('dt', { text: name }), el('dd', { cls: options.cls ?? 'mono', text: value }));
  }
  return list;
}

/** A numbered step of an attack: a heading line and what it shows. */
export function step(title, ...children) {
  return el('li', { cls: 'attack-step', children: [el('p', { cls: 'attack-step-title', text: title }), ...children] });
}

/**
 * "The fix": a sentence, the code that does it (`code`: { language, text }), and, when
 * `snippets` is given, the playground's code export for the same computation
 * (snippets.js through tools.js). Returns the <details>.
 */
export function fixBlock({ text, code, snippets = null, note = null, announce = () => {} }) {
  const details = el('details', { cls: 'attack-fix' });
  details.append(
    el('summary', { text: 'The fix' }),
    el('p', { text }),
    el('pre', { cls: 'code', attrs: { tabindex: '0', 'aria-label': `The fix in ${code.language}` }, text: code.text }),
  );
  if (snippets) {
    if (note) details.append(el('p', { cls: 'note', text: note }));
    const tools = el('div', { cls: 'tools' });
    details.append(tools);
    mountTools(tools, { check: null, snippets, announce });
  }
  return details;
}

/**
 * Where a link of the lab leads: `href` as the site names its pages ("./?view=exchange",
 * "tls12.html#step=8"), resolved against `base`, the site's address; or, where `base` is a
 * function (the single file), what it gives: the address there, or null for a page it
 * does not have.
 */
export function linkTo(base, href) {
  return typeof base === 'function' ? base(href) : new URL(href, base).href;
}

/**
 * "In the playground: …" links, each [text, href as linkTo takes it]; a page this place
 * does not have is left out. `topic` names the section's attack in the landmark's label,
 * so that each section's links are told apart.
 */
export function playgroundLinks(base, links, topic) {
  const list = el('ul', { cls: 'attack-links' });
  for (const [text, href] of links) {
    const to = linkTo(base, href);
    if (to) list.append(el('li', { children: [el('a', { text, attrs: { href: to } })] }));
  }
  return el('nav', { cls: 'attack-links-nav', attrs: { 'aria-label': `In the playground: ${topic}` }, children: [el('p', { cls: 'label', text: 'In the playground' }), list] });
}

/** The error line of a section: `say(message)` shows it ('' clears), `field` marked invalid. */
export function errorLine(id) {
  const node = el('p', { cls: 'error', attrs: { id, role: 'alert' } });
  node.hidden = true;
  return {
    node,
    say(message, field = null) {
      if (field) fieldError(field, node, message);
      else {
        node.textContent = message;
        node.hidden = !message;
      }
    },
  };
}

/** A labelled text field or textarea with an id. */
export function field(id, label, { multiline = false, value = '', rows = 3 } = {}) {
  const input = multiline
    ? el('textarea', { attrs: { id, rows: String(rows), spellcheck: 'false', autocomplete: 'off' } })
    : el('input', { attrs: { id, type: 'text', spellcheck: 'false', autocomplete: 'off' } });
  input.value = value;
  return { input, node: el('div', { cls: 'attack-field', children: [el('label', { text: label, attrs: { for: id } }), input] }) };
}
