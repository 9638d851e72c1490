// The TLS 1.3 page's sections under the sequence diagram, each drawn from the report:
// the ClientHello against a packet, the certificate and signature, the leak, the
// side-by-side table and the inputs. DOM only; `byId` is the page's scoped lookup and
// `state` the controller's (tls13.js), read and never changed except `announcedLeak`.
import { el, show } from './dom.js';
import { helloPacket, MTU } from './tls13-steps.js';
import { compareRuns } from './tls13-compare.js';
import { packetMeters, compareRows } from './tls13-view.js';
import { attackerStep } from './tls12-view.js';
import { inspectorFragment } from './inspection.js';

/** The first ClientHello's record, against one 1,500-byte packet. */
export function renderPacket(byId, state) {
  const packet = helloPacket(state.report);
  const list = byId('packet-bars');
  if (!packet) {
    byId('packet-text').textContent = 'No ClientHello was sent.';
    list.replaceChildren();
    byId('packet-why').textContent = '';
    return;
  }
  const group = state.report.steps[0]?.fields.find((f) => f.name === 'group')?.meaning ?? state.settings.guess;
  byId('packet-text').textContent = `The first ClientHello carries one key share, ${group}: ${packet.share} bytes of key. On the wire it is one record of ${packet.bytes} bytes, an IP packet of ${packet.packet} bytes with IPv4's and TCP's 40 bytes of headers, against ${packet.segment} bytes of TCP payload in a ${MTU}-byte packet (Ethernet's MTU): ${packet.packets === 1 ? `it fits in one packet, ${Math.round((100 * packet.bytes) / packet.segment)}% full` : `it takes ${packet.packets} packets`}.`;
  list.replaceChildren(...packetMeters(packet));
  byId('packet-why').textContent = packet.share > 1000
    ? `The hybrid's share is an ML-KEM-768 encapsulation key (1,184 bytes) and an X25519 key (32 bytes): a ClientHello that was a few hundred bytes is now close to ${packet.segment}. A browser's ClientHello also carries a plain X25519 share as a fallback, GREASE, ALPN and more, and so goes past one packet: Chromium 156's, measured against this model's server in the project's tests, is 1,931 bytes, and the server reads it from two TCP segments, which some middleboxes and servers that expected one packet mishandled. The extra bytes are the price of "harvest now, decrypt later" protection: a recording made today stays sealed even if ML-KEM's partner, X25519, falls to a future quantum computer — and if ML-KEM fell, X25519 would still hold.`
    : 'Choose X25519MLKEM768 as the client\'s guess to see what the post-quantum hybrid does to this size.';
}

/**
 * The certificate the client read, and the CertificateVerify verdict (or the check that
 * failed); `inspector` is the key inspector's address beside the page, or null.
 */
export function renderCertificate(byId, state, inspector) {
  const { report } = state;
  const verify = report.steps.findIndex((s) => s.title === 'Client verifies CertificateVerify');
  const read = report.steps.findIndex((s) => s.title === "Client reads the server's certificate");
  const cert = report.certificate;
  const reachedAt = read >= 0 ? read : report.steps.length - 1;
  const ready = cert && state.reached >= reachedAt;
  byId('cert-wait').textContent = ready ? '' : 'The client reads the certificate after it has the handshake keys: step on to it.';
  show(byId('cert-body'), Boolean(ready));
  if (!ready) return;
  byId('v-cert-subject').textContent = cert.subject;
  byId('v-cert-issuer').textContent = cert.issuer;
  byId('v-cert-validity').textContent = `${cert.notBefore} to ${cert.notAfter}`;
  const inspect = byId('v-cert-inspect');
  inspect.hidden = !inspector;
  if (inspector) inspect.href = `${inspector}${inspectorFragment(cert.pem)}`;
  const trust = byId('v-cert-trust');
  trust.textContent = report.trust ?? '';
  trust.className = `verdict ${cert.pinned ? 'ok' : 'bad'}`;
  const failed = report.error && /CertificateVerify|pinned/.test(report.error);
  byId('v-verify').textContent = verify >= 0 ? report.steps[verify].explanation : '';
  const verdict = byId('v-verdict');
  verdict.textContent = failed
    ? `✗ The check that fails: ${report.error}`
    : verify >= 0 ? '✓ CertificateVerify is valid: the holder of the certificate\'s key signed this very transcript.' : '';
  verdict.className = `verdict ${failed ? 'bad' : 'ok'}`;
}

