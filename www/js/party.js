// One party per tab (?party=alice or ?party=bob): this tab's key pair, a box for the
// peer's public key, the derived keys' fingerprint to compare aloud, and messages as
// base64 envelopes copied between tabs. The tab's state survives a reload
// (sessionStorage); nothing is sent anywhere.
import { toHex, toBase64, fromBase64, fromHex, utf8, fromUtf8, groupedHex } from './bytes.js';
import { el, copyFrom, show, fieldError } from './dom.js';
import { NAMES, ARROWS, makeKeyPair, seal, deriveKeys, setBytes } from './exchange.js';
import { directionOf } from './lesson.js';
import { partyCard, bindKeyCard } from './key-card.js';
import { peerPaste } from './inspection.js';

export function startParty(ctx, me) {
  const { api, byId, announce, lesson } = ctx;
  const peer = me === 'alice' ? 'bob' : 'alice';
  // The key of my messages (I seal with it) and of the peer's (I open with it).
  const out = directionOf(me);
  const into = directionOf(peer);
  show(byId('party'), true);
  show(byId('mallory-switch'), false);
  byId('regenerate').textContent = 'New key pair';
  byId('party-name').textContent = NAMES[me];
  byId('peer-name').textContent = NAMES[peer];
  if (byId('party').isConnected && document.title) document.title = `${NAMES[me]} — ECDH Playground`;
  const storageKey = `ecdh-playground/party/${me}${lesson.seed ? `/seed/${lesson.seed}` : ''}`;
  const curveSelect = byId('curve');
  const peerKey = byId('peer-key');
  const privateAlert = byId('peer-private');
  const notes = byId('peer-notes');
  const salt = byId('p-salt');
  const info = byId('p-info');
  const log = byId('p-log');
  // replacement: { text, warning, detected } when a pasted private key was replaced by
  // its public key `text`; it is said while the box holds exactly that text.
  // keys: { out, in } once a peer's key is in, else null.
  const state = { pair: null, keys: null, conversation: [], round: 0, replacement: null };
  salt.value = lesson.salt;
  info.value = lesson.info;
  curveSelect.value = lesson.curve;

  const save = () => {
    sessionStorage.setItem(storageKey, JSON.stringify({
      curve: state.pair.curve,
      privateKey: state.pair.revealPrivateKey('pem'),
      // A private key the crate could read is already replaced by its public key; one it
      // could not read stays in the box for the user to see, but is never stored.
      peer: /PRIVATE KEY/.test(peerKey.value) ? '' : peerKey.value,
      salt: salt.value,
      info: info.value,
      round: state.round,
      conversation: state.conversation,
    }));
  };

  const card = partyCard(byId, byId('me-keys'), me, NAMES[me], 'party-keys');
  const renderCard = bindKeyCard(card, () => state.pair, { api, owner: NAMES[me] });

  const renderLog = () => {
    log.replaceChildren(...state.conversation.map((m) => el('li', {
      cls: m.from === me ? 'sent' : 'received',
      text: `${m.from === me ? 'You' : NAMES[peer]}: ${m.text}`,
    })));
  };

  const showNotes = (list) => {
    notes.replaceChildren(...list.map((note) => el('li', { text: note })));
    show(notes, list.length > 0);
  };

  const derive = () => {
    state.keys = null;
    for (const id of ['p-secret', 'p-key-out', 'p-key-in', 'p-key-fp']) byId(id).textContent = '';
    byId('peer-info').textContent = '';
    showNotes([]);
    try {
      if (peerKey.value.trim() === '') {
        fieldError(peerKey, byId('peer-error'), '');
        return;
      }
      const paste = peerPaste(api.inspectPublicKey(peerKey.value), state.pair.fingerprint, NAMES[peer]);
      if (paste.replaceWith !== null) {
        peerKey.value = paste.replaceWith;
        state.replacement = { text: paste.replaceWith, warning: paste.privateWarning, detected: paste.detected };
      }
      if (state.replacement?.text !== peerKey.value) state.replacement = null;
      showNotes(paste.notes);
      if (paste.refusal) throw new Error(paste.refusal);
      // The public key, never the pasted text: the crate refuses private keys here.
      const secret = state.pair.sharedSecret(paste.publicKey);
      // Said of the paste, not of the public key that replaced it in the box.
      byId('peer-info').textContent = state.replacement?.detected ?? paste.detected;
      fieldError(peerKey, byId('peer-error'), '');
      const derived = deriveKeys(api, secret, salt.value, info.value);
      const keys = { out: derived[out], in: derived[into] };
      state.keys = keys;
      setBytes(byId('p-secret'), secret);
      setBytes(byId('p-key-out'), keys.out);
      setBytes(byId('p-key-in'), keys.in);
      byId('p-key-out-label').textContent = `Key ${ARROWS[out]}, for your messages: HKDF-Expand(PRK, “${derived.infos[out]}”, 32)`;
      byId('p-key-in-label').textContent = `Key ${ARROWS[into]}, for ${NAMES[peer]}'s messages: HKDF-Expand(PRK, “${derived.infos[into]}”, 32)`;
      // Both keys in a fixed order, so that both tabs hash the same bytes.
      const both = new Uint8Array([...derived.ab, ...derived.ba]);
      crypto.subtle.digest('SHA-256', both).then((digest) => {
        if (state.keys !== keys) return;
        byId('p-key-fp').textContent = groupedHex(new Uint8Array(digest).slice(0, 8), 2);
      });
      announce('Shared key derived: compare the key fingerprint with the other tab');
    } catch (e) {
      fieldError(peerKey, byId('peer-error'), e.message);
      announce(e.message);
    } finally {
      if (state.replacement?.text !== peerKey.value) state.replacement = null;
      privateAlert.textContent = state.replacement?.warning ?? '';
      show(privateAlert, state.replacement !== null);
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
    if (!state.keys) {
      fieldError(peerKey, byId('peer-error'), `Paste ${NAMES[peer]}'s public key first.`);
      peerKey.focus();
      return;
    }
    const { envelope } = seal(ctx, state.keys.out, utf8(plain.value), me);
    byId('p-envelope').value = toBase64(envelope);
    state.conversation.push({ from: me, text: plain.value });
    plain.value = '';
    renderLog();
    save();
    announce('Encrypted: copy the envelope to the other tab');
  });
  byId('p-copy-envelope').addEventListener('click', () => copyFrom(byId('p-envelope'), byId('p-copy-envelope')));

  const opensWith = (key, envelope) => {
    try {
      api.decrypt(key, envelope);
      return true;
    } catch {
      return false;
    }
  };

  byId('p-decrypt').addEventListener('click', () => {
    const incoming = byId('p-incoming');
    const error = byId('p-decrypt-error');
    const replay = byId('p-replay');
    show(replay, false);
    try {
      if (!state.keys) throw new Error(`Paste ${NAMES[peer]}'s public key first.`);
      let envelope;
      try {
        envelope = /^[\s0-9a-fA-F:]+$/.test(incoming.value) && incoming.value.replace(/[\s:]/g, '').length >= 56
          ? fromHex(incoming.value)
          : fromBase64(incoming.value);
      } catch (e) {
        throw new Error(`The envelope is not base64: ${e.message}`);
      }
      let opened;
      try {
        opened = api.decrypt(state.keys.in, envelope);
      } catch (e) {
        // Not from the peer. One of mine? It opens with my own direction's key, and with
        // that key only: it is never shown as the peer's.
        if (opensWith(state.keys.out, envelope)) {
          throw new Error(`This is a message you sent: it opens with your ${ARROWS[out]} key, not with ${NAMES[peer]}'s ${ARROWS[into]} key. Paste an envelope from ${NAMES[peer]}'s tab here; send this one to ${NAMES[peer]}.`);
        }
        throw e;
      }
      const text = fromUtf8(opened) ?? '(not valid UTF-8)';
      fieldError(incoming, error, '');
      // The same envelope again: genuine, so it opens, but it is a replay.
      const nonce = toHex(envelope.slice(0, 12));
      const before = state.conversation.find((m) => m.from === peer && m.nonce === nonce);
      if (before) {
        replay.textContent = `Replayed: you already received this envelope (${NAMES[peer]}'s message “${before.text}”), so it is not added again. It still opens, since it is genuine: AES-GCM cannot tell a copy from the original; this tab notices only because it remembers the nonces it has received. A protocol numbers its messages instead: TLS puts a sequence number into every record's nonce and additional data, and refuses a number that came before.`;
        show(replay, true);
        announce(replay.textContent);
        return;
      }
      state.conversation.push({ from: peer, text, nonce });
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
