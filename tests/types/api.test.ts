// The package's TypeScript types (www/pkg/ecdh_playground.d.ts) against the real objects.
// tsc --strict checks this file against the .d.ts; `node --test` then runs what tsc
// emitted. Each returned object is compared with a Shape of its interface, and a Shape
// must name every member of the interface with only the kinds of value its type allows
// (checked by tsc), while the run checks that the real object has no member the Shape
// lacks and that every value is of a listed kind. So a member added on one side only,
// or a type written differently from what the module returns, fails here.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../www/pkg/ecdh_playground.js';
import { type Shape, check, fail } from './shape.js';
import type {
  DerNode, DerTree, EcdsaSignatureForms, PublicKeyInspection, Tls12Field, Tls12Options,
  Tls12Report, Tls12Step, Tls13KeySchedule, Tls13KeyScheduleInput, TlsCertificate,
  TlsClientOptions, TlsConnectionReport, TlsRecord as TlsRecordLog, TlsSecrets, TlsServerOptions,
  TlsSession, Tls13Options, Tls13Report, TlsResumptionLeak, TlsResumptionVerdict, MlkemKeyPair, MlkemEncapsulation, HybridResponse,
} from '../../www/pkg/ecdh_playground.js';

api.initSync({ module: readFileSync(new URL('../../www/pkg/ecdh_playground_bg.wasm', import.meta.url)) });

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const INSPECTION: Shape<PublicKeyInspection> = {
  curve: ['string'], format: ['string'], source: ['string'], containsPrivateKey: ['boolean'],
  bareBytes: ['boolean', 'undefined'], warnings: ['array'], pem: ['string'], spki: ['string'], raw: ['string'],
  compressed: ['string', 'undefined'], jwk: ['string'], fingerprint: ['string'], der: ['string'],
  certificate: ['object', 'undefined'], comment: ['string', 'undefined'],
};
type Certificate = NonNullable<PublicKeyInspection['certificate']>;
const CERTIFICATE: Shape<Certificate> = {
  subject: ['string'], issuer: ['string'], notBefore: ['string'], notAfter: ['string'],
  signatureAlgorithm: ['string'], serialNumber: ['string'],
};
const NODE: Shape<DerNode> = {
  tag: ['number', 'null'], tagName: ['string'], offset: ['number'], headerLength: ['number'],
  length: ['number'], name: ['string', 'undefined'], value: ['string', 'undefined'],
  children: ['array', 'undefined'],
};
const TREE: Shape<DerTree> = { ...NODE, der: ['string'] };
const FORMS: Shape<EcdsaSignatureForms> = { der: ['bytes'], p1363: ['bytes'], given: ['string'] };
const FIELD: Shape<Tls12Field> = { name: ['string'], meaning: ['string'], start: ['number'], end: ['number'] };
const STEP: Shape<Tls12Step> = {
  side: ['string'], title: ['string'], explanation: ['string'], bytes: ['string'], fields: ['array'],
};
const maybe = ['string', 'null'] as const;
const REPORT: Shape<Tls12Report> = {
  version: ['string'], group: maybe, cipherSuite: ['string'], clientRandom: maybe, serverRandom: maybe,
  clientHello: maybe, serverHello: maybe, serverKeyExchange: maybe, serverEcdhParams: maybe,
  signedData: maybe, signature: maybe, serverIdentityPublicKey: maybe, certificate: ['object', 'null'],
  signatureValid: ['boolean'],
  clientKeyExchange: maybe, preMasterSecret: maybe, masterSecret: maybe, keyBlock: maybe,
  clientWriteKey: maybe, serverWriteKey: maybe, clientIv: maybe, serverIv: maybe,
  record: ['object', 'null'], clientFinished: maybe, serverFinished: maybe, mallory: ['string'],
  staticServerKey: ['boolean'], steps: ['array'], leak: ['object', 'null'], resumed: ['boolean'],
  resumption: maybe, session: ['object', 'null'], ticketKeyName: maybe, resumptionLeak: ['object', 'null'],
  error: maybe,
};
const SESSION: Shape<TlsSession> = {
  version: ['string'], issuer: ['string'], cipherSuite: ['string'], serverName: maybe, ticket: maybe,
  sessionId: maybe, masterSecret: maybe, psk: maybe, ticketNonce: maybe, ageAdd: ['number', 'null'],
  lifetime: ['number'],
};
const RESUMPTION_LEAK: Shape<TlsResumptionLeak> = {
  attackerHas: ['array'], verdicts: ['array'], steps: ['array'], explanation: ['string'],
};
const VERDICT: Shape<TlsResumptionVerdict> = {
  connection: ['string'], decrypted: ['boolean'], plaintext: maybe, why: ['string'],
};

