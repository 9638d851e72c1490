// Mounting the attack lab's sections (attacks-lab.js lists them). Each section module
// exports `mount(container, { module, worker, base })`: `module` the loaded full build's
// exports, `worker` jobs.js (runJob, JobCancelled) for long loops, `base` the site's
// address for links to the playground. A section whose module cannot be loaded or fails
// to mount says so in its own place; the others run.
import { el } from './dom.js';
import { readyFor } from './load.js';
import * as worker from './jobs.js';
import { SECTIONS, TITLES } from './attacks-lab.js';

/**
 * Mounts section `id` into `container`. Resolves once it is mounted; if its module
 * cannot be loaded or fails to mount, writes the reason in the container and resolves
 * to false (the rest of the page goes on).
 */
export async function mountSection(container, id, context) {
  const path = SECTIONS[id];
  try {
    if (!path) throw new Error(`there is no attack called "${id}"`);
    const section = await import(path);
    if (typeof section.mount !== 'function') throw new Error(`${path} exports no mount()`);
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
