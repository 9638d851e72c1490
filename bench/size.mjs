// Bytes of what a visitor downloads, raw, gzip (-9) and brotli (quality 11), each file
// compressed on its own as a server would send it:
// - each build of the module in www/pkg (and www/pkg/first, the playground's first
//   module, www/pkg/core, www/pkg/hybrid, www/pkg/core-wide when they exist): .wasm and
//   glue, and what ML-KEM adds to the core build (hybrid − core);
// - the whole first page: every file a cold load of / requests in headless Chromium until
//   the page says it is ready (HTML, CSS, JavaScript modules, the .wasm it chose).
// `make size` prints this; bench/run.mjs puts it in the benchmark report.
//
//   node bench/size.mjs [--json FILE]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ROOT, startServer, launchBrowser } from '../tests/browser/harness.mjs';

const WWW = path.join(ROOT, 'www');
/** The builds of the module, by folder under www/. */
const PACKAGES = ['pkg', 'pkg/first', 'pkg/core', 'pkg/hybrid', 'pkg/core-wide'];

function sizesOf(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO = { raw: 0, gzip: 0, brotli: 0 };

/** Sizes of files under www/: { files: [{ file, raw, gzip, brotli }], total }. */
export function filesSizes(files, www = WWW) {
  const list = files.map((file) => ({ file, ...sizesOf(fs.readFileSync(path.join(www, file))) }));
  return { files: list, total: list.reduce(add, ZERO) };
}

/** Each build of the module: { 'pkg': { wasm, glue, total }, 'pkg/core': ... }. */
export function packageSizes(www = WWW) {
  const out = {};
  for (const dir of PACKAGES) {
    const wasmFile = path.join(www, dir, 'ecdh_playground_bg.wasm');
    if (!fs.existsSync(wasmFile)) continue;
    const wasm = sizesOf(fs.readFileSync(wasmFile));
    const glue = sizesOf(fs.readFileSync(path.join(www, dir, 'ecdh_playground.js')));
    out[dir] = { wasm, glue, total: add(wasm, glue) };
  }
  return out;
}

/**
 * The files under www/ that a cold load of `pagePath` requests until body[data-ready],
 * in a fresh browser context (empty cache).
 */
export async function firstPageFiles(browser, server, pagePath = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== server.origin) return;
    const file = decodeURIComponent(url.pathname).replace(/^\//, '').replace(/(^|\/)$/, '$1index.html');
    files.add(file);
  });
  await page.goto(new URL(pagePath, server.url).href);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
  await context.close();
  return [...files].filter((f) => fs.existsSync(path.join(WWW, f))).sort();
}

/**
 * { packages, firstPage: { page, files, total, module } }; `module` names the build the
 * first page loaded. Starts its own server and Chromium unless given them.
 */
export async function measureSizes({ browser, server } = {}) {
  const own = !browser;
  if (own) {
    server = await startServer();
    browser = await launchBrowser();
  }
  try {
    const files = await firstPageFiles(browser, server, '/');
    const wasm = files.find((f) => f.endsWith('.wasm'));
    return {
      packages: packageSizes(),
      firstPage: { page: '/', module: wasm ? path.posix.dirname(wasm) : null, ...filesSizes(files) },
    };
  } finally {
    if (own) {
      await browser.close();
      await server.stop();
    }
  }
}

/** The sizes as a plain-text table. */
export function formatSizes(sizes) {
  const line = (name, raw, gzip, brotli) => `${name.padEnd(46)} ${raw.padStart(9)} ${gzip.padStart(9)} ${brotli.padStart(9)}`;
  const row = (name, s) => line(name, String(s.raw), String(s.gzip), String(s.brotli));
  const out = [line('bytes', 'raw', 'gzip', 'brotli')];
  for (const [dir, p] of Object.entries(sizes.packages)) {
    out.push(row(`${dir}/ecdh_playground_bg.wasm`, p.wasm), row(`${dir}/ecdh_playground.js (glue)`, p.glue), row(`${dir}: module + glue`, p.total));
  }
  const { 'pkg/core': core, 'pkg/hybrid': hybrid } = sizes.packages;
  if (core && hybrid) {
    const d = (k) => String(hybrid.total[k] - core.total[k]);
    out.push(line('ML-KEM-768 + hybrid (pkg/hybrid − pkg/core)', d('raw'), d('gzip'), d('brotli')));
  }
  const first = sizes.firstPage;
  for (const { file, ...s } of first.files) out.push(row(`  first page: ${file}`, s));
  out.push(row(`whole first page (${first.files.length} files; module: ${first.module})`, first.total));
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const sizes = await measureSizes();
  console.log(formatSizes(sizes));
  if (args.includes('--json')) {
    fs.writeFileSync(args[args.indexOf('--json') + 1], `${JSON.stringify(sizes, null, 2)}\n`);
  }
}