/** The forward-secrecy exercise, once the connection has ended. */
export function renderAttacker(byId, state, announce) {
  const { report, settings: s } = state;
  show(byId('attacker'), s.leak);
  if (!s.leak) return;
  const atEnd = state.reached >= report.steps.length - 1;
  const waiting = !report.leak
    ? (report.error ? 'The handshake stopped, so there is no connection to record and nothing to decrypt.' : 'The exercise did not run.')
    : !atEnd ? 'The leak happens after the connection has ended: step to the end (or Run all).' : '';
  byId('attacker-wait').textContent = waiting;
  show(byId('attacker-wait'), Boolean(waiting));
  show(byId('attacker-body'), !waiting);
  if (waiting) return;
  const leak = report.leak;
  byId('attacker-has').replaceChildren(...leak.attackerHas.flatMap((item) => [
    el('dt', { text: item.name }),
    el('dd', { children: [el(item.value.startsWith('-----') ? 'pre' : 'output', { cls: 'bytes', text: item.value })] }),
  ]));
  byId('attacker-steps').replaceChildren(...leak.steps.map((step, i) => attackerStep(step, i)));
  const verdict = byId('leak-verdict');
  verdict.textContent = leak.decrypted
    ? `✗ Decrypted: the attacker reads “${leak.plaintext}”.`
    : leak.steps.length === 0 ? '' : '✓ Not decrypted: the recorded connection stays sealed.';
  verdict.className = `verdict ${leak.decrypted ? 'bad' : 'ok'}`;
  byId('leak-explanation').textContent = leak.explanation;
  if (verdict.textContent && state.announcedLeak !== verdict.textContent) {
    state.announcedLeak = verdict.textContent;
    announce(`After the leak: ${verdict.textContent}`);
  }
}

/** The side-by-side table, from the TLS 1.2 and TLS 1.3 reports. */
export function renderCompare(byId, state) {
  const section = byId('compare-section');
  show(section, state.settings.compare);
  if (!state.settings.compare) return;
  const rows = compareRuns(state.report12, state.report);
  const note = byId('compare-note');
  if (!rows) {
    note.textContent = `Both handshakes must finish to be compared (TLS 1.2: ${state.report12.error ?? 'finished'}; TLS 1.3: ${state.report.error ?? 'finished'}). Take Mallory off the wire.`;
    byId('compare-rows').replaceChildren();
    return;
  }
  note.textContent = `One TLS 1.2 run (${state.report12.cipherSuite}, ${state.report12.group}) and this TLS 1.3 run (${state.report.cipherSuite}, ${state.report.group}), from the same randoms, key-share keys and identity key. Every cell is counted from the two runs' bytes.`;
  byId('compare-rows').replaceChildren(...compareRows(rows));
}

/** This run's randoms and private keys. */
export function renderInputs(byId, state) {
  const { options } = state;
  const rows = [
    ['client_random', options.clientRandom, 'in-client-random'],
    ['server_random', options.serverRandom, 'in-server-random'],
    ["client's key-share private key (32 bytes: an X25519 key, a P-256 scalar, the hybrid's seed)", options.clientEphemeral, 'in-client-ephemeral'],
    [`server's ${options.staticServerKey ? 'kept' : 'one-time'} key-share private key`, options.serverEphemeral, 'in-server-ephemeral'],
    ['server identity private key (ECDSA P-256, PKCS#8)', options.serverIdentity, 'in-server-identity'],
    ["Mallory's key-share private key", options.malloryEphemeral, 'in-mallory-ephemeral'],
    ["Mallory's identity private key (ECDSA P-256, PKCS#8)", options.malloryIdentity, 'in-mallory-identity'],
  ];
  byId('inputs-list').replaceChildren(...rows.flatMap(([name, value, id]) => [
    el('dt', { text: name }),
    el('dd', { children: [el(value.startsWith('-----') ? 'pre' : 'output', { cls: 'bytes', text: value, attrs: { id } })] }),
  ]));
}
