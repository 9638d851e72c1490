//! The JavaScript API: with its submodule `tls` (the TLS machines) and `toy::wasm` (the
//! curve lab's `ToyCurve`), the only code that names `wasm_bindgen`.
//!
//! Each export converts its arguments, calls the core and converts the result. Every
//! argument arrives as a `JsValue` and is checked here, so that a wrong type (a string
//! where bytes belong, `null`, a number) becomes an `Error` that names the argument,
//! never a panic: a panic in WebAssembly would kill the module for the rest of the page.
//! Doc comments here become the documentation in the generated `.d.ts`.
//!
//! Every export that returns a `Result` throws a JavaScript `Error` carrying the core's
//! message (see [`crate::error::Error`]); the docs say so once here rather than in an
//! "Errors" section per function, which would clutter the `.d.ts`.
#![allow(clippy::missing_errors_doc)]

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::keys::{self, Curve, PrivateKeyFormat, PublicKeyFormat};
#[cfg(feature = "ecdsa")]
use crate::sign;
use crate::{aead, kdf};

type JsResult<T> = Result<T, JsError>;

#[cfg(feature = "tls13")]
mod tls;

#[cfg(feature = "mlkem")]
mod mlkem;

#[cfg(feature = "attacklab")]
mod attacks;

/// Every secret that crosses from JavaScript (keys, key material, seeds, pasted private
/// keys) is held in one of these, so the module's copy is wiped when the call returns.
type Secret<T> = zeroize::Zeroizing<T>;

fn js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if value.is_undefined() {
        "undefined".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// A required `Uint8Array` argument.
fn bytes(value: &JsValue, name: &str) -> JsResult<Vec<u8>> {
    value
        .dyn_ref::<Uint8Array>()
        .map(Uint8Array::to_vec)
        .ok_or_else(|| {
            let hint = if value.is_string() {
                " (encode text with new TextEncoder().encode(text))"
            } else {
                ""
            };
            JsError::new(&format!(
                "{name}: expected a Uint8Array, got {}{hint}",
                type_name(value)
            ))
        })
}

/// An optional `Uint8Array` argument: `null` and `undefined` mean absent.
fn optional_bytes(value: Option<JsValue>, name: &str) -> JsResult<Option<Vec<u8>>> {
    match value {
        Some(v) if !v.is_null() && !v.is_undefined() => bytes(&v, name).map(Some),
        _ => Ok(None),
    }
}

/// A required string argument.
fn string(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{name}: expected a string, got {}",
            type_name(value)
        ))
    })
}

fn parse_curve(value: &JsValue) -> JsResult<Curve> {
    string(value, "curve")?.parse().map_err(js_error)
}

fn length(value: &JsValue) -> JsResult<usize> {
    let n = value.as_f64().ok_or_else(|| {
        JsError::new(&format!(
            "length: expected a number, got {}",
            type_name(value)
        ))
    })?;
    if n.fract() != 0.0 || !(0.0..=1e9).contains(&n) {
        // JavaScript writes the number ("1.5", "Infinity"): Rust's float formatting
        // would add 15 KB to the module for this one message.
        let shown = js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        return Err(JsError::new(&format!(
            "length: expected a whole number of bytes, got {shown}"
        )));
    }
    // In range and whole, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as usize)
}

fn public_format(format: Option<String>) -> JsResult<PublicKeyFormat> {
    format.as_deref().unwrap_or("pem").parse().map_err(js_error)
}

fn private_format(format: Option<String>) -> JsResult<PrivateKeyFormat> {
    format.as_deref().unwrap_or("pem").parse().map_err(js_error)
}

/// An ECDH key pair on P-256 or X25519: one party of the exchange.
#[wasm_bindgen(js_name = KeyPair)]
pub struct WasmKeyPair(pub(crate) keys::KeyPair);

#[wasm_bindgen(js_class = KeyPair)]
impl WasmKeyPair {
    /// A fresh key pair from the browser's `crypto.getRandomValues`.
    /// `curve` is "P-256" or "X25519"; any other name throws, listing the supported ones.
    pub fn generate(
        #[wasm_bindgen(unchecked_param_type = "string")] curve: JsValue,
    ) -> JsResult<WasmKeyPair> {
        keys::KeyPair::generate(parse_curve(&curve)?)
            .map(Self)
            .map_err(js_error)
    }

    /// A deterministic key pair derived from `seed` (and an optional `label` such as
    /// "alice" or "bob", so one seed gives several keys), for lessons where every
    /// student must see the same values. TEACHING ONLY: anyone with the seed has the key.
    /// Derivation: HKDF-SHA256(salt "ecdh-playground seed v1", ikm seed,
    /// info curve ‖ label ‖ counter), retried until the P-256 scalar is valid.
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(
        #[wasm_bindgen(unchecked_param_type = "string")] curve: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
        label: Option<String>,
    ) -> JsResult<WasmKeyPair> {
        let curve = parse_curve(&curve)?;
        let seed = Secret::new(bytes(&seed, "seed")?);
        let label = label.unwrap_or_default();
        Ok(Self(keys::KeyPair::from_seed(curve, &seed, &label)))
    }

    /// Reads a private key: PKCS#8 PEM ("BEGIN PRIVATE KEY"), SEC1 PEM ("BEGIN EC
    /// PRIVATE KEY"), JWK with "d", or hex of PKCS#8 DER. A raw 32-byte hex scalar also
    /// needs `curve`, since it could be either.
    #[cfg(feature = "reader")]
    #[wasm_bindgen(js_name = importPrivateKey)]
    pub fn import_private_key(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        curve: Option<String>,
    ) -> JsResult<WasmKeyPair> {
        let text = Secret::new(string(&text, "text")?);
        let curve = curve
            .map(|c| c.parse::<Curve>())
            .transpose()
            .map_err(js_error)?;
        keys::KeyPair::import_private_key(&text, curve)
            .map(Self)
            .map_err(js_error)
    }

    /// "P-256" or "X25519".
    #[wasm_bindgen(getter)]
    pub fn curve(&self) -> String {
        self.0.curve().name().to_owned()
    }

    /// The public key, safe to share. `format`: "pem" (default, SubjectPublicKeyInfo),
    /// "spki" (hex of the DER), "raw" (hex: SEC1 uncompressed 04‖x‖y, or the X25519 u),
    /// "compressed" (hex, P-256 only), "jwk" (JSON text, as WebCrypto exports it).
    #[wasm_bindgen(js_name = publicKey)]
    pub fn public_key(&self, format: Option<String>) -> JsResult<String> {
        self.0
            .public_key()
            .encode(public_format(format)?)
            .map_err(js_error)
    }

