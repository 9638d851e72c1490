// Alice and Bob on one page: both key pairs, the wire, the shared secrets, HKDF and the
// chat, with Mallory in the middle on demand; by ECDH (X25519, P-256) or by the hybrid
// X25519MLKEM768 (hybrid.js), where Bob answers Alice's key share instead of sending a
// key of his own.
import { toHex, utf8, fromUtf8 } from './bytes.js';
import { el, show } from './dom.js';
import { mountTools } from './tools.js';
import {
  NAMES, ARROWS, HIDDEN_OUTPUTS, makeKeyPair, seal, deriveKeys, setBytes, onCurveChange,
} from './exchange.js';
import { directionOf, directionWords } from './lesson.js';
import { partyCard, bindKeyCard } from './key-card.js';
import { hiddenAnswers } from './quiz.js';
import { wireEntry as wireEntryView } from './wire-view.js';
import * as crosscheck from './crosscheck.js';
import * as snippets from './snippets.js';
import { sitePage } from './site.js';
import {
  HYBRID_NAME, isHybrid, makeHybrid, answerKeys, answer, splitShare, splitSecret, shareWords, wireCost,
} from './hybrid.js';

export function startBoth(ctx) {
  const { api, byId, announce, lesson, publish } = ctx;
  show(byId('both'), true);
  // The page's own goal and exercises; an embed is the teacher's, with their own words.
  show(byId('intro'), !lesson.embedded && lesson.view === 'all');
  for (const section of byId('both').querySelectorAll('[data-views]')) {
    show(section, lesson.view === 'all' || section.dataset.views.split(' ').includes(lesson.view));
  }
  // The attack lab's sections, linked from the steps they belong to (on the site only).
  for (const link of byId('both').querySelectorAll('a[data-lab]')) {
    const href = sitePage(`attacks.html#${link.dataset.lab}`);
    if (href) link.href = href;
    show(link.closest('.lab-link'), href !== null);
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
  byId('nonce-source').textContent = lesson.seed
    ? 'a nonce derived from that key, the seed and a count of the messages sealed under that key (HKDF; the count never starts again for a key in this tab, so no nonce is used twice with one key)'
    : 'a fresh random nonce';
  // round: how many times the next key pairs were drawn from the seed (in the link).
  // In the hybrid, `hybrid` holds the exchange (hybridExchange below); alice is the X25519
  // half of Alice's keys, bob Bob's X25519 key pair and malloryA the one Mallory answers
  // Alice with.
  const state = {
    round: lesson.round, alice: null, bob: null, malloryA: null, malloryB: null, last: null, hybrid: null,
  };
  // Bob's answer in the hybrid: to Alice's share, or to Mallory's when she is in the middle.
  const bobAnswer = () => (mallory.checked ? state.hybrid.bobToMallory : state.hybrid.bobToAlice);
  // The answer Alice received: Bob's, or Mallory's in his place.
  const aliceAnswer = () => (mallory.checked ? state.hybrid.malloryToAlice : state.hybrid.bobToAlice);
  const kemHalf = {
    alice: () => (state.hybrid ? {
      label: `ML-KEM-768 encapsulation key (${state.hybrid.alice.encapsulationKey.length.toLocaleString('en')} bytes), sent with the X25519 key`,
      bytes: state.hybrid.alice.encapsulationKey,
      privateText: `ML-KEM-768 private key, as its 64-byte seed d ‖ z (hex):\n${toHex(state.hybrid.alice.revealMlkemSeed())}`,
    } : null),
    bob: () => (state.hybrid ? {
      label: `ML-KEM-768 ciphertext (${splitShare(bobAnswer().serverShare).kem.length.toLocaleString('en')} bytes), encapsulated to ${mallory.checked ? 'Mallory' : 'Alice'}'s encapsulation key, sent with Bob's X25519 key`,
      bytes: splitShare(bobAnswer().serverShare).kem,
      privateText: null,
    } : null),
  };
  const keys = {
    alice: partyCard(byId, byId('alice-keys'), 'alice', 'Alice', 'party-keys'),
    bob: partyCard(byId, byId('bob-keys'), 'bob', 'Bob', 'party-keys'),
  };
  const chats = {
    alice: partyCard(byId, byId('alice-chat'), 'alice', 'Alice', 'party-chat'),
    bob: partyCard(byId, byId('bob-chat'), 'bob', 'Bob', 'party-chat'),
  };
  const renderKeys = {
    alice: bindKeyCard(keys.alice, () => state.alice, { reader: ctx.loadReader, owner: 'Alice', kem: kemHalf.alice }),
    bob: bindKeyCard(keys.bob, () => state.bob, { reader: ctx.loadReader, owner: 'Bob', kem: kemHalf.bob }),
  };
  const derived = { alice: null, bob: null };
  const secrets = { alice: null, bob: null };

  // Once a hidden value is answered or shown, the tools may show what they held back.
  const answers = hiddenAnswers({
    onReveal: () => Object.values(tools).forEach((t) => t.reset()),
    onProgress: lesson.onQuiz,
  });
  for (const h of lesson.hide) {
    for (const [id, label] of HIDDEN_OUTPUTS[h]) {
      for (const who of ['alice', 'bob']) answers.ask(byId(`${who}-${id}`), h, `${NAMES[who]}'s ${label}`);
    }
  }
  answers.progress();
  // What each step's tools must not show yet: code that holds a hidden value, and the
  // values in a cross-check's disagreement.
  const heldBack = (code, kinds) => () => ({
    code: code.find(([kind]) => answers.concealed(kind))?.[1] ?? null,
    values: kinds.some((kind) => answers.concealed(kind)),
  });
  const HELD = {
    secret: ['secret', 'Hidden by the lesson until you answer: this code holds the shared secret, which step 2 asks you to work out. Check your answer (or show it) to see the code.'],
    okm: ['okm', 'Hidden by the lesson until you answer: this code holds the key, which step 3 asks you to work out. Check your answer (or show it) to see the code.'],
  };

  // What each party receives over the wire: the other's key, or Mallory's.
  const received = (who) => {
    if (mallory.checked) return (who === 'alice' ? state.malloryA : state.malloryB).publicKey('pem');
    return (who === 'alice' ? state.bob : state.alice).publicKey('pem');
  };

  const renderWireKeys = () => {
    const log = byId('wire-keys');
    log.replaceChildren();
    const line = (text, cls) => log.append(el('li', { cls, text }));
    const cost = byId('wire-cost');
    show(cost, state.hybrid !== null);
    if (state.hybrid) {
      const h = state.hybrid;
      const share = h.alice.publicShare;
      cost.textContent = wireCost(share, bobAnswer().serverShare);
      if (mallory.checked) {
        line(`Alice → (Mallory intercepts) key share, ${shareWords(share, 'encapsulation key')}`, 'intercepted');
        line(`Mallory → Bob: her own key share, ${shareWords(h.mallory.publicShare, 'encapsulation key')}, claiming to be Alice`, 'forged');
        line(`Bob → (Mallory intercepts) answer, ${shareWords(h.bobToMallory.serverShare, 'ciphertext')}`, 'intercepted');
        line(`Mallory → Alice: her own answer, ${shareWords(h.malloryToAlice.serverShare, 'ciphertext')}, claiming to be Bob`, 'forged');
      } else {
        line(`Alice → Bob: key share, ${shareWords(share, 'encapsulation key')}; X25519 key ${state.alice.fingerprint}`);
        line(`Bob → Alice: answer, ${shareWords(h.bobToAlice.serverShare, 'ciphertext')}; X25519 key ${state.bob.fingerprint}`);
      }
      return;
    }
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
    byId('secret-coordinate').textContent = state.alice.curve === 'X25519'
      ? 'its u-coordinate (X25519 works with u alone)'
      : 'its x-coordinate';
    if (state.hybrid) {
      secrets.alice = state.hybrid.alice.finish(aliceAnswer().serverShare);
      secrets.bob = bobAnswer().sharedSecret;
    } else {
      secrets.alice = state.alice.sharedSecret(received('alice'));
      secrets.bob = state.bob.sharedSecret(received('bob'));
    }
    for (const who of ['alice', 'bob']) {
      byId(`${who}-secret-label`).textContent = state.hybrid
        ? 'Shared secret (64 bytes): ML-KEM-768\'s 32, then X25519\'s 32'
        : 'Shared secret (32 bytes)';
    }
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
    const hybridNote = 'Mallory answered Alice\'s key share herself and sent Bob a key share of her own: Alice shares both secrets (ML-KEM and X25519) with Mallory, and so does Bob. ML-KEM protects against recording, not against a party in the middle: it does not say who a key share belongs to either. TLS 1.3 fixes this as before: the server signs the whole handshake, key shares included, with a key the client trusts.';
    note.textContent = mallory.checked && state.hybrid ? hybridNote : mallory.checked
      ? 'Mallory replaced both public keys on the wire. Alice now shares a secret with Mallory, and so does Bob, and neither can tell: plain ECDH does not say who a public key belongs to. TLS fixes this by having the server sign its key with a long-term key the client already trusts.'
      : '';
  };

  const renderKdf = () => {
    for (const who of ['alice', 'bob']) {
      derived[who] = deriveKeys(api, secrets[who], salt.value, info.value);
      setBytes(byId(`${who}-prk`), derived[who].prk);
      setBytes(byId(`${who}-key-ab`), derived[who].ab);
      setBytes(byId(`${who}-key-ba`), derived[who].ba);
    }
    byId('info-ab').textContent = `“${derived.alice.infos.ab}”`;
    byId('info-ba').textContent = `“${derived.alice.infos.ba}”`;
    const same = ['ab', 'ba'].every((d) => toHex(derived.alice[d]) === toHex(derived.bob[d]));
    const verdict = byId('key-verdict');
    verdict.textContent = same ? '✓ Same two keys on both sides.' : '✗ The keys differ.';
    verdict.className = same ? 'verdict ok' : 'verdict bad';
    tools.ecdh.reset();
    tools.hkdf.reset();
  };

  // Mallory's secrets with each side: in the hybrid, the one her answer gave her with
  // Alice and the one she finished from Bob's answer.
  const mallorySecrets = () => (state.hybrid
    ? { alice: state.hybrid.malloryToAlice.sharedSecret, bob: state.hybrid.mallory.finish(state.hybrid.bobToMallory.serverShare) }
    : { alice: state.malloryA.sharedSecret(state.alice.publicKey('pem')), bob: state.malloryB.sharedSecret(state.bob.publicKey('pem')) });
  // Mallory's keys with each side (both directions): she reads and re-encrypts every message.
  const malloryKeys = () => {
    const s = mallorySecrets();
    return { alice: deriveKeys(api, s.alice, salt.value, info.value), bob: deriveKeys(api, s.bob, salt.value, info.value) };
  };

  // What each side has received, by nonce: a second delivery of the same envelope is a
  // replay. (Remembering nonces is how this page notices; protocols number their
  // messages instead, as TLS does with its sequence number.)
  const seen = { alice: new Map(), bob: new Map() };

  /**
   * Delivers an envelope to `to`, who opens it with its own copy of the key of the
   * message's direction; says what happened in the inbox and returns it as a sentence.
   * `flipped`: the index of the byte changed on the wire, if one was.
   */
  const deliver = (to, envelope, flipped = null) => {
    const inbox = chats[to].inbox;
    const direction = directionOf(to === 'alice' ? 'bob' : 'alice');
    let text;
    try {
      text = fromUtf8(api.decrypt(derived[to][direction], envelope)) ?? '(not valid UTF-8)';
    } catch (e) {
      const why = flipped === null ? '' : ` (byte ${flipped} was flipped on the wire)`;
      inbox.append(el('li', { cls: 'bad', text: `✗ ${e.message}${why}` }));
      announce(`${NAMES[to]} could not decrypt: ${e.message}`);
      return `${NAMES[to]} refused it (${e.message}): the tag no longer matches, so nothing of the message is used.`;
    }
    const nonce = toHex(envelope.slice(0, 12));
    if (seen[to].has(nonce)) {
      inbox.append(el('li', { cls: 'replayed', text: `⚠ Replayed: “${text}” came before (the same nonce); not taken again` }));
      announce(`${NAMES[to]} received a replay of “${text}”`);
      return `it still opens, since it is genuine: AES-GCM cannot tell a copy from the original. ${NAMES[to]} notices only because this nonce came before. A protocol numbers its messages instead (TLS puts a sequence number in every record's nonce and additional data) and refuses a number it has already seen.`;
    }
    seen[to].set(nonce, text);
    inbox.append(el('li', { cls: 'ok', text: `✓ ${text}` }));
    announce(`${NAMES[to]} decrypted: ${text}`);
    return `${NAMES[to]} opened it.`;
  };

  /**
   * A message on the wire. `receiver` is who gets this copy: the other party, or Mallory
   * when she is in the middle (`mallory`: the key she opens it with and the party she
   * forwards to).
   */
  const wireEntry = (who, envelope, to, mallory = null) => {
    const entry = mallory
      ? wireEntryView({
        who,
        envelope,
        receiver: 'Mallory',
        onFlip: (changed) => {
          try {
            api.decrypt(mallory.key, changed);
            return 'Mallory opened it anyway.';
          } catch (e) {
            return `Mallory could not open it (${e.message}), so she has nothing to forward: ${NAMES[to]} receives nothing.`;
          }
        },
      })
      : wireEntryView({
        who,
        envelope,
        receiver: NAMES[to],
        onFlip: (changed, index) => deliver(to, changed, index),
        onReplay: () => deliver(to, envelope),
      });
    byId('wire-messages').append(entry);
  };

  const send = (from) => {
    const to = from === 'alice' ? 'bob' : 'alice';
    const input = chats[from].message;
    const text = input.value;
    if (text === '') return;
    const direction = directionOf(from);
    const { envelope } = seal(ctx, derived[from][direction], utf8(text), from);
    if (mallory.checked) {
      // Mallory opens with the key of this direction she shares with the sender, reads,
      // and re-seals with the one she shares with the receiver.
      const mk = malloryKeys();
      const plain = api.decrypt(mk[from][direction], envelope);
      const forwarded = seal(ctx, mk[to][direction], plain, 'mallory').envelope;
      wireEntry(`${NAMES[from]} → Mallory, meant for ${NAMES[to]} (Mallory reads “${fromUtf8(plain)}” and re-encrypts)`, envelope, to, { key: mk[from][direction] });
      wireEntry(`Mallory → ${NAMES[to]}, posing as ${NAMES[from]} (forwarded by Mallory)`, forwarded, to);
      deliver(to, forwarded);
      state.last = { key: mk[to][direction], info: mk[to].infos[direction], direction, envelope: forwarded, plaintext: text };
    } else {
      wireEntry(`${NAMES[from]} → ${NAMES[to]}`, envelope, to);
      deliver(to, envelope);
      state.last = { key: derived[to][direction], info: derived[to].infos[direction], direction, envelope, plaintext: text };
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
      prepare: ctx.readerPending,
      snippets: () => snippets.publicKeyOf({ privateKeyPem: state.alice.revealPrivateKey('pem') }),
    }),
    ecdh: mountTools(byId('both').querySelector('[data-tools="ecdh"]'), {
      announce,
      // The code starts from the keys, which are not hidden: running it is working it out.
      hidden: heldBack([], ['secret']),
      check: () => (state.hybrid ? hybridCheck() : crosscheck.ecdh({
        curve: state.alice.curve,
        privateKeyPkcs8Pem: state.alice.revealPrivateKey('pem'),
        peerPublicKeySpkiPem: received('alice'),
        expectedSecretHex: toHex(secrets.alice),
      })),
      prepare: ctx.readerPending,
      snippets: () => (state.hybrid ? snippets.hybridFinish({
        mlkemSeedHex: toHex(state.hybrid.alice.revealMlkemSeed()),
        x25519PrivateKeyPem: state.alice.revealPrivateKey('pem'),
        serverShareHex: toHex(aliceAnswer().serverShare),
      }) : snippets.ecdh({
        curve: state.alice.curve,
        privateKeyPem: state.alice.revealPrivateKey('pem'),
        peerPublicKeyPem: received('alice'),
      })),
    }),
    hkdf: mountTools(byId('both').querySelector('[data-tools="hkdf"]'), {
      announce,
      hidden: heldBack([HELD.secret], ['secret', 'prk', 'okm']),
      check: () => crosscheck.hkdfKeys({
        ikmHex: toHex(secrets.alice),
        saltText: salt.value,
        keys: ['ab', 'ba'].map((d) => ({ name: `the ${ARROWS[d]} key`, infoText: derived.alice.infos[d], expectedOkmHex: toHex(derived.alice[d]) })),
        length: 32,
        expectedPrkHex: toHex(derived.alice.prk),
      }),
      snippets: () => snippets.hkdfKeys({
        secretHex: toHex(secrets.alice),
        saltText: salt.value,
        keys: ['ab', 'ba'].map((d) => ({ id: directionWords(d).replace(/ /g, '_'), infoText: derived.alice.infos[d] })),
        length: 32,
      }),
    }),
    aesgcm: mountTools(byId('both').querySelector('[data-tools="aesgcm"]'), {
      announce,
      hidden: heldBack([HELD.okm], ['okm']),
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
        return snippets.aesGcmOpen({
          keyHex: toHex(state.last.key),
          envelopeHex: toHex(state.last.envelope),
          aadText: '',
          keyInfo: { direction: directionWords(state.last.direction), infoText: state.last.info },
        });
      },
    }),
  };

  for (const who of ['alice', 'bob']) {
    chats[who].send.addEventListener('click', () => send(who));
    chats[who].message.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') send(who);
    });
  }

  // WebCrypto has X25519 and no ML-KEM: it checks the X25519 half of Alice's secret.
  const hybridCheck = async () => {
    const r = await crosscheck.ecdh({
      curve: 'X25519',
      privateKeyPkcs8Pem: state.alice.revealPrivateKey('pem'),
      peerPublicKeySpkiPem: (mallory.checked ? state.malloryA : state.bob).publicKey('pem'),
      expectedSecretHex: toHex(splitSecret(secrets.alice).x25519),
    });
    return { ...r, note: 'WebCrypto checked the X25519 half (the last 32 bytes): it has no ML-KEM. The code below computes all 64 bytes with ML-KEM libraries.' };
  };

  const recompute = () => {
    // Bob's card shows the ciphertext he sent, to Alice or to Mallory.
    if (state.hybrid) renderKeys.bob();
    renderWireKeys();
    renderSecrets();
    renderKdf();
  };

  // The hybrid's exchange, Mallory's part included: Alice's keys, Mallory's keys toward
  // Bob, and the three answers (Bob's to Alice, Bob's to Mallory, Mallory's to Alice).
  const hybridExchange = (round, bob, malloryA) => {
    const alice = makeHybrid(ctx, 'alice', round);
    const other = makeHybrid(ctx, 'mallory-bob', round);
    return {
      alice,
      mallory: other,
      bobToAlice: answer(ctx, alice.publicShare, bob),
      bobToMallory: answer(ctx, other.publicShare, bob),
      malloryToAlice: answer(ctx, alice.publicShare, malloryA),
    };
  };

  const showExchange = () => {
    for (const node of byId('both').querySelectorAll('[data-exchange]')) {
      show(node, node.dataset.exchange === (state.hybrid ? 'hybrid' : 'ecdh'));
    }
  };

  const regenerate = () => {
    lesson.curve = curveSelect.value;
    lesson.round = state.round;
    // The key pairs replaced are freed once the new ones are drawn; nothing keeps them.
    const replaced = [state.alice, state.bob, state.malloryA, state.malloryB, state.hybrid?.alice, state.hybrid?.mallory];
    if (isHybrid(lesson.curve)) {
      const bob = answerKeys(ctx, 'bob', state.round);
      const malloryA = answerKeys(ctx, 'mallory-alice', state.round);
      state.hybrid = hybridExchange(state.round, bob, malloryA);
      state.alice = state.hybrid.alice.x25519KeyPair();
      state.bob = bob.pair;
      state.malloryA = malloryA.pair;
      state.malloryB = null;
    } else {
      state.hybrid = null;
      state.alice = makeKeyPair(ctx, 'alice', state.round);
      state.bob = makeKeyPair(ctx, 'bob', state.round);
      state.malloryA = makeKeyPair(ctx, 'mallory-alice', state.round);
      state.malloryB = makeKeyPair(ctx, 'mallory-bob', state.round);
    }
    showExchange();
    state.last = null;
    renderKeys.alice();
    renderKeys.bob();
    tools.keys.reset();
    byId('wire-messages').replaceChildren();
    chats.alice.inbox.replaceChildren();
    chats.bob.inbox.replaceChildren();
    seen.alice.clear();
    seen.bob.clear();
    recompute();
    tools.aesgcm.reset();
    for (const pair of replaced) pair?.free();
    publish();
    announce(state.hybrid ? `New ${HYBRID_NAME} keys for Alice, and Bob's answer` : `New ${lesson.curve} key pairs for Alice and Bob`);
  };

  onCurveChange(ctx, curveSelect, () => {
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
