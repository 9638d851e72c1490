// A lesson's public state and its place in the URL. Pure: no DOM.
//
// The state that can be shared lives in the URL fragment (#curve=P-256&seed=lesson-3...),
// so a link reopens the same lesson; `?seed=` and the other names are also read from the
// query string, for links written by hand and for the embed's address. Private keys are
// never part of it.
import { readTlsLesson, writeTlsLesson } from './tls12-lesson.js';
import { readTls13Lesson, writeTls13Lesson } from './tls13-steps.js';
import { ATTACK_VIEWS } from './attacks-lab.js';

// The curves, and the hybrid X25519MLKEM768 (hybrid.js), which the same select offers.
const CURVES = ['X25519', 'P-256', 'X25519MLKEM768'];
/** The info a lesson starts with: HKDF's context string for the chat (v2: one key per direction). */
export const DEFAULT_INFO = 'ecdh-playground chat v2';
/** The longest seed a link carries: a longer one is read as no seed. */
export const MAX_SEED = 200;

/** What a page says of a link's seed it ignored (too long), or '' when there is none. */
export function refusedSeedText(settings) {
  return settings.seedRefused
    ? `This link's seed is longer than ${MAX_SEED} characters, the most a lesson seed may have: it was ignored, so the keys on this page are random, not the lesson's.`
    : '';
}
const VIEWS = ['all', 'exchange', 'hkdf', 'messages', 'tls12', 'tls13', 'resume', 'curve', ...ATTACK_VIEWS];
/** The page's colours: the system's (auto), or fixed to match a course page. */
const THEMES = ['auto', 'light', 'dark'];
/** Values a teacher can hide, for students to compute and check. */
export const HIDEABLE = ['secret', 'prk', 'okm'];

/**
 * Reads the lesson settings from a URL's query and fragment (the fragment wins).
 * Unknown or invalid values fall back to the defaults rather than failing.
 */
