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

use super::hkdf::{hkdf_expand_label, hkdf_extract, hkdf_label};
use super::key_schedule::KeySchedule;
use super::suite::{CipherSuite, HashAlgorithm};
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

/// One input of a box of the key-schedule diagram: its name and its value (hex).
#[derive(Clone, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleInput {
    /// "salt", "IKM", "Secret", "Context"...
    #[zeroize(skip)]
    pub name: &'static str,
    /// Where the value comes from ("Early Secret", "(EC)DHE shared secret", "0").
    #[zeroize(skip)]
    pub source: &'static str,
    /// The bytes, lowercase hex.
    pub value: String,
}

/// One box of RFC 8446 §7.1's diagram (or §7.3's traffic keys, §4.4.4's finished key):
/// the operation, its inputs, its label and what comes out.
#[derive(Clone, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleBox {
    /// A stable name for the box ("early-secret", "c-hs-traffic", "c-hs-key").
    #[zeroize(skip)]
    pub id: &'static str,
    /// "HKDF-Extract", "Derive-Secret" or "HKDF-Expand-Label".
    #[zeroize(skip)]
    pub operation: &'static str,
    /// The stage of the schedule it belongs to: "early", "handshake", "master", or
    /// "keys" (traffic keys and finished keys).
    #[zeroize(skip)]
    pub stage: &'static str,
    /// What the output is called ("Handshake Secret", "client_handshake_traffic_secret").
    #[zeroize(skip)]
    pub output_name: &'static str,
    /// The inputs, in the order the formula takes them.
    pub inputs: Vec<ScheduleInput>,
    /// The label without the "tls13 " prefix (Derive-Secret and HKDF-Expand-Label).
    #[zeroize(skip)]
    pub label: Option<&'static str>,
    /// The messages whose transcript hash is the context, in words ("" for none).
    #[zeroize(skip)]
    pub messages: Option<&'static str>,
    /// The HkdfLabel structure (RFC 8446 §7.1) given to HKDF-Expand as its info, hex.
    pub hkdf_label: Option<String>,
    /// The output length in bytes.
    #[zeroize(skip)]
    pub length: usize,
    /// The output, hex.
    pub output: String,
}

/// RFC 8446 §7.1's diagram with live values: every box of a full handshake without a
/// PSK, in the order the figure draws them. Zeroized on drop; `Debug` prints none of it.
#[derive(Clone, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
pub struct KeyScheduleDiagram {
    /// The suite's IANA name.
    #[zeroize(skip)]
    pub cipher_suite: &'static str,
    /// Its hash, "SHA-256" or "SHA-384".
    #[zeroize(skip)]
    pub hash: &'static str,
    /// The boxes.
    pub boxes: Vec<ScheduleBox>,
}

impl fmt::Debug for KeyScheduleDiagram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyScheduleDiagram")
            .field("cipher_suite", &self.cipher_suite)
            .finish_non_exhaustive()
    }
}

/// Builds the boxes one by one, each output kept for the boxes below it.
struct Drawing {
    hash: HashAlgorithm,
    boxes: Vec<ScheduleBox>,
}

impl Drawing {
    fn input(name: &'static str, source: &'static str, value: &[u8]) -> ScheduleInput {
        ScheduleInput {
            name,
            source,
            value: to_hex(value),
        }
    }

