// What the TLS page's printed handout says: the inputs, every step of the handshake with
// its bytes and every calculation, from the model's report. Pure: no DOM. handout.js
// draws and prints it.
import { DEFAULT_MESSAGE } from './tls12-lesson.js';
import { routeText, serverPoint } from './tls12-steps.js';
import { grouped, item, handoutTitle } from './handout-playground.js';

/** The values a TLS handout leaves for the students: what the PRF and ECDH make. */
const TLS_ASKED = ['preMasterSecret', 'masterSecret', 'keyBlock', 'clientWriteKey', 'serverWriteKey', 'clientIv', 'serverIv', 'clientFinished', 'serverFinished'];

/**
 * The TLS page's handout. `run`: { report, options } as the page last ran the model;
 * `lesson`: { seed, tls } (tls12-lesson.js). The handout leaves blank the pre-master
 * secret, the master secret, the key block and its parts and both verify_data (and any
 * step whose bytes hold one of them); the answer key fills them in. The randoms and
 * private keys are printed only in a seeded lesson, whose keys are not secret anyway.
 */
export function tlsHandout(run, lesson, { key = false } = {}) {
  const { report: r, options } = run;
  const tls = lesson.tls ?? {};
  // The 4-byte IVs too: a step that builds the record's nonce starts with one.
  const asked = key ? [] : TLS_ASKED.map((name) => r[name]).filter((hex) => typeof hex === 'string' && hex.length >= 8);
  const hides = (hex) => asked.some((value) => hex.includes(value));
  const ask = (name) => !key && TLS_ASKED.includes(name);
  const offered = (tls.groups ?? []).filter((g) => g.offered).map((g) => g.group);
  const facts = [
    ['Lesson seed', lesson.seed ? `“${lesson.seed}” (the randoms and keys come from it; for teaching, not secret)` : 'none: random values, which only this page had'],
    ['Cipher suite', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
    ['Server prefers', tls.group ?? options.group],
    ['Client offers, in order', offered.length ? offered.join(', ') : '(nothing)'],
    ['Group chosen', r.group ?? 'none'],
    ['Mallory', { 'swap-key': 'swaps in her ECDH key', resign: 'swaps in her key and re-signs it' }[tls.mallory] ?? 'not there'],
    ['Server ECDH key', tls.staticKey ? 'static (one for every connection)' : 'ephemeral (fresh per connection)'],
    ['Message', `“${tls.message ?? DEFAULT_MESSAGE}”`],
    ...(tls.round ? [['Round of randoms and keys', String(tls.round)]] : []),
    ['Left for you to work out', key ? 'nothing: this is the answer key' : 'pre_master_secret, master_secret, the key block and its four parts, both verify_data'],
    ...(lesson.link ? [['Link to this lesson', lesson.link]] : []),
  ];
  const inputs = lesson.seed
    ? [
      item('client_random', grouped(options.clientRandom)),
      item('server_random', grouped(options.serverRandom)),
      item(`Client's ephemeral private key (${r.group ?? options.group}, raw)`, grouped(options.clientEphemeral)),
      item(`Server's ${options.staticServerKey ? 'static' : 'ephemeral'} ECDH private key (raw)`, grouped(options.serverEphemeral)),
      item('Server identity private key (ECDSA P-256, PKCS#8)', options.serverIdentity, 'pem'),
    ]
    : [item('client_random', grouped(options.clientRandom)), item('server_random', grouped(options.serverRandom))];
  const steps = stepItems(r, run.routes, hides);
  const calc = [];
  const value = (label, name, hex) => {
    if (typeof hex === 'string' && hex !== '') calc.push(item(label, grouped(hex), 'hex', ask(name)));
  };
  if (r.signedData) {
    value('Signed data: client_random ‖ server_random ‖ ServerECDHParams', 'signedData', r.signedData);
    value('Signature (DER)', 'signature', r.signature);
    calc.push(item('Signature verdict', r.signatureValid ? 'valid: the key comes from the holder of the pinned identity key' : 'invalid: the client stops', 'text'));
  }
  if (r.serverEcdhParams) value('Server\'s ECDH public key', 'serverPublic', serverPoint(r.serverEcdhParams));
  value('pre_master_secret', 'preMasterSecret', r.preMasterSecret);
  value('master_secret = PRF(pre_master_secret, "master secret", client_random ‖ server_random)[0..47]', 'masterSecret', r.masterSecret);
  value('key_block = PRF(master_secret, "key expansion", server_random ‖ client_random)[0..39]', 'keyBlock', r.keyBlock);
  value('client_write_key', 'clientWriteKey', r.clientWriteKey);
  value('server_write_key', 'serverWriteKey', r.serverWriteKey);
  value('client_write_IV', 'clientIv', r.clientIv);
  value('server_write_IV', 'serverIv', r.serverIv);
  value('Client verify_data', 'clientFinished', r.clientFinished);
  value('Server verify_data', 'serverFinished', r.serverFinished);
  if (r.record) {
    value('Record nonce: client_write_IV ‖ explicit_nonce', 'clientIv', r.record.nonce);
    value('Record aad: seq_num ‖ type ‖ version ‖ length', 'aad', r.record.aad);
    value('Record ciphertext ‖ tag', 'ciphertext', r.record.ciphertext);
  }
  const sections = [
    { heading: 'The inputs', note: lesson.seed ? null : 'Without a seed the private keys were random: they are not printed.', items: inputs },
    { heading: 'The handshake, step by step', note: r.error ? `The handshake stops: ${r.error}` : null, items: steps },
    { heading: 'The calculations', items: calc },
  ];
  if (r.leak && tls.leak) sections.push(leakSection(r.leak));
  return { title: handoutTitle('TLS 1.2 handshake', key, lesson.seed), facts, sections };
}

/** Every step of a run, numbered, with its route and bytes; blank where `hides(bytes)`. */
export function stepItems(report, routes, hides) {
  return report.steps.map((step, i) => item(
    `${i + 1}. ${step.title} — ${routeText(routes[i])}`,
    step.bytes ? grouped(step.bytes) : '(no bytes)',
    'hex',
    Boolean(step.bytes) && hides(step.bytes),
  ));
}

/** The forward-secrecy exercise's verdict and why, for both versions' handouts. */
export function leakSection(leak) {
  return {
    heading: 'Later: the server\'s long-term keys leak',
    items: [item('Verdict', leak.decrypted ? `decrypted: the attacker reads “${leak.plaintext}”` : 'not decrypted: the recorded connection stays sealed', 'text'),
      item('Why', leak.explanation, 'text')],
  };
}
