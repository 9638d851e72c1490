// Links to the site's other pages from parts that may be mounted elsewhere: on the site a
// page is next to the directory of this module (or of the bundle it is part of, as in
// dist/site); inlined into the single-file build (make dist) it has no site around it —
// its import.meta.url is the HTML file's — and there are no such links.
const ON_SITE = /\/js\/[^/]+\.js$/.test(new URL(import.meta.url).pathname);

/** The URL of the site's page `name` (e.g. "inspect.html#…"), or null off the site. */
export function sitePage(name) {
  return ON_SITE ? new URL(`../${name}`, import.meta.url).href : null;
}
