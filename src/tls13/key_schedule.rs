//! The TLS 1.3 key schedule (RFC 8446 §7.1), Finished (§4.4.4) and the resumption PSK
//! (§4.6.1), all built with HKDF-Expand-Label and Derive-Secret ([`super::hkdf`]) from
//! the suite's hash.
//!
//! ```text
//!              0
//!              |
//!              v
//!    PSK ->  HKDF-Extract = Early Secret
//!              |
//!              v
//!        Derive-Secret(., "derived", "")
//!              |
//!              v
//!    (EC)DHE -> HKDF-Extract = Handshake Secret
//!              |
//!              +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
//!              |                     = client_handshake_traffic_secret
//!              +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
//!              |                     = server_handshake_traffic_secret
//!              v
//!        Derive-Secret(., "derived", "")
//!              |
//!              v
//!    0 -> HKDF-Extract = Master Secret
//!              |
//!              +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
//!              |                     = client_application_traffic_secret_0
//!              +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
//!              |                     = server_application_traffic_secret_0
//!              +-----> Derive-Secret(., "exp master", ClientHello...server Finished)
//!              |                     = exporter_master_secret
//!              +-----> Derive-Secret(., "res master", ClientHello...client Finished)
//!                                    = resumption_master_secret
//! ```
//!
//! (RFC 8446 §7.1's figure; with a PSK, the Early Secret also gives binder_key,
//! client_early_traffic_secret and early_exporter_master_secret, see
//! [`KeyScheduleEarly`]. HKDF-Extract
//! takes its salt from above and its input keying material from the left; "0" is
//! Hash.length zero bytes.)
//!
//! The stages are three types, as rustls has them: [`KeyScheduleEarly`],
//! [`KeyScheduleHandshake`] (known once ServerHello is sent) and [`KeyScheduleTraffic`]
//! (known once the server's Finished is sent); [`KeySchedule`] runs all three.
//!
//! The ECDHE shared secret goes into HKDF-Extract, never straight into a key: it is a
//! curve coordinate, not a uniformly random string. Every secret here zeroizes on drop,
//! and no `Debug` prints one.
// Lengths and bytes come from outside (the page sends secrets and hashes): no index or
// arithmetic that could panic or wrap (its unit tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use zeroize::Zeroizing;

use super::hkdf::{check_hash_len, derive_secret, hkdf_expand_label, hkdf_extract, hmac};
use super::suite::{CipherSuite, HashAlgorithm};
use super::traffic::TrafficKeys;
use crate::error::{Error, Result};

/// `Derive-Secret(secret, "derived", "")`: the salt of the next HKDF-Extract. The
/// messages are none, so the context is the hash of the empty string.
fn derived(hash: HashAlgorithm, secret: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    derive_secret(hash, secret, b"derived", &hash.digest(b""))
}

// ---------------------------------------------------------------------------------------
// RFC 8446 §7.1: the three stages.

/// The first stage: the Early Secret.
pub struct KeyScheduleEarly {
    suite: CipherSuite,
    early_secret: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for KeyScheduleEarly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyScheduleEarly")
            .field("suite", &self.suite)
            .finish_non_exhaustive()
    }
}

impl KeyScheduleEarly {
    /// RFC 8446 §7.1: Early Secret = HKDF-Extract(salt 0, IKM PSK), where a handshake
    /// without a PSK uses Hash.length zero bytes for the PSK.
    ///
    /// With a PSK, [`Self::resumption_binder_key`], [`Self::client_early_traffic_secret`]
    /// and [`Self::early_exporter_master_secret`] come from it (RFC 8446 §4.2.11, §7.1).
    #[must_use]
    pub fn new(suite: CipherSuite, psk: Option<&[u8]>) -> Self {
        let zeros = Zeroizing::new(vec![0u8; suite.hash_len()]);
        let early_secret = hkdf_extract(suite, &zeros, psk.unwrap_or(&zeros));
        Self {
            suite,
            early_secret,
        }
    }

    /// The suite.
    #[must_use]
    pub const fn suite(&self) -> CipherSuite {
        self.suite
    }

    /// The Early Secret.
    #[must_use]
    pub fn early_secret(&self) -> &[u8] {
        &self.early_secret
    }

