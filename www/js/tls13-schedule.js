// RFC 8446 §7.1's key-schedule figure, drawn from the crate's diagram (its boxes carry
// their inputs, label, HkdfLabel and output: nothing is derived here). Every box is a
// button; the boxes are one Tab stop (a roving tabindex) and the arrow keys, Home and
// End move between them. Focusing or choosing one shows what went in and what came out. DOM only,
// written with textContent.
import { el } from './dom.js';

/** The figure's rows: the input from the left, the box on the chain, its branches. */
const ROWS = [
  { left: 'PSK (none: 0)', main: 'early-secret' },
  { left: '', main: 'derived-early' },
  { left: '(EC)DHE', main: 'handshake-secret', branches: ['c-hs-traffic', 's-hs-traffic'] },
  { left: '', main: 'derived-handshake' },
  { left: '0', main: 'master-secret', branches: ['c-ap-traffic', 's-ap-traffic', 'exp-master'] },
];
/** §7.3's traffic keys and §4.4.4's finished keys, under the secret each comes from. */
const KEYS = [
  ['client_handshake_traffic_secret', ['c-hs-key', 'c-hs-iv', 'c-hs-finished']],
  ['server_handshake_traffic_secret', ['s-hs-key', 's-hs-iv', 's-hs-finished']],
  ['client_application_traffic_secret_0', ['c-ap-key', 'c-ap-iv']],
  ['server_application_traffic_secret_0', ['s-ap-key', 's-ap-iv']],
];

const short = (hex) => (hex.length > 20 ? `${hex.slice(0, 16)}…` : hex);

/** The formula a box computes, as RFC 8446 writes it. */
export function formula(box) {
  if (box.operation === 'HKDF-Extract') return `${box.outputName} = HKDF-Extract(salt = ${box.inputs[0].source}, IKM = ${box.inputs[1].source})`;
  if (box.operation === 'Derive-Secret') {
    const secret = box.inputs[0].source;
    return `${box.outputName} = Derive-Secret(${secret}, "${box.label}", ${box.messages ? box.messages : '""'})`;
  }
  return `${box.outputName} = HKDF-Expand-Label(${box.inputs[0].source}, "${box.label}", "", ${box.length})`;
}

/**
 * Draws `diagram` into `container` and the chosen box's detail into `detail`.
 * `onChoose(box)` is called when a box is chosen (to reset the tools under it).
 * Returns { chosen() } (the box shown, or null) and { choose(id) }.
 */
export function drawSchedule(container, detail, diagram, { onChoose = () => {}, initial = null } = {}) {
  const byId = new Map(diagram.boxes.map((b) => [b.id, b]));
  const buttons = [];
  let chosen = null;

  const button = (id) => {
    const box = byId.get(id);
    if (!box) return el('span', { text: '' });
    const b = el('button', {
      cls: 'ks-box',
      attrs: { type: 'button', 'aria-pressed': 'false', tabindex: '-1', 'data-box': id, 'data-operation': box.operation, 'data-focus-key': `ks-${id}` },
      children: [
        el('span', { text: box.operation === 'HKDF-Extract' ? `HKDF-Extract = ${box.outputName}` : `${box.operation}(., "${box.label}"${box.operation === 'Derive-Secret' ? `, ${box.messages || '""'}` : ''})` }),
        el('span', { cls: 'ks-out', text: `${box.operation === 'HKDF-Extract' ? '' : `= ${box.outputName}: `}${short(box.output)}` }),
      ],
    });
    b.addEventListener('click', () => choose(id));
    // Focus alone shows the box, as a field of the byte strips does.
    b.addEventListener('focus', () => {
      if (chosen?.id !== id) choose(id);
    });
    buttons.push(b);
    return b;
  };

  const rows = ROWS.map((row) => el('li', {
    cls: 'ks-row',
    children: [
      el('span', { cls: 'ks-left', text: row.left }),
      button(row.main),
      row.branches
        ? el('ul', { cls: 'ks-branches', children: row.branches.map((id) => el('li', { children: [button(id)] })) })
        : el('span', { text: '' }),
    ],
  }));
  const keys = KEYS.map(([secret, ids]) => el('li', {
    children: [el('p', { text: `From ${secret}` }), ...ids.map((id) => button(id))],
  }));
  const figure = el('div', {
    attrs: { role: 'group', 'aria-label': `The key schedule of ${diagram.cipherSuite}: ${diagram.boxes.length} boxes` },
    children: [
      el('ol', { cls: 'ks-diagram', children: rows }),
      el('h3', { text: 'Traffic keys and finished keys (RFC 8446 §7.3, §4.4.4)' }),
      el('ul', { cls: 'ks-keys', children: keys }),
    ],
  });
  figure.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(figure.getRootNode().activeElement);
    if (at === -1) return;
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined || to < 0 || to >= buttons.length) return;
    event.preventDefault();
    buttons[to].focus();
  });
  container.replaceChildren(figure);

  function choose(id) {
    const box = byId.get(id);
    if (!box) return;
    chosen = box;
    for (const b of buttons) {
      const on = b.dataset.box === id;
      b.setAttribute('aria-pressed', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    detail.hidden = false;
    const rows = [
      ['Operation', box.operation],
      ...box.inputs.map((input) => [`${input.name} (${input.source})`, input.value]),
    ];
    if (box.label !== null) rows.push(['Label', `"tls13 ${box.label}"`]);
    if (box.hkdfLabel !== null) rows.push(['HkdfLabel (the info of HKDF-Expand)', box.hkdfLabel]);
    rows.push([`Output: ${box.outputName} (${box.length} bytes)`, box.output]);
    detail.replaceChildren(
      el('h3', { text: formula(box) }),
      el('dl', {
        cls: 'values',
        children: rows.flatMap(([name, value]) => [
          el('dt', { text: name }),
          el('dd', { children: [el('output', { cls: 'bytes', text: value, attrs: { 'data-value': name.split(' ')[0] } })] }),
        ]),
      }),
    );
    onChoose(box);
  }

  const first = initial && byId.has(initial) ? initial : diagram.boxes[0]?.id;
  if (first) {
    choose(first);
  }
  return { chosen: () => chosen, choose };
}
