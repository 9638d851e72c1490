// Each options object of the JS API is one list in the crate: the names its reader
// accepts, which it says in full when a name is unknown. The TypeScript interface of
// each must name exactly those, and the reader must know every one of them (a value of
// the wrong kind is refused naming the option, never as an unknown option), so the
// list, the reader and the .d.ts cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
const dts = readFileSync(new URL('ecdh_playground.d.ts', pkg), 'utf8');

/** The members of an interface of the .d.ts, with those of what it extends (Omit<> too). */
function members(name) {
  const head = new RegExp(`export interface ${name}(?: extends ([^{]+))? \\{\\n([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(head, `interface ${name} in the .d.ts`);
  const own = [...head[2].matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
  let inherited = [];
  if (head[1]) {
    const omit = /^Omit<(\w+), ([^>]+)>\s*$/.exec(head[1].trim());
    if (omit) {
      const left = new Set([...omit[2].matchAll(/"(\w+)"/g)].map((m) => m[1]));
      inherited = members(omit[1]).filter((m) => !left.has(m));
    } else {
      inherited = members(head[1].trim());
    }
  }
  return [...new Set([...inherited, ...own])].sort();
}

/** The names the reader accepts, from its error for an unknown one. */
function accepted(call) {
  let message = null;
  try {
    call({ 'no such option': 1 });
  } catch (e) {
    message = e.message;
  }
  const list = /the options are (.+)$/.exec(message ?? '');
  assert.ok(list, `an unknown option is refused with the list: ${message}`);
  return list[1].split(', ');
}

const CASES = [
  ['tls12Handshake', 'Tls12Options', (o) => api.tls12Handshake(o)],
  ['tls13Handshake', 'Tls13Options', (o) => api.tls13Handshake(o)],
  ['new TlsClient', 'TlsClientOptions', (o) => new api.TlsClient(o)],
  ['new TlsServer', 'TlsServerOptions', (o) => new api.TlsServer(o)],
  ['invalidCurveAttack', 'InvalidCurveOptions', (o) => api.invalidCurveAttack(o)],
];

for (const [what, iface, call] of CASES) {
  test(`${what}: the options it reads are exactly ${iface}'s members, and each is read`, () => {
    const names = accepted(call);
    assert.equal(new Set(names).size, names.length, `${what} lists each option once`);
    assert.deepEqual([...names].sort(), members(iface));
    for (const name of names) {
      // A function is no option's kind of value: refused naming the option.
      let message = '';
      try {
        call({ [name]: () => {} });
      } catch (e) {
        message = e.message;
      }
      assert.doesNotMatch(message, /unknown option/, `${what} reads ${name}`);
      assert.match(message, new RegExp(name), `${what}: a wrong ${name} is refused naming it: ${message}`);
    }
  });
}
