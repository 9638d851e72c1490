// The playground page: Alice and Bob on one page, or one party per tab.
import { ready } from './wasm.js';
import {
  toHex, toBase64, fromBase64, utf8, fromUtf8, groupedHex, flipByte, envelopeParts,
} from './bytes.js';
import { byId, el, announce, copyFrom, show, fieldError } from './dom.js';

const params = new URLSearchParams(window.location.search);
const partyParam = params.get('party');
const mode = partyParam === 'alice' || partyParam === 'bob' ? partyParam : 'both';
const NAMES = { alice: 'Alice', bob: 'Bob' };

let api;

/** Builds a party's key card from the template; returns its parts by name. */
function partyCard(container, who, name, templateId) {
  const fragment = byId(templateId).content.cloneNode(true);
  const parts = {};
  for (const node of fragment.querySelectorAll('[data-part]')) {
    const part = node.dataset.part;
    node.id = `${who}-${templateId}-${part}`;
    parts[part] = node;
  }
  // Labels point at their controls.
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

function textOrNull(value) {
  return value === '' ? null : utf8(value);
}

/** HKDF of a shared secret with the page's salt and info; returns { prk, okm }. */
function deriveKey(secret, salt, info) {
  const prk = api.hkdfExtract(textOrNull(salt), secret);
  const okm = api.hkdfExpand(prk, utf8(info), 32);
  return { prk, okm };
}

function setBytes(node, bytes) {
  node.textContent = groupedHex(bytes);
}

/* ---------- Both parties on one page ---------- */

function startBoth() {
  show(byId('both'), true);
  const curveSelect = byId('curve');
  const mallory = byId('mallory');
  const salt = byId('salt');
  const info = byId('info');
  const state = { curve: curveSelect.value, alice: null, bob: null, malloryA: null, malloryB: null };
  const keys = {
    alice: partyCard(byId('alice-keys'), 'alice', 'Alice', 'party-keys'),
    bob: partyCard(byId('bob-keys'), 'bob', 'Bob', 'party-keys'),
  };
  const chats = {
    alice: partyCard(byId('alice-chat'), 'alice', 'Alice', 'party-chat'),
    bob: partyCard(byId('bob-chat'), 'bob', 'Bob', 'party-chat'),
  };
  const renderKeys = {
    alice: bindKeyCard(keys.alice, () => state.alice),
    bob: bindKeyCard(keys.bob, () => state.bob),
  };
  const derived = { alice: null, bob: null };

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
    const secrets = {
      alice: state.alice.sharedSecret(received('alice')),
      bob: state.bob.sharedSecret(received('bob')),
    };
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
    return secrets;
  };

  const renderKdf = (secrets) => {
    for (const who of ['alice', 'bob']) {
      derived[who] = deriveKey(secrets[who], salt.value, info.value);
      setBytes(byId(`${who}-prk`), derived[who].prk);
      setBytes(byId(`${who}-okm`), derived[who].okm);
    }
    const same = toHex(derived.alice.okm) === toHex(derived.bob.okm);
    const verdict = byId('key-verdict');
    verdict.textContent = same ? '✓ Same key on both sides.' : '✗ The keys differ.';
    verdict.className = same ? 'verdict ok' : 'verdict bad';
  };

  // Mallory's keys with each side: she reads and re-encrypts every message.
  const malloryKeys = () => ({
    alice: deriveKey(state.malloryA.sharedSecret(state.alice.publicKey('pem')), salt.value, info.value).okm,
    bob: deriveKey(state.malloryB.sharedSecret(state.bob.publicKey('pem')), salt.value, info.value).okm,
  });

  const deliver = (to, envelope, entry) => {
    const inbox = chats[to].inbox;
    try {
      const text = fromUtf8(api.decrypt(derived[to].okm, envelope)) ?? '(not valid UTF-8)';
      inbox.append(el('li', { cls: 'ok', text: `✓ ${text}` }));
      announce(`${NAMES[to]} decrypted: ${text}`);
    } catch (e) {
      inbox.append(el('li', { cls: 'bad', text: `✗ ${e.message}` }));
      announce(`${NAMES[to]} could not decrypt: ${e.message}`);
    }
    entry?.scrollIntoView?.({ block: 'nearest' });
  };

  const wireEntry = (from, to, envelope, extra) => {
    const parts = envelopeParts(envelope);
    const entry = el('li', { cls: 'envelope' });
    entry.append(el('span', { cls: 'who', text: `${NAMES[from]} → ${NAMES[to]}${extra ?? ''}` }));
    const labelled = el('span', { cls: 'parts' });
    labelled.append(
      el('span', { cls: 'nonce', text: toHex(parts.nonce), attrs: { title: 'nonce (12 bytes)' } }),
      el('span', { cls: 'ct', text: toHex(parts.ciphertext), attrs: { title: 'ciphertext' } }),
      el('span', { cls: 'tag', text: toHex(parts.tag), attrs: { title: 'tag (16 bytes)' } }),
    );
    entry.append(labelled);
    entry.append(el('span', { cls: 'legend', text: 'nonce ‖ ciphertext ‖ tag' }));
    const tamper = el('button', { text: 'Flip a byte and deliver again', attrs: { type: 'button' } });
    tamper.addEventListener('click', () => {
      // Flip the first ciphertext byte, or the first tag byte of an empty message.
      const index = envelope.length > 28 ? 12 : envelope.length - 16;
      deliver(to, flipByte(envelope, index), entry);
    });
    entry.append(tamper);
    byId('wire-messages').append(entry);
    return entry;
  };

  const send = (from) => {
    const to = from === 'alice' ? 'bob' : 'alice';
    const input = chats[from].message;
    const text = input.value;
    if (text === '') return;
    const envelope = api.encrypt(derived[from].okm, utf8(text));
    if (mallory.checked) {
      // Mallory opens with her key shared with the sender, reads, and re-seals.
      const mk = malloryKeys();
      const plain = api.decrypt(mk[from], envelope);
      const forwarded = api.encrypt(mk[to], plain);
      wireEntry(from, to, envelope, ` (Mallory reads “${fromUtf8(plain)}” and re-encrypts)`);
      deliver(to, forwarded, wireEntry(from, to, forwarded, ' (forwarded by Mallory)'));
    } else {
      deliver(to, envelope, wireEntry(from, to, envelope));
    }
    input.value = '';
  };

  for (const who of ['alice', 'bob']) {
    chats[who].send.addEventListener('click', () => send(who));
    chats[who].message.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') send(who);
    });
  }

  const recompute = () => {
    renderWireKeys();
    renderKdf(renderSecrets());
  };

  const regenerate = () => {
    state.curve = curveSelect.value;
    state.alice = api.KeyPair.generate(state.curve);
    state.bob = api.KeyPair.generate(state.curve);
    state.malloryA = api.KeyPair.generate(state.curve);
    state.malloryB = api.KeyPair.generate(state.curve);
    renderKeys.alice();
    renderKeys.bob();
    byId('wire-messages').replaceChildren();
    chats.alice.inbox.replaceChildren();
    chats.bob.inbox.replaceChildren();
    recompute();
    announce(`New ${state.curve} key pairs for Alice and Bob`);
  };

  curveSelect.addEventListener('change', regenerate);
  byId('regenerate').addEventListener('click', regenerate);
  mallory.addEventListener('change', () => {
    recompute();
    announce(mallory.checked ? 'Mallory is in the middle: the secrets no longer match' : 'Mallory is gone: the secrets match again');
  });
  salt.addEventListener('input', () => renderKdf(renderSecrets()));
  info.addEventListener('input', () => renderKdf(renderSecrets()));
  regenerate();
}