    /// RFC 8446 §7.1: binder_key = Derive-Secret(Early Secret, "res binder", "") for a
    /// resumption PSK (an external PSK would use "ext binder").
    ///
    /// # Errors
    /// None in practice: the Early Secret is Hash.length by construction.
    pub fn resumption_binder_key(&self) -> Result<Zeroizing<Vec<u8>>> {
        let hash = self.suite.hash();
        derive_secret(hash, &self.early_secret, b"res binder", &hash.digest(b""))
    }

    /// RFC 8446 §4.2.11.2: a PSK binder, HMAC(finished_key of binder_key,
    /// Transcript-Hash(ClientHello up to the binders)), given that hash.
    ///
    /// # Errors
    /// A hash that is not Hash.length bytes.
    pub fn binder(&self, truncated_hello_hash: &[u8]) -> Result<Vec<u8>> {
        finished_verify_data(
            self.suite,
            &self.resumption_binder_key()?,
            truncated_hello_hash,
        )
    }

    /// RFC 8446 §7.1: client_early_traffic_secret = Derive-Secret(Early Secret,
    /// "c e traffic", ClientHello): the key of 0-RTT data, known to the client before
    /// any answer from the server.
    ///
    /// # Errors
    /// A hash that is not Hash.length bytes.
    pub fn client_early_traffic_secret(&self, hello_hash: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        derive_secret(self.suite, &self.early_secret, b"c e traffic", hello_hash)
    }

    /// RFC 8446 §7.1: early_exporter_master_secret = Derive-Secret(Early Secret,
    /// "e exp master", ClientHello).
    ///
    /// # Errors
    /// A hash that is not Hash.length bytes.
    pub fn early_exporter_master_secret(&self, hello_hash: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        derive_secret(self.suite, &self.early_secret, b"e exp master", hello_hash)
    }

    /// RFC 8446 §7.1: the Handshake Secret and the handshake traffic secrets, from the
    /// (EC)DHE shared secret and Transcript-Hash(ClientHello, ServerHello).
    ///
    /// ```text
    /// Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""),
    ///                                 (EC)DHE)
    /// ```
    ///
    /// # Errors
    /// An empty shared secret; a hello hash that is not Hash.length bytes.
    pub fn handshake(
        &self,
        shared_secret: &[u8],
        hello_hash: &[u8],
    ) -> Result<KeyScheduleHandshake> {
        let hash = self.suite.hash();
        if shared_secret.is_empty() {
            return Err(Error::InvalidLength {
                what: "(EC)DHE shared secret",
                expected: "at least 1 byte (32 for X25519 and P-256)",
                found: 0,
            });
        }
        check_hash_len(
            hash,
            "hello hash, Transcript-Hash(ClientHello, ServerHello)",
            hello_hash,
        )?;
        let salt = derived(hash, &self.early_secret)?;
        let handshake_secret = hkdf_extract(hash, &salt, shared_secret);
        Ok(KeyScheduleHandshake {
            suite: self.suite,
            client_handshake_traffic_secret: derive_secret(
                hash,
                &handshake_secret,
                b"c hs traffic",
                hello_hash,
            )?,
            server_handshake_traffic_secret: derive_secret(
                hash,
                &handshake_secret,
                b"s hs traffic",
                hello_hash,
            )?,
            handshake_secret,
        })
    }
}

/// The second stage: the Handshake Secret and the handshake traffic secrets, which
/// protect everything after ServerHello up to and including both Finished messages.
pub struct KeyScheduleHandshake {
    suite: CipherSuite,
    handshake_secret: Zeroizing<Vec<u8>>,
    client_handshake_traffic_secret: Zeroizing<Vec<u8>>,
    server_handshake_traffic_secret: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for KeyScheduleHandshake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyScheduleHandshake")
            .field("suite", &self.suite)
            .finish_non_exhaustive()
    }
}

impl KeyScheduleHandshake {
    /// The suite.
    #[must_use]
    pub const fn suite(&self) -> CipherSuite {
        self.suite
    }

    /// The Handshake Secret.
    #[must_use]
    pub fn handshake_secret(&self) -> &[u8] {
        &self.handshake_secret
    }

