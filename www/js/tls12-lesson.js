// The TLS page's lesson in a link: the server's group, the client's groups (in its order,
// those it does not offer marked "-"), Mallory, the static key, the leak, the message and
// the round of "New randoms and keys". Pure: no DOM. lesson.js reads and writes these
// next to the seed and the step.
// The group lists live here rather than in tls12-steps.js so that the playground, whose
// links carry a TLS lesson too, does not load the TLS page's helpers.

/** The groups the model computes with, and every group a client may offer. */
export const IMPLEMENTED = ['x25519', 'secp256r1'];
export const ALL_GROUPS = ['x25519', 'secp256r1', 'secp384r1', 'secp521r1', 'x448'];

const MALLORY = ['none', 'swap-key', 'resign'];
/** The message the page starts with. */
export const DEFAULT_MESSAGE = 'GET / HTTP/1.1';

/** The client's groups as the page starts: every group, those the server implements offered. */
function defaultGroups() {
  return ALL_GROUPS.map((group) => ({ group, offered: IMPLEMENTED.includes(group) }));
}

/** "x25519,-secp384r1,…" for the client's list; the default list gives ''. */
function groupsText(groups) {
  const text = groups.map(({ group, offered }) => (offered ? group : `-${group}`)).join(',');
  return text === groupsText.default ? '' : text;
}
groupsText.default = defaultGroups().map(({ group, offered }) => (offered ? group : `-${group}`)).join(',');

/** Reads the client's list; unknown or repeated names are dropped, missing ones added unoffered. */
function readGroups(text) {
  if (!text) return defaultGroups();
  const seen = new Set();
  const groups = [];
  for (const item of text.split(',')) {
    const group = item.replace(/^-/, '');
    if (!ALL_GROUPS.includes(group) || seen.has(group)) continue;
    seen.add(group);
    groups.push({ group, offered: !item.startsWith('-') });
  }
  for (const group of ALL_GROUPS) if (!seen.has(group)) groups.push({ group, offered: false });
  return groups;
}

/** The TLS lesson in `params` (URLSearchParams); invalid values fall back to the defaults. */
export function readTlsLesson(params) {
  const group = params.get('group');
  const mallory = params.get('mallory');
  const round = Number.parseInt(params.get('round') ?? '', 10);
  return {
    group: IMPLEMENTED.includes(group) ? group : IMPLEMENTED[0],
    groups: readGroups(params.get('groups')),
    mallory: MALLORY.includes(mallory) ? mallory : 'none',
    staticKey: params.get('static') === '1',
    leak: params.get('leak') === '1',
    message: params.get('message') ?? DEFAULT_MESSAGE,
    round: Number.isSafeInteger(round) && round > 0 ? round : 0,
  };
}

/** Sets in `params` the non-default values of `tls` (public values only: never a key). */
export function writeTlsLesson(tls, params) {
  if (tls.group && tls.group !== IMPLEMENTED[0]) params.set('group', tls.group);
  const groups = tls.groups ? groupsText(tls.groups) : '';
  if (groups) params.set('groups', groups);
  if (tls.mallory && tls.mallory !== 'none') params.set('mallory', tls.mallory);
  if (tls.staticKey) params.set('static', '1');
  if (tls.leak) params.set('leak', '1');
  if (tls.message !== undefined && tls.message !== DEFAULT_MESSAGE) params.set('message', tls.message);
  if (tls.round) params.set('round', String(tls.round));
  return params;
}
