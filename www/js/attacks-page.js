// The attack lab page: loads the full build, then mounts each section's interactive part
// into its `[data-attack-mount]` (attacks-mount.js), and offers the embed snippets.
import { ATTACK_VIEWS } from './attacks-lab.js';
import { mountSections } from './attacks-mount.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { readyFor } from './load.js';
import { readSettings } from './lesson.js';
import { applyTheme } from './dom.js';

const { theme } = readSettings(window.location.href);
applyTheme(theme);
mountEmbedHelp(document.getElementById('embed-help'), () => ({ theme }), ATTACK_VIEWS);
const main = document.getElementById('main');
const status = document.getElementById('attacks-status');

async function start() {
  const module = await readyFor(status, 'full');
  status.textContent = 'Ready.';
  await mountSections(main, { module, base: new URL('./', window.location.href).href });
  status.dataset.ready = 'true';
}

start().finally(() => {
  document.body.dataset.ready = 'true';
});
