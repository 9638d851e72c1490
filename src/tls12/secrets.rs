//! The secrets of one connection: ephemeral ECDH keys that are consumed by use
//! (RFC 8422 §5.10), the pre-master secret, the master secret (RFC 5246 §8.1), the key
//! block (RFC 5246 §6.3) and Finished verify_data (RFC 5246 §7.4.9).
//!
//! Every type here zeroizes on drop and prints nothing secret in `Debug`.

use core::fmt;

use sha2::{Digest, Sha256};
use zeroize::{ZeroizeOnDrop, Zeroizing};

use super::codec::Annotated;
use super::messages::NamedGroup;
use super::transcript::{Side, Transcript};
use crate::error::{Error, Result};
use crate::kdf::tls12_prf_array;
use crate::keys::{Curve, PublicKey, SecretKey};

/// Where a private key comes from: bytes the lesson gave, or fresh randomness.
pub enum KeySource {
    /// A 32-byte scalar given in option `option` (big-endian for P-256, little-endian
    /// for X25519), read once the group is known.
    Given {
        /// The option's name, for error messages ("clientEphemeral").
        option: &'static str,
        /// The scalar.
        scalar: Zeroizing<[u8; 32]>,
    },
    /// A key from the operating system's random number generator.
    Random,
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Given { option, .. } => f
                .debug_struct("Given")
                .field("option", option)
                .finish_non_exhaustive(),
            Self::Random => f.write_str("Random"),
        }
    }
}

impl KeySource {
    /// The given bytes (named by `option` in errors), or fresh randomness.
    #[must_use]
    pub fn given_or_random(option: &'static str, given: Option<&Zeroizing<[u8; 32]>>) -> Self {
        given.map_or(Self::Random, |scalar| Self::Given {
            option,
            scalar: scalar.clone(),
        })
    }

    /// The private key on `curve`.
    ///
    /// # Errors
    /// A given P-256 scalar that is zero or not less than the group order (named with
    /// its option); [`Error::Randomness`].
    pub fn secret_key(self, curve: Curve) -> Result<SecretKey> {
        match self {
            Self::Given { option, scalar } => SecretKey::from_bytes(curve, scalar.as_slice())
                .map_err(|e| Error::malformed(option, format!("as a {curve} private key: {e}"))),
            Self::Random => SecretKey::generate(curve),
        }
    }
}

fn group_curve(group: NamedGroup) -> Result<Curve> {
    group.curve().ok_or_else(|| {
        Error::Handshake(format!("{} is not implemented by the model", group.name()))
    })
}

/// An ephemeral ECDH private key: made for one connection, used once, gone.
///
/// Unlike x25519-dalek's `EphemeralSecret` it can be made from given bytes, so that a
/// lesson can reproduce a transcript; like it, it has no `Clone` and
/// [`Self::diffie_hellman`] takes it by value, so after the pre-master secret is
/// computed no copy of the private key is left to leak. The key inside zeroizes when
/// dropped (both p256's and x25519-dalek's secret keys are `ZeroizeOnDrop`).
///
/// A second use does not compile:
///
/// ```compile_fail,E0382
/// # use ecdh_playground::tls12::{messages::NamedGroup, secrets::*};
/// let secret = EphemeralSecret::new(NamedGroup::X25519, KeySource::Random)?;
/// let peer = secret.public_key();
/// let first = secret.diffie_hellman(&peer)?;
/// let again = secret.diffie_hellman(&peer)?; // `secret` was moved by the first use
/// # Ok::<(), ecdh_playground::Error>(())
/// ```
///
/// Nor can it be copied first:
///
/// ```compile_fail,E0599
/// # use ecdh_playground::tls12::{messages::NamedGroup, secrets::*};
/// let secret = EphemeralSecret::new(NamedGroup::X25519, KeySource::Random)?;
/// let copy = secret.clone();
/// # Ok::<(), ecdh_playground::Error>(())
/// ```
pub struct EphemeralSecret {
    secret: SecretKey,
}

