//! ML-KEM-768, the module-lattice key-encapsulation mechanism of FIPS 203, from RustCrypto's
//! `ml-kem` crate: key generation (§6.1, §7.1), encapsulation (§6.2, §7.2) and
//! decapsulation (§6.3, §7.3), with the byte encodings of the parameter set ML-KEM-768
//! (§8, Table 3).
//!
//! A KEM is not Diffie-Hellman. In ECDH both parties send a public key at the same time
//! and each combines the other's key with its own private key. In a KEM the exchange has
//! an order:
//! 1. Alice generates a key pair and sends her *encapsulation key* (1,184 bytes).
//! 2. Bob runs `Encaps` on it: he gets a fresh shared secret and a *ciphertext* (1,088
//!    bytes) that carries it, and sends the ciphertext back.
//! 3. Alice runs `Decaps` on the ciphertext with her *decapsulation key* and gets the same
//!    32-byte shared secret.
//!
//! Only after the answer do both hold the secret, and Bob has no key pair at all: the
//! secret is one that Bob chose and sent to Alice under her key. As with ECDH, the
//! exchange alone is unauthenticated: whoever can replace Alice's encapsulation key on
//! the way agrees a secret with Bob.
//!
//! Unlike the raw ECDH output, the ML-KEM shared secret already comes out of a hash (G or
//! J, §4.1) as a 32-byte key; a hybrid still runs it through a KDF together with the ECDH
//! secret.

// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use hkdf::Hkdf;
use ml_kem::array::Array;
use ml_kem::ml_kem_768::Ciphertext as Ct768;
use ml_kem::{B32, Decapsulate, DecapsulationKey768, EncapsulationKey768, KeyExport, MlKem768};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
use crate::keys::text;

pub mod hybrid;

/// Length of an encoded encapsulation key: 384·k + 32 with k = 3 (FIPS 203 §8).
pub const ENCAPSULATION_KEY_LEN: usize = 1184;
/// Length of the expanded decapsulation key dk_PKE ‖ ek ‖ H(ek) ‖ z: 768·k + 96 (§8).
pub const DECAPSULATION_KEY_LEN: usize = 2400;
/// Length of the seed d ‖ z that ML-KEM.KeyGen_internal expands into a key pair (§6.1).
pub const SEED_LEN: usize = 64;
/// Length of a ciphertext: 32·(d_u·k + d_v) with d_u = 10, d_v = 4 (§8).
pub const CIPHERTEXT_LEN: usize = 1088;
/// Length of the shared secret, for every parameter set (§8, Table 3).
pub const SHARED_SECRET_LEN: usize = 32;

/// Length of the encoded vector t̂ at the start of an encapsulation key (384·k); the
/// 32-byte matrix seed ρ follows it.
const T_HAT_LEN: usize = 1152;
/// Where the encapsulation key starts inside an expanded decapsulation key (after dk_PKE).
const DK_EK_START: usize = 1152;

/// The salt of [`DecapsulationKey::from_seed`]'s HKDF.
const LESSON_SALT: &[u8] = b"ecdh-playground mlkem seed v1";

/// An ML-KEM-768 encapsulation key: the public half, checked as FIPS 203 §7.2 requires.
#[derive(Clone, PartialEq, Eq)]
pub struct EncapsulationKey(EncapsulationKey768);

impl fmt::Debug for EncapsulationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncapsulationKey(ML-KEM-768, {})", self.fingerprint())
    }
}

