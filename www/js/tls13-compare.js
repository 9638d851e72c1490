// The side-by-side view's table: one TLS 1.2 run and one TLS 1.3 run on the same keys,
// compared row by row from the two reports (tls12Handshake, tls13Handshake). Pure: no
// DOM; every number here is counted from the reports' bytes and steps.
import { stepRoute } from './tls12-steps.js';

const FINISHED = '14';
const RECORD_HEADER = 5;

/** Whether a 1.2 step is a whole record (ChangeCipherSpec, the encrypted Finished, data). */
const isRecord12 = (step) => step.fields[0]?.name === 'type';

/**
 * The TLS 1.2 run's flights: its steps that cross the wire, grouped by sender, each
 * message counted with the 5-byte header of the record the model sends it in (a plain
 * handshake message, or the encrypted record that carries a Finished). Each flight:
 * { from, bytes, messages: [{ title, clear }] }.
 */
export function flights12(report) {
  const out = [];
  report.steps.forEach((step) => {
    const route = stepRoute(step, report.mallory ?? 'none');
    if (route.kind !== 'message' || step.side === 'mallory') return;
    const bytes = step.bytes.length / 2 + (isRecord12(step) ? 0 : RECORD_HEADER);
    const encrypted = isRecord12(step) && /encrypted|application data/i.test(step.title);
    const last = out[out.length - 1];
    const flight = last && last.from === step.side ? last : { from: step.side, bytes: 0, messages: [] };
    if (flight !== last) out.push(flight);
    flight.bytes += bytes;
    flight.messages.push({ title: step.title, clear: !encrypted });
  });
  return out;
}

/** The TLS 1.3 run's flights between client and server: { from, bytes, messages }. */
export function flights13(report) {
  return (report.flights ?? []).filter((f) => f.from !== 'mallory' && f.to !== 'mallory').map((f) => ({
    from: f.from,
    bytes: f.bytes,
    messages: f.records.map((r) => ({
      title: r.step !== null ? report.steps[r.step].title : r.contentType,
      clear: !r.encrypted,
      finished: r.contentType === 'handshake' && (r.plaintext ?? '').startsWith(FINISHED),
    })),
  }));
}

/**
 * Round trips before the client may send its first application byte: the server flights
 * it must wait for, up to the one with the server's Finished (after that, in 1.3 the
 * client's data may follow its own Finished at once, RFC 8446 §2; in 1.2 it follows the
 * server's Finished, RFC 5246 §7.3).
 */
export function roundTrips(flights, serverFinishedIn) {
  let count = 0;
  for (const [i, flight] of flights.entries()) {
    if (flight.from !== 'server') continue;
    count += 1;
    if (serverFinishedIn(flight, i)) return count;
  }
  return null;
}

/** Whether a 1.2 flight holds the server's Finished (in the encrypted record that carries it). */
const finished12 = (flight) => flight.messages.some((m) => /^Server Finished, encrypted/.test(m.title));

const names = (messages) => messages.map((m) => m.title).join(', ') || 'none';

/** The key exchange a suite name says ("ECDHE_ECDSA"), or null for a 1.3 suite, which names none. */
export function suiteKeyExchange(suite) {
  const match = /^TLS_(.+)_WITH_/.exec(suite ?? '');
  return match ? match[1] : null;
}

/**
 * The comparison: rows of { topic, tls12, tls13, note }, each value a sentence made from
 * the reports. `null` when either run stopped before its end (nothing fair to compare).
 */
