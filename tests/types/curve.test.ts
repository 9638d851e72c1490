// The curve lab's TypeScript types (ToyCurve in www/pkg/ecdh_playground.d.ts) against
// the real objects, as api.test.ts does for the rest of the package: each returned
// object is compared with a Shape naming every member of its interface, tsc checks the
// Shapes against the .d.ts, and the run checks the real objects against the Shapes.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../www/pkg/ecdh_playground.js';
import type { ToyDiscreteLog, ToyMultiple, ToyPoint, ToyStep } from '../../www/pkg/ecdh_playground.js';

api.initSync({ module: readFileSync(new URL('../../www/pkg/ecdh_playground_bg.wasm', import.meta.url)) });

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'array' | 'object';
/** The kinds a declared type allows (distributes over unions). */
type KindOf<V> = V extends string ? 'string'
  : V extends number ? 'number'
  : V extends boolean ? 'boolean'
  : V extends null ? 'null'
  : V extends undefined ? 'undefined'
  : V extends readonly unknown[] ? 'array'
  : 'object';
/** Every member of T, each with the kinds its type allows. */
type Shape<T> = { [K in keyof T]-?: readonly KindOf<T[K]>[] };

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  if (kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'undefined') return kind;
  return 'object';
}

function fail(message: string): never {
  throw new Error(message);
}

/** The real object has exactly the Shape's members, each of a listed kind. */
function check<T>(what: string, value: T, shape: Shape<T>): void {
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

const POINT: Shape<ToyPoint> = { x: ['number'], y: ['number'] };
const STEP: Shape<ToyStep> = { bit: ['number'], op: ['string'], point: ['object', 'null'] };
const MULTIPLE: Shape<ToyMultiple> = { point: ['object', 'null'], steps: ['array'] };
const LOG: Shape<ToyDiscreteLog> = { k: ['number', 'null'], tries: ['number'] };

test('ToyCurve returns exactly ToyPoint, ToyMultiple, ToyStep and ToyDiscreteLog', () => {
  const curve = new api.ToyCurve(97, 2, 3);
  const numbers: number[] = [curve.p, curve.a, curve.b, curve.order];
  if (numbers.join() !== '97,2,3,100') fail(`p, a, b, order: ${numbers.join()}`);
  const equation: string = curve.equation;
  if (!equation.endsWith('over F_97')) fail(equation);
  const points: ToyPoint[] = curve.points();
  const G = points[0] ?? fail('no points');
  check('points()[0]', G, POINT);
  const onCurve: boolean = curve.isOnCurve(G);
  if (!onCurve || curve.isOnCurve({ x: 0, y: 0 })) fail('isOnCurve');
  const sum: ToyPoint | null = curve.add(G, curve.negate(G));
  if (sum !== null) fail('G + (−G) is not O');
  const twice = curve.add(G, G) ?? fail('2G is O');
  check('add', twice, POINT);
  const multiple: ToyMultiple = curve.multiply(13, G);
  check('multiply', multiple, MULTIPLE);
  for (const step of multiple.steps) {
    check('multiply().steps[]', step, STEP);
    const op: 'double' | 'add' = step.op;
    const bit: 0 | 1 = step.bit;
    if (!['double', 'add'].includes(op) || (bit !== 0 && bit !== 1)) fail(`step ${op} ${bit}`);
  }
  const order: number = curve.orderOf(G);
  const log: ToyDiscreteLog = curve.discreteLog(G, multiple.point);
  check('discreteLog', log, LOG);
  check('discreteLog outside the subgroup', curve.discreteLog({ x: 3, y: 6 }, { x: 0, y: 10 }), LOG);
  if (log.k !== 13 % order) fail(`discreteLog: ${log.k}`);
  const flat: Uint32Array = curve.pointsFlat();
  const counted: number = curve.countPoints(0, 97);
  if (flat.length !== 2 * counted) fail('pointsFlat and countPoints');
  const search: api.DiscreteLogSearch = curve.discreteLogSearch(G, null);
  const done: boolean = search.step(1000);
  const tries: number = search.tries;
  check('DiscreteLogSearch.result', search.result(), LOG);
  if (!done || !search.done || tries !== order) fail('discreteLogSearch');
  search.free();
  curve.free();
});
