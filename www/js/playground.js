// The playground: Alice and Bob on one page (here), or one party per tab (party.js).
// `mountPlayground` builds it inside any container (the page's <main>, an embed, a
// custom element's shadow root), so every lookup goes through `scope`.
import { readyFor } from './load.js';
import { toHex, fromHex, utf8, fromUtf8, groupedHex, flipByte, envelopeParts } from './bytes.js';
import { el, copyFrom, show, scope } from './dom.js';
import { MARKUP } from './views/playground-markup.js';
import { fragmentOf, answerMatches } from './lesson.js';
import { mountTools } from './tools.js';
import {
  NAMES, makeKeyPair, seal, deriveKey, setBytes, hiddenValues, HIDDEN_TEXT,
} from './exchange.js';
import { partyCard, bindKeyCard } from './key-card.js';
import { startParty } from './party.js';
import * as crosscheck from './crosscheck.js';
import * as snippets from './snippets.js';

/**
 * Builds the playground in `container` and starts it.
 * `settings`: { mode: 'both' | 'alice' | 'bob', curve, view, seed, salt, info, mallory,
 * hide: [...], embedded, onChange(publicState) } (see lesson.js); `build` is the wasm
 * build to load.
 * Resolves once the module is loaded and the first keys exist.
 */
export async function mountPlayground(container, settings, build = 'core') {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const { byId, announce } = scope(container);
  const status = byId('status');
  const api = await readyFor(status, build);
  const lesson = { ...settings };
  const publish = () => settings.onChange?.({
    curve: lesson.curve, view: lesson.view, seed: lesson.seed, salt: lesson.salt,
    info: lesson.info, mallory: lesson.mallory, hide: lesson.hide,
  });
  const ctx = { api, byId, announce, lesson, publish };
  setupSeed(ctx);
  if (lesson.mode === 'both') startBoth(ctx);
  else startParty(ctx, lesson.mode);
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  if (lesson.embedded) status.classList.add('visually-hidden');
  return ctx;
}

/* ---------- Shared pieces ---------- */

/** The seed field, banner and share button. */
function setupSeed({ byId, announce, lesson, publish }) {
  const banner = byId('seed-banner');
  // Inside someone's course page the lesson is the teacher's: no seed field, no link.
  if (lesson.embedded) {
    byId('seed').parentElement.hidden = true;
    byId('share').hidden = true;
  }
  const field = byId('seed');
  field.value = lesson.seed ?? '';
  show(banner, Boolean(lesson.seed));
  banner.textContent = lesson.seed
    ? `Seeded lesson “${lesson.seed}”: every key and nonce on this page comes from the seed, so everyone with the same seed sees the same values. These keys are for teaching: they are not secret.`
    : '';
  byId('use-seed').addEventListener('click', () => {
    const seed = field.value.trim();
    lesson.seed = seed === '' ? null : seed;
    publish();
    // The whole page derives from the seed: start it again with the new one.
    window.location.hash = fragmentOf(lesson).slice(1) || '';
    window.location.reload();
  });
  byId('share').addEventListener('click', () => {
    const link = `${window.location.origin}${window.location.pathname}${window.location.search}${fragmentOf(lesson)}`;
    const holder = el('textarea', { attrs: { readonly: '', 'aria-label': 'Link to this lesson' } });
    holder.value = link;
    holder.className = 'share-link';
    const button = byId('share');
    button.after(holder);
    copyFrom(holder, button).then(() => setTimeout(() => holder.remove(), 2500));
    announce('Link copied: it holds the curve, seed, salt and info, never a private key');
  });
}

/**
 * Teacher mode: hides an output and asks the student for it. Its value stays in
 * `hiddenValues` so the check can compare; "Show answer" reveals it.
 */
