// The invalid-curve attack's TypeScript types (invalidCurveAttack and InvalidCurveRun in
// www/pkg/ecdh_playground.d.ts) against the real objects, as api.test.ts does for the
// rest of the package: each returned object is compared with a Shape naming every
// member of its interface, tsc checks the Shapes against the .d.ts, and the run checks
// the real objects against the Shapes.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../www/pkg/ecdh_playground.js';
import { type Shape, check, fail } from './shape.js';
import type {
  InvalidCurveOptions, InvalidCurveQuery, InvalidCurveReport, InvalidCurveResidue, InvalidCurveStep,
} from '../../www/pkg/ecdh_playground.js';

api.initSync({ module: readFileSync(new URL('../../www/pkg/ecdh_playground_bg.wasm', import.meta.url)) });

const REPORT: Shape<InvalidCurveReport> = {
  victimPublicKey: ['string'],
  recoveredPrivateKey: ['string', 'null'],
  queries: ['number'],
  residues: ['array'],
  steps: ['array'],
  error: ['string', 'null'],
};
const RESIDUE: Shape<InvalidCurveResidue> = { prime: ['number'], residue: ['number'], b: ['number'] };
const STEP: Shape<InvalidCurveStep> = { title: ['string'], explanation: ['string'], value: ['string'] };
const QUERY: Shape<InvalidCurveQuery> = {
  b: ['number'],
  prime: ['number'],
  x: ['string'],
  y: ['string'],
  residue: ['number', 'null'],
  tries: ['number'],
  modulusBits: ['number'],
  refused: ['string', 'null'],
};

test('invalidCurveAttack returns exactly InvalidCurveReport, with residues and steps', () => {
  const options: InvalidCurveOptions = { seed: 'types', validate: false };
  const report: InvalidCurveReport = api.invalidCurveAttack(options);
  check('invalidCurveAttack', report, REPORT);
  for (const r of report.residues) check('residues[]', r, RESIDUE);
  for (const s of report.steps) check('steps[]', s, STEP);
  if (report.recoveredPrivateKey === null || report.error !== null) fail(`not recovered: ${report.error}`);
  const refused: InvalidCurveReport = api.invalidCurveAttack({ seed: 'types', validate: true });
  check('invalidCurveAttack (validate)', refused, REPORT);
  if (refused.recoveredPrivateKey !== null || refused.error === null) fail('validate: not refused');
});

test('InvalidCurveRun returns exactly InvalidCurveQuery and InvalidCurveReport', () => {
  const run = new api.InvalidCurveRun({ seed: 'types', validate: true });
  const publicKey: string = run.victimPublicKey;
  const total: number = run.total;
  const query: InvalidCurveQuery | null = run.step();
  if (query === null) fail('no query');
  check('InvalidCurveRun.step', query, QUERY);
  const done: boolean = run.done;
  const queries: number = run.queries;
  const tries: number = run.tries;
  if (!done || queries !== 1 || tries !== 0 || total < 2 || !publicKey.startsWith('04')) fail('InvalidCurveRun (validate)');
  if (run.step() !== null) fail('a step after the end');
  check('InvalidCurveRun.result', run.result(), REPORT);
  run.free();
});