    /// A short fingerprint of the public key to compare aloud: the first 8 bytes of
    /// SHA-256 over its DER SubjectPublicKeyInfo, as four groups of hex digits.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.0.public_key().fingerprint()
    }

    /// The PRIVATE key, shown on purpose. `format`: "pem" (default, PKCS#8), "pkcs8"
    /// (hex of the DER), "raw" (hex scalar), "jwk" (JSON text with "d").
    #[wasm_bindgen(js_name = revealPrivateKey)]
    pub fn reveal_private_key(&self, format: Option<String>) -> JsResult<String> {
        Ok(self
            .0
            .reveal_private_key(private_format(format)?)
            .to_string())
    }

    /// ECDH with a peer's public key in any format `inspectPublicKey` reads: the 32-byte
    /// x-coordinate (P-256) or u-coordinate (X25519), the bytes WebCrypto's `deriveBits`
    /// returns. Not a key yet: run it through `hkdf` first.
    #[wasm_bindgen(js_name = sharedSecret)]
    pub fn shared_secret(
        &self,
        #[wasm_bindgen(js_name = "peerPublicKey", unchecked_param_type = "string")]
        peer_public_key: JsValue,
    ) -> JsResult<Vec<u8>> {
        let peer = string(&peer_public_key, "peerPublicKey")?;
        self.0
            .shared_secret_with(&peer)
            .map(|s| s.as_bytes().to_vec())
            .map_err(js_error)
    }
}

/// Sets `object[name] = value`; building a plain object cannot fail for a fresh object,
/// but the failure is still an error, never a panic.
fn set(object: &js_sys::Object, name: &str, value: &JsValue) -> JsResult<()> {
    js_sys::Reflect::set(object, &JsValue::from_str(name), value)
        .map(|_| ())
        .map_err(|_| JsError::new("could not build the result object"))
}

