// The key inspector: paste a key, a certificate or DER; see what it is, its warnings,
// the public key in every format, and the DER field by field beside its bytes.
// `mountInspector` builds it inside any container, every lookup scoped to it, as the
// playground does. The crate reads the paste (inspectPublicKey, explainDer); this page
// only shows what it reports, and never changes what the user pasted.
import { readyFor } from './load.js';
import { el, copyFrom, show, fieldError, scope } from './dom.js';
import { MARKUP } from './views/inspect-markup.js';
import { EXAMPLES } from './inspect-examples.js';
import { derView } from './der-view.js';
import { byteCount } from './der-tree.js';
import { detectedText, splitWarnings } from './inspection.js';

const FORMATS = ['pem', 'spki', 'raw', 'compressed', 'jwk'];
const RAW_LABEL = {
  'P-256': 'Raw public key: the uncompressed SEC1 point 04 ‖ x ‖ y, hex',
  X25519: 'Raw public key: the 32-byte u-coordinate, hex',
};
const CERTIFICATE_FIELDS = [
  ['subject', 'Subject'],
  ['issuer', 'Issuer'],
  ['notBefore', 'Valid from'],
  ['notAfter', 'Valid until'],
  ['signatureAlgorithm', 'Signature algorithm'],
  ['serialNumber', 'Serial number'],
];
const DER_ABOUT = 'The DER document the key was read from: the certificate, the private key (PKCS #8 or SEC1) or the SubjectPublicKeyInfo. A paste without DER (JWK, a raw point, OpenSSH, a program’s printout) is shown as the SubjectPublicKeyInfo that carries the same key.';
const DER_PRIVATE = 'This one holds the private key itself: it is shown because you pasted it, and it stays in this page.';

/**
 * Builds the inspector in `container` and loads the module; `text`, if given, is
 * inspected at once (the page passes the key from its URL fragment). Resolves to
 * { inspect(text) } once the module is loaded.
 */
export async function mountInspector(container, { text = null } = {}) {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const { byId, announce } = scope(container);
  const status = byId('status');
  const input = byId('i-input');
  const error = byId('i-error');
  const result = byId('i-result');
  if (text !== null) input.value = text;

  const examples = container.querySelector('.examples');
  const buttons = EXAMPLES.map((example) => {
    const button = el('button', {
      text: example.label,
      attrs: { type: 'button', 'data-example': example.id, title: `Made with ${example.madeWith}` },
    });
    examples.append(button);
    return [button, example];
  });

  const api = await readyFor(status, 'core');
  const view = derView({ label: 'The pasted document' });
  byId('i-der').append(view.element);

  const showKey = (inspection) => {
    byId('i-detected').textContent = detectedText(inspection);
    const { privateWarning, notes } = splitWarnings(inspection);
    const alert = byId('i-private');
    alert.textContent = privateWarning ?? '';
    show(alert, privateWarning !== null);
    const list = byId('i-notes');
    list.replaceChildren(...notes.map((note) => el('li', { text: note })));
    show(list, notes.length > 0);

    const cert = inspection.certificate;
    show(byId('i-certificate'), Boolean(cert));
    byId('i-certificate-title').textContent = inspection.source === 'certificate-request' ? 'Certificate request' : 'Certificate';
    // A request has no issuer, validity or serial: its empty fields are left out.
    byId('i-certificate-fields').replaceChildren(...CERTIFICATE_FIELDS
      .filter(([key]) => cert?.[key])
      .flatMap(([key, label]) => [
        el('dt', { text: label }),
        el('dd', { text: cert[key], attrs: { 'data-field': key }, cls: key === 'serialNumber' ? 'mono' : '' }),
      ]));

    show(byId('i-key'), true);
    byId('i-fingerprint').textContent = inspection.fingerprint;
    for (const format of FORMATS) {
      const value = inspection[format];
      show(container.querySelector(`.format[data-format="${format}"]`), value !== undefined);
      byId(`i-format-${format}`).value = value ?? '';
    }
    container.querySelector('label[for="i-format-raw"]').textContent = RAW_LABEL[inspection.curve] ?? 'Raw public key, hex';
    byId('i-der-about').textContent = inspection.containsPrivateKey ? `${DER_ABOUT} ${DER_PRIVATE}` : DER_ABOUT;
  };

  const showDerOnly = (failure) => {
    byId('i-detected').textContent = `Not a key this page can read (${failure.message}), but well-formed DER: its fields are below.`;
    for (const id of ['i-private', 'i-notes', 'i-certificate', 'i-key']) show(byId(id), false);
    byId('i-der-about').textContent = 'The DER you pasted, as it is.';
  };

  const inspect = () => {
    const pasted = input.value;
    if (pasted.trim() === '') {
      fieldError(input, error, '');
      show(result, false);
      view.clear();
      return;
    }
    let inspection = null;
    let failure = null;
    try {
      inspection = api.inspectPublicKey(pasted);
    } catch (e) {
      failure = e;
    }
    let tree;
    try {
      tree = api.explainDer(inspection ? inspection.der : pasted);
    } catch (e) {
      if (inspection) {
        // The key was read but its DER could not be explained: a bug, said plainly.
        fieldError(input, error, `The key was read, but its DER could not be shown: ${e.message}`);
      } else {
        fieldError(input, error, failure.message);
        show(result, false);
        view.clear();
        announce(failure.message);
        return;
      }
    }
    if (tree) fieldError(input, error, '');
    if (inspection) showKey(inspection);
    else showDerOnly(failure);
    if (tree) {
      view.render(tree);
      byId('i-der-about').textContent += ` ${byteCount(tree.length + tree.headerLength)} in all.`;
    } else {
      view.clear();
    }
    show(result, true);
    announce(byId('i-detected').textContent);
  };

  input.addEventListener('input', inspect);
  for (const [button, example] of buttons) {
    button.addEventListener('click', () => {
      input.value = example.text;
      inspect();
    });
  }
  for (const button of container.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', () => copyFrom(byId(button.dataset.copy), button));
  }
  inspect();
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  return {
    inspect(newText) {
      input.value = newText;
      inspect();
    },
  };
}
