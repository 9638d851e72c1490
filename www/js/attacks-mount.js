// Mounting the attack lab (its markup, views/attacks-markup.js) and its sections
// (attacks-lab.js lists them). Each section module exports
// `mount(container, { module, worker, base })`: `module` the loaded full build's exports,
// `worker` jobs.js (runJob, JobCancelled) for long loops, `base` the site's address for
// links to the playground, or a function from a link as the site names its pages to the
// address here (attack-view.js's linkTo; the single file's pages are views of itself).
// A section whose module cannot be loaded or fails to mount says so in its own place; the
// others run.
import { el } from './dom.js';
import { readyFor } from './load.js';
import * as worker from './jobs.js';
import { SECTIONS, TITLES } from './attacks-lab.js';
import { MARKUP } from './views/attacks-markup.js';

/** Each section's module, loaded when it is mounted (string literals, so that a bundler
 * takes them in: the single file has no files beside it). */
const LOADERS = {
  'invalid-curve': () => import('./attack-invalid-curve.js'),
  'low-order': () => import('./attack-low-order.js'),
  'nonce-reuse-ecdsa': () => import('./attack-nonce-reuse-ecdsa.js'),
  'nonce-reuse-gcm': () => import('./attack-nonce-reuse-gcm.js'),
};

/**
 * Mounts section `id` into `container`. Resolves once it is mounted; if its module
 * cannot be loaded or fails to mount, writes the reason in the container and resolves
 * to false (the rest of the page goes on).
 */
export async function mountSection(container, id, context) {
  const load = SECTIONS.includes(id) ? LOADERS[id] : null;
  try {
    if (!load) throw new Error(`there is no attack called "${id}"`);
    const section = await load();
    if (typeof section.mount !== 'function') throw new Error(`the section "${id}" exports no mount()`);
    await section.mount(container, context);
    container.dataset.mounted = 'true';
    return true;
  } catch (e) {
    container.replaceChildren(el('p', {
      cls: 'error attack-error',
      attrs: { role: 'alert' },
      text: `This part of the attack lab could not be loaded: ${e.message}. The other parts still work; reload the page to try again.`,
    }));
    container.dataset.mounted = 'failed';
    return false;
  }
}

/**
 * Mounts every `[data-attack-mount]` inside `root`, one after another in page order.
 * `context`: { module, base } (the worker is added here).
 */
export async function mountSections(root, context) {
  for (const container of root.querySelectorAll('[data-attack-mount]')) {
    await mountSection(container, container.dataset.attackMount, { worker, ...context });
  }
}

/**
 * Builds the whole lab in `container` (the attack lab page; the single file's
 * ?view=attacks), loads the full build and mounts every section. `base`: as the sections
 * take it. Resolves once every section is mounted or has said why not.
 */
export async function mountAttackLab(container, { base }) {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const status = container.querySelector('#attacks-status');
  const module = await readyFor(status, 'full');
  status.textContent = 'Ready.';
  await mountSections(container, { module, base });
  status.dataset.ready = 'true';
}

/**
 * Mounts one section (the view "attack-<id>") into `container`, as the embed and the
 * custom element show it: its heading, then its interactive part. `base`: the site's
 * address, for links back to the lab and the playground.
 */
export async function mountAttackView(container, view, base) {
  const id = view.replace(/^attack-/, '');
  const status = el('p', { cls: 'status', attrs: { role: 'status' }, text: 'Loading the WebAssembly module…' });
  const part = el('div', { attrs: { 'data-attack-mount': id } });
  const heading = el('h2', { text: TITLES[id] ?? id });
  const link = el('p', {
    cls: 'note',
    children: [el('a', { text: 'The whole attack lab', attrs: { href: new URL(`attacks.html#${id}`, base).href, target: '_blank', rel: 'noopener' } })],
  });
  container.append(el('section', { cls: 'attack', attrs: { id }, children: [heading, status, part, link] }));
  const module = await readyFor(status, 'full');
  status.textContent = '';
  status.hidden = true;
  return mountSection(part, id, { module, worker, base });
}
