// DOM builders for the TLS 1.3 page: the records that carried a message (on the wire and
// inside), the ClientHello against a packet, the side-by-side table. Data is written
// with textContent only (through el); the bytes are the report's.
import { el } from './dom.js';
import { byteStrip, fieldInfo } from './tls12-view.js';
import { byteCount, segments } from './tls12-steps.js';
import { innerFields } from './tls13-steps.js';

const WHO = { client: 'Client', server: 'Server', mallory: 'Mallory' };

/**
 * One record that carried step `index`'s message: the record as it crossed the wire,
 * field by field, and for a protected one the TLSInnerPlaintext inside it, the keys and
 * the nonce. `n` tells records of one step apart (a message Mallory relays crosses twice).
 */
export function recordView({ record, from, to }, index, n) {
  const key = `step-${index}-record-${n}`;
  const info = fieldInfo(`${key}-info`, '');
  const wire = { bytes: record.record, fields: record.fields };
  const size = record.record.length / 2;
  const children = [
    el('h3', { text: `${record.encrypted ? 'Encrypted record' : 'Record in clear'}, ${WHO[from]} → ${WHO[to]} (${byteCount(size)} on the wire)` }),
    byteStrip(segments(wire, 'record'), { info, key: `${key}-wire`, label: `The record on the wire, ${WHO[from]} to ${WHO[to]}` }),
  ];
  if (record.encrypted) {
    const inner = { bytes: record.innerPlaintext, fields: innerFields(record) };
    children.push(
      el('p', { cls: 'label', text: `Inside, once opened with the ${record.keys} keys (sequence number ${record.sequenceNumber}, nonce ${record.nonce} = write IV XOR sequence number): TLSInnerPlaintext, ${byteCount(record.innerPlaintext.length / 2)}` }),
      byteStrip(segments(inner, 'plaintext'), { info, key: `${key}-inner`, label: 'The plaintext inside the record' }),
    );
  } else {
    children.push(el('p', { cls: 'label', text: 'Nothing protects it: anyone on the path reads every field, and Mallory can change any.' }));
  }
  children.push(info);
  return el('div', { cls: 'record-view', attrs: { 'data-record': record.encrypted ? 'encrypted' : 'clear' }, children });
}

/**
 * The ClientHello against one packet: one meter per TCP segment it fills (1,460 bytes of
 * a 1,500-byte packet once IPv4's and TCP's 40 bytes of headers are taken).
 */
export function packetMeters(packet) {
  const items = [];
  for (let i = 0, left = packet.bytes; i < packet.packets; i += 1, left -= packet.segment) {
    const used = Math.min(left, packet.segment);
    const id = `packet-meter-${i}`;
    items.push(el('li', {
      children: [
        el('label', { text: `Packet ${i + 1}: ${used} of ${packet.segment} bytes of TCP payload`, attrs: { for: id } }),
        el('meter', { attrs: { id, min: '0', max: String(packet.segment), value: String(used) } }),
      ],
    }));
  }
  return items;
}

/** The side-by-side table's rows (tls13-compare.js's), one <tr> each. */
export function compareRows(rows) {
  return rows.map((row) => el('tr', {
    attrs: { 'data-topic': row.topic },
    children: [
      el('th', { text: row.topic, attrs: { scope: 'row' } }),
      el('td', { text: row.tls12, attrs: { 'data-label': 'TLS 1.2', 'data-version': '1.2' } }),
      el('td', { text: row.tls13, attrs: { 'data-label': 'TLS 1.3', 'data-version': '1.3' } }),
    ],
  }));
}
