// The markup of the playground, as one constant: the page, the embed view and the custom
// element all build their DOM from it, so there is one copy. Constant text only: data
// is always written with textContent.
export const MARKUP = `
    <p id="status" class="status" role="status">Loading the WebAssembly module…</p>
    <p id="seed-banner" class="seed-banner" role="note" hidden></p>
    <p id="storage-note" class="storage-note" role="note" hidden></p>

    <section id="intro" class="intro" aria-labelledby="intro-heading" hidden>
      <h2 id="intro-heading">What you will do here</h2>
      <p>Alice and Bob agree on a secret key over a wire anyone can read, then use it to send each other messages no one else can read or change. Every byte is on screen. Three things to try:</p>
      <ol>
        <li><strong>Agree on a secret.</strong> Steps 1 and 2: each side mixes its own private key with the other's public key, and both get the same 32 bytes (64 in the hybrid, where Bob answers Alice's key share). Then tick <em>Mallory in the middle</em>: the secrets differ, and neither side can tell. Why does plain ECDH not notice?</li>
        <li><strong>Break a message.</strong> Step 4: send a message, then click any byte of it on the wire. The receiver refuses the changed copy. Deliver it again unchanged: it still opens. That is a replay.</li>
        <li><strong>Be Alice and Bob in two tabs.</strong> Open <a id="intro-alice" href="?party=alice">Alice's tab</a> and <a id="intro-bob" href="?party=bob">Bob's tab</a>, paste each public key into the other tab, read the keys fingerprint aloud and send each other a message.</li>
      </ol>
    </section>

    <section class="controls" aria-label="Settings">
      <label for="curve">Curve</label>
      <select id="curve">
        <option value="X25519">X25519</option>
        <option value="P-256">P-256</option>
        <option value="X25519MLKEM768">X25519 + ML-KEM-768 (hybrid)</option>
      </select>
      <button type="button" id="regenerate">New key pairs</button>
      <label class="switch" id="mallory-switch"><input type="checkbox" id="mallory"> Mallory in the middle</label>
      <span class="seed-field">
        <label for="seed">Lesson seed</label>
        <input id="seed" type="text" autocomplete="off" spellcheck="false" placeholder="e.g. lesson-3" aria-describedby="seed-hint">
        <button type="button" id="use-seed">Use seed</button>
      </span>
      <p id="seed-error" class="error" role="alert" hidden></p>
      <button type="button" id="share">Copy link to this lesson</button>
      <span id="print-buttons" class="print-buttons">
        <button type="button" id="print-handout" data-print="handout">Print handout</button>
        <button type="button" id="print-key" data-print="key">Print answer key</button>
      </span>
      <span id="seed-hint" class="visually-hidden">With a seed, every key and nonce is derived from it, so everyone who uses the same seed sees the same values.</span>
    </section>

    <!-- Both parties on one page -->
    <div id="both" hidden>
      <section class="step" aria-labelledby="step1" data-views="exchange">
        <h2 id="step1"><span class="num">1</span> Each party makes a key pair</h2>
        <p class="explain" data-exchange="ecdh">A private key is a random number; the public key is that number times a fixed point of the curve. Going back from the public key to the private key is the hard problem that makes this safe. Only public keys ever cross the wire.</p>
        <p class="explain" data-exchange="hybrid" hidden>The hybrid is two exchanges at once, the way browsers and large sites run TLS 1.3 today (the group X25519MLKEM768). Alice makes an X25519 key pair, as before, and an ML-KEM-768 key pair, a key encapsulation mechanism (FIPS 203) built on lattices. She sends both public keys: the ML-KEM encapsulation key (1,184 bytes) with her X25519 key (32 bytes). A KEM is not Diffie-Hellman: Bob has no ML-KEM key of his own. He answers with a ciphertext, which only Alice's decapsulation key opens, and his X25519 key; only then do both hold the ML-KEM secret.</p>
        <div class="row">
          <div class="party" id="alice-keys"></div>
          <div class="wire" aria-label="The wire: what an eavesdropper sees">
            <h3>The wire</h3>
            <ol id="wire-keys" class="wire-log"></ol>
            <p id="wire-cost" class="hint" hidden></p>
          </div>
          <div class="party" id="bob-keys"></div>
        </div>
        <div class="tools" data-tools="keys"></div>
      </section>

      <section class="step" aria-labelledby="step2" data-views="exchange hkdf">
        <h2 id="step2"><span class="num">2</span> Each computes the shared secret</h2>
        <p class="explain" data-exchange="ecdh">Alice multiplies Bob's public key by her private key; Bob multiplies Alice's by his. Both land on the same point, and <span id="secret-coordinate">its x-coordinate</span> is the shared secret. An eavesdropper saw both public keys and still cannot compute it.</p>
        <p class="explain" data-exchange="hybrid" hidden>Two secrets, put side by side. ML-KEM: Bob's encapsulation made a random 32-byte secret and the ciphertext that carries it to Alice; her decapsulation key takes it out. X25519: the same Diffie-Hellman as before. The shared secret is ML-KEM's 32 bytes, then X25519's 32 (the order X25519MLKEM768 uses; the P-256 hybrid, SecP256r1MLKEM768, puts the curve's part first), and the 64 bytes go through HKDF as before. A ciphertext that was changed on the way is no error: ML-KEM's decapsulation then returns a different, pseudorandom secret (implicit rejection), so nothing tells an attacker which change came closer, and the keys simply do not match.</p>
        <div class="row">
          <div class="party"><h3>Alice</h3><p class="label" id="alice-secret-label">Shared secret (32 bytes)</p><output id="alice-secret" class="bytes"></output></div>
          <div class="wire"><p id="verdict" class="verdict" aria-live="polite"></p><p id="mallory-note" class="mallory-note" hidden></p></div>
          <div class="party"><h3>Bob</h3><p class="label" id="bob-secret-label">Shared secret (32 bytes)</p><output id="bob-secret" class="bytes"></output></div>
        </div>
        <div class="tools" data-tools="ecdh"></div>
        <p class="lab-link" hidden>Why every public key that arrives is checked: the <a data-lab="invalid-curve">attack lab</a> recovers a server's P-256 private key from one that skips the on-curve check (the invalid-curve attack), and shows the X25519 points that force an all-zero secret.</p>
        <section class="hybrid-lesson" data-exchange="hybrid" aria-labelledby="hybrid-why" hidden>
          <h3 id="hybrid-why">Why browsers send 1,216 bytes where 32 did</h3>
          <p><strong>Harvest now, decrypt later.</strong> Anyone can record encrypted traffic today and keep it. A large enough quantum computer would solve the elliptic-curve problem X25519 and P-256 rest on (Shor's algorithm), and with it compute the shared secret of every recorded exchange, and so every key and message. ML-KEM rests on a lattice problem that no known quantum algorithm solves, so a secret it carries stays secret even then.</p>
          <p><strong>Why keep X25519?</strong> ML-KEM is young; X25519 has been studied for twenty years. With both, an attacker needs both secrets: if ML-KEM fell to a new attack, X25519 would still hold, and if a quantum computer broke X25519, ML-KEM would. HKDF over both is at least as strong as the stronger one.</p>
          <p><strong>The cost.</strong> Bytes, not time: ML-KEM is as fast as X25519, but its keys and ciphertexts are about 35 times longer, and a TLS ClientHello that carries one no longer fits in one 1,500-byte packet. The wire in step 1 shows the count.</p>
        </section>
      </section>

      <section class="step" aria-labelledby="step3" data-views="hkdf">
        <h2 id="step3"><span class="num">3</span> HKDF turns the secret into a key</h2>
        <p class="explain">The shared secret is a coordinate, not a uniformly random key. HKDF-Extract concentrates it into a pseudorandom key (PRK); HKDF-Expand stretches that into two AES-256 keys, one for each direction, each bound to its own context string (the info, followed by “alice to bob” or “bob to alice”). Both sides must use the same salt and info.</p>
        <p class="explain">Why two keys? With one key for both directions, nothing in a message says who sealed it: Alice's own message, sent back to her, would open as if Bob had written it, and both sides would pick nonces for the same key. With a key per direction, a message opens only with the key of the direction it was sent in. TLS does the same: the client seals with its client_write_key, the server with its server_write_key.</p>
        <div class="kdf-inputs">
          <label for="salt">Salt (text; empty means no salt)</label>
          <input id="salt" type="text" autocomplete="off" spellcheck="false">
          <label for="info">Info (text)</label>
          <input id="info" type="text" autocomplete="off" spellcheck="false" value="ecdh-playground chat v2">
        </div>
        <p class="direction-infos">The info of each key: Alice → Bob <code id="info-ab"></code>, Bob → Alice <code id="info-ba"></code>.</p>
        <div class="row">
          <div class="party"><h3>Alice</h3><p class="label">PRK = HKDF-Extract(salt, secret)</p><output id="alice-prk" class="bytes"></output><p class="label">Key Alice → Bob = HKDF-Expand(PRK, its info, 32): Alice seals with it</p><output id="alice-key-ab" class="bytes"></output><p class="label">Key Bob → Alice = HKDF-Expand(PRK, its info, 32): Alice opens with it</p><output id="alice-key-ba" class="bytes"></output></div>
          <div class="wire"><p id="key-verdict" class="verdict"></p></div>
          <div class="party"><h3>Bob</h3><p class="label">PRK = HKDF-Extract(salt, secret)</p><output id="bob-prk" class="bytes"></output><p class="label">Key Alice → Bob = HKDF-Expand(PRK, its info, 32): Bob opens with it</p><output id="bob-key-ab" class="bytes"></output><p class="label">Key Bob → Alice = HKDF-Expand(PRK, its info, 32): Bob seals with it</p><output id="bob-key-ba" class="bytes"></output></div>
        </div>
        <div class="tools" data-tools="hkdf"></div>
      </section>

      <section class="step" aria-labelledby="step4" data-views="messages">
        <h2 id="step4"><span class="num">4</span> Encrypted messages</h2>
        <p class="explain">Each message is sealed with AES-256-GCM under the key of its direction (Alice's under the Alice → Bob key, Bob's under the Bob → Alice key) and <span id="nonce-source">a fresh random nonce</span>. The wire carries nonce ‖ ciphertext ‖ tag. Click any byte on the wire to flip it: the tag no longer matches and the receiver refuses the whole message.</p>
        <p class="explain">Replay: whoever records the wire can deliver an envelope again. It is genuine, so it still opens; here the receiver notices only because it remembers the nonces it has seen. Protocols number their messages instead: TLS puts a sequence number into every record's nonce and additional data, so the receiver expects the next number and refuses one that came before.</p>
        <div class="row">
          <div class="party" id="alice-chat"></div>
          <div class="wire"><h3>The wire</h3><ol id="wire-messages" class="wire-log"></ol></div>
          <div class="party" id="bob-chat"></div>
        </div>
        <div class="tools" data-tools="aesgcm"></div>
        <p class="lab-link" hidden>Why the nonce must never repeat: the <a data-lab="nonce-reuse-gcm">attack lab</a> reads a message sealed twice under one key and nonce, and recovers an ECDSA signing key from two signatures that shared theirs.</p>
      </section>
    </div>

    <!-- One party in this tab -->
    <div id="party" hidden>
      <section class="step" aria-labelledby="p-step1">
        <h2 id="p-step1"><span class="num">1</span> <span><span id="party-name">Alice</span>'s key pair</span></h2>
        <p class="explain">Open <a id="peer-link" href="?party=bob" target="_blank" rel="noopener"><span id="peer-link-name">Bob</span>'s tab<span class="visually-hidden"> (opens in a new tab)</span></a> beside this one, or send it to a friend (<em>Copy link for <span id="peer-link-name-2">Bob</span>'s tab</em> above). Copy your public key there; paste theirs here. Only public keys need to travel.</p>
        <div class="party" id="me-keys"></div>
        <div id="p-share-box" class="share-box" hidden>
          <label for="p-share">Your key share for Bob (base64 of 1,216 bytes: the ML-KEM-768 encapsulation key, then the X25519 public key)</label>
          <textarea id="p-share" rows="4" readonly spellcheck="false"></textarea>
          <button type="button" id="p-copy-share">Copy key share</button>
          <p class="hint">In the hybrid Bob needs this one paste: both of your public keys, in the order TLS sends them. He answers with a ciphertext and his X25519 public key: two pastes for you, in step 2.</p>
        </div>
        <label class="switch keep"><input type="checkbox" id="p-keep" checked aria-describedby="p-keep-info"> Keep my private key in this tab across reloads</label>
        <p id="p-keep-info" class="hint"></p>
        <p id="p-notice" class="notice" role="status" hidden></p>
      </section>
      <section class="step" aria-labelledby="p-step2">
        <h2 id="p-step2"><span class="num">2</span> <span>Paste <span id="peer-name">Bob</span>'s <span id="peer-what">public key</span></span></h2>
        <p class="explain" id="peer-explain">Any format works: PEM, JWK, hex or base64 of DER, a raw point, a certificate, an OpenSSH key, or the key or its bytes as your program printed them (Python, Node, Java, Go, Rust…). The format and curve are detected.</p>
        <label for="peer-key" id="peer-key-label">Peer's public key</label>
        <textarea id="peer-key" rows="5" spellcheck="false" autocomplete="off"></textarea>
        <p id="peer-private" class="alert" role="alert" hidden></p>
        <p id="peer-error" class="error" role="alert" hidden></p>
        <button type="button" id="peer-switch" hidden>Switch curve</button>
        <p id="peer-info" class="info"></p>
        <ul id="peer-notes" class="notes" hidden></ul>
        <div id="peer-ct-box" hidden>
          <label for="peer-ct">Bob's ML-KEM-768 ciphertext (base64 or hex of 1,088 bytes; or his whole answer, 1,120 bytes)</label>
          <textarea id="peer-ct" rows="4" spellcheck="false" autocomplete="off"></textarea>
          <p id="peer-ct-error" class="error" role="alert" hidden></p>
          <p class="hint">A ciphertext changed on the way is not refused: ML-KEM's decapsulation then gives another, pseudorandom secret (implicit rejection, so that nothing tells an attacker which change came closer), and the keys fingerprint in step 3 differs from Bob's.</p>
        </div>
        <div id="p-answer-box" class="share-box" hidden>
          <label for="p-answer">Your answer for Alice: the ML-KEM-768 ciphertext (base64 of 1,088 bytes)</label>
          <textarea id="p-answer" rows="4" readonly spellcheck="false"></textarea>
          <button type="button" id="p-copy-answer">Copy ciphertext</button>
          <p class="hint">Your ML-KEM encapsulation made a random 32-byte secret and this ciphertext, which only Alice's decapsulation key opens. Alice pastes it and your X25519 public key (step 1): two pastes.</p>
        </div>
      </section>
      <section class="step" aria-labelledby="p-step3">
        <h2 id="p-step3"><span class="num">3</span> Shared secret and key</h2>
        <div class="kdf-inputs">
          <label for="p-salt">Salt (text; both tabs must agree)</label>
          <input id="p-salt" type="text" autocomplete="off" spellcheck="false">
          <label for="p-info">Info (text; both tabs must agree)</label>
          <input id="p-info" type="text" autocomplete="off" spellcheck="false" value="ecdh-playground chat v2">
        </div>
        <p class="explain">HKDF makes one key per direction: you seal your messages with one and open the other party's with the other, so a message can never pass for one sent the other way.</p>
        <p class="label">Shared secret</p><output id="p-secret" class="bytes"></output>
        <p class="label" id="p-key-out-label">Key for your messages</p><output id="p-key-out" class="bytes"></output>
        <p class="label" id="p-key-in-label">Key for the other party's messages</p><output id="p-key-in" class="bytes"></output>
        <p class="label">Keys fingerprint (SHA-256 of the Alice → Bob key, then the Bob → Alice key; first 8 bytes): read it aloud; the other tab must show the same</p>
        <output id="p-key-fp" class="fingerprint"></output>
      </section>
      <section class="step" aria-labelledby="p-step4">
        <h2 id="p-step4"><span class="num">4</span> Messages</h2>
        <div class="two">
          <div>
            <label for="p-plain">Message to encrypt</label>
            <textarea id="p-plain" rows="2"></textarea>
            <button type="button" id="p-encrypt">Encrypt</button>
            <label for="p-envelope">Envelope to send (base64: nonce ‖ ciphertext ‖ tag)</label>
            <textarea id="p-envelope" rows="3" readonly spellcheck="false"></textarea>
            <button type="button" id="p-copy-envelope">Copy envelope</button>
          </div>
          <div>
            <label for="p-incoming">Envelope received (paste)</label>
            <textarea id="p-incoming" rows="3" spellcheck="false" autocomplete="off"></textarea>
            <button type="button" id="p-decrypt">Decrypt</button>
            <p id="p-decrypt-error" class="error" role="alert" hidden></p>
            <ul id="p-decrypt-checks" class="notes checks" hidden></ul>
            <p id="p-replay" class="alert" role="alert" hidden></p>
          </div>
        </div>
        <h3>Conversation</h3>
        <ol id="p-log" class="chat-log"></ol>
        <button type="button" id="p-forget">Forget this tab's keys and messages</button>
      </section>
    </div>

    <template id="party-keys">
      <h3 data-part="name"></h3>
      <div class="field">
        <label data-part="format-label">Public key format</label>
        <select data-part="format">
          <option value="pem">PEM (SubjectPublicKeyInfo)</option>
          <option value="spki">DER SPKI, hex</option>
          <option value="raw">Raw point, hex</option>
          <option value="compressed">Compressed point, hex</option>
          <option value="jwk">JWK</option>
        </select>
      </div>
      <label data-part="public-label">Public key</label>
      <textarea data-part="public" rows="5" readonly spellcheck="false"></textarea>
      <div class="actions">
        <button type="button" data-part="copy">Copy public key</button>
        <button type="button" data-part="reveal" aria-expanded="false">Reveal private key</button>
      </div>
      <p class="label">Fingerprint</p>
      <output data-part="fingerprint" class="fingerprint"></output>
      <details data-part="kem-box" class="kem-box" hidden>
        <summary data-part="kem-label">ML-KEM-768</summary>
        <output data-part="kem" class="bytes"></output>
      </details>
      <div data-part="private-box" class="private" hidden>
        <p class="danger">Private key: never share a real one. This one is only for learning.</p>
        <pre data-part="private" class="bytes"></pre>
      </div>
      <details data-part="inside" class="inside">
        <summary>What is inside this key</summary>
        <p><a data-part="inspect-link" href="inspect.html" target="_blank" rel="noopener">Open in the key inspector<span class="visually-hidden"> (opens in a new tab)</span></a></p>
        <div data-part="inside-view"></div>
      </details>
    </template>

    <template id="party-chat">
      <h3 data-part="name"></h3>
      <label data-part="message-label">Message</label>
      <input data-part="message" type="text" autocomplete="off">
      <button type="button" data-part="send">Encrypt and send</button>
      <p class="label">Received</p>
      <ol data-part="inbox" class="chat-log"></ol>
    </template>
    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
`;