export function readSettings(url) {
  const u = new URL(url);
  const params = new URLSearchParams(u.search);
  for (const [k, v] of new URLSearchParams(u.hash.replace(/^#/, ''))) params.set(k, v);
  const party = params.get('party');
  const curve = params.get('curve');
  const view = params.get('view');
  // Trimmed as the seed field trims it, so that a link and the field agree.
  const seed = params.get('seed')?.trim() ?? null;
  const hide = (params.get('hide') ?? '').split(',').filter((h) => HIDEABLE.includes(h));
  const step = Number.parseInt(params.get('step') ?? '', 10);
  // Step links are numbered by the report's steps; `steps=2` marks the numbering with the
  // TLS 1.2 Certificate message (older links without it are mapped by the TLS page).
  const numbering = params.get('steps') === '2' ? 2 : 1;
  const round = Number.parseInt(params.get('round') ?? '', 10);
  const theme = params.get('theme');
  return {
    mode: party === 'alice' || party === 'bob' ? party : 'both',
    curve: CURVES.includes(curve) ? curve : 'X25519',
    view: VIEWS.includes(view) ? view : 'all',
    seed: seed && seed.length <= MAX_SEED ? seed : null,
    // A seed too long for a link: ignored, and said (refusedSeedText).
    seedRefused: Boolean(seed && seed.length > MAX_SEED),
    salt: params.get('salt') ?? '',
    info: params.get('info') ?? DEFAULT_INFO,
    mallory: params.get('mallory') === '1',
    hide,
    step: Number.isFinite(step) && step >= 0 ? step : null,
    stepNumbering: numbering,
    // How many times "Next key pairs from the seed" was pressed: a seeded lesson's keys.
    round: Number.isSafeInteger(round) && round > 0 ? round : 0,
    // The TLS page's own settings (tls12-lesson.js).
    tls: readTlsLesson(params),
    // The TLS 1.3 page's (tls13-steps.js).
    tls13: readTls13Lesson(params),
    theme: THEMES.includes(theme) ? theme : 'auto',
  };
}

/**
 * The parameters that restore `state`: only public, non-default values, never a key;
 * `state.tls` (the TLS page's settings) when there is one. The key round only counts in
 * a seeded lesson: without a seed every key pair is new anyway.
 */
export function lessonParams(state) {
  const params = new URLSearchParams();
  if (state.curve && state.curve !== 'X25519') params.set('curve', state.curve);
  if (state.view && state.view !== 'all') params.set('view', state.view);
  if (state.seed) params.set('seed', state.seed);
  if (state.seed && state.round && !state.tls) params.set('round', String(state.round));
  if (state.salt) params.set('salt', state.salt);
  if (state.info !== undefined && state.info !== DEFAULT_INFO) params.set('info', state.info);
  if (state.mallory) params.set('mallory', '1');
  if (state.hide?.length) params.set('hide', state.hide.join(','));
  if (state.tls) writeTlsLesson({ ...state.tls, round: state.seed ? state.tls.round : 0 }, params);
  if (state.tls13) writeTls13Lesson({ ...state.tls13, round: state.seed ? state.tls13.round : 0 }, params);
  if (state.step !== null && state.step !== undefined) {
    params.set('step', String(state.step));
    if (state.tls) params.set('steps', '2');
  }
  if (state.theme && state.theme !== 'auto') params.set('theme', state.theme);
  return params;
}

/**
 * The fragment that restores `state`: only public, non-default values. Never a key.
 */
export function fragmentOf(state) {
  const text = lessonParams(state).toString();
  return text ? `#${text}` : '';
}

/** The views that are pages of their own in the single file (?view=tls12...), not a part of the playground. */
const PAGE_VIEWS = VIEWS.filter((v) => !['all', 'exchange', 'hkdf', 'messages'].includes(v));

/**
 * A page's query as the page writes its own address: only what picks the page (`party`,
 * the single file's page `view`). The lesson's settings are the fragment's (fragmentOf),
 * which says only what differs from the defaults: left in the query too, a setting put
 * back to its default there would come back from the query on the next load.
 */
export function pageQuery(search) {
  const kept = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) {
    if (name === 'party' || (name === 'view' && PAGE_VIEWS.includes(value))) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

/** The query of the other party's tab: this page's query with `party` set to `peer`. */
export function peerQuery(search, peer) {
  const params = new URLSearchParams(pageQuery(search));
  params.set('party', peer);
  return `?${params}`;
}

/** The label under which a seeded lesson derives the key of `who` on `curve`. */
export function seedLabel(who, round = 0) {
  return round ? `${who}#${round}` : who;
}

/**
 * The two directions of the chat. Each has its own key, as TLS has a client_write_key and
 * a server_write_key: a message sealed by Alice opens only with the Alice → Bob key, so it
 * can never pass for one of Bob's, and each key has its own nonces.
 */
export const DIRECTIONS = Object.freeze({
  ab: Object.freeze({ from: 'alice', to: 'bob' }),
  ba: Object.freeze({ from: 'bob', to: 'alice' }),
});

/** The direction of a message sent by `from` ('alice' or 'bob'): 'ab' or 'ba'. */
export function directionOf(from) {
  return from === 'alice' ? 'ab' : 'ba';
}

/** "alice to bob": what a direction adds to the info. */
export function directionWords(direction) {
  const { from, to } = DIRECTIONS[direction];
  return `${from} to ${to}`;
}

/**
 * The HKDF info of a direction's key: the lesson's info, a space and "alice to bob" (or
 * "bob to alice"); the words alone when the info is empty.
 */
export function directionInfo(info, direction) {
  return info === '' ? directionWords(direction) : `${info} ${directionWords(direction)}`;
}

/**
 * The info for the nonce of the `index`-th message sealed by `sender` under one key in a
 * seeded lesson (v2): the nonce is HKDF-SHA256(ikm = that key, salt = the seed, this
 * info, 12 bytes), and `index` counts the messages sealed under that key in this tab
 * (nonce-book.js), so no (key, nonce) pair comes twice.
 */
export function nonceInfo(sender, index) {
  return `ecdh-playground nonce v2 ${sender} ${index}`;
}

/** Compares a student's hex answer with the right bytes, ignoring case and spacing. */
export function answerMatches(answer, expectedHex) {
  const clean = answer.replace(/[\s:]/g, '').replace(/^0x/i, '').toLowerCase();
  return clean.length > 0 && clean === expectedHex.toLowerCase();
}