impl EncapsulationKey {
    /// Reads the 1,184-byte encoding ByteEncode₁₂(t̂) ‖ ρ and runs the encapsulation key
    /// check of FIPS 203 §7.2: the type check (the length) and the modulus check (every
    /// 12-bit coefficient of t̂ is below q = 3329). `Encaps` must never run on a key that
    /// was not checked.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for any other length; [`Error::Malformed`] naming the
    /// first coefficient that fails the modulus check.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let encoded = Array::try_from(bytes).map_err(|_| Error::InvalidLength {
            what: "ML-KEM-768 encapsulation key",
            expected: "1184 bytes",
            found: bytes.len(),
        })?;
        EncapsulationKey768::new(&encoded)
            .map(Self)
            .map_err(|_| modulus_error("ML-KEM-768 encapsulation key", bytes))
    }

    /// The 1,184-byte encoding.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes().to_vec()
    }

    /// A short fingerprint to compare keys by eye: the first 8 bytes of SHA-256 over the
    /// 1,184-byte encoding, as four groups of four hex digits (as
    /// [`crate::PublicKey::fingerprint`] does for elliptic-curve keys).
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0.to_bytes());
        digest
            .get(..8)
            .unwrap_or_default()
            .chunks(2)
            .map(text::to_hex)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Bob's step: a fresh shared secret, and the ciphertext that carries it to the holder
    /// of the decapsulation key (ML-KEM.Encaps, §7.2), with m from the operating system's
    /// random number generator.
    ///
    /// # Errors
    /// [`Error::Randomness`] when the generator cannot be read.
    pub fn encapsulate(&self) -> Result<(Ciphertext, SharedSecret)> {
        let mut m = Zeroizing::new([0u8; 32]);
        getrandom::fill(m.as_mut_slice()).map_err(|_| Error::Randomness)?;
        Ok(self.encapsulate_deterministic(&m))
    }

    /// ML-KEM.Encaps_internal (§6.2) with a given 32-byte m, FOR TESTS AND LESSONS ONLY:
    /// whoever knows m knows the shared secret. Real encapsulation draws m at random,
    /// fresh every time ([`Self::encapsulate`]).
    #[must_use]
    pub fn encapsulate_deterministic(&self, m: &[u8; 32]) -> (Ciphertext, SharedSecret) {
        let mut m = B32::from(*m);
        let (ct, k) = self.0.encapsulate_deterministic(&m);
        m.zeroize();
        (Ciphertext(ct), SharedSecret::from_array(k))
    }
}

/// An ML-KEM-768 decapsulation key, the private half. It keeps its encapsulation key and,
/// when made from a seed, the seed. Zeroized on drop; `Debug` prints nothing of it.
#[derive(Clone)]
pub struct DecapsulationKey(DecapsulationKey768);

impl fmt::Debug for DecapsulationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecapsulationKey").finish_non_exhaustive()
    }
}

impl DecapsulationKey {
    /// A fresh key pair from the operating system's random number generator: 64 random
    /// bytes d ‖ z, expanded by ML-KEM.KeyGen_internal (§6.1, §7.1).
    ///
    /// # Errors
    /// [`Error::Randomness`] when the generator cannot be read.
    pub fn generate() -> Result<Self> {
        let mut seed = Zeroizing::new([0u8; SEED_LEN]);
        getrandom::fill(seed.as_mut_slice()).map_err(|_| Error::Randomness)?;
        Self::from_key_seed(seed.as_slice())
    }

    /// A key pair derived deterministically from a text `seed`, FOR TEACHING ONLY: anyone
    /// who knows the seed knows the key. Every student given the same seed sees the same
    /// key. `label` separates the keys one seed gives ("alice", "bob", ...).
    ///
    /// The derivation: `HKDF-SHA256(salt = "ecdh-playground mlkem seed v1", ikm = seed,
    /// info = "ML-KEM-768" ‖ label, L = 64)` gives d ‖ z, which
    /// ML-KEM.KeyGen_internal expands as [`Self::from_key_seed`] does. Every 64 bytes are
    /// a valid seed, so no retry is needed (unlike P-256 in
    /// [`crate::SecretKey::from_seed`]).
    ///
    /// # Errors
    /// None in practice: HKDF-SHA256 gives up to 8,160 bytes and 64 are asked for. The
    /// `Result` stands so that nothing here can panic.
    pub fn from_seed(seed: &[u8], label: &str) -> Result<Self> {
        let hk = Hkdf::<Sha256>::new(Some(LESSON_SALT), seed);
        let mut okm = Zeroizing::new([0u8; SEED_LEN]);
        hk.expand_multi_info(&[b"ML-KEM-768", label.as_bytes()], okm.as_mut_slice())
            .map_err(|_| Error::InvalidOutputLength {
                requested: SEED_LEN,
                max: 8160,
            })?;
        Self::from_key_seed(okm.as_slice())
    }

