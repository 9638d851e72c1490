// Attack lab, section 2: X25519 low-order points. The victim's key against each
// low-order u-coordinate (the crate's list, lowOrderPoints), through the careless X25519
// (no all-zero check) or the playground's own ECDH, which refuses; then what an
// unclamped exchange would leak.
import { el, scope } from './dom.js';
import { modeSwitch, valueList, fixBlock, playgroundLinks, errorLine } from './attack-view.js';
import * as snippets from './snippets.js';

const FIX = `// The check RFC 7748 §6.1 asks for, as the playground's ECDH makes it (src/ecdh.rs):
let shared = secret.diffie_hellman(&peer);      // x25519-dalek
if !shared.was_contributory() {                 // all zeros: a low-order point
    return Err(Error::LowOrderPoint);
}`;

const ZEROS = '0'.repeat(64);

/** Mounts the section into `container`; `module` is the loaded full build. */
export function mount(container, { module, base }) {
  const { announce } = scope(container);
  const points = module.lowOrderPoints();
  let victim = module.X25519Victim.generate();

  const switcher = modeSwitch('lo', {
    vulnerable: 'Vulnerable: a careless X25519 (no check of the result)',
    fixed: "Fixed: the playground's ECDH (refuses an all-zero secret)",
  }, () => run());
  const victimValues = el('div');
  const newVictim = el('button', { text: 'New victim key', attrs: { type: 'button', id: 'lo-new-victim' } });
  const runButton = el('button', { text: 'Send every low-order point', attrs: { type: 'button', id: 'lo-run' } });
  const verdict = el('p', { cls: 'verdict', attrs: { id: 'lo-verdict', 'aria-live': 'polite' } });
  const body = el('tbody');
  const table = el('table', {
    cls: 'attack-table stack',
    attrs: { id: 'lo-table' },
    children: [
      el('caption', { text: 'Each low-order u-coordinate, sent as the peer\'s public key' }),
      el('thead', { children: [el('tr', { children: ['u-coordinate', 'Order', 'Encoding (hex)', 'The victim computes'].map((t) => el('th', { text: t, attrs: { scope: 'col' } })) })] }),
      body,
    ],
  });

  // Without clamping: the leak.
  const leakSelect = el('select', { attrs: { id: 'lo-leak-point' } });
  for (const [i, p] of points.entries()) {
    if (p.order < 4 || !p.canonical) continue;
    leakSelect.append(el('option', { text: `${p.order === 8 ? 'order 8' : 'order 4'}: ${p.name.length > 20 ? `${p.name.slice(0, 12)}…` : p.name}`, attrs: { value: String(i) } }));
  }
  const leakButton = el('button', { text: 'Exchange without clamping', attrs: { type: 'button', id: 'lo-leak-run' } });
  const leakOut = el('div', { attrs: { id: 'lo-leak', 'aria-live': 'polite' } });
  const error = errorLine('lo-error');

  const showVictim = () => {
    victimValues.replaceChildren(valueList([['Victim\'s public key (u, hex)', victim.publicKey()]]));
  };

  function run() {
    error.say('');
    const fixed = switcher.mode() === 'fixed';
    body.replaceChildren();
    let zeros = 0;
    let refused = 0;
    for (const p of points) {
      let result;
      let cls = 'mono';
      if (fixed) {
        try {
          result = `accepted: ${victim.diffieHellman(p.u)}`;
        } catch (e) {
          result = `refused: ${e.message}`;
          cls = 'ok';
          refused += 1;
        }
      } else {
        result = victim.carelessDiffieHellman(p.u);
        if (result === ZEROS) {
          zeros += 1;
          cls = 'mono bad';
        }
      }
      const where = [p.canonical ? null : 'non-canonical', p.onTwist ? 'on the twist' : null].filter(Boolean).join(', ');
      body.append(el('tr', {
        children: [
          el('th', { text: where ? `${p.name} (${where})` : p.name, attrs: { scope: 'row' }, cls: 'attack-name' }),
          el('td', { text: String(p.order), attrs: { 'data-label': 'Order' } }),
          el('td', { cls: 'mono attack-hex', text: p.u, attrs: { 'data-label': 'Encoding' } }),
          el('td', { cls: `${cls} attack-hex`, text: result, attrs: { 'data-label': 'The victim computes' } }),
        ],
      }));
    }
    verdict.className = `verdict ${fixed ? 'ok' : 'bad'}`;
    verdict.textContent = fixed
      ? `The playground's ECDH refused ${refused} of ${points.length} points: no secret is agreed with a low-order point.`
      : `${zeros} of ${points.length} points gave the all-zero secret: the attacker knows the "shared" secret without any key.`;
    announce(verdict.textContent);
  }

  function leak() {
    const p = points[Number(leakSelect.value)];
    const key = victim.revealPrivateKey('raw');
    const low = Number.parseInt(key.slice(0, 2), 16);
    const { output, residues } = victim.unclampedLeak(p.u);
    const clamped = victim.carelessDiffieHellman(p.u);
    const pairs = residues.map((r) => String(r)).join(' or ');
    leakOut.replaceChildren(valueList([
      ['The victim\'s key, as stored (hex, little-endian)', key],
      [`Its lowest byte, mod ${p.order}`, `${low} mod ${p.order} = ${low % p.order}`],
      ['u(k·P), k unclamped', output],
      ['What the attacker learns', `k mod ${p.order} is ${pairs}`, { cls: 'bad' }],
      ['u(k·P), k clamped (X25519)', `${clamped} — the same for every key: nothing leaks`],
    ]));
    announce(`Without clamping the output tells k mod ${p.order}: ${pairs}`);
  }

  newVictim.addEventListener('click', () => {
    victim.free();
    victim = module.X25519Victim.generate();
    showVictim();
    run();
    leakOut.replaceChildren();
  });
  runButton.addEventListener('click', run);
  leakButton.addEventListener('click', leak);

  const fix = fixBlock({
    text: 'Check the result: an all-zero X25519 output means the peer sent a low-order point, and no secret is agreed (RFC 7748 §6.1). Libraries built on it make the check for you; a protocol that wants "contributory" behaviour must not skip it.',
    code: { language: 'Rust', text: FIX },
    note: 'The same exchange in Python, WebCrypto and openssl, with the victim\'s key and the first order-8 point: each refuses it (Python raises ValueError, WebCrypto an OperationError, openssl pkeyutl fails), because each makes this check.',
    snippets: () => snippets.ecdh({
      privateKeyPem: victim.revealPrivateKey('pem'),
      peerPublicKeyPem: points.find((p) => p.order === 8).u,
    }),
    announce,
  });

  container.replaceChildren(
    el('p', { cls: 'explain', text: 'X25519 clamps every private key to a multiple of 8 (RFC 7748 §5). Curve25519 has 8·ℓ points, and a handful of u-coordinates are points of order 2, 4 or 8: multiplied by a multiple of 8 they all give the point at infinity, which X25519 writes as 32 zero bytes. Whoever sends one of them as a public key fixes the "shared" secret, whatever the victim\'s key, and can then read or forge everything sealed under it. RFC 7748 §6.1 says to check for the all-zero output. Non-canonical encodings (values of p and above, read modulo p) are the same points again.' }),
    switcher.node,
    victimValues,
    el('div', { cls: 'actions', children: [runButton, newVictim] }),
    error.node,
    verdict,
    el('div', { cls: 'attack-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Low-order points and results' }, children: [table] }),
    el('h3', { text: 'Why clamping exists: without it, the key\'s low bits leak' }),
    el('p', { cls: 'explain', text: 'Clamping clears the key\'s three low bits. Without it, k·P for a point P of order 8 depends only on k mod 8, so a peer who sends P reads k mod 8 off the output (up to sign: k and −k give the same u). Over several small subgroups such leaks add up; on a curve with larger cofactors they would give the key away. Here dalek\'s unclamped ladder (MontgomeryPoint::mul_bits_be) runs with the victim\'s key as it is stored.' }),
    el('div', { cls: 'controls', children: [el('label', { text: 'Point sent', attrs: { for: 'lo-leak-point' } }), leakSelect, leakButton] }),
    leakOut,
    fix,
    playgroundLinks(base, [
      ['Step 2 of the playground: each party computes the shared secret, and the peer\'s key is checked there', './?view=exchange'],
      ['The key inspector: paste a public key and see what it is', 'inspect.html'],
    ], 'low-order points'),
  );
  showVictim();
  run();
}
