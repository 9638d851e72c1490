// Attack lab, section 3: ECDSA nonce reuse. A signer that reuses k (the crate's
// CarelessSigner) or the playground's own (RFC 6979) signs two messages; the crate's
// nonceReuseRecovery finds k and d step by step, and the recovered key signs a third
// message that the victim's public key verifies. Two signatures from elsewhere can be
// pasted (attack-ecdsa-paste.js).
import { el, onAction, scope } from './dom.js';
import { toHex, utf8 } from './bytes.js';
import { modeSwitch, valueList, fixBlock, playgroundLinks, errorLine, field } from './attack-view.js';
import { recoverySteps } from './attack-ecdsa-steps.js';
import { mountPaste } from './attack-ecdsa-paste.js';
import * as snippets from './snippets.js';

const FIX = `# Never choose k yourself. Python's cryptography draws a fresh k for every signature:
signature = private_key.sign(message, ec.ECDSA(hashes.SHA256()))

// Rust's p256 (as the playground signs) derives k from the key and the message (RFC 6979):
let signature: Signature = signing_key.sign(message);`;

const THIRD = 'Signed by whoever holds the key';

/** Mounts the section into `container`; `module` is the loaded full build. */
export function mount(container, { module, base }) {
  const { announce } = scope(container);
  const switcher = modeSwitch('ec', {
    vulnerable: 'Vulnerable: a signer that reuses its nonce k',
    fixed: "Fixed: the playground's signer (RFC 6979: k from the key and the message)",
  }, () => run());
  const m1 = field('ec-m1', 'Message 1', { value: 'I owe Bob 10 euros' });
  const m2 = field('ec-m2', 'Message 2', { value: 'I owe Bob 20 euros' });
  const runButton = el('button', { text: 'Sign both, then recover the key', attrs: { type: 'button', id: 'ec-run' } });
  const error = errorLine('ec-error');
  const out = el('div', { attrs: { id: 'ec-result' } });
  const verdict = el('p', { cls: 'verdict', attrs: { id: 'ec-verdict', 'aria-live': 'polite' } });
  let proof = null;

  function run() {
    error.say('');
    out.replaceChildren();
    const fixed = switcher.mode() === 'fixed';
    const [a, b] = [utf8(m1.input.value), utf8(m2.input.value)];
    const signer = fixed ? module.SigningKey.generate() : module.CarelessSigner.generate();
    try {
      const publicKey = signer.publicKey('pem');
      const victimKey = signer.revealPrivateKey('raw');
      const [s1, s2] = [signer.sign(a), signer.sign(b)];
      const signed = valueList([
        ['The victim\'s public key', publicKey, { cls: 'mono pem' }],
        ['Signature 1', `${toHex(s1)} (${fixed ? 'DER' : 'r ‖ s'})`],
        ['Signature 2', `${toHex(s2)} (${fixed ? 'DER' : 'r ‖ s'})`],
      ]);
      out.append(el('h3', { text: fixed ? 'The playground\'s signer signs both messages' : 'The careless signer signs both messages' }), signed);
      let r;
      try {
        r = module.nonceReuseRecovery(publicKey, a, s1, b, s2);
      } catch (e) {
        verdict.className = `verdict ${fixed ? 'ok' : 'bad'}`;
        verdict.textContent = fixed ? `The attack fails: ${e.message}` : `The attack stops: ${e.message}`;
        announce(verdict.textContent);
        proof = null;
        return;
      }
      out.append(el('h3', { text: 'The attack, step by step' }), recoverySteps(r, victimKey));
      // The proof: the recovered key signs, and the victim's public key verifies.
      const recovered = module.SigningKey.importPrivateKey(r.privateKey);
      const third = utf8(THIRD);
      const forged = recovered.sign(third);
      recovered.free();
      const ok = module.verifySignature(publicKey, third, forged);
      proof = { publicKey, signature: toHex(forged) };
      out.append(el('h3', { text: 'The proof: a signature the victim never made' }), valueList([
        ['Message 3', THIRD, { cls: '' }],
        ['Signed with the recovered key', toHex(forged)],
        ['The victim\'s public key verifies it (the playground\'s verify)', ok ? 'true' : 'false', { cls: ok ? 'mono bad' : 'mono ok' }],
      ]));
      verdict.className = 'verdict bad';
      verdict.textContent = 'Key recovered: anyone who sees the two signatures can now sign as the victim.';
      announce(verdict.textContent);
    } catch (e) {
      error.say(e.message);
    } finally {
      signer.free();
    }
  }

  const inputs = el('div', { cls: 'controls attack-inputs', children: [m1.node, m2.node, runButton] });
  onAction(inputs, runButton, run);

  const fix = fixBlock({
    text: 'Never reuse k, and never choose it by hand: derive it from the key and the message (RFC 6979), as the playground\'s signer does, or draw it fresh from a cryptographic generator for each signature. Two different messages then never share an r.',
    code: { language: 'Python and Rust', text: FIX },
    note: 'Check the proof elsewhere: the forged signature of message 3 verified with the victim\'s public key, in Python, WebCrypto and openssl (run the attack first).',
    snippets: () => {
      if (!proof) throw new Error('run the attack in the vulnerable mode first');
      return snippets.ecdsaVerify({ publicKeyPem: proof.publicKey, messageText: THIRD, signatureHex: proof.signature });
    },
    announce,
  });

  const paste = el('section', { cls: 'attack-paste', attrs: { 'aria-labelledby': 'ec-paste-title' } });
  container.replaceChildren(
    el('p', { cls: 'explain', text: 'An ECDSA signature is r = x(k·G) mod n and s = k⁻¹·(z + r·d) mod n, with z the message\'s hash, d the private key and k a nonce that must be new and secret for every signature. Sign two messages with the same k and both signatures carry the same r; subtracting the two s values cancels d and gives k, and then d follows. Sony signed PlayStation 3 software with one k throughout.' }),
    switcher.node,
    inputs,
    error.node,
    verdict,
    out,
    paste,
    fix,
    playgroundLinks(base, [
      ['The TLS 1.2 handshake: the client verifies the server\'s ECDSA signature (step 8)', 'tls12.html#step=8&steps=2'],
      ['The key inspector: paste the victim\'s public key, or the recovered private key', 'inspect.html'],
    ], 'ECDSA nonce reuse'),
  );
  mountPaste(paste, { module, announce });
  run();
}
