"""The other side of tests/interop.rs: Python `cryptography` answering one request.

Reads a JSON request (or a list of them) on stdin and writes the response (or the list
of responses) on stdout. Bytes travel as lowercase hex, PEM as text, absent values as
null. Any failure exits non-zero with the reason on stderr, so the Rust test fails.
"""

import json
import os
import sys

try:
    from cryptography.exceptions import InvalidSignature, InvalidTag
    from cryptography.hazmat.primitives import hashes, hmac, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, utils, x25519
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
except ImportError as error:
    sys.exit(
        f"tests/interop/peer.py: {sys.executable} cannot import the Python package "
        f"`cryptography` ({error}).\nInstall it into a virtualenv and point the test at "
        "it:\n  python3 -m venv .venv && .venv/bin/pip install -r "
        "tests/interop/requirements.txt\n  ECDH_PLAYGROUND_PYTHON=.venv/bin/python "
        "cargo test --features interop --test interop"
    )

Encoding = serialization.Encoding
PublicFormat = serialization.PublicFormat
PrivateFormat = serialization.PrivateFormat
NO_ENCRYPTION = serialization.NoEncryption()


def unhex(value):
    return None if value is None else bytes.fromhex(value)


def be32(number):
    """A P-256 coordinate or scalar as 32 big-endian bytes, in hex."""
    return number.to_bytes(32, "big").hex()


def private_key(req):
    """The key in `private_pem`, or a fresh key on `curve`."""
    if "private_pem" in req:
        key = serialization.load_pem_private_key(req["private_pem"].encode(), None)
    elif req["curve"] == "P-256":
        key = ec.generate_private_key(ec.SECP256R1())
    elif req["curve"] == "X25519":
        key = x25519.X25519PrivateKey.generate()
    else:
        raise ValueError(f"unknown curve {req['curve']!r}")
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name != "secp256r1":
        raise ValueError(f"expected a P-256 key, got {key.curve.name}")
    return key


def public_pem(key):
    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()


def describe(req):
    """A key in every encoding Python writes, and its numbers."""
    key = private_key(req)
    public = key.public_key()
    out = {
        "spki_pem": public_pem(public),
        "spki_der": public.public_bytes(
            Encoding.DER, PublicFormat.SubjectPublicKeyInfo
        ).hex(),
        "pkcs8_pem": key.private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NO_ENCRYPTION
        ).decode(),
    }
    if isinstance(key, ec.EllipticCurvePrivateKey):
        numbers = public.public_numbers()
        out.update(
            curve="P-256",
            sec1_pem=key.private_bytes(
                Encoding.PEM, PrivateFormat.TraditionalOpenSSL, NO_ENCRYPTION
            ).decode(),
            raw_public=public.public_bytes(
                Encoding.X962, PublicFormat.UncompressedPoint
            ).hex(),
            compressed_public=public.public_bytes(
                Encoding.X962, PublicFormat.CompressedPoint
            ).hex(),
            x=be32(numbers.x),
            y=be32(numbers.y),
            d=be32(key.private_numbers().private_value),
        )
    else:
        out.update(
            curve="X25519",
            raw_public=public.public_bytes_raw().hex(),
            x=public.public_bytes_raw().hex(),
            d=key.private_bytes_raw().hex(),
        )
    return out


def exchange(req):
    """A fresh key's ECDH with `peer_public_pem`."""
    key = private_key(req)
    peer = serialization.load_pem_public_key(req["peer_public_pem"].encode())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        shared = key.exchange(ec.ECDH(), peer)
    else:
        shared = key.exchange(peer)
    return {"public_pem": public_pem(key.public_key()), "shared": shared.hex()}


def hkdf(req):
    okm = HKDF(
        algorithm=hashes.SHA256(),
        length=req["length"],
        salt=unhex(req["salt"]),
        info=unhex(req["info"]),
    ).derive(unhex(req["ikm"]))
    return {"okm": okm.hex()}


def sign(req):
    """A fresh P-256 key's signature of `message`, in DER and as r || s."""
    key = private_key({"curve": "P-256"})
    der = key.sign(unhex(req["message"]), ec.ECDSA(hashes.SHA256()))
    r, s = utils.decode_dss_signature(der)
    return {
        "public_pem": public_pem(key.public_key()),
        "der": der.hex(),
        "p1363": be32(r) + be32(s),
    }


def verify(req):
    """Verifies a DER signature, or an r || s one converted to DER first."""
    public = serialization.load_pem_public_key(req["public_pem"].encode())
    signature = unhex(req["signature"])
    if req["format"] == "p1363":
        if len(signature) != 64:
            raise ValueError(f"expected 64 bytes r || s, got {len(signature)}")
        r = int.from_bytes(signature[:32], "big")
        s = int.from_bytes(signature[32:], "big")
        signature = utils.encode_dss_signature(r, s)
    try:
        public.verify(signature, unhex(req["message"]), ec.ECDSA(hashes.SHA256()))
        return {"valid": True}
    except InvalidSignature:
        return {"valid": False}


def seal(req):
    """The envelope nonce || ciphertext || tag, with a fresh random nonce."""
    nonce = os.urandom(12)
    sealed = AESGCM(unhex(req["key"])).encrypt(
        nonce, unhex(req["plaintext"]), unhex(req["aad"])
    )
    return {"envelope": (nonce + sealed).hex()}