function checkResumption(path: string, report: { session: TlsSession | null; resumptionLeak: TlsResumptionLeak | null }): void {
  if (report.session) check(`${path}.session`, report.session, SESSION);
  if (report.resumptionLeak) {
    check(`${path}.resumptionLeak`, report.resumptionLeak, RESUMPTION_LEAK);
    for (const v of report.resumptionLeak.verdicts) check(`${path}.resumptionLeak.verdicts`, v, VERDICT);
    for (const has of report.resumptionLeak.attackerHas) check(`${path}.resumptionLeak.attackerHas`, has, HAS);
    checkSteps(report.resumptionLeak.steps, `${path}.resumptionLeak.steps`);
  }
}
type TlsRecord = NonNullable<Tls12Report['record']>;
const RECORD: Shape<TlsRecord> = {
  sequenceNumber: ['number'], plaintext: ['string'], explicitNonce: ['string'], nonce: ['string'],
  aad: ['string'], ciphertext: ['string'], wire: ['string'], opened: ['string'],
};
type Leak = NonNullable<Tls12Report['leak']>;
const LEAK: Shape<Leak> = {
  attackerHas: ['array'], steps: ['array'], decrypted: ['boolean'], plaintext: ['string', 'null'],
  explanation: ['string'],
};
const HAS: Shape<Leak['attackerHas'][number]> = { name: ['string'], value: ['string'] };

function checkTree(node: DerNode, path: string): number {
  check(path, node, NODE);
  let count = 1;
  for (const [i, child] of (node.children ?? []).entries()) count += checkTree(child, `${path}.children[${i}]`);
  return count;
}

function checkSteps(steps: Tls12Step[], path: string): void {
  for (const [i, step] of steps.entries()) {
    check(`${path}[${i}]`, step, STEP);
    for (const [j, field] of step.fields.entries()) check(`${path}[${i}].fields[${j}]`, field, FIELD);
  }
}

test('KeyPair, SigningKey and the functions on bytes have the declared types', () => {
  const curves: Array<'P-256' | 'X25519'> = api.supportedCurves();
  if (curves.join() !== 'P-256,X25519') fail(`supportedCurves: ${curves.join()}`);
  for (const curve of curves) {
    const alice = api.KeyPair.fromSeed(curve, utf8('types'), 'alice');
    const bob = api.KeyPair.generate(curve);
    const secret: Uint8Array = alice.sharedSecret(bob.publicKey('pem'));
    const okm: Uint8Array = api.hkdf(secret, null, utf8('info'), 32);
    const prk: Uint8Array = api.hkdfExtract(null, secret);
    const expanded: Uint8Array = api.hkdfExpand(prk, utf8('info'), 32);
    if (expanded.join() !== okm.join()) fail('hkdf and extract + expand differ');
    const envelope: Uint8Array = api.encrypt(okm, utf8('hello'));
    const opened: Uint8Array = api.decrypt(okm, envelope, undefined);
    if (new TextDecoder().decode(opened) !== 'hello') fail('decrypt');
    const fixed: Uint8Array = api.encryptWithNonce(okm, new Uint8Array(12), utf8('x'), utf8('aad'));
    if (fixed.length !== 12 + 1 + 16) fail('encryptWithNonce');
    const name: string = alice.curve;
    const fingerprint: string = alice.fingerprint;
    const again = api.KeyPair.importPrivateKey(alice.revealPrivateKey('pkcs8'), null);
    if (again.fingerprint !== fingerprint || name !== curve) fail('importPrivateKey');
    again.free();
    alice.free();
    bob.free();
  }
  const signer = api.SigningKey.fromSeed(utf8('types'), null);
  const der: Uint8Array = signer.sign(utf8('m'));
  const raw: Uint8Array = signer.signP1363(utf8('m'));
  const valid: boolean = api.verifySignature(signer.publicKey(), utf8('m'), der);
  if (!valid || !api.verifySignature(signer.publicKey('jwk'), utf8('m'), raw)) fail('verifySignature');
  const prf: Uint8Array = api.tls12Prf(new Uint8Array(48), 'master secret', new Uint8Array(64), 48);
  if (prf.length !== 48) fail('tls12Prf');
  const forms: EcdsaSignatureForms = api.ecdsaSignatureForms(der);
  check('ecdsaSignatureForms', forms, FORMS);
  signer.free();
});

