//! The attack lab for JavaScript (cargo feature `attacklab`, full build only): the two
//! contract functions `recoverKeyFromNonceReuse` and `recoverPlaintextFromNonceReuse`,
//! their step-by-step forms for the page, and the careless code they break
//! (`CarelessSigner`, `X25519Victim`'s careless exchange), each beside the crate's own.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::{JsResult, Secret, bytes, js_error, private_format, public_format, set, string};
use crate::attacks::careless_signer::CarelessSigner;
use crate::attacks::careless_x25519::careless_diffie_hellman;
use crate::attacks::ecdsa_nonce_reuse::{self, NonceReuseRecovery};
use crate::attacks::gcm_nonce_reuse;
use crate::attacks::low_order::{
    LOW_ORDER_POINTS, LowOrderPoint, leaked_residues, unclamped_output,
};
use crate::keys::text::to_hex;
use crate::keys::{Curve, PrivateKeyFormat, PublicKey, SecretKey};

#[wasm_bindgen(typescript_custom_section)]
const ATTACKS_TS: &str = r#"
/** Every value of an ECDSA nonce-reuse recovery (`nonceReuseRecovery`), hex scalars. */
export interface NonceReuseRecovery {
  /** z1 = SHA-256(message 1) mod n. */
  z1: string;
  /** z2 = SHA-256(message 2) mod n. */
  z2: string;
  /** The r both signatures share. */
  r: string;
  /** s of signature 1. */
  s1: string;
  /** s of signature 2 as used (negated when `s2Negated`). */
  s2: string;
  /** Whether s2 had to be negated: one of the signatures was normalised to low s. */
  s2Negated: boolean;
  /** The recovered nonce k = (z1 − z2)/(s1 − s2) mod n. SECRET. */
  k: string;
  /** The recovered private key d = (s1·k − z1)/r mod n, raw hex. SECRET. */
  d: string;
  /** The recovered private key as PKCS#8 PEM. SECRET. */
  privateKey: string;
  /** The public key it belongs to (PEM): the victim's. */
  publicKey: string;
}

/** AES-GCM nonce reuse, step by step (`gcmNonceReuse`). */
export interface GcmNonceReuse {
  /** The nonce both envelopes carry. */
  nonce: Uint8Array;
  /** Ciphertext 1, without nonce and tag. */
  ciphertext1: Uint8Array;
  /** Ciphertext 2, without nonce and tag. */
  ciphertext2: Uint8Array;
  /** c1 ⊕ c2 over the shorter one: equal to p1 ⊕ p2. */
  xor: Uint8Array;
  /** Message 2 as far as the known message 1 reaches. */
  recovered: Uint8Array;
}

/** One low-order X25519 u-coordinate (`lowOrderPoints`). */
export interface LowOrderPointInfo {
  /** What it is ("0", "p − 1", "p (read as 0)", or the decimal value). */
  name: string;
  /** The 32-byte little-endian encoding, as hex. */
  u: string;
  /** The order of the point: 2, 4 or 8. */
  order: number;
  /** False for an encoding of a value not below p = 2^255 − 19. */
  canonical: boolean;
  /** True for a point of the quadratic twist. */
  onTwist: boolean;
}

/** What X25519 without clamping gives for a low-order point (`X25519Victim.unclampedLeak`). */
export interface UnclampedLeak {
  /** u(k·P) with the key's bytes as k, unclamped: hex. */
  output: string;
  /** The values of k mod the point's order that give this output: what it leaks. */
  residues: number[];
}
"#;

fn recovery_object(found: &NonceReuseRecovery) -> JsResult<JsValue> {
    let object = js_sys::Object::new();
    for (name, value) in [
        ("z1", &found.z1),
        ("z2", &found.z2),
        ("r", &found.r),
        ("s1", &found.s1),
        ("s2", &found.s2),
        ("k", &*found.k),
        ("d", &*found.d),
    ] {
        set(&object, name, &JsValue::from_str(&to_hex(value)))?;
    }
    set(&object, "s2Negated", &JsValue::from_bool(found.s2_negated))?;
    let pem = found.key.reveal_private_key(PrivateKeyFormat::Pem);
    set(&object, "privateKey", &JsValue::from_str(&pem))?;
    set(
        &object,
        "publicKey",
        &JsValue::from_str(&found.key.public_key().to_pem()),
    )?;
    Ok(object.into())
}

fn recover(
    public_key: &JsValue,
    message1: &JsValue,
    signature1: &JsValue,
    message2: &JsValue,
    signature2: &JsValue,
) -> JsResult<NonceReuseRecovery> {
    let public_key = Secret::new(string(public_key, "publicKey")?);
    ecdsa_nonce_reuse::recover_key_from_nonce_reuse(
        &public_key,
        &bytes(message1, "message1")?,
        &bytes(signature1, "signature1")?,
        &bytes(message2, "message2")?,
        &bytes(signature2, "signature2")?,
    )
    .map_err(js_error)
}

