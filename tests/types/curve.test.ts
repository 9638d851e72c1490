// The curve lab's TypeScript types (ToyCurve in www/pkg/ecdh_playground.d.ts) against
// the real objects, as api.test.ts does for the rest of the package: each returned
// object is compared with a Shape naming every member of its interface, tsc checks the
// Shapes against the .d.ts, and the run checks the real objects against the Shapes.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../www/pkg/ecdh_playground.js';
import { type Shape, check, fail } from './shape.js';
import type { ToyDiscreteLog, ToyMultiple, ToyPoint, ToyStep } from '../../www/pkg/ecdh_playground.js';

api.initSync({ module: readFileSync(new URL('../../www/pkg/ecdh_playground_bg.wasm', import.meta.url)) });

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