// The marker below is honest only because the inner key types zeroize on drop.
const _: fn() = || {
    fn zeroize_on_drop<T: ZeroizeOnDrop>() {}
    zeroize_on_drop::<p256::SecretKey>();
    zeroize_on_drop::<x25519_dalek::StaticSecret>();
};

impl ZeroizeOnDrop for EphemeralSecret {}

impl fmt::Debug for EphemeralSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EphemeralSecret")
            .field("curve", &self.secret.curve())
            .finish_non_exhaustive()
    }
}

impl EphemeralSecret {
    /// A key for `group` from `source`.
    ///
    /// # Errors
    /// As [`KeySource::secret_key`]; a group the model does not implement.
    pub fn new(group: NamedGroup, source: KeySource) -> Result<Self> {
        Ok(Self {
            secret: source.secret_key(group_curve(group)?)?,
        })
    }

    /// The public key, to send.
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        self.secret.public_key()
    }

    /// ECDH with the peer's public key, consuming (and so erasing) the private key.
    ///
    /// # Errors
    /// As [`SecretKey::diffie_hellman`]: a key on the other curve, or an all-zero
    /// X25519 output (RFC 8422 §5.11).
    pub fn diffie_hellman(self, peer: &PublicKey) -> Result<PreMasterSecret> {
        PreMasterSecret::from_ecdh(&self.secret, peer)
    }
}

/// The server's ECDH key: ephemeral (forward secrecy), or one static key reused for
/// every connection (none).
pub enum ServerEcdhKey {
    /// Made for this connection and consumed by the key exchange.
    Ephemeral(EphemeralSecret),
    /// Kept by the server after the key exchange, for the next connection.
    Static(SecretKey),
}

impl fmt::Debug for ServerEcdhKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ephemeral(k) => f.debug_tuple("Ephemeral").field(k).finish(),
            Self::Static(k) => f.debug_tuple("Static").field(k).finish(),
        }
    }
}

impl ServerEcdhKey {
    /// The public key, to put in ServerKeyExchange.
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        match self {
            Self::Ephemeral(k) => k.public_key(),
            Self::Static(k) => k.public_key(),
        }
    }

    /// ECDH with the client's public key. An ephemeral key is consumed; a static key
    /// is handed back, since the server keeps it.
    ///
    /// # Errors
    /// As [`EphemeralSecret::diffie_hellman`].
    pub fn diffie_hellman(self, peer: &PublicKey) -> Result<(PreMasterSecret, Option<SecretKey>)> {
        match self {
            Self::Ephemeral(k) => Ok((k.diffie_hellman(peer)?, None)),
            Self::Static(k) => Ok((PreMasterSecret::from_ecdh(&k, peer)?, Some(k))),
        }
    }
}

/// The pre-master secret: the ECDH output, 32 bytes for both groups (RFC 8422 §5.10).
pub struct PreMasterSecret(Zeroizing<[u8; 32]>);

impl fmt::Debug for PreMasterSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreMasterSecret").finish_non_exhaustive()
    }
}

impl PreMasterSecret {
    /// ECDH of `secret` with `peer`.
    ///
    /// # Errors
    /// As [`SecretKey::diffie_hellman`].
    pub fn from_ecdh(secret: &SecretKey, peer: &PublicKey) -> Result<Self> {
        let shared = secret.diffie_hellman(peer)?;
        Ok(Self(Zeroizing::new(*shared.as_bytes())))
    }

    /// The 32 secret bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Bytes of key block this suite uses: two 16-byte AES-128 keys and two 4-byte
/// implicit nonces (RFC 5288 §3); AEAD suites have no MAC keys.
pub const KEY_BLOCK_LEN: usize = 2 * 16 + 2 * 4;

/// The master secret and the key block of one connection.
pub struct SessionSecrets {
    pre_master: Option<PreMasterSecret>,
    master: Zeroizing<[u8; 48]>,
    key_block: Zeroizing<[u8; KEY_BLOCK_LEN]>,
}

impl fmt::Debug for SessionSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionSecrets").finish_non_exhaustive()
    }
}