function quiz(byId, output, label) {
  output.classList.add('answer-hidden');
  output.textContent = HIDDEN_TEXT;
  const id = `${output.id}-answer`;
  const input = el('input', { attrs: { type: 'text', id, autocomplete: 'off', spellcheck: 'false' } });
  const check = el('button', { text: 'Check my answer', attrs: { type: 'button' } });
  const reveal = el('button', { text: 'Show answer', attrs: { type: 'button' } });
  const verdict = el('p', { cls: 'quiz-verdict', attrs: { 'aria-live': 'polite' } });
  const box = el('div', {
    cls: 'quiz',
    children: [el('label', { text: `Your answer: ${label} (hex)`, attrs: { for: id } }), input, check, reveal, verdict],
  });
  check.addEventListener('click', () => {
    const right = answerMatches(input.value, hiddenValues.get(output) ?? '');
    verdict.textContent = right ? '✓ Correct.' : '✗ Not yet: compute it again and compare.';
    verdict.className = `quiz-verdict ${right ? 'ok' : 'bad'}`;
  });
  reveal.addEventListener('click', () => {
    output.classList.remove('answer-hidden');
    output.textContent = groupedHex(fromHex(hiddenValues.get(output) ?? ''));
    box.remove();
  });
  output.after(box);
}

/* ---------- Both parties on one page ---------- */

