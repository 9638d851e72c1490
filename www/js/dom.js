// Small DOM helpers shared by the pages. Data is written with textContent only.

/** The element with this id; throws if the page lacks it (a bug, not a user error). */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el;
}

/** Creates an element with classes, attributes and text or children. */
export function el(tag, { cls, text, attrs, children } = {}) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const child of children ?? []) node.append(child);
  return node;
}

/** Says `message` to screen readers through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes repeated messages be read again.
  setTimeout(() => {
    region.textContent = message;
  }, 30);
}

/**
 * Copies the text of `source` (a textarea, input or element) with the Clipboard API;
 * where that is unavailable or refused, selects the text so Ctrl+C copies it.
 */
export async function copyFrom(source, button) {
  const text = 'value' in source ? source.value : source.textContent;
  const label = button.textContent;
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
    announce('Copied to the clipboard');
  } catch {
    if ('select' in source) {
      source.focus();
      source.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    button.textContent = 'Selected: press Ctrl+C';
    announce('Text selected: press Control C to copy');
  }
  setTimeout(() => {
    button.textContent = label;
  }, 1800);
}

/**
 * Runs `action` on a click of `button` and on Enter in any text field of `group`: a form
 * without a <form>, which a sandboxed iframe (no allow-forms) would refuse to submit.
 */
export function onAction(group, button, action) {
  button.addEventListener('click', () => action());
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target.matches('input[type="text"]')) {
      event.preventDefault();
      action();
    }
  });
}

/** Shows or hides an element with the hidden attribute. */
export function show(node, visible) {
  node.hidden = !visible;
}

/** Writes an error message next to a field and marks the field invalid; '' clears it. */
export function fieldError(field, messageNode, message) {
  messageNode.textContent = message;
  show(messageNode, Boolean(message));
  if (message) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}

/**
 * Lookups scoped to the document or shadow root that holds `container`, so that several
 * playgrounds (custom elements) on one page each find their own elements.
 */
export function scope(container) {
  const root = container.getRootNode();
  const find = (id) => {
    const node = root.getElementById(id);
    if (!node) throw new Error(`missing element #${id}`);
    return node;
  };
  const say = (message) => {
    const region = root.getElementById('announcer');
    if (!region) return;
    region.textContent = '';
    setTimeout(() => {
      region.textContent = message;
    }, 30);
  };
  return { root, byId: find, announce: say };
}

/**
 * Fixes the page's colours to `theme` ('light' or 'dark', from ?theme=) with data-theme
 * on the root element (style.css); 'auto' leaves them to the system.
 */
export function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
}