/* ---------- One party in this tab ---------- */

function startParty(me) {
  const peer = me === 'alice' ? 'bob' : 'alice';
  show(byId('party'), true);
  show(byId('mallory-switch'), false);
  byId('regenerate').textContent = 'New key pair';
  byId('party-name').textContent = NAMES[me];
  byId('peer-name').textContent = NAMES[peer];
  document.title = `${NAMES[me]} — ECDH Playground`;
  const storageKey = `ecdh-playground/party/${me}`;
  const curveSelect = byId('curve');
  const peerKey = byId('peer-key');
  const salt = byId('p-salt');
  const info = byId('p-info');
  const log = byId('p-log');
  const state = { pair: null, key: null, conversation: [] };

  const save = () => {
    sessionStorage.setItem(storageKey, JSON.stringify({
      curve: state.pair.curve,
      privateKey: state.pair.revealPrivateKey('pem'),
      peer: peerKey.value,
      salt: salt.value,
      info: info.value,
      conversation: state.conversation,
    }));
  };

  const card = partyCard(byId('me-keys'), me, NAMES[me], 'party-keys');
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
      const { okm } = deriveKey(secret, salt.value, info.value);
      state.key = okm;
      setBytes(byId('p-secret'), secret);
      setBytes(byId('p-okm'), okm);
      crypto.subtle.digest('SHA-256', okm).then((digest) => {
        if (state.key !== okm) return; // a later input replaced or cleared this key
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
      state.conversation = Array.isArray(s.conversation) ? s.conversation : [];
      return true;
    } catch {
      sessionStorage.removeItem(storageKey);
      return false;
    }
  };

  if (!restore()) setPair(api.KeyPair.generate(curveSelect.value));
  renderLog();
  derive();
  save();

  const regenerate = () => {
    setPair(api.KeyPair.generate(curveSelect.value));
    derive();
    save();
    announce(`New ${state.pair.curve} key pair: send your new public key to ${NAMES[peer]}`);
  };
  curveSelect.addEventListener('change', regenerate);
  byId('regenerate').addEventListener('click', regenerate);
  for (const field of [peerKey, salt, info]) {
    field.addEventListener('input', () => {
      derive();
      save();
    });
  }

  byId('p-encrypt').addEventListener('click', () => {
    const plain = byId('p-plain');
    if (!state.key) {
      fieldError(peerKey, byId('peer-error'), `Paste ${NAMES[peer]}'s public key first.`);
      peerKey.focus();
      return;
    }
    const envelope = api.encrypt(state.key, utf8(plain.value));
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
        envelope = fromBase64(incoming.value);
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

async function main() {
  const status = byId('status');
  for (const link of document.querySelectorAll('nav [data-mode]')) {
    if (link.dataset.mode === mode) link.setAttribute('aria-current', 'page');
  }
  try {
    api = await ready('core');
  } catch (e) {
    status.textContent = `The WebAssembly module could not be loaded: ${e.message}`;
    status.classList.add('bad');
    return;
  }
  if (mode === 'both') startBoth();
  else startParty(mode);
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  document.body.dataset.ready = 'true';
}

main();
