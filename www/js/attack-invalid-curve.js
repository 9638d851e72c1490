// The attack lab's section 1: the invalid-curve attack on P-256 ECDH. The crate runs it
// (InvalidCurveRun, one query per step) in the Web Worker as the job "invalid-curve"
// (attack-invalid-curve-job.js); this module shows each query as it arrives, the
// product of the moduli growing towards n², the recovered key beside the server's, and
// a signature made with the recovered key that the server's public key accepts.
// `mount(container, { module, worker, base })`, as attacks-mount.js calls it.
import { el, scope } from './dom.js';
import {
  BITS_NEEDED, FIX_RUST, fixSnippets, modulusText, playgroundStep2, progressText, queryLine,
} from './attack-invalid-curve-text.js';

// Constant markup only: every value is written with textContent.
const MARKUP = `
  <p class="explain">The server below holds a real P-256 private key d. To every ECDH request — a point P — it answers with a fixed message sealed under HKDF(x-coordinate of d·P), and it never checks that P is on P-256. Its formulas for adding points never use the curve's b, so for a point of another curve y² = x³ − 3x + b′ it computes on that curve, where Mallory has found points of small prime order q. Then d·P is one of only q points: she tries each candidate secret until the reply opens, and learns d mod q — up to sign, since k·P and −k·P share their x-coordinate. So she learns d² mod q exactly, and the Chinese remainder theorem joins enough of those into d² itself; its square root is d.</p>
  <p class="explain">When d·P is the point at infinity (q divides d) there is no x-coordinate: this server, like code that stores the point at infinity as (0, 0), takes 32 zero bytes as the secret and answers anyway. Mallory tries that candidate first; it means d ≡ 0 (mod q).</p>
  <fieldset class="attack-mode ic-mode">
    <legend>The server</legend>
    <label class="switch"><input type="radio" name="ic-mode" id="ic-vulnerable" value="vulnerable" checked> Vulnerable: no on-curve check</label>
    <label class="switch"><input type="radio" name="ic-mode" id="ic-fixed" value="fixed"> Fixed: the playground's own ECDH</label>
  </fieldset>
  <div class="job">
    <button type="button" id="ic-start">Run the attack</button>
    <button type="button" id="ic-cancel" disabled>Cancel</button>
    <label class="switch"><input type="checkbox" id="ic-slow"> Slow motion</label>
    <progress id="ic-progress" max="1" value="0" aria-label="Queries sent"></progress>
    <p id="ic-status" class="job-text" role="status">A new server key is made for each run.</p>
  </div>
  <p class="label">The server's public key d·G: all Mallory knows</p>
  <output id="ic-public" class="bytes"></output>
  <h3>Mallory's queries</h3>
  <p id="ic-modulus">${modulusText(0)}</p>
  <progress id="ic-modulus-bar" max="${BITS_NEEDED}" value="0" aria-label="Bits of the product of the primes, of the 512 needed"></progress>
  <ol id="ic-queries" class="ic-queries mono" tabindex="0" aria-label="Queries: the point sent and the residue learnt"></ol>
  <p id="ic-refused" class="error" role="alert" hidden></p>
  <div id="ic-result" hidden>
    <h3>From the residues to d</h3>
    <ol id="ic-steps" class="attacker-steps"></ol>
    <div class="ic-keys">
      <div><p class="label">d recovered by Mallory</p><output id="ic-recovered" class="bytes"></output></div>
      <div><p class="label">The server's private key</p><output id="ic-server-key" class="bytes"></output></div>
    </div>
    <p id="ic-verdict" class="verdict"></p>
    <h3>Proof: Mallory signs as the server</h3>
    <p id="ic-proof"></p>
    <output id="ic-signature" class="bytes"></output>
  </div>
  <h3>The fix</h3>
  <p class="explain">Check every point received before computing with it: on the curve (with the curve's own b), coordinates below p, not the point at infinity. The playground does it when it reads a public key, in <a id="ic-playground" href="./?party=bob&amp;curve=P-256">step 2, where you paste the peer's key</a>: switch the server above to “Fixed” and the first point is refused with the playground's own message. P-256 has cofactor 1, so a point that passes has the full order n and tells nothing about d.</p>
  <pre class="code" id="ic-fix-rust" tabindex="0" aria-label="The fix in Rust"></pre>
  <details class="ic-more">
    <summary>The same check in Python and WebCrypto, on Mallory's first point</summary>
    <pre class="code" id="ic-fix-python" tabindex="0" aria-label="The check in Python"></pre>
    <pre class="code" id="ic-fix-webcrypto" tabindex="0" aria-label="The check in WebCrypto"></pre>
  </details>
`;

const PROOF_MESSAGE = 'Signed by the server. (Not really: by Mallory, with the key she recovered.)';

