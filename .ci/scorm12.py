#!/usr/bin/env python3
"""make dist: dist/ecdh-playground-scorm12.zip, a SCORM 1.2 package of the single file.

The package holds imsmanifest.xml (.ci/dist/imsmanifest.xml, one SCO) and
dist/ecdh-playground.html, launched with a lesson in its query (by default hide=secret,okm:
the students work out the shared secret and both keys, and "Check my answer" is scored;
see www/js/scorm.js). Another lesson: make dist SCORM_LESSON='seed=lesson-3&hide=okm'.
The zip's entries carry a fixed date, so the same inputs give the same bytes. A copy goes
into dist/site/ for the download link of every page's footer.
"""
import argparse
import pathlib
import shutil
import sys
import urllib.parse
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXED_DATE = (2024, 1, 1, 0, 0, 0)


def entry(name):
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lesson", default="hide=secret,okm",
                        help="the lesson's query, as in a link (default: hide=secret,okm)")
    args = parser.parse_args()
    lesson = args.lesson.lstrip("?")
    names = {name for name, _ in urllib.parse.parse_qsl(lesson, keep_blank_values=True)}
    unknown = names - {"view", "curve", "seed", "round", "salt", "info", "hide", "mallory", "theme"}
    if unknown:
        sys.exit(f"SCORM_LESSON: unknown name(s) {', '.join(sorted(unknown))}; "
                 "use the names of a lesson link (curve, seed, round, salt, info, hide, mallory, theme, view)")
    single = ROOT / "dist" / "ecdh-playground.html"
    if not single.exists():
        sys.exit("dist/ecdh-playground.html is missing: node .ci/dist.mjs writes it first")
    launch = f"ecdh-playground.html?{lesson}" if lesson else "ecdh-playground.html"
    title = "ECDH key exchange: work out the hidden values" if "hide=" in lesson else "ECDH key exchange"
    manifest = ((ROOT / ".ci" / "dist" / "imsmanifest.xml").read_text()
                .replace("%LAUNCH%", escape(launch, {'"': "&quot;"}))
                .replace("%TITLE%", escape(title)))
    out = ROOT / "dist" / "ecdh-playground-scorm12.zip"
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(entry("imsmanifest.xml"), manifest)
        package.writestr(entry("ecdh-playground.html"), single.read_bytes())
    shutil.copyfile(out, ROOT / "dist" / "site" / out.name)
    print(f"dist/{out.name} ({out.stat().st_size // 1024} KB, launches {launch}) and a copy in dist/site/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