/// Reads a public key in any form people paste — PEM (quoted or indented, several
/// blocks), DER SPKI as hex or base64, a SEC1 point, a raw X25519 key, a JWK, an X.509
/// certificate, an OpenSSH key line — and returns it in every format with what the
/// paste was (`source`) and what to know about it (`warnings`). A private key pasted
/// here is read too: its public key is returned, `containsPrivateKey` is true and the
/// first warning says never to send it. (`sharedSecret` and `verifySignature` refuse a
/// private key.)
#[wasm_bindgen(js_name = inspectPublicKey, unchecked_return_type = "PublicKeyInspection")]
pub fn inspect_public_key(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult<JsValue> {
    // A private key may be pasted here: it is read, and wiped.
    let text = Secret::new(string(&text, "text")?);
    let i = keys::inspect_public_key(&text).map_err(js_error)?;
    // A plain object built by hand: serde-wasm-bindgen would bring its serializer and a
    // hash map into the core build for this one call.
    let object = js_sys::Object::new();
    let members = [
        ("curve", Some(i.curve)),
        ("format", Some(i.format)),
        ("source", Some(i.source)),
        ("pem", Some(i.pem.as_str())),
        ("spki", Some(i.spki.as_str())),
        ("raw", Some(i.raw.as_str())),
        ("compressed", i.compressed.as_deref()),
        ("jwk", Some(i.jwk.as_str())),
        ("fingerprint", Some(i.fingerprint.as_str())),
        ("der", Some(i.der.as_str())),
        ("comment", i.comment.as_deref()),
    ];
    for (name, value) in members {
        if let Some(value) = value {
            set(&object, name, &JsValue::from_str(value))?;
        }
    }
    set(
        &object,
        "containsPrivateKey",
        &JsValue::from_bool(i.contains_private_key),
    )?;
    // Core only: the first module reads no printout that names its key, so its raw keys
    // are all bare (and its bytes are within 80 KB).
    #[cfg(feature = "reader")]
    set(&object, "bareBytes", &JsValue::from_bool(i.bare_bytes))?;
    let warnings: Array = i.warnings.iter().map(|w| JsValue::from_str(w)).collect();
    set(&object, "warnings", &warnings)?;
    if let Some(c) = &i.certificate {
        let cert = js_sys::Object::new();
        for (name, value) in [
            ("subject", &c.subject),
            ("issuer", &c.issuer),
            ("notBefore", &c.not_before),
            ("notAfter", &c.not_after),
            ("signatureAlgorithm", &c.signature_algorithm),
            ("serialNumber", &c.serial_number),
        ] {
            set(&cert, name, &JsValue::from_str(value))?;
        }
        set(&object, "certificate", &cert)?;
    }
    Ok(object.into())
}

#[wasm_bindgen(typescript_custom_section)]
const INSPECTION_TS: &str = r#"
/** What `inspectPublicKey` reports. */
export interface PublicKeyInspection {
  /** "P-256" or "X25519". */
  curve: "P-256" | "X25519";
  /** The encoding of the key inside the paste: "pem", "spki", "spki-base64", "raw", "raw-base64", "compressed", "compressed-base64", "jwk", "openssh", or for a private key as DER "pkcs8", "sec1" (and their "-base64" forms). */
  format: string;
  /** What the paste was as a whole. */
  source: "public-key" | "private-key" | "ec-parameters+key" | "certificate" | "certificate-request" | "openssh" | "openssh-private-key";
  /** True when the paste held a private key: the other members are then its PUBLIC key, and the first warning says never to send it. */
  containsPrivateKey: boolean;
  /** True when the key was bytes with nothing saying what they are (hex, base64, a program's printout of bytes): 32 such bytes are read as an X25519 public key but may be a private scalar. False for PEM, DER, JWK and printouts that name the key. Absent from the playground's first module (www/pkg/first), where every "raw" or "raw-base64" key is bare. */
  bareBytes?: boolean;
  /** What to know about the paste (a private key, blocks skipped); empty when there is nothing to say. */
  warnings: string[];
  /** PEM SubjectPublicKeyInfo. */
  pem: string;
  /** Hex of the DER SubjectPublicKeyInfo. */
  spki: string;
  /** Hex: SEC1 uncompressed point (P-256) or the 32-byte u (X25519). */
  raw: string;
  /** Hex of the SEC1 compressed point (P-256 only). */
  compressed?: string;
  /** JWK text. */
  jwk: string;
  /** First 8 bytes of SHA-256 over the DER SPKI, grouped: "3f2a 9c41 07be 5d12". */
  fingerprint: string;
  /** Hex of the DER the key was read from (certificate, private key, SPKI), or of the SPKI when the paste held no DER: give it to `explainDer`. Secret when `containsPrivateKey`. */
  der: string;
  /** For a certificate or certificate request: who and when (times as "2026-12-01 12:00:00 UTC"; empty for a request). */
  certificate?: { subject: string; issuer: string; notBefore: string; notAfter: string; signatureAlgorithm: string; serialNumber: string };
  /** The comment of an OpenSSH key, when it has one. */
  comment?: string;
}
/** One element of `explainDer`'s tree. It spans bytes [offset, offset + headerLength + length); children cover its contents exactly, in order. */
export interface DerNode {
  /** The DER tag byte, or null for a named run of bytes inside a BIT or OCTET STRING (a SEC1 point's x and y). */
  tag: number | null;
  /** "SEQUENCE", "INTEGER", "[0]", ..., or "bytes". */
  tagName: string;
  offset: number;
  /** Tag and length bytes (0 for a run of bytes). */
  headerLength: number;
  /** Length of the contents. */
  length: number;
  /** The field's name in its spec ("subjectPublicKey", "x"), when the structure is known. */
  name?: string;
  /** A readable value: an OID with its name, a number, a string, a time, hex. */
  value?: string;
  /** Elements inside, or the decoded contents of a BIT or OCTET STRING. */
  children?: DerNode[];
}
/** The root of `explainDer`'s tree: a DerNode with the hex of the whole DER. */
export interface DerTree extends DerNode {
  der: string;
}
"#;

/// The DER of a key, signature or certificate as an annotated tree: each element's
/// tag, offset and lengths, the field names of the structures the playground knows
/// (SubjectPublicKeyInfo, PKCS#8, SEC1 ECPrivateKey, ECDSA-Sig-Value, X.509
/// certificate and request, EC parameters) and readable values; BIT and OCTET STRINGs
/// that hold structure are opened (the SEC1 point as 04 ‖ x ‖ y). `input` is PEM text
/// (the key's block, when there are several), hex (tried first), base64, or a
/// Uint8Array. Throws for malformed DER, naming the byte.
#[cfg(feature = "reader")]
#[wasm_bindgen(js_name = explainDer, unchecked_return_type = "DerTree")]
pub fn explain_der(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> JsResult<JsValue> {
    let (tree, der) = if let Some(text) = input.as_string() {
        let text = Secret::new(text);
        let tree = keys::explain::explain_text(&text).map_err(js_error)?;
        let der = keys::explain::der_of_text(&text).map_err(js_error)?;
        (tree, der)
    } else if input.is_instance_of::<Uint8Array>() {
        let der = Secret::new(bytes(&input, "input")?);
        (keys::explain::explain(&der).map_err(js_error)?, der)
    } else {
        return Err(JsError::new(&format!(
            "input: expected PEM, hex or base64 text or a Uint8Array, got {}",
            type_name(&input)
        )));
    };
    let root = der_node(&tree)?;
    set(&root, "der", &JsValue::from_str(&keys::text::to_hex(&der)))?;
    Ok(root.into())
}

#[cfg(feature = "reader")]
fn der_node(node: &keys::explain::Node) -> JsResult<js_sys::Object> {
    let object = js_sys::Object::new();
    let tag = node.tag.map_or(JsValue::NULL, JsValue::from);
    set(&object, "tag", &tag)?;
    set(&object, "tagName", &JsValue::from_str(&node.tag_name))?;
    for (name, n) in [
        ("offset", node.offset),
        ("headerLength", node.header_length),
        ("length", node.length),
    ] {
        // Offsets within a pasted document are far below 2^32.
        set(
            &object,
            name,
            &JsValue::from(u32::try_from(n).unwrap_or(u32::MAX)),
        )?;
    }
    if let Some(name) = &node.name {
        set(&object, "name", &JsValue::from_str(name))?;
    }
    if let Some(value) = &node.value {
        set(&object, "value", &JsValue::from_str(value))?;
    }
    if !node.children.is_empty() {
        let children = Array::new();
        for child in &node.children {
            children.push(&der_node(child)?.into());
        }
        set(&object, "children", &children)?;
    }
    Ok(object)
}

/// HKDF-Extract (RFC 5869 §2.2) with SHA-256: the 32-byte pseudorandom key (PRK).
/// A null or undefined `salt` means 32 zero bytes, as in Python's `HKDF(salt=None)`.
#[wasm_bindgen(js_name = hkdfExtract)]
pub fn hkdf_extract(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | null")] salt: Option<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] ikm: JsValue,
) -> JsResult<Vec<u8>> {
    let salt = optional_bytes(salt, "salt")?;
    let ikm = Secret::new(bytes(&ikm, "ikm")?);
    Ok(kdf::hkdf_extract(salt.as_deref(), &ikm).to_vec())
}

/// HKDF-Expand (RFC 5869 §2.3) with SHA-256: `length` (1..8160) bytes of output key
/// material from a PRK of at least 32 bytes. A null or undefined `info` is empty.
#[wasm_bindgen(js_name = hkdfExpand)]
pub fn hkdf_expand(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] prk: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | null")] info: Option<JsValue>,
    #[wasm_bindgen(js_name = "length", unchecked_param_type = "number")] length_bytes: JsValue,
) -> JsResult<Vec<u8>> {
    let prk = Secret::new(bytes(&prk, "prk")?);
    let info = optional_bytes(info, "info")?;
    let length = length(&length_bytes)?;
    kdf::hkdf_expand(&prk, info.as_deref(), length)
        .map(|okm| okm.to_vec())
        .map_err(js_error)
}

/// HKDF-SHA256 in one call (extract, then expand); `salt` and `info` may be null or
/// undefined; `length` is 1..8160.
#[wasm_bindgen]
pub fn hkdf(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] ikm: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | null")] salt: Option<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | null")] info: Option<JsValue>,
    #[wasm_bindgen(js_name = "length", unchecked_param_type = "number")] length_bytes: JsValue,
) -> JsResult<Vec<u8>> {
    let ikm = Secret::new(bytes(&ikm, "ikm")?);
    let salt = optional_bytes(salt, "salt")?;
    let info = optional_bytes(info, "info")?;
    let length = length(&length_bytes)?;
    kdf::hkdf(&ikm, salt.as_deref(), info.as_deref(), length)
        .map(|okm| okm.to_vec())
        .map_err(js_error)
}