impl SessionSecrets {
    /// RFC 5246 §8.1 and §6.3:
    ///
    /// ```text
    /// master_secret = PRF(pre_master_secret, "master secret",
    ///                     ClientHello.random + ServerHello.random)[0..47]
    /// key_block     = PRF(master_secret, "key expansion",
    ///                     ServerHello.random + ClientHello.random)
    /// ```
    ///
    /// The pre-master secret is kept only so that the page can show it; a real
    /// implementation erases it here.
    #[must_use]
    pub fn derive(
        pre_master: PreMasterSecret,
        client_random: &[u8; 32],
        server_random: &[u8; 32],
    ) -> Self {
        let seed = [client_random.as_slice(), server_random].concat();
        let master = tls12_prf_array(pre_master.as_bytes(), b"master secret", &seed);
        let seed = [server_random.as_slice(), client_random].concat();
        let key_block = tls12_prf_array(master.as_slice(), b"key expansion", &seed);
        Self {
            pre_master: Some(pre_master),
            master,
            key_block,
        }
    }

    /// An abbreviated handshake (RFC 5246 §7.3, RFC 5077 §3.1): the master secret of
    /// the session resumed, and a key block from it and the two new randoms. There is
    /// no pre-master secret: no key exchange took place.
    #[must_use]
    pub fn resume(master: &[u8; 48], client_random: &[u8; 32], server_random: &[u8; 32]) -> Self {
        let seed = [server_random.as_slice(), client_random].concat();
        let key_block = tls12_prf_array(master, b"key expansion", &seed);
        Self {
            pre_master: None,
            master: Zeroizing::new(*master),
            key_block,
        }
    }

    /// The pre-master secret (none in an abbreviated handshake).
    #[must_use]
    pub fn pre_master_secret(&self) -> Option<&[u8; 32]> {
        self.pre_master.as_ref().map(PreMasterSecret::as_bytes)
    }

    /// The 48-byte master secret.
    #[must_use]
    pub fn master_secret(&self) -> &[u8; 48] {
        &self.master
    }

    /// The first [`KEY_BLOCK_LEN`] bytes of the key block.
    #[must_use]
    pub fn key_block(&self) -> &[u8; KEY_BLOCK_LEN] {
        &self.key_block
    }

    /// client_write_key (16 bytes).
    #[must_use]
    pub fn client_write_key(&self) -> &[u8] {
        &self.key_block[0..16]
    }

    /// server_write_key (16 bytes).
    #[must_use]
    pub fn server_write_key(&self) -> &[u8] {
        &self.key_block[16..32]
    }

    /// client_write_IV: the client's 4-byte implicit nonce (GCM salt).
    #[must_use]
    pub fn client_iv(&self) -> &[u8] {
        &self.key_block[32..36]
    }

    /// server_write_IV: the server's 4-byte implicit nonce (GCM salt).
    #[must_use]
    pub fn server_iv(&self) -> &[u8] {
        &self.key_block[36..40]
    }

    /// The key block, field by field.
    #[must_use]
    pub fn key_block_annotated(&self) -> Annotated {
        let mut m = Annotated::default();
        m.put(
            "client_write_key",
            "AES-128 key for records the client sends",
            self.client_write_key(),
        );
        m.put(
            "server_write_key",
            "AES-128 key for records the server sends",
            self.server_write_key(),
        );
        m.put(
            "client_write_IV",
            "implicit nonce (salt) for the client's records",
            self.client_iv(),
        );
        m.put(
            "server_write_IV",
            "implicit nonce (salt) for the server's records",
            self.server_iv(),
        );
        m
    }

    /// `PRF(master_secret, label, handshake_hash)[0..11]` (RFC 5246 §7.4.9).
    #[must_use]
    pub fn verify_data(&self, label: &[u8], handshake_hash: &[u8; 32]) -> [u8; 12] {
        *tls12_prf_array(self.master.as_slice(), label, handshake_hash)
    }

