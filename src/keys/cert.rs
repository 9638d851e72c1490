//! Self-signed X.509 v3 certificates (RFC 5280 §4.1) for a P-256 identity key, so that a
//! TLS server of the model has a real certificate to send, and `openssl` can read it.
//!
//! The certificate is made from its inputs alone: the serial number and the validity are
//! given, and ECDSA signatures are deterministic (RFC 6979), so the same key and
//! [`CertificateRequest`] give the same bytes every time — a lesson's transcript stays
//! reproducible.
//!
//! ```text
//! Certificate ::= SEQUENCE {
//!     tbsCertificate       TBSCertificate,
//!     signatureAlgorithm   AlgorithmIdentifier,   -- ecdsa-with-SHA256
//!     signatureValue       BIT STRING }           -- ECDSA over the DER tbsCertificate
//! TBSCertificate ::= SEQUENCE {
//!     version         [0] EXPLICIT v3, serialNumber, signature, issuer, validity,
//!     subject, subjectPublicKeyInfo,
//!     extensions      [3] EXPLICIT Extensions }   -- subjectAltName, basicConstraints,
//!                                                 -- keyUsage
//! ```

use super::{PublicKey, text};
use crate::error::{Error, Result};
use crate::sign::SigningKey;

const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const UTF8_STRING: u8 = 0x0c;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const BOOLEAN: u8 = 0x01;

/// ecdsa-with-SHA256, 1.2.840.10045.4.3.2 (RFC 5758 §3.2).
const ECDSA_WITH_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
/// commonName, 2.5.4.3.
const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];
/// subjectAltName, 2.5.29.17.
const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
/// basicConstraints, 2.5.29.19.
const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// keyUsage, 2.5.29.15.
const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];

/// What goes into a self-signed certificate besides the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRequest {
    /// The subject's and issuer's common name, and the one DNS name of subjectAltName
    /// ("localhost").
    pub name: String,
    /// The serial number, 1 to 20 bytes, big-endian (RFC 5280 §4.1.2.2).
    pub serial: Vec<u8>,
    /// Start of validity as `YYYYMMDDHHMMSS`, UTC.
    pub not_before: String,
    /// End of validity as `YYYYMMDDHHMMSS`, UTC.
    pub not_after: String,
}

impl Default for CertificateRequest {
    /// "localhost", serial 01, valid from 2026-01-01 for ten years.
    fn default() -> Self {
        Self {
            name: "localhost".to_owned(),
            serial: vec![1],
            not_before: "20260101000000".to_owned(),
            not_after: "20360101000000".to_owned(),
        }
    }
}

/// A DER TLV; lengths up to 2^24 − 1 (far beyond a certificate's).
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len().saturating_add(5));
    out.push(tag);
    let n = content.len();
    let be = u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes();
    match n {
        0..=0x7f => out.push(be[3]),
        0x80..=0xff => out.extend_from_slice(&[0x81, be[3]]),
        0x100..=0xffff => out.extend_from_slice(&[0x82, be[2], be[3]]),
        _ => out.extend_from_slice(&[0x83, be[1], be[2], be[3]]),
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(SEQUENCE, &parts.concat())
}

/// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
fn time(value: &str, field: &str) -> Result<Vec<u8>> {
    let bad = || {
        Error::malformed(
            "certificate validity",
            format!("{field} {value:?}: expected 14 digits, YYYYMMDDHHMMSS (UTC)"),
        )
    };
    if value.len() != 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let year: u32 = value
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(bad)?;
    let month: u32 = value
        .get(4..6)
        .and_then(|m| m.parse().ok())
        .ok_or_else(bad)?;
    let day: u32 = value
        .get(6..8)
        .and_then(|d| d.parse().ok())
        .ok_or_else(bad)?;
    if !(1950..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(bad());
    }
    if year < 2050 {
        Ok(tlv(
            UTC_TIME,
            format!("{}Z", value.get(2..).unwrap_or_default()).as_bytes(),
        ))
    } else {
        Ok(tlv(GENERALIZED_TIME, format!("{value}Z").as_bytes()))
    }
}

