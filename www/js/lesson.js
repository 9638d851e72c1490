// A lesson's public state and its place in the URL. Pure: no DOM.
//
// The state that can be shared lives in the URL fragment (#curve=P-256&seed=lesson-3...),
// so a link reopens the same lesson; `?seed=` and the other names are also read from the
// query string, for links written by hand. Private keys are never part of it.

const CURVES = ['X25519', 'P-256'];
const VIEWS = ['all', 'exchange', 'hkdf', 'messages', 'tls12'];
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
  const seed = params.get('seed');
  const hide = (params.get('hide') ?? '').split(',').filter((h) => HIDEABLE.includes(h));
  const step = Number.parseInt(params.get('step') ?? '', 10);
  return {
    mode: party === 'alice' || party === 'bob' ? party : 'both',
    curve: CURVES.includes(curve) ? curve : 'X25519',
    view: VIEWS.includes(view) ? view : 'all',
    seed: seed && seed.length <= 200 ? seed : null,
    salt: params.get('salt') ?? '',
    info: params.get('info') ?? 'ecdh-playground chat v1',
    mallory: params.get('mallory') === '1',
    hide,
    step: Number.isFinite(step) && step >= 0 ? step : null,
  };
}

/**
 * The fragment that restores `state`: only public, non-default values. Never a key.
 */
export function fragmentOf(state) {
  const params = new URLSearchParams();
  if (state.curve && state.curve !== 'X25519') params.set('curve', state.curve);
  if (state.view && state.view !== 'all') params.set('view', state.view);
  if (state.seed) params.set('seed', state.seed);
  if (state.salt) params.set('salt', state.salt);
  if (state.info !== undefined && state.info !== 'ecdh-playground chat v1') params.set('info', state.info);
  if (state.mallory) params.set('mallory', '1');
  if (state.hide?.length) params.set('hide', state.hide.join(','));
  if (state.step !== null && state.step !== undefined) params.set('step', String(state.step));
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** The label under which a seeded lesson derives the key of `who` on `curve`. */
export function seedLabel(who, round = 0) {
  return round ? `${who}#${round}` : who;
}

/** The info string for the nonce of message `index` sent by `who` in a seeded lesson. */
export function nonceInfo(who, index) {
  return `ecdh-playground nonce ${who} ${index}`;
}

/** Compares a student's hex answer with the right bytes, ignoring case and spacing. */
export function answerMatches(answer, expectedHex) {
  const clean = answer.replace(/[\s:]/g, '').replace(/^0x/i, '').toLowerCase();
  return clean.length > 0 && clean === expectedHex.toLowerCase();
}
