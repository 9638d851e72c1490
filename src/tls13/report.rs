//! What the page shows of a TLS 1.3 key schedule: every secret, key and IV of
//! [`KeySchedule`] as lowercase hex, from inputs the page sends.
//!
//! The report reveals every secret on purpose: showing them is the lesson. Its fields
//! are the members of `tls13KeySchedule`'s result, in camelCase.
// Its inputs come from outside (a suite name, secrets and hashes from the page): no
// index or arithmetic that could panic or wrap.
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use serde::Serialize;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::key_schedule::KeySchedule;
use super::suite::CipherSuite;
use super::traffic::TrafficKeys;
use crate::error::Result;
use crate::keys::text::to_hex;

/// Every value of RFC 8446 §7.1 and §7.3 for one full handshake, as lowercase hex.
/// Zeroized on drop; `Debug` prints none of it.
#[derive(Clone, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
pub struct KeyScheduleReport {
    /// Early Secret = HKDF-Extract(0, 0): no PSK.
    pub early_secret: String,
    /// Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""),
    /// shared secret).
    pub handshake_secret: String,
    /// Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0).
    pub master_secret: String,
    /// Derive-Secret(Handshake Secret, "c hs traffic", ClientHello..ServerHello).
    pub client_handshake_traffic_secret: String,
    /// Derive-Secret(Handshake Secret, "s hs traffic", ClientHello..ServerHello).
    pub server_handshake_traffic_secret: String,
    /// Derive-Secret(Master Secret, "c ap traffic", ClientHello..server Finished).
    pub client_application_traffic_secret: String,
    /// Derive-Secret(Master Secret, "s ap traffic", ClientHello..server Finished).
    pub server_application_traffic_secret: String,
    /// Derive-Secret(Master Secret, "exp master", ClientHello..server Finished).
    pub exporter_master_secret: String,
    /// HKDF-Expand-Label(client_handshake_traffic_secret, "key", "", key_length).
    pub client_handshake_key: String,
    /// HKDF-Expand-Label(client_handshake_traffic_secret, "iv", "", 12).
    pub client_handshake_iv: String,
    /// HKDF-Expand-Label(server_handshake_traffic_secret, "key", "", key_length).
    pub server_handshake_key: String,
    /// HKDF-Expand-Label(server_handshake_traffic_secret, "iv", "", 12).
    pub server_handshake_iv: String,
    /// HKDF-Expand-Label(client_application_traffic_secret_0, "key", "", key_length).
    pub client_application_key: String,
    /// HKDF-Expand-Label(client_application_traffic_secret_0, "iv", "", 12).
    pub client_application_iv: String,
    /// HKDF-Expand-Label(server_application_traffic_secret_0, "key", "", key_length).
    pub server_application_key: String,
    /// HKDF-Expand-Label(server_application_traffic_secret_0, "iv", "", 12).
    pub server_application_iv: String,
}

impl fmt::Debug for KeyScheduleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyScheduleReport").finish_non_exhaustive()
    }
}

/// The key schedule of a full handshake without a PSK, from the suite's IANA name
/// ("TLS_AES_128_GCM_SHA256" or "TLS_AES_256_GCM_SHA384"), the (EC)DHE shared secret,
/// Transcript-Hash(ClientHello, ServerHello) and Transcript-Hash(ClientHello .. server
/// Finished).
///
/// # Errors
/// An unknown suite name; an empty shared secret; a hash whose length is not the
/// suite's (32 bytes for SHA-256, 48 for SHA-384), naming which hash.
pub fn key_schedule_report(
    suite_name: &str,
    shared_secret: &[u8],
    hello_hash: &[u8],
    handshake_hash: &[u8],
) -> Result<KeyScheduleReport> {
    let suite: CipherSuite = suite_name.parse()?;
    let schedule = KeySchedule::new(suite, None, shared_secret, hello_hash, handshake_hash)?;
    let (handshake, traffic) = (schedule.handshake(), schedule.traffic());
    let keys = [
        handshake.client_handshake_keys()?,
        handshake.server_handshake_keys()?,
        traffic.client_application_keys()?,
        traffic.server_application_keys()?,
    ];
    let [ch, sh, ca, sa] = keys
        .each_ref()
        .map(|k: &TrafficKeys| (to_hex(k.key()), to_hex(k.iv())));
    Ok(KeyScheduleReport {
        early_secret: to_hex(schedule.early().early_secret()),
        handshake_secret: to_hex(handshake.handshake_secret()),
        master_secret: to_hex(traffic.master_secret()),
        client_handshake_traffic_secret: to_hex(handshake.client_handshake_traffic_secret()),
        server_handshake_traffic_secret: to_hex(handshake.server_handshake_traffic_secret()),
        client_application_traffic_secret: to_hex(traffic.client_application_traffic_secret()),
        server_application_traffic_secret: to_hex(traffic.server_application_traffic_secret()),
        exporter_master_secret: to_hex(traffic.exporter_master_secret()),
        client_handshake_key: ch.0,
        client_handshake_iv: ch.1,
        server_handshake_key: sh.0,
        server_handshake_iv: sh.1,
        client_application_key: ca.0,
        client_application_iv: ca.1,
        server_application_key: sa.0,
        server_application_iv: sa.1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn lengths_follow_the_suite() {
        let r =
            key_schedule_report("TLS_AES_128_GCM_SHA256", &[1; 32], &[2; 32], &[3; 32]).unwrap();
        assert_eq!(r.master_secret.len(), 64);
        assert_eq!(r.client_handshake_key.len(), 32);
        assert_eq!(r.server_application_iv.len(), 24);
        let r =
            key_schedule_report("TLS_AES_256_GCM_SHA384", &[1; 32], &[2; 48], &[3; 48]).unwrap();
        assert_eq!(r.exporter_master_secret.len(), 96);
        assert_eq!(r.server_handshake_key.len(), 64);
        assert_eq!(format!("{r:?}"), "KeyScheduleReport { .. }");
    }

    #[test]
    fn serialized_names_are_the_js_contract() {
        let r =
            key_schedule_report("TLS_AES_128_GCM_SHA256", &[1; 32], &[2; 32], &[3; 32]).unwrap();
        let json = serde_json::to_value(&r).unwrap();
        let mut names: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "clientApplicationIv",
                "clientApplicationKey",
                "clientApplicationTrafficSecret",
                "clientHandshakeIv",
                "clientHandshakeKey",
                "clientHandshakeTrafficSecret",
                "earlySecret",
                "exporterMasterSecret",
                "handshakeSecret",
                "masterSecret",
                "serverApplicationIv",
                "serverApplicationKey",
                "serverApplicationTrafficSecret",
                "serverHandshakeIv",
                "serverHandshakeKey",
                "serverHandshakeTrafficSecret",
            ]
        );
    }

    #[test]
    fn errors_name_the_input() {
        assert_eq!(
            key_schedule_report("TLS_AES_256_GCM_SHA384", &[1; 32], &[2; 48], &[3; 32])
                .unwrap_err()
                .to_string(),
            "handshake hash, Transcript-Hash(ClientHello .. server Finished): expected 48 \
             bytes, the length of a SHA-384 hash, got 32"
        );
        assert!(matches!(
            key_schedule_report("TLS_AES_128_GCM_SHA256", &[], &[2; 32], &[3; 32]),
            Err(Error::InvalidLength { found: 0, .. })
        ));
        assert!(matches!(
            key_schedule_report("TLS_AES_128_CCM_SHA256", &[1; 32], &[2; 32], &[3; 32]),
            Err(Error::Malformed { .. })
        ));
    }
}
