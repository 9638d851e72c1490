// The two tools under each step: "check with your browser's WebCrypto" and "the same
// computation in Python, WebCrypto and openssl". DOM only; the computations are in
// crosscheck.js and snippets.js.
import { el, copyFrom } from './dom.js';

/** What the code blocks say while `prepare()` is pending. */
export const LOADING = 'Loading the part of the module that reads private keys…';

const LANGUAGES = [
  ['python', 'Python (cryptography)'],
  ['webcrypto', 'JavaScript (WebCrypto)'],
  ['openssl', 'openssl command line'],
];

/**
 * Fills `container` with the tools of one step.
 * - `check()` resolves to crosscheck.js's { status, detail } for the current values (and
 *   an optional `note`: what the check covered, said after its verdict), or is null: no
 *   WebCrypto check, the code export only;
 * - `snippets()` returns snippets.js's { python, webcrypto, openssl, opensslReason }
 *   (or is null: no code export for this step);
 * - `prepare()` (optional) returns null when `snippets()` can run now, or a promise that
 *   resolves once it can (the playground loads the module that reads private keys; the
 *   code says "Loading…" meanwhile);
 * - `hidden()` (optional) says what a lesson still hides from this step:
 *   { code: a sentence to show instead of the code, or null; values: true to say a
 *   disagreement without its values };
 * - `announce(text)` speaks a result.
 * Returns { reset() }, to call whenever the step's values, or what is hidden, change.
 */
export function mountTools(container, { check, snippets, prepare = null, hidden = () => ({ code: null, values: false }), announce }) {
  const button = el('button', { text: "Check with my browser's WebCrypto", attrs: { type: 'button' } });
  const result = el('p', { cls: 'crosscheck', attrs: { 'aria-live': 'polite' } });
  const details = el('details', { cls: 'snippets' });
  const summary = el('summary', { text: 'The same computation in Python, WebCrypto and openssl' });
  details.append(summary);
  const blocks = LANGUAGES.map(([key, title]) => {
    const pre = el('pre', { cls: 'code', attrs: { tabindex: '0', 'aria-label': title } });
    const copy = el('button', { text: `Copy ${title.split(' ')[0]}`, attrs: { type: 'button' } });
    copy.addEventListener('click', () => copyFrom(pre, copy));
    // A label, not a heading: the tools sit under an h2 on some pages and an h3 on others,
    // and the code itself is named (its aria-label) for a screen reader.
    const heading = el('p', { cls: 'snippet-heading', text: title });
    const block = el('div', { cls: 'snippet', children: [heading, pre, copy] });
    block.dataset.language = key;
    details.append(block);
    return { key, pre, copy };
  });

  const render = async () => {
    const held = hidden().code;
    if (held) {
      for (const b of blocks) {
        b.pre.textContent = held;
        b.copy.hidden = true;
      }
      return;
    }
    let code;
    try {
      // The playground's first module reads no private keys: the code export loads core.
      const pending = prepare?.() ?? null;
      if (pending) {
        for (const b of blocks) {
          b.pre.textContent = LOADING;
          b.copy.hidden = true;
        }
        await pending;
      }
      code = snippets();
    } catch (e) {
      for (const b of blocks) b.pre.textContent = `(not available yet: ${e.message})`;
      return;
    }
    for (const b of blocks) {
      const text = code[b.key];
      b.pre.textContent = text ?? `# ${code.opensslReason}`;
      b.copy.hidden = text === null;
    }
  };
  // Filled as the reader opens it (the click on the summary comes before the details
  // open, so the code is there at once), and on any other opening.
  summary.addEventListener('click', () => {
    if (!details.open) render();
  });
  details.addEventListener('toggle', () => {
    if (details.open) render();
  });

  button.addEventListener('click', async () => {
    result.className = 'crosscheck';
    result.textContent = 'Checking…';
    try {
      const r = await check();
      const text = {
        match: "✓ Matches your browser's WebCrypto.",
        mismatch: hidden().values
          ? "✗ Differs from your browser's WebCrypto (the values are hidden by the lesson until you answer)."
          : `✗ Differs from your browser's WebCrypto: ${r.detail}`,
        unsupported: `Your browser's WebCrypto cannot check this: ${r.detail}`,
      }[r.status] + (r.note ? ` ${r.note}` : '');
      result.textContent = text;
      result.classList.add(r.status === 'match' ? 'ok' : r.status === 'mismatch' ? 'bad' : 'info');
      announce(text);
    } catch (e) {
      result.textContent = `Could not check: ${e.message}`;
      result.classList.add('bad');
    }
  });

  container.replaceChildren(...(check ? [button, result] : []), ...(snippets ? [details] : []));
  return {
    reset() {
      result.textContent = '';
      if (details.open) render();
    },
  };
}

