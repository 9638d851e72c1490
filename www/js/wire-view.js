// One envelope on the wire, byte by byte, for the tampering lesson: click a byte (or Tab
// to the bytes, move with the arrow keys, Home and End, and press Enter or Space) to
// flip it and deliver the changed copy to whoever receives this entry; the flipped byte
// stays marked and the outcome is written under the entry. The bytes are one Tab stop
// (a roving tabindex). DOM only, written with textContent.
import { el } from './dom.js';
import { envelopeParts, flipByte } from './bytes.js';

const hex2 = (b) => b.toString(16).padStart(2, '0');

/** Where byte `index` of an envelope of `length` bytes is: { part, at } ("ciphertext", 3). */
export function bytePlace(index, length) {
  if (index < 12) return { part: 'nonce', at: index };
  if (index >= length - 16) return { part: 'tag', at: index - (length - 16) };
  return { part: 'ciphertext', at: index - 12 };
}

/**
 * The entry, as an <li>. `who` is its heading ("Alice → Bob"), `receiver` the name of
 * whoever gets it ("Bob", "Mallory"); `onFlip(changedEnvelope, index)` delivers the
 * flipped copy and returns the sentence to write; `onReplay()` (optional) delivers the
 * envelope again unchanged and returns the sentence.
 */
export function wireEntry({ who, envelope, receiver, onFlip, onReplay }) {
  const parts = envelopeParts(envelope);
  const bytes = [];
  const result = el('p', { cls: 'wire-result', attrs: { 'aria-live': 'polite' } });
  const group = el('span', {
    cls: 'parts',
    attrs: {
      role: 'group',
      'aria-label': `The ${envelope.length} bytes on the wire: choose one to flip and deliver the changed copy to ${receiver}`,
    },
  });
  let index = 0;
  for (const [name, part, cls] of [['nonce', parts.nonce, 'nonce'], ['ciphertext', parts.ciphertext, 'ct'], ['tag', parts.tag, 'tag']]) {
    const span = el('span', { cls, attrs: { title: `${name} (${part.length} bytes)` } });
    for (let at = 0; at < part.length; at += 1) {
      const i = index;
      const byte = el('span', {
        cls: 'b',
        text: hex2(part[at]),
        attrs: {
          role: 'button',
          tabindex: i === 0 ? '0' : '-1',
          'aria-label': `Byte ${i} (${name} byte ${at}), ${hex2(part[at])}: flip it and deliver to ${receiver}`,
        },
      });
      byte.addEventListener('click', () => flip(i));
      bytes.push(byte);
      span.append(byte);
      index += 1;
    }
    group.append(span);
  }

  const focusByte = (i) => {
    for (const b of bytes) b.tabIndex = -1;
    bytes[i].tabIndex = 0;
    bytes[i].focus();
  };

  function flip(i) {
    for (const b of bytes) b.classList.remove('flipped');
    bytes[i].classList.add('flipped');
    bytes[i].tabIndex = 0;
    for (const b of bytes) if (b !== bytes[i]) b.tabIndex = -1;
    const changed = flipByte(envelope, i);
    const { part, at } = bytePlace(i, envelope.length);
    const said = onFlip(changed, i);
    result.textContent = `Byte ${i} (${part} byte ${at}) flipped, ${hex2(envelope[i])} → ${hex2(changed[i])}: ${said}`;
  }

  group.addEventListener('keydown', (event) => {
    const at = bytes.indexOf(group.getRootNode().activeElement);
    if (at === -1) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      flip(at);
      return;
    }
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: bytes.length - 1 }[event.key];
    if (to === undefined || to < 0 || to >= bytes.length) return;
    event.preventDefault();
    focusByte(to);
  });

  const children = [
    el('span', { cls: 'who', text: who }),
    group,
    el('span', { cls: 'legend', text: `nonce ‖ ciphertext ‖ tag. Click a byte (or Tab to the bytes, then the arrow keys and Enter) to flip it and deliver the changed copy to ${receiver}.` }),
  ];
  if (onReplay) {
    const replay = el('button', { cls: 'replay', text: 'Deliver again, unchanged (replay)', attrs: { type: 'button' } });
    replay.addEventListener('click', () => {
      for (const b of bytes) b.classList.remove('flipped');
      result.textContent = `Delivered again, unchanged: ${onReplay()}`;
    });
    children.push(replay);
  }
  children.push(result);
  return el('li', { cls: 'envelope', children });
}