fn name(common_name: &str) -> Vec<u8> {
    let attribute = seq(&[
        &tlv(OID, COMMON_NAME),
        &tlv(UTF8_STRING, common_name.as_bytes()),
    ]);
    seq(&[&tlv(SET, &attribute)])
}

fn extension(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    if critical {
        seq(&[
            &tlv(OID, oid),
            &tlv(BOOLEAN, &[0xff]),
            &tlv(OCTET_STRING, value),
        ])
    } else {
        seq(&[&tlv(OID, oid), &tlv(OCTET_STRING, value)])
    }
}

/// A self-signed certificate for `key`'s public key, signed by `key`: DER.
///
/// # Errors
/// An empty or over-long name, a serial number that is not 1 to 20 bytes or is zero, a
/// validity that is not `YYYYMMDDHHMMSS` or ends before it starts.
pub fn self_signed(key: &SigningKey, request: &CertificateRequest) -> Result<Vec<u8>> {
    let cn = request.name.trim();
    if cn.is_empty() || cn.len() > 64 || cn.chars().any(char::is_control) {
        return Err(Error::malformed(
            "certificate name",
            format!(
                "{:?}: a common name is 1 to 64 characters without control characters \
                 (RFC 5280 ub-common-name)",
                request.name
            ),
        ));
    }
    let serial = request
        .serial
        .iter()
        .position(|&b| b != 0)
        .and_then(|first| request.serial.get(first..))
        .filter(|s| !s.is_empty() && request.serial.len() <= 20)
        .ok_or_else(|| {
            Error::malformed(
                "certificate serial number",
                "a serial number is 1 to 20 bytes and not zero (RFC 5280 §4.1.2.2)",
            )
        })?;
    if request.not_after <= request.not_before {
        return Err(Error::malformed(
            "certificate validity",
            format!(
                "notAfter {} is not after notBefore {}",
                request.not_after, request.not_before
            ),
        ));
    }
    // A positive INTEGER: a leading 0x00 when the top bit is set.
    let mut serial_content = Vec::with_capacity(serial.len().saturating_add(1));
    if serial.first().is_some_and(|b| b & 0x80 != 0) {
        serial_content.push(0);
    }
    serial_content.extend_from_slice(serial);

    let algorithm = seq(&[&tlv(OID, ECDSA_WITH_SHA256)]);
    let issuer = name(cn);
    let validity = seq(&[
        &time(&request.not_before, "notBefore")?,
        &time(&request.not_after, "notAfter")?,
    ]);
    let spki = key.public_key().to_spki_der();
    // GeneralName dNSName [2] IMPLICIT IA5String.
    let san = seq(&[&tlv(0x82, cn.as_bytes())]);
    // cA FALSE is the DEFAULT, so an empty SEQUENCE (DER omits defaults).
    let basic_constraints = seq(&[]);
    // digitalSignature (bit 0): 7 unused bits, 0b1000_0000.
    let key_usage = tlv(BIT_STRING, &[0x07, 0x80]);
    let extensions = seq(&[
        &extension(SUBJECT_ALT_NAME, false, &san),
        &extension(BASIC_CONSTRAINTS, true, &basic_constraints),
        &extension(KEY_USAGE, true, &key_usage),
    ]);
    let tbs = seq(&[
        &tlv(0xa0, &tlv(INTEGER, &[2])),
        &tlv(INTEGER, &serial_content),
        &algorithm,
        &issuer,
        &validity,
        &issuer,
        &spki,
        &tlv(0xa3, &extensions),
    ]);
    let signature = key.sign(&tbs);
    let mut bits = Vec::with_capacity(signature.len().saturating_add(1));
    bits.push(0);
    bits.extend_from_slice(&signature);
    Ok(seq(&[&tbs, &algorithm, &tlv(BIT_STRING, &bits)]))
}

/// PEM of a DER certificate, as `openssl x509` writes it.
#[must_use]
pub fn to_pem(der: &[u8]) -> String {
    text::to_pem("CERTIFICATE", der)
}

