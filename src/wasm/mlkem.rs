//! ML-KEM-768 and the X25519MLKEM768 hybrid for JavaScript. A KEM is not Diffie-Hellman,
//! so these have their own shape: `KeyPair` and `supportedCurves()` keep meaning curves.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use super::{JsResult, Secret, bytes, js_error, set};
use crate::mlkem::hybrid::{self, HybridKeyPair};
use crate::mlkem::{self, Ciphertext, DecapsulationKey, EncapsulationKey};

fn object(pairs: &[(&str, &[u8])]) -> JsResult<JsValue> {
    let o = js_sys::Object::new();
    for (name, value) in pairs {
        set(&o, name, &Uint8Array::from(*value).into())?;
    }
    Ok(o.into())
}

/// An ML-KEM-768 key pair from the 64-byte seed d ‖ z (FIPS 203 §6.1):
/// `{ encapsulationKey (1,184 bytes), decapsulationKey (2,400 bytes, secret) }`.
#[wasm_bindgen(js_name = mlkemKeyPairFromSeed, unchecked_return_type = "MlkemKeyPair")]
pub fn mlkem_key_pair_from_seed(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
) -> JsResult<JsValue> {
    let seed = Secret::new(bytes(&seed, "seed")?);
    let key = DecapsulationKey::from_key_seed(&seed).map_err(js_error)?;
    let dk = key.to_expanded_bytes();
    object(&[
        ("encapsulationKey", &key.encapsulation_key().to_bytes()),
        ("decapsulationKey", &dk),
    ])
}

/// Encapsulates to an encapsulation key: `{ ciphertext (1,088 bytes), sharedSecret (32) }`.
/// With `m` (32 bytes) the result is deterministic (ML-KEM.Encaps_internal, for lessons
/// and test vectors); without it, fresh. A malformed key (a coefficient not below
/// q = 3329) is refused, naming it.
#[wasm_bindgen(js_name = mlkemEncapsulate, unchecked_return_type = "MlkemEncapsulation")]
pub fn mlkem_encapsulate(
    #[wasm_bindgen(js_name = "encapsulationKey", unchecked_param_type = "Uint8Array")]
    encapsulation_key: JsValue,
    m: Option<Uint8Array>,
) -> JsResult<JsValue> {
    let ek = EncapsulationKey::from_bytes(&bytes(&encapsulation_key, "encapsulationKey")?)
        .map_err(js_error)?;
    let (ct, ss) = if let Some(m) = m {
        let m = Secret::new(m.to_vec());
        let m: &[u8; 32] = m
            .as_slice()
            .try_into()
            .map_err(|_| JsError::new(&format!("m: expected 32 bytes, got {}", m.len())))?;
        ek.encapsulate_deterministic(m)
    } else {
        ek.encapsulate().map_err(js_error)?
    };
    object(&[
        ("ciphertext", ct.as_bytes()),
        ("sharedSecret", ss.as_bytes()),
    ])
}

/// Decapsulates: the 32-byte shared secret. The key is the 2,400-byte expanded
/// decapsulation key or the 64-byte seed d ‖ z (told apart by length). A ciphertext of
/// the right length that was not made for this key is NOT an error: implicit rejection
/// (FIPS 203 §6.3) returns a pseudorandom secret, so that an attacker learns nothing from
/// which ciphertexts "work"; the handshake fails later, when the keys differ.
#[wasm_bindgen(js_name = mlkemDecapsulate)]
pub fn mlkem_decapsulate(
    #[wasm_bindgen(js_name = "decapsulationKey", unchecked_param_type = "Uint8Array")]
    decapsulation_key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] ciphertext: JsValue,
) -> JsResult<Vec<u8>> {
    let dk = Secret::new(bytes(&decapsulation_key, "decapsulationKey")?);
    let key = match dk.len() {
        mlkem::SEED_LEN => DecapsulationKey::from_key_seed(&dk),
        _ => DecapsulationKey::from_expanded_bytes(&dk),
    }
    .map_err(js_error)?;
    let ct = Ciphertext::from_bytes(&bytes(&ciphertext, "ciphertext")?).map_err(js_error)?;
    Ok(key.decapsulate(&ct).as_bytes().to_vec())
}

