// The TLS 1.2 page checks the model: each value the report carries is computed again in
// the page, with the module's primitives (ECDSA, ECDH, the TLS PRF) and the browser's
// WebCrypto (SHA-256 for Finished, AES-128-GCM for the record), and the verdict shown
// beside it. No DOM here.
import { toHex, fromHex, fromUtf8 } from './bytes.js';
import { CURVE_OF, serverPoint, finishedInputs } from './tls12-steps.js';

const same = (a, b) => a !== null && b !== null && a === b;

function check(ok, yes, no) {
  return { ok, text: ok ? `✓ ${yes}` : `✗ ${no}` };
}

/** A check that could not even be computed says why, instead of vanishing. */
function attempt(compute) {
  try {
    return compute();
  } catch (e) {
    return { ok: false, text: `✗ Could not recompute this here: ${e.message}` };
  }
}

/**
 * The checks that need no waiting: the signature, the pre-master secret, the master
 * secret and the key block, each recomputed with the module's primitives. Returns
 * { signature?, preMaster?, master?, keyBlock?, finished, record }, each { ok, text }
 * (finished and record are filled by `webCryptoChecks`).
 */
export function computeChecks(api, report, options) {
  const { clientRandom: cr, serverRandom: sr } = report;
  const checks = { finished: { ok: null, text: '' }, record: { ok: null, text: '' } };
  if (report.signedData && report.signature && report.serverIdentityPublicKey) {
    checks.signature = attempt(() => {
      const valid = api.verifySignature(report.serverIdentityPublicKey, fromHex(report.signedData), fromHex(report.signature));
      return check(valid === report.signatureValid,
        `verifySignature in this page agrees: the signature is ${valid ? 'valid' : 'invalid'} for the pinned key.`,
        `verifySignature in this page says ${valid ? 'valid' : 'invalid'}, the model says otherwise.`);
    });
  }
  if (report.preMasterSecret && report.serverEcdhParams && CURVE_OF[report.group]) {
    checks.preMaster = attempt(() => {
      const pair = api.KeyPair.importPrivateKey(options.clientEphemeral, CURVE_OF[report.group]);
      try {
        const secret = toHex(pair.sharedSecret(serverPoint(report.serverEcdhParams)));
        return check(same(secret, report.preMasterSecret),
          'Recomputed in this page from the client\'s ephemeral private key and the server\'s public key: the same 32 bytes.',
          `Recomputed in this page: ${secret}, which differs.`);
      } finally {
        pair.free();
      }
    });
  }
  if (report.masterSecret && report.preMasterSecret) {
    checks.master = attempt(() => {
      const master = toHex(api.tls12Prf(fromHex(report.preMasterSecret), 'master secret', fromHex(cr + sr), 48));
      return check(same(master, report.masterSecret),
        'Recomputed in this page with tls12Prf: the same 48 bytes.',
        `Recomputed in this page with tls12Prf: ${master}, which differs.`);
    });
  }
  if (report.keyBlock && report.masterSecret) {
    checks.keyBlock = attempt(() => {
      const block = toHex(api.tls12Prf(fromHex(report.masterSecret), 'key expansion', fromHex(sr + cr), 40));
      return check(same(block, report.keyBlock),
        'Recomputed in this page with tls12Prf: the same 40 bytes.',
        `Recomputed in this page with tls12Prf: ${block}, which differs.`);
    });
  }
  return checks;
}

async function sha256(hex) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', fromHex(hex))));
}

/**
 * The checks that need WebCrypto, which is asynchronous: Finished (SHA-256) and the
 * record (AES-GCM). Resolves to { finished?, record? }.
 */
export async function webCryptoChecks(api, report) {
  const results = {};
  if (!globalThis.crypto?.subtle) {
    const text = 'WebCrypto is not available here (the page is not in a secure context), so this is not checked.';
    results.finished = { ok: null, text };
    results.record = { ok: null, text };
  } else {
    try {
      const inputs = finishedInputs(report.steps);
      if (inputs && report.clientFinished && report.serverFinished) {
        const master = fromHex(report.masterSecret);
        const [clientHash, serverHash] = [await sha256(inputs.client), await sha256(inputs.server)];
        const client = toHex(api.tls12Prf(master, 'client finished', fromHex(clientHash), 12));
        const server = toHex(api.tls12Prf(master, 'server finished', fromHex(serverHash), 12));
        results.finished = check(same(client, report.clientFinished) && same(server, report.serverFinished),
          `Recomputed in this page: SHA-256 of the client's handshake_messages is ${clientHash}; both verify_data values match.`,
          `Recomputed in this page: client ${client}, server ${server}, which differ.`);
      }
      const rec = report.record;
      if (rec && report.clientWriteKey) {
        const key = await crypto.subtle.importKey('raw', fromHex(report.clientWriteKey), 'AES-GCM', false, ['decrypt']);
        try {
          const opened = new Uint8Array(await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: fromHex(rec.nonce), additionalData: fromHex(rec.aad), tagLength: 128 },
            key,
            fromHex(rec.ciphertext),
          ));
          results.record = check(toHex(opened) === rec.plaintext,
            `Opened in this page with WebCrypto AES-128-GCM, client_write_key, this nonce and aad: “${fromUtf8(opened) ?? toHex(opened)}”.`,
            'Opened in this page with WebCrypto, but to different bytes.');
        } catch {
          results.record = check(false, '', 'WebCrypto AES-128-GCM refuses the record with client_write_key, this nonce and aad.');
        }
      }
    } catch (e) {
      results.record = { ok: false, text: `✗ ${e.message}` };
    }
  }
  return results;
}
