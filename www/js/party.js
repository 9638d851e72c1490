// One party per tab (?party=alice or ?party=bob): this tab's key pair, a box for the
// peer's public key, the derived keys' fingerprint to compare aloud, and messages as
// base64 envelopes copied between tabs. The tab's state survives a reload
// (sessionStorage, or memory only where the page may not store: a sandboxed frame);
// nothing is sent anywhere.
import { toHex, toBase64, fromBase64, utf8, fromUtf8, groupedHex } from './bytes.js';
import { el, copyFrom, show, fieldError } from './dom.js';
import { NAMES, ARROWS, makeKeyPair, seal, deriveKeys, setBytes } from './exchange.js';
import { directionOf, fragmentOf, peerQuery } from './lesson.js';
import { partyCard, bindKeyCard } from './key-card.js';
import { peerPaste } from './inspection.js';
import { toStore, fromStore, keepText } from './party-store.js';
import {
  readEnvelope, failureChecklist, envelopeLength, mayBeEnvelope, looksLikeEnvelope,
} from './party-help.js';

export function startParty(ctx, me) {
  const { api, byId, announce, lesson, storage, memoryOnly } = ctx;
  const peer = me === 'alice' ? 'bob' : 'alice';
  // The key of my messages (I seal with it) and of the peer's (I open with it).
  const out = directionOf(me);
  // A tab's key round is its own (kept with its key), never the link's.
  lesson.round = 0;
  const into = directionOf(peer);
  show(byId('party'), true);
  show(byId('mallory-switch'), false);
  byId('regenerate').textContent = 'New key pair';
  byId('party-name').textContent = NAMES[me];
  byId('peer-name').textContent = NAMES[peer];
  byId('peer-link-name').textContent = NAMES[peer];
  byId('peer-link-name-2').textContent = NAMES[peer];
  // The other party's tab, with this lesson's seed, curve, salt and info.
  const peerLink = () => {
    byId('peer-link').href = `${peerQuery(window.location.search, peer)}${fragmentOf(lesson)}`;
  };
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
  // keys: { out, in, fingerprint } once a peer's key is in, else null; peerFingerprint:
  // the fingerprint of the public key pasted for the peer.
  const state = {
    pair: null, keys: null, peerFingerprint: '', conversation: [], round: 0, replacement: null,
  };
  const switchCurve = byId('peer-switch');
  const notice = byId('p-notice');
  salt.value = lesson.salt;
  info.value = lesson.info;
  curveSelect.value = lesson.curve;

  const keep = byId('p-keep');
  // Where nothing can be stored there is nothing to choose: the key stays in memory.
  if (memoryOnly) {
    keep.checked = false;
    show(keep.parentElement, false);
  }
  const save = () => {
    storage.setItem(storageKey, JSON.stringify(toStore({
      keep: keep.checked,
      curve: state.pair.curve,
      // Revealed only to be stored, and only when the user keeps it.
      privateKeyPem: keep.checked ? state.pair.revealPrivateKey('pem') : null,
      round: state.round,
      peer: peerKey.value,
      salt: salt.value,
      info: info.value,
      conversation: state.conversation,
    })));
  };
  const sayKeep = () => {
    byId('p-keep-info').textContent = keepText(keep.checked, { seeded: Boolean(lesson.seed), peer: NAMES[peer], memoryOnly });
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

  const opensWith = (key, envelope) => {
    try {
      api.decrypt(key, envelope);
      return true;
    } catch {
      return false;
    }
  };

  /** The crate's reading of the peer box, with what to do when it may be an envelope. */
  const inspectPeer = (text, previousKeys) => {
    const length = envelopeLength(text);
    // An envelope this tab can open is no key, whatever its length.
    if (length !== null && previousKeys) {
      const bytes = fromBase64(text);
      if (opensWith(previousKeys.in, bytes) || opensWith(previousKeys.out, bytes)) {
        throw new Error(`This is an envelope, not a public key: it opens with this tab's keys. Paste it under “Envelope received” below, and ${NAMES[peer]}'s public key here.`);
      }
    }
    let inspection;
    try {
      inspection = api.inspectPublicKey(text);
    } catch (e) {
      throw new Error(length === null ? e.message : `${e.message}. ${looksLikeEnvelope(length)}`);
    }
    // A bare point in base64 and an envelope can have the same length: say both.
    const ambiguous = length !== null && /^(raw|compressed)-base64$/.test(inspection.format);
    return { inspection, note: ambiguous ? mayBeEnvelope(length, inspection.curve) : null };
  };

  const derive = () => {
    const previousKeys = state.keys;
    state.keys = null;
    state.peerFingerprint = '';
    for (const id of ['p-secret', 'p-key-out', 'p-key-in', 'p-key-fp']) byId(id).textContent = '';
    byId('peer-info').textContent = '';
    showNotes([]);
    show(switchCurve, false);
    try {
      if (peerKey.value.trim() === '') {
        fieldError(peerKey, byId('peer-error'), '');
        return;
      }
      const { inspection, note } = inspectPeer(peerKey.value, previousKeys);
      const paste = peerPaste(inspection, state.pair.fingerprint, NAMES[peer]);
      if (paste.replaceWith !== null) {
        peerKey.value = paste.replaceWith;
        state.replacement = { text: paste.replaceWith, warning: paste.privateWarning, detected: paste.detected };
      }
      if (state.replacement?.text !== peerKey.value) state.replacement = null;
      showNotes(note ? [note, ...paste.notes] : paste.notes);
      if (paste.refusal) throw new Error(paste.refusal);
      if (inspection.curve !== state.pair.curve) {
        // The crate says what differs; the page says what to do, and offers to do it.
        switchCurve.textContent = `Switch to ${inspection.curve}`;
        switchCurve.dataset.curve = inspection.curve;
        show(switchCurve, true);
        try {
          state.pair.sharedSecret(paste.publicKey);
        } catch (e) {
          throw new Error(`${e.message}. Both tabs must use the same curve: switch to ${inspection.curve} (a new key pair for you, which ${NAMES[peer]} then needs), or ask ${NAMES[peer]} for ${state.pair.curve === 'X25519' ? 'an' : 'a'} ${state.pair.curve} key.`);
        }
      }
      // The public key, never the pasted text: the crate refuses private keys here.
      const secret = state.pair.sharedSecret(paste.publicKey);
      state.peerFingerprint = inspection.fingerprint;
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
        keys.fingerprint = groupedHex(new Uint8Array(digest).slice(0, 8), 2);
        byId('p-key-fp').textContent = keys.fingerprint;
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

  /** Replaces the tab's key pair; the old one is freed, and nothing holds it after. */
  const setPair = (pair) => {
    const old = state.pair;
    state.pair = pair;
    curveSelect.value = pair.curve;
    lesson.curve = pair.curve;
    renderCard();
    old?.free();
  };

  /** Restores what the tab kept; true when that included its key pair. */
  const restore = () => {
    const s = fromStore(storage.getItem(storageKey));
    if (!s) return false;
    keep.checked = s.keep;
    peerKey.value = s.peer;
    salt.value = s.salt;
    info.value = s.info ?? info.value;
    state.round = s.round;
    state.conversation = s.conversation;
    if (s.curve) lesson.curve = s.curve;
    if (!s.privateKey) return false;
    try {
      setPair(api.KeyPair.importPrivateKey(s.privateKey));
      return true;
    } catch {
      return false;
    }
  };

  if (!restore()) setPair(makeKeyPair(ctx, me, state.round));
  renderLog();
  derive();
  save();
  peerLink();
  sayKeep();
  keep.addEventListener('change', () => {
    save();
    sayKeep();
    announce(byId('p-keep-info').textContent);
  });

  const regenerate = () => {
    lesson.curve = curveSelect.value;
    setPair(makeKeyPair(ctx, me, state.round));
    derive();
    save();
    ctx.publish();
    peerLink();
    // On screen, not only announced: the other tab cannot work until it has the new key.
    notice.textContent = `New ${state.pair.curve} key pair: send your new public key (above) to ${NAMES[peer]}, who must paste it in place of your old one.`;
    show(notice, true);
  };
  card.copy.addEventListener('click', () => show(notice, false));
  curveSelect.addEventListener('change', () => {
    state.round = 0;
    regenerate();
  });
  switchCurve.addEventListener('click', () => {
    curveSelect.value = switchCurve.dataset.curve;
    state.round = 0;
    regenerate();
    peerKey.focus();
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
      if (field !== peerKey) {
        ctx.publish();
        peerLink();
      }
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

  const checks = byId('p-decrypt-checks');
  const showChecks = (items) => {
    checks.replaceChildren(...items.map((item) => el('li', { text: item })));
    show(checks, items.length > 0);
  };

  byId('p-decrypt').addEventListener('click', () => {
    const incoming = byId('p-incoming');
    const error = byId('p-decrypt-error');
    const replay = byId('p-replay');
    show(replay, false);
    showChecks([]);
    try {
      if (!state.keys) throw new Error(`Paste ${NAMES[peer]}'s public key first.`);
      const { bytes: envelope, cutOff } = readEnvelope(incoming.value);
      let opened;
      try {
        opened = api.decrypt(state.keys.in, envelope);
      } catch {
        // Not from the peer. One of mine? It opens with my own direction's key, and with
        // that key only: it is never shown as the peer's.
        if (opensWith(state.keys.out, envelope)) {
          throw new Error(`This is a message you sent: it opens with your ${ARROWS[out]} key, not with ${NAMES[peer]}'s ${ARROWS[into]} key. Paste an envelope from ${NAMES[peer]}'s tab here; send this one to ${NAMES[peer]}.`);
        }
        // The crate says only that the tag does not match; the page lists what to compare.
        const { title, items } = failureChecklist({
          peer: NAMES[peer],
          keysFingerprint: state.keys.fingerprint ?? '',
          salt: salt.value,
          info: info.value,
          peerKeyFingerprint: state.peerFingerprint,
          length: envelope.length,
          cutOff,
        });
        showChecks(items);
        throw new Error(title);
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
    storage.removeItem(storageKey);
    state.conversation = [];
    peerKey.value = '';
    renderLog();
    regenerate();
  });
}
