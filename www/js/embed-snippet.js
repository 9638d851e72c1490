// "Embed this in your course": copyable snippets for an <iframe> (with the few lines
// that size it) and for the <ecdh-playground> custom element, for the current lesson.
import { el, copyFrom } from './dom.js';
import { lessonParams } from './lesson.js';
import { COLUMN_WIDTH, measureView, snippetHeight } from './measure-view.js';

const PARTS = [
  ['all', 'The whole playground'],
  ['exchange', 'Key exchange (steps 1–2)'],
  ['hkdf', 'HKDF (steps 2–3)'],
  ['messages', 'AES-GCM messages (step 4)'],
  ['tls12', 'TLS 1.2 handshake'],
  ['tls13', 'TLS 1.3 handshake'],
  ['resume', 'TLS session resumption'],
  ['curve', 'Curve lab'],
  // The attack lab's sections, offered on its own page (attacks-lab.js).
  ['attack-invalid-curve', 'Attack lab: invalid-curve attack on P-256'],
  ['attack-low-order', 'Attack lab: X25519 low-order points'],
  ['attack-nonce-reuse-ecdsa', 'Attack lab: ECDSA nonce reuse'],
  ['attack-nonce-reuse-gcm', 'Attack lab: AES-GCM nonce reuse'],
];

/** Whether a view is a section of the attack lab (its colours are its only setting). */
const isAttack = (view) => view.startsWith('attack-');

