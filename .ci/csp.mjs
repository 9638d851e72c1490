// The site's Content-Security-Policy, from its one source (.ci/csp.json), in each form a
// place needs: the <meta> of every page in www/, the header the dev server sends, and
// the single file's hash-based policy.
//
//   node .ci/csp.mjs --write   rewrites the <meta> of every page in www/ (make build)
//   node .ci/csp.mjs --check   exits 1 naming each page whose <meta> differs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = JSON.parse(readFileSync(path.join(root, '.ci', 'csp.json'), 'utf8'));

const join = (directives) => Object.entries(directives)
  .map(([name, values]) => [name, ...values].join(' '))
  .join('; ');

/** The policy a page's <meta> carries (frame-ancestors cannot be set there). */
export function metaPolicy() {
  return join(source.directives);
}

/**
 * The policy the server sends for `file` (a page's name, such as "embed.html"). A file
 * with its own policy (the single file) gets only who may frame it: its <meta> says the
 * rest, and a second policy with the site's script-src would refuse its inline script.
 */
export function headerPolicy(file) {
  const own = source.selfContained;
  if (own.files.includes(file)) return `frame-ancestors ${own.frameAncestors}`;
  const framing = source.frameAncestors;
  const ancestors = framing.embeddable.includes(file) ? framing.embeddableValue : framing.otherwise;
  return `${metaPolicy()}; frame-ancestors ${ancestors}`;
}

/**
 * The single file's policy: nothing from anywhere (it has no "self" to load from) but
 * its one inline script and style, by hash, and the module compiled from it; the rest
 * as the site's.
 */
export function singleFilePolicy({ scriptHash, styleHash }) {
  const { directives } = source;
  return join({
    'default-src': ["'none'"],
    'script-src': [scriptHash, "'wasm-unsafe-eval'"],
    'style-src': [styleHash],
    'img-src': directives['img-src'].filter((v) => v !== "'self'"),
    'object-src': directives['object-src'],
    'base-uri': directives['base-uri'],
    'form-action': directives['form-action'],
  });
}

const META = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)/;

/** The pages of www/ with a CSP <meta>, and what each says. */
export function pages() {
  const dir = path.join(root, 'www');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html'))
    .map((name) => {
      const file = path.join(dir, name);
      const html = readFileSync(file, 'utf8');
      return { name, file, html, policy: META.exec(html)?.[2] ?? null };
    });
}

const mode = process.argv[2];
if (mode === '--write' || mode === '--check') {
  const wrong = [];
  for (const page of pages()) {
    if (page.policy === metaPolicy()) continue;
    if (page.policy === null) {
      wrong.push(`${page.name}: no Content-Security-Policy <meta>`);
    } else if (mode === '--write') {
      writeFileSync(page.file, page.html.replace(META, (_, a, __, c) => `${a}${metaPolicy()}${c}`));
    } else {
      wrong.push(`${page.name}: its <meta> CSP differs from .ci/csp.json`);
    }
  }
  if (wrong.length) {
    console.error(wrong.join('\n'));
    process.exit(1);
  }
}