/// The private key of an ECDSA P-256 signer that used one nonce for two different
/// messages, as PKCS#8 PEM. `publicKey` in any format `inspectPublicKey` reads; the
/// messages are hashed with SHA-256; signatures DER or 64-byte r ‖ s (a low-s
/// signature's −s is tried). Throws "… different nonces (r differs) …" when r differs,
/// when the messages are equal, and when no key found matches `publicKey`.
#[wasm_bindgen(js_name = recoverKeyFromNonceReuse)]
pub fn recover_key_from_nonce_reuse(
    #[wasm_bindgen(js_name = "publicKey", unchecked_param_type = "string")] public_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature2: JsValue,
) -> JsResult<String> {
    let found = recover(&public_key, &message1, &signature1, &message2, &signature2)?;
    Ok(found
        .key
        .reveal_private_key(PrivateKeyFormat::Pem)
        .to_string())
}

/// `recoverKeyFromNonceReuse` with every intermediate value (z1, z2, r, s1, s2, k, d),
/// for the attack lab's step-by-step view. Throws as it does.
#[wasm_bindgen(js_name = nonceReuseRecovery, unchecked_return_type = "NonceReuseRecovery")]
pub fn nonce_reuse_recovery(
    #[wasm_bindgen(js_name = "publicKey", unchecked_param_type = "string")] public_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature2: JsValue,
) -> JsResult<JsValue> {
    recovery_object(&recover(
        &public_key,
        &message1,
        &signature1,
        &message2,
        &signature2,
    )?)
}

/// As much of message 2 as `knownPlaintext1` covers, from two AES-256-GCM envelopes
/// (nonce ‖ ciphertext ‖ tag, as `encrypt` writes them) sealed under one key and one
/// nonce. Throws when the nonces differ or an envelope is shorter than 28 bytes.
#[wasm_bindgen(js_name = recoverPlaintextFromNonceReuse)]
pub fn recover_plaintext_from_nonce_reuse(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope1: JsValue,
    #[wasm_bindgen(js_name = "knownPlaintext1", unchecked_param_type = "Uint8Array")]
    known_plaintext1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope2: JsValue,
) -> JsResult<Vec<u8>> {
    gcm_nonce_reuse::recover_plaintext_from_nonce_reuse(
        &bytes(&envelope1, "envelope1")?,
        &Secret::new(bytes(&known_plaintext1, "knownPlaintext1")?),
        &bytes(&envelope2, "envelope2")?,
    )
    .map_err(js_error)
}

/// `recoverPlaintextFromNonceReuse` step by step: both ciphertexts, c1 ⊕ c2 and what
/// the known plaintext reveals. Throws as it does.
#[wasm_bindgen(js_name = gcmNonceReuse, unchecked_return_type = "GcmNonceReuse")]
pub fn gcm_nonce_reuse_steps(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope1: JsValue,
    #[wasm_bindgen(js_name = "knownPlaintext1", unchecked_param_type = "Uint8Array")]
    known_plaintext1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope2: JsValue,
) -> JsResult<JsValue> {
    let report = gcm_nonce_reuse::gcm_nonce_reuse(
        &bytes(&envelope1, "envelope1")?,
        &Secret::new(bytes(&known_plaintext1, "knownPlaintext1")?),
        &bytes(&envelope2, "envelope2")?,
    )
    .map_err(js_error)?;
    let object = js_sys::Object::new();
    for (name, value) in [
        ("nonce", &report.nonce),
        ("ciphertext1", &report.ciphertext1),
        ("ciphertext2", &report.ciphertext2),
        ("xor", &report.xor),
        ("recovered", &report.recovered),
    ] {
        set(&object, name, &Uint8Array::from(value.as_slice()).into())?;
    }
    Ok(object.into())
}

/// BROKEN ON PURPOSE: an ECDSA P-256 signer that signs every message with the same nonce
/// k, for the attack lab. The playground's `SigningKey` uses RFC 6979 (a fresh k per
/// message).
#[wasm_bindgen(js_name = CarelessSigner)]
pub struct WasmCarelessSigner(CarelessSigner);

#[wasm_bindgen(js_class = CarelessSigner)]
impl WasmCarelessSigner {
    /// A fresh key and a fresh nonce, which it will reuse for every signature.
    pub fn generate() -> JsResult<WasmCarelessSigner> {
        CarelessSigner::generate().map(Self).map_err(js_error)
    }

    /// Its public key; formats as `KeyPair.publicKey` (PEM by default).
    #[wasm_bindgen(js_name = publicKey)]
    pub fn public_key(&self, format: Option<String>) -> JsResult<String> {
        self.0
            .public_key()
            .encode(public_format(format)?)
            .map_err(js_error)
    }

    /// Its PRIVATE key, to set beside the recovered one; formats as
    /// `KeyPair.revealPrivateKey`.
    #[wasm_bindgen(js_name = revealPrivateKey)]
    pub fn reveal_private_key(&self, format: Option<String>) -> JsResult<String> {
        Ok(self
            .0
            .secret_key()
            .reveal(private_format(format)?)
            .to_string())
    }

