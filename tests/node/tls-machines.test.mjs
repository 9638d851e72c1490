// The TLS machines of the wasm package (TlsClient, TlsServer) as JavaScript meets them:
// against each other in memory, and over node:net sockets against OpenSSL — the client
// fetches a page from `openssl s_server -www`, the server echoes a line to
// `openssl s_client`, for both TLS 1.3 suites, both groups and a HelloRetryRequest.
// A failure prints the alert and what OpenSSL said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'];
const GROUPS = [['x25519', 'X25519'], ['secp256r1', 'P-256']];
const text = (bytes) => Buffer.from(bytes).toString('latin1');

// One identity for every test: an OpenSSL-made key and certificate, so that the
// machines are also shown to take what `openssl req` writes.
const dir = mkdtempSync(path.join(tmpdir(), 'ecdh-playground-tls-'));
const keyFile = path.join(dir, 'key.pem');
const certFile = path.join(dir, 'cert.pem');
const run = (cmd, args) => new Promise((resolve, reject) => {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.on('error', reject);
  child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: ${out}`))));
});
await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
  '-keyout', keyFile, '-out', certFile, '-subj', '/CN=localhost', '-days', '30',
  '-addext', 'subjectAltName=DNS:localhost']);
const certificate = readFileSync(certFile, 'utf8');
const privateKey = readFileSync(keyFile, 'utf8');

/** Runs the handshake in memory, delivering `chunk` bytes at a time. */
function handshake(client, server, chunk = 1 << 20) {
  let toServer = client.start();
  for (let round = 0; round < 6 && !(client.handshakeDone && server.handshakeDone); round += 1) {
    const toClient = [];
    for (let i = 0; i < toServer.length; i += chunk) toClient.push(...server.receive(toServer.subarray(i, i + chunk)));
    const back = [];
    const bytes = Uint8Array.from(toClient);
    for (let i = 0; i < bytes.length; i += chunk) back.push(...client.receive(bytes.subarray(i, i + chunk)));
    toServer = Uint8Array.from(back);
  }
  if (toServer.length) server.receive(toServer);
}

test('TlsClient and TlsServer complete every suite and group in memory, in any chunking', () => {
  for (const cipherSuite of SUITES) {
    for (const [group] of GROUPS) {
      const client = new api.TlsClient({ groups: [group], cipherSuites: [cipherSuite], pinnedCertificate: certificate });
      const server = new api.TlsServer({ certificate, privateKey, groups: [group], cipherSuites: [cipherSuite] });
      handshake(client, server, 5);
      assert.equal(client.handshakeDone, true);
      assert.equal(server.handshakeDone, true);
      server.receive(client.send(new TextEncoder().encode('ping')));
      assert.equal(text(server.takeReceived()), 'ping');
      client.receive(server.send(new TextEncoder().encode('pong')));
      assert.equal(text(client.takeReceived()), 'pong');
      const report = client.report();
      assert.equal(report.version, '1.3');
      assert.equal(report.cipherSuite, cipherSuite);
      assert.equal(report.group, group);
      assert.equal(report.certificate.subject, 'CN=localhost');
      assert.equal(report.certificate.pinned, true);
      assert.deepEqual(report.secrets, server.report().secrets);
      assert.ok(report.steps.some((s) => s.title === 'ClientHello' && s.fields.length > 10));
      assert.ok(report.records.some((r) => r.direction === 'received' && r.contentType === 'application_data'));
      assert.equal(client.session.cipherSuite, cipherSuite);
      assert.match(client.session.psk, /^[0-9a-f]+$/);
    }
  }
});

test('defaults: both groups offered, a share for the first; the server prefers by its own order', () => {
  const client = new api.TlsClient();
  const server = new api.TlsServer({ groups: ['secp256r1', 'x25519'] });
  handshake(client, server);
  const report = client.report();
  assert.equal(report.helloRetryRequest, true);
  assert.equal(report.group, 'secp256r1');
  assert.equal(report.certificate.pinned, false);
  assert.match(report.trust, /accepts any certificate/);
});

test('a failure throws an Error naming the alert, with the alert record to send', () => {
  const client = new api.TlsClient({ pinnedCertificate: certificate });
  const server = new api.TlsServer();  // another key: not the pinned certificate
  const flight = server.receive(client.start());
  assert.throws(() => client.receive(flight), (e) => {
    assert.match(e.message, /pinned key.*bad_certificate/);
    assert.ok(e.alert instanceof Uint8Array && e.alert.length > 5, 'the alert record');
    return true;
  });
  assert.throws(() => client.receive(new Uint8Array([1])), /the connection is closed/);
  assert.match(client.report().error, /bad_certificate/);
  // Tampered bytes: the server's Finished record, one bit.
  const c2 = new api.TlsClient({ clientEphemeral: '11'.repeat(32) });
  const s2 = new api.TlsServer({ certificate, privateKey });
  const f2 = s2.receive(c2.start());
  f2[f2.length - 3] ^= 1;
  assert.throws(() => c2.receive(f2), (e) => /bad_record_mac/.test(e.message) && e.alert.length > 0);
});

test('bad options are named', () => {
  assert.throws(() => new api.TlsClient({ grops: ['x25519'] }), /unknown option "grops"/);
  assert.throws(() => new api.TlsClient({ groups: ['x448'] }), /groups.*not implemented/);
  assert.throws(() => new api.TlsClient({ cipherSuites: ['TLS_CHACHA20_POLY1305_SHA256'] }), /cipherSuites/);
  assert.throws(() => new api.TlsClient({ pinnedCertificate: 'hello' }), /pinnedCertificate/);
  assert.throws(() => new api.TlsServer({ certificate }), /privateKey.*needs its private key/);
  const other = api.SigningKey.generate().revealPrivateKey('pem');
  assert.throws(() => new api.TlsServer({ certificate, privateKey: other }), /not the private key of the certificate/);
  assert.throws(() => new api.TlsClient({ version: '1.1' }), /version/);
  assert.throws(() => new api.TlsClient().receive('text'), /Uint8Array/);
  assert.throws(() => new api.TlsClient().send(new Uint8Array(1)), /handshake is not done/);
});

/** Starts `openssl s_server -www` on port 0 and reads the port back. */
async function sServer(args, connections = 1) {
  const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-www', '-naccept', String(connections),
    '-cert', certFile, '-key', keyFile, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stderr.on('data', (d) => { said += d; });
  const port = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      said += d;
      const m = /ACCEPT .*:(\d+)/.exec(said);
      if (m) resolve(Number(m[1]));
    });
    child.on('close', () => reject(new Error(`s_server exited: ${said}`)));
  });
  return { child, port, said: () => said };
}

/** The client fetches / from s_server over a socket; returns the page and the report. */
async function fetchPage(options, serverArgs) {
  const server = await sServer(serverArgs);
  try {
    return await fetchFrom(server, options);
  } finally {
    server.child.kill();
  }
}

/** One GET over a new connection to a running s_server. */
async function fetchFrom(server, options) {
  {
    const socket = net.connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    const client = new api.TlsClient({ pinnedCertificate: certificate, serverName: 'localhost', ...options });
    socket.write(client.start());
    let page = '';
    let requested = false;
    for await (const chunk of socket) {
      try {
        socket.write(client.receive(chunk));
      } catch (e) {
        if (/close_notify/.test(e.message)) {
          page += text(client.takeReceived());  // -www closes right after the page
          break;
        }
        socket.write(e.alert);
        throw new Error(`${e.message}\nOpenSSL said:\n${server.said()}`);
      }
      if (client.handshakeDone && !requested) {
        socket.write(client.send(new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n')));
        requested = true;
      }
      page += text(client.takeReceived());
    }
    socket.destroy();
    return { page, report: client.report(), session: client.session };
  }
}

test('the client fetches a page from openssl s_server, each suite and group', async () => {
  for (const cipherSuite of SUITES) {
    for (const [group, name] of GROUPS) {
      const { page, report } = await fetchPage({ groups: [group], cipherSuites: [cipherSuite] },
        ['-tls1_3', '-ciphersuites', cipherSuite, '-groups', name]);
      assert.match(page, /^HTTP\/1.0 200 ok/, `${cipherSuite} ${group}`);
      assert.ok(page.includes('TLSv1.3') && page.includes(cipherSuite), page);
      assert.equal(report.group, group);
      assert.ok(report.tickets >= 1);
    }
  }
});

test('openssl s_server -groups P-256 makes the client retry (HelloRetryRequest)', async () => {
  const { page, report } = await fetchPage({}, ['-tls1_3', '-groups', 'P-256']);
  assert.match(page, /^HTTP\/1.0 200 ok/);
  assert.equal(report.helloRetryRequest, true);
  assert.equal(report.group, 'secp256r1');
});

/** openssl s_client against a TlsServer behind net.createServer; the server echoes a line. */
async function echo(options, clientArgs) {
  const tlsServer = new api.TlsServer({ certificate, privateKey, ...options });
  const listener = net.createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address();
  const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-quiet', '-servername', 'localhost',
    '-verify_return_error', '-CAfile', certFile, ...clientArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  let said = '';
  child.stdout.on('data', (d) => { said += d; });
  child.stderr.on('data', (d) => { said += d; });
  child.stdin.write('hello from openssl\n');
  const [socket] = await once(listener, 'connection');
  try {
    await new Promise((resolve, reject) => {
      let line = '';
      socket.on('data', (chunk) => {
        try {
          socket.write(tlsServer.receive(chunk));
        } catch (e) {
          socket.write(e.alert);
          reject(new Error(`${e.message}\nOpenSSL said:\n${said}`));
          return;
        }
        line += text(tlsServer.takeReceived());
        if (line.endsWith('\n')) {
          socket.write(tlsServer.send(new TextEncoder().encode(`echo: ${line}`)));
          socket.end(tlsServer.close());
          resolve();
        }
      });
      socket.on('error', reject);
      child.on('close', () => reject(new Error(`s_client exited first: ${said}`)));
    });
    child.stdin.end();
    if (child.exitCode === null) await once(child, 'close');
  } finally {
    child.kill();
    listener.close();
  }
  return { said, report: tlsServer.report() };
}

test('the server echoes to openssl s_client, each suite and group, and OpenSSL verifies its certificate', async () => {
  for (const cipherSuite of SUITES) {
    for (const [group, name] of GROUPS) {
      const { said, report } = await echo({ groups: [group], cipherSuites: [cipherSuite] },
        ['-tls1_3', '-ciphersuites', cipherSuite, '-groups', name]);
      assert.match(said, /echo: hello from openssl/, said);
      assert.doesNotMatch(said, /verify error/);
      assert.equal(report.cipherSuite, cipherSuite);
      assert.equal(report.group, group);
    }
  }
});

test('the server asks openssl s_client again for its preferred group', async () => {
  const { said, report } = await echo({ groups: ['secp256r1', 'x25519'] }, ['-tls1_3', '-groups', 'X25519:P-256']);
  assert.match(said, /echo: hello from openssl/, said);
  assert.equal(report.helloRetryRequest, true);
  assert.equal(report.group, 'secp256r1');
});

test('a certificate the crate made serves too (no certificate option)', async () => {
  const server = new api.TlsServer();
  const client = new api.TlsClient();
  handshake(client, server);
  const pem = client.report().certificate.pem;
  writeFileSync(path.join(dir, 'made.pem'), pem);
  const out = await run('openssl', ['x509', '-in', path.join(dir, 'made.pem'), '-noout', '-subject', '-ext', 'subjectAltName']);
  assert.match(out, /CN ?= ?localhost/);
  assert.match(out, /DNS:localhost/);
  await run('openssl', ['verify', '-CAfile', path.join(dir, 'made.pem'), path.join(dir, 'made.pem')]);
});

test('tls13Handshake: the machines in memory, from tls12Handshake\'s options', () => {
  const fixed = { clientRandom: '01'.repeat(32), serverRandom: '02'.repeat(32), clientEphemeral: '03'.repeat(32),
    serverEphemeral: '04'.repeat(32), privateKey, certificate };
  const report = api.tls13Handshake(fixed);
  assert.equal(report.error, null);
  assert.equal(report.opened, 'ping');
  assert.deepEqual(api.tls13Handshake(fixed), report, 'same options, same report');
  assert.equal(report.certificate.pem.trim(), certificate.trim());
  const hrr = api.tls13Handshake({ ...fixed, group: 'secp256r1', cipherSuite: 'TLS_AES_256_GCM_SHA384' });
  assert.equal(hrr.helloRetryRequest, true);
  assert.equal(hrr.cipherSuite, 'TLS_AES_256_GCM_SHA384');
  const swapped = api.tls13Handshake({ ...fixed, mallory: 'swap-key' });
  assert.match(swapped.error, /CertificateVerify/);
  assert.equal(swapped.alert, 'decrypt_error');
  const leaked = api.tls13Handshake({ ...fixed, staticServerKey: true, leakIdentity: true });
  assert.equal(leaked.leak.decrypted, true);
  assert.throws(() => api.tls13Handshake({ colour: 'red' }), /tls13Handshake options: unknown option "colour"/);
  assert.match(api.tls13Handshake({ cipherSuite: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256' }).error, /cipherSuite/);
  assert.match(api.tls12Handshake({ cipherSuite: 'TLS_AES_128_GCM_SHA256' }).error, /cipherSuite.*one suite/);
  assert.equal(api.tls12Handshake({ groups: ['secp256r1'] }).group, 'secp256r1');
});

test('TLS 1.2 machines: in memory, and against openssl both ways', async () => {
  const client = new api.TlsClient({ version: '1.2', pinnedCertificate: certificate });
  const server = new api.TlsServer({ version: '1.2', certificate, privateKey, groups: ['secp256r1'] });
  handshake(client, server, 3);
  assert.equal(client.handshakeDone && server.handshakeDone, true);
  server.receive(client.send(new TextEncoder().encode('ping')));
  assert.equal(text(server.takeReceived()), 'ping');
  const report = client.report();
  assert.equal(report.version, '1.2');
  assert.equal(report.cipherSuite, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
  assert.equal(report.group, 'secp256r1');
  assert.equal(report.secrets.masterSecret.length, 96);
  assert.deepEqual(report.secrets, server.report().secrets);
  assert.ok(report.steps.some((s) => s.title === "Client reads the server's certificate"));
  assert.ok(server.report().steps.some((s) => s.title === 'Certificate' && s.fields.length > 3));
  assert.equal(client.session.version, '1.2');
  assert.equal(client.session.issuer, 'TlsClient');
  assert.equal(client.session.masterSecret, report.secrets.masterSecret);
  assert.throws(() => new api.TlsClient({ version: '1.2', cipherSuites: ['TLS_AES_128_GCM_SHA256'] }), /one suite/);

  for (const [group, name] of GROUPS) {
    // In TLS 1.2 supported_groups also names the curves accepted for ECDSA (RFC 8422
    // §5.1.1): the client offers both, so OpenSSL may use its P-256 certificate.
    const other = GROUPS.find(([g]) => g !== group)[0];
    const { page, report: r } = await fetchPage({ version: '1.2', groups: [group, other] },
      ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256', '-groups', name]);
    assert.match(page, /^HTTP\/1.0 200 ok/, group);
    assert.ok(page.includes('TLSv1.2'), page);
    assert.equal(r.group, group);
    const { said, report: sr } = await echo({ version: '1.2', groups: [group] },
      ['-tls1_2', '-groups', name === 'X25519' ? 'X25519:P-256' : 'P-256']);
    assert.match(said, /echo: hello from openssl/, said);
    assert.equal(sr.group, group);
  }
});

test('TlsClient resumes with the openssl s_server that issued the session: the page says Reused', async () => {
  const cases = [
    ['1.3 psk_dhe_ke', { }, { pskMode: 'psk_dhe_ke' }, ['-tls1_3'], 'psk_dhe_ke'],
    ['1.3 psk_ke', { }, { pskMode: 'psk_ke' }, ['-tls1_3', '-allow_no_dhe_kex'], 'psk_ke'],
    ['1.2 ticket', { version: '1.2' }, { version: '1.2' }, ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256'], 'ticket'],
    ['1.2 session ID', { version: '1.2' }, { version: '1.2' },
      ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256', '-no_ticket'], 'session_id'],
  ];
  for (const [name, first, again, args, how] of cases) {
    const server = await sServer(args, 2);
    try {
      const one = await fetchFrom(server, first);
      assert.match(one.page, /New, TLSv1\.[23]/, name);
      assert.equal(one.report.resumed, false);
      assert.equal(one.session.issuer, 'TlsClient');
      const two = await fetchFrom(server, { ...again, resume: one.session });
      assert.match(two.page, /Reused, TLSv1\.[23]/, `${name}: ${two.page}`);
      assert.equal(two.report.resumed, true, name);
      assert.equal(two.report.resumption, how, name);
      assert.equal(two.report.certificate, null, name);
    } finally {
      server.child.kill();
    }
  }
});

test('resumption in memory: the one-shots and the machines, and sessions stay with their issuer', () => {
  const fixed = { clientRandom: '01'.repeat(32), serverRandom: '02'.repeat(32), clientEphemeral: '03'.repeat(32),
    serverEphemeral: '04'.repeat(32), privateKey, certificate };
  const first = api.tls13Handshake(fixed);
  assert.equal(first.resumed, false);
  assert.equal(first.session.issuer, 'tls13Handshake');
  for (const pskMode of ['psk_dhe_ke', 'psk_ke']) {
    const r = api.tls13Handshake({ ...fixed, clientRandom: '05'.repeat(32), resume: first.session, pskMode });
    assert.equal(r.error, null);
    assert.equal(r.resumed, true);
    assert.equal(r.resumption, pskMode);
    assert.equal(r.secrets.psk, first.session.psk);
  }
  const twelve = api.tls12Handshake(fixed);
  const again = api.tls12Handshake({ ...fixed, clientRandom: '05'.repeat(32), resume: twelve.session });
  assert.equal(again.resumed, true);
  assert.equal(again.masterSecret, twelve.masterSecret);
  assert.match(api.tls13Handshake({ ...fixed, resume: twelve.session }).error, /TLS 1.2 session/);
  assert.throws(() => api.tls13Handshake({ resume: 'ticket' }), /resume: expected a session object/);

  const client = new api.TlsClient({ pinnedCertificate: certificate });
  const server = new api.TlsServer({ certificate, privateKey, ticketKey: '33'.repeat(32) });
  handshake(client, server);
  const resumed = new api.TlsClient({ pinnedCertificate: certificate, resume: client.session, pskMode: 'psk_ke' });
  handshake(resumed, new api.TlsServer({ certificate, privateKey, ticketKey: '33'.repeat(32) }));
  assert.equal(resumed.report().resumed, true);
  assert.equal(resumed.report().resumption, 'psk_ke');
  assert.throws(() => new api.TlsClient({ resume: first.session }), /tls13Handshake's in-memory server/);
  assert.match(api.tls13Handshake({ ...fixed, resume: client.session }).error, /TlsClient talking to a real server/);
  assert.throws(() => new api.TlsClient({ pskMode: 'psk_maybe' }), /pskMode/);
});