export async function mount(container, { module, worker, base = new URL('./', window.location.href).href }) {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const { byId, announce } = scope(container);
  const ui = {
    vulnerable: byId('ic-vulnerable'),
    fixed: byId('ic-fixed'),
    start: byId('ic-start'),
    cancel: byId('ic-cancel'),
    slow: byId('ic-slow'),
    progress: byId('ic-progress'),
    status: byId('ic-status'),
    publicKey: byId('ic-public'),
    modulus: byId('ic-modulus'),
    modulusBar: byId('ic-modulus-bar'),
    queries: byId('ic-queries'),
    refused: byId('ic-refused'),
    result: byId('ic-result'),
    steps: byId('ic-steps'),
    recovered: byId('ic-recovered'),
    serverKey: byId('ic-server-key'),
    verdict: byId('ic-verdict'),
    proof: byId('ic-proof'),
    signature: byId('ic-signature'),
  };
  byId('ic-playground').href = playgroundStep2(base);
  byId('ic-fix-rust').textContent = FIX_RUST;
  let running = null;

  const setRunning = (on) => {
    ui.start.disabled = on;
    ui.cancel.disabled = !on;
    ui.vulnerable.disabled = on;
    ui.fixed.disabled = on;
  };

  const reset = (publicKey) => {
    ui.publicKey.textContent = publicKey;
    ui.queries.replaceChildren();
    ui.steps.replaceChildren();
    ui.refused.hidden = true;
    ui.result.hidden = true;
    ui.modulus.textContent = modulusText(0);
    ui.modulusBar.value = 0;
    ui.progress.value = 0;
  };

  const showQuery = (query, index) => {
    ui.queries.append(el('li', { text: queryLine(query, index) }));
    ui.queries.scrollTop = ui.queries.scrollHeight;
    ui.modulus.textContent = modulusText(query.modulusBits);
    ui.modulusBar.value = Math.min(query.modulusBits, BITS_NEEDED);
  };

  const prove = (report) => {
    // The real API, as anyone would: sign with the recovered key, verify with the
    // server's public key.
    const message = new TextEncoder().encode(PROOF_MESSAGE);
    const key = module.SigningKey.importPrivateKey(report.recoveredPrivateKey);
    try {
      const signature = key.sign(message);
      const valid = module.verifySignature(report.victimPublicKey, message, signature);
      ui.proof.textContent = `Mallory signs “${PROOF_MESSAGE}” with d; verifySignature with the server's public key says: ${valid ? 'valid — a signature only the server could make' : 'not valid'}.`;
      ui.signature.textContent = Array.from(signature, (b) => b.toString(16).padStart(2, '0')).join('');
      return valid;
    } finally {
      key.free();
    }
  };

  const finish = (report, serverKey, ms) => {
    if (report.error !== null) {
      ui.refused.textContent = `Refused: ${report.error}. Mallory learns nothing: no reply, no residue.`;
      ui.refused.hidden = false;
      ui.status.textContent = 'The fixed server refused the first point: the attack stops there.';
      announce(ui.status.textContent);
      return;
    }
    for (const step of report.steps) {
      ui.steps.append(el('li', {
        cls: 'attacker-step',
        children: [
          el('h4', { text: step.title }),
          el('p', { cls: 'explain', text: step.explanation }),
          el('output', { cls: 'bytes', text: step.value }),
        ],
      }));
    }
    ui.recovered.textContent = report.recoveredPrivateKey;
    ui.serverKey.textContent = serverKey;
    const same = report.recoveredPrivateKey === serverKey;
    ui.verdict.textContent = same ? 'The same key: Mallory has the server\'s private key.' : 'The keys differ.';
    ui.verdict.className = `verdict ${same ? 'bad' : 'ok'}`;
    const valid = prove(report);
    ui.result.hidden = false;
    ui.status.textContent = `Recovered in ${Math.round(ms)} ms with ${report.queries} queries${valid ? '' : ' (but the signature did not verify)'}.`;
    announce(ui.status.textContent);
  };

  const run = async () => {
    const validate = ui.fixed.checked;
    // The server's key: made here so that the page can show it beside Mallory's result.
    const server = module.KeyPair.generate('P-256');
    let serverKey;
    let publicKey;
    try {
      serverKey = server.revealPrivateKey('raw');
      publicKey = server.publicKey('raw');
    } finally {
      server.free();
    }
    reset(publicKey);
    const controller = new AbortController();
    running = controller;
    setRunning(true);
    ui.status.textContent = validate ? 'Mallory sends her first point to the fixed server…' : 'Mallory sends her points…';
    const started = performance.now();
    try {
      const { value } = await worker.runJob('invalid-curve', {
        victimPrivateKey: serverKey,
        validate,
        pace: ui.slow.checked ? 400 : 0,
      }, {
        signal: controller.signal,
        onProgress: ({ done, total, detail }) => {
          ui.progress.value = done / total;
          if (detail) showQuery(detail, done - 1);
          ui.status.textContent = `Mallory: ${progressText(done, total)} sent…`;
        },
      });
      ui.progress.value = 1;
      finish(value, serverKey, performance.now() - started);
    } catch (e) {
      if (e instanceof worker.JobCancelled) {
        ui.status.textContent = `Cancelled after ${ui.queries.children.length} queries: the server's key is safe for now.`;
      } else {
        ui.status.textContent = `The attack stopped: ${e.message}`;
      }
      announce(ui.status.textContent);
    } finally {
      running = null;
      setRunning(false);
    }
  };

  ui.start.addEventListener('click', () => {
    run();
  });
  ui.cancel.addEventListener('click', () => running?.abort());
  // Mallory's first point in the fix's code: the fixed server's first query, which it
  // refuses without computing anything.
  const preview = new module.InvalidCurveRun({ seed: 'preview', validate: true });
  try {
    const first = preview.step();
    const { python, webcrypto } = fixSnippets(`04${first.x}${first.y}`);
    byId('ic-fix-python').textContent = python;
    byId('ic-fix-webcrypto').textContent = webcrypto;
  } finally {
    preview.free();
  }
}