    fn extract(
        &mut self,
        (id, stage, output_name): (&'static str, &'static str, &'static str),
        salt: (&'static str, &[u8]),
        ikm: (&'static str, &[u8]),
    ) -> zeroize::Zeroizing<Vec<u8>> {
        let out = hkdf_extract(self.hash, salt.1, ikm.1);
        self.boxes.push(ScheduleBox {
            id,
            operation: "HKDF-Extract",
            stage,
            output_name,
            inputs: vec![
                Self::input("salt", salt.0, salt.1),
                Self::input("IKM", ikm.0, ikm.1),
            ],
            label: None,
            messages: None,
            hkdf_label: None,
            length: self.hash.output_len(),
            output: to_hex(&out),
        });
        out
    }

    /// HKDF-Expand-Label; Derive-Secret when `messages` names a transcript (its hash is
    /// the context and the length is Hash.length).
    #[allow(clippy::too_many_arguments)]
    fn expand(
        &mut self,
        (id, stage, output_name): (&'static str, &'static str, &'static str),
        secret: (&'static str, &[u8]),
        label: &'static str,
        messages: Option<(&'static str, &[u8])>,
        length: usize,
    ) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        let context = messages.map_or(&[][..], |(_, h)| h);
        let out = hkdf_expand_label(self.hash, secret.1, label.as_bytes(), context, length)?;
        let mut inputs = vec![Self::input("Secret", secret.0, secret.1)];
        if let Some((words, h)) = messages {
            inputs.push(Self::input(
                "Transcript-Hash(Messages)",
                if words.is_empty() {
                    "the hash of no messages"
                } else {
                    "the transcript hash"
                },
                h,
            ));
        }
        self.boxes.push(ScheduleBox {
            id,
            operation: if messages.is_some() {
                "Derive-Secret"
            } else {
                "HKDF-Expand-Label"
            },
            stage,
            output_name,
            inputs,
            label: Some(label),
            messages: messages.map(|(words, _)| words),
            hkdf_label: Some(to_hex(&hkdf_label(label.as_bytes(), context, length)?)),
            length,
            output: to_hex(&out),
        });
        Ok(out)
    }
}

/// RFC 8446 §7.1's diagram for a full handshake without a PSK, every box with its
/// inputs, label and output: from the suite's IANA name, the (EC)DHE shared secret,
/// Transcript-Hash(ClientHello, ServerHello) and Transcript-Hash(ClientHello .. server
/// Finished). The outputs are those of [`key_schedule_report`] (a test holds them equal),
/// plus the two "derived" salts and the finished keys, which the report does not carry.
///
/// # Errors
/// As [`key_schedule_report`].
pub fn key_schedule_diagram(
    suite_name: &str,
    shared_secret: &[u8],
    hello_hash: &[u8],
    handshake_hash: &[u8],
) -> Result<KeyScheduleDiagram> {
    let suite: CipherSuite = suite_name.parse()?;
    // The same checks as the schedule itself, so the errors are the same.
    KeySchedule::new(suite, None, shared_secret, hello_hash, handshake_hash)?;
    let hash = suite.hash();
    let n = hash.output_len();
    let zeros = vec![0u8; n];
    let empty = hash.digest(&[]);
    let (key_len, iv_len) = (suite.key_len(), 12);
    let mut d = Drawing {
        hash,
        boxes: Vec::new(),
    };
    const HELLO: &str = "ClientHello...ServerHello";
    const FULL: &str = "ClientHello...server Finished";
    let early = d.extract(
        ("early-secret", "early", "Early Secret"),
        ("0", &zeros),
        ("PSK (none: 0)", &zeros),
    );
    let derived = d.expand(
        ("derived-early", "early", "salt for the Handshake Secret"),
        ("Early Secret", &early),
        "derived",
        Some(("", &empty)),
        n,
    )?;
    let hs = d.extract(
        ("handshake-secret", "handshake", "Handshake Secret"),
        ("Derive-Secret(Early Secret, \"derived\", \"\")", &derived),
        ("(EC)DHE shared secret", shared_secret),
    );
    let chs = d.expand(
        (
            "c-hs-traffic",
            "handshake",
            "client_handshake_traffic_secret",
        ),
        ("Handshake Secret", &hs),
        "c hs traffic",
        Some((HELLO, hello_hash)),
        n,
    )?;
    let shs = d.expand(
        (
            "s-hs-traffic",
            "handshake",
            "server_handshake_traffic_secret",
        ),
        ("Handshake Secret", &hs),
        "s hs traffic",
        Some((HELLO, hello_hash)),
        n,
    )?;
    let derived = d.expand(
        (
            "derived-handshake",
            "handshake",
            "salt for the Master Secret",
        ),
        ("Handshake Secret", &hs),
        "derived",
        Some(("", &empty)),
        n,
    )?;
    let ms = d.extract(
        ("master-secret", "master", "Master Secret"),
        (
            "Derive-Secret(Handshake Secret, \"derived\", \"\")",
            &derived,
        ),
        ("0", &zeros),
    );
    let cap = d.expand(
        (
            "c-ap-traffic",
            "master",
            "client_application_traffic_secret_0",
        ),
        ("Master Secret", &ms),
        "c ap traffic",
        Some((FULL, handshake_hash)),
        n,
    )?;
    let sap = d.expand(
        (
            "s-ap-traffic",
            "master",
            "server_application_traffic_secret_0",
        ),
        ("Master Secret", &ms),
        "s ap traffic",
        Some((FULL, handshake_hash)),
        n,
    )?;
    d.expand(
        ("exp-master", "master", "exporter_master_secret"),
        ("Master Secret", &ms),
        "exp master",
        Some((FULL, handshake_hash)),
        n,
    )?;
    // RFC 8446 §7.3: each traffic secret gives a write key and IV; §4.4.4: each
    // handshake traffic secret gives a finished_key.
    type Ids = (&'static str, &'static str);
    /// A traffic secret's name and value, and its key's, IV's and finished key's boxes.
    type Outputs<'a> = (&'static str, &'a [u8], Ids, Ids, Option<Ids>);
    let outputs: [Outputs<'_>; 4] = [
        (
            "client_handshake_traffic_secret",
            &chs,
            ("c-hs-key", "client handshake write key"),
            ("c-hs-iv", "client handshake write IV"),
            Some(("c-hs-finished", "client finished_key")),
        ),
        (
            "server_handshake_traffic_secret",
            &shs,
            ("s-hs-key", "server handshake write key"),
            ("s-hs-iv", "server handshake write IV"),
            Some(("s-hs-finished", "server finished_key")),
        ),
        (
            "client_application_traffic_secret_0",
            &cap,
            ("c-ap-key", "client application write key"),
            ("c-ap-iv", "client application write IV"),
            None,
        ),
        (
            "server_application_traffic_secret_0",
            &sap,
            ("s-ap-key", "server application write key"),
            ("s-ap-iv", "server application write IV"),
            None,
        ),
    ];
    for (name, secret, (key_id, key_name), (iv_id, iv_name), finished) in outputs {
        d.expand(
            (key_id, "keys", key_name),
            (name, secret),
            "key",
            None,
            key_len,
        )?;
        d.expand((iv_id, "keys", iv_name), (name, secret), "iv", None, iv_len)?;
        if let Some((id, what)) = finished {
            d.expand((id, "keys", what), (name, secret), "finished", None, n)?;
        }
    }
    Ok(KeyScheduleDiagram {
        cipher_suite: suite.name(),
        hash: hash.name(),
        boxes: core::mem::take(&mut d.boxes),
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
