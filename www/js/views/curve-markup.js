// The markup of the curve lab, as one constant. Constant text only: data is always
// written with textContent.
export const MARKUP = `
    <p id="c-status" class="status" role="status">Loading the WebAssembly module…</p>
    <p class="explain curve-intro">An elliptic curve is the set of points (x, y) with y² = x³ + ax + b, and a rule for adding two of them. ECDH multiplies a point G by a secret number. Here you see both: first over the real numbers, where the rule is a picture, then over a small prime field, where it is the arithmetic P-256 does on numbers of 77 digits. The small curves here are toys: the last parts show how fast they break, and why P-256 does not.</p>

    <section class="step curve-part" aria-labelledby="c-real-title">
      <h2 id="c-real-title"><span class="num">1</span> Over the reals: chord and tangent</h2>
      <p class="explain">To add P and Q, draw the line through them. It meets the curve in exactly one more point; reflect that point in the x-axis and you have P + Q. To add P to itself, use the tangent at P. Drag P and Q, or focus one (Tab) and move it along the curve with the arrow keys (Page Up and Page Down move faster).</p>
      <div class="controls curve-sliders">
        <div class="slider">
          <label for="c-a">a</label>
          <input type="range" id="c-a-range" min="-5" max="5" step="0.1" aria-label="a (slider)">
          <input type="text" id="c-a" inputmode="decimal" class="short" autocomplete="off" spellcheck="false">
        </div>
        <div class="slider">
          <label for="c-b">b</label>
          <input type="range" id="c-b-range" min="-5" max="5" step="0.1" aria-label="b (slider)">
          <input type="text" id="c-b" inputmode="decimal" class="short" autocomplete="off" spellcheck="false">
        </div>
      </div>
      <p id="c-ab-error" class="error" role="alert" hidden></p>
      <p id="c-real-equation" class="equation"></p>
      <div class="curve-figure">
        <svg id="c-real-plot" class="real-plot" role="group" aria-labelledby="c-real-title" aria-describedby="c-real-sum"></svg>
        <div class="curve-readout">
          <div class="actions">
            <button type="button" id="c-q-equals-p">Q = P (the tangent)</button>
            <button type="button" id="c-q-minus-p">Q = −P (a vertical line)</button>
          </div>
          <p id="c-real-sum" class="sum" aria-live="polite"></p>
          <p id="c-real-singular" class="alert singular" hidden></p>
          <dl id="c-real-formulas" class="values formulas"></dl>
        </div>
      </div>
    </section>

    <section class="step curve-part" aria-labelledby="c-field-title">
      <h2 id="c-field-title"><span class="num">2</span> <span>Over F<sub>p</sub>: a toy curve</span></h2>
      <p class="explain">Cryptography uses the same equation and the same formulas with whole numbers modulo a prime p: every division becomes a multiplication by an inverse mod p. The curve is no longer a line but a scatter of points, symmetric about y = p/2 (since −y is p − y). Click a point to make it the base point G, or type its coordinates.</p>
      <div id="c-field-form" class="controls" role="group" aria-label="The toy curve">
        <div>
          <label for="c-preset">Curve</label>
          <select id="c-preset"></select>
        </div>
        <div>
          <label for="c-p">p (a prime up to 1,000,003)</label>
          <input type="text" id="c-p" inputmode="numeric" class="short" autocomplete="off" spellcheck="false">
        </div>
        <div>
          <label for="c-fa">a</label>
          <input type="text" id="c-fa" inputmode="numeric" class="short" autocomplete="off" spellcheck="false">
        </div>
        <div>
          <label for="c-fb">b</label>
          <input type="text" id="c-fb" inputmode="numeric" class="short" autocomplete="off" spellcheck="false">
        </div>
        <button type="button" id="c-field-draw">Draw this curve</button>
      </div>
      <p id="c-field-error" class="error" role="alert" hidden></p>
      <div id="c-scan" class="job" hidden>
        <progress id="c-scan-progress" max="1" value="0" aria-label="Points listed"></progress>
        <button type="button" id="c-scan-cancel">Cancel</button>
        <p id="c-scan-text" class="job-text" role="status"></p>
      </div>
      <p id="c-field-summary"></p>
      <div class="curve-figure">
        <div id="c-field-plot"></div>
        <div class="curve-readout">
          <div id="c-g-form" class="controls" role="group" aria-label="Base point G">
            <span class="label">Base point G</span>
            <div>
              <label for="c-gx">x</label>
              <input type="text" id="c-gx" inputmode="numeric" class="short" autocomplete="off" spellcheck="false">
            </div>
            <div>
              <label for="c-gy">y</label>
              <input type="text" id="c-gy" inputmode="numeric" class="short" autocomplete="off" spellcheck="false">
            </div>
            <button type="button" id="c-g-use">Use this G</button>
            <button type="button" id="c-g-next">Next point</button>
          </div>
          <p id="c-g-error" class="error" role="alert" hidden></p>
          <p id="c-g-summary"></p>
        </div>
      </div>
    </section>

    <section class="step curve-part" id="c-ladder" aria-labelledby="c-ladder-title" hidden>
      <h2 id="c-ladder-title"><span class="num">3</span> k·G by double-and-add</h2>
      <p class="explain">A public key is k·G: G added to itself k times. Nobody adds k times: read k's bits from the left, start with R = G for the leading 1, then for each further bit double R, and add G if the bit is 1. About log₂ k steps instead of k.</p>
      <div id="c-k-form" class="controls" role="group" aria-label="k">
        <div>
          <label for="c-k">k</label>
          <input type="text" id="c-k" inputmode="numeric" class="short" value="13" autocomplete="off" spellcheck="false">
        </div>
        <button type="button" id="c-k-go">Compute k·G</button>
      </div>
      <p id="c-k-error" class="error" role="alert" hidden></p>
      <p id="c-bits" class="mono"></p>
      <div class="stepper" role="group" aria-label="Double-and-add steps">
        <button type="button" id="c-back">Back</button>
        <button type="button" id="c-step">Step</button>
        <button type="button" id="c-run">Run</button>
        <span id="c-step-counter" class="step-counter" aria-live="polite"></span>
      </div>
      <div class="curve-figure">
        <div id="c-ladder-plot"></div>
        <div class="curve-readout">
          <ol id="c-steps" class="ladder-steps"></ol>
          <p id="c-check"></p>
        </div>
      </div>
    </section>

    <section class="step curve-part" aria-labelledby="c-ecdh-title">
      <h2 id="c-ecdh-title"><span class="num">4</span> Toy ECDH, and Eve</h2>
      <p class="explain">Alice picks a secret a and sends A = aG; Bob picks b and sends B = bG. Alice computes a·B and Bob b·A: both are abG. Eve sees G, A and B. On a toy curve she simply tries every k until k·G = A.</p>
      <div id="c-ecdh-form" class="controls" role="group" aria-label="The secrets">
        <div>
          <label for="c-alice">Alice's secret a</label>
          <input type="text" id="c-alice" inputmode="numeric" class="short" value="7" autocomplete="off" spellcheck="false">
        </div>
        <div>
          <label for="c-bob">Bob's secret b</label>
          <input type="text" id="c-bob" inputmode="numeric" class="short" value="11" autocomplete="off" spellcheck="false">
        </div>
        <button type="button" id="c-ecdh-go">Exchange</button>
        <button type="button" id="c-ecdh-random">Random a and b</button>
      </div>
      <p id="c-ecdh-error" class="error" role="alert" hidden></p>
      <div class="curve-figure">
        <div id="c-ecdh-plot"></div>
        <div class="curve-readout">
          <ul class="plain">
            <li id="c-A"></li>
            <li id="c-B"></li>
            <li id="c-alice-s"></li>
            <li id="c-bob-s"></li>
          </ul>
          <p id="c-ecdh-verdict" class="verdict"></p>
          <h3>Eve brute-forces a</h3>
          <div class="job">
            <button type="button" id="c-eve-start">Eve: find a from A</button>
            <button type="button" id="c-eve-cancel" disabled>Cancel</button>
            <label class="switch"><input type="checkbox" id="c-eve-slow"> Slow motion (5 tries at a time)</label>
            <progress id="c-eve-progress" max="1" value="0" aria-label="Eve's progress" hidden></progress>
            <p id="c-eve-status" class="job-text" role="status"></p>
          </div>
          <p id="c-eve-result"></p>
          <p id="c-eve-p256"></p>
          <p><a id="c-playground-link" href="./?curve=P-256">Do the same exchange on P-256 in the playground</a>, where the numbers have 77 digits.</p>
        </div>
      </div>
    </section>

    <section class="step curve-part" aria-labelledby="c-small-title">
      <h2 id="c-small-title"><span class="num">5</span> Why prime order, and why check points</h2>
      <p class="explain">If the number of points N has small factors, some points T have small order: T, 2T, …, nT = O for a small n. Suppose Mallory sends such a T as her public key. Bob computes b·T with his secret b; whatever b is, the result is one of n points, and trying them reveals b mod n. With points of several small orders and the Chinese remainder theorem, Mallory learns b. So real curves use a group of prime order (P-256: cofactor 1), and real implementations check every point they receive: on the curve, not O, not of small order (X25519 instead clears the cofactor of 8 from every secret).</p>
      <p id="c-small-curve"></p>
      <div id="c-small-switch" hidden>
        <button type="button" id="c-small-use">Use y² = x³ + 2x + 3 over F_97 (100 = 2² × 5² points)</button>
      </div>
      <div id="c-small-attack" hidden>
        <div id="c-small-form" class="controls" role="group" aria-label="The attack">
          <div>
            <label for="c-small-point">Mallory's point T</label>
            <select id="c-small-point"></select>
          </div>
          <div>
            <label for="c-small-secret">Bob's secret b</label>
            <input type="text" id="c-small-secret" inputmode="numeric" class="short" value="1234567" autocomplete="off" spellcheck="false">
          </div>
          <button type="button" id="c-small-go">Bob computes b·T; Eve searches</button>
        </div>
        <p id="c-small-error" class="error" role="alert" hidden></p>
        <div class="curve-figure">
          <div id="c-small-plot"></div>
          <div class="curve-readout">
            <p id="c-small-result"></p>
          </div>
        </div>
      </div>
    </section>
    <div id="announcer" class="visually-hidden" aria-live="polite"></div>
`;