    /// Signs SHA-256(`message`) with the reused nonce: 64 bytes r ‖ s.
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message: JsValue,
    ) -> JsResult<Vec<u8>> {
        self.0
            .sign(&bytes(&message, "message")?)
            .map(|s| s.to_vec())
            .map_err(js_error)
    }
}

fn point_object(point: &LowOrderPoint) -> JsResult<JsValue> {
    let object = js_sys::Object::new();
    set(&object, "name", &JsValue::from_str(point.name))?;
    set(&object, "u", &JsValue::from_str(&to_hex(&point.encoding)))?;
    set(&object, "order", &JsValue::from(point.order))?;
    set(&object, "canonical", &JsValue::from_bool(point.canonical))?;
    set(&object, "onTwist", &JsValue::from_bool(point.on_twist))?;
    Ok(object.into())
}

/// The low-order X25519 u-coordinates (RFC 7748 §6.1), each with its order.
#[wasm_bindgen(js_name = lowOrderPoints, unchecked_return_type = "LowOrderPointInfo[]")]
pub fn low_order_points() -> JsResult<Array> {
    LOW_ORDER_POINTS.iter().map(point_object).collect()
}

/// A 32-byte X25519 u-coordinate from hex.
fn peer_point(peer: &JsValue) -> JsResult<[u8; 32]> {
    let text = string(peer, "peer")?;
    crate::keys::text::from_hex(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| {
            JsError::new("peer: expected 32 bytes as 64 hex digits (an X25519 u-coordinate)")
        })
}

/// The victim of the low-order attack: an X25519 private key, with the careless
/// exchange (no all-zero check), the playground's own, and an unclamped one.
#[wasm_bindgen(js_name = X25519Victim)]
pub struct WasmX25519Victim(SecretKey);

#[wasm_bindgen(js_class = X25519Victim)]
impl WasmX25519Victim {
    /// A fresh X25519 private key.
    pub fn generate() -> JsResult<WasmX25519Victim> {
        SecretKey::generate(Curve::X25519)
            .map(Self)
            .map_err(js_error)
    }

    /// Its public key, as 64 hex digits.
    #[wasm_bindgen(js_name = publicKey)]
    pub fn public_key(&self) -> String {
        to_hex(&self.0.public_key().to_raw())
    }

    /// Its PRIVATE key, shown on purpose; formats as `KeyPair.revealPrivateKey` (PEM by
    /// default; "raw": the 32 bytes as stored, little-endian and unclamped, as hex).
    #[wasm_bindgen(js_name = revealPrivateKey)]
    pub fn reveal_private_key(&self, format: Option<String>) -> JsResult<String> {
        Ok(self.0.reveal(private_format(format)?).to_string())
    }

    /// BROKEN ON PURPOSE: X25519 with `peer` (64 hex digits) and no check of the result:
    /// all zeros for a low-order point. Hex.
    #[wasm_bindgen(js_name = carelessDiffieHellman)]
    pub fn careless(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] peer: JsValue,
    ) -> JsResult<String> {
        let peer = peer_point(&peer)?;
        let SecretKey::X25519(secret) = &self.0 else {
            return Err(JsError::new("expected an X25519 key"));
        };
        Ok(to_hex(careless_diffie_hellman(secret, &peer).as_slice()))
    }

    /// The playground's own ECDH with `peer` (as `KeyPair.sharedSecret` reads a pasted
    /// key): throws for a low-order point, with the message the playground shows. Hex.
    #[wasm_bindgen(js_name = diffieHellman)]
    pub fn diffie_hellman(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] peer: JsValue,
    ) -> JsResult<String> {
        let peer = string(&peer, "peer")?;
        let (peer, _) = PublicKey::parse(&peer).map_err(js_error)?;
        let shared = self.0.diffie_hellman(&peer).map_err(js_error)?;
        Ok(to_hex(shared.as_bytes()))
    }

    /// What X25519 would give WITHOUT clamping (the key's bytes as the scalar, dalek's
    /// unclamped ladder), and the residues k mod the point's order that this output
    /// allows: `{ output (hex), residues }`. `peer` must be one of `lowOrderPoints()`.
    #[wasm_bindgen(js_name = unclampedLeak, unchecked_return_type = "UnclampedLeak")]
    pub fn unclamped_leak(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] peer: JsValue,
    ) -> JsResult<JsValue> {
        let peer = peer_point(&peer)?;
        let point = LOW_ORDER_POINTS
            .iter()
            .find(|p| p.encoding == peer)
            .ok_or_else(|| {
                JsError::new("peer: not one of the low-order points (lowOrderPoints())")
            })?;
        let output = unclamped_output(&self.0.to_bytes(), &point.encoding);
        let object = js_sys::Object::new();
        set(&object, "output", &JsValue::from_str(&to_hex(&output)))?;
        let residues: Array = leaked_residues(point, &output)
            .into_iter()
            .map(JsValue::from)
            .collect();
        set(&object, "residues", &residues)?;
        Ok(object.into())
    }
}
