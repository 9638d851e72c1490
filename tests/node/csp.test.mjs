// The one Content-Security-Policy (.ci/csp.json) and every place that carries it: the
// <meta> of each page, the header of the dev server (.ci/serve.py), the single file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { headerPolicy, metaPolicy, pages } from '../../.ci/csp.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('every page carries the one policy in its <meta>', () => {
  const found = pages();
  assert.ok(found.length >= 5, found.map((p) => p.name).join(', '));
  for (const page of found) assert.equal(page.policy, metaPolicy(), page.name);
  assert.match(metaPolicy(), /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; /);
  assert.doesNotMatch(metaPolicy(), /unsafe-inline|frame-ancestors/);
});

test('the dev server sends the same policy, framing allowed only where embedding is offered', async () => {
  const server = spawn('python3', ['.ci/serve.py', '--port', '0', '--dir', 'www', '--quiet'], { cwd: ROOT });
  try {
    const base = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
    });
    for (const [page, ancestors] of [['', "'self'"], ['index.html', "'self'"], ['tls12.html', "'self'"],
      ['inspect.html', "'self'"], ['attacks.html', "'self'"], ['embed.html?view=tls12', '*'],
      ['embed.html?view=attack-low-order', '*'], ['embed.html', '*']]) {
      const response = await fetch(new URL(page, base));
      const sent = response.headers.get('content-security-policy');
      assert.equal(sent, `${metaPolicy()}; frame-ancestors ${ancestors}`, page);
      assert.equal(sent, headerPolicy(page.split('?')[0] || 'index.html'), page);
    }
    // The single file in dist/site carries its own policy: the header only says who may frame it.
    const single = await fetch(new URL('ecdh-playground.html', base));
    assert.equal(single.headers.get('content-security-policy'), 'frame-ancestors *');
    assert.equal(headerPolicy('ecdh-playground.html'), 'frame-ancestors *');
  } finally {
    server.kill();
  }
});

// make test builds dist/ before these tests run.
test('the single file builds its policy from the same source', () => {
  const html = readFileSync(`${ROOT}dist/ecdh-playground.html`, 'utf8');
  const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.match(policy, /^default-src 'none'; script-src 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-[^']+'; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'$/);
});
