// The markup of the TLS 1.2 walk-through, as one constant: the page, the embed view and the custom
// element all build their DOM from it, so there is one copy. Constant text only: data
// is always written with textContent.
export const MARKUP = `
    <p id="status" class="status" role="status">Loading the WebAssembly module…</p>
    <p id="seed-banner" class="seed-banner" role="note" hidden></p>

    <p class="explain tls-intro">A model of a TLS 1.2 handshake with one cipher suite, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256. Client and server agree a secret with ECDH, exactly as Alice and Bob do; what TLS adds is that the server <em>signs</em> its ECDH key with a long-term identity key the client already trusts, and that both sides turn the secret into keys with the TLS PRF. The server sends that key in a real X.509 certificate, made here for it (self-signed); the client takes the key from the certificate and checks that it is the key it pinned in advance. A browser would instead check a chain of signatures up to an authority it trusts, the name, the dates and revocation.</p>

    <section class="tls-controls" aria-label="Settings">
      <fieldset>
        <legend>Connection</legend>
        <label for="group">Group (the server's preference)</label>
        <select id="group" aria-describedby="group-hint">
          <option value="x25519">x25519</option>
          <option value="secp256r1">secp256r1 (P-256)</option>
        </select>
        <p class="hint" id="group-hint">The server picks this group if the client offers it, else the other one it implements.</p>
        <p class="label" id="client-groups-label">The client's supported groups, in its order of preference</p>
        <ol id="client-groups" class="group-list" aria-labelledby="client-groups-label"></ol>
        <label for="message">Message the client sends once the handshake is done</label>
        <input id="message" type="text" autocomplete="off" spellcheck="false" value="GET / HTTP/1.1">
        <button type="button" id="regenerate">New randoms and keys</button>
        <button type="button" id="share">Copy link to this lesson</button>
        <span id="print-buttons" class="print-buttons">
          <button type="button" id="print-handout" data-print="handout">Print handout</button>
          <button type="button" id="print-key" data-print="key">Print answer key</button>
        </span>
      </fieldset>
      <fieldset>
        <legend>Lessons</legend>
        <fieldset class="radios">
          <legend>Mallory on the wire</legend>
          <label><input type="radio" name="mallory" id="mallory-none" value="none" checked> Not there</label>
          <label><input type="radio" name="mallory" id="mallory-swap-key" value="swap-key"> Swaps in her own ECDH key and keeps the server's signature</label>
          <label><input type="radio" name="mallory" id="mallory-resign" value="resign"> Swaps in her key and re-signs it with her own identity key</label>
        </fieldset>
        <label class="switch"><input type="checkbox" id="static-key" aria-describedby="static-hint"> Static ECDH key on the server</label>
        <p class="hint" id="static-hint">Instead of a fresh ECDH key per connection, the server keeps one ECDH key for all of them.</p>
        <label class="switch"><input type="checkbox" id="leak" aria-describedby="leak-hint"> Leak the server's long-term keys afterwards</label>
        <p class="hint" id="leak-hint">An attacker who recorded the connection later gets every key the server still holds, and tries to decrypt.</p>
      </fieldset>
    </section>

    <section class="step" aria-labelledby="seq-heading">
      <h2 id="seq-heading"><span class="num">1</span> The handshake, one step at a time</h2>
      <p class="explain">Next, Back, Run all and Start over sit under the current step and move with it. Choosing an earlier step in the diagram shows it again and keeps the later ones.</p>
      <div id="stepper-home">
        <div class="stepper" id="stepper" role="group" aria-label="Step through the handshake">
          <button type="button" id="back" data-focus-key="back">Back</button>
          <button type="button" id="next" data-focus-key="next">Next</button>
          <button type="button" id="run-all" data-focus-key="run-all">Run all</button>
          <button type="button" id="restart" data-focus-key="restart">Start over</button>
          <p id="step-counter" class="step-counter"></p>
        </div>
      </div>
      <p id="handshake-error" class="error-banner" role="alert" hidden></p>
      <div id="sequence" class="seq">
        <div class="seq-lanes" aria-hidden="true"><span>Client</span><span id="middle-lane">the network</span><span>Server</span></div>
        <ol id="steps" class="seq-steps" aria-label="Steps so far"></ol>
      </div>
    </section>

    <section class="step" aria-labelledby="calc-heading">
      <h2 id="calc-heading"><span class="num">2</span> The calculations, with this run's values</h2>
      <p class="explain">Each value appears once the step that computes it has been reached. The page also checks the model: it recomputes each value with the module's primitives (ECDH, the TLS PRF, ECDSA) and your browser's own WebCrypto, and says whether they agree.</p>

      <div class="formula" id="f-certificate">
        <h3>The server's certificate</h3>
        <p class="expr"><code>identity public key = subjectPublicKeyInfo of the certificate in the Certificate message, if it is the pinned key</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <dl class="cert-summary">
            <dt>Subject</dt><dd id="v-cert-subject"></dd>
            <dt>Issuer</dt><dd id="v-cert-issuer"></dd>
            <dt>Valid</dt><dd id="v-cert-validity"></dd>
            <dt>Serial number</dt><dd id="v-cert-serial"></dd>
          </dl>
          <p id="v-cert-trust" class="verdict"></p>
          <p class="label">The certificate (PEM), as the client received it</p>
          <output id="v-cert-pem" class="bytes pem"></output>
          <p><a id="v-cert-inspect" hidden>Open the certificate in the key inspector</a> (its DER drawn as a tree, down to the extensions)</p>
        </div>
      </div>

      <div class="formula" id="f-signature">
        <h3>The ServerKeyExchange signature</h3>
        <p class="expr"><code>valid = ECDSA-P256-SHA256.verify(the certificate's public key, client_random ‖ server_random ‖ ServerECDHParams, signature)</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <p class="label">Signed data: client_random ‖ server_random ‖ ServerECDHParams, as the client received them</p>
          <output id="v-signed-data" class="bytes"></output>
          <p class="label">Signature (DER)</p>
          <output id="v-signature" class="bytes"></output>
          <p id="v-signature-verdict" class="verdict"></p>
          <p id="check-signature" class="check"></p>
          <div class="tools" data-tools="ecdsa"></div>
        </div>
      </div>

      <div class="formula" id="f-pre-master">
        <h3>Pre-master secret</h3>
        <p class="expr"><code id="pre-master-expr">pre_master_secret = ECDH(client's ephemeral private key, server's ECDH public key)</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <p class="label">Server's ECDH public key, from ServerKeyExchange</p>
          <output id="v-server-public" class="bytes"></output>
          <p class="label">pre_master_secret (32 bytes)</p>
          <output id="v-pre-master" class="bytes"></output>
          <p id="check-pre-master" class="check"></p>
        </div>
      </div>

      <div class="formula" id="f-master">
        <h3>Master secret</h3>
        <p class="expr"><code>master_secret = PRF(pre_master_secret, "master secret", client_random ‖ server_random)[0..47]</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <p class="label">Seed: client_random ‖ server_random</p>
          <output id="v-master-seed" class="bytes"></output>
          <p class="label">master_secret (48 bytes)</p>
          <output id="v-master" class="bytes"></output>
          <p id="check-master" class="check"></p>
        </div>
      </div>

      <div class="formula" id="f-key-block">
        <h3>Key block</h3>
        <p class="expr"><code>key_block = PRF(master_secret, "key expansion", server_random ‖ client_random)[0..39] = client_write_key ‖ server_write_key ‖ client_write_IV ‖ server_write_IV</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <p class="label">Seed: server_random ‖ client_random (note the order)</p>
          <output id="v-key-seed" class="bytes"></output>
          <p class="label">key_block (40 bytes), cut into its four parts</p>
          <output id="v-key-block" class="bytes"></output>
          <p class="explain">One key per direction: the client seals what it sends with client_write_key and the server with server_write_key, just as Alice and Bob each seal with their own direction's key in the playground. A record sent back to where it came from does not open.</p>
          <dl class="values">
            <dt>client_write_key (16 bytes)</dt><dd><output id="v-client-write-key" class="bytes"></output></dd>
            <dt>server_write_key (16 bytes)</dt><dd><output id="v-server-write-key" class="bytes"></output></dd>
            <dt>client_write_IV (4 bytes)</dt><dd><output id="v-client-iv" class="bytes"></output></dd>
            <dt>server_write_IV (4 bytes)</dt><dd><output id="v-server-iv" class="bytes"></output></dd>
          </dl>
          <p id="check-key-block" class="check"></p>
        </div>
      </div>

      <div class="formula" id="f-finished">
        <h3>Finished</h3>
        <p class="expr"><code>verify_data = PRF(master_secret, "client finished" or "server finished", SHA-256(handshake_messages))[0..11]</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <p class="label">Client's verify_data</p>
          <output id="v-client-finished" class="bytes"></output>
          <p class="label">Server's verify_data (its handshake_messages include the client's Finished)</p>
          <output id="v-server-finished" class="bytes"></output>
          <p id="check-finished" class="check"></p>
        </div>
      </div>

      <div class="formula" id="f-record">
        <h3>The application-data record</h3>
        <p class="expr"><code>ciphertext ‖ tag = AES-128-GCM(client_write_key, nonce = client_write_IV ‖ explicit_nonce, plaintext, aad = seq_num ‖ type ‖ version ‖ length)</code></p>
        <p class="formula-state"></p>
        <div class="formula-body">
          <p class="label">Plaintext</p>
          <output id="v-plaintext" class="bytes"></output>
          <p class="label">nonce (12 bytes): client_write_IV ‖ explicit_nonce</p>
          <output id="v-nonce" class="bytes"></output>
          <p class="label">aad (13 bytes): seq_num ‖ type ‖ version ‖ length</p>
          <output id="v-aad" class="bytes"></output>
          <p class="label">ciphertext ‖ tag</p>
          <output id="v-ciphertext" class="bytes"></output>
          <p id="check-record" class="check"></p>
        </div>
      </div>

      <details id="inputs" class="inputs">
        <summary>This run's randoms and private keys (to reproduce it elsewhere)</summary>
        <p class="danger">Private keys: only ever for learning. These live in this page's memory and nowhere else.</p>
        <dl id="inputs-list" class="values"></dl>
      </details>
    </section>

    <section class="step" id="attacker" aria-labelledby="attacker-heading" hidden>
      <h2 id="attacker-heading"><span class="num">3</span> Later: the server's long-term keys leak</h2>
      <p class="explain">An attacker recorded every byte of this connection. Long after it ended, they break into the server and take every key it still holds. Can they now read what the client sent?</p>
      <p id="attacker-wait" class="info"></p>
      <div id="attacker-body" hidden>
        <h3>What the attacker has</h3>
        <dl id="attacker-has" class="values"></dl>
        <h3>What the attacker tries</h3>
        <ol id="attacker-steps" class="attacker-steps"></ol>
        <p id="leak-verdict" class="verdict"></p>
        <p id="leak-explanation" class="explain"></p>
      </div>
    </section>
    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
`;
