// Copies the noble ES modules the benchmark needs from node_modules into www/vendor/noble/,
// so the bench page can import them from the site's own origin without a bundler or an
// import map (an inline import map would break the CSP). Only the modules reachable from
// the entry points below are copied, each with its licence. @noble/curves imports
// '@noble/hashes/...' by bare specifier; those are rewritten to relative paths.
//
//   node bench/vendor.mjs          (run by `make bench`; www/vendor/ is generated, ignored)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FROM = path.join(ROOT, 'node_modules', '@noble');
const TO = path.join(ROOT, 'www', 'vendor', 'noble');
const PACKAGES = ['curves', 'hashes', 'ciphers'];
/** What www/js/bench-core.js imports, as paths under www/vendor/noble/. */
export const ENTRY_POINTS = [
  'curves/nist.js', 'curves/ed25519.js', 'hashes/hkdf.js', 'hashes/sha2.js',
  'ciphers/aes.js', 'ciphers/utils.js',
];

// Static `import ... from '...'`, `export ... from '...'` (possibly over several lines) and
// `import '...'`, at the start of a line: usage examples in doc comments (` * import ...`)
// do not match, so the modules they name are neither copied nor rewritten.
const SPECIFIER = /^((?:import|export)\b[^;'"]*?\bfrom\s*|import\s*)(['"])([^'"\n]+)\2/gm;

/** Rewrites a bare '@noble/<pkg>/<file>' specifier to a path relative to `file`. */
function rewrite(source, file) {
  return source.replace(SPECIFIER, (match, keyword, quote, spec) => {
    const bare = /^@noble\/([a-z]+)\/(.+)$/.exec(spec);
    if (!bare) return match;
    let relative = path.relative(path.dirname(file), path.join(bare[1], bare[2])).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    return `${keyword}${quote}${relative}${quote}`;
  });
}

/** Every module reachable from the entry points, as paths relative to node_modules/@noble. */
function reachable() {
  const seen = new Set();
  const queue = [...ENTRY_POINTS];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    const source = fs.readFileSync(path.join(FROM, file), 'utf8');
    seen.add(file);
    for (const [, , , spec] of source.matchAll(SPECIFIER)) {
      const bare = /^@noble\/([a-z]+)\/(.+)$/.exec(spec);
      let target;
      if (bare) target = path.posix.join(bare[1], bare[2]);
      else if (spec.startsWith('.')) target = path.posix.join(path.posix.dirname(file), spec);
      else continue;
      queue.push(target);
    }
  }
  return [...seen].sort();
}

/** Copies the modules; resolves to the list of files written. */
export function vendor() {
  for (const pkg of PACKAGES) {
    if (!fs.existsSync(path.join(FROM, pkg, 'package.json'))) {
      throw new Error(`node_modules/@noble/${pkg} is missing: run npm ci first`);
    }
  }
  fs.rmSync(TO, { recursive: true, force: true });
  const files = reachable();
  for (const file of files) {
    const out = path.join(TO, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, rewrite(fs.readFileSync(path.join(FROM, file), 'utf8'), file));
  }
  const versions = {};
  for (const pkg of PACKAGES) {
    fs.copyFileSync(path.join(FROM, pkg, 'LICENSE'), path.join(TO, pkg, 'LICENSE'));
    versions[`@noble/${pkg}`] = JSON.parse(fs.readFileSync(path.join(FROM, pkg, 'package.json'), 'utf8')).version;
  }
  // The page reads the versions from here to label its table.
  fs.writeFileSync(path.join(TO, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
  return { files, versions };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, versions } = vendor();
  const list = Object.entries(versions).map(([name, v]) => `${name} ${v}`).join(', ');
  console.log(`vendored ${files.length} modules of ${list} into www/vendor/noble/`);
}