const THEMES = [
  ['auto', 'As the reader\'s system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

const SIZER = `<script>
  // Sizes ECDH Playground iframes to their content.
  addEventListener('message', (e) => {
    if (e.data?.type !== 'ecdh-playground:height') return;
    for (const f of document.querySelectorAll('iframe'))
      if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';
  });
</script>`;

/** An attribute value, escaped for HTML. */
const attr = (value) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The iframe's height until the view has been measured (measure-view.js). */
export const DEFAULT_HEIGHT = 600;

/**
 * The snippets for the part `lesson.view` of the current lesson, served from `base`.
 * `lesson`: the playground's public state (curve, seed, round, salt, info, hide,
 * Mallory) or the TLS page's (seed, step, tls); the iframe's address and the element's
 * attributes carry all of it (the names of lesson.js), so either reopens the lesson.
 * `height`: the iframe's height attribute, for hosts that strip the sizing script.
 * Returns { iframe, element, src }.
 */
export function embedSnippets(base, lesson, { height = DEFAULT_HEIGHT } = {}) {
  const { view } = lesson;
  // A playground page offering the TLS part passes on its seed only, and the TLS page
  // has no playground settings.
  // The curve lab has no lesson settings of the playground's: its colours only.
  const state = view === 'tls12'
    ? { seed: lesson.seed, round: 0, tls: lesson.tls ?? null, step: lesson.step ?? null, theme: lesson.theme }
    : view === 'tls13'
      ? { seed: lesson.seed, round: 0, tls13: lesson.tls13 ?? null, step: lesson.step ?? null, theme: lesson.theme }
      : view === 'curve' || isAttack(view)
        ? { theme: lesson.theme, tls: null, step: null }
        : { ...lesson, tls: null, tls13: null, step: null };
  // The part, then the seed: the two a teacher reads first.
  const query = new URLSearchParams({ view });
  if (view === 'resume' && lesson.resumeFragment !== undefined) {
    // The resumption page hands over its link's fragment (resume-state.js), the seed
    // among its settings.
    for (const [name, value] of new URLSearchParams(lesson.resumeFragment.replace(/^#/, ''))) query.set(name, value);
  } else if (view === 'resume') {
    // Offered elsewhere: the seed and the colours; the part's own settings at their defaults.
    if (lesson.seed) query.set('seed', lesson.seed);
    if (lesson.theme && lesson.theme !== 'auto') query.set('theme', lesson.theme);
  } else {
    if (state.seed) query.set('seed', state.seed);
    for (const [name, value] of lessonParams({ ...state, view: null })) query.set(name, value);
  }
  // Each part its own title, so that a page with several says which is which; copy
  // buttons inside need the host's leave to write to the clipboard.
  const title = `ECDH Playground: ${PARTS.find(([part]) => part === view)?.[1] ?? view}`;
  const src = new URL(`embed.html?${query}`, base).href;
  const iframe = `<iframe src="${src}"\n        title="${attr(title)}" allow="clipboard-write" width="100%" height="${height}" style="border:0"></iframe>\n${SIZER}`;
  const attrs = [...query].map(([name, value]) => `${name}="${attr(value)}"`);
  // The element's curve is said even when it is the default, as it always was.
  if (!['tls12', 'tls13', 'resume', 'curve'].includes(view) && !isAttack(view) && !query.has('curve')) attrs.push(`curve="${lesson.curve ?? 'X25519'}"`);
  const element = `<script type="module" src="${new URL('ecdh-playground.js', base).href}"></script>\n<ecdh-playground ${attrs.join(' ')}></ecdh-playground>`;
  return { iframe, element, src };
}

/**
 * Fills `container` with the embed helper. `lesson()` returns the current lesson's
 * public state (see embedSnippets); `fixedView` pins the part (the TLS page) or, as a
 * list, offers only those parts (the attack lab's sections); else the reader picks one
 * of the playground's and the labs' (every part but the attack lab's sections).
 * Returns { refresh() }.
 */
export function mountEmbedHelp(container, lesson, fixedView = null) {
  const details = el('details', { cls: 'embed-help' });
  details.append(el('summary', { text: 'Embed this in your course' }));
  const offered = (value) => {
    if (Array.isArray(fixedView)) return fixedView.includes(value);
    if (fixedView) return value === fixedView;
    return !isAttack(value);
  };
  const select = el('select', { attrs: { id: 'embed-part' } });
  for (const [value, label] of PARTS) {
    if (!offered(value)) continue;
    select.append(el('option', { text: label, attrs: { value } }));
  }
  const theme = el('select', { attrs: { id: 'embed-theme' } });
  for (const [value, label] of THEMES) theme.append(el('option', { text: label, attrs: { value } }));
  theme.value = lesson().theme ?? 'auto';
  const iframe = el('pre', { cls: 'code', attrs: { tabindex: '0', 'aria-label': 'iframe snippet' } });
  const element = el('pre', { cls: 'code', attrs: { tabindex: '0', 'aria-label': 'custom element snippet' } });
  const copyIframe = el('button', { text: 'Copy iframe snippet', attrs: { type: 'button' } });
  const copyElement = el('button', { text: 'Copy custom element snippet', attrs: { type: 'button' } });
  copyIframe.addEventListener('click', () => copyFrom(iframe, copyIframe));
  copyElement.addEventListener('click', () => copyFrom(element, copyElement));
  // The iframe's height: each view measured as a course column shows it (once per
  // address), so that the snippet still fits where the sizing script is stripped.
  const heights = new Map();
  const sizeNote = el('p', { cls: 'note', attrs: { id: 'embed-height', 'aria-live': 'polite' } });
  let measuring = null;
  const render = () => {
    const state = { ...lesson(), view: select.value, theme: theme.value };
    const base = new URL('./', window.location.href);
    const { src } = embedSnippets(base, state);
    const measured = heights.get(src);
    const s = embedSnippets(base, state, measured ? { height: snippetHeight(measured) } : {});
    iframe.textContent = s.iframe;
    element.textContent = s.element;
    if (measured) {
      sizeNote.textContent = `The iframe's height (${snippetHeight(measured)} px) is this view's as it opens in a column ${COLUMN_WIDTH} px wide, measured in your browser, with 5% to spare: where the course page strips the sizing script it still shows the whole view. A narrower column needs more, and the view grows as it is used (messages sent, steps taken), which only the script follows.`;
      sizeNote.dataset.state = 'measured';
      return;
    }
    if (measuring === src) return;
    measuring = src;
    sizeNote.textContent = `Measuring this view at ${COLUMN_WIDTH} px for the iframe's height…`;
    sizeNote.dataset.state = 'measuring';
    measureView(details, src).then((height) => {
      heights.set(src, height);
    }, () => {
      sizeNote.textContent = `This view could not be measured here, so the iframe's height stays at ${DEFAULT_HEIGHT} px: raise it if the course page strips the sizing script.`;
      sizeNote.dataset.state = 'failed';
    }).finally(() => {
      if (measuring === src) measuring = null;
      if (heights.has(src) && details.open) render();
    });
  };
  select.addEventListener('change', render);
  theme.addEventListener('change', render);
  details.addEventListener('toggle', () => details.open && render());
  details.append(
    el('label', { text: 'Part to embed', attrs: { for: 'embed-part' } }), select,
    el('label', { text: 'Colours', attrs: { for: 'embed-theme' } }), theme,
    el('h3', { text: 'As an iframe (works on any course platform that allows iframes)' }), iframe, copyIframe, sizeNote,
    el('h3', { text: 'As a custom element (on pages where you can add a script)' }), element, copyElement,
    el('p', { cls: 'note', text: 'For a platform that accepts only one HTML file, or none of these: the single file (Download the single file, below) works opened from disk and uploaded as it is.' }),
  );
  container.replaceChildren(details);
  return {
    /** Call when the lesson changes, so open snippets show it. */
    refresh() {
      if (details.open) render();
    },
  };
}