/// The client's half of X25519MLKEM768 (TLS group 0x11EC): an ML-KEM-768 key pair and an
/// X25519 key pair. `publicShare` is what the client sends (encapsulation key ‖ X25519
/// public key, 1,216 bytes); `finish(serverShare)` gives the 64-byte shared secret,
/// ML-KEM secret ‖ X25519 secret (the order X25519MLKEM768 uses; SecP256r1MLKEM768 puts
/// the EC part first).
#[wasm_bindgen(js_name = HybridKeyPair)]
pub struct WasmHybridKeyPair(HybridKeyPair);

#[wasm_bindgen(js_class = HybridKeyPair)]
impl WasmHybridKeyPair {
    /// Fresh keys.
    pub fn generate() -> JsResult<WasmHybridKeyPair> {
        HybridKeyPair::generate().map(Self).map_err(js_error)
    }

    /// Keys from a lesson's seed (teaching only: anyone with the seed has the keys): the
    /// ML-KEM key as `HKDF-SHA256(salt "ecdh-playground mlkem seed v1", seed,
    /// "ML-KEM-768" ‖ label)` expands, the X25519 key as `KeyPair.fromSeed` derives it.
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
        label: Option<String>,
    ) -> JsResult<WasmHybridKeyPair> {
        let seed = Secret::new(bytes(&seed, "seed")?);
        HybridKeyPair::from_seed(&seed, &label.unwrap_or_default())
            .map(Self)
            .map_err(js_error)
    }

    /// Keys read back from their private parts (a party tab keeping its keys): the
    /// 64-byte ML-KEM seed d ‖ z and the X25519 private key in any format
    /// `KeyPair.importPrivateKey` reads.
    #[wasm_bindgen(js_name = importPrivateKey)]
    pub fn import_private_key(
        #[wasm_bindgen(js_name = "mlkemSeed", unchecked_param_type = "Uint8Array")]
        mlkem_seed: JsValue,
        #[wasm_bindgen(js_name = "x25519PrivateKey")] x25519_private_key: &str,
    ) -> JsResult<WasmHybridKeyPair> {
        let seed = Secret::new(bytes(&mlkem_seed, "mlkemSeed")?);
        let x25519 =
            crate::keys::SecretKey::parse(x25519_private_key, Some(crate::keys::Curve::X25519))
                .map_err(js_error)?;
        HybridKeyPair::from_parts(&seed, x25519)
            .map(Self)
            .map_err(js_error)
    }

    /// The X25519 half as a `KeyPair` of its own (a copy, private key included): its
    /// public key in every format, its fingerprint, its private key when revealed.
    #[wasm_bindgen(js_name = x25519KeyPair)]
    pub fn x25519_key_pair(&self) -> super::WasmKeyPair {
        super::WasmKeyPair(self.0.x25519_key_pair())
    }

    /// The ML-KEM-768 encapsulation key (1,184 bytes), the first part of the share.
    #[wasm_bindgen(getter, js_name = encapsulationKey)]
    pub fn encapsulation_key(&self) -> Vec<u8> {
        self.0.mlkem().encapsulation_key().to_bytes()
    }

    /// The ML-KEM private key as its 64-byte seed d ‖ z, shown on purpose (the form
    /// `mlkemDecapsulate` and Python's `MLKEM768PrivateKey.from_seed_bytes` take).
    #[wasm_bindgen(js_name = revealMlkemSeed)]
    pub fn reveal_mlkem_seed(&self) -> JsResult<Vec<u8>> {
        self.0
            .mlkem()
            .to_key_seed()
            .map(|s| s.to_vec())
            .ok_or_else(|| JsError::new("this ML-KEM key was read without its seed"))
    }

    /// The client's key share: encapsulation key (1,184) ‖ X25519 public key (32).
    #[wasm_bindgen(getter, js_name = publicShare)]
    pub fn public_share(&self) -> Vec<u8> {
        self.0.public_share()
    }

    /// The 64-byte shared secret from the server's share (ciphertext ‖ X25519 key,
    /// 1,120 bytes).
    pub fn finish(
        &self,
        #[wasm_bindgen(js_name = "serverShare", unchecked_param_type = "Uint8Array")]
        server_share: JsValue,
    ) -> JsResult<Vec<u8>> {
        let share = bytes(&server_share, "serverShare")?;
        self.0.finish(&share).map(|s| s.to_vec()).map_err(js_error)
    }
}

