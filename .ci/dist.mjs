// make dist: dist/ecdh-playground.html, one self-contained file (scripts, styles and the
// WebAssembly module inlined; a CSP that allows exactly those inline blocks by hash),
// which works opened from disk and uploaded as-is to a course platform; and dist/site/,
// the static site to host anywhere.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { singleFilePolicy } from './csp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const here = path.join(root, '.ci', 'dist');
const out = path.join(root, 'dist');

// www/js/wasm.js fetches the module; the single file must not, so it gets wasm-inline.js.
const inlineWasm = {
  name: 'inline-wasm',
  setup(b) {
    b.onResolve({ filter: /\/wasm\.js$/ }, (args) => (
      args.importer.startsWith(path.join(root, 'www', 'js'))
        ? { path: path.join(here, 'wasm-inline.js') }
        : undefined));
  },
};

const bundle = await build({
  entryPoints: [path.join(here, 'single.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  loader: { '.wasm': 'binary' },
  plugins: [inlineWasm],
  logLevel: 'warning',
  legalComments: 'none',
});
// A "</script" inside the code would end the inline script early.
const js = bundle.outputFiles[0].text.replaceAll('</script', '<\\/script');
const css = await readFile(path.join(root, 'www', 'css', 'style.css'), 'utf8');
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = singleFilePolicy({ scriptHash: hash(js), styleHash: hash(css) });
const template = await readFile(path.join(here, 'single.html'), 'utf8');
// Replaced by function, so that "$" in the code is never read as a pattern.
const html = template
  .replace('%CSP%', () => csp)
  .replace('%CSS%', () => css)
  .replace('%JS%', () => js);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await writeFile(path.join(out, 'ecdh-playground.html'), html);
await cp(path.join(root, 'www'), path.join(out, 'site'), { recursive: true });
// The playground's page as hosted: its JavaScript in one file instead of some thirty
// modules fetched one import level after another (the first keys come about half as
// late from a cold load; README, Performance). The other pages keep their modules; the
// module's glue stays apart, loaded by wasm.js for the build it picks.
const site = path.join(out, 'site');
await build({
  entryPoints: [path.join(site, 'js', 'index.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  outfile: path.join(site, 'js', 'index.bundle.js'),
  logLevel: 'warning',
  legalComments: 'none',
});
const index = await readFile(path.join(site, 'index.html'), 'utf8');
const bundled = index
  .replace('<script type="module" src="js/index.js"></script>', '<script type="module" src="js/index.bundle.js"></script>')
  .replace(/ *<!--(?:(?!-->)[\s\S])*?module graph[\s\S]*?-->\n/, '')
  .replace(/ *<link rel="modulepreload" href="js\/[^"]+">\n/g, '');
if (!bundled.includes('js/index.bundle.js') || bundled.includes('rel="modulepreload" href="js/')) {
  throw new Error('dist: index.html no longer has the script and preloads this step rewrites');
}
await writeFile(path.join(site, 'index.html'), bundled);
// The site offers the single file for download (every page's footer links to it).
await writeFile(path.join(out, 'site', 'ecdh-playground.html'), html);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`dist/ecdh-playground.html (${kb(Buffer.byteLength(html))}) and dist/site/, which offers it for download`);
