// Pure helpers for showing a DER tree (what `explainDer` returns) beside its bytes: the
// tree in document order with each node's byte range, the innermost node at a byte, and
// the words each node is shown with. No DOM here; der-view.js draws them.
//
// A DerNode is { tag, tagName, offset, headerLength, length, name?, value?, children? }:
// it spans bytes [offset, offset + headerLength + length), its header (tag and length)
// first. Nodes with `tag: null` are not DER but decoded content (a point's x and y).

/**
 * The nodes in document order (a node before its children), each as { index, node,
 * depth, parent, children, start, contentStart, end }: `parent` and `children` are
 * indexes into the same array (the root's parent is -1), `end` is exclusive.
 */
export function flattenDer(root) {
  const entries = [];
  const walk = (node, depth, parent) => {
    const index = entries.length;
    const contentStart = node.offset + node.headerLength;
    entries.push({
      index, node, depth, parent, children: [],
      start: node.offset, contentStart, end: contentStart + node.length,
    });
    if (parent !== -1) entries[parent].children.push(index);
    for (const child of node.children ?? []) walk(child, depth + 1, index);
  };
  walk(root, 0, -1);
  return entries;
}

function contains(entry, byte) {
  return byte >= entry.start && byte < entry.end;
}

/** The index of the innermost node whose bytes include `byte`, or -1 if none does. */
export function innermostAt(entries, byte) {
  if (entries.length === 0 || !contains(entries[0], byte)) return -1;
  let at = 0;
  for (;;) {
    const next = entries[at].children.find((c) => contains(entries[c], byte));
    if (next === undefined) return at;
    at = next;
  }
}

/** What `byte` is to a node: 'header' (its tag and length), 'content', or null. */
export function byteRole(entry, byte) {
  if (byte >= entry.start && byte < entry.contentStart) return 'header';
  if (byte >= entry.contentStart && byte < entry.end) return 'content';
  return null;
}

/** The indexes of a node's ancestors, the root first. */
export function ancestorsOf(entries, index) {
  const out = [];
  for (let at = entries[index]?.parent ?? -1; at !== -1; at = entries[at].parent) out.unshift(at);
  return out;
}

/** The DER of the whole tree (the root's `der`) as a list of two-digit hex strings. */
export function hexPairs(root) {
  const hex = (root.der ?? '').toLowerCase();
  const pairs = [];
  for (let i = 0; i + 1 < hex.length; i += 2) pairs.push(hex.slice(i, i + 2));
  return pairs;
}

/** "1 byte", "66 bytes". */
export function byteCount(n) {
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** A value cut to `max` characters, for a row of the tree (the full text is shown elsewhere). */
export function shortValue(value, max = 48) {
  if (value === undefined || value === null) return '';
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The first words of a row: the field's name in its spec if it has one, else the tag. */
export function nodeTitle(node) {
  return node.name ?? node.tagName;
}

/** The field's name with its tag ("subjectPublicKey (BIT STRING)"); a run of decoded
 * bytes (no tag) by its name alone. */
function nodeWhat(node) {
  if (!node.name) return node.tagName;
  return node.tag === null ? node.name : `${node.name} (${node.tagName})`;
}

/** A node in one line, for its tooltip. */
export function nodeLabel(node) {
  const parts = [nodeWhat(node), byteCount(node.length)];
  if (node.value !== undefined) parts.push(shortValue(node.value, 80));
  return parts.join(', ');
}

/** Where a node's bytes are, in words: what the view writes under the tree. */
export function nodeDetail(entry) {
  const { node, start, contentStart, end } = entry;
  const range = (from, to) => (to - from <= 1 ? `byte ${from}` : `bytes ${from}–${to - 1}`);
  const what = nodeWhat(node);
  const where = node.tag === null || node.headerLength === 0
    ? `${range(start, end)}, ${byteCount(node.length)} (decoded content, no DER header of its own)`
    : `${range(start, end)}: tag and length ${byteCount(node.headerLength)} (${range(start, contentStart)}), content ${byteCount(node.length)}${node.length > 0 ? ` (${range(contentStart, end)})` : ''}`;
  return `${what}, ${where}.${node.value !== undefined ? ` Value: ${node.value}` : ''}`;
}
