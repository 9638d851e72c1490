// The markup of the TLS 1.3 walk-through, as one constant: the page, the embed view and the
// custom element build their DOM from it. Constant text only: data is always written
// with textContent.
export const MARKUP13 = `
    <p id="status" class="status" role="status">Loading the WebAssembly module…</p>
    <p id="seed-banner" class="seed-banner" role="note" hidden></p>

    <p class="explain tls-intro">A model of a TLS 1.3 handshake (RFC 8446), the sibling of the TLS 1.2 page, run on the same kind of keys. The client guesses the server's group and sends its key share in the very first message, so the shared secret is known after one round trip; everything the server sends after ServerHello is encrypted, the certificate included; the server signs the whole transcript, not just its key; and every key comes out of an HKDF key schedule, one per direction and per phase.</p>

    <section class="tls-controls" aria-label="Settings">
      <fieldset>
        <legend>Connection</legend>
        <label for="group">Group (the server's preference)</label>
        <select id="group" aria-describedby="group-hint">
          <option value="x25519">x25519</option>
          <option value="secp256r1">secp256r1 (P-256)</option>
          <option value="X25519MLKEM768">X25519MLKEM768 (hybrid)</option>
        </select>
        <p class="hint" id="group-hint">The client offers all three groups; the server picks this one. X25519MLKEM768 is ML-KEM-768 and X25519 together, as browsers offer it today.</p>
        <label for="guess">The client's guess (its one key share)</label>
        <select id="guess" aria-describedby="guess-hint">
          <option value="x25519">x25519</option>
          <option value="secp256r1">secp256r1 (P-256)</option>
          <option value="X25519MLKEM768">X25519MLKEM768</option>
        </select>
        <p class="hint" id="guess-hint">A different guess from the server's choice costs a HelloRetryRequest: one more round trip.</p>
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
          <label><input type="radio" name="mallory" id="mallory-swap-key" value="swap-key"> Swaps the key shares in both hellos and forwards the server's signature</label>
          <label><input type="radio" name="mallory" id="mallory-resign" value="resign"> Swaps the key shares and sends her own certificate and signature</label>
        </fieldset>
        <label class="switch"><input type="checkbox" id="static-key" aria-describedby="static-hint"> The server reuses its key share</label>
        <p class="hint" id="static-hint">Instead of a fresh key share per connection, the server keeps one private key for all of them.</p>
        <label class="switch"><input type="checkbox" id="leak" aria-describedby="leak-hint"> Leak the server's keys afterwards</label>
        <p class="hint" id="leak-hint">An attacker who recorded the connection later gets the server's identity key (and its key-share key, if it kept one), and tries to decrypt.</p>
        <label class="switch"><input type="checkbox" id="compare" aria-describedby="compare-hint"> Side by side with TLS 1.2</label>
        <p class="hint" id="compare-hint">Runs a TLS 1.2 handshake on the same randoms and keys and compares the two.</p>
      </fieldset>
    </section>

    <section class="step" aria-labelledby="seq-heading">
      <h2 id="seq-heading"><span class="num">1</span> The handshake, one step at a time</h2>
      <p class="explain">Next, Back, Run all and Start over sit under the current step and move with it. A message shows its bytes field by field; an encrypted one also shows the record that crossed the wire and the plaintext inside it.</p>
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

    <section class="step" aria-labelledby="packet-heading">
      <h2 id="packet-heading"><span class="num">2</span> The ClientHello on the wire</h2>
      <p id="packet-text" class="explain"></p>
      <ul id="packet-bars" class="packet-bars"></ul>
      <p id="packet-why" class="explain"></p>
    </section>

    <section class="step" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading"><span class="num">3</span> The key schedule (RFC 8446 §7.1), with this run's values</h2>
      <p class="explain">HKDF-Extract takes its salt from above and its input from the left; Derive-Secret and HKDF-Expand-Label branch to the right. Every box is a button: choose one (Tab to the diagram, then the arrow keys) to see its inputs, its label, the HkdfLabel it expands with and its output.</p>
      <p id="schedule-source" class="info"></p>
      <p><a id="schedule-known"></a></p>
      <p id="schedule-wait" class="info" hidden></p>
      <div id="schedule" class="schedule"></div>
      <div id="schedule-detail" class="ks-detail" aria-live="polite" hidden></div>
      <div class="tools" data-tools="expand-label"></div>
    </section>

    <section class="step" aria-labelledby="cert-heading">
      <h2 id="cert-heading"><span class="num">4</span> The certificate and the signature</h2>
      <p id="cert-wait" class="info"></p>
      <div id="cert-body" hidden>
        <dl class="cert-summary">
          <dt>Subject</dt><dd id="v-cert-subject"></dd>
          <dt>Issuer</dt><dd id="v-cert-issuer"></dd>
          <dt>Valid</dt><dd id="v-cert-validity"></dd>
        </dl>
        <p id="v-cert-trust" class="verdict"></p>
        <p><a id="v-cert-inspect" hidden>Open the certificate in the key inspector</a> (its DER drawn as a tree)</p>
        <p id="v-verify" class="explain"></p>
        <p id="v-verdict" class="verdict"></p>
      </div>
    </section>

    <section class="step" id="attacker" aria-labelledby="attacker-heading" hidden>
      <h2 id="attacker-heading"><span class="num">5</span> Later: the server's keys leak</h2>
      <p class="explain">An attacker recorded every byte of this connection. Long after it ended, they take every key the server still holds. Can they now read what the client sent?</p>
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

    <section class="step" id="compare-section" aria-labelledby="compare-heading" hidden>
      <h2 id="compare-heading"><span class="num">6</span> Side by side: TLS 1.2 and TLS 1.3 on the same keys</h2>
      <p id="compare-note" class="explain"></p>
      <div class="compare-wrap">
        <table id="compare-table" class="compare-table">
          <caption class="visually-hidden">TLS 1.2 and TLS 1.3 compared, from one run of each</caption>
          <thead><tr><th scope="col">What</th><th scope="col">TLS 1.2</th><th scope="col">TLS 1.3</th></tr></thead>
          <tbody id="compare-rows"></tbody>
        </table>
      </div>
      <p><a href="tls12.html" id="compare-tls12">Open the TLS 1.2 page</a> to step through its side.</p>
    </section>

    <details id="inputs" class="inputs">
      <summary>This run's randoms and private keys (to reproduce it elsewhere)</summary>
      <p class="danger">Private keys: only ever for learning. These live in this page's memory and nowhere else.</p>
      <dl id="inputs-list" class="values"></dl>
    </details>
    <p class="next-page" id="resume-next">Next: <a href="resume.html" id="resume-link">Session resumption</a> — skipping the expensive handshake with a ticket, and what that does to forward secrecy.</p>
    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
`;