/// The TLS 1.2 PRF with SHA-256 (RFC 5246 §5): `length` bytes of
/// P_SHA256(secret, label ‖ seed). `label` is ASCII text ("master secret").
#[cfg(feature = "prf")]
#[wasm_bindgen(js_name = tls12Prf)]
pub fn tls12_prf(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] label: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
    #[wasm_bindgen(js_name = "length", unchecked_param_type = "number")] length_bytes: JsValue,
) -> JsResult<Vec<u8>> {
    let secret = Secret::new(bytes(&secret, "secret")?);
    let label = string(&label, "label")?;
    let seed = bytes(&seed, "seed")?;
    let length = length(&length_bytes)?;
    kdf::tls12_prf(&secret, label.as_bytes(), &seed, length)
        .map(|out| out.to_vec())
        .map_err(js_error)
}

/// AES-256-GCM with a fresh random 96-bit nonce. `key` is 32 bytes; returns the
/// envelope nonce(12) ‖ ciphertext ‖ tag(16). `aad` (associated data) is optional.
#[wasm_bindgen]
pub fn encrypt(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] plaintext: JsValue,
    aad: Option<Uint8Array>,
) -> JsResult<Vec<u8>> {
    let key = Secret::new(bytes(&key, "key")?);
    let plaintext = Secret::new(bytes(&plaintext, "plaintext")?);
    let aad = optional_bytes(aad.map(JsValue::from), "aad")?;
    aead::seal(&key, &plaintext, aad.as_deref()).map_err(js_error)
}

/// AES-256-GCM with a caller-chosen 12-byte nonce, for the lesson on nonce reuse.
/// DANGER: the same key and nonce twice reveals the XOR of the plaintexts and allows
/// forgeries. Use `encrypt` for anything else.
#[wasm_bindgen(js_name = encryptWithNonce)]
pub fn encrypt_with_nonce(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] nonce: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] plaintext: JsValue,
    aad: Option<Uint8Array>,
) -> JsResult<Vec<u8>> {
    let key = Secret::new(bytes(&key, "key")?);
    let nonce = bytes(&nonce, "nonce")?;
    let plaintext = Secret::new(bytes(&plaintext, "plaintext")?);
    let aad = optional_bytes(aad.map(JsValue::from), "aad")?;
    aead::seal_with_nonce(&key, &nonce, &plaintext, aad.as_deref()).map_err(js_error)
}

/// Opens an envelope from `encrypt`. Any tampering, a wrong key or wrong `aad` throws
/// "message authentication failed" and nothing more.
#[wasm_bindgen]
pub fn decrypt(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope: JsValue,
    aad: Option<Uint8Array>,
) -> JsResult<Vec<u8>> {
    let key = Secret::new(bytes(&key, "key")?);
    let envelope = bytes(&envelope, "envelope")?;
    let aad = optional_bytes(aad.map(JsValue::from), "aad")?;
    aead::open(&key, &envelope, aad.as_deref()).map_err(js_error)
}

/// An ECDSA P-256 (SHA-256) signing key, such as a TLS server's long-term identity key.
#[cfg(feature = "ecdsa")]
#[wasm_bindgen(js_name = SigningKey)]
pub struct WasmSigningKey(sign::SigningKey);

#[cfg(feature = "ecdsa")]
#[wasm_bindgen(js_class = SigningKey)]
impl WasmSigningKey {
    /// A fresh P-256 signing key from the browser's `crypto.getRandomValues`.
    pub fn generate() -> JsResult<WasmSigningKey> {
        sign::SigningKey::generate().map(Self).map_err(js_error)
    }

    /// A deterministic signing key for lessons (see `KeyPair.fromSeed`). Not secret.
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
        label: Option<String>,
    ) -> JsResult<WasmSigningKey> {
        let seed = Secret::new(bytes(&seed, "seed")?);
        let label = label.unwrap_or_default();
        sign::SigningKey::from_seed(&seed, &label)
            .map(Self)
            .map_err(js_error)
    }

    /// Reads a P-256 private key in any format `KeyPair.importPrivateKey` reads; a raw
    /// hex scalar is taken as P-256.
    #[wasm_bindgen(js_name = importPrivateKey)]
    pub fn import_private_key(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> JsResult<WasmSigningKey> {
        let text = Secret::new(string(&text, "text")?);
        sign::SigningKey::import_private_key(&text)
            .map(Self)
            .map_err(js_error)
    }

    /// The verifying (public) key; formats as `KeyPair.publicKey`.
    #[wasm_bindgen(js_name = publicKey)]
    pub fn public_key(&self, format: Option<String>) -> JsResult<String> {
        self.0
            .public_key()
            .encode(public_format(format)?)
            .map_err(js_error)
    }

    /// The PRIVATE key, shown on purpose; formats as `KeyPair.revealPrivateKey`.
    #[wasm_bindgen(js_name = revealPrivateKey)]
    pub fn reveal_private_key(&self, format: Option<String>) -> JsResult<String> {
        Ok(self
            .0
            .reveal_private_key(private_format(format)?)
            .to_string())
    }

    /// Signs SHA-256(`message`) deterministically (RFC 6979); DER signature, as TLS 1.2,
    /// OpenSSL and Python write it.
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message: JsValue,
    ) -> JsResult<Vec<u8>> {
        Ok(self.0.sign(&bytes(&message, "message")?))
    }

    /// Signs SHA-256(`message`) deterministically; the 64-byte r ‖ s WebCrypto uses.
    #[wasm_bindgen(js_name = signP1363)]
    pub fn sign_p1363(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message: JsValue,
    ) -> JsResult<Vec<u8>> {
        Ok(self.0.sign_p1363(&bytes(&message, "message")?).to_vec())
    }
}

/// Verifies an ECDSA P-256 SHA-256 signature, DER or 64-byte r ‖ s (told apart by
/// shape), with a public key in any format. Returns false for a wrong or malformed
/// signature; throws only for a malformed or non-P-256 key.
#[cfg(feature = "ecdsa")]
#[wasm_bindgen(js_name = verifySignature)]
pub fn verify_signature(
    #[wasm_bindgen(js_name = "publicKey", unchecked_param_type = "string")] public_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature: JsValue,
) -> JsResult<bool> {
    let public_key = string(&public_key, "publicKey")?;
    let message = bytes(&message, "message")?;
    let signature = bytes(&signature, "signature")?;
    sign::verify_with(&public_key, &message, &signature).map_err(js_error)
}

