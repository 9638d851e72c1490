// The markup of the key inspector, as one constant. Constant text only: data is always
// written with textContent.
export const MARKUP = `
    <p id="status" class="status" role="status">Loading the WebAssembly module…</p>

    <section class="step" aria-labelledby="i-paste-title">
      <h2 id="i-paste-title">What is in this key?</h2>
      <p class="explain">Paste a public or private key, a certificate, an OpenSSH key or any DER (hex or base64): PEM quoted with “&gt; ” in an e-mail, several PEM blocks, JWK, raw points, and the bytes or the key as your program printed them (Python, Node, a browser console, Java, Go, Rust, PHP, Ruby, openssl -text) are fine. The page says what it is, shows the public key in every format, and takes the DER apart field by field. Nothing leaves this page.</p>
      <label for="i-input">Key, certificate or DER</label>
      <textarea id="i-input" rows="8" spellcheck="false" autocomplete="off"></textarea>
      <p id="i-error" class="error" role="alert" hidden></p>
      <div class="examples" role="group" aria-labelledby="i-examples-label">
        <span id="i-examples-label" class="examples-label">Try an example:</span>
      </div>
    </section>

    <div id="i-result" hidden>
      <section class="step" aria-labelledby="i-what-title">
        <h2 id="i-what-title">What it is</h2>
        <p id="i-detected" class="detected"></p>
        <p id="i-private" class="alert" role="alert" hidden></p>
        <ul id="i-notes" class="notes" hidden></ul>
        <div id="i-certificate" hidden>
          <h3 id="i-certificate-title">Certificate</h3>
          <dl id="i-certificate-fields" class="values"></dl>
        </div>
      </section>

      <section class="step" id="i-key" aria-labelledby="i-key-title">
        <h2 id="i-key-title">The public key in every format</h2>
        <p class="label">Fingerprint: the first 8 bytes of SHA-256 of the DER SubjectPublicKeyInfo, as the playground shows it</p>
        <output id="i-fingerprint" class="fingerprint"></output>
        <div class="formats">
          <div class="format" data-format="pem">
            <label for="i-format-pem">PEM (SubjectPublicKeyInfo)</label>
            <textarea id="i-format-pem" rows="5" readonly spellcheck="false"></textarea>
            <button type="button" data-copy="i-format-pem">Copy PEM</button>
          </div>
          <div class="format" data-format="spki">
            <label for="i-format-spki">DER SubjectPublicKeyInfo, hex</label>
            <textarea id="i-format-spki" rows="3" readonly spellcheck="false"></textarea>
            <button type="button" data-copy="i-format-spki">Copy DER hex</button>
          </div>
          <div class="format" data-format="raw">
            <label for="i-format-raw">Raw public key, hex</label>
            <textarea id="i-format-raw" rows="3" readonly spellcheck="false"></textarea>
            <button type="button" data-copy="i-format-raw">Copy raw hex</button>
          </div>
          <div class="format" data-format="compressed">
            <label for="i-format-compressed">Compressed point, hex</label>
            <textarea id="i-format-compressed" rows="2" readonly spellcheck="false"></textarea>
            <button type="button" data-copy="i-format-compressed">Copy compressed hex</button>
          </div>
          <div class="format" data-format="jwk">
            <label for="i-format-jwk">JWK</label>
            <textarea id="i-format-jwk" rows="3" readonly spellcheck="false"></textarea>
            <button type="button" data-copy="i-format-jwk">Copy JWK</button>
          </div>
        </div>
      </section>

      <section class="step" aria-labelledby="i-der-title">
        <h2 id="i-der-title">The DER, field by field</h2>
        <p id="i-der-about" class="explain"></p>
        <div id="i-der"></div>
      </section>
    </div>
    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
`;
