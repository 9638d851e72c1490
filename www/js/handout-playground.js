// What the playground's printed handout says: every value of the lesson, step by step,
// from what the page computed (its outputs). Pure: no DOM. A handout leaves blank what
// the lesson hides (hide=); its answer key fills it in. handout.js draws and prints it;
// handout-tls.js is the TLS page's (and uses the helpers here).
import { fromHex, groupedHex } from './bytes.js';
import { HIDDEN_OUTPUTS, ARROWS, NAMES } from './exchange.js';
import { DEFAULT_INFO } from './lesson.js';

/** Lowercase hex in groups of four bytes, as the page shows it. */
export const grouped = (hex) => groupedHex(fromHex(hex));

/** An item: a label and a value ('hex', 'text' or 'pem'); `blank` leaves room to write it. */
export const item = (label, value, kind = 'hex', blank = false) => ({ label, value: blank ? null : value, kind, blank });

/** The heading of a handout: its kind, then the lesson's name. */
export function handoutTitle(page, key, seed) {
  return `${page}: ${key ? 'answer key' : 'handout'}${seed ? ` — lesson “${seed}”` : ''}`;
}

/**
 * The playground's handout. `v`: what the page shows (handout.js reads it):
 * { lesson: { curve, seed, round, salt, info, mallory, hide }, link,
 *   keys: { alice|bob: { format, publicKey, fingerprint, kem: { label, bytes } or null } },
 *   wire: [text],
 *   secrets: { alice, bob } (hex), verdict, infos: { ab, ba }, prk: { alice, bob },
 *   okm: { alice|bob: { ab, ba } }, keyVerdict, messages: [{ who, nonce, ciphertext, tag }],
 *   inbox: { alice: [text], bob: [text] } }.
 * `key`: the answer key (the hidden values filled in) rather than the handout.
 */
export function playgroundHandout(v, { key = false } = {}) {
  const { lesson } = v;
  const blank = (kind) => !key && lesson.hide.includes(kind);
  const hiddenNames = lesson.hide.flatMap((kind) => HIDDEN_OUTPUTS[kind].map(([, name]) => name));
  const facts = [
    ['Lesson seed', lesson.seed ? `“${lesson.seed}” (every key and nonce comes from it; these keys are for teaching, not secret)` : 'none: random keys, which only this page had'],
    ['Curve', lesson.curve],
    ...(lesson.seed && lesson.round ? [['Key round', `${lesson.round} (“Next key pairs from the seed” pressed ${lesson.round} times)`]] : []),
    ['Salt', lesson.salt === '' ? '(none)' : `“${lesson.salt}”`],
    ['Info', `“${lesson.info}”${lesson.info === DEFAULT_INFO ? ' (the default)' : ''}`],
    ['Mallory in the middle', lesson.mallory ? 'yes: she replaced both public keys' : 'no'],
    ['Left for you to work out', hiddenNames.length ? hiddenNames.join(', ') : 'nothing: every value is given'],
    ...(v.link ? [['Link to this lesson', v.link]] : []),
  ];
  const party = (who) => [
    item(`${NAMES[who]}'s public key (${v.keys[who].format})`, v.keys[who].publicKey, v.keys[who].publicKey.startsWith('-----') || v.keys[who].publicKey.startsWith('{') ? 'pem' : 'hex'),
    item(`${NAMES[who]}'s fingerprint (SHA-256 of the SPKI, first 8 bytes)`, v.keys[who].fingerprint, 'text'),
    // The hybrid: the ML-KEM half that travels with the X25519 key.
    ...(v.keys[who].kem ? [item(`${NAMES[who]}'s ${v.keys[who].kem.label}`, v.keys[who].kem.bytes)] : []),
  ];
  const sections = [
    {
      heading: '1 Each party makes a key pair',
      items: [...party('alice'), ...party('bob'), item('On the wire', v.wire.join('\n'), 'text')],
    },
    {
      heading: '2 Each computes the shared secret',
      note: lesson.mallory ? 'Mallory is in the middle: each side shares a secret with her, not with the other.' : null,
      items: [
        item(`Alice's shared secret (${fromHex(v.secrets.alice).length} bytes)`, grouped(v.secrets.alice), 'hex', blank('secret')),
        item(`Bob's shared secret (${fromHex(v.secrets.bob).length} bytes)`, grouped(v.secrets.bob), 'hex', blank('secret')),
        ...(blank('secret') ? [] : [item('Verdict', v.verdict, 'text')]),
      ],
    },
    {
      heading: '3 HKDF turns the secret into a key per direction',
      note: 'PRK = HKDF-Extract(salt, shared secret); each key = HKDF-Expand(PRK, its info, 32).',
      items: [
        item(`Info of the ${ARROWS.ab} key`, `“${v.infos.ab}”`, 'text'),
        item(`Info of the ${ARROWS.ba} key`, `“${v.infos.ba}”`, 'text'),
        ...['alice', 'bob'].flatMap((who) => [
          item(`${NAMES[who]}'s PRK`, grouped(v.prk[who]), 'hex', blank('prk')),
          item(`${NAMES[who]}'s ${ARROWS.ab} key`, grouped(v.okm[who].ab), 'hex', blank('okm')),
          item(`${NAMES[who]}'s ${ARROWS.ba} key`, grouped(v.okm[who].ba), 'hex', blank('okm')),
        ]),
        ...(blank('okm') || blank('prk') || blank('secret') ? [] : [item('Verdict', v.keyVerdict, 'text')]),
      ],
    },
    {
      heading: '4 Encrypted messages (AES-256-GCM: nonce ‖ ciphertext ‖ tag)',
      note: v.messages.length ? null : 'No message was sent before printing.',
      items: [
        ...v.messages.flatMap((m, i) => [
          item(`Message ${i + 1}: ${m.who}`, `nonce ${m.nonce}\nciphertext ${m.ciphertext}\ntag ${m.tag}`, 'hex'),
        ]),
        ...['alice', 'bob'].filter((who) => v.inbox[who].length).map((who) => item(`${NAMES[who]} received`, v.inbox[who].join('\n'), 'text')),
      ],
    },
  ];
  return { title: handoutTitle('ECDH Playground', key, lesson.seed), facts, sections };
}