def open_envelope(req):
    """The plaintext, or null when authentication fails."""
    envelope = unhex(req["envelope"])
    try:
        plaintext = AESGCM(unhex(req["key"])).decrypt(
            envelope[:12], envelope[12:], unhex(req["aad"])
        )
        return {"plaintext": plaintext.hex()}
    except InvalidTag:
        return {"plaintext": None}


def hmac_sha256(key, data):
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(data)
    return mac.finalize()


def tls12_prf(secret, label, seed, length):
    """The TLS 1.2 PRF with SHA-256 (RFC 5246 section 5): P_SHA256(secret, label + seed)."""
    labelled = label + seed
    out, a = b"", labelled
    while len(out) < length:
        a = hmac_sha256(secret, a)
        out += hmac_sha256(secret, a + labelled)
    return out[:length]


def hex_or_none(value):
    return None if value is None else value.hex()


def aesgcm_open(key, nonce, sealed, aad):
    try:
        return AESGCM(key).decrypt(nonce, sealed, aad)
    except InvalidTag:
        return None


def tls12(req):
    """Checks one run of the TLS 1.2 model with Python's own primitives, from the values
    its report exposes: the ServerKeyExchange signature (ECDSA P-256, SHA-256, DER) over
    client_random || server_random || ServerECDHParams with the identity public key; the
    record opened with AESGCM(client_write_key).decrypt(nonce, ciphertext, aad); and,
    independently, the pre-master secret (the client's ECDH), master secret and key
    block (RFC 5246 sections 8.1 and 6.3), and the record opened from the wire alone as
    the server does (RFC 5288 section 3). Tampered copies must fail."""
    client_random = unhex(req["client_random"])
    server_random = unhex(req["server_random"])
    params = unhex(req["server_ecdh_params"])
    # ServerECDHParams (RFC 8422 section 5.4): curve_type || named_curve || point.
    if params[0] != 3 or len(params) != 4 + params[3]:
        raise ValueError(f"malformed ServerECDHParams {params.hex()}")
    group, point = int.from_bytes(params[1:3], "big"), params[4:]
    private = unhex(req["client_ephemeral"])
    if group == 29:
        pre_master = x25519.X25519PrivateKey.from_private_bytes(private).exchange(
            x25519.X25519PublicKey.from_public_bytes(point)
        )
    elif group == 23:
        key = ec.derive_private_key(int.from_bytes(private, "big"), ec.SECP256R1())
        peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        pre_master = key.exchange(ec.ECDH(), peer)
    else:
        raise ValueError(f"unexpected group {group}")
    master = tls12_prf(pre_master, b"master secret", client_random + server_random, 48)
    key_block = tls12_prf(master, b"key expansion", server_random + client_random, 40)

    signed_data = client_random + server_random + params
    identity = serialization.load_pem_public_key(req["identity_public_pem"].encode())

    def verifies(data):
        try:
            identity.verify(unhex(req["signature"]), data, ec.ECDSA(hashes.SHA256()))
            return True
        except InvalidSignature:
            return False

    tampered_data = bytearray(signed_data)
    tampered_data[-1] ^= 0x01

    key, nonce, aad = unhex(req["client_write_key"]), unhex(req["nonce"]), unhex(req["aad"])
    ciphertext = unhex(req["ciphertext"])
    plaintext = AESGCM(key).decrypt(nonce, ciphertext, aad)
    tampered = bytearray(ciphertext)
    tampered[0] ^= 0x01

    # As the server reads it: header (5) || explicit nonce (8) || ciphertext || tag.
    wire = unhex(req["wire"])
    header, explicit, sealed = wire[:5], wire[5:13], wire[13:]
    if int.from_bytes(header[3:5], "big") != len(wire) - 5:
        raise ValueError("the record's length field does not match its fragment")
    wire_aad = (
        req["sequence_number"].to_bytes(8, "big")
        + header[:3]
        + (len(sealed) - 16).to_bytes(2, "big")
    )
    from_wire = aesgcm_open(key_block[:16], key_block[32:36] + explicit, sealed, wire_aad)
    return {
        "signed_data": signed_data.hex(),
        "signature_valid": verifies(signed_data),
        "tampered_signature_valid": verifies(bytes(tampered_data)),
        "pre_master_secret": pre_master.hex(),
        "master_secret": master.hex(),
        "key_block": key_block.hex(),
        "plaintext": plaintext.hex(),
        "tampered_plaintext": hex_or_none(aesgcm_open(key, nonce, bytes(tampered), aad)),
        "plaintext_from_wire": hex_or_none(from_wire),
    }


OPS = {
    "describe": describe,
    "exchange": exchange,
    "hkdf": hkdf,
    "sign": sign,
    "verify": verify,
    "seal": seal,
    "open": open_envelope,
    "tls12": tls12,
}


def handle(req):
    return OPS[req["op"]](req)


def main():
    request = json.load(sys.stdin)
    if isinstance(request, list):
        response = [handle(r) for r in request]
    else:
        response = handle(request)
    json.dump(response, sys.stdout)


if __name__ == "__main__":
    main()
