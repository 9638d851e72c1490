#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/: seed inputs for each fuzz target, taken from the test
vectors in tests/data (Wycheproof keys and signatures, the pastes of OpenSSL and
OpenSSH, the TLS 1.2 messages of the Illustrated TLS Connection) and from keys the
crate writes. Run it again when the test data changes; the corpus is committed."""
import base64
import hashlib
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = ROOT / "fuzz" / "corpus"


def load(name):
    return json.loads((DATA / "wycheproof" / name).read_text())


def cases(name):
    for group in load(name)["testGroups"]:
        for case in group["tests"]:
            yield group, case


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha256(data).hexdigest()[:16]).write_bytes(data)


def pem(label, der):
    body = base64.b64encode(der).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    pastes = sorted((DATA / "pastes").glob("*"))
    texts = [p.read_text() for p in pastes if p.name != "README.md"]

    # Every 20th ECDH case: valid keys and a spread of the malformed ones.
    spki = [bytes.fromhex(c["public"]) for _, c in cases("ecdh_secp256r1_test.json")][::20]
    sigs = [bytes.fromhex(c["sig"]) for _, c in cases("ecdsa_secp256r1_sha256_test.json")][::20]
    points = [c["public"] for _, c in cases("ecdh_secp256r1_ecpoint_test.json")][::40]
    x25519 = [c["public"] for _, c in cases("x25519_test.json")][::60]
    jwks = [json.dumps(c["public"]) for _, c in cases("ecdh_secp256r1_webcrypto_test.json")][::30]

    for text in texts:
        write("public_key", text)
        write("private_key", text)
        write("text", text)
    for der in spki:
        write("public_key", der.hex())
        write("public_key", pem("PUBLIC KEY", der))
        write("der", der)
    for text in points + x25519 + jwks:
        write("public_key", text)
    for text in jwks:
        write("jwk", text)
    for sig in sigs:
        write("der", sig)
        write("signature", sig)
    for text in texts:
        if "-----BEGIN" in text and "OPENSSH" not in text:
            body = "".join(l for l in text.splitlines() if not l.startswith("-----"))
            try:
                write("der", base64.b64decode(body))
            except ValueError:
                pass
    for name in ("id_ecdsa", "id_ed25519", "id_ecdsa_encrypted"):
        text = (DATA / "pastes" / name).read_text()
        body = "".join(l for l in text.splitlines() if not l.startswith("-----"))
        write("openssh", base64.b64decode(body))
    for name in ("id_ecdsa.pub", "id_ed25519.pub"):
        write("openssh", (DATA / "pastes" / name).read_text())
    for text in ["00" * 12 + "11" * 20, "", "deadbeef"]:
        write("envelope", bytes.fromhex(text))
    tls = json.loads((DATA / "tls" / "tls12_illustrated.json").read_text())
    for value in tls.values():
        if isinstance(value, dict):
            for inner in value.values():
                if isinstance(inner, str) and len(inner) % 2 == 0:
                    try:
                        write("tls12", bytes.fromhex(inner))
                    except ValueError:
                        pass
    tls13 = json.loads((DATA / "tls" / "tls13_illustrated.json").read_text())
    for record in tls13["encrypted_records"].values():
        # The target's input is (u8 sequence, u16 length, label, record): arbitrary's
        # encoding puts the last slice whole at the end.
        write("tls13", bytes([record["sequence_number"] % 8, 32, 0, 3, 0, 0, 0]) + b"key"
              + bytes.fromhex(record["record"]))
    for name, field in (("mlkem_768_encaps_test.json", "ek"), ("mlkem_768_test.json", "c"),
                        ("mlkem_768_keygen_seed_test.json", "dk")):
        for _, case in list(cases(name))[::25]:
            write("mlkem", bytes.fromhex(case[field]))
    # tls_machines: (mode, edits). With the top bit set, the mode picks one of four real
    # flights the target makes itself (1.3 and 1.2, each side) and no edits replay it
    # unchanged; the fuzzer mutates from there.
    for mode in range(4):
        write("tls_machines", bytes([0x80 | mode]))
        write("tls_machines", bytes([0x80 | mode | 0x10]) + bytes([0, 10, 0]))
    for target in sorted(OUT.iterdir()):
        print(f"{target.name}: {len(list(target.iterdir()))} seeds")


main()