/// The server's half of X25519MLKEM768: `{ serverShare (1,120 bytes: ML-KEM ciphertext ‖
/// X25519 public key), sharedSecret (64) }` for the client's 1,216-byte share. With
/// `seed` the encapsulation and the X25519 key come from it (lessons); without, fresh.
#[wasm_bindgen(js_name = hybridRespond, unchecked_return_type = "HybridResponse")]
pub fn hybrid_respond(
    #[wasm_bindgen(js_name = "clientShare", unchecked_param_type = "Uint8Array")]
    client_share: JsValue,
    seed: Option<Uint8Array>,
) -> JsResult<JsValue> {
    let share = bytes(&client_share, "clientShare")?;
    let seed = seed.map(|s| Secret::new(s.to_vec()));
    let (server_share, secret) =
        hybrid::respond(&share, seed.as_ref().map(|s| s.as_slice())).map_err(js_error)?;
    object(&[("serverShare", &server_share), ("sharedSecret", &secret)])
}

/// The server's half with a given X25519 key pair and encapsulation randomness `m` (32
/// bytes): `{ serverShare, sharedSecret }` as `hybridRespond`, the same again for the same
/// inputs (a party tab that keeps its key answers a reloaded page with the same bytes).
#[wasm_bindgen(js_name = hybridRespondWith, unchecked_return_type = "HybridResponse")]
pub fn hybrid_respond_with(
    #[wasm_bindgen(js_name = "keyPair")] key_pair: &super::WasmKeyPair,
    #[wasm_bindgen(js_name = "clientShare", unchecked_param_type = "Uint8Array")]
    client_share: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] m: JsValue,
) -> JsResult<JsValue> {
    let share = bytes(&client_share, "clientShare")?;
    let m = Secret::new(bytes(&m, "m")?);
    let m: &[u8; 32] = m.as_slice().try_into().map_err(|_| {
        JsError::new(&format!(
            "m: expected 32 bytes (the encapsulation randomness), got {}",
            m.len()
        ))
    })?;
    let (server_share, secret) =
        hybrid::respond_with(&share, key_pair.0.secret_key(), m).map_err(js_error)?;
    object(&[("serverShare", &server_share), ("sharedSecret", &secret)])
}

/// The TLS groups the model implements, by IANA name: `"x25519"`, `"secp256r1"`,
/// `"X25519MLKEM768"`.
#[cfg(feature = "tls13")]
#[wasm_bindgen(js_name = supportedGroups, unchecked_return_type = "string[]")]
pub fn supported_groups() -> JsValue {
    use crate::tls12::messages::NamedGroup;
    use js_sys::Array;
    [
        NamedGroup::X25519,
        NamedGroup::Secp256r1,
        NamedGroup::X25519MlKem768,
    ]
    .iter()
    .filter(|g| g.tls13_implemented())
    .map(|g| JsValue::from_str(g.name()))
    .collect::<Array>()
    .into()
}

#[wasm_bindgen(typescript_custom_section)]
const MLKEM_TS: &str = r#"
/** An ML-KEM-768 key pair: the encapsulation key (public) and the expanded decapsulation key (secret). */
export interface MlkemKeyPair { encapsulationKey: Uint8Array; decapsulationKey: Uint8Array; }
/** What encapsulation gives: the ciphertext to send and the shared secret kept. */
export interface MlkemEncapsulation { ciphertext: Uint8Array; sharedSecret: Uint8Array; }
/** The server's answer in X25519MLKEM768. */
export interface HybridResponse { serverShare: Uint8Array; sharedSecret: Uint8Array; }
"#;
