// Pure helpers for the TLS 1.2 page: building the options of `tls12Handshake` and
// reading its report (steps, fields, values). No DOM here.

import { ALL_GROUPS, IMPLEMENTED } from './tls12-lesson.js';

export { ALL_GROUPS, IMPLEMENTED };
/** The playground's curve name (as WebCrypto spells it) for each implemented group. */
export const CURVE_OF = { x25519: 'X25519', secp256r1: 'P-256' };
export const SIDES = { client: 'Client', server: 'Server', mallory: 'Mallory', attacker: 'Attacker' };

/**
 * The group the server will pick (RFC 8422 §5.1.1, as the model does it): the first of
 * its own preferences, `preferred` then the other implemented group, that the client
 * offers; null when they share none.
 */
export function negotiatedGroup(preferred, clientGroups) {
  const server = [preferred, ...IMPLEMENTED.filter((g) => g !== preferred)];
  return server.find((g) => clientGroups.includes(g)) ?? null;
}

/**
 * The options of one run: the page's settings plus the randoms and keys made once
 * (`material`), so that toggling a lesson changes only what the lesson changes. The
 * ephemeral keys are those of the group the server will pick.
 */
export function buildOptions(settings, material) {
  const group = negotiatedGroup(settings.group, settings.clientGroups) ?? settings.group;
  const keys = material.ephemeral[group];
  return {
    group: settings.group,
    clientGroups: [...settings.clientGroups],
    clientRandom: material.clientRandom,
    serverRandom: material.serverRandom,
    clientEphemeral: keys.client,
    serverEphemeral: keys.server,
    serverIdentity: material.serverIdentity,
    mallory: settings.mallory,
    malloryEphemeral: keys.mallory,
    malloryIdentity: material.malloryIdentity,
    staticServerKey: settings.staticServerKey,
    message: settings.message,
    leakIdentity: settings.leak,
  };
}

/** HandshakeType (RFC 5246 §7.4) and ContentType (§6.2.1) names. */
const HANDSHAKE_TYPES = {
  1: 'ClientHello', 2: 'ServerHello', 11: 'Certificate', 12: 'ServerKeyExchange', 14: 'ServerHelloDone',
  16: 'ClientKeyExchange', 20: 'Finished',
};
const FINISHED = 20;
const SERVER_KEY_EXCHANGE = 12;

function firstByte(step) {
  return step.bytes.length >= 2 ? parseInt(step.bytes.slice(0, 2), 16) : -1;
}

function isHandshakeMessage(step) {
  return step.fields[0]?.name === 'msg_type' && firstByte(step) in HANDSHAKE_TYPES;
}

function isRecord(step) {
  const [a, b, c] = step.fields;
  return a?.name === 'type' && b?.name === 'version' && c?.name === 'length';
}

/**
 * Whether a step puts bytes on the wire ('message') or computes something on one side
 * ('compute'). Handshake messages and records travel; a plaintext Finished does not (it
 * travels inside the encrypted record 0 that follows it); the attacker only computes.
 */
export function stepKind(step) {
  if (step.side === 'attacker') return 'compute';
  if (isHandshakeMessage(step)) return firstByte(step) === FINISHED ? 'compute' : 'message';
  return isRecord(step) ? 'message' : 'compute';
}

/**
 * Where a step sits in the sequence diagram: { kind, from, to, intercepted }. With
 * Mallory on the path, the server's ServerKeyExchange stops at her, and what she sends
 * on goes to the client; every other message she relays unchanged.
 */
export function stepRoute(step, mallory) {
  const kind = stepKind(step);
  if (kind === 'compute') return { kind, from: step.side, to: step.side, intercepted: false };
  if (step.side === 'mallory') return { kind, from: 'mallory', to: 'client', intercepted: false };
  if (step.side === 'client') return { kind, from: 'client', to: 'server', intercepted: false };
  const intercepted = mallory !== 'none' && isHandshakeMessage(step) && firstByte(step) === SERVER_KEY_EXCHANGE;
  return { kind, from: 'server', to: intercepted ? 'mallory' : 'client', intercepted };
}

/** "Client → Server", "Client computes", "Server → Mallory (intercepted)". */
export function routeText(route) {
  if (route.kind === 'compute') return `${SIDES[route.from]}, on its own`;
  return `${SIDES[route.from]} → ${SIDES[route.to]}${route.intercepted ? ' (Mallory intercepts)' : ''}`;
}