    /// RFC 5246 §7.4.9, for `side` receiving the peer's ChangeCipherSpec and Finished
    /// (a full or an abbreviated handshake): the record is opened with the peer's write
    /// key (sequence number 0) and its verify_data compared with the one recomputed over
    /// `handshake_hash`, in constant time, as a real stack must (a comparison that stops
    /// early tells a forger how many leading bytes were right). `mismatch` says what a
    /// wrong verify_data means here. Returns the Finished message (for the handshake
    /// hash) and the peer's verify_data.
    ///
    /// # Errors
    /// A missing ChangeCipherSpec (decode_error), a record that does not decrypt
    /// (bad_record_mac), a malformed Finished (decode_error), verify_data that does not
    /// match (decrypt_error); each recorded in the transcript.
    pub fn check_peer_finished(
        &self,
        side: Side,
        change_cipher_spec: &[u8],
        finished_record: &[u8],
        handshake_hash: &[u8; 32],
        mismatch: &str,
        t: &mut Transcript,
    ) -> Result<(Vec<u8>, [u8; 12])> {
        use super::record::{self, Alert, content_type};
        use subtle::ConstantTimeEq;
        let (peer, key, iv, label): (_, _, _, &[u8]) = match side {
            Side::Client => (
                "server",
                self.server_write_key(),
                self.server_iv(),
                b"server finished",
            ),
            // Only the two parties check a Finished: anyone else reads the client's.
            _ => (
                "client",
                self.client_write_key(),
                self.client_iv(),
                b"client finished",
            ),
        };
        if change_cipher_spec != record::change_cipher_spec().bytes {
            let e = Error::Handshake(format!("expected the {peer}'s ChangeCipherSpec"));
            return Err(t.abort(side, Alert::DecodeError, e));
        }
        let message = t.or_alert(
            side,
            Alert::BadRecordMac,
            record::open(key, iv, 0, content_type::HANDSHAKE, finished_record),
        )?;
        let received = t.or_alert(
            side,
            Alert::DecodeError,
            super::messages::parse_finished(&message),
        )?;
        if !bool::from(received.ct_eq(&self.verify_data(label, handshake_hash))) {
            let e = Error::Handshake(format!(
                "the {peer}'s Finished verify_data does not match: {mismatch}"
            ));
            return Err(t.abort(side, Alert::DecryptError, e));
        }
        Ok((message, received))
    }
}

/// The running hash of the handshake messages (RFC 5246 §7.4.9): each whole message,
/// header included, in the order sent. ChangeCipherSpec is not a handshake message and
/// is not hashed.
#[derive(Clone, Debug, Default)]
pub struct HandshakeHash(Sha256);

impl HandshakeHash {
    /// Adds one handshake message.
    pub fn add(&mut self, message: &[u8]) {
        self.0.update(message);
    }

    /// SHA-256 of the messages so far.
    #[must_use]
    pub fn current(&self) -> [u8; 32] {
        self.0.clone().finalize().into()
    }
}

/// What the ECDH output is, for the transcript.
pub(super) const fn ecdh_output(group: NamedGroup) -> &'static str {
    match group {
        NamedGroup::Secp256r1 => "the x-coordinate of the shared P-256 point, 32 bytes",
        _ => "the 32-byte X25519 output (RFC 7748 §6.1; an all-zero result is rejected)",
    }
}

/// Records the master secret and the key block, as either side computes them.
pub(super) fn record_key_schedule(t: &mut Transcript, side: Side, secrets: &SessionSecrets) {
    t.record_value(
        side,
        format!("{} computes the master secret", side.name()),
        "RFC 5246 §8.1. master_secret = PRF(pre_master_secret, \"master secret\", \
         client_random ‖ server_random)[0..47], with the PRF of §5 (HMAC-SHA256 in P_SHA256). \
         The randoms make it unique to this connection even if a pre-master secret repeated. \
         (The extended master secret of RFC 7627 is not used here.)",
        secrets.master_secret(),
    );
    t.record(
        side,
        format!("{} computes the key block", side.name()),
        "RFC 5246 §6.3. key_block = PRF(master_secret, \"key expansion\", \
         server_random ‖ client_random): note the order, server first. It is cut into \
         client_write_key and server_write_key (16 bytes each for AES-128) and \
         client_write_IV and server_write_IV (4 bytes each, the implicit part of the GCM \
         nonce, RFC 5288 §3). AEAD suites need no MAC keys. Each direction has its own key.",
        &secrets.key_block_annotated(),
    );
}
