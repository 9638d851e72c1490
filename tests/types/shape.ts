// The Shape check shared by the type tests: a Shape names every member of an interface
// with the kinds of value its type allows (checked by tsc against the .d.ts), and check()
// compares a real object with it at run time (no member missing or extra, every value of
// a listed kind).
export type Kind = 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'bytes' | 'array' | 'object';
/** The kinds a declared type allows (distributes over unions). */
export type KindOf<V> = V extends string ? 'string'
  : V extends number ? 'number'
  : V extends boolean ? 'boolean'
  : V extends null ? 'null'
  : V extends undefined ? 'undefined'
  : V extends Uint8Array ? 'bytes'
  : V extends readonly unknown[] ? 'array'
  : 'object';
/** Every member of T (optional ones too), each with the kinds its type allows. */
export type Shape<T> = { [K in keyof T]-?: readonly KindOf<T[K]>[] };

export function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  if (kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'undefined') return kind;
  return 'object';
}

export function fail(message: string): never {
  throw new Error(message);
}

/** The real object has exactly the Shape's members, each of a listed kind. */
export function check<T>(what: string, value: T, shape: Shape<T>): void {
  if (kindOf(value) !== 'object') fail(`${what}: expected an object, got ${kindOf(value)}`);
  const real = value as Record<string, unknown>;
  const declared: Record<string, readonly Kind[]> = shape;
  for (const key of Object.keys(real)) {
    if (!(key in declared)) fail(`${what}: member "${key}" is not in its TypeScript interface`);
  }
  for (const [key, kinds] of Object.entries(declared)) {
    const kind = kindOf(real[key]);
    if (!kinds.includes(kind)) fail(`${what}.${key}: the module returns ${kind}, the .d.ts says ${kinds.join(' | ')}`);
  }
}