    /// client_handshake_traffic_secret.
    #[must_use]
    pub fn client_handshake_traffic_secret(&self) -> &[u8] {
        &self.client_handshake_traffic_secret
    }

    /// server_handshake_traffic_secret.
    #[must_use]
    pub fn server_handshake_traffic_secret(&self) -> &[u8] {
        &self.server_handshake_traffic_secret
    }

    /// The client's handshake write key and IV (RFC 8446 §7.3).
    ///
    /// # Errors
    /// None in practice: the secret is Hash.length by construction.
    pub fn client_handshake_keys(&self) -> Result<TrafficKeys> {
        TrafficKeys::derive(self.suite, &self.client_handshake_traffic_secret)
    }

    /// The server's handshake write key and IV (RFC 8446 §7.3).
    ///
    /// # Errors
    /// None in practice: the secret is Hash.length by construction.
    pub fn server_handshake_keys(&self) -> Result<TrafficKeys> {
        TrafficKeys::derive(self.suite, &self.server_handshake_traffic_secret)
    }

    /// The server's Finished verify_data (RFC 8446 §4.4.4), BaseKey
    /// server_handshake_traffic_secret, over Transcript-Hash(ClientHello ..
    /// CertificateVerify).
    ///
    /// # Errors
    /// A transcript hash that is not Hash.length bytes.
    pub fn server_finished(&self, transcript_hash: &[u8]) -> Result<Vec<u8>> {
        finished_verify_data(
            self.suite,
            &self.server_handshake_traffic_secret,
            transcript_hash,
        )
    }

    /// The client's Finished verify_data (RFC 8446 §4.4.4), BaseKey
    /// client_handshake_traffic_secret, over Transcript-Hash(ClientHello .. server
    /// Finished) (with client Certificate and CertificateVerify, had they been sent).
    ///
    /// # Errors
    /// A transcript hash that is not Hash.length bytes.
    pub fn client_finished(&self, transcript_hash: &[u8]) -> Result<Vec<u8>> {
        finished_verify_data(
            self.suite,
            &self.client_handshake_traffic_secret,
            transcript_hash,
        )
    }

    /// RFC 8446 §7.1: the Master Secret and the secrets derived from it, given
    /// Transcript-Hash(ClientHello .. server Finished).
    ///
    /// ```text
    /// Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0)
    /// ```
    ///
    /// # Errors
    /// A handshake hash that is not Hash.length bytes.
    pub fn traffic(&self, handshake_hash: &[u8]) -> Result<KeyScheduleTraffic> {
        let hash = self.suite.hash();
        check_hash_len(
            hash,
            "handshake hash, Transcript-Hash(ClientHello .. server Finished)",
            handshake_hash,
        )?;
        let salt = derived(hash, &self.handshake_secret)?;
        let zeros = Zeroizing::new(vec![0u8; hash.output_len()]);
        let master_secret = hkdf_extract(hash, &salt, &zeros);
        let derive = |label: &[u8]| derive_secret(hash, &master_secret, label, handshake_hash);
        Ok(KeyScheduleTraffic {
            suite: self.suite,
            client_application_traffic_secret: derive(b"c ap traffic")?,
            server_application_traffic_secret: derive(b"s ap traffic")?,
            exporter_master_secret: derive(b"exp master")?,
            master_secret,
        })
    }
}

/// The third stage: the Master Secret and what is derived from it for application data,
/// exporters (RFC 8446 §7.5) and resumption.
pub struct KeyScheduleTraffic {
    suite: CipherSuite,
    master_secret: Zeroizing<Vec<u8>>,
    client_application_traffic_secret: Zeroizing<Vec<u8>>,
    server_application_traffic_secret: Zeroizing<Vec<u8>>,
    exporter_master_secret: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for KeyScheduleTraffic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyScheduleTraffic")
            .field("suite", &self.suite)
            .finish_non_exhaustive()
    }
}

impl KeyScheduleTraffic {
    /// The suite.
    #[must_use]
    pub const fn suite(&self) -> CipherSuite {
        self.suite
    }

    /// The Master Secret.
    #[must_use]
    pub fn master_secret(&self) -> &[u8] {
        &self.master_secret
    }