function startBoth(ctx) {
  const { api, byId, announce, lesson, publish } = ctx;
  show(byId('both'), true);
  for (const section of byId('both').querySelectorAll('[data-views]')) {
    show(section, lesson.view === 'all' || section.dataset.views.split(' ').includes(lesson.view));
  }
  const curveSelect = byId('curve');
  const mallory = byId('mallory');
  const salt = byId('salt');
  const info = byId('info');
  curveSelect.value = lesson.curve;
  mallory.checked = lesson.mallory;
  salt.value = lesson.salt;
  info.value = lesson.info;
  byId('regenerate').textContent = lesson.seed ? 'Next key pairs from the seed' : 'New key pairs';
  const state = { round: 0, alice: null, bob: null, malloryA: null, malloryB: null, sent: { alice: 0, bob: 0, mallory: 0 }, last: null };
  const keys = {
    alice: partyCard(byId, byId('alice-keys'), 'alice', 'Alice', 'party-keys'),
    bob: partyCard(byId, byId('bob-keys'), 'bob', 'Bob', 'party-keys'),
  };
  const chats = {
    alice: partyCard(byId, byId('alice-chat'), 'alice', 'Alice', 'party-chat'),
    bob: partyCard(byId, byId('bob-chat'), 'bob', 'Bob', 'party-chat'),
  };
  const renderKeys = {
    alice: bindKeyCard(keys.alice, () => state.alice, { api, owner: 'Alice' }),
    bob: bindKeyCard(keys.bob, () => state.bob, { api, owner: 'Bob' }),
  };
  const derived = { alice: null, bob: null };
  const secrets = { alice: null, bob: null };

  const hideLabels = { secret: ['secret', 'shared secret'], prk: ['prk', 'PRK'], okm: ['okm', 'key'] };
  for (const h of lesson.hide) {
    for (const who of ['alice', 'bob']) quiz(byId, byId(`${who}-${hideLabels[h][0]}`), `${NAMES[who]}'s ${hideLabels[h][1]}`);
  }

  // What each party receives over the wire: the other's key, or Mallory's.
  const received = (who) => {
    if (mallory.checked) return (who === 'alice' ? state.malloryA : state.malloryB).publicKey('pem');
    return (who === 'alice' ? state.bob : state.alice).publicKey('pem');
  };

  const renderWireKeys = () => {
    const log = byId('wire-keys');
    log.replaceChildren();
    const line = (text, cls) => log.append(el('li', { cls, text }));
    if (mallory.checked) {
      line(`Alice → (Mallory intercepts) public key ${state.alice.fingerprint}`, 'intercepted');
      line(`Mallory → Bob: her own public key ${state.malloryB.fingerprint}, claiming to be Alice`, 'forged');
      line(`Bob → (Mallory intercepts) public key ${state.bob.fingerprint}`, 'intercepted');
      line(`Mallory → Alice: her own public key ${state.malloryA.fingerprint}, claiming to be Bob`, 'forged');
    } else {
      line(`Alice → Bob: public key ${state.alice.fingerprint}`);
      line(`Bob → Alice: public key ${state.bob.fingerprint}`);
    }
  };

  const renderSecrets = () => {
    secrets.alice = state.alice.sharedSecret(received('alice'));
    secrets.bob = state.bob.sharedSecret(received('bob'));
    setBytes(byId('alice-secret'), secrets.alice);
    setBytes(byId('bob-secret'), secrets.bob);
    const same = toHex(secrets.alice) === toHex(secrets.bob);
    const verdict = byId('verdict');
    verdict.textContent = same
      ? '✓ Match: both sides computed the same secret.'
      : '✗ The secrets differ: Alice and Bob do not share a secret.';
    verdict.className = same ? 'verdict ok' : 'verdict bad';
    const note = byId('mallory-note');
    show(note, mallory.checked);
    note.textContent = mallory.checked
      ? 'Mallory replaced both public keys on the wire. Alice now shares a secret with Mallory, and so does Bob, and neither can tell: plain ECDH does not say who a public key belongs to. TLS fixes this by having the server sign its key with a long-term key the client already trusts.'
      : '';
  };

  const renderKdf = () => {
    for (const who of ['alice', 'bob']) {
      derived[who] = deriveKey(api, secrets[who], salt.value, info.value);
      setBytes(byId(`${who}-prk`), derived[who].prk);
      setBytes(byId(`${who}-okm`), derived[who].okm);
    }
    const same = toHex(derived.alice.okm) === toHex(derived.bob.okm);
    const verdict = byId('key-verdict');
    verdict.textContent = same ? '✓ Same key on both sides.' : '✗ The keys differ.';
    verdict.className = same ? 'verdict ok' : 'verdict bad';
    tools.ecdh.reset();
    tools.hkdf.reset();
  };

  // Mallory's keys with each side: she reads and re-encrypts every message.
  const malloryKeys = () => ({
    alice: deriveKey(api, state.malloryA.sharedSecret(state.alice.publicKey('pem')), salt.value, info.value).okm,
    bob: deriveKey(api, state.malloryB.sharedSecret(state.bob.publicKey('pem')), salt.value, info.value).okm,
  });

  const deliver = (to, envelope) => {
    const inbox = chats[to].inbox;
    try {
      const text = fromUtf8(api.decrypt(derived[to].okm, envelope)) ?? '(not valid UTF-8)';
      inbox.append(el('li', { cls: 'ok', text: `✓ ${text}` }));
      announce(`${NAMES[to]} decrypted: ${text}`);
    } catch (e) {
      inbox.append(el('li', { cls: 'bad', text: `✗ ${e.message}` }));
      announce(`${NAMES[to]} could not decrypt: ${e.message}`);
    }
  };

  const wireEntry = (from, to, envelope, extra) => {
    const parts = envelopeParts(envelope);
    const entry = el('li', { cls: 'envelope' });
    entry.append(el('span', { cls: 'who', text: `${NAMES[from]} → ${NAMES[to]}${extra ?? ''}` }));
    entry.append(el('span', {
      cls: 'parts',
      children: [
        el('span', { cls: 'nonce', text: toHex(parts.nonce), attrs: { title: 'nonce (12 bytes)' } }),
        el('span', { cls: 'ct', text: toHex(parts.ciphertext), attrs: { title: 'ciphertext' } }),
        el('span', { cls: 'tag', text: toHex(parts.tag), attrs: { title: 'tag (16 bytes)' } }),
      ],
    }));
    entry.append(el('span', { cls: 'legend', text: 'nonce ‖ ciphertext ‖ tag' }));
    const tamper = el('button', { text: 'Flip a byte and deliver again', attrs: { type: 'button' } });
    tamper.addEventListener('click', () => {
      // Flip the first ciphertext byte, or the first tag byte of an empty message.
      const index = envelope.length > 28 ? 12 : envelope.length - 16;
      deliver(to, flipByte(envelope, index));
    });
    entry.append(tamper);
    byId('wire-messages').append(entry);
  };

  const send = (from) => {
    const to = from === 'alice' ? 'bob' : 'alice';
    const input = chats[from].message;
    const text = input.value;
    if (text === '') return;
    const envelope = seal(ctx, derived[from].okm, utf8(text), from, state.sent[from]++);
    if (mallory.checked) {
      // Mallory opens with her key shared with the sender, reads, and re-seals.
      const mk = malloryKeys();
      const plain = api.decrypt(mk[from], envelope);
      const forwarded = seal(ctx, mk[to], plain, 'mallory', state.sent.mallory++);
      wireEntry(from, to, envelope, ` (Mallory reads “${fromUtf8(plain)}” and re-encrypts)`);
      wireEntry(from, to, forwarded, ' (forwarded by Mallory)');
      deliver(to, forwarded);
      state.last = { key: mk[to], envelope: forwarded, plaintext: text };
    } else {
      wireEntry(from, to, envelope);
      deliver(to, envelope);
      state.last = { key: derived[to].okm, envelope, plaintext: text };
    }
    tools.aesgcm.reset();
    input.value = '';
  };

  const tools = {
    keys: mountTools(byId('both').querySelector('[data-tools="keys"]'), {
      announce,
      check: () => crosscheck.publicKeyOf({
        curve: state.alice.curve,
        privateKeyPkcs8Pem: state.alice.revealPrivateKey('pem'),
        expectedPublicRawHex: state.alice.publicKey('raw'),
      }),
      snippets: () => snippets.publicKeyOf({ privateKeyPem: state.alice.revealPrivateKey('pem') }),
    }),
    ecdh: mountTools(byId('both').querySelector('[data-tools="ecdh"]'), {
      announce,
      check: () => crosscheck.ecdh({
        curve: state.alice.curve,
        privateKeyPkcs8Pem: state.alice.revealPrivateKey('pem'),
        peerPublicKeySpkiPem: received('alice'),
        expectedSecretHex: toHex(secrets.alice),
      }),
      snippets: () => snippets.ecdh({
        curve: state.alice.curve,
        privateKeyPem: state.alice.revealPrivateKey('pem'),
        peerPublicKeyPem: received('alice'),
      }),
    }),
    hkdf: mountTools(byId('both').querySelector('[data-tools="hkdf"]'), {
      announce,
      check: () => crosscheck.hkdf({
        ikmHex: toHex(secrets.alice),
        saltText: salt.value,
        infoText: info.value,
        length: 32,
        expectedOkmHex: toHex(derived.alice.okm),
        expectedPrkHex: toHex(derived.alice.prk),
      }),
      snippets: () => snippets.hkdf({
        secretHex: toHex(secrets.alice), saltText: salt.value, infoText: info.value, length: 32,
      }),
    }),
    aesgcm: mountTools(byId('both').querySelector('[data-tools="aesgcm"]'), {
      announce,
      check: () => {
        if (!state.last) throw new Error('send a message first');
        return crosscheck.aesGcmOpen({
          keyHex: toHex(state.last.key),
          envelopeHex: toHex(state.last.envelope),
          aadText: '',
          expectedPlaintext: state.last.plaintext,
        });
      },
      snippets: () => {
        if (!state.last) throw new Error('send a message first');
        return snippets.aesGcmOpen({ keyHex: toHex(state.last.key), envelopeHex: toHex(state.last.envelope), aadText: '' });
      },
    }),
  };

  for (const who of ['alice', 'bob']) {
    chats[who].send.addEventListener('click', () => send(who));
    chats[who].message.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') send(who);
    });
  }

  const recompute = () => {
    renderWireKeys();
    renderSecrets();
    renderKdf();
  };

  const regenerate = () => {
    lesson.curve = curveSelect.value;
    state.alice = makeKeyPair(ctx, 'alice', state.round);
    state.bob = makeKeyPair(ctx, 'bob', state.round);
    state.malloryA = makeKeyPair(ctx, 'mallory-alice', state.round);
    state.malloryB = makeKeyPair(ctx, 'mallory-bob', state.round);
    state.sent = { alice: 0, bob: 0, mallory: 0 };
    state.last = null;
    renderKeys.alice();
    renderKeys.bob();
    tools.keys.reset();
    byId('wire-messages').replaceChildren();
    chats.alice.inbox.replaceChildren();
    chats.bob.inbox.replaceChildren();
    recompute();
    tools.aesgcm.reset();
    publish();
    announce(`New ${lesson.curve} key pairs for Alice and Bob`);
  };

  curveSelect.addEventListener('change', () => {
    state.round = 0;
    regenerate();
  });
  byId('regenerate').addEventListener('click', () => {
    state.round += 1;
    regenerate();
  });
  mallory.addEventListener('change', () => {
    lesson.mallory = mallory.checked;
    recompute();
    publish();
    announce(mallory.checked ? 'Mallory is in the middle: the secrets no longer match' : 'Mallory is gone: the secrets match again');
  });
  for (const field of [salt, info]) {
    field.addEventListener('input', () => {
      lesson.salt = salt.value;
      lesson.info = info.value;
      renderKdf();
      publish();
    });
  }
  regenerate();
}
