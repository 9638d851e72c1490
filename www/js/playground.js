// The playground: Alice and Bob on one page, or one party per tab. `mountPlayground`
// builds it inside any container (the page's <main>, an embed, a custom element's
// shadow root), so every lookup goes through `scope`.
import { readyFor } from './load.js';
import {
  toHex, fromHex, toBase64, fromBase64, utf8, fromUtf8, groupedHex, flipByte, envelopeParts,
} from './bytes.js';
import { el, copyFrom, show, fieldError, scope } from './dom.js';
import { MARKUP } from './views/playground-markup.js';
import { fragmentOf, seedLabel, nonceInfo, answerMatches } from './lesson.js';
import { mountTools } from './tools.js';
import * as crosscheck from './crosscheck.js';
import * as snippets from './snippets.js';

const NAMES = { alice: 'Alice', bob: 'Bob' };

function textOrNull(value) {
  return value === '' ? null : utf8(value);
}

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

/** Key pairs: seeded when the lesson has a seed, random otherwise. */
function makeKeyPair({ api, lesson }, who, round = 0) {
  return lesson.seed
    ? api.KeyPair.fromSeed(lesson.curve, utf8(lesson.seed), seedLabel(who, round))
    : api.KeyPair.generate(lesson.curve);
}

/** Seals with a fresh random nonce, or in a seeded lesson a nonce from the seed. */
function seal({ api, lesson }, key, plaintext, who, index) {
  if (!lesson.seed) return api.encrypt(key, plaintext);
  const nonce = api.hkdf(utf8(lesson.seed), null, utf8(nonceInfo(who, index)), 12);
  return api.encryptWithNonce(key, nonce, plaintext);
}

function deriveKey(api, secret, salt, info) {
  const prk = api.hkdfExtract(textOrNull(salt), secret);
  const okm = api.hkdfExpand(prk, utf8(info), 32);
  return { prk, okm };
}

const HIDDEN_TEXT = 'Hidden by the lesson: work it out, then check your answer below.';

/** The values of outputs a lesson hides: kept here, out of the DOM, so that the page
 * source does not give the answer away. */
const hiddenValues = new WeakMap();

function setBytes(node, bytes) {
  hiddenValues.set(node, toHex(bytes));
  node.textContent = node.classList.contains('answer-hidden') ? HIDDEN_TEXT : groupedHex(bytes);
}

/** Builds a party's card from a template; returns its parts by name. */
function partyCard(byId, container, who, name, templateId) {
  const fragment = byId(templateId).content.cloneNode(true);
  const parts = {};
  for (const node of fragment.querySelectorAll('[data-part]')) {
    const part = node.dataset.part;
    node.id = `${who}-${templateId}-${part}`;
    parts[part] = node;
  }
  for (const [labelPart, field] of [['format-label', 'format'], ['public-label', 'public'], ['message-label', 'message']]) {
    if (parts[labelPart] && parts[field]) parts[labelPart].setAttribute('for', parts[field].id);
  }
  parts.name.textContent = name;
  container.append(fragment);
  return parts;
}

