// The curve lab: what a curve, a point addition and a scalar multiplication are. Five
// parts, each its own module: over the reals (curve-reals.js), a toy curve over F_p
// (curve-field.js), double-and-add (curve-ladder.js), toy ECDH and Eve's brute force
// (curve-exchange.js), and small subgroups (curve-subgroup.js). `mountCurveLab` builds
// it inside any container, every lookup scoped to it, as the other pages do. The toy
// arithmetic is the crate's (ToyCurve, full build only); the drawing over the reals is
// floating point here.
import { readyFor } from './load.js';
import { scope } from './dom.js';
import { MARKUP } from './views/curve-markup.js';
import { mountReals } from './curve-reals.js';
import { mountField, PRESETS } from './curve-field.js';
import { mountLadder } from './curve-ladder.js';
import { mountExchange } from './curve-exchange.js';
import { mountSubgroup } from './curve-subgroup.js';

/** The lab's own setting in a URL (query or fragment): ?preset=f17|f97|f997. */
export function curveSettings(href) {
  const url = new URL(href);
  const params = new URLSearchParams(url.search);
  for (const [k, v] of new URLSearchParams(url.hash.replace(/^#/, ''))) params.set(k, v);
  return { preset: params.get('preset') ?? undefined };
}

/**
 * Builds the lab in `container` and loads the module. Options: `preset` (the first toy
 * curve: "f17", "f97" or "f997"), `playgroundHref` (where "do it on P-256" leads).
 * Resolves to { lab } once every part is drawn.
 */
export async function mountCurveLab(container, { preset = 'f17', playgroundHref = './?curve=P-256' } = {}) {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const context = scope(container);
  const status = context.byId('c-status');
  // Part 1 needs no module: it is drawn while the module loads.
  mountReals(context);
  const api = await readyFor(status, 'full');
  const lab = {
    api,
    listeners: [],
    startPreset: PRESETS.some(([id]) => id === preset) ? preset : 'f17',
  };
  mountLadder(context, lab);
  mountExchange(context, lab, { playgroundHref });
  mountSubgroup(context, lab);
  await mountField(context, lab);
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  return { lab };
}
