// Printed handouts: "Print handout" and "Print answer key" (and the browser's own Print)
// put the lesson's values, step by step, into a section that only print shows (style.css,
// @media print), in place of the screen layout; it is removed once printing is done, so
// an answer key's values do not stay in the page. The content comes from
// handout-playground.js and handout-tls.js; this file reads the page and draws it.
import { el, scope } from './dom.js';
import { hiddenValues } from './exchange.js';
import { grouped } from './handout-playground.js';

/** Draws a handout (see handout-playground.js) as a <section class="handout">. */
export function renderHandout(spec, key) {
  const section = el('section', { cls: 'handout', attrs: { 'data-handout': key ? 'key' : 'handout', 'aria-label': spec.title } });
  section.append(el('h1', { text: spec.title }));
  section.append(el('dl', {
    cls: 'handout-facts',
    children: spec.facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })]),
  }));
  for (const part of spec.sections) {
    const box = el('section', { cls: 'handout-part', children: [el('h2', { text: part.heading })] });
    if (part.note) box.append(el('p', { cls: 'handout-note', text: part.note }));
    const list = el('dl', { cls: 'handout-values' });
    for (const entry of part.items) {
      const dd = entry.blank
        ? el('dd', { cls: 'handout-blank', text: 'Your answer:' })
        : el('dd', { children: [el('pre', { cls: `handout-${entry.kind}`, text: entry.value })] });
      list.append(el('div', { cls: 'handout-item', children: [el('dt', { text: entry.label }), dd] }));
    }
    box.append(list);
    section.append(box);
  }
  return section;
}

/**
 * Wires the print buttons inside `container` (any element with data-print="handout" or
 * "key", found when clicked, so a part mounted again keeps working) and the browser's
 * own Print. `content(key)` returns the handout to print, or null where there is none
 * (then the screen layout prints).
 */
export function setupPrinting(container, content) {
  let printed = null;
  const clear = () => {
    printed?.remove();
    printed = null;
  };
  const prepare = (key) => {
    clear();
    let spec = null;
    try {
      spec = content(key);
    } catch {
      // The lesson is not (or no longer) on the page: nothing to print but the page.
      spec = null;
    }
    if (!spec) return false;
    printed = renderHandout(spec, key);
    container.append(printed);
    return true;
  };
  // Set by beforeprint, which a print dialog that opens fires before print() returns.
  let dialogOpened = false;
  container.addEventListener('click', (event) => {
    const button = event.target.closest?.('[data-print]');
    if (!button || !container.contains(button)) return;
    const ready = prepare(button.dataset.print === 'key');
    const note = button.parentElement.querySelector('.print-note')
      ?? button.parentElement.appendChild(el('span', { cls: 'print-note', attrs: { role: 'status' } }));
    note.textContent = ready ? '' : 'Nothing to print yet: the lesson has not finished loading.';
    if (!ready) return;
    dialogOpened = false;
    window.print();
    // A frame that may not open dialogs (sandboxed without allow-modals) ignores print()
    // before its beforeprint: the sheet, an answer key's values in it, leaves the page,
    // and the reader learns why nothing happened.
    if (!dialogOpened && window.top !== window.self) {
      clear();
      note.textContent = 'This page is inside a frame that may not open the print dialog (a sandboxed iframe without allow-modals): open the lesson in a tab of its own to print it.';
    }
  });
  // Ctrl+P or the browser's menu: the handout, without the answers.
  window.addEventListener('beforeprint', () => {
    dialogOpened = true;
    if (!printed) prepare(false);
  });
  window.addEventListener('afterprint', clear);
}

/**
 * What the playground (both parties) shows, for handout-playground.js: read from its
 * outputs inside `container`; a hidden output's value from where the quiz keeps it
 * (exchange.js's hiddenValues), never recomputed. `lesson`: its public state.
 */
export function playgroundValues(container, lesson, link) {
  const { byId } = scope(container);
  const hex = (id) => hiddenValues.get(byId(id)) ?? '';
  const party = (who) => {
    const format = byId(`${who}-party-keys-format`);
    // In the hybrid, the ML-KEM half of the key share as the card shows it.
    const kemBox = byId(`${who}-party-keys-kem-box`);
    return {
      format: format.selectedOptions[0]?.textContent ?? format.value,
      publicKey: byId(`${who}-party-keys-public`).value,
      fingerprint: byId(`${who}-party-keys-fingerprint`).textContent,
      kem: kemBox.hidden ? null : { label: byId(`${who}-party-keys-kem-label`).textContent, bytes: byId(`${who}-party-keys-kem`).textContent },
    };
  };
  const texts = (id) => [...byId(id).children].map((li) => li.textContent);
  const bytesOf = (entry, cls) => grouped([...entry.querySelectorAll(`.${cls} .b`)].map((b) => b.textContent).join(''));
  return {
    lesson,
    link,
    keys: { alice: party('alice'), bob: party('bob') },
    wire: texts('wire-keys'),
    secrets: { alice: hex('alice-secret'), bob: hex('bob-secret') },
    verdict: byId('verdict').textContent,
    infos: { ab: byId('info-ab').textContent.replace(/^“|”$/g, ''), ba: byId('info-ba').textContent.replace(/^“|”$/g, '') },
    prk: { alice: hex('alice-prk'), bob: hex('bob-prk') },
    okm: {
      alice: { ab: hex('alice-key-ab'), ba: hex('alice-key-ba') },
      bob: { ab: hex('bob-key-ab'), ba: hex('bob-key-ba') },
    },
    keyVerdict: byId('key-verdict').textContent,
    messages: [...byId('wire-messages').children].map((entry) => ({
      who: entry.querySelector('.who')?.textContent ?? '',
      nonce: bytesOf(entry, 'nonce'),
      ciphertext: bytesOf(entry, 'ct'),
      tag: bytesOf(entry, 'tag'),
    })),
    inbox: { alice: texts('alice-party-chat-inbox'), bob: texts('bob-party-chat-inbox') },
  };
}
