// Attack lab, section 4: AES-GCM nonce reuse. Two messages sealed under one key, with
// one nonce (encryptWithNonce) or a fresh nonce each (the playground's encrypt); the
// crate's gcmNonceReuse gives c1 ⊕ c2, shown byte by byte beside p1 ⊕ p2, and what the
// known first message reveals of the second.
import { el, onAction, scope } from './dom.js';
import { fromUtf8, toHex, utf8 } from './bytes.js';
import { modeSwitch, valueList, fixBlock, playgroundLinks, errorLine, field } from './attack-view.js';
import * as snippets from './snippets.js';

const FIX = `# A fresh random 96-bit nonce for every message, sent with it (as the playground's encrypt):
nonce = os.urandom(12)
envelope = nonce + AESGCM(key).encrypt(nonce, plaintext, aad)
# Or a counter that never repeats under one key, as TLS numbers its records.`;

/** Bytes shown by the byte table (the rest is said in a line). */
const SHOWN = 24;

const hex2 = (b) => b.toString(16).padStart(2, '0');
const char = (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·');

/** The byte-by-byte table: c1, c2, c1 ⊕ c2, p1 (known), p2 = c1 ⊕ c2 ⊕ p1. */
function byteTable(report, known) {
  const n = Math.min(report.xor.length, SHOWN);
  const row = (name, cells, cls = 'mono') => el('tr', {
    children: [el('th', { text: name, attrs: { scope: 'row' } }), ...cells.map((text) => el('td', { cls, text }))],
  });
  const range = [...Array(n).keys()];
  return el('table', {
    cls: 'attack-table attack-bytes',
    attrs: { id: 'gc-bytes' },
    children: [
      el('caption', { text: `Byte by byte (the first ${n} of ${report.xor.length})` }),
      el('thead', { children: [el('tr', { children: [el('th', { text: 'Byte', attrs: { scope: 'col' } }), ...range.map((i) => el('th', { text: String(i), attrs: { scope: 'col' } }))] })] }),
      el('tbody', {
        children: [
          row('c1', range.map((i) => hex2(report.ciphertext1[i]))),
          row('c2', range.map((i) => hex2(report.ciphertext2[i]))),
          row('c1 ⊕ c2 = p1 ⊕ p2', range.map((i) => hex2(report.xor[i]))),
          row('p1 (known)', range.map((i) => (i < known.length ? char(known[i]) : '?'))),
          row('p2 = c1 ⊕ c2 ⊕ p1', range.map((i) => (i < report.recovered.length ? char(report.recovered[i]) : '?')), 'mono bad'),
        ],
      }),
    ],
  });
}

/** Mounts the section into `container`; `module` is the loaded full build. */
export function mount(container, { module, base }) {
  const { announce } = scope(container);
  const switcher = modeSwitch('gc', {
    vulnerable: 'Vulnerable: both messages sealed with the same nonce',
    fixed: "Fixed: the playground's encrypt (a fresh random nonce each time)",
  }, () => run());
  const p1 = field('gc-p1', 'Message 1 (the attacker knows it)', { value: 'Meet me at the station at noon.' });
  const p2 = field('gc-p2', 'Message 2 (secret)', { value: 'The vault code is 4-8-15-16-23.' });
  const runButton = el('button', { text: 'Seal both, then attack', attrs: { type: 'button', id: 'gc-run' } });
  const error = errorLine('gc-error');
  const verdict = el('p', { cls: 'verdict', attrs: { id: 'gc-verdict', 'aria-live': 'polite' } });
  const out = el('div', { attrs: { id: 'gc-result' } });
  let last = null;

  function run() {
    error.say('', p1.input);
    out.replaceChildren();
    const fixed = switcher.mode() === 'fixed';
    const key = crypto.getRandomValues(new Uint8Array(32));
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const [a, b] = [utf8(p1.input.value), utf8(p2.input.value)];
    if (a.length === 0) {
      verdict.className = 'verdict';
      verdict.textContent = '';
      error.say('Type message 1: the attacker knows it, and reads message 2 as far as it reaches; an empty message 1 reaches nothing.', p1.input);
      return;
    }
    try {
      const e1 = fixed ? module.encrypt(key, a) : module.encryptWithNonce(key, nonce, a);
      const e2 = fixed ? module.encrypt(key, b) : module.encryptWithNonce(key, nonce, b);
      last = { key: toHex(key), nonce: toHex(e2.slice(0, 12)), plaintext: p2.input.value };
      out.append(valueList([
        ['Key (one for both)', toHex(key)],
        ['Envelope 1: nonce ‖ ciphertext ‖ tag', toHex(e1)],
        ['Envelope 2', toHex(e2)],
        ['Nonce 1', toHex(e1.slice(0, 12))],
        ['Nonce 2', toHex(e2.slice(0, 12))],
      ]));
      let report;
      try {
        report = module.gcmNonceReuse(e1, a, e2);
      } catch (e) {
        verdict.className = 'verdict ok';
        verdict.textContent = `The attack fails: ${e.message}`;
        announce(verdict.textContent);
        return;
      }
      const text = fromUtf8(report.recovered) ?? `${toHex(report.recovered)} (not valid UTF-8: the known text was cut inside a character)`;
      out.append(
        el('div', { cls: 'attack-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Bytes of both messages' }, children: [byteTable(report, a)] }),
        valueList([
          ['c1 ⊕ c2 (all of it)', toHex(report.xor)],
          ['Message 2, recovered', text, { cls: 'bad' }],
        ]),
      );
      // The contract function gives the same bytes (checked here, said if not).
      const same = toHex(module.recoverPlaintextFromNonceReuse(e1, a, e2)) === toHex(report.recovered);
      verdict.className = 'verdict bad';
      verdict.textContent = `${same ? 'Message 2 read' : 'Inconsistent results'} without the key: ${report.recovered.length} of ${b.length} bytes (as far as message 1 reaches).`;
      announce(verdict.textContent);
    } catch (e) {
      error.say(e.message);
    }
  }

  const inputs = el('div', { cls: 'controls attack-inputs', children: [p1.node, p2.node, runButton] });
  onAction(inputs, runButton, run);

  const fix = fixBlock({
    text: 'Never seal two messages under one key with the same nonce: draw a fresh random 96-bit nonce for each message (safe for up to 2³² messages per key), or count, as TLS does. Where a nonce could repeat, use a nonce-misuse-resistant mode such as AES-GCM-SIV (RFC 8452).',
    code: { language: 'Python', text: FIX },
    note: 'The playground\'s code export seals message 2 as the page did; its nonce line says the rule.',
    snippets: () => {
      if (!last) throw new Error('run the attack first');
      return snippets.aesGcmSeal({ keyHex: last.key, nonceHex: last.nonce, plaintext: last.plaintext });
    },
    announce,
  });

  container.replaceChildren(
    el('p', { cls: 'explain', text: 'AES-GCM encrypts with a keystream that depends only on the key and the nonce: c = p ⊕ keystream. Two messages under the same key and nonce share the keystream, so c1 ⊕ c2 = p1 ⊕ p2, and whoever knows message 1 reads message 2 as far as message 1 reaches. The same reuse also gives away GHASH\'s authentication key H, which lets an attacker forge tags (the "forbidden attack"); that step needs arithmetic in GF(2¹²⁸) that no library here exposes, so it is described, not run.' }),
    switcher.node,
    inputs,
    error.node,
    verdict,
    out,
    fix,
    playgroundLinks(base, [
      ['Step 4 of the playground: encrypted messages, each with a fresh nonce', './?view=messages'],
    ], 'AES-GCM nonce reuse'),
  );
  run();
}