test('inspectPublicKey returns exactly PublicKeyInspection, for every source', () => {
  const pair = api.KeyPair.fromSeed('P-256', utf8('types'), 'carol');
  const x = api.KeyPair.fromSeed('X25519', utf8('types'), 'carol');
  const inspections: PublicKeyInspection[] = [
    api.inspectPublicKey(pair.publicKey('pem')),
    api.inspectPublicKey(pair.publicKey('openssh') + ' carol@laptop'),
    api.inspectPublicKey(pair.revealPrivateKey('pem')),
    api.inspectPublicKey(x.publicKey('jwk')),
  ];
  for (const [i, inspection] of inspections.entries()) {
    check(`inspectPublicKey #${i}`, inspection, INSPECTION);
    for (const warning of inspection.warnings) if (typeof warning !== 'string') fail('warnings');
    if (inspection.certificate) check(`inspectPublicKey #${i}.certificate`, inspection.certificate, CERTIFICATE);
  }
  const sources: Array<PublicKeyInspection['source']> = inspections.map((i) => i.source);
  if (sources.join() !== 'public-key,openssh,private-key,public-key') fail(`sources: ${sources.join()}`);
  if (inspections[1]?.comment !== 'carol@laptop') fail('comment');
  pair.free();
  x.free();
});

test('explainDer returns a DerTree of DerNodes', () => {
  const signer = api.SigningKey.fromSeed(utf8('types'), 'tree');
  const inputs: Array<string | Uint8Array> = [signer.publicKey('pem'), signer.revealPrivateKey('pkcs8'), signer.sign(utf8('m'))];
  for (const [i, input] of inputs.entries()) {
    const tree: DerTree = api.explainDer(input);
    check(`explainDer #${i}`, tree, TREE);
    const count = (tree.children ?? []).reduce((n, child, j) => n + checkTree(child, `explainDer #${i}.children[${j}]`), 1);
    if (count < 3) fail(`explainDer #${i}: ${count} nodes`);
  }
  signer.free();
});

test('tls12Handshake takes Tls12Options and returns exactly Tls12Report', () => {
  const cases: Array<Tls12Options | undefined> = [
    undefined,
    { group: 'secp256r1', message: 'hi', leakIdentity: true, staticServerKey: true },
    { mallory: 'swap-key' },
    { leakTicketKey: true, sessionTickets: true },
    { sessionTickets: false, ticketKey: '22'.repeat(32) },
  ];
  for (const [i, options] of cases.entries()) {
    const report: Tls12Report = options === undefined ? api.tls12Handshake() : api.tls12Handshake(options);
    checkResumption(`tls12Handshake #${i}`, report);
    check(`tls12Handshake #${i}`, report, REPORT);
    checkSteps(report.steps, `tls12Handshake #${i}.steps`);
    if (report.record) check(`tls12Handshake #${i}.record`, report.record, RECORD);
    if (report.leak) {
      check(`tls12Handshake #${i}.leak`, report.leak, LEAK);
      for (const has of report.leak.attackerHas) check(`tls12Handshake #${i}.leak.attackerHas`, has, HAS);
      checkSteps(report.leak.steps, `tls12Handshake #${i}.leak.steps`);
    }
  }
});

