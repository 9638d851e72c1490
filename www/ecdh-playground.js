// <ecdh-playground>: the playground as a custom element, for course pages.
//
//   <script type="module" src="https://…/ecdh-playground.js"></script>
//   <ecdh-playground view="exchange" curve="X25519" seed="lesson-3"></ecdh-playground>
//
// view: all | exchange | hkdf | messages | tls12 | tls13 | resume | curve | attack-<section> (default all); preset: the curve
// lab's first toy curve (f17 | f97 | f997); curve: X25519 | P-256;
// seed: optional lesson seed; the rest of the lesson under the names of its link
// (lesson.js, tls12-lesson.js): round, salt, info, hide, mallory ("1" on the playground;
// none | swap-key | resign on the TLS view), and for the TLS view group, groups, static,
// leak, message and step, and for the TLS 1.3 view also guess, known and compare; for the
// resumption view version (1.3 | 1.2), by (ticket | session_id), psk (psk_dhe_ke | psk_ke),
// leak, message and round (resume-state.js); theme: auto | light | dark (style.css reads it on the host).
// The page's "Embed this in your course" writes them. Each
// element lives in its own shadow root with its own copy of the stylesheet, so several
// on one page do not interfere with each other or with the course page's styles. It fires a "ready" event once its keys exist.
import { mountPlayground } from './js/playground.js';
import { mountTls12 } from './js/tls12.js';
import { mountTls13 } from './js/tls13.js';
import { mountResume } from './js/resume.js';
import { readResumeSettings } from './js/resume-state.js';
import { mountCurveLab } from './js/curve-lab.js';
import { mountAttackView } from './js/attacks-mount.js';
import { readSettings } from './js/lesson.js';
import { recoverable } from './js/load.js';

const STYLESHEET = new URL('./css/style.css', import.meta.url).href;
/** The lesson's names (those of its link) that the element reads as attributes. */
const ATTRIBUTES = [
  'view', 'curve', 'seed', 'round', 'salt', 'info', 'hide', 'mallory',
  'group', 'groups', 'static', 'leak', 'message', 'step', 'steps', 'preset', 'guess', 'known', 'compare',
  'version', 'by', 'psk',
];

class EcdhPlaygroundElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    const container = document.createElement('div');
    container.className = 'element-root';
    shadow.append(link, container);
    // Attributes, read as the page reads its URL (invalid values fall back to defaults).
    const query = new URLSearchParams();
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) query.set(name, value);
    }
    const settings = readSettings(`https://element.invalid/?${query}`);
    settings.mode = 'both';
    settings.embedded = true;
    // One build for every element on the page, so the module downloads once.
    // Mounted again on a fresh module if the module traps (load.js).
    const mount = () => {
      if (settings.view === 'tls12') return mountTls12(container, settings, 'full');
      if (settings.view === 'tls13') return mountTls13(container, settings, 'full');
      if (settings.view === 'resume') {
        const resume = readResumeSettings(`https://element.invalid/?${query}`);
        return mountResume(container, { seed: settings.seed, embedded: true, resume });
      }
      if (settings.view.startsWith('attack-')) {
        return mountAttackView(container, settings.view, new URL('./', import.meta.url).href);
      }
      if (settings.view === 'curve') {
        return mountCurveLab(container, {
          preset: this.getAttribute('preset') ?? undefined,
          playgroundHref: new URL('./?curve=P-256', import.meta.url).href,
        });
      }
      return mountPlayground(container, settings, 'full');
    };
    const mounted = recoverable(container, mount);
    mounted.then(() => {
      this.dataset.ready = 'true';
      this.dispatchEvent(new Event('ready'));
    });
  }
}

if (!customElements.get('ecdh-playground')) {
  customElements.define('ecdh-playground', EcdhPlaygroundElement);
}
