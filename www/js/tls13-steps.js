// Pure helpers for the TLS 1.3 page: its lesson in a link, the options of
// `tls13Handshake`, and reading the report (which step crossed which hop, how big each
// flight is). No DOM here; the crate computes, this only reads and counts.

/** The groups the 1.3 model implements, as the report names them. */
export const GROUPS13 = ['x25519', 'secp256r1', 'X25519MLKEM768'];
const MALLORY = ['none', 'swap-key', 'resign'];
/** Inputs the key-schedule diagram can show instead of this run's: published values. */
export const KNOWN = ['illustrated'];
export const DEFAULT_MESSAGE13 = 'GET / HTTP/1.1';

/** An Ethernet frame's payload, and the IPv4 and TCP headers (no options) inside it. */
export const MTU = 1500;
export const IP_TCP_HEADERS = 40;

/**
 * The TLS 1.3 lesson in `params` (URLSearchParams): the server's group, the client's
 * guess (the group of its one key share), Mallory, the static key share, the leak, the
 * message, the round of "New randoms and keys", the published inputs of the key-schedule
 * view, and whether the side-by-side view is open. Invalid values fall back to the
 * defaults.
 */
export function readTls13Lesson(params) {
  const pick = (name, list) => (list.includes(params.get(name)) ? params.get(name) : list[0]);
  const round = Number.parseInt(params.get('round') ?? '', 10);
  return {
    group: pick('group', GROUPS13),
    guess: pick('guess', GROUPS13),
    mallory: pick('mallory', MALLORY),
    staticKey: params.get('static') === '1',
    leak: params.get('leak') === '1',
    message: params.get('message') ?? DEFAULT_MESSAGE13,
    round: Number.isSafeInteger(round) && round > 0 ? round : 0,
    known: KNOWN.includes(params.get('known')) ? params.get('known') : null,
    compare: params.get('compare') === '1',
  };
}

/** Sets in `params` the non-default values of `lesson` (public values only: never a key). */
export function writeTls13Lesson(lesson, params) {
  if (lesson.group && lesson.group !== GROUPS13[0]) params.set('group', lesson.group);
  if (lesson.guess && lesson.guess !== GROUPS13[0]) params.set('guess', lesson.guess);
  if (lesson.mallory && lesson.mallory !== 'none') params.set('mallory', lesson.mallory);
  if (lesson.staticKey) params.set('static', '1');
  if (lesson.leak) params.set('leak', '1');
  if (lesson.message !== undefined && lesson.message !== DEFAULT_MESSAGE13) params.set('message', lesson.message);
  if (lesson.round) params.set('round', String(lesson.round));
  if (lesson.known) params.set('known', lesson.known);
  if (lesson.compare) params.set('compare', '1');
  return params;
}

/** The client offers every group, its guess first: it sends a key share for that one only. */
export function clientGroups(guess) {
  return [guess, ...GROUPS13.filter((g) => g !== guess)];
}

/**
 * The options of one run from the settings and the randoms and keys made once. One
 * 32-byte private key per party serves every group: an X25519 key, a P-256 scalar, or
 * the seed of the hybrid's key pair. The 1.2 run of the side-by-side view takes the
 * same options (its group x25519 when 1.3 runs the hybrid, which 1.2 does not have).
 */
export function buildOptions13(settings, material) {
  return {
    group: settings.group,
    clientGroups: clientGroups(settings.guess),
    clientRandom: material.clientRandom,
    serverRandom: material.serverRandom,
    clientEphemeral: material.client,
    serverEphemeral: material.server,
    serverIdentity: material.serverIdentity,
    mallory: settings.mallory,
    malloryEphemeral: material.mallory,
    malloryIdentity: material.malloryIdentity,
    staticServerKey: settings.staticServerKey,
    message: settings.message,
    leakIdentity: settings.leak,
  };
}

/**
 * Where each step sits in the sequence diagram, from the report's flights: a step whose
 * message a record carried is a message on that record's first hop; any other step is
 * computed on its side. The same shape as tls12-steps.js's stepRoute.
 */
export function routes13(report) {
  const hops = new Map();
  for (const flight of report.flights ?? []) {
    for (const record of flight.records) {
      if (record.step !== null && !hops.has(record.step)) hops.set(record.step, flight);
    }
  }
  return report.steps.map((step, i) => {
    const flight = hops.get(i);
    if (!flight) return { kind: 'compute', from: step.side, to: step.side, intercepted: false };
    return { kind: 'message', from: flight.from, to: flight.to, intercepted: flight.from === 'server' && flight.to === 'mallory' };
  });
}

/** Every record that carried step `index`, each with the hop it crossed. */
export function recordsOf(report, index) {
  return (report.flights ?? []).flatMap((flight) => flight.records
    .filter((record) => record.step === index)
    .map((record) => ({ record, from: flight.from, to: flight.to })));
}

/**
 * The fields of a protected record's TLSInnerPlaintext (RFC 8446 §5.2): the content, the
 * real content type, and the zero padding, from the lengths the report gives.
 */
export function innerFields(record) {
  const content = record.plaintext.length / 2;
  const total = record.innerPlaintext.length / 2;
  const fields = [
    { name: 'content', meaning: `the ${record.contentType} bytes (shown above, field by field)`, start: 0, end: content },
    { name: 'type', meaning: `the real content type, ${record.contentType}: hidden inside the encryption`, start: content, end: content + 1 },
  ];
  if (total > content + 1) fields.push({ name: 'zeros', meaning: 'padding', start: content + 1, end: total });
  return fields;
}

/**
 * The ClientHello on the wire: its record's size, the IP packet it makes (IPv4 and TCP
 * headers added) and how many 1,500-byte packets that takes. `null` before it is sent.
 */
export function helloPacket(report) {
  const first = (report.flights ?? []).find((f) => f.from === 'client');
  const record = first?.records[0];
  if (!record) return null;
  const bytes = record.record.length / 2;
  const segment = MTU - IP_TCP_HEADERS;
  return {
    bytes,
    packet: bytes + IP_TCP_HEADERS,
    packets: Math.ceil(bytes / segment),
    segment,
    share: keyShareBytes(report.steps[record.step ?? 0]),
  };
}

/**
 * The bytes of the key_share entries' keys in a ClientHello step, from its annotated
 * fields: whatever follows each "key_exchange length" up to the next entry or
 * extension (one key_exchange field, or the hybrid's ML-KEM and X25519 parts).
 */
export function keyShareBytes(step) {
  if (!step) return 0;
  let inside = false;
  let total = 0;
  for (const f of step.fields) {
    if (f.name === 'key_exchange length') inside = true;
    else if (f.name === 'group' || f.name === 'extension_type') inside = false;
    else if (inside) total += f.end - f.start;
  }
  return total;
}

/** Size of each flight the sender and receiver were the client and the server (Mallory's hops left out). */
export function flightSizes13(report) {
  return (report.flights ?? []).filter((f) => f.from !== 'mallory' && f.to !== 'mallory')
    .map((f) => ({ from: f.from, bytes: f.bytes, records: f.records.length }));
}