test('tls13KeySchedule returns exactly Tls13KeySchedule; hkdfExpandLabel bytes', () => {
  const input: Tls13KeyScheduleInput = {
    cipherSuite: 'TLS_AES_256_GCM_SHA384', sharedSecret: '11'.repeat(32), helloHash: '22'.repeat(48), handshakeHash: '33'.repeat(48),
  };
  const schedule: Tls13KeySchedule = api.tls13KeySchedule(input);
  const text = ['string'] as const;
  const SCHEDULE: Shape<Tls13KeySchedule> = {
    earlySecret: text, handshakeSecret: text, masterSecret: text, clientHandshakeTrafficSecret: text,
    serverHandshakeTrafficSecret: text, clientApplicationTrafficSecret: text,
    serverApplicationTrafficSecret: text, exporterMasterSecret: text, clientHandshakeKey: text,
    clientHandshakeIv: text, serverHandshakeKey: text, serverHandshakeIv: text,
    clientApplicationKey: text, clientApplicationIv: text, serverApplicationKey: text, serverApplicationIv: text,
  };
  check('tls13KeySchedule', schedule, SCHEDULE);
  const label: Uint8Array = api.hkdfExpandLabel(new Uint8Array(48), 'key', new Uint8Array(0), 32, 'SHA-384');
  if (label.length !== 32) fail('hkdfExpandLabel');
});

test('TlsClient and TlsServer take their options and report exactly TlsConnectionReport', () => {
  const clientOptions: TlsClientOptions = { groups: ['x25519'], cipherSuites: ['TLS_AES_128_GCM_SHA256'], serverName: 'localhost' };
  const serverOptions: TlsServerOptions = { groups: ['secp256r1', 'x25519'] };
  const client = new api.TlsClient(clientOptions);
  const server = new api.TlsServer(serverOptions);
  const hello: Uint8Array = client.start();
  const flight: Uint8Array = server.receive(hello);
  const finished: Uint8Array = client.receive(flight);
  client.receive(server.receive(finished));  // the server's NewSessionTicket
  const done: boolean = client.handshakeDone && server.handshakeDone;
  if (!done) fail('the handshake did not complete');
  server.receive(client.send(utf8('ping')));
  const received: Uint8Array = server.takeReceived();
  if (new TextDecoder().decode(received) !== 'ping') fail('takeReceived');
  const maybeText = ['string', 'null'] as const;
  const REPORT13: Shape<TlsConnectionReport> = {
    version: ['string'], side: ['string'], cipherSuite: maybeText, group: maybeText,
    helloRetryRequest: ['boolean'], serverName: maybeText, certificate: ['object', 'null'], trust: maybeText,
    secrets: ['object'], records: ['array'], tickets: ['number'], resumed: ['boolean'], resumption: maybeText,
    handshakeDone: ['boolean'], steps: ['array'], error: maybeText, alert: maybeText,
  };
  const SECRETS: Shape<TlsSecrets> = {
    sharedSecret: maybeText, helloHash: maybeText, handshakeHash: maybeText, earlySecret: maybeText,
    handshakeSecret: maybeText, clientHandshakeTrafficSecret: maybeText, serverHandshakeTrafficSecret: maybeText,
    masterSecret: maybeText, clientApplicationTrafficSecret: maybeText, serverApplicationTrafficSecret: maybeText,
    exporterMasterSecret: maybeText, resumptionMasterSecret: maybeText, clientHandshakeKey: maybeText,
    clientHandshakeIv: maybeText, serverHandshakeKey: maybeText, serverHandshakeIv: maybeText,
    clientApplicationKey: maybeText, clientApplicationIv: maybeText, serverApplicationKey: maybeText,
    serverApplicationIv: maybeText, keyBlock: maybeText, clientWriteKey: maybeText, serverWriteKey: maybeText,
    clientWriteIv: maybeText, serverWriteIv: maybeText, clientFinished: maybeText, serverFinished: maybeText,
    psk: maybeText, binderKey: maybeText, binder: maybeText, clientEarlyTrafficSecret: maybeText,
    earlyExporterMasterSecret: maybeText,
  };
  const CERT: Shape<TlsCertificate> = {
    subject: ['string'], issuer: ['string'], notBefore: ['string'], notAfter: ['string'],
    serialNumber: ['string'], publicKey: ['string'], pem: ['string'], pinned: ['boolean'],
  };
  const LOG: Shape<TlsRecordLog> = {
    direction: ['string'], contentType: ['string'], keys: ['string'], sequenceNumber: ['number'],
    nonce: ['string'], plaintext: ['string'], record: ['string'],
  };
  for (const [who, report] of [['client', client.report()], ['server', server.report()]] as const) {
    check(`${who}.report()`, report, REPORT13);
    check(`${who}.report().secrets`, report.secrets, SECRETS);
    if (report.certificate) check(`${who}.report().certificate`, report.certificate, CERT);
    for (const [i, record] of report.records.entries()) check(`${who}.report().records[${i}]`, record, LOG);
    checkSteps(report.steps, `${who}.report().steps`);
  }
  const session: TlsSession | null = client.session;
  if (session === null) fail('no session ticket');
  check('client.session', session, SESSION);
  const again = new api.TlsClient({ ...clientOptions, resume: session, pskMode: 'psk_ke' } satisfies TlsClientOptions);
  const resumedServer = new api.TlsServer({ ...serverOptions, ticketKey: '00'.repeat(32) } satisfies TlsServerOptions);
  resumedServer.receive(again.start());
  const bye: Uint8Array = client.close();
  if (bye.length === 0) fail('close');
});