/// An ECDSA P-256 signature in both shapes, from either: `{ der, p1363, given }`, where
/// `der` is the ASN.1 `Ecdsa-Sig-Value` (OpenSSL, Python, TLS), `p1363` the 64 bytes
/// `r ‖ s` (WebCrypto) and `given` says which the input was ("der" or "p1363"). Throws
/// for bytes that are neither, or an r or s out of range.
#[cfg(feature = "ecdsa")]
#[wasm_bindgen(js_name = ecdsaSignatureForms, unchecked_return_type = "EcdsaSignatureForms")]
pub fn ecdsa_signature_forms(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature: JsValue,
) -> JsResult<JsValue> {
    let signature = bytes(&signature, "signature")?;
    let (der, p1363, given) = sign::signature_forms(&signature).map_err(js_error)?;
    let object = js_sys::Object::new();
    set(&object, "der", &Uint8Array::from(der.as_slice()))?;
    set(&object, "p1363", &Uint8Array::from(p1363.as_slice()))?;
    let given = match given {
        sign::SignatureFormat::Der => "der",
        sign::SignatureFormat::P1363 => "p1363",
    };
    set(&object, "given", &JsValue::from_str(given))?;
    Ok(object.into())
}

#[wasm_bindgen(typescript_custom_section)]
const SIGNATURE_FORMS_TS: &str = r#"
/** What `ecdsaSignatureForms` returns. */
export interface EcdsaSignatureForms {
  /** ASN.1 DER Ecdsa-Sig-Value, as OpenSSL, Python and TLS write it. */
  der: Uint8Array;
  /** The 64 bytes r ‖ s (IEEE P1363), as WebCrypto signs and verifies. */
  p1363: Uint8Array;
  /** Which of the two was given. */
  given: "der" | "p1363";
}
"#;

/// Traps (`unreachable`), as a bug would: only in the test build (cargo feature
/// `test-trap`), for the test of the page's recovery. Never in a published package.
#[cfg(feature = "test-trap")]
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() -> JsResult<()> {
    core::arch::wasm32::unreachable()
}

/// The curve names this module supports, as WebCrypto spells them.
#[wasm_bindgen(js_name = supportedCurves, unchecked_return_type = "Array<\"P-256\" | \"X25519\">")]
pub fn supported_curves() -> JsValue {
    Curve::ALL
        .iter()
        .map(|c| JsValue::from_str(c.name()))
        .collect::<Array>()
        .into()
}

#[cfg(feature = "tls13")]
/// HKDF-Expand-Label (RFC 8446 §7.1): `length` bytes from `secret`, with the HkdfLabel
/// of `label` (given without the "tls13 " prefix, which is added here as the RFC writes
/// it) and `context`; `hash` is "SHA-256" or "SHA-384".
#[wasm_bindgen(js_name = hkdfExpandLabel)]
pub fn hkdf_expand_label(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] label: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] context: JsValue,
    #[wasm_bindgen(js_name = "length", unchecked_param_type = "number")] length_bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"SHA-256\" | \"SHA-384\"")] hash: JsValue,
) -> JsResult<Vec<u8>> {
    use crate::tls13::HashAlgorithm;
    let secret = Secret::new(bytes(&secret, "secret")?);
    let label = string(&label, "label")?;
    let context = bytes(&context, "context")?;
    let length = length(&length_bytes)?;
    let hash = match string(&hash, "hash")?.as_str() {
        "SHA-256" => HashAlgorithm::Sha256,
        "SHA-384" => HashAlgorithm::Sha384,
        other => {
            return Err(JsError::new(&format!(
                "hash: expected \"SHA-256\" or \"SHA-384\", got {other:?}"
            )));
        }
    };
    crate::tls13::hkdf_expand_label(hash, &secret, label.as_bytes(), &context, length)
        .map(|out| out.to_vec())
        .map_err(js_error)
}

#[cfg(feature = "tls13")]
/// The TLS 1.3 key schedule (RFC 8446 §7.1, §7.3) from its inputs, as hex: `cipherSuite`
/// ("TLS_AES_128_GCM_SHA256" or "TLS_AES_256_GCM_SHA384"), `sharedSecret` (the (EC)DHE
/// output), `helloHash` (the transcript hash of ClientHello..ServerHello) and
/// `handshakeHash` (ClientHello..server Finished). Returns every secret, and the write
/// keys and IVs of both directions and both phases, as lowercase hex.
#[wasm_bindgen(js_name = tls13KeySchedule, unchecked_return_type = "Tls13KeySchedule")]
pub fn tls13_key_schedule(
    #[wasm_bindgen(unchecked_param_type = "Tls13KeyScheduleInput")] input: JsValue,
) -> JsResult<JsValue> {
    let (suite, shared, hello, full) = schedule_input(&input, "tls13KeySchedule")?;
    let report =
        crate::tls13::key_schedule_report(&suite, &shared, &hello, &full).map_err(js_error)?;
    let object = js_sys::Object::new();
    for (name, value) in [
        ("earlySecret", &report.early_secret),
        ("handshakeSecret", &report.handshake_secret),
        ("masterSecret", &report.master_secret),
        (
            "clientHandshakeTrafficSecret",
            &report.client_handshake_traffic_secret,
        ),
        (
            "serverHandshakeTrafficSecret",
            &report.server_handshake_traffic_secret,
        ),
        (
            "clientApplicationTrafficSecret",
            &report.client_application_traffic_secret,
        ),
        (
            "serverApplicationTrafficSecret",
            &report.server_application_traffic_secret,
        ),
        ("exporterMasterSecret", &report.exporter_master_secret),
        ("clientHandshakeKey", &report.client_handshake_key),
        ("clientHandshakeIv", &report.client_handshake_iv),
        ("serverHandshakeKey", &report.server_handshake_key),
        ("serverHandshakeIv", &report.server_handshake_iv),
        ("clientApplicationKey", &report.client_application_key),
        ("clientApplicationIv", &report.client_application_iv),
        ("serverApplicationKey", &report.server_application_key),
        ("serverApplicationIv", &report.server_application_iv),
    ] {
        set(&object, name, &JsValue::from_str(value))?;
    }
    Ok(object.into())
}

