// What the TLS 1.3 page's printed handout says: the inputs, every step of the handshake
// with its bytes, the transcript hashes and RFC 8446 §7.1's key schedule box by box, from
// the model's report. Pure: no DOM. handout.js draws and prints it.
import { stepItems, leakSection } from './handout-tls.js';
import { grouped, item, handoutTitle } from './handout-playground.js';

/** The report's secrets a handout leaves for the students: what ECDH and HKDF make. */
const TLS13_ASKED = [
  'sharedSecret', 'handshakeSecret', 'clientHandshakeTrafficSecret', 'serverHandshakeTrafficSecret',
  'masterSecret', 'clientApplicationTrafficSecret', 'serverApplicationTrafficSecret', 'exporterMasterSecret',
  'clientHandshakeKey', 'clientHandshakeIv', 'serverHandshakeKey', 'serverHandshakeIv',
  'clientApplicationKey', 'clientApplicationIv', 'serverApplicationKey', 'serverApplicationIv',
  'clientFinished', 'serverFinished',
];

const MALLORY = {
  'swap-key': 'swaps the key shares in both hellos and forwards the server\'s signature',
  resign: 'swaps the key shares and sends her own certificate and signature',
};

/** "Handshake Secret = HKDF-Extract(salt, IKM)", with its inputs as RFC 8446 §7.1 names them. */
export function boxFormula(box) {
  const args = box.inputs.map((input) => input.source);
  if (box.operation === 'HKDF-Expand-Label') args.push(`"${box.label}"`, '""', String(box.length));
  else if (box.label !== null) args.push(`"${box.label}"`);
  return `${box.outputName} = ${box.operation}(${args.join(', ')})`;
}

/**
 * The TLS 1.3 page's handout. `run`: { report, options, routes, settings, round } as the
 * page last ran the model (settings: what its controls said); `lesson`: { seed, link }.
 * The handout leaves blank the shared secret and everything the key schedule derives
 * from it (the secrets, keys, IVs and finished keys, both verify_data) and any step
 * whose bytes hold one of them; the answer key fills them in. The early secret and its
 * "derived" salt come from no input of the run and are printed; so are the transcript
 * hashes. The randoms and private keys are printed only in a seeded lesson.
 */
export function tls13Handout(run, lesson, { key = false } = {}) {
  const { report: r, options, settings: s = {} } = run;
  const boxes = r.keySchedule?.boxes ?? [];
  // Blank: every value the run derived from its shared secret (the boxes after the early
  // stage hold the finished keys, which the report's secrets do not).
  const asked = key ? [] : [
    ...TLS13_ASKED.map((name) => r.secrets?.[name]),
    ...boxes.filter((box) => box.stage !== 'early').map((box) => box.output),
  ].filter((hex) => typeof hex === 'string' && hex.length >= 24);
  const hides = (hex) => asked.some((value) => hex.includes(value));
  const offered = options.clientGroups ?? [];
  const facts = [
    ['Lesson seed', lesson.seed ? `“${lesson.seed}” (the randoms and keys come from it; for teaching, not secret)` : 'none: random values, which only this page had'],
    ['Cipher suite', r.cipherSuite ?? 'none agreed'],
    ['Server prefers', options.group],
    ['Client offers, in order', offered.length ? offered.join(', ') : '(nothing)'],
    ['Client\'s key share (its guess)', s.guess ?? offered[0] ?? '(none)'],
    ['Group chosen', r.group ? `${r.group}${r.helloRetryRequest ? ', after a HelloRetryRequest' : ''}` : 'none'],
    ['Mallory', MALLORY[options.mallory] ?? 'not there'],
    ['Server key share', options.staticServerKey ? 'static (one for every connection)' : 'ephemeral (fresh per connection)'],
    ['Message', `“${options.message ?? ''}”`],
    ...(run.round ? [['Round of randoms and keys', String(run.round)]] : []),
    ['Left for you to work out', key ? 'nothing: this is the answer key' : 'the shared secret, every secret, key and IV of the key schedule, both finished keys and verify_data'],
    ...(lesson.link ? [['Link to this lesson', lesson.link]] : []),
  ];
  const group = r.group ?? options.group;
  const inputs = [item('client_random', grouped(options.clientRandom)), item('server_random', grouped(options.serverRandom))];
  if (lesson.seed) {
    const raw = group === 'X25519MLKEM768' ? ', raw: the X25519 key, and the seed of the ML-KEM key pair' : ', raw';
    inputs.push(
      item(`Client's key share private key (${group}${raw})`, grouped(options.clientEphemeral)),
      item(`Server's ${options.staticServerKey ? 'static' : 'ephemeral'} key share private key (${group}${raw})`, grouped(options.serverEphemeral)),
      item('Server identity private key (ECDSA P-256, PKCS#8)', options.serverIdentity, 'pem'),
    );
  }
  const steps = stepItems(r, run.routes, hides);
  const schedule = [];
  if (r.secrets?.helloHash) schedule.push(item('Transcript-Hash(ClientHello...ServerHello)', grouped(r.secrets.helloHash)));
  if (r.secrets?.handshakeHash) schedule.push(item('Transcript-Hash(ClientHello...server Finished)', grouped(r.secrets.handshakeHash)));
  for (const box of boxes) schedule.push(item(boxFormula(box), grouped(box.output), 'hex', hides(box.output)));
  const sections = [
    { heading: 'The inputs', note: lesson.seed ? null : 'Without a seed the private keys were random: they are not printed.', items: inputs },
    { heading: 'The handshake, step by step', note: r.error ? `The handshake stops: ${r.error}` : null, items: steps },
  ];
  if (schedule.length) {
    sections.push({
      heading: `The key schedule (RFC 8446 §7.1, ${r.keySchedule?.hash ?? 'HKDF'})`,
      note: 'Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length); every label is prefixed with "tls13 ".',
      items: schedule,
    });
  }
  if (r.record) {
    sections.push({
      heading: 'The client\'s message, sealed with its application key',
      items: [
        item('Nonce: client_application_IV XOR sequence number', grouped(r.record.nonce), 'hex', hides(r.record.nonce)),
        item('Record (header ‖ ciphertext ‖ tag)', grouped(r.record.record)),
      ],
    });
  }
  if (r.leak && s.leak) sections.push(leakSection(r.leak));
  return { title: handoutTitle('TLS 1.3 handshake', key, lesson.seed), facts, sections };
}