test('tls13Handshake takes Tls13Options and returns exactly Tls13Report', () => {
  const maybeText = ['string', 'null'] as const;
  const REPORT: Shape<Tls13Report> = {
    version: ['string'], cipherSuite: maybeText, group: maybeText, helloRetryRequest: ['boolean'],
    clientRandom: maybeText, serverRandom: maybeText, certificate: ['object', 'null'], trust: maybeText,
    serverIdentityPublicKey: maybeText, secrets: ['object'], records: ['array'], record: ['object', 'null'],
    opened: maybeText, mallory: ['string'], staticServerKey: ['boolean'], steps: ['array'],
    leak: ['object', 'null'], resumed: ['boolean'], resumption: maybeText, session: ['object', 'null'],
    ticketKeyName: maybeText, resumptionLeak: ['object', 'null'], error: maybeText, alert: maybeText,
    keySchedule: ['object', 'null'], flights: ['array'],
  };
  const cases: Tls13Options[] = [{}, { cipherSuite: 'TLS_AES_256_GCM_SHA384', leakIdentity: true }, { mallory: 'swap-key' },
    { leakTicketKey: true, ticketKey: '11'.repeat(32) }];
  for (const [i, options] of cases.entries()) {
    const report: Tls13Report = api.tls13Handshake(options);
    check(`tls13Handshake #${i}`, report, REPORT);
    checkSteps(report.steps, `tls13Handshake #${i}.steps`);
    if (report.leak) check(`tls13Handshake #${i}.leak`, report.leak, LEAK);
    checkResumption(`tls13Handshake #${i}`, report);
  }
  const first = api.tls13Handshake({ ticketKey: '11'.repeat(32) });
  if (first.session === null) fail('tls13Handshake gave no session');
  const resumed: Tls13Report = api.tls13Handshake({ ticketKey: '11'.repeat(32), resume: first.session, pskMode: 'psk_ke' });
  if (!resumed.resumed || resumed.resumption !== 'psk_ke') fail('tls13Handshake resume');
});

test('ML-KEM-768 and the hybrid return exactly their interfaces', () => {
  const pair: MlkemKeyPair = api.mlkemKeyPairFromSeed(new Uint8Array(64));
  check('mlkemKeyPairFromSeed', pair, { encapsulationKey: ['bytes'], decapsulationKey: ['bytes'] });
  const enc: MlkemEncapsulation = api.mlkemEncapsulate(pair.encapsulationKey, new Uint8Array(32));
  check('mlkemEncapsulate', enc, { ciphertext: ['bytes'], sharedSecret: ['bytes'] });
  const secret: Uint8Array = api.mlkemDecapsulate(pair.decapsulationKey, enc.ciphertext);
  if (secret.length !== 32) fail('mlkemDecapsulate');
  const client = api.HybridKeyPair.generate();
  const share: Uint8Array = client.publicShare;
  const answer: HybridResponse = api.hybridRespond(share);
  check('hybridRespond', answer, { serverShare: ['bytes'], sharedSecret: ['bytes'] });
  const mine: Uint8Array = client.finish(answer.serverShare);
  if (mine.length !== 64) fail('finish');
  const ek: Uint8Array = client.encapsulationKey;
  if (ek.length !== 1184) fail('encapsulationKey');
  const seed: Uint8Array = client.revealMlkemSeed();
  const half: api.KeyPair = client.x25519KeyPair();
  const again = api.HybridKeyPair.importPrivateKey(seed, half.revealPrivateKey('pem'));
  if (again.publicShare.join() !== share.join()) fail('importPrivateKey');
  const groups: string[] = api.supportedGroups();
  if (!groups.includes('X25519MLKEM768')) fail('supportedGroups');
});