/** "1 byte", "32 bytes". */
export function byteCount(n) {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

/**
 * A step's bytes cut into its annotated fields, each { name, meaning, start, end, hex }.
 * Bytes no field covers (the model promises there are none) become fields of their own,
 * so nothing is hidden; a step without fields is one value named `valueName`.
 */
export function segments(step, valueName) {
  const length = step.bytes.length / 2;
  const hexOf = (start, end) => step.bytes.slice(2 * start, 2 * end);
  if (length === 0) return [];
  if (step.fields.length === 0) {
    return [{ name: valueName, meaning: 'one value, computed or received at this step', start: 0, end: length, hex: step.bytes }];
  }
  const out = [];
  let at = 0;
  const gap = (end) => out.push({ name: '(not annotated)', meaning: 'bytes the model did not name', start: at, end, hex: hexOf(at, end) });
  for (const f of [...step.fields].sort((a, b) => a.start - b.start)) {
    if (f.start > at) gap(f.start);
    if (f.end <= f.start) continue;
    out.push({ name: f.name, meaning: f.meaning, start: f.start, end: f.end, hex: hexOf(f.start, f.end) });
    at = Math.max(at, f.end);
  }
  if (at < length) gap(length);
  return out;
}

/** What the page says about one field: "random — client_random: 32 bytes chosen… (bytes 6–37, 32 bytes)". */
export function fieldText(segment) {
  const n = segment.end - segment.start;
  const range = n === 1 ? `byte ${segment.start}` : `bytes ${segment.start}–${segment.end - 1}`;
  const meaning = segment.meaning ? `: ${segment.meaning}` : '';
  return `${segment.name}${meaning} (${range}, ${byteCount(n)})`;
}

/** Whether a field is a length prefix (shown muted). */
export function isLengthField(segment) {
  return /length$/.test(segment.name);
}

/**
 * The index of the first step whose bytes contain `hex` on a byte boundary, or -1: the
 * step at which a value becomes known.
 */
export function firstStepWith(steps, hex) {
  if (!hex) return -1;
  return steps.findIndex((step) => {
    for (let i = step.bytes.indexOf(hex); i !== -1; i = step.bytes.indexOf(hex, i + 1)) {
      if (i % 2 === 0) return true;
    }
    return false;
  });
}

/** The ECDH public key inside ServerECDHParams: curve_type(1) ‖ named_curve(2) ‖ length(1) ‖ point. */
export function serverPoint(paramsHex) {
  const length = parseInt(paramsHex.slice(6, 8), 16);
  return paramsHex.slice(8, 8 + 2 * length);
}

/** The 40-byte key block of AES-128-GCM, cut as RFC 5246 §6.3 and RFC 5288 §3 cut it. */
export function splitKeyBlock(hex) {
  return {
    clientWriteKey: hex.slice(0, 32),
    serverWriteKey: hex.slice(32, 64),
    clientIv: hex.slice(64, 72),
    serverIv: hex.slice(72, 80),
  };
}

/** Position in a list of `count` steps after an options change: clamped, and the end stays the end. */
export function keepPosition(index, oldCount, newCount) {
  if (newCount === 0) return 0;
  if (oldCount > 0 && index >= oldCount - 1) return newCount - 1;
  return Math.min(Math.max(index, 0), newCount - 1);
}

/** A group list with `name` moved one place by `delta` (-1 up, +1 down); unchanged at the ends. */
export function moveGroup(order, name, delta) {
  const from = order.indexOf(name);
  const to = from + delta;
  if (from === -1 || to < 0 || to >= order.length) return order;
  const out = [...order];
  [out[from], out[to]] = [out[to], out[from]];
  return out;
}

/**
 * What each Finished covers (RFC 5246 §7.4.9): the handshake messages, headers
 * included, in the order sent, before the client's Finished (`client`) and before the
 * server's (`server`, which includes the client's Finished), as hex; null when the run
 * did not get that far. ChangeCipherSpec and the encrypted records are not handshake
 * messages and are not hashed.
 */
export function finishedInputs(steps) {
  const messages = steps.filter((s) => (s.side === 'client' || s.side === 'server') && isHandshakeMessage(s));
  const finished = messages.flatMap((s, i) => (firstByte(s) === FINISHED ? [i] : []));
  if (finished.length < 2) return null;
  const concat = (end) => messages.slice(0, end).map((s) => s.bytes).join('');
  return { client: concat(finished[0]), server: concat(finished[1]) };
}

/** The bytes as text when they are printable UTF-8 (a plaintext), else null. */
export function printable(text) {
  return text !== null && text.length > 0 && !/[\u0000-\u001f\u007f-\u009f\ufffd]/.test(text) ? text : null;
}

/**
 * The page's own words for the settings the model's errors name by their option
 * ("malformed clientGroups: …"), and what to do in the page.
 */
const OPTION_WORDS = {
  clientGroups: ["the client's supported groups", 'Tick at least one of them above.'],
  group: ["the server's group", 'Choose x25519 or secp256r1 above.'],
  message: ['the message the client sends', 'Change the message above.'],
};

/** A model error as the page says it: option names become the page's words. */
export function pageError(error) {
  const match = /^malformed (\w+): (.*?)\.?$/.exec(error);
  if (!match) return error;
  const [name, fix] = OPTION_WORDS[match[1]] ?? ['a setting of this page', 'Reload the page to start again.'];
  return `${name}: ${match[2]}. ${fix}`;
}

/**
 * A step number (from 1) of a link written before the TLS 1.2 model sent a real
 * Certificate (numbering 1), in today's numbering: one step, the client reading the
 * certificate, was added after the server's flight.
 */
export function mapOldStep(step, numbering, steps) {
  if (numbering === 2) return step;
  const added = steps.findIndex((s) => s.title === "Client reads the server's certificate");
  return added >= 0 && step - 1 >= added ? step + 1 : step;
}
