// The attack lab's TypeScript types (www/pkg/ecdh_playground.d.ts) against the real
// objects, as api.test.ts does for the rest of the package: each returned object is
// compared with a Shape naming every member of its interface.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../www/pkg/ecdh_playground.js';
import { type Shape, check, fail } from './shape.js';
import type {
  GcmNonceReuse, LowOrderPointInfo, NonceReuseRecovery, UnclampedLeak,
} from '../../www/pkg/ecdh_playground.js';

api.initSync({ module: readFileSync(new URL('../../www/pkg/ecdh_playground_bg.wasm', import.meta.url)) });

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const RECOVERY: Shape<NonceReuseRecovery> = {
  z1: ['string'], z2: ['string'], r: ['string'], s1: ['string'], s2: ['string'],
  s2Negated: ['boolean'], k: ['string'], d: ['string'], privateKey: ['string'], publicKey: ['string'],
};
const GCM: Shape<GcmNonceReuse> = {
  nonce: ['bytes'], ciphertext1: ['bytes'], ciphertext2: ['bytes'], xor: ['bytes'], recovered: ['bytes'],
};
const POINT: Shape<LowOrderPointInfo> = {
  name: ['string'], u: ['string'], order: ['number'], canonical: ['boolean'], onTwist: ['boolean'],
};
const LEAK: Shape<UnclampedLeak> = { output: ['string'], residues: ['array'] };

test('attack lab: NonceReuseRecovery, GcmNonceReuse, LowOrderPointInfo and UnclampedLeak', () => {
  const signer: api.CarelessSigner = api.CarelessSigner.generate();
  const publicKey: string = signer.publicKey('jwk');
  const s1: Uint8Array = signer.sign(utf8('one'));
  const s2: Uint8Array = signer.sign(utf8('two'));
  const pem: string = api.recoverKeyFromNonceReuse(publicKey, utf8('one'), s1, utf8('two'), s2);
  if (pem !== signer.revealPrivateKey('pem')) fail('recoverKeyFromNonceReuse');
  const steps: NonceReuseRecovery = api.nonceReuseRecovery(publicKey, utf8('one'), s1, utf8('two'), s2);
  check('nonceReuseRecovery', steps, RECOVERY);

  const key = new Uint8Array(32);
  const nonce = new Uint8Array(12);
  const e1: Uint8Array = api.encryptWithNonce(key, nonce, utf8('attack at dawn'));
  const e2: Uint8Array = api.encryptWithNonce(key, nonce, utf8('attack at dusk'));
  const p2: Uint8Array = api.recoverPlaintextFromNonceReuse(e1, utf8('attack at dawn'), e2);
  if (new TextDecoder().decode(p2) !== 'attack at dusk') fail('recoverPlaintextFromNonceReuse');
  const gcm: GcmNonceReuse = api.gcmNonceReuse(e1, utf8('attack at dawn'), e2);
  check('gcmNonceReuse', gcm, GCM);

  const points: LowOrderPointInfo[] = api.lowOrderPoints();
  for (const point of points) check('lowOrderPoints()[]', point, POINT);
  const eight = points.find((p) => p.order === 8) ?? fail('no point of order 8');
  const victim: api.X25519Victim = api.X25519Victim.generate();
  const zeros: string = victim.carelessDiffieHellman(eight.u);
  if (zeros !== '0'.repeat(64)) fail('carelessDiffieHellman');
  const leak: UnclampedLeak = victim.unclampedLeak(eight.u);
  check('unclampedLeak', leak, LEAK);
  const residues: number[] = leak.residues;
  if (residues.length === 0) fail('no residue');
  const own: string = victim.publicKey();
  const secret: string = victim.revealPrivateKey('raw');
  if (own.length !== 64 || secret.length !== 64) fail('X25519Victim keys');
  try {
    victim.diffieHellman(eight.u);
    fail('diffieHellman accepted a low-order point');
  } catch (e) {
    if (!(e instanceof Error) || !e.message.includes('low-order point')) throw e;
  }
});
