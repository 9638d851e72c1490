// The attack lab page: the lab mounted in <main> (attacks-mount.js: its markup, the full
// build, each section's interactive part), and the embed snippets.
import { ATTACK_VIEWS } from './attacks-lab.js';
import { mountAttackLab } from './attacks-mount.js';
import { mountEmbedHelp } from './embed-snippet.js';
import { readSettings } from './lesson.js';
import { applyTheme } from './dom.js';

const { theme } = readSettings(window.location.href);
applyTheme(theme);
mountEmbedHelp(document.getElementById('embed-help'), () => ({ theme }), ATTACK_VIEWS);
mountAttackLab(document.getElementById('main'), { base: new URL('./', window.location.href).href }).finally(() => {
  document.body.dataset.ready = 'true';
});
