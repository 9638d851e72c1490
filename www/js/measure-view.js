// How tall an embed view really is: the iframe snippet's height attribute, so that a
// course page that strips the sizing script still shows the whole view without a
// scrollbar inside. The view is loaded, unseen, in an iframe as wide as a course column,
// and its own height report (embed.js) is read once it is ready and has settled.
import { MEMORY_ONLY_NOTE } from './nonce-book.js';

/** The width, in CSS pixels, of the course column the snippet's height is measured for. */
export const COLUMN_WIDTH = 700;

/** Quiet time after the last change of height before the height counts as settled. */
const SETTLE_MS = 400;

/**
 * Loads `src` (an embed.html address) in an offscreen iframe `width` px wide inside
 * `host`; resolves to the height its document reports once ready and settled, rejects
 * after `timeoutMs`. The iframe is removed either way.
 */
export function measureView(host, src, { width = COLUMN_WIDTH, timeoutMs = 20_000 } = {}) {
  const frame = document.createElement('iframe');
  frame.className = 'measure-frame';
  frame.width = String(width);
  frame.height = '200';
  frame.title = 'Measuring the embedded view';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.inert = true;
  return new Promise((resolve, reject) => {
    let height = 0;
    let settle = null;
    const done = (finish) => {
      clearTimeout(timer);
      clearTimeout(settle);
      removeEventListener('message', onMessage);
      frame.remove();
      finish();
    };
    const onMessage = (event) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'ecdh-playground:height') return;
      if (!event.data.ready) return;
      showStorageNote(frame);
      height = event.data.height;
      clearTimeout(settle);
      settle = setTimeout(() => done(() => resolve(height)), SETTLE_MS);
    };
    const timer = setTimeout(() => done(() => reject(new Error('the view did not report its height in time'))), timeoutMs);
    addEventListener('message', onMessage);
    frame.src = src;
    host.append(frame);
  });
}

/**
 * A course page's frame may be refused the browser's storage (third-party storage
 * blocked, a sandbox): the playground then shows a line saying so, which this frame, on
 * the site's own origin, does not. It is shown here, so that the height counts it; the
 * frame reports its new height, and the measure settles on that.
 */
function showStorageNote(frame) {
  try {
    const note = frame.contentDocument?.getElementById('storage-note');
    if (note?.hidden) {
      note.textContent = MEMORY_ONLY_NOTE;
      note.hidden = false;
    }
  } catch {
    // A frame of another origin is measured as it is.
  }
}

/** The height to write into the snippet: the measured one, with room for other fonts. */
export function snippetHeight(measured) {
  return Math.ceil((measured * 1.05) / 10) * 10;
}