    /// The key pair of the 64-byte seed d ‖ z (ML-KEM.KeyGen_internal, §6.1): d seeds the
    /// key pair, z is the secret used for implicit rejection. This is the form of private
    /// key FIPS 203 §7.1 allows storing instead of the expanded key, and that `ml-kem`
    /// prefers.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] unless `seed` is 64 bytes.
    pub fn from_key_seed(seed: &[u8]) -> Result<Self> {
        let mut seed = ml_kem::Seed::try_from(seed).map_err(|_| Error::InvalidLength {
            what: "ML-KEM-768 seed (d ‖ z)",
            expected: "64 bytes",
            found: seed.len(),
        })?;
        let key = DecapsulationKey768::from_seed(seed);
        seed.zeroize();
        Ok(Self(key))
    }

    /// Reads the 2,400-byte expanded decapsulation key dk_PKE ‖ ek ‖ H(ek) ‖ z (§6.1,
    /// step 3 of ML-KEM.KeyGen_internal) with the input checks of §7.3: the length (type
    /// check) and the hash check (the stored H(ek) is the hash of the embedded ek); and,
    /// as `ml-kem` does beyond §7.3, the modulus check of §7.2 on that ek. (dk_PKE itself
    /// cannot be checked without the seed.)
    /// A key read this way has no seed: [`Self::to_key_seed`] gives `None`.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for any other length; [`Error::Malformed`] naming the
    /// check that failed.
    pub fn from_expanded_bytes(bytes: &[u8]) -> Result<Self> {
        const WHAT: &str = "ML-KEM-768 decapsulation key";
        let mut expanded =
            ml_kem::ExpandedDecapsulationKey::<MlKem768>::try_from(bytes).map_err(|_| {
                Error::InvalidLength {
                    what: WHAT,
                    expected: "2400 bytes",
                    found: bytes.len(),
                }
            })?;
        // `ml-kem` marks the expanded form deprecated in favour of the seed; FIPS 203 and
        // Wycheproof still define the decapsulation key as these 2,400 bytes, and people
        // paste it.
        #[allow(deprecated)]
        let key = DecapsulationKey768::from_expanded(&expanded);
        expanded.zeroize();
        key.map(Self).map_err(|_| {
            let ek = bytes
                .get(DK_EK_START..DK_EK_START.saturating_add(ENCAPSULATION_KEY_LEN))
                .unwrap_or_default();
            if first_unreduced(ek).is_some() {
                modulus_error(WHAT, ek)
            } else {
                Error::malformed(
                    WHAT,
                    "FIPS 203 §7.3 hash check failed: the stored H(ek) is not the SHA3-256 hash \
                     of the encapsulation key inside the decapsulation key",
                )
            }
        })
    }

    /// The matching encapsulation key, to send to the other party.
    #[must_use]
    pub fn encapsulation_key(&self) -> EncapsulationKey {
        EncapsulationKey(self.0.encapsulation_key().clone())
    }

    /// The 64-byte seed d ‖ z, or `None` for a key read in the expanded form. Showing a
    /// private key is a deliberate act: the result is secret.
    #[must_use]
    pub fn to_key_seed(&self) -> Option<Zeroizing<[u8; SEED_LEN]>> {
        self.0.to_seed().map(|mut seed| {
            let out = Zeroizing::new(seed.into());
            seed.zeroize();
            out
        })
    }

    /// The 2,400-byte expanded decapsulation key. Secret.
    #[must_use]
    pub fn to_expanded_bytes(&self) -> Zeroizing<Vec<u8>> {
        #[allow(deprecated)]
        let mut expanded = ml_kem::ExpandedKeyEncoding::to_expanded_bytes(&self.0);
        let out = Zeroizing::new(expanded.to_vec());
        expanded.zeroize();
        out
    }

