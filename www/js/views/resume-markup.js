// The markup of the session-resumption page, as one constant. Constant text only: data
// is always written with textContent.
export const MARKUP = `
    <p id="status" class="status" role="status">Loading the WebAssembly module…</p>
    <p id="seed-banner" class="seed-banner" role="note" hidden></p>

    <p class="explain tls-intro">A full handshake costs a key exchange, a certificate and a signature. Session resumption skips them the next time: the client brings back something from the first connection, and both sides derive the new keys from a secret they already share. The model runs a full handshake, then a second connection that resumes it, with real bytes. How much of the first connection's secret comes back decides what a stolen server key opens later.</p>

    <section class="tls-controls" aria-label="Settings">
      <fieldset>
        <legend>Resumption</legend>
        <label for="version">Version</label>
        <select id="version" aria-describedby="version-hint">
          <option value="1.3">TLS 1.3</option>
          <option value="1.2">TLS 1.2</option>
        </select>
        <p class="hint" id="version-hint">TLS 1.3 resumes from a PSK that NewSessionTicket gives; TLS 1.2 from the master secret itself.</p>
        <fieldset class="radios" id="by-box">
          <legend>TLS 1.2: how the server finds the session</legend>
          <label><input type="radio" name="by" id="by-ticket" value="ticket" checked> Session ticket (RFC 5077): the server seals the session into a ticket the client keeps</label>
          <label><input type="radio" name="by" id="by-session_id" value="session_id"> Session ID: the server keeps the session in its cache</label>
        </fieldset>
        <fieldset class="radios" id="psk-box">
          <legend>TLS 1.3: the PSK key exchange mode the client offers</legend>
          <label><input type="radio" name="psk" id="psk-psk_dhe_ke" value="psk_dhe_ke" checked> psk_dhe_ke: the PSK and a fresh ECDHE</label>
          <label><input type="radio" name="psk" id="psk-psk_ke" value="psk_ke"> psk_ke: the PSK alone</label>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Lesson</legend>
        <label for="message">Message the client sends on each connection</label>
        <input id="message" type="text" autocomplete="off" spellcheck="false" value="GET / HTTP/1.1">
        <label class="switch"><input type="checkbox" id="leak" aria-describedby="leak-hint"> Leak the server's ticket key afterwards</label>
        <p class="hint" id="leak-hint">An attacker recorded the full handshake and the resumptions; later the ticket key leaks, and they try it on every recording.</p>
        <button type="button" id="regenerate">New randoms and keys</button>
        <button type="button" id="share">Copy link to this lesson</button>
      </fieldset>
    </section>
    <p id="run-error" class="error-banner" role="alert" hidden></p>

    <section class="step" aria-labelledby="full-heading">
      <h2 id="full-heading"><span class="num">1</span> The full handshake</h2>
      <p class="explain" id="full-summary"></p>
      <p class="explain">Choose a step to see its bytes, field by field.</p>
      <div class="seq">
        <div class="seq-lanes" aria-hidden="true"><span>Client</span><span>the network</span><span>Server</span></div>
        <ol id="full-steps" class="seq-steps" aria-label="The full handshake's steps"></ol>
      </div>
    </section>

    <section class="step" aria-labelledby="session-heading">
      <h2 id="session-heading"><span class="num">2</span> What the client keeps</h2>
      <p class="explain" id="session-summary"></p>
      <dl id="session" class="values"></dl>
      <div id="ticket-box">
        <h3>The ticket, as the server sealed it</h3>
        <p class="explain">RFC 5077 §4's layout: key_name ‖ iv ‖ encrypted_state ‖ mac, with AES-256-GCM under the server's ticket key. Only the server can open it; the model's server opens it here with its key.</p>
        <div id="ticket"></div>
      </div>
    </section>

    <section class="step" aria-labelledby="resumed-heading">
      <h2 id="resumed-heading"><span class="num">3</span> The resumed handshake</h2>
      <p class="explain" id="resumed-summary"></p>
      <div class="seq">
        <div class="seq-lanes" aria-hidden="true"><span>Client</span><span>the network</span><span>Server</span></div>
        <ol id="resumed-steps" class="seq-steps" aria-label="The resumed handshake's steps"></ol>
      </div>
    </section>

    <section class="step" aria-labelledby="keys-heading">
      <h2 id="keys-heading"><span class="num">4</span> Where the keys come from</h2>
      <p class="explain" id="keys-summary"></p>
      <dl id="keys" class="values"></dl>
      <p id="psk-check" class="check" role="status" hidden></p>
      <p class="explain" id="early-note"></p>
    </section>

    <section class="step" aria-labelledby="leak-heading">
      <h2 id="leak-heading"><span class="num">5</span> A leaked ticket key</h2>
      <p class="explain" id="leak-off">Turn on “Leak the server's ticket key afterwards” to see an attacker who recorded everything try the key on each connection.</p>
      <div id="leak-box" hidden>
        <p class="explain" id="leak-explanation"></p>
        <ul id="verdicts" class="verdicts"></ul>
        <h3>What the attacker did</h3>
        <ol id="attacker-steps" class="attacker-steps"></ol>
      </div>
    </section>
    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
`;
