// A DER document as an annotated tree beside its bytes in hex (the key inspector, and
// "What is inside this key" under the playground's key cards). Focus or hover over a
// field and its bytes light up, tag and length apart from content; hover over or click a
// byte and its innermost field lights up (a click also focuses it). The tree is one Tab
// stop (a roving tabindex): the arrow keys move, Left and Right fold and unfold, Home and
// End jump. DOM only, written with textContent; the arithmetic is in der-tree.js.
import { el } from './dom.js';
import {
  flattenDer, innermostAt, ancestorsOf, hexPairs, byteCount, shortValue, nodeTitle, nodeLabel, nodeDetail,
} from './der-tree.js';

const HINT = 'Focus a field (Tab, then the arrow keys) or hover over it: its bytes light up in the hex. Hover over or click a byte to find its field.';

/**
 * An empty view; `label` names it for screen readers ("Certificate", "Alice's public
 * key"). Returns { element, render(root), clear() }: `render` takes explainDer's tree.
 */
export function derView({ label }) {
  const tree = el('ul', { cls: 'der-tree', attrs: { role: 'tree', 'aria-label': `${label}: DER fields` } });
  const hex = el('div', { cls: 'der-hex', attrs: { role: 'group', 'aria-label': `${label}: DER bytes in hex` } });
  const detail = el('p', { cls: 'der-detail' });
  const element = el('div', {
    cls: 'der-view',
    children: [
      el('p', { cls: 'der-hint', text: HINT }),
      el('div', {
        cls: 'der-panes',
        children: [
          el('div', { cls: 'der-tree-pane', children: [tree] }),
          el('div', {
            cls: 'der-hex-pane',
            children: [
              hex,
              el('p', {
                cls: 'der-legend',
                children: [
                  el('span', { cls: 'der-swatch hl-h', text: '30 59', attrs: { 'aria-hidden': 'true' } }),
                  ' tag and length ',
                  el('span', { cls: 'der-swatch hl-c', text: '06 07', attrs: { 'aria-hidden': 'true' } }),
                  ' content',
                ],
              }),
              detail,
            ],
          }),
        ],
      }),
    ],
  });

  let entries = [];
  let items = [];
  let bytes = [];
  let lit = [];
  let focused = 0;
  let hovered = -1;

  /** Lights up the hovered node, or else the focused one: its row and its bytes. */
  const show = () => {
    for (const span of lit) span.classList.remove('hl-h', 'hl-c');
    lit = [];
    for (const row of tree.querySelectorAll('.der-row.shown')) row.classList.remove('shown');
    const entry = entries[hovered !== -1 ? hovered : focused];
    if (!entry) {
      detail.textContent = '';
      return;
    }
    for (let i = entry.start; i < entry.end && i < bytes.length; i += 1) {
      bytes[i].classList.add(i < entry.contentStart ? 'hl-h' : 'hl-c');
      lit.push(bytes[i]);
    }
    items[entry.index].querySelector('.der-row').classList.add('shown');
    detail.textContent = nodeDetail(entry);
  };

  const isOpen = (index) => items[index].getAttribute('aria-expanded') === 'true';
  // The tree is flat (each item holds its own row only, its level in aria-level), so a
  // folded node hides its descendants one by one.
  const setOpen = (index, open) => {
    if (entries[index].children.length === 0) return;
    items[index].setAttribute('aria-expanded', String(open));
    for (const entry of entries) {
      items[entry.index].hidden = ancestorsOf(entries, entry.index).some((a) => !isOpen(a));
    }
    // The Tab stop must stay on a visible item: folded away, it moves to the folded node.
    if (items[focused].hidden) {
      items[focused].setAttribute('tabindex', '-1');
      focused = index;
      items[focused].setAttribute('tabindex', '0');
      show();
    }
  };

  /** Moves the tree's one Tab stop to `index`, unfolding its ancestors, and focuses it. */
  const focusItem = (index) => {
    if (!items[index]) return;
    for (const a of ancestorsOf(entries, index)) setOpen(a, true);
    items[index].focus();
  };

  const makeItem = (entry) => {
    const { node } = entry;
    // Spaces between the parts: the flex layout ignores them, the item's accessible
    // name (its text) needs them.
    const parts = [
      el('span', { cls: 'der-toggle', attrs: { 'aria-hidden': 'true' } }),
      el('span', { cls: 'der-name', text: nodeTitle(node) }),
      ...(node.name && node.tag !== null ? [el('span', { cls: 'der-tag', text: node.tagName })] : []),
      el('span', { cls: 'der-len', text: byteCount(node.length) }),
      ...(node.value !== undefined ? [el('span', { cls: 'der-value', text: shortValue(node.value) })] : []),
    ];
    const row = el('span', {
      cls: 'der-row',
      attrs: { title: nodeLabel(node) },
      children: parts.flatMap((part, i) => (i < 2 ? [part] : [' ', part])),
    });
    const siblings = entry.parent === -1 ? [entry.index] : entries[entry.parent].children;
    const item = el('li', {
      cls: node.tag === null ? 'decoded' : '',
      attrs: {
        role: 'treeitem',
        tabindex: '-1',
        'aria-level': String(entry.depth + 1),
        'aria-setsize': String(siblings.length),
        'aria-posinset': String(siblings.indexOf(entry.index) + 1),
        'data-index': String(entry.index),
        'data-offset': String(node.offset),
        'data-header-length': String(node.headerLength),
        'data-length': String(node.length),
      },
      children: [row],
    });
    // Through the CSSOM, which the CSP allows (a style attribute it would refuse).
    item.style.setProperty('--depth', String(entry.depth));
    if (entry.children.length > 0) item.setAttribute('aria-expanded', 'true');
    return item;
  };

  const visibleItems = () => items.filter((item) => !item.hidden);

  const indexOf = (node) => Number(node?.closest('[role="treeitem"]')?.dataset.index ?? -1);

  tree.addEventListener('focusin', (event) => {
    const index = indexOf(event.target);
    if (index === -1) return;
    items[focused]?.setAttribute('tabindex', '-1');
    focused = index;
    items[focused].setAttribute('tabindex', '0');
    hovered = -1;
    show();
  });

  tree.addEventListener('keydown', (event) => {
    const at = indexOf(event.target);
    if (at === -1 || event.altKey || event.ctrlKey || event.metaKey) return;
    const entry = entries[at];
    const hasChildren = entry.children.length > 0;
    const visible = visibleItems();
    const position = visible.indexOf(items[at]);
    let to = null;
    switch (event.key) {
      case 'ArrowDown': to = indexOf(visible[position + 1]); break;
      case 'ArrowUp': to = indexOf(visible[position - 1]); break;
      case 'Home': to = indexOf(visible[0]); break;
      case 'End': to = indexOf(visible.at(-1)); break;
      case 'ArrowRight':
        if (hasChildren && !isOpen(at)) setOpen(at, true);
        else if (hasChildren) to = entry.children[0];
        break;
      case 'ArrowLeft':
        if (hasChildren && isOpen(at)) setOpen(at, false);
        else to = entry.parent;
        break;
      case 'Enter':
      case ' ':
        if (hasChildren) setOpen(at, !isOpen(at));
        break;
      default:
        return;
    }
    event.preventDefault();
    if (to !== null && to !== -1) focusItem(to);
  });

  tree.addEventListener('click', (event) => {
    if (!event.target.closest('.der-toggle')) return;
    const index = indexOf(event.target);
    if (index !== -1 && entries[index].children.length > 0) setOpen(index, !isOpen(index));
  });

  tree.addEventListener('mouseover', (event) => {
    const row = event.target.closest('.der-row');
    if (!row) return;
    hovered = indexOf(row);
    show();
  });
  tree.addEventListener('mouseleave', () => {
    hovered = -1;
    show();
  });

  const byteAt = (event) => {
    const span = event.target.closest('.hb');
    return span ? Number(span.dataset.i) : -1;
  };
  hex.addEventListener('mouseover', (event) => {
    const byte = byteAt(event);
    if (byte === -1) return;
    hovered = innermostAt(entries, byte);
    show();
  });
  hex.addEventListener('mouseleave', () => {
    hovered = -1;
    show();
  });
  hex.addEventListener('click', (event) => {
    const byte = byteAt(event);
    if (byte === -1) return;
    focusItem(innermostAt(entries, byte));
  });

  const clear = () => {
    tree.replaceChildren();
    hex.replaceChildren();
    detail.textContent = '';
    entries = [];
    items = [];
    bytes = [];
    lit = [];
    focused = 0;
    hovered = -1;
  };

  const render = (root) => {
    clear();
    entries = flattenDer(root);
    items = entries.map(makeItem);
    tree.append(...items);
    items[0].setAttribute('tabindex', '0');
    // Eight bytes a line with an offset before each; where the pane is wide enough the
    // stylesheet hides every other offset and lays out sixteen a line.
    const pairs = hexPairs(root);
    bytes = pairs.map((pair, i) => el('span', { cls: 'hb', text: pair, attrs: { 'data-i': String(i) } }));
    for (let i = 0; i < bytes.length; i += 8) {
      hex.append(el('span', { cls: i % 16 === 8 ? 'ho half' : 'ho', text: String(i), attrs: { 'aria-hidden': 'true' } }));
      hex.append(...bytes.slice(i, i + 8));
    }
    show();
  };

  return { element, render, clear };
}
