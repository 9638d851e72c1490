#!/usr/bin/env python3
"""Serves www/ on 127.0.0.1 with the headers the playground runs under.

The Content-Security-Policy comes from the site's one source, .ci/csp.json: only the
site's own scripts, styles and WebAssembly ('wasm-unsafe-eval' is what compiling a
module needs); no inline script, no inline style attribute, no request to another
origin; framing by any site only for the pages offered for embedding.
"""
import argparse
import functools
import http.server
import json
import pathlib
import posixpath
import sys
import urllib.parse

SOURCE = json.loads((pathlib.Path(__file__).resolve().parent / "csp.json").read_text())


def csp_for(url_path):
    """The policy for a request path, as .ci/csp.mjs's headerPolicy() writes it."""
    page = posixpath.basename(urllib.parse.urlsplit(url_path).path) or "index.html"
    own = SOURCE["selfContained"]
    if page in own["files"]:
        # The single file's <meta> carries its own hash-based policy.
        return f"frame-ancestors {own['frameAncestors']}"
    directives = "; ".join(" ".join([name, *values])
                           for name, values in SOURCE["directives"].items())
    framing = SOURCE["frameAncestors"]
    ancestors = (framing["embeddableValue"] if page in framing["embeddable"]
                 else framing["otherwise"])
    return f"{directives}; frame-ancestors {ancestors}"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def end_headers(self):
        self.send_header("Content-Security-Policy", csp_for(self.path))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        # Course pages on other sites load the custom element and the module from here.
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.server.quiet:
            super().log_message(fmt, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", default="www")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.quiet = args.quiet
    print(f"Serving {args.dir}/ on http://127.0.0.1:{server.server_address[1]}/ "
          "(press Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
