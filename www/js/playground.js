// The playground: Alice and Bob on one page (both.js), or one party per tab (party.js).
// `mountPlayground` builds it inside any container (the page's <main>, an embed, a
// custom element's shadow root), so every lookup goes through `scope`.
import { readyFor, isNeedsReader, ReaderLoading } from './load.js';
import { el, copyFrom, show, scope, fieldError } from './dom.js';
import { MARKUP } from './views/playground-markup.js';
import { fragmentOf, peerQuery, pageQuery, MAX_SEED, refusedSeedText } from './lesson.js';
import { NAMES } from './exchange.js';
import { isHybrid } from './hybrid.js';
import { startBoth } from './both.js';
import { startParty } from './party.js';
import { nonceBook, tabStorage, inMemoryOnly, MEMORY_ONLY_NOTE } from './nonce-book.js';

/**
 * The wasm build the playground loads for `settings`: `build` ("first" by default), or
 * where the lesson starts on the hybrid, the build with ML-KEM (a superset of core and of
 * first) instead of both.
 */
export function playgroundBuild(settings, build = 'first') {
  return (build === 'first' || build === 'core') && isHybrid(settings.curve) ? 'hybrid' : build;
}

/**
 * Builds the playground in `container` and starts it.
 * `settings`: { mode: 'both' | 'alice' | 'bob', curve, view, seed, round, salt, info, mallory,
 * hide: [...], embedded, onChange(publicState), onQuiz({ total, right, shown }) } (see
 * lesson.js and quiz.js); `build` is the wasm build to load: "first" (the smallest; core
 * is loaded when a paste or a part needs it) or any superset of it.
 * Resolves once the module is loaded and the first keys exist.
 */
export async function mountPlayground(container, settings, build = 'first') {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const { byId, announce } = scope(container);
  const status = byId('status');
  const chosen = playgroundBuild(settings, build);
  const api = await readyFor(status, chosen);
  // The TLS page's settings are not this page's lesson.
  const lesson = { ...settings, tls: null };
  // The intro's links to the two party tabs carry the lesson (seed, curve, salt...), so
  // that the two tabs share it.
  const partyLinks = () => {
    for (const party of ['alice', 'bob']) {
      byId(`intro-${party}`).href = `${peerQuery(window.location.search, party)}${fragmentOf({ ...lesson, view: 'all' })}`;
    }
  };
  const publish = () => {
    partyLinks();
    settings.onChange?.({
      curve: lesson.curve, view: lesson.view, seed: lesson.seed, round: lesson.round,
      salt: lesson.salt, info: lesson.info, mallory: lesson.mallory, hide: lesson.hide,
      theme: lesson.theme,
    });
  };
  partyLinks();
  // This tab's storage, or memory where the page may not store anything (a sandboxed
  // frame): then one line says so, since a reload forgets the tab's keys.
  const storage = tabStorage();
  const memoryOnly = inMemoryOnly(storage);
  show(byId('storage-note'), memoryOnly);
  if (memoryOnly) byId('storage-note').textContent = MEMORY_ONLY_NOTE;
  // Seeded nonces count messages per key in this tab, across curves, key pairs and reloads.
  const nonces = nonceBook(storage, lesson.seed ?? '');
  // The builds other than first and core have ML-KEM; with those the hybrid's build
  // (core and ML-KEM) is loaded the first time the hybrid is chosen. Every build but
  // first reads every paste; with first, core (or the hybrid's build, a superset) is
  // loaded when a paste, the DER view or the code export needs it.
  const small = chosen === 'first' || chosen === 'core';
  const ctx = {
    api, byId, announce, lesson, publish, nonces, storage, memoryOnly,
    kem: small ? null : api,
    reader: chosen === 'first' ? null : api,
  };
  ctx.loadKem = async () => {
    ctx.kem ??= await readyFor(status, 'hybrid');
    ctx.reader ??= ctx.kem;
    return ctx.kem;
  };
  ctx.loadReader = async () => {
    ctx.reader ??= ctx.kem ?? await readyFor(status, 'core');
    return ctx.reader;
  };
  /** Null when the reader is loaded, else the promise of loading it (for mountTools). */
  ctx.readerPending = () => (ctx.reader ? null : ctx.loadReader());
  ctx.inspect = (text) => inspectWith(ctx, text);
  if (isHybrid(lesson.curve)) await ctx.loadKem();
  setupSeed(ctx);
  if (lesson.mode === 'both') startBoth(ctx);
  else await startParty(ctx, lesson.mode);
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  // Said to screen readers; on screen only while loading, or when loading fails.
  status.classList.add('visually-hidden');
  return ctx;
}

