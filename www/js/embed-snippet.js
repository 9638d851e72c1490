// "Embed this in your course": copyable snippets for an <iframe> (with the few lines
// that size it) and for the <ecdh-playground> custom element, for the current lesson.
import { el, copyFrom } from './dom.js';
import { lessonParams } from './lesson.js';

const PARTS = [
  ['all', 'The whole playground'],
  ['exchange', 'Key exchange (steps 1–2)'],
  ['hkdf', 'HKDF (steps 2–3)'],
  ['messages', 'AES-GCM messages (step 4)'],
  ['tls12', 'TLS 1.2 handshake'],
  ['curve', 'Curve lab'],
];

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

/**
 * The snippets for the part `lesson.view` of the current lesson, served from `base`.
 * `lesson`: the playground's public state (curve, seed, round, salt, info, hide,
 * Mallory) or the TLS page's (seed, step, tls); the iframe's address and the element's
 * attributes carry all of it (the names of lesson.js), so either reopens the lesson.
 */
export function embedSnippets(base, lesson) {
  const { view } = lesson;
  // A playground page offering the TLS part passes on its seed only, and the TLS page
  // has no playground settings.
  // The curve lab has no lesson settings of the playground's: its colours only.
  const state = view === 'tls12'
    ? { seed: lesson.seed, round: 0, tls: lesson.tls ?? null, step: lesson.step ?? null, theme: lesson.theme }
    : view === 'curve'
      ? { theme: lesson.theme, tls: null, step: null }
      : { ...lesson, tls: null, step: null };
  // The part, then the seed: the two a teacher reads first.
  const query = new URLSearchParams({ view });
  if (state.seed) query.set('seed', state.seed);
  for (const [name, value] of lessonParams({ ...state, view: null })) query.set(name, value);
  // Each part its own title, so that a page with several says which is which; copy
  // buttons inside need the host's leave to write to the clipboard.
  const title = `ECDH Playground: ${PARTS.find(([part]) => part === view)?.[1] ?? view}`;
  const iframe = `<iframe src="${new URL(`embed.html?${query}`, base).href}"\n        title="${attr(title)}" allow="clipboard-write" width="100%" height="600" style="border:0"></iframe>\n${SIZER}`;
  const attrs = [...query].map(([name, value]) => `${name}="${attr(value)}"`);
  // The element's curve is said even when it is the default, as it always was.
  if (view !== 'tls12' && view !== 'curve' && !query.has('curve')) attrs.push(`curve="${lesson.curve ?? 'X25519'}"`);
  const element = `<script type="module" src="${new URL('ecdh-playground.js', base).href}"></script>\n<ecdh-playground ${attrs.join(' ')}></ecdh-playground>`;
  return { iframe, element };
}

/**
 * Fills `container` with the embed helper. `lesson()` returns the current lesson's
 * public state (see embedSnippets); `fixedView` pins the part (the TLS page), else the
 * reader picks one.
 * Returns { refresh() }.
 */
export function mountEmbedHelp(container, lesson, fixedView = null) {
  const details = el('details', { cls: 'embed-help' });
  details.append(el('summary', { text: 'Embed this in your course' }));
  const select = el('select', { attrs: { id: 'embed-part' } });
  for (const [value, label] of PARTS) {
    if (fixedView && value !== fixedView) continue;
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
  const render = () => {
    const s = embedSnippets(new URL('./', window.location.href), { ...lesson(), view: select.value, theme: theme.value });
    iframe.textContent = s.iframe;
    element.textContent = s.element;
  };
  select.addEventListener('change', render);
  theme.addEventListener('change', render);
  details.addEventListener('toggle', () => details.open && render());
  details.append(
    el('label', { text: 'Part to embed', attrs: { for: 'embed-part' } }), select,
    el('label', { text: 'Colours', attrs: { for: 'embed-theme' } }), theme,
    el('h3', { text: 'As an iframe (works on any course platform that allows iframes)' }), iframe, copyIframe,
    el('h3', { text: 'As a custom element (on pages where you can add a script)' }), element, copyElement,
    el('p', { cls: 'note', text: 'For a platform that accepts only one HTML file, download the single-file build (make dist → dist/ecdh-playground.html): it works opened from disk.' }),
  );
  container.replaceChildren(details);
  return {
    /** Call when the lesson changes, so open snippets show it. */
    refresh() {
      if (details.open) render();
    },
  };
}
