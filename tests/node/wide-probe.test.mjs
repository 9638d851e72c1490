// wasm.js's probe of WebAssembly's wide arithmetic, run by a reference interpreter
// (binaryen's wasm-shell, from node_modules), since no engine here may run the proposal
// (Node 20 does not know it; Chromium 148 compiles only two of its four instructions):
// f(5, 3) is (30, 0), so a browser that runs all four instructions right is told apart
// from one that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIDE_PROBE, runsWideProbe } from '../../www/js/wasm.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHELL = path.join(ROOT, 'node_modules', '.bin', 'wasm-shell');

/** Runs a spec-test script of the probe asserting f(a, b) = (low, high); the exit status. */
function check(a, b, low, high) {
  const binary = Array.from(WIDE_PROBE, (byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');
  const script = `(module binary "${binary}")\n(assert_return (invoke "f" (i64.const ${a}) (i64.const ${b})) (i64.const ${low}) (i64.const ${high}))\n`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wide-probe-'));
  try {
    fs.writeFileSync(path.join(dir, 'probe.wast'), script);
    return spawnSync(SHELL, [path.join(dir, 'probe.wast')], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the probe computes f(5, 3) = (30, 0) with all four wide-arithmetic instructions', () => {
  const run = check(5, 3, 30, 0);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  // The interpreter checks what it is told: a wrong result fails.
  assert.notEqual(check(5, 3, 31, 0).status, 0);
  // And it ran all four: the module holds each instruction once or more.
  const text = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'wasm-dis'), ['--enable-wide-arithmetic', '--enable-multivalue', '-'], { input: Buffer.from(WIDE_PROBE), encoding: 'utf8' });
  for (const op of ['i64.add128', 'i64.sub128', 'i64.mul_wide_s', 'i64.mul_wide_u']) assert.match(text.stdout, new RegExp(op.replace('.', '\\.')), op);
});

test('runsWideProbe answers without throwing: bytes that are no module, or a module without f, are false', () => {
  assert.equal(typeof runsWideProbe(WIDE_PROBE), 'boolean');
  assert.equal(runsWideProbe([0, 1, 2]), false);
  assert.equal(runsWideProbe([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), false);
});