    /// client_application_traffic_secret_0.
    #[must_use]
    pub fn client_application_traffic_secret(&self) -> &[u8] {
        &self.client_application_traffic_secret
    }

    /// server_application_traffic_secret_0.
    #[must_use]
    pub fn server_application_traffic_secret(&self) -> &[u8] {
        &self.server_application_traffic_secret
    }

    /// exporter_master_secret.
    #[must_use]
    pub fn exporter_master_secret(&self) -> &[u8] {
        &self.exporter_master_secret
    }

    /// The client's application write key and IV (RFC 8446 §7.3).
    ///
    /// # Errors
    /// None in practice: the secret is Hash.length by construction.
    pub fn client_application_keys(&self) -> Result<TrafficKeys> {
        TrafficKeys::derive(self.suite, &self.client_application_traffic_secret)
    }

    /// The server's application write key and IV (RFC 8446 §7.3).
    ///
    /// # Errors
    /// None in practice: the secret is Hash.length by construction.
    pub fn server_application_keys(&self) -> Result<TrafficKeys> {
        TrafficKeys::derive(self.suite, &self.server_application_traffic_secret)
    }

    /// RFC 8446 §7.1: resumption_master_secret = Derive-Secret(Master Secret,
    /// "res master", ClientHello .. client Finished). Unlike the other secrets of this
    /// stage it covers the client's Finished, so it is known only at the end of the
    /// handshake.
    ///
    /// # Errors
    /// A transcript hash that is not Hash.length bytes.
    pub fn resumption_master_secret(
        &self,
        client_finished_hash: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        check_hash_len(
            self.suite.hash(),
            "Transcript-Hash(ClientHello .. client Finished)",
            client_finished_hash,
        )?;
        derive_secret(
            self.suite,
            &self.master_secret,
            b"res master",
            client_finished_hash,
        )
    }
}

/// The whole schedule of a full (EC)DHE handshake, every stage kept so that each secret
/// can be shown.
#[derive(Debug)]
pub struct KeySchedule {
    early: KeyScheduleEarly,
    handshake: KeyScheduleHandshake,
    traffic: KeyScheduleTraffic,
}

impl KeySchedule {
    /// Runs RFC 8446 §7.1 from its inputs: the suite, a PSK (`None` for a handshake
    /// without one), the (EC)DHE shared secret, Transcript-Hash(ClientHello, ServerHello)
    /// and Transcript-Hash(ClientHello .. server Finished).
    ///
    /// # Errors
    /// As [`KeyScheduleEarly::handshake`] and [`KeyScheduleHandshake::traffic`]: an
    /// empty shared secret, a hash that is not Hash.length bytes.
    pub fn new(
        suite: CipherSuite,
        psk: Option<&[u8]>,
        shared_secret: &[u8],
        hello_hash: &[u8],
        handshake_hash: &[u8],
    ) -> Result<Self> {
        let early = KeyScheduleEarly::new(suite, psk);
        let handshake = early.handshake(shared_secret, hello_hash)?;
        let traffic = handshake.traffic(handshake_hash)?;
        Ok(Self {
            early,
            handshake,
            traffic,
        })
    }

    /// The suite.
    #[must_use]
    pub const fn suite(&self) -> CipherSuite {
        self.early.suite
    }

    /// The first stage.
    #[must_use]
    pub const fn early(&self) -> &KeyScheduleEarly {
        &self.early
    }

    /// The second stage.
    #[must_use]
    pub const fn handshake(&self) -> &KeyScheduleHandshake {
        &self.handshake
    }

    /// The third stage.
    #[must_use]
    pub const fn traffic(&self) -> &KeyScheduleTraffic {
        &self.traffic
    }
}

// ---------------------------------------------------------------------------------------
// RFC 8446 §4.4.4: Finished; §4.6.1: resumption.

/// RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "",
/// Hash.length), where BaseKey is the sender's handshake traffic secret.
///
/// # Errors
/// A base key that is not Hash.length bytes.
pub fn finished_key(hash: impl Into<HashAlgorithm>, base_key: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let hash = hash.into();
    check_hash_len(
        hash,
        "Finished base key (handshake traffic secret)",
        base_key,
    )?;
    hkdf_expand_label(hash, base_key, b"finished", &[], hash.output_len())
}

/// RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake
/// Context, Certificate*, CertificateVerify*)), Hash.length bytes.
///
/// A receiver compares it with what it received in constant time.
///
/// # Errors
/// A base key or transcript hash that is not Hash.length bytes.
pub fn finished_verify_data(
    hash: impl Into<HashAlgorithm>,
    base_key: &[u8],
    transcript_hash: &[u8],
) -> Result<Vec<u8>> {
    let hash = hash.into();
    check_hash_len(hash, "Finished transcript hash", transcript_hash)?;
    let key = finished_key(hash, base_key)?;
    Ok(hmac(hash, &key, transcript_hash))
}

/// RFC 8446 §4.6.1: the PSK that a NewSessionTicket stands for,
///
/// ```text
/// HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)
/// ```
///
/// Each ticket of a connection has its own nonce, so its own PSK.
///
/// # Errors
/// A resumption master secret that is not Hash.length bytes; a nonce over 255 bytes
/// (`opaque ticket_nonce<0..255>`).
pub fn resumption_psk(
    hash: impl Into<HashAlgorithm>,
    resumption_master_secret: &[u8],
    ticket_nonce: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let hash = hash.into();
    check_hash_len(hash, "resumption master secret", resumption_master_secret)?;
    hkdf_expand_label(
        hash,
        resumption_master_secret,
        b"resumption",
        ticket_nonce,
        hash.output_len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_agree_with_the_whole() {
        let suite = CipherSuite::TLS_AES_128_GCM_SHA256;
        let (hello, handshake) = ([1u8; 32], [2u8; 32]);
        let all = KeySchedule::new(suite, None, &[3; 32], &hello, &handshake).unwrap();
        let early = KeyScheduleEarly::new(suite, Some(&[0; 32]));
        assert_eq!(early.early_secret(), all.early().early_secret());
        let hs = early.handshake(&[3; 32], &hello).unwrap();
        assert_eq!(hs.handshake_secret(), all.handshake().handshake_secret());
        let tr = hs.traffic(&handshake).unwrap();
        assert_eq!(tr.master_secret(), all.traffic().master_secret());
        let keys = tr.client_application_keys().unwrap();
        assert_eq!((keys.key().len(), keys.iv().len()), (16, 12));
        // A PSK changes everything downstream.
        let with_psk =
            KeySchedule::new(suite, Some(&[9; 32]), &[3; 32], &hello, &handshake).unwrap();
        assert_ne!(
            with_psk.traffic().master_secret(),
            all.traffic().master_secret()
        );
    }

    #[test]
    fn debug_prints_no_secret() {
        let suite = CipherSuite::TLS_AES_128_GCM_SHA256;
        let all = KeySchedule::new(suite, None, &[3; 32], &[1; 32], &[2; 32]).unwrap();
        let keys = all.handshake().client_handshake_keys().unwrap();
        let text = format!("{all:?} {keys:?}");
        assert!(text.contains("TLS_AES_128_GCM_SHA256"));
        assert!(text.contains(".."));
        for secret in [
            all.early().early_secret(),
            all.traffic().master_secret(),
            keys.key(),
            keys.iv(),
        ] {
            let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
            let list = format!("{:?}", &secret[..4]);
            assert!(!text.contains(&hex) && !text.contains(&list[1..list.len() - 1]));
        }
    }

    #[test]
    fn wrong_lengths_are_named() {
        let suite = CipherSuite::TLS_AES_256_GCM_SHA384;
        let early = KeyScheduleEarly::new(suite, None);
        assert_eq!(
            early.handshake(&[1; 32], &[0; 32]).unwrap_err().to_string(),
            "hello hash, Transcript-Hash(ClientHello, ServerHello): expected 48 bytes, the \
             length of a SHA-384 hash, got 32"
        );
        assert!(matches!(
            early.handshake(&[], &[0; 48]),
            Err(Error::InvalidLength { found: 0, .. })
        ));
        assert!(resumption_psk(suite, &[0; 48], &[0; 256]).is_err());
        assert!(finished_key(suite, &[0; 32]).is_err());
    }
}