#[cfg(feature = "tls13")]
/// The suite's name, the shared secret and the two transcript hashes.
type ScheduleArgs = (String, Secret<Vec<u8>>, Secret<Vec<u8>>, Secret<Vec<u8>>);

#[cfg(feature = "tls13")]
/// The members of a `Tls13KeyScheduleInput` object, for `what` (the function's name):
/// the suite's name, then the shared secret and the two transcript hashes as bytes.
fn schedule_input(input: &JsValue, what: &str) -> JsResult<ScheduleArgs> {
    if !input.is_object() || Array::is_array(input) {
        return Err(JsError::new(&format!(
            "{what}: expected an object {{ cipherSuite, sharedSecret, helloHash, \
             handshakeHash }}, got {}",
            type_name(input)
        )));
    }
    let member = |name: &str| -> JsResult<String> {
        let value = js_sys::Reflect::get(input, &JsValue::from_str(name))
            .map_err(|_| JsError::new(&format!("{what}: cannot read {name}")))?;
        value.as_string().ok_or_else(|| {
            JsError::new(&format!(
                "{what} {name}: expected a string, got {}",
                type_name(&value)
            ))
        })
    };
    let hex = |name: &str| -> JsResult<Secret<Vec<u8>>> {
        keys::text::from_hex(&member(name)?)
            .map(Secret::new)
            .map_err(|e| JsError::new(&format!("{what} {name}: {e}")))
    };
    Ok((
        member("cipherSuite")?,
        hex("sharedSecret")?,
        hex("helloHash")?,
        hex("handshakeHash")?,
    ))
}

#[cfg(feature = "tls13")]
/// RFC 8446 §7.1's key-schedule diagram from the inputs of `tls13KeySchedule`: every
/// HKDF-Extract, Derive-Secret and HKDF-Expand-Label box with its inputs, label, the
/// HkdfLabel it expands with, and its output, as lowercase hex, in the order the figure
/// draws them (then §7.3's write keys and IVs and §4.4.4's finished keys). The page
/// draws it; `tls13Handshake`'s report carries the same for its own run.
#[wasm_bindgen(
    js_name = tls13KeyScheduleDiagram,
    unchecked_return_type = "Tls13KeyScheduleDiagram"
)]
pub fn tls13_key_schedule_diagram(
    #[wasm_bindgen(unchecked_param_type = "Tls13KeyScheduleInput")] input: JsValue,
) -> JsResult<JsValue> {
    let (suite, shared, hello, full) = schedule_input(&input, "tls13KeyScheduleDiagram")?;
    let diagram = crate::tls13::report::key_schedule_diagram(&suite, &shared, &hello, &full)
        .map_err(js_error)?;
    serde::Serialize::serialize(&diagram, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "tls13")]
#[wasm_bindgen(typescript_custom_section)]
const TLS13_TS: &str = r#"
/** The inputs of `tls13KeySchedule`, hex. */
export interface Tls13KeyScheduleInput {
  cipherSuite: "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384";
  /** The (EC)DHE shared secret. */
  sharedSecret: string;
  /** Transcript hash of ClientHello..ServerHello (32 or 48 bytes, as the suite's hash). */
  helloHash: string;
  /** Transcript hash of ClientHello..server Finished. */
  handshakeHash: string;
}
/** What `tls13KeySchedule` returns: every value as lowercase hex. */
export interface Tls13KeySchedule {
  earlySecret: string; handshakeSecret: string; masterSecret: string;
  clientHandshakeTrafficSecret: string; serverHandshakeTrafficSecret: string;
  clientApplicationTrafficSecret: string; serverApplicationTrafficSecret: string;
  exporterMasterSecret: string;
  clientHandshakeKey: string; clientHandshakeIv: string; serverHandshakeKey: string; serverHandshakeIv: string;
  clientApplicationKey: string; clientApplicationIv: string; serverApplicationKey: string; serverApplicationIv: string;
}
/** One input of a box of the key-schedule diagram. */
export interface Tls13ScheduleInput { name: string; source: string; value: string; }
/** One box of RFC 8446 §7.1's diagram: its operation, inputs, label and output (hex). */
export interface Tls13ScheduleBox {
  id: string; operation: "HKDF-Extract" | "Derive-Secret" | "HKDF-Expand-Label";
  stage: "early" | "handshake" | "master" | "keys"; outputName: string;
  inputs: Tls13ScheduleInput[]; label: string | null; messages: string | null;
  hkdfLabel: string | null; length: number; output: string;
}
/** What `tls13KeyScheduleDiagram` returns (and a `Tls13Report`'s `keySchedule`). */
export interface Tls13KeyScheduleDiagram {
  cipherSuite: "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384"; hash: "SHA-256" | "SHA-384";
  boxes: Tls13ScheduleBox[];
}
"#;

#[cfg(feature = "tls12")]
/// Runs a TLS 1.2 ECDHE_ECDSA handshake (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256) in
/// the model and returns its report: every message's bytes (hex), the signature and
/// its verdict, the pre-master and master secrets, the key block, one encrypted
/// application-data record, both Finished values, the annotated `steps`, and `error`
/// when the handshake stops. `options` (all optional): `group` ("x25519" |
/// "secp256r1", the server's preference), `clientGroups`, `clientRandom`,
/// `serverRandom`, `clientEphemeral`, `serverEphemeral` (hex), `serverIdentity`
/// (PKCS#8 PEM), `mallory` ("none" | "swap-key" | "resign"), `malloryEphemeral`,
/// `malloryIdentity`, `staticServerKey`, `message`, `leakIdentity`. The same options
/// give the same report. Throws only for options that are not an object of these.
#[wasm_bindgen(js_name = tls12Handshake, unchecked_return_type = "Tls12Report")]
pub fn tls12_handshake(options: Option<Tls12OptionsObject>) -> JsResult<JsValue> {
    let options = handshake_options(
        &options.map_or(JsValue::UNDEFINED, JsValue::from),
        "tls12Handshake",
    )?;
    serde::Serialize::serialize(
        &crate::tls12::handshake(options),
        &serde_wasm_bindgen::Serializer::json_compatible(),
    )
    .map_err(|e| JsError::new(&e.to_string()))
}
/// Runs a TLS 1.3 handshake between the model's client and server in memory (the sibling
/// of `tls12Handshake`, from the same options plus `cipherSuite`) and returns its report:
/// the negotiated suite and group, the certificate the client pinned, every secret of
/// the key schedule, the protected records, one application-data record and what the
/// server read from it, the annotated `steps` of both sides (and Mallory's), the
/// forward-secrecy exercise and `error`. Mallory "swap-key" is caught by
/// CertificateVerify, "resign" by the pinned certificate. `staticServerKey`: the server
/// keeps its key-share key, which a leak then opens the recording with. Throws only for
/// options that are not an object of these.
#[cfg(feature = "tls13")]
#[wasm_bindgen(js_name = tls13Handshake, unchecked_return_type = "Tls13Report")]
pub fn tls13_handshake(
    #[wasm_bindgen(unchecked_param_type = "Tls13Options | undefined")] options: JsValue,
) -> JsResult<JsValue> {
    let options = handshake_options(&options, "tls13Handshake")?;
    serde::Serialize::serialize(
        &crate::tls13::handshake::handshake(&options),
        &serde_wasm_bindgen::Serializer::json_compatible(),
    )
    .map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "tls12")]