    /// Alice's step: the shared secret from Bob's ciphertext (ML-KEM.Decaps, §6.3, §7.3).
    ///
    /// There is no error. A ciphertext that was tampered with, or never made with this
    /// key, gives a pseudorandom secret J(z ‖ c) instead ("implicit rejection", §6.3),
    /// and the two parties simply hold different keys; the first message under
    /// them fails to authenticate. An error here would tell an attacker which of the
    /// ciphertexts they send are valid, the oracle that chosen-ciphertext attacks on
    /// lattice encryption are built on; the comparison is made in constant time for the
    /// same reason.
    #[must_use]
    pub fn decapsulate(&self, ciphertext: &Ciphertext) -> SharedSecret {
        SharedSecret::from_array(self.0.decapsulate(&ciphertext.0))
    }
}

/// An ML-KEM-768 ciphertext: Bob's answer to an encapsulation key. Not secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Ciphertext(Ct768);

impl fmt::Debug for Ciphertext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ciphertext({})", text::to_hex(self.as_bytes()))
    }
}

impl Ciphertext {
    /// Reads 1,088 bytes. Any 1,088 bytes are a ciphertext (the type check of §7.3):
    /// whether it was made for a key is only found out, silently, by decapsulation.
    ///
    /// # Errors
    /// [`Error::InvalidLength`] for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ct768::try_from(bytes)
            .map(Self)
            .map_err(|_| Error::InvalidLength {
                what: "ML-KEM-768 ciphertext",
                expected: "1088 bytes",
                found: bytes.len(),
            })
    }

    /// The 1,088 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// The 32-byte secret both parties hold after a KEM exchange. Zeroized on drop; `Debug`
/// prints nothing of it.
#[derive(Clone)]
pub struct SharedSecret(Zeroizing<[u8; SHARED_SECRET_LEN]>);

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedSecret").finish_non_exhaustive()
    }
}

impl SharedSecret {
    fn from_array(mut k: ml_kem::SharedKey) -> Self {
        let out = Self(Zeroizing::new(k.into()));
        k.zeroize();
        out
    }

    /// The 32 secret bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; SHARED_SECRET_LEN] {
        &self.0
    }
}

/// The first coefficient of t̂ that is not below q, as (index, value), reading `ek` as
/// ByteDecode₁₂ does (§4.2.1): each 3 bytes hold two 12-bit little-endian integers.
/// Only used to explain a key `ml-kem` has refused.
fn first_unreduced(ek: &[u8]) -> Option<(usize, u16)> {
    const Q: u16 = 3329;
    let t_hat = ek.get(..T_HAT_LEN)?;
    t_hat.chunks_exact(3).enumerate().find_map(|(pair, bytes)| {
        let &[b0, b1, b2] = bytes else { return None };
        let low = u16::from(b0) | (u16::from(b1 & 0x0f) << 8);
        let high = u16::from(b1 >> 4) | (u16::from(b2) << 4);
        let first = pair.checked_mul(2)?;
        if low >= Q {
            Some((first, low))
        } else if high >= Q {
            Some((first.checked_add(1)?, high))
        } else {
            None
        }
    })
}