/** Wires a key card to a key pair getter: format choice, copy, reveal. */
function bindKeyCard(parts, getKeyPair) {
  const render = () => {
    const pair = getKeyPair();
    if (!pair) return;
    const compressed = parts.format.querySelector('option[value="compressed"]');
    compressed.disabled = pair.curve !== 'P-256';
    if (compressed.disabled && parts.format.value === 'compressed') parts.format.value = 'pem';
    parts.public.value = pair.publicKey(parts.format.value);
    parts.public.rows = parts.format.value === 'pem' ? 5 : 3;
    parts.fingerprint.textContent = pair.fingerprint;
    if (!parts['private-box'].hidden) parts.private.textContent = pair.revealPrivateKey('pem');
  };
  parts.format.addEventListener('change', render);
  parts.copy.addEventListener('click', () => copyFrom(parts.public, parts.copy));
  parts.reveal.addEventListener('click', () => {
    const open = parts['private-box'].hidden;
    show(parts['private-box'], open);
    parts.reveal.setAttribute('aria-expanded', String(open));
    parts.reveal.textContent = open ? 'Hide private key' : 'Reveal private key';
    parts.private.textContent = open ? getKeyPair().revealPrivateKey('pem') : '';
  });
  return render;
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
    alice: bindKeyCard(keys.alice, () => state.alice),
    bob: bindKeyCard(keys.bob, () => state.bob),
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

/* ---------- One party in this tab ---------- */

function startParty(ctx, me) {
  const { api, byId, announce, lesson } = ctx;
  const peer = me === 'alice' ? 'bob' : 'alice';
  show(byId('party'), true);
  show(byId('mallory-switch'), false);
  byId('regenerate').textContent = 'New key pair';
  byId('party-name').textContent = NAMES[me];
  byId('peer-name').textContent = NAMES[peer];
  if (byId('party').isConnected && document.title) document.title = `${NAMES[me]} — ECDH Playground`;
  const storageKey = `ecdh-playground/party/${me}${lesson.seed ? `/seed/${lesson.seed}` : ''}`;
  const curveSelect = byId('curve');
  const peerKey = byId('peer-key');
  const salt = byId('p-salt');
  const info = byId('p-info');
  const log = byId('p-log');
  const state = { pair: null, key: null, conversation: [], round: 0 };
  salt.value = lesson.salt;
  info.value = lesson.info;
  curveSelect.value = lesson.curve;

  const save = () => {
    sessionStorage.setItem(storageKey, JSON.stringify({
      curve: state.pair.curve,
      privateKey: state.pair.revealPrivateKey('pem'),
      peer: peerKey.value,
      salt: salt.value,
      info: info.value,
      round: state.round,
      conversation: state.conversation,
    }));
  };

  const card = partyCard(byId, byId('me-keys'), me, NAMES[me], 'party-keys');
  const renderCard = bindKeyCard(card, () => state.pair);

  const renderLog = () => {
    log.replaceChildren(...state.conversation.map((m) => el('li', {
      cls: m.from === me ? 'sent' : 'received',
      text: `${m.from === me ? 'You' : NAMES[peer]}: ${m.text}`,
    })));
  };

  const derive = () => {
    state.key = null;
    for (const id of ['p-secret', 'p-okm', 'p-key-fp']) byId(id).textContent = '';
    byId('peer-info').textContent = '';
    if (peerKey.value.trim() === '') {
      fieldError(peerKey, byId('peer-error'), '');
      return;
    }
    try {
      const inspected = api.inspectPublicKey(peerKey.value);
      const secret = state.pair.sharedSecret(peerKey.value);
      byId('peer-info').textContent = `Detected: ${inspected.curve} key, ${inspected.format} format, fingerprint ${inspected.fingerprint}.`;
      fieldError(peerKey, byId('peer-error'), '');
      const { okm } = deriveKey(api, secret, salt.value, info.value);
      state.key = okm;
      setBytes(byId('p-secret'), secret);
      setBytes(byId('p-okm'), okm);
      crypto.subtle.digest('SHA-256', okm).then((digest) => {
        if (state.key !== okm) return;
        byId('p-key-fp').textContent = groupedHex(new Uint8Array(digest).slice(0, 8), 2);
      });
      announce('Shared key derived: compare the key fingerprint with the other tab');
    } catch (e) {
      fieldError(peerKey, byId('peer-error'), e.message);
      announce(e.message);
    }
  };

  const setPair = (pair) => {
    state.pair = pair;
    curveSelect.value = pair.curve;
    lesson.curve = pair.curve;
    renderCard();
  };

  const restore = () => {
    const saved = sessionStorage.getItem(storageKey);
    if (!saved) return false;
    try {
      const s = JSON.parse(saved);
      setPair(api.KeyPair.importPrivateKey(s.privateKey));
      peerKey.value = s.peer ?? '';
      salt.value = s.salt ?? '';
      info.value = s.info ?? info.value;
      state.round = Number.isInteger(s.round) ? s.round : 0;
      state.conversation = Array.isArray(s.conversation) ? s.conversation : [];
      return true;
    } catch {
      sessionStorage.removeItem(storageKey);
      return false;
    }
  };

  if (!restore()) setPair(makeKeyPair(ctx, me, state.round));
  renderLog();
  derive();
  save();

  const regenerate = () => {
    lesson.curve = curveSelect.value;
    setPair(makeKeyPair(ctx, me, state.round));
    derive();
    save();
    ctx.publish();
    announce(`New ${state.pair.curve} key pair: send your new public key to ${NAMES[peer]}`);
  };
  curveSelect.addEventListener('change', () => {
    state.round = 0;
    regenerate();
  });
  byId('regenerate').addEventListener('click', () => {
    state.round += 1;
    regenerate();
  });
  for (const field of [peerKey, salt, info]) {
    field.addEventListener('input', () => {
      lesson.salt = salt.value;
      lesson.info = info.value;
      derive();
      save();
      if (field !== peerKey) ctx.publish();
    });
  }

  byId('p-encrypt').addEventListener('click', () => {
    const plain = byId('p-plain');
    if (!state.key) {
      fieldError(peerKey, byId('peer-error'), `Paste ${NAMES[peer]}'s public key first.`);
      peerKey.focus();
      return;
    }
    const sentSoFar = state.conversation.filter((m) => m.from === me).length;
    const envelope = seal(ctx, state.key, utf8(plain.value), `${me}#${state.round}`, sentSoFar);
    byId('p-envelope').value = toBase64(envelope);
    state.conversation.push({ from: me, text: plain.value });
    plain.value = '';
    renderLog();
    save();
    announce('Encrypted: copy the envelope to the other tab');
  });
  byId('p-copy-envelope').addEventListener('click', () => copyFrom(byId('p-envelope'), byId('p-copy-envelope')));

  byId('p-decrypt').addEventListener('click', () => {
    const incoming = byId('p-incoming');
    const error = byId('p-decrypt-error');
    try {
      if (!state.key) throw new Error(`Paste ${NAMES[peer]}'s public key first.`);
      let envelope;
      try {
        envelope = /^[\s0-9a-fA-F:]+$/.test(incoming.value) && incoming.value.replace(/[\s:]/g, '').length >= 56
          ? fromHex(incoming.value)
          : fromBase64(incoming.value);
      } catch (e) {
        throw new Error(`The envelope is not base64: ${e.message}`);
      }
      const text = fromUtf8(api.decrypt(state.key, envelope)) ?? '(not valid UTF-8)';
      fieldError(incoming, error, '');
      state.conversation.push({ from: peer, text });
      incoming.value = '';
      renderLog();
      save();
      announce(`${NAMES[peer]} says: ${text}`);
    } catch (e) {
      fieldError(incoming, error, e.message);
      announce(e.message);
    }
  });

  byId('p-forget').addEventListener('click', () => {
    sessionStorage.removeItem(storageKey);
    state.conversation = [];
    peerKey.value = '';
    renderLog();
    regenerate();
  });
}