export function compareRuns(report12, report13) {
  if (report12.error || report13.error) return null;
  const f12 = flights12(report12);
  const f13 = flights13(report13);
  const rt12 = roundTrips(f12, finished12);
  const rt13 = roundTrips(f13, (flight) => flight.messages.some((m) => m.finished));
  const clear12 = f12.flatMap((f) => f.messages).filter((m) => m.clear);
  const secret12 = f12.flatMap((f) => f.messages).filter((m) => !m.clear);
  const clear13 = f13.flatMap((f) => f.messages).filter((m) => m.clear);
  const secret13 = f13.flatMap((f) => f.messages).filter((m) => !m.clear);
  const boxes = report13.keySchedule?.boxes ?? [];
  const count = (op) => boxes.filter((b) => b.operation === op).length;
  const signed12 = report12.signedData.length / 2;
  const verify = report13.steps.find((s) => s.title === 'Client verifies CertificateVerify');
  const sameSecret = report12.preMasterSecret === report13.secrets.sharedSecret;
  const sizes = (flights) => flights.map((f) => `${f.from === 'client' ? 'C→S' : 'S→C'} ${f.bytes}`).join(', ');
  const total = (flights) => flights.reduce((n, f) => n + f.bytes, 0);
  const kx12 = suiteKeyExchange(report12.cipherSuite);
  return [
    {
      topic: 'Round trips before the client may send application data',
      tls12: `${rt12}: the client waits for the server's Finished in its second flight`,
      tls13: `${rt13}${report13.helloRetryRequest ? ' (one more for the HelloRetryRequest)' : ''}: the server's first flight already ends with its Finished; the client's data may follow its own Finished`,
      values: [rt12, rt13],
    },
    {
      topic: 'In clear on the wire',
      tls12: `${clear12.length} records: ${names(clear12)}`,
      tls13: `${clear13.length} records: ${names(clear13)}`,
      values: [clear12.length, clear13.length],
    },
    {
      topic: 'Encrypted',
      tls12: `${secret12.length} records: ${names(secret12)}`,
      tls13: `${secret13.length} records: ${names(secret13)}`,
      values: [secret12.length, secret13.length],
    },
    {
      topic: 'The certificate',
      tls12: 'in clear: anyone on the path reads the server\'s identity',
      tls13: 'encrypted under the server\'s handshake key',
      values: [clear12.some((m) => m.title === 'Certificate'), secret13.some((m) => m.title === 'Certificate')],
    },
    {
      topic: 'What the server signs',
      tls12: `the ECDH parameters: client_random ‖ server_random ‖ ServerECDHParams (${signed12} bytes); nothing else of the handshake`,
      tls13: `the whole transcript: 64 spaces ‖ "TLS 1.3, server CertificateVerify" ‖ 0 ‖ Transcript-Hash(ClientHello .. Certificate)${verify ? ` = ${verify.bytes.slice(-(report13.secrets.helloHash?.length ?? 64))}` : ''}`,
      values: [signed12, verify ? verify.bytes.length / 2 : null],
    },
    {
      topic: 'Key derivation',
      tls12: `the PRF (P_SHA256): master_secret = PRF(pre_master_secret, "master secret", randoms), then one key block`,
      tls13: `HKDF with ${report13.keySchedule?.hash ?? 'the suite\'s hash'}: ${count('HKDF-Extract')} HKDF-Extract, ${count('Derive-Secret')} Derive-Secret and ${count('HKDF-Expand-Label')} HKDF-Expand-Label boxes; a key per direction and per phase`,
      values: [report12.masterSecret.length / 2, boxes.length],
    },
    {
      topic: 'The (EC)DHE shared secret',
      tls12: `pre_master_secret = ${report12.preMasterSecret}`,
      tls13: sameSecret
        ? `the same bytes, into HKDF-Extract: the same keys give the same ECDH output; only what is built on it differs`
        : `${report13.secrets.sharedSecret} (${report13.group}: ${report13.group === 'X25519MLKEM768' ? 'the hybrid, which 1.2 does not have, so the 1.2 run used x25519' : 'another group'})`,
      values: [report12.preMasterSecret, report13.secrets.sharedSecret],
    },
    {
      topic: 'Key exchange the suite allows',
      tls12: `${report12.cipherSuite}: the suite names the key exchange (${kx12}); 1.2 also has static ECDH and RSA key transport suites, where a leaked server key opens every recorded session`,
      tls13: `${report13.cipherSuite}: names only the AEAD and the hash. Every 1.3 handshake is (EC)DHE (or a PSK); static ECDH and RSA key transport are gone (RFC 8446 §1.2)`,
      values: [kx12, suiteKeyExchange(report13.cipherSuite)],
    },
    {
      topic: 'Flights (bytes, records included)',
      tls12: `${sizes(f12)}; ${total(f12)} bytes in all`,
      tls13: `${sizes(f13)}; ${total(f13)} bytes in all (the NewSessionTicket included)`,
      values: [total(f12), total(f13)],
    },
  ];
}