/// The error for a key `ml-kem` refused, naming the coefficient that fails the modulus
/// check (the only check left once the length is right).
fn modulus_error(what: &'static str, ek: &[u8]) -> Error {
    let detail = match first_unreduced(ek) {
        Some((index, value)) => format!(
            "FIPS 203 §7.2 modulus check failed: coefficient {} of polynomial {} of t̂ is \
             {value}, not below q = 3329",
            index.checked_rem(256).unwrap_or_default(),
            index.checked_div(256).unwrap_or_default(),
        ),
        None => "FIPS 203 §7.2 modulus check failed".to_owned(),
    };
    Error::malformed(what, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> DecapsulationKey {
        DecapsulationKey::from_seed(b"lesson-3", "alice").unwrap()
    }

    #[test]
    fn round_trip() {
        let dk = DecapsulationKey::generate().unwrap();
        let ek = EncapsulationKey::from_bytes(&dk.encapsulation_key().to_bytes()).unwrap();
        let (ct, bob) = ek.encapsulate().unwrap();
        let ct = Ciphertext::from_bytes(ct.as_bytes()).unwrap();
        assert_eq!(dk.decapsulate(&ct).as_bytes(), bob.as_bytes());
    }

    #[test]
    fn encodings_have_their_lengths_and_round_trip() {
        let dk = alice();
        let ek = dk.encapsulation_key();
        assert_eq!(ek.to_bytes().len(), ENCAPSULATION_KEY_LEN);
        let expanded = dk.to_expanded_bytes();
        assert_eq!(expanded.len(), DECAPSULATION_KEY_LEN);
        let seed = dk.to_key_seed().unwrap();
        let from_seed = DecapsulationKey::from_key_seed(seed.as_slice()).unwrap();
        let from_expanded = DecapsulationKey::from_expanded_bytes(&expanded).unwrap();
        assert!(from_expanded.to_key_seed().is_none());
        assert_eq!(from_seed.to_expanded_bytes(), expanded);
        assert_eq!(from_expanded.to_expanded_bytes(), expanded);
        let (ct, k) = ek.encapsulate_deterministic(&[7; 32]);
        assert_eq!(ct.as_bytes().len(), CIPHERTEXT_LEN);
        assert_eq!(from_expanded.decapsulate(&ct).as_bytes(), k.as_bytes());
    }

    #[test]
    fn seeded_keys_are_stable_and_separated_by_label() {
        let ek = alice().encapsulation_key();
        assert_eq!(ek, alice().encapsulation_key());
        // Pinned: a change to the derivation would change every lesson's keys. The same
        // value comes from Python `cryptography` 48 (HKDF, then
        // `MLKEM768PrivateKey.from_seed_bytes`).
        assert_eq!(ek.fingerprint(), "bd55 7642 61b4 acf2");
        let bob = DecapsulationKey::from_seed(b"lesson-3", "bob").unwrap();
        assert_ne!(bob.encapsulation_key(), ek);
    }

    #[test]
    fn a_tampered_ciphertext_gives_another_key_not_an_error() {
        let dk = alice();
        let (ct, k) = dk.encapsulation_key().encapsulate_deterministic(&[1; 32]);
        let mut bytes = ct.as_bytes().to_vec();
        bytes[0] ^= 1;
        let rejected = dk.decapsulate(&Ciphertext::from_bytes(&bytes).unwrap());
        assert_ne!(rejected.as_bytes(), k.as_bytes());
        // Implicit rejection is deterministic: the same bad ciphertext, the same key.
        let again = dk.decapsulate(&Ciphertext::from_bytes(&bytes).unwrap());
        assert_eq!(rejected.as_bytes(), again.as_bytes());
    }

    #[test]
    fn wrong_lengths_are_named() {
        let ek = alice().encapsulation_key().to_bytes();
        assert_eq!(
            EncapsulationKey::from_bytes(&ek[..1183])
                .unwrap_err()
                .to_string(),
            "ML-KEM-768 encapsulation key: expected 1184 bytes, got 1183"
        );
        assert_eq!(
            Ciphertext::from_bytes(&[0; 1089]).unwrap_err().to_string(),
            "ML-KEM-768 ciphertext: expected 1088 bytes, got 1089"
        );
        assert_eq!(
            DecapsulationKey::from_key_seed(&[0; 32])
                .unwrap_err()
                .to_string(),
            "ML-KEM-768 seed (d ‖ z): expected 64 bytes, got 32"
        );
        assert_eq!(
            DecapsulationKey::from_expanded_bytes(&[0; 2399])
                .unwrap_err()
                .to_string(),
            "ML-KEM-768 decapsulation key: expected 2400 bytes, got 2399"
        );
    }

    #[test]
    fn an_unreduced_coefficient_is_named() {
        let mut ek = alice().encapsulation_key().to_bytes();
        // Coefficient 259 (polynomial 1, coefficient 3) is the high half of the pair in
        // bytes 387..390: the top nibble of byte 388 and all of byte 389.
        ek[388] |= 0xf0;
        ek[389] = 0xff;
        assert_eq!(
            EncapsulationKey::from_bytes(&ek).unwrap_err().to_string(),
            "malformed ML-KEM-768 encapsulation key: FIPS 203 §7.2 modulus check failed: \
             coefficient 3 of polynomial 1 of t̂ is 4095, not below q = 3329"
        );
    }

    #[test]
    fn a_corrupted_hash_is_named() {
        let mut dk = alice().to_expanded_bytes();
        dk[DK_EK_START + ENCAPSULATION_KEY_LEN] ^= 1;
        assert_eq!(
            DecapsulationKey::from_expanded_bytes(&dk)
                .unwrap_err()
                .to_string(),
            "malformed ML-KEM-768 decapsulation key: FIPS 203 §7.3 hash check failed: the \
             stored H(ek) is not the SHA3-256 hash of the encapsulation key inside the \
             decapsulation key"
        );
    }

    #[test]
    fn debug_shows_no_secret() {
        let dk = alice();
        let (_, k) = dk.encapsulation_key().encapsulate_deterministic(&[2; 32]);
        assert_eq!(format!("{dk:?}"), "DecapsulationKey { .. }");
        assert_eq!(format!("{k:?}"), "SharedSecret { .. }");
        assert!(
            format!("{:?}", dk.encapsulation_key()).starts_with("EncapsulationKey(ML-KEM-768, ")
        );
    }

    /// Arbitrary bytes and valid keys with one coefficient changed: an error or a key,
    /// never a panic, and the modulus check refuses exactly the coefficients ≥ q.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use std::sync::LazyLock;

        use proptest::collection::vec;
        use proptest::prelude::*;

        use super::*;

        static ALICE_EK: LazyLock<Vec<u8>> =
            LazyLock::new(|| alice().encapsulation_key().to_bytes());

        /// Writes `value` as coefficient `index` of t̂, as ByteEncode₁₂ does (§4.2.1).
        fn set_coefficient(ek: &mut [u8], index: usize, value: u16) {
            let at = index / 2 * 3;
            let [low, high] = value.to_le_bytes();
            if index.is_multiple_of(2) {
                ek[at] = low;
                ek[at + 1] = (ek[at + 1] & 0xf0) | high;
            } else {
                ek[at + 1] = (ek[at + 1] & 0x0f) | (low << 4);
                ek[at + 2] = (value >> 4).to_le_bytes()[0];
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 512,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            #[test]
            fn the_modulus_check_refuses_exactly_the_unreduced(
                index in 0usize..768,
                value in 0u16..4096,
            ) {
                let mut ek = ALICE_EK.clone();
                set_coefficient(&mut ek, index, value);
                match EncapsulationKey::from_bytes(&ek) {
                    Ok(key) => {
                        prop_assert!(value < 3329);
                        prop_assert_eq!(key.to_bytes(), ek);
                    }
                    Err(e) => {
                        prop_assert!(value >= 3329);
                        prop_assert_eq!(
                            e.to_string(),
                            format!(
                                "malformed ML-KEM-768 encapsulation key: FIPS 203 §7.2 modulus \
                                 check failed: coefficient {} of polynomial {} of t̂ is {value}, \
                                 not below q = 3329",
                                index % 256,
                                index / 256
                            )
                        );
                    }
                }
            }

            #[test]
            fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..2500)) {
                if let Err(e) = EncapsulationKey::from_bytes(&bytes) {
                    // A refused key of the right length always names its coefficient.
                    prop_assert!(bytes.len() != 1184 || e.to_string().contains("coefficient"));
                }
                let _ = DecapsulationKey::from_expanded_bytes(&bytes);
                let _ = DecapsulationKey::from_key_seed(&bytes);
                if let Ok(c) = Ciphertext::from_bytes(&bytes) {
                    let _ = alice().decapsulate(&c);
                }
            }

            #[test]
            fn random_keys_are_refused_exactly_when_a_coefficient_is_named(
                bytes in vec(any::<u8>(), 1184..=1184),
            ) {
                // Random 12-bit values are ≥ q with probability 767/4096 each: a random
                // 1,184 bytes is almost never a key, and is refused naming a coefficient.
                let refused = EncapsulationKey::from_bytes(&bytes).is_err();
                let explained = first_unreduced(&bytes).is_some();
                prop_assert_eq!(refused, explained);
            }
        }
    }
}
