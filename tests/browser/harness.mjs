// Shared helpers for the browser end-to-end tests: the dev server (.ci/serve.py, which
// sends the site's Content-Security-Policy header), Debian's Chromium through
// playwright-core, and a watcher that records everything a clean page must not do.
import { test, before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The repository root: tests/browser/../.. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Starts `.ci/serve.py --port 0 --dir www --quiet` (or another `dir`, such as dist/site)
 * as a child process and waits for the line naming its address. Resolves to { url,
 * origin, stop() }.
 */
export async function startServer({ timeoutMs = 15_000, dir = 'www' } = {}) {
  const child = spawn('python3', ['.ci/serve.py', '--port', '0', '--dir', dir, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.stdout.setEncoding('utf8');

  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not start in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /Serving \S+ on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal})\nstderr: ${stderr}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  // Keep draining stdout so the child never blocks on a full pipe; never outlive Node.
  child.stdout.resume();
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);

  return {
    url,
    origin: new URL(url).origin,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Launches headless Debian Chromium (never a downloaded browser). */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// Runs in every document before the page's own scripts (and is not subject to the CSP):
// records Content-Security-Policy violations in window.__csp and reports them to Node.
const CSP_INIT_SCRIPT = `(() => {
  window.__csp = window.__csp || [];
  document.addEventListener('securitypolicyviolation', (event) => {
    const entry = {
      directive: event.effectiveDirective || event.violatedDirective,
      blockedURI: event.blockedURI,
      source: event.sourceFile + ':' + event.lineNumber,
      sample: event.sample,
    };
    window.__csp.push(entry);
    if (typeof window.__reportCsp === 'function') window.__reportCsp(entry).catch(() => {});
  });
})();`;

/**
 * Watches a page: console errors, uncaught page errors, CSP violations (from the
 * securitypolicyviolation event via window.__csp, and console messages that mention
 * Content Security Policy), every request whose origin is not the server's, and HTTP
 * error responses. Call before the first goto. data:, blob: and about: URLs never leave
 * the page and are not counted as requests to another origin.
 *
 * Returns { consoleErrors, pageErrors, cspViolations, foreignRequests, badResponses,
 * issues(), assertClean() }.
 */
export async function watch(page, origin) {
  const record = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    foreignRequests: [],
    badResponses: [],
  };
  await page.exposeFunction('__reportCsp', (entry) => {
    record.cspViolations.push({ from: 'securitypolicyviolation', ...entry });
  });
  await page.addInitScript(CSP_INIT_SCRIPT);

  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') record.consoleErrors.push(text);
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      record.cspViolations.push({ from: 'console', type: message.type(), text });
    }
  });
  page.on('pageerror', (error) => record.pageErrors.push(String(error?.stack ?? error)));
  page.on('request', (request) => {
    const url = request.url();
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      record.foreignRequests.push(url);
      return;
    }
    if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return;
    if (parsed.origin !== origin) record.foreignRequests.push(`${request.method()} ${url}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record.badResponses.push(`${response.status()} ${response.url()}`);
  });

  /** Everything recorded so far, plus what the current document holds in window.__csp. */
  const issues = async () => {
    let inPage = [];
    if (!page.isClosed()) {
      try {
        inPage = await page.evaluate(() => window.__csp ?? []);
      } catch {
        inPage = [];
      }
    }
    // The binding normally reports each violation too; keep the in-page ones that it missed.
    const seen = new Set(record.cspViolations.map((v) => JSON.stringify(v)));
    const missed = inPage
      .map((v) => ({ from: 'securitypolicyviolation', ...v }))
      .filter((v) => !seen.has(JSON.stringify(v)));
    return {
      consoleErrors: [...record.consoleErrors],
      pageErrors: [...record.pageErrors],
      cspViolations: [...record.cspViolations, ...missed],
      foreignRequests: [...record.foreignRequests],
      badResponses: [...record.badResponses],
    };
  };

  return {
    ...record,
    issues,
    /** Throws, listing them, if anything was recorded. */
    async assertClean(label = 'page') {
      const found = await issues();
      const problems = Object.entries(found).filter(([, list]) => list.length > 0);
      if (problems.length > 0) {
        const detail = problems.map(([kind, list]) => `  ${kind}:\n${list.map((x) => `    - ${typeof x === 'string' ? x : JSON.stringify(x)}`).join('\n')}`).join('\n');
        throw new Error(`${label} was not clean:\n${detail}`);
      }
    },
  };
}

/**
 * One test's browser contexts and pages. `open(pathAndQuery, contextOptions, { ready,
 * initScript })` makes a fresh context (a separate "tab" with its own sessionStorage),
 * watches its page, runs `initScript` in it, loads the URL and (unless `ready` is false)
 * waits for body[data-ready="true"]. `finish()` closes everything and throws
 * if any watched page logged an error, broke the CSP or talked to another origin.
 */
export function session(browser, server) {
  const opened = [];
  return {
    async open(pathAndQuery = '/', contextOptions = {}, { ready = true, initScript = null } = {}) {
      const context = await browser.newContext(contextOptions);
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const watcher = await watch(page, server.origin);
      if (initScript) await page.addInitScript(initScript);
      opened.push({ context, page, watcher, label: pathAndQuery });
      await page.goto(new URL(pathAndQuery, server.url).href);
      // A page that is not the site's (a course page) has no body[data-ready].
      if (ready) await waitReady(page);
      return page;
    },
    watcherOf(page) {
      return opened.find((o) => o.page === page)?.watcher;
    },
    /**
     * Closes every context. With `check` (the default) throws if a watched page was not
     * clean; without, resolves to the report (for a test that already failed).
     */
    async finish({ check = true } = {}) {
      const errors = [];
      for (const { context, watcher, label } of opened) {
        try {
          await watcher.assertClean(label);
        } catch (e) {
          errors.push(e.message);
        }
        await context.close();
      }
      opened.length = 0;
      if (check && errors.length > 0) throw new Error(errors.join('\n'));
      return errors.join('\n');
    },
  };
}

/** Waits for the page to say its WebAssembly module is loaded and the UI is built. */
export async function waitReady(page) {
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
}

/** A RegExp as [source, flags]; a string as a pattern matching text that contains it. */
function patternSource(pattern) {
  return pattern instanceof RegExp
    ? [pattern.source, pattern.flags]
    : [pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''];
}

/**
 * Waits until the text of `selector` matches `pattern` (a RegExp or a string it must
 * contain); resolves to that text. Polls in the page, no fixed sleeps.
 */
export async function waitForText(page, selector, pattern) {
  const [source, flags] = patternSource(pattern);
  try {
    const handle = await page.waitForFunction(([sel, src, fl]) => {
      const node = document.querySelector(sel);
      if (!node) return false;
      const text = node.textContent;
      return new RegExp(src, fl).test(text) ? text : false;
    }, [selector, source, flags]);
    return await handle.jsonValue();
  } catch (e) {
    const actual = await page.locator(selector).first().textContent().catch(() => '(missing)');
    throw new Error(`${selector}: waited for ${pattern}, text is ${JSON.stringify(actual)}\n${e.message}`);
  }
}

/** Waits until the value of a form field matches `pattern`; resolves to the value. */
export async function waitForValue(page, selector, pattern) {
  const [source, flags] = patternSource(pattern);
  const handle = await page.waitForFunction(([sel, src, fl]) => {
    const node = document.querySelector(sel);
    return node && new RegExp(src, fl).test(node.value) ? node.value : false;
  }, [selector, source, flags]);
  return handle.jsonValue();
}

/** The texts of the items of a list (e.g. an inbox), in order. */
export function itemTexts(page, listSelector) {
  return page.locator(`${listSelector} > li`).allTextContents();
}

/**
 * The frame of a test file: starts the server and Chromium before its tests and stops
 * them after, hands them to `onStart(server, browser)`, and returns `browserTest(name,
 * body)`, which runs `body(session, t)` with a fresh session (`makeSession`, by default
 * `session`). After the body passes every watched page must be clean; if it fails, what
 * the watchers saw is added to the failure message.
 */
export function browserSuite(onStart, makeSession = session) {
  const running = {};
  before(async () => {
    running.server = await startServer();
    running.browser = await launchBrowser();
    onStart?.(running.server, running.browser);
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return function browserTest(name, body) {
    test(name, async (t) => {
      const s = makeSession(running.browser, running.server);
      try {
        await body(s, t);
      } catch (error) {
        const report = await s.finish({ check: false }).catch((e) => String(e));
        if (report) error.message += `\n--- what the pages did ---\n${report}`;
        throw error;
      }
      await s.finish();
    });
  };
}

/** Fails unless the page fits 360 px without horizontal scrolling; names what sticks out. */
export async function assertNoOverflow(page, when) {
  const { scrollWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    // The elements sticking out or holding text that sticks out, deepest first, to make
    // a failure easy to fix.
    wide: [...document.querySelectorAll('body *')]
      .filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
        || (node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX === 'visible'))
      .reverse()
      .slice(0, 5)
      .map((node) => `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.className ? `.${node.className}` : ''}`),
  }));
  assert.ok(scrollWidth <= 360, `${when}: scrollWidth ${scrollWidth} > 360 (${wide.join(', ')})`);
}

/**
 * Runs axe-core in the page; resolves to its serious and critical violations, and those
 * of `alsoRules` whatever their impact (axe calls a repeated landmark name and a skipped
 * heading level moderate; a screen reader's list of landmarks or headings needs both).
 */
export async function axeViolations(page, { alsoRules = ['landmark-unique', 'heading-order'] } = {}) {
  // addScriptTag would add an inline <script>, which the site's CSP refuses (and the
  // watcher would report); evaluated through the DevTools protocol, it is not a script
  // of the page and needs no exception in the policy.
  const source = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.ok(results.passes.length > 20, `axe ran its rules (${results.passes.length} passed)`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || alsoRules.includes(v.id))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}
