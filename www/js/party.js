// One party per tab (?party=alice or ?party=bob): this tab's key pair, a box for the
// peer's public key, the derived keys' fingerprint to compare aloud, and messages as
// base64 envelopes copied between tabs. The tab's state survives a reload
// (sessionStorage, or memory only where the page may not store: a sandboxed frame);
// nothing is sent anywhere. In the hybrid (X25519MLKEM768) Alice's tab sends a key share
// and takes Bob's answer in two pastes (his ciphertext, his X25519 key); Bob's tab takes
// her share and makes the answer.
import { toHex, fromHex, toBase64, fromBase64, utf8, fromUtf8, groupedHex } from './bytes.js';
import { el, copyFrom, show, fieldError } from './dom.js';
import {
  NAMES, ARROWS, makeKeyPair, seal, deriveKeys, setBytes, onCurveChange,
} from './exchange.js';
import { directionOf, fragmentOf, peerQuery } from './lesson.js';
import { partyCard, bindKeyCard } from './key-card.js';
import { peerPaste, isBareBytes, bare32OnP256 } from './inspection.js';
import { toStore, fromStore, keepText } from './party-store.js';
import { ReaderLoading } from './load.js';
import {
  HYBRID, HYBRID_NAME, isHybrid, isKeyShare, makeHybrid, answerKeys, answer, splitShare, readPasted, answerFrom,
} from './hybrid.js';
import {
  readEnvelope, failureChecklist, envelopeLength, mayBeEnvelope, looksLikeEnvelope,
} from './party-help.js';