/// A certificate read from PEM (the first CERTIFICATE block) or DER: its DER bytes, what
/// it says and the key inside.
///
/// # Errors
/// No CERTIFICATE block, malformed DER, or a key that is not P-256.
pub fn read_certificate(input: &str) -> Result<(Vec<u8>, super::x509::Summary, PublicKey)> {
    let blocks = text::parse_pem_blocks(input)?;
    let block = blocks
        .into_iter()
        .find(|b| b.label == "CERTIFICATE")
        .ok_or_else(|| {
            Error::malformed(
                "certificate",
                "no \"-----BEGIN CERTIFICATE-----\" block (a certificate, as openssl req \
                 -x509 or openssl x509 writes it)",
            )
        })?;
    let der = block.der.clone();
    let (summary, key) = {
        let cert = super::x509::parse_certificate(&der)?;
        let key = cert.public_key()?;
        (cert.summary, key)
    };
    if key.curve() != super::Curve::P256 {
        return Err(Error::UnsupportedKey {
            found: format!(
                "the certificate's key is {}; the model's servers sign with ECDSA P-256 \
                 (ecdsa_secp256r1_sha256)",
                key.curve()
            ),
        });
    }
    Ok((der, summary, key))
}

/// The public key in a DER certificate.
///
/// # Errors
/// Malformed DER, or a key of another kind.
pub fn certificate_public_key(der: &[u8]) -> Result<PublicKey> {
    super::x509::parse_certificate(der)?.public_key()
}

/// The server's identity: the given certificate and key (which must match), or a key
/// and a self-signed certificate made for it.
///
/// # Errors
/// A certificate or key that does not read, a key that is not the certificate's, one
/// without the other.
pub fn server_identity(
    certificate: Option<&str>,
    private_key: Option<&str>,
) -> Result<(Vec<u8>, SigningKey)> {
    match (certificate, private_key) {
        (Some(pem), Some(key)) => {
            let (der, _, public) = read_certificate(pem)
                .map_err(|e| Error::malformed("certificate", e.to_string()))?;
            let key = SigningKey::import_private_key(key)
                .map_err(|e| Error::malformed("privateKey", e.to_string()))?;
            if key.public_key() != public {
                return Err(Error::malformed(
                    "privateKey",
                    "this is not the private key of the certificate: its public key differs \
                     from the one in the certificate",
                ));
            }
            Ok((der, key))
        }
        (None, None) => {
            let key = SigningKey::generate()?;
            let der = self_signed(&key, &CertificateRequest::default())?;
            Ok((der, key))
        }
        (Some(_), None) => Err(Error::malformed(
            "privateKey",
            "a certificate needs its private key (PEM) to sign with",
        )),
        (None, Some(key)) => {
            let key = SigningKey::import_private_key(key)
                .map_err(|e| Error::malformed("privateKey", e.to_string()))?;
            let der = self_signed(&key, &CertificateRequest::default())?;
            Ok((der, key))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_inputs_make_the_same_certificate_and_it_reads_back() {
        let key = SigningKey::from_seed(b"cert", "server").unwrap();
        let request = CertificateRequest::default();
        let a = self_signed(&key, &request).unwrap();
        assert_eq!(a, self_signed(&key, &request).unwrap());
        let (_, summary, public) = read_certificate(&to_pem(&a)).unwrap();
        assert_eq!(public, key.public_key());
        assert_eq!(summary.subject, "CN=localhost");
        assert_eq!(summary.issuer, "CN=localhost");
        assert_eq!(summary.serial_number, "01");
        assert!(summary.not_before.starts_with("2026-01-01"), "{summary:?}");
    }

    #[test]
    fn bad_requests_are_named() {
        let key = SigningKey::from_seed(b"cert", "server").unwrap();
        let mut r = CertificateRequest {
            serial: vec![0, 0],
            ..CertificateRequest::default()
        };
        assert!(
            self_signed(&key, &r)
                .unwrap_err()
                .to_string()
                .contains("serial")
        );
        r.serial = vec![0x80];
        assert!(self_signed(&key, &r).is_ok());
        r.not_after = "2025".to_owned();
        assert!(
            self_signed(&key, &r)
                .unwrap_err()
                .to_string()
                .contains("notAfter")
        );
        r.not_after = "20250101000000".to_owned();
        assert!(
            self_signed(&key, &r)
                .unwrap_err()
                .to_string()
                .contains("not after")
        );
    }
}
