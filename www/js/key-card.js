// A party's key card: the public key in the chosen format, copy, reveal the private key,
// the fingerprint, and "What is inside this key" (the SubjectPublicKeyInfo field by
// field, with a link that opens the key in the key inspector).
import { copyFrom, show, el } from './dom.js';
import { groupedHex } from './bytes.js';
import { sitePage } from './site.js';
import { derView } from './der-view.js';
import { inspectorFragment } from './inspection.js';

// The inspector page on the site; none in the single-file build.
const INSPECTOR = sitePage('inspect.html');

/** Builds a party's card from a template; returns its parts by name. */
export function partyCard(byId, container, who, name, templateId) {
  const fragment = byId(templateId).content.cloneNode(true);
  const parts = {};
  for (const node of fragment.querySelectorAll('[data-part]')) {
    const part = node.dataset.part;
    node.id = `${who}-${templateId}-${part}`;
    parts[part] = node;
  }
  for (const [labelPart, field] of [['format-label', 'format'], ['public-label', 'public'], ['message-label', 'message']]) {
    if (parts[labelPart] && parts[field]) parts[labelPart].setAttribute('for', parts[field].id);
  }
  parts.name.textContent = name;
  container.append(fragment);
  return parts;
}

/**
 * Wires a key card to a key pair getter: format choice, copy, reveal, and what is inside
 * the key (drawn when opened, with `explainDer` of the module `reader()` resolves to: the
 * playground's first module has none, so the first opening may load core). Returns
 * `render`, to call when the key pair changes.
 * In the hybrid the key pair is the X25519 half, and `kem()` gives the ML-KEM half:
 * `{ label, bytes, privateText }` (privateText null when the page holds no private
 * part), or null outside the hybrid.
 */
export function bindKeyCard(parts, getKeyPair, { reader, owner, kem = () => null }) {
  let view = null;
  const renderInside = async () => {
    const pair = getKeyPair();
    if (!pair || !parts.inside.open) return;
    if (!view) {
      view = derView({ label: `${owner}'s public key` });
      parts['inside-view'].append(view.element);
    }
    const spki = pair.publicKey('spki');
    let tree;
    try {
      tree = (await reader()).explainDer(spki);
    } catch (e) {
      parts['inside-view'].replaceChildren(el('p', { cls: 'bad', text: `The DER view could not be drawn: ${e.message}` }));
      view = null;
      return;
    }
    // The key may have changed while the reader loaded: the newer call draws.
    if (getKeyPair() !== pair || !view) return;
    view.render(tree);
  };
  const privateText = (pair) => {
    const extra = kem()?.privateText;
    const pem = pair.revealPrivateKey('pem');
    return extra ? `X25519 private key:\n${pem}\n${extra}` : pem;
  };
  const render = () => {
    const pair = getKeyPair();
    if (!pair) return;
    const half = kem();
    show(parts['kem-box'], half !== null);
    if (half) {
      parts['kem-label'].textContent = half.label;
      parts.kem.textContent = groupedHex(half.bytes);
    }
    parts['public-label'].textContent = half ? 'X25519 public key' : 'Public key';
    const compressed = parts.format.querySelector('option[value="compressed"]');
    compressed.disabled = pair.curve !== 'P-256';
    if (compressed.disabled && parts.format.value === 'compressed') parts.format.value = 'pem';
    parts.public.value = pair.publicKey(parts.format.value);
    parts.public.rows = parts.format.value === 'pem' ? 5 : 3;
    parts.fingerprint.textContent = pair.fingerprint;
    if (!parts['private-box'].hidden) parts.private.textContent = privateText(pair);
    if (INSPECTOR) parts['inspect-link'].href = `${INSPECTOR}${inspectorFragment(pair.publicKey('pem'))}`;
    renderInside();
  };
  show(parts['inspect-link'].parentElement, INSPECTOR !== null);
  parts.format.addEventListener('change', render);
  parts.copy.addEventListener('click', () => copyFrom(parts.public, parts.copy));
  parts.reveal.addEventListener('click', () => {
    const open = parts['private-box'].hidden;
    show(parts['private-box'], open);
    parts.reveal.setAttribute('aria-expanded', String(open));
    parts.reveal.textContent = open ? 'Hide private key' : 'Reveal private key';
    parts.private.textContent = open ? privateText(getKeyPair()) : '';
  });
  parts.inside.addEventListener('toggle', renderInside);
  return render;
}