#[wasm_bindgen]
extern "C" {
    /// The options object of `tls12Handshake`, typed in the .d.ts as `Tls12Options` (an
    /// optional last argument). Any value arrives here; `tls12_options` checks it.
    #[wasm_bindgen(typescript_type = "Tls12Options")]
    pub type Tls12OptionsObject;
}

#[cfg(feature = "tls12")]
/// Reads the options object of `tls12Handshake` or `tls13Handshake` (`what`).
fn handshake_options(value: &JsValue, what: &str) -> JsResult<crate::tls12::HandshakeOptions> {
    let mut o = crate::tls12::HandshakeOptions::default();
    read_options(value, what, HANDSHAKE_OPTIONS, |name, v| {
        match name {
            "group" => o.group = Some(v.text()?),
            "clientGroups" => o.client_groups = Some(v.list()?),
            "groups" => o.groups = Some(v.list()?),
            "cipherSuites" => o.cipher_suites = Some(v.list()?),
            "cipherSuite" => o.cipher_suite = Some(v.text()?),
            "certificate" => o.certificate = Some(v.text()?),
            "privateKey" => o.private_key = Some(v.text()?),
            "pinnedCertificate" => o.pinned_certificate = Some(v.text()?),
            "clientRandom" => o.client_random = Some(v.text()?),
            "serverRandom" => o.server_random = Some(v.text()?),
            "clientEphemeral" => o.client_ephemeral = Some(v.text()?),
            "serverEphemeral" => o.server_ephemeral = Some(v.text()?),
            "serverIdentity" => o.server_identity = Some(v.text()?),
            "mallory" => o.mallory = Some(v.text()?),
            "malloryEphemeral" => o.mallory_ephemeral = Some(v.text()?),
            "malloryIdentity" => o.mallory_identity = Some(v.text()?),
            "staticServerKey" => o.static_server_key = Some(v.flag()?),
            "message" => o.message = Some(v.text()?),
            "leakIdentity" => o.leak_identity = Some(v.flag()?),
            "resume" => o.resume = Some(v.session()?),
            "pskMode" => o.psk_mode = Some(v.text()?),
            "ticketKey" => o.ticket_key = Some(v.text()?),
            "sessionTickets" => o.session_tickets = Some(v.flag()?),
            "leakTicketKey" => o.leak_ticket_key = Some(v.flag()?),
            _ => {}
        }
        Ok(())
    })?;
    Ok(o)
}

#[cfg(feature = "tls12")]
/// The options of `tls12Handshake` and `tls13Handshake`: the one list the reader checks
/// against and the unknown-option error names.
const HANDSHAKE_OPTIONS: &[&str] = &[
    "group",
    "groups",
    "clientGroups",
    "cipherSuite",
    "cipherSuites",
    "clientRandom",
    "serverRandom",
    "clientEphemeral",
    "serverEphemeral",
    "serverIdentity",
    "privateKey",
    "certificate",
    "pinnedCertificate",
    "mallory",
    "malloryEphemeral",
    "malloryIdentity",
    "staticServerKey",
    "message",
    "leakIdentity",
    "resume",
    "pskMode",
    "ticketKey",
    "sessionTickets",
    "leakTicketKey",
];

/// One member of an options object, read as the type its option needs.
#[cfg(feature = "tls12")]
struct OptionValue<'a> {
    what: &'a str,
    name: &'a str,
    value: JsValue,
}

#[cfg(feature = "tls12")]
impl OptionValue<'_> {
    fn wrong(&self, expected: &str) -> JsError {
        JsError::new(&format!(
            "{} option {}: expected {expected}, got {}",
            self.what,
            self.name,
            type_name(&self.value)
        ))
    }

    fn text(&self) -> JsResult<String> {
        self.value.as_string().ok_or_else(|| self.wrong("a string"))
    }

    fn flag(&self) -> JsResult<bool> {
        self.value
            .as_bool()
            .ok_or_else(|| self.wrong("true or false"))
    }

    fn list(&self) -> JsResult<Vec<String>> {
        self.value
            .dyn_ref::<Array>()
            .and_then(|a| a.iter().map(|g| g.as_string()).collect::<Option<Vec<_>>>())
            .ok_or_else(|| self.wrong("an array of names"))
    }

    /// A session object, as a report's `session` or `client.session` gives it.
    fn session(&self) -> JsResult<crate::tls12::session::SessionReport> {
        const EXPECTED: &str = "a session object (a report's `session`, or `client.session`)";
        if !self.value.is_object() || Array::is_array(&self.value) {
            return Err(self.wrong(EXPECTED));
        }
        let get = |name: &str| js_sys::Reflect::get(&self.value, &JsValue::from_str(name));
        let text = |name: &str| -> JsResult<Option<String>> {
            let v = get(name).map_err(|_| self.wrong(EXPECTED))?;
            if v.is_undefined() || v.is_null() {
                return Ok(None);
            }
            v.as_string().map(Some).ok_or_else(|| {
                JsError::new(&format!(
                    "{} option {}: member {name} is {}, expected a string",
                    self.what,
                    self.name,
                    type_name(&v)
                ))
            })
        };
        let number = |name: &str| -> JsResult<Option<u32>> {
            let v = get(name).map_err(|_| self.wrong(EXPECTED))?;
            if v.is_undefined() || v.is_null() {
                return Ok(None);
            }
            v.as_f64()
                .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
                .map(|n| Some(n as u32))
                .ok_or_else(|| {
                    JsError::new(&format!(
                        "{} option {}: member {name} is not a 32-bit unsigned integer",
                        self.what, self.name
                    ))
                })
        };
        let required = |name: &str| -> JsResult<String> {
            text(name)?.ok_or_else(|| {
                JsError::new(&format!(
                    "{} option {}: the session has no {name}; pass a report's `session` (or \
                     `client.session`) unchanged",
                    self.what, self.name
                ))
            })
        };
        Ok(crate::tls12::session::SessionReport {
            version: required("version")?,
            issuer: required("issuer")?,
            cipher_suite: required("cipherSuite")?,
            server_name: text("serverName")?,
            ticket: text("ticket")?,
            session_id: text("sessionId")?,
            master_secret: text("masterSecret")?,
            psk: text("psk")?,
            ticket_nonce: text("ticketNonce")?,
            age_add: number("ageAdd")?,
            lifetime: number("lifetime")?.unwrap_or(0),
        })
    }
}

