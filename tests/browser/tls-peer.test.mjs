// A real browser as the TLS peer: headless Chromium (Debian's, which offers
// X25519MLKEM768 first) opens https://127.0.0.1:PORT/ served by the package's TlsServer
// over a node:net socket, and gets a page. The server's report says which group was
// negotiated: the hybrid when the server prefers it, x25519 when told not to use it.
// (The certificate is the crate's self-signed one; --ignore-certificate-errors accepts it.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness.mjs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'],
});
after(() => browser.close());

/** An HTTPS server whose TLS is the model's TlsServer; resolves its reports as it serves. */
async function serve(options) {
  const reports = [];
  const errors = [];
  // The size of each connection's first record, the ClientHello, read from its header.
  const hellos = [];
  const server = net.createServer((socket) => {
    const tls = new api.TlsServer(options);
    let request = '';
    let answered = false;
    let head = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      if (head.length < 5) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= 5) hellos.push(5 + head.readUInt16BE(3));
      }
      try {
        socket.write(tls.receive(chunk));
      } catch (e) {
        errors.push(e.message);
        if (e.alert?.length) socket.write(e.alert);
        socket.destroy();
        reports.push(tls.report());
        return;
      }
      request += Buffer.from(tls.takeReceived()).toString('latin1');
      if (!answered && request.includes('\r\n\r\n')) {
        answered = true;
        const report = tls.report();
        const body = `<!doctype html><title>model</title><p id="group">${report.group}</p><p id="suite">${report.cipherSuite}</p>`;
        const response = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
        socket.write(tls.send(new TextEncoder().encode(response)));
        socket.end(tls.close());
        reports.push(report);
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: server.address().port, reports, errors, hellos };
}

async function visit(port) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  try {
    const response = await page.goto(`https://127.0.0.1:${port}/`, { timeout: 20_000 });
    assert.equal(response.status(), 200);
    return { group: await page.textContent('#group'), suite: await page.textContent('#suite') };
  } finally {
    await context.close();
  }
}

test('Chromium completes a TLS 1.3 handshake with the model\'s server, on X25519MLKEM768 when the server prefers it', async () => {
  const s = await serve({ groups: ['X25519MLKEM768', 'x25519', 'secp256r1'] });
  try {
    const seen = await visit(s.port);
    assert.deepEqual(s.errors, [], 'no alert');
    assert.equal(seen.group, 'X25519MLKEM768');
    const report = s.reports[0];
    assert.equal(report.version, '1.3');
    assert.equal(report.group, 'X25519MLKEM768');
    assert.equal(report.helloRetryRequest, false, 'Chromium sends the hybrid share first');
    assert.equal(report.secrets.sharedSecret.length, 128);
    // What the TLS 1.3 page explains: a browser's ClientHello with the hybrid share no
    // longer fits in one packet (1,460 bytes of TCP payload in a 1,500-byte packet).
    assert.ok(s.hellos[0] > 1460, `Chromium's ClientHello is ${s.hellos[0]} bytes`);
    assert.match(report.serverName ?? '', /^$|127\.0\.0\.1/);
  } finally {
    s.server.close();
  }
});

test('told not to use the hybrid, the model\'s server settles on x25519 with the same browser', async () => {
  const s = await serve({ groups: ['x25519', 'secp256r1'] });
  try {
    const seen = await visit(s.port);
    assert.deepEqual(s.errors, []);
    assert.equal(seen.group, 'x25519');
    assert.equal(s.reports[0].group, 'x25519');
    assert.equal(s.reports[0].helloRetryRequest, false, 'Chromium also sends an x25519 share');
  } finally {
    s.server.close();
  }
});

test('a server that accepts only secp256r1 asks Chromium again (HelloRetryRequest)', async () => {
  const s = await serve({ groups: ['secp256r1'], cipherSuites: ['TLS_AES_256_GCM_SHA384'] });
  try {
    const seen = await visit(s.port);
    assert.deepEqual(s.errors, []);
    assert.equal(seen.group, 'secp256r1');
    assert.equal(seen.suite, 'TLS_AES_256_GCM_SHA384');
    assert.equal(s.reports[0].helloRetryRequest, true);
  } finally {
    s.server.close();
  }
});
