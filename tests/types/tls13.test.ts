// The TLS 1.3 page's report members: tls13KeyScheduleDiagram and a Tls13Report's
// keySchedule and flights name every member of their interfaces, checked against the
// real objects (see shape.ts).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../www/pkg/ecdh_playground.js';
import { type Shape, check, fail } from './shape.js';
import type {
  Tls13KeyScheduleDiagram, Tls13ScheduleBox, Tls13ScheduleInput, Tls13Flight, Tls13WireRecord, Tls12Field, Tls13Options,
} from '../../www/pkg/ecdh_playground.js';

api.initSync({ module: readFileSync(new URL('../../www/pkg/ecdh_playground_bg.wasm', import.meta.url)) });

const maybeText = ['string', 'null'] as const;
const DIAGRAM: Shape<Tls13KeyScheduleDiagram> = { cipherSuite: ['string'], hash: ['string'], boxes: ['array'] };
const BOX: Shape<Tls13ScheduleBox> = {
  id: ['string'], operation: ['string'], stage: ['string'], outputName: ['string'], inputs: ['array'],
  label: maybeText, messages: maybeText, hkdfLabel: maybeText, length: ['number'], output: ['string'],
};
const INPUT: Shape<Tls13ScheduleInput> = { name: ['string'], source: ['string'], value: ['string'] };
const FLIGHT: Shape<Tls13Flight> = { from: ['string'], to: ['string'], bytes: ['number'], records: ['array'] };
const RECORD: Shape<Tls13WireRecord> = {
  record: ['string'], fields: ['array'], encrypted: ['boolean'], contentType: ['string'], plaintext: maybeText,
  innerPlaintext: maybeText, keys: maybeText, sequenceNumber: ['number', 'null'], nonce: maybeText, step: ['number', 'null'],
};
const FIELD: Shape<Tls12Field> = { name: ['string'], meaning: ['string'], start: ['number'], end: ['number'] };

function checkDiagram(what: string, diagram: Tls13KeyScheduleDiagram): void {
  check(what, diagram, DIAGRAM);
  for (const [i, box] of diagram.boxes.entries()) {
    check(`${what}.boxes[${i}]`, box, BOX);
    for (const [j, input] of box.inputs.entries()) check(`${what}.boxes[${i}].inputs[${j}]`, input, INPUT);
  }
}

test('tls13KeyScheduleDiagram returns exactly Tls13KeyScheduleDiagram', () => {
  const diagram: Tls13KeyScheduleDiagram = api.tls13KeyScheduleDiagram({
    cipherSuite: 'TLS_AES_256_GCM_SHA384', sharedSecret: '01'.repeat(32), helloHash: '02'.repeat(48), handshakeHash: '03'.repeat(48),
  });
  checkDiagram('tls13KeyScheduleDiagram', diagram);
  if (diagram.boxes.length !== 20) fail(`20 boxes, got ${diagram.boxes.length}`);
});

test("tls13Handshake's keySchedule and flights are exactly their interfaces", () => {
  const cases: Tls13Options[] = [{}, { mallory: 'swap-key' }, { group: 'X25519MLKEM768', clientGroups: ['x25519', 'X25519MLKEM768'] }];
  for (const [i, options] of cases.entries()) {
    const report = api.tls13Handshake(options);
    if (report.keySchedule) checkDiagram(`#${i}.keySchedule`, report.keySchedule);
    else if (!report.error) fail(`#${i}: no keySchedule`);
    if (report.flights.length === 0) fail(`#${i}: no flights`);
    for (const [f, flight] of report.flights.entries()) {
      check(`#${i}.flights[${f}]`, flight, FLIGHT);
      for (const [r, record] of flight.records.entries()) {
        check(`#${i}.flights[${f}].records[${r}]`, record, RECORD);
        for (const [k, field] of record.fields.entries()) check(`#${i}.flights[${f}].records[${r}].fields[${k}]`, field, FIELD);
      }
    }
  }
});