/* ---------- Shared pieces ---------- */

/** inspectPublicKey with the page's module, or with core for a paste the first module leaves to it. */
function inspectWith(ctx, text) {
  try {
    return ctx.api.inspectPublicKey(text);
  } catch (e) {
    if (!isNeedsReader(e)) throw e;
    if (ctx.reader) return ctx.reader.inspectPublicKey(text);
    throw new ReaderLoading(ctx.loadReader());
  }
}

/** The seed field, banner and share button. */
function setupSeed({ byId, announce, lesson, publish }) {
  const banner = byId('seed-banner');
  // Inside someone's course page the lesson is the teacher's: no seed field, no link.
  if (lesson.embedded) {
    byId('seed').parentElement.hidden = true;
    byId('share').hidden = true;
  }
  // Handouts print the page's lesson (both parties); an embed is printed with its host page.
  byId('print-buttons').hidden = Boolean(lesson.embedded) || lesson.mode !== 'both';
  const field = byId('seed');
  field.value = lesson.seed ?? '';
  show(banner, Boolean(lesson.seed) || lesson.seedRefused);
  banner.textContent = lesson.seed
    ? `Seeded lesson “${lesson.seed}”: every key on this page comes from the seed, and so does every nonce (from the seed, the key and a count of the messages sealed with it), so everyone with the same seed sees the same values. These keys are for teaching: they are not secret.`
    : refusedSeedText(lesson);
  // In a party tab the link to share is the other party's tab.
  const peer = { alice: 'bob', bob: 'alice' }[lesson.mode] ?? null;
  if (peer) byId('share').textContent = `Copy link for ${NAMES[peer]}'s tab`;
  byId('use-seed').addEventListener('click', () => {
    const seed = field.value.trim();
    // A link with a longer seed is read as unseeded (lesson.js): refuse it here, keeping the text.
    const tooLong = seed.length > MAX_SEED
      ? `A seed is at most ${MAX_SEED} characters; this one has ${seed.length.toLocaleString('en')}: shorten it.`
      : '';
    fieldError(field, byId('seed-error'), tooLong);
    if (tooLong) {
      field.focus();
      return;
    }
    lesson.seed = seed === '' ? null : seed;
    lesson.round = 0;
    publish();
    // The whole page derives from the seed: start it again with the new one (a seed
    // the query held is the fragment's now, so that clearing it does clear it).
    const { pathname, search } = window.location;
    if (pageQuery(search) !== search) {
      window.location.assign(`${pathname}${pageQuery(search)}${fragmentOf(lesson)}`);
      return;
    }
    window.location.hash = fragmentOf(lesson).slice(1) || '';
    window.location.reload();
  });
  byId('share').addEventListener('click', () => {
    const url = new URL(window.location.href);
    url.search = peer ? peerQuery(url.search, peer) : pageQuery(url.search);
    url.hash = fragmentOf(lesson);
    const link = url.href;
    const holder = el('textarea', { attrs: { readonly: '', 'aria-label': peer ? `Link for ${NAMES[peer]}'s tab` : 'Link to this lesson' } });
    holder.value = link;
    holder.className = 'share-link';
    const button = byId('share');
    button.after(holder);
    copyFrom(holder, button).then(() => setTimeout(() => holder.remove(), 2500));
    announce(`Link${peer ? ` for ${NAMES[peer]}'s tab` : ''} copied: it holds the lesson (curve, seed, key round, salt, info, Mallory, hidden values), never a private key`);
  });
}