/// Reads an options object (`what` names its function) member by member: `undefined` or
/// `null` is no options, a member that is `undefined` or `null` is absent, a member not in
/// `names` is an error that lists them, and `set` reads the others. (Done by hand rather
/// than through serde, whose deserializer and its number formatting would add kilobytes
/// to the module.)
#[cfg(feature = "tls12")]
fn read_options(
    value: &JsValue,
    what: &str,
    names: &[&str],
    mut set: impl FnMut(&str, &OptionValue<'_>) -> JsResult<()>,
) -> JsResult<()> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "{what} options: expected an object, got {}",
            type_name(value)
        )));
    }
    let object = js_sys::Object::from(value.clone());
    for entry in js_sys::Object::entries(&object).iter() {
        let pair = Array::from(&entry);
        let name = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if value.is_undefined() || value.is_null() {
            continue;
        }
        if !names.contains(&name.as_str()) {
            return Err(JsError::new(&format!(
                "{what} options: unknown option {name:?}; the options are {}",
                names.join(", ")
            )));
        }
        set(
            &name,
            &OptionValue {
                what,
                name: &name,
                value,
            },
        )?;
    }
    Ok(())
}

#[cfg(feature = "tls12")]
#[wasm_bindgen(typescript_custom_section)]
const TLS12_TS: &str = r#"
/** Options of `tls12Handshake`; every member is optional. Hex is lowercase or uppercase, keys 32 bytes. */
export interface Tls12Options {
  group?: "x25519" | "secp256r1";
  clientGroups?: string[];
  clientRandom?: string;
  serverRandom?: string;
  clientEphemeral?: string;
  serverEphemeral?: string;
  serverIdentity?: string;
  mallory?: "none" | "swap-key" | "resign";
  malloryEphemeral?: string;
  malloryIdentity?: string;
  staticServerKey?: boolean;
  message?: string;
  leakIdentity?: boolean;
  /** The server's groups, in its order of preference (overrides `group`). */
  groups?: string[];
  cipherSuites?: string[];
  cipherSuite?: string;
  /** The server's certificate, PEM, with `privateKey`. */
  certificate?: string;
  /** The server's private key, PEM (the same as `serverIdentity`). */
  privateKey?: string;
  /** The certificate the client pins; by default the server's own. */
  pinnedCertificate?: string;
  /** A session to resume: an earlier report's `session` (of the same version). */
  resume?: TlsSession;
  /** TLS 1.3: the PSK key exchange mode offered with `resume`. */
  pskMode?: "psk_dhe_ke" | "psk_ke";
  /** The server's ticket key, 32 bytes hex; by default derived from the server's identity key. */
  ticketKey?: string;
  /** TLS 1.2: `true` makes the server issue a session ticket (RFC 5077), `false` a session ID kept in its cache; by default a session ID, unless `leakTicketKey` is set or `resume` holds a ticket. */
  sessionTickets?: boolean;
  /** After the handshake, resume from its session (in 1.3 once per PSK mode, with 0-RTT data), leak the ticket key, and try it on every recorded connection: `resumptionLeak`. */
  leakTicketKey?: boolean;
}
/** One recorded connection an attacker with the leaked ticket key tried to open. */
export interface TlsResumptionVerdict { connection: string; decrypted: boolean; plaintext: string | null; why: string; }
/** The resumption exercise: what the attacker holds, each verdict, the steps, the lesson. */
export interface TlsResumptionLeak {
  attackerHas: { name: string; value: string }[]; verdicts: TlsResumptionVerdict[]; steps: Tls12Step[];
  explanation: string;
}
/** The server's certificate as the client read it. */
export interface TlsCertificate {
  subject: string; issuer: string; notBefore: string; notAfter: string;
  serialNumber: string; publicKey: string; pem: string; pinned: boolean;
}
/** One byte range of a step's bytes, named and explained. */
export interface Tls12Field { name: string; meaning: string; start: number; end: number; }
/** One step of the handshake, as the page shows it. */
export interface Tls12Step {
  side: "client" | "server" | "mallory" | "attacker";
  title: string;
  explanation: string;
  /** Hex of the whole message (header included), or of the value computed. */
  bytes: string;
  fields: Tls12Field[];
}
/** What `tls12Handshake` returns; values not reached before an error are null. All hex is lowercase. */
export interface Tls12Report {
  version: "1.2"; group: string | null; cipherSuite: string; clientRandom: string | null; serverRandom: string | null;
  clientHello: string | null; serverHello: string | null; serverKeyExchange: string | null;
  serverEcdhParams: string | null; signedData: string | null; signature: string | null;
  serverIdentityPublicKey: string | null; certificate: TlsCertificate | null; signatureValid: boolean; clientKeyExchange: string | null;
  preMasterSecret: string | null; masterSecret: string | null; keyBlock: string | null;
  clientWriteKey: string | null; serverWriteKey: string | null; clientIv: string | null; serverIv: string | null;
  record: { sequenceNumber: number; plaintext: string; explicitNonce: string; nonce: string; aad: string;
            ciphertext: string; wire: string; opened: string } | null;
  clientFinished: string | null; serverFinished: string | null; mallory: string; staticServerKey: boolean;
  steps: Tls12Step[];
  leak: { attackerHas: { name: string; value: string }[]; steps: Tls12Step[]; decrypted: boolean;
          plaintext: string | null; explanation: string } | null;
  resumed: boolean; resumption: "ticket" | "session_id" | null; session: TlsSession | null;
  ticketKeyName: string | null; resumptionLeak: TlsResumptionLeak | null;
  error: string | null;
}
"#;
