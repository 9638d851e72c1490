// Attack lab, section 3, second part: two ECDSA P-256 signatures pasted from elsewhere
// (an openssl command, a wallet, a capture), with the public key and both messages; the
// crate's nonceReuseRecovery says what it finds, or why it cannot.
import { el, onAction } from './dom.js';
import { fromBase64, fromHex, utf8 } from './bytes.js';
import { errorLine, field } from './attack-view.js';
import { recoverySteps } from './attack-ecdsa-steps.js';

/** A pasted signature: hex (spaces and colons allowed) or base64. */
export function readSignature(text, name) {
  const clean = text.trim();
  if (clean === '') throw new Error(`${name}: paste a signature (hex or base64)`);
  try {
    return /^(0x)?[0-9a-f\s:]+$/i.test(clean) ? fromHex(clean) : fromBase64(clean);
  } catch (e) {
    throw new Error(`${name}: ${e.message}`);
  }
}

/** Fills `section` with the form; `module` the loaded full build. */
export function mountPaste(section, { module, announce }) {
  const key = field('ec-paste-key', 'The signer\'s public key (PEM, JWK, hex, a certificate…)', { multiline: true, rows: 4 });
  const m1 = field('ec-paste-m1', 'Message 1 (text, as signed: UTF-8, no added newline)');
  const s1 = field('ec-paste-s1', 'Signature 1 (DER or r ‖ s, as hex or base64)', { multiline: true, rows: 2 });
  const m2 = field('ec-paste-m2', 'Message 2');
  const s2 = field('ec-paste-s2', 'Signature 2', { multiline: true, rows: 2 });
  const button = el('button', { text: 'Recover the key from these', attrs: { type: 'button', id: 'ec-paste-run' } });
  const error = errorLine('ec-paste-error');
  const out = el('div', { attrs: { id: 'ec-paste-result', 'aria-live': 'polite' } });

  onAction(section, button, () => {
    error.say('');
    out.replaceChildren();
    try {
      const r = module.nonceReuseRecovery(
        key.input.value,
        utf8(m1.input.value),
        readSignature(s1.input.value, 'signature 1'),
        utf8(m2.input.value),
        readSignature(s2.input.value, 'signature 2'),
      );
      out.append(recoverySteps(r));
      announce('Key recovered from the pasted signatures');
    } catch (e) {
      error.say(e.message);
      announce(e.message);
    }
  });

  section.replaceChildren(
    el('h3', { attrs: { id: 'ec-paste-title' }, text: 'Two signatures from elsewhere' }),
    el('p', { cls: 'explain', text: 'Paste two signatures by one key over two different messages: from openssl (openssl dgst -sha256 -sign key.pem msg | xxd -p), WebCrypto, a wallet or a capture. Signatures normalised to low s are handled. Honest signers use a new k every time, so you will usually see why the attack fails: r differs.' }),
    key.node, m1.node, s1.node, m2.node, s2.node,
    el('div', { cls: 'actions', children: [button] }),
    error.node,
    out,
  );
}
