#!/usr/bin/env python3
"""Writes src/attacks/invalid_curve/table.rs, the invalid-curve attack's table of points.

Runs scan() of invalid-curves.gp (beside this file) with PARI/GP (Debian: apt-get install
pari-gp) over b' = 1 .. BMAX, in CHUNKS processes at once; each prints "b q x y" for every
prime q < 2^10 dividing the order of y^2 = x^3 - 3x + b' and a point of order q. Keeps,
for each prime, the curve with the smallest b'; then the smallest primes, in ascending
order, until their product exceeds n^2; checks every point again here (on its curve, not
on P-256, q*P the point at infinity) and writes the Rust table. From the repository's
root:

    python3 tools/invalid-curves/make-table.py

About 1.8 s of SEA point counting per curve, some 7 minutes of CPU in all. The output is
the same on every run. `--from FILE...` reads scan()'s output from the files instead of
running gp.
"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "src" / "attacks" / "invalid_curve" / "table.rs"

P = 2**256 - 2**224 + 2**192 + 2**96 - 1
B256 = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def add(a, b, p1, p2):
    """p1 + p2 on y^2 = x^3 + ax + b over F_P; None is the point at infinity."""
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if p1 == p2:
        lam = (3 * x1 * x1 + a) * pow(2 * y1, -1, P) % P
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (lam * lam - x1 - x2) % P
    return (x3, (lam * (x1 - x3) - y1) % P)


def mul(a, b, k, point):
    result = None
    while k:
        if k & 1:
            result = add(a, b, result, point)
        point = add(a, b, point, point)
        k >>= 1
    return result


BMAX = 220
CHUNKS = 2


def chunks():
    step = -(-BMAX // CHUNKS)
    return [(b0, min(b0 + step - 1, BMAX)) for b0 in range(1, BMAX + 1, step)]


def run_gp():
    """scan() over every chunk, the chunks' gp processes running at once."""
    running = []
    for b0, b1 in chunks():
        gp = subprocess.Popen(
            ["gp", "-q", "-f"],
            cwd=HERE,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        gp.stdin.write(f"\\r invalid-curves.gp\nscan({b0}, {b1})\n")
        gp.stdin.close()
        running.append(gp)
    outputs = []
    for gp in running:
        outputs.append(gp.stdout.read())
        if gp.wait() != 0:
            sys.exit("gp failed")
    return "".join(outputs)


def byte_array(value):
    data = value.to_bytes(32, "big")
    lines = []
    for i in range(0, 32, 8):
        lines.append(" ".join(f"0x{v:02x}," for v in data[i : i + 8]))
    return "\n".join(lines)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--from":
        output = "".join(pathlib.Path(name).read_text() for name in sys.argv[2:])
    else:
        output = run_gp()
    first = {}
    for line in output.split("\n"):
        if not line.strip() or line.lstrip().startswith("*"):
            continue
        b, q, x, y = line.split()
        b, q, x, y = int(b), int(q), int(x, 16), int(y, 16)
        if q not in first or b < first[q][0]:
            first[q] = (b, q, x, y)
    rows = []
    product = 1
    for q in sorted(first):
        if product > N * N:
            break
        b, q, x, y = first[q]
        assert (y * y - (x**3 - 3 * x + b)) % P == 0, (b, q)
        assert (y * y - (x**3 - 3 * x + B256)) % P != 0, (b, q)
        assert y != 0 or q == 2, (b, q)
        assert mul(-3, b, q, (x, y)) is None, (b, q)
        rows.append((b, q, x, y))
        product *= q
    assert product > N * N, "the primes multiply to less than n^2: raise BMAX"
    body = []
    for b, q, x, y in rows:
        body.append(
            "    InvalidPoint {\n"
            f"        b: {b},\n"
            f"        q: {q},\n"
            "        point: RawPoint {\n"
            "            x: [\n"
            + "\n".join("                " + l for l in byte_array(x).split("\n"))
            + "\n            ],\n            y: [\n"
            + "\n".join("                " + l for l in byte_array(y).split("\n"))
            + "\n            ],\n        },\n    },"
        )
    text = (
        "//! The invalid-curve attack's points: for each prime q < 2^10 in ascending order,\n"
        f"//! the smallest b′ ≤ {BMAX} such that q divides the order of y² = x³ − 3x + b′ over\n"
        "//! P-256's field, and a point of order q on that curve, until the\n"
        f"//! primes multiply to more than n² ({len(rows)} points, log₂ of the product"
        f" {product.bit_length() - 1}).\n"
        "//!\n"
        "//! Data, written by tools/invalid-curves/make-table.py from the output of\n"
        "//! tools/invalid-curves/invalid-curves.gp (PARI/GP's SEA point counting); to\n"
        "//! regenerate: `python3 tools/invalid-curves/make-table.py` (needs Debian's pari-gp).\n"
        "//! tests/invalid_curve.rs checks every point. Do not edit by hand.\n"
        "\n"
        "use super::InvalidPoint;\n"
        "use crate::attacks::careless_server::RawPoint;\n"
        "\n"
        "/// The points, by ascending q.\n"
        "pub(super) const TABLE: &[InvalidPoint] = &[\n"
        + "\n".join(body)
        + "\n];\n"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} points, primes up to {rows[-1][1]}")


if __name__ == "__main__":
    sys.exit(main())