export async function startParty(ctx, me) {
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
  // In the hybrid: hybrid is Alice's HybridKeyPair (pair its X25519 half), m Bob's
  // encapsulation randomness (pair his X25519 key pair). peerPublic: the peer box's text
  // once the crate has read it as a public key or key share (null otherwise): only that
  // is stored.
  const state = {
    pair: null, keys: null, peerFingerprint: '', conversation: [], round: 0, replacement: null,
    hybrid: null, m: null, peerPublic: null,
  };
  const peerCt = byId('peer-ct');
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
      curve: lesson.curve,
      // Revealed only to be stored, and only when the user keeps it.
      privateKeyPem: keep.checked ? state.pair.revealPrivateKey('pem') : null,
      mlkemSeed: keep.checked && state.hybrid ? toHex(state.hybrid.revealMlkemSeed()) : null,
      m: keep.checked && state.m ? toHex(state.m) : null,
      ciphertext: peerCt.value,
      round: state.round,
      // Only what the crate read as a public key (or a key share) is kept: a paste it
      // could not read may be a private key of another curve, an encrypted one, a bare
      // scalar; a reload then finds the box empty rather than a secret in storage.
      peer: state.peerPublic === peerKey.value ? peerKey.value : '',
      salt: salt.value,
      info: info.value,
      conversation: state.conversation,
    })));
  };
  const sayKeep = () => {
    byId('p-keep-info').textContent = keepText(keep.checked, { seeded: Boolean(lesson.seed), peer: NAMES[peer], memoryOnly });
  };

  const card = partyCard(byId, byId('me-keys'), me, NAMES[me], 'party-keys');
  const kemHalf = () => (state.hybrid ? {
    label: `ML-KEM-768 encapsulation key (${state.hybrid.encapsulationKey.length.toLocaleString('en')} bytes), part of your key share`,
    bytes: state.hybrid.encapsulationKey,
    privateText: `ML-KEM-768 private key, as its 64-byte seed d ‖ z (hex):\n${toHex(state.hybrid.revealMlkemSeed())}`,
  } : null);
  const renderCard = bindKeyCard(card, () => state.pair, { reader: ctx.loadReader, owner: NAMES[me], kem: kemHalf });

  // What step 1 and 2 ask for: a public key; in the hybrid, a key share (Bob) or Bob's
  // X25519 key and ciphertext (Alice).
  const renderExchange = () => {
    const hybrid = isHybrid(lesson.curve);
    show(byId('p-share-box'), hybrid && me === 'alice');
    if (hybrid && me === 'alice') byId('p-share').value = toBase64(state.hybrid.publicShare);
    show(byId('peer-ct-box'), hybrid && me === 'alice');
    show(byId('p-answer-box'), false);
    byId('peer-what').textContent = hybrid && me === 'bob' ? 'key share' : 'public key';
    byId('peer-key-label').textContent = hybrid
      ? (me === 'bob' ? 'Alice\'s key share (base64 or hex of 1,216 bytes)' : 'Bob\'s X25519 public key (any format)')
      : 'Peer\'s public key';
    byId('peer-explain').textContent = hybrid
      ? (me === 'bob'
        ? `${HYBRID_NAME}: Alice's tab shows her key share under step 1, her ML-KEM-768 encapsulation key and her X25519 public key in one. Paste it here: your tab encapsulates a secret to her key and answers with the ciphertext and your X25519 key.`
        : `${HYBRID_NAME}: Bob answers your key share with two things, both from his tab: his X25519 public key (any format: PEM, JWK, hex…) and the ML-KEM-768 ciphertext that carries his secret to you.`)
      : 'Any format works: PEM, JWK, hex or base64 of DER, a raw point, a certificate, an OpenSSH key, or the key or its bytes as your program printed them (Python, Node, Java, Go, Rust…). The format and curve are detected.';
  };

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
      inspection = ctx.inspect(text);
    } catch (e) {
      if (e instanceof ReaderLoading) throw e;
      if (isKeyShare(text)) {
        // The other tab chose the hybrid: say so, and offer to follow.
        switchCurve.textContent = `Switch to ${HYBRID_NAME}`;
        switchCurve.dataset.curve = HYBRID;
        show(switchCurve, true);
        throw new Error(`This is an ${HYBRID_NAME} key share (1,216 bytes), not a public key: ${NAMES[peer]}'s tab uses the hybrid. Switch to it too: new keys for you, and your answer for her.`);
      }
      throw new Error(length === null ? e.message : `${e.message}. ${looksLikeEnvelope(length)}`);
    }
    // A bare point in base64 and an envelope can have the same length: say both.
    const ambiguous = length !== null && /^(raw|compressed)-base64$/.test(inspection.format);
    return { inspection, note: ambiguous ? mayBeEnvelope(length, inspection.curve) : null };
  };

  /** Bob in the hybrid: his answer to Alice's pasted share; returns the secret. */
  const answerShare = () => {
    const from = 'copy “Your key share for Bob” from Alice\'s tab';
    let share;
    try {
      share = readPasted(peerKey.value, 'Alice\'s key share', from);
    } catch (e) {
      let key = null;
      try {
        key = ctx.inspect(peerKey.value);
      } catch {
        throw e;
      }
      throw new Error(`This is ${key.containsPrivateKey ? 'a private key' : `an ${key.curve} public key`}, not a key share: in the hybrid Alice sends her ML-KEM-768 encapsulation key with her X25519 key, 1,216 bytes in one paste (${from}).`);
    }
    const reply = answer(ctx, share, { pair: state.pair, m: state.m });
    const { kem, x25519 } = splitShare(share);
    state.peerFingerprint = ctx.inspect(toHex(x25519)).fingerprint;
    byId('p-answer').value = toBase64(splitShare(reply.serverShare).kem);
    show(byId('p-answer-box'), true);
    byId('peer-info').textContent = `Detected: an X25519MLKEM768 key share, ${share.length.toLocaleString('en')} bytes (an ML-KEM-768 encapsulation key of ${kem.length.toLocaleString('en')} bytes, then Alice's X25519 public key, fingerprint ${state.peerFingerprint}).`;
    return reply.sharedSecret;
  };

  /** Alice in the hybrid: Bob's answer from the ciphertext box and his X25519 key (raw hex). */
  const finishAnswer = (bobKeyRaw) => {
    const ctError = byId('peer-ct-error');
    try {
      const pasted = readPasted(peerCt.value, 'Bob\'s ML-KEM-768 ciphertext', 'copy “Your answer for Alice” from Bob\'s tab');
      const secret = state.hybrid.finish(answerFrom(pasted, fromHex(bobKeyRaw)));
      fieldError(peerCt, ctError, '');
      return secret;
    } catch (e) {
      fieldError(peerCt, ctError, e.message);
      throw new Error(`Bob's X25519 key is in; ${e.message.replace(/^./, (c) => c.toLowerCase())}`);
    }
  };

  const derive = () => {
    const previousKeys = state.keys;
    state.keys = null;
    state.peerFingerprint = '';
    for (const id of ['p-secret', 'p-key-out', 'p-key-in', 'p-key-fp']) byId(id).textContent = '';
    byId('peer-info').textContent = '';
    showNotes([]);
    show(switchCurve, false);
    show(byId('p-answer-box'), false);
    const hybrid = isHybrid(lesson.curve);
    state.peerPublic = null;
    try {
      if (peerKey.value.trim() === '') {
        fieldError(peerKey, byId('peer-error'), '');
        if (hybrid && me === 'alice') fieldError(peerCt, byId('peer-ct-error'), '');
        return;
      }
      let secret;
      if (hybrid && me === 'bob') {
        secret = answerShare();
        state.peerPublic = peerKey.value;
        fieldError(peerKey, byId('peer-error'), '');
        keysFrom(secret);
        return;
      }
      const { inspection, note } = inspectPeer(peerKey.value, previousKeys);
      const paste = peerPaste(inspection, state.pair.fingerprint, NAMES[peer]);
      if (paste.replaceWith !== null) {
        peerKey.value = paste.replaceWith;
        state.replacement = { text: paste.replaceWith, warning: paste.privateWarning, detected: paste.detected };
      }
      if (state.replacement?.text !== peerKey.value) state.replacement = null;
      // Read: the box holds a public key now (a private key's is put in its place above).
      state.peerPublic = peerKey.value;
      showNotes(note ? [note, ...paste.notes] : paste.notes);
      if (paste.refusal) throw new Error(paste.refusal);
      if (hybrid && inspection.curve !== 'X25519') {
        throw new Error(`This is a ${inspection.curve} key: in ${HYBRID_NAME} Bob's public key is an X25519 key, the one in his tab's step 1.`);
      }
      if (inspection.curve !== state.pair.curve) {
        // The crate says what differs; the page says what to do, and offers to do it.
        switchCurve.textContent = `Switch to ${inspection.curve}`;
        switchCurve.dataset.curve = inspection.curve;
        show(switchCurve, true);
        // 32 bare bytes read as X25519 on a P-256 tab are more likely a P-256 private key.
        if (state.pair.curve === 'P-256' && isBareBytes(inspection)) throw new Error(bare32OnP256(inspection));
        try {
          state.pair.sharedSecret(paste.publicKey);
        } catch (e) {
          throw new Error(`${e.message}. Both tabs must use the same curve: switch to ${inspection.curve} (a new key pair for you, which ${NAMES[peer]} then needs), or ask ${NAMES[peer]} for ${state.pair.curve === 'X25519' ? 'an' : 'a'} ${state.pair.curve} key.`);
        }
      }
      state.peerFingerprint = inspection.fingerprint;
      // Said of the paste, not of the public key that replaced it in the box.
      byId('peer-info').textContent = state.replacement?.detected ?? paste.detected;
      // The public key, never the pasted text: the crate refuses private keys here.
      secret = hybrid ? finishAnswer(inspection.raw) : state.pair.sharedSecret(paste.publicKey);
      fieldError(peerKey, byId('peer-error'), '');
      keysFrom(secret);
    } catch (e) {
      if (e instanceof ReaderLoading) {
        // A paste the first module leaves to core: read it again once core is here.
        byId('peer-info').textContent = e.message;
        e.loading.then(() => {
          derive();
          save();
        }, (failed) => {
          byId('peer-info').textContent = '';
          fieldError(peerKey, byId('peer-error'), `This paste needs the page's key reader, which could not be loaded: ${failed.message}`);
        });
        return;
      }
      fieldError(peerKey, byId('peer-error'), e.message);
      announce(e.message);
    } finally {
      if (state.replacement?.text !== peerKey.value) state.replacement = null;
      privateAlert.textContent = state.replacement?.warning ?? '';
      show(privateAlert, state.replacement !== null);
    }
  };

  /** The keys of both directions from the shared secret, shown with their fingerprint. */
  function keysFrom(secret) {
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
  }

  /**
   * Replaces the tab's keys (the old ones are freed, and nothing holds them after): its
   * key pair, and in the hybrid Alice's `hybrid` keys or Bob's encapsulation randomness `m`.
   */
  const setKeys = ({ pair, hybrid = null, m = null }, curve = pair.curve) => {
    const old = [state.pair, state.hybrid];
    Object.assign(state, { pair, hybrid, m });
    curveSelect.value = curve;
    lesson.curve = curve;
    renderCard();
    renderExchange();
    for (const keys of old) keys?.free();
  };

  /** This tab's keys for the lesson's choice, from its seed or fresh. */
  const makeKeys = (round) => {
    if (!isHybrid(lesson.curve)) return { pair: makeKeyPair(ctx, me, round) };
    if (me === 'bob') return answerKeys(ctx, 'bob', round);
    const hybrid = makeHybrid(ctx, 'alice', round);
    return { pair: hybrid.x25519KeyPair(), hybrid };
  };

  /** The keys a tab kept, read back. */
  const keptKeys = (s) => {
    if (!isHybrid(lesson.curve)) return { pair: ctx.reader.KeyPair.importPrivateKey(s.privateKey) };
    if (me === 'bob') return { pair: ctx.kem.KeyPair.importPrivateKey(s.privateKey), m: fromHex(s.m) };
    const hybrid = ctx.kem.HybridKeyPair.importPrivateKey(fromHex(s.mlkemSeed), s.privateKey);
    return { pair: hybrid.x25519KeyPair(), hybrid };
  };

  /** Restores what the tab kept; true when that included its key pair. */
  const restore = () => {
    const s = fromStore(storage.getItem(storageKey));
    if (!s) return false;
    keep.checked = s.keep;
    peerKey.value = s.peer;
    peerCt.value = s.ciphertext;
    salt.value = s.salt;
    info.value = s.info ?? info.value;
    state.round = s.round;
    state.conversation = s.conversation;
    if (s.curve) lesson.curve = s.curve;
    if (!s.privateKey) return false;
    try {
      setKeys(keptKeys(s), lesson.curve);
      return true;
    } catch {
      return false;
    }
  };

  // A tab that kept hybrid keys needs ML-KEM before it can read them back, and one that
  // kept curve keys the key reader (the first module does not read private keys).
  const stored = fromStore(storage.getItem(storageKey));
  if (isHybrid(stored?.curve ?? lesson.curve)) await ctx.loadKem();
  else if (stored?.privateKey) await ctx.loadReader().catch(() => null);
  if (!restore()) setKeys(makeKeys(state.round), lesson.curve);
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
    setKeys(makeKeys(state.round), lesson.curve);
    derive();
    save();
    ctx.publish();
    peerLink();
    // On screen, not only announced: the other tab cannot work until it has the new key.
    notice.textContent = isHybrid(lesson.curve)
      ? `New ${HYBRID_NAME} keys: ${me === 'alice' ? 'send your new key share (above) to Bob, whose answer then changes too' : 'your answer changes: send Alice your new X25519 public key (above) and the new ciphertext (step 2)'}.`
      : `New ${state.pair.curve} key pair: send your new public key (above) to ${NAMES[peer]}, who must paste it in place of your old one.`;
    show(notice, true);
  };
  card.copy.addEventListener('click', () => show(notice, false));
  onCurveChange(ctx, curveSelect, () => {
    state.round = 0;
    regenerate();
  });
  switchCurve.addEventListener('click', () => {
    curveSelect.value = switchCurve.dataset.curve;
    // As if chosen in the select: the hybrid loads ML-KEM first.
    curveSelect.dispatchEvent(new Event('change'));
    peerKey.focus();
  });
  byId('regenerate').addEventListener('click', () => {
    state.round += 1;
    regenerate();
  });
  peerCt.addEventListener('input', () => {
    derive();
    save();
  });
  byId('p-copy-share').addEventListener('click', () => copyFrom(byId('p-share'), byId('p-copy-share')));
  byId('p-copy-answer').addEventListener('click', () => copyFrom(byId('p-answer'), byId('p-copy-answer')));
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
          hybrid: isHybrid(lesson.curve),
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
