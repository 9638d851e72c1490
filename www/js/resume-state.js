// Pure helpers of the session-resumption page (no DOM): its settings in the URL, the
// options of its three runs, and what the page says about a session and a verdict.

export const VERSIONS = ['1.2', '1.3'];
export const MECHANISMS = ['ticket', 'session_id'];
export const PSK_MODES = ['psk_dhe_ke', 'psk_ke'];
export const DEFAULTS = { version: '1.3', by: 'ticket', pskMode: 'psk_dhe_ke', leak: false, message: 'GET / HTTP/1.1', round: 0 };

/** The page's settings from a URL's query and fragment; anything unknown is the default. */
export function readResumeSettings(url) {
  const u = new URL(url);
  const params = new URLSearchParams(u.search);
  for (const [k, v] of new URLSearchParams(u.hash.replace(/^#/, ''))) params.set(k, v);
  const pick = (name, list, fallback) => (list.includes(params.get(name)) ? params.get(name) : fallback);
  const round = Number.parseInt(params.get('round') ?? '', 10);
  const message = params.get('message');
  return {
    version: pick('version', VERSIONS, DEFAULTS.version),
    by: pick('by', MECHANISMS, DEFAULTS.by),
    pskMode: pick('psk', PSK_MODES, DEFAULTS.pskMode),
    leak: params.get('leak') === '1',
    message: message !== null && message.length <= 1000 ? message : DEFAULTS.message,
    round: Number.isSafeInteger(round) && round > 0 ? round : 0,
  };
}

/** The fragment that restores `state` (only what differs from the defaults; never a key). */
export function resumeFragment(state, { seed = null, theme = 'auto' } = {}) {
  const params = new URLSearchParams();
  if (seed) params.set('seed', seed);
  if (theme && theme !== 'auto') params.set('theme', theme);
  if (state.version !== DEFAULTS.version) params.set('version', state.version);
  if (state.version === '1.2' && state.by !== DEFAULTS.by) params.set('by', state.by);
  if (state.version === '1.3' && state.pskMode !== DEFAULTS.pskMode) params.set('psk', state.pskMode);
  if (state.leak) params.set('leak', '1');
  if (state.message !== DEFAULTS.message) params.set('message', state.message);
  if (seed && state.round) params.set('round', String(state.round));
  const text = params.toString();
  return text ? `#${text}` : '';
}

/**
 * The options of one run: `material` holds the randoms and keys of both connections
 * (`first`, `second`) and the server's identity; `resume` the session of the first run.
 */
export function runOptions(state, material, which, resume = null) {
  const m = material[which];
  const options = {
    clientRandom: m.clientRandom,
    serverRandom: m.serverRandom,
    clientEphemeral: m.clientEphemeral,
    serverEphemeral: m.serverEphemeral,
    serverIdentity: material.serverIdentity,
    groups: ['x25519'],
    clientGroups: ['x25519'],
    message: state.message,
  };
  if (state.version === '1.2') options.sessionTickets = state.by === 'ticket';
  if (resume) options.resume = resume;
  if (resume && state.version === '1.3') options.pskMode = state.pskMode;
  return options;
}

/** The options of the leak exercise's run (tickets, whatever the page shows). */
export function leakOptions(state, material) {
  const options = runOptions({ ...state, by: 'ticket' }, material, 'first');
  return { ...options, leakTicketKey: true };
}

/** A session's members as [name, value] rows, in the order the page lists them. */
export function sessionRows(session) {
  if (!session) return [];
  const rows = [
    ['Version', `TLS ${session.version}`],
    ['Cipher suite', session.cipherSuite],
    ['Issued by', session.issuer],
  ];
  if (session.sessionId) rows.push(['Session ID', session.sessionId]);
  if (session.ticket) rows.push(['Ticket', session.ticket]);
  if (session.masterSecret) rows.push(['Master secret (reused as is)', session.masterSecret]);
  if (session.ticketNonce !== null && session.ticketNonce !== undefined) rows.push(['ticket_nonce', session.ticketNonce]);
  if (session.ageAdd !== null && session.ageAdd !== undefined) rows.push(['ticket_age_add', String(session.ageAdd)]);
  if (session.psk) rows.push(['PSK', session.psk]);
  rows.push(['Lifetime', `${session.lifetime} s`]);
  return rows;
}

/** "Opened: “ping”" or "Stays sealed". */
export function verdictText(verdict) {
  return verdict.decrypted ? `Opened: “${verdict.plaintext ?? ''}”` : 'Stays sealed';
}

/**
 * HkdfLabel (RFC 8446 §7.1) as bytes: uint16 length ‖ "tls13 " + label ‖ context, each
 * vector with its one-byte length.
 */
export function hkdfLabel(label, context, length) {
  const full = new TextEncoder().encode(`tls13 ${label}`);
  return Uint8Array.from([length >> 8, length & 0xff, full.length, ...full, context.length, ...context]);
}

/** The hash of a TLS 1.3 suite, as WebCrypto names it. */
export function suiteHash(cipherSuite) {
  return /SHA384$/.test(cipherSuite) ? 'SHA-384' : 'SHA-256';
}

/**
 * Where a step sits in the page's sequence diagrams. `tls12Route` is the TLS 1.2
 * page's rule (tls12-steps.js's stepRoute); on top of it, NewSessionTicket travels in
 * both versions, and in TLS 1.3 every handshake message travels (the encrypted ones
 * inside records, which are not steps of their own).
 */
export function resumeRoute(step, version, tls12Route) {
  const message = step.side !== 'attacker' && step.fields[0]?.name === 'msg_type';
  const ticket = message && step.bytes.startsWith('04');
  if (message && (version === '1.3' || ticket)) {
    const to = step.side === 'client' ? 'server' : 'client';
    return { kind: 'message', from: step.side, to, intercepted: false };
  }
  return tls12Route(step, 'none');
}
