// Links to the site's other pages from parts that may be mounted elsewhere: on the site a
// page is next to this module's directory; inlined into the single-file build (make
// dist) this module has no site around it, and there are no such links.
const ON_SITE = /\/js\/site\.js$/.test(new URL(import.meta.url).pathname);

/** The URL of the site's page `name` (e.g. "inspect.html#…"), or null off the site. */
export function sitePage(name) {
  return ON_SITE ? new URL(`../${name}`, import.meta.url).href : null;
}
