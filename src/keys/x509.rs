//! X.509 certificates (RFC 5280 §4.1) and PKCS#10 certificate requests (RFC 2986 §4),
//! read far enough to take the public key and show who it belongs to: subject, issuer,
//! validity, signature algorithm and serial number. No chain is built and no signature
//! is checked here: a pasted certificate is a way to carry a key, not a proof.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use super::der::{BIT_STRING, INTEGER, OID, Reader, SEQUENCE};
use super::{PublicKey, der, oid, text};
use crate::error::{Error, Result};

const SET: u8 = 0x31;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;

/// What a certificate says about its key, as the inspector shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The subject's distinguished name, "CN=example, O=Example".
    pub subject: String,
    /// The issuer's distinguished name (the subject's own for a self-signed one).
    pub issuer: String,
    /// Start of validity, "2026-12-01 12:00:00 UTC" (empty for a request).
    pub not_before: String,
    /// End of validity (empty for a request).
    pub not_after: String,
    /// The algorithm the issuer signed with ("ecdsa-with-SHA256").
    pub signature_algorithm: String,
    /// The serial number, hex (empty for a request).
    pub serial_number: String,
}

/// A certificate or request: its summary and the DER SubjectPublicKeyInfo inside.
pub struct Certificate<'a> {
    /// Who and when.
    pub summary: Summary,
    /// The SubjectPublicKeyInfo, tag and length included.
    pub spki: &'a [u8],
}

impl Certificate<'_> {
    /// The public key inside.
    ///
    /// # Errors
    /// As [`der::public_key_from_spki`]; a key of another algorithm is named as the
    /// certificate's.
    pub fn public_key(&self) -> Result<PublicKey> {
        der::public_key_from_spki(self.spki).map_err(|e| match e {
            Error::UnsupportedKey { found } => Error::UnsupportedKey {
                found: format!("the certificate's key, {found},"),
            },
            other => other,
        })
    }
}

/// Reads a DER certificate.
///
/// # Errors
/// Malformed DER, naming the field and byte.
pub fn parse_certificate(der: &[u8]) -> Result<Certificate<'_>> {
    let mut outer = Reader::new(der, "certificate");
    let mut cert = outer.expect(SEQUENCE, "the Certificate SEQUENCE")?;
    outer.finish("the certificate")?;
    let mut tbs = cert.expect(SEQUENCE, "the tbsCertificate SEQUENCE")?;
    let signature_algorithm = algorithm_name(&mut cert, "the signatureAlgorithm")?;
    cert.expect(BIT_STRING, "the signatureValue BIT STRING")?;
    cert.finish("the signatureValue")?;

    // version [0] EXPLICIT Version DEFAULT v1
    tbs.optional(0xa0, "the version")?;
    let serial = tbs.expect(INTEGER, "the serialNumber")?;
    algorithm_name(&mut tbs, "the signature AlgorithmIdentifier")?;
    let issuer = name(&mut tbs, "the issuer")?;
    let mut validity = tbs.expect(SEQUENCE, "the validity SEQUENCE")?;
    let not_before = time(&mut validity, "notBefore")?;
    let not_after = time(&mut validity, "notAfter")?;
    validity.finish("the validity")?;
    let subject = name(&mut tbs, "the subject")?;
    let spki = tbs.tlv()?;
    if spki.tag != SEQUENCE {
        return Err(tbs.error("expected the subjectPublicKeyInfo SEQUENCE"));
    }
    well_formed(der)?;
    Ok(Certificate {
        summary: Summary {
            subject,
            issuer,
            not_before,
            not_after,
            signature_algorithm,
            serial_number: text::to_hex(serial.bytes),
        },
        spki: spki.whole(der),
    })
}

/// Reads a DER PKCS#10 certificate request (`openssl req -new`).
///
/// # Errors
/// Malformed DER, naming the field and byte.
pub fn parse_request(der: &[u8]) -> Result<Certificate<'_>> {
    let mut outer = Reader::new(der, "certificate request");
    let mut request = outer.expect(SEQUENCE, "the CertificationRequest SEQUENCE")?;
    outer.finish("the certificate request")?;
    let mut info = request.expect(SEQUENCE, "the certificationRequestInfo SEQUENCE")?;
    let signature_algorithm = algorithm_name(&mut request, "the signatureAlgorithm")?;
    request.expect(BIT_STRING, "the signature BIT STRING")?;
    request.finish("the signature")?;
    info.small_integer("the version")?;
    let subject = name(&mut info, "the subject")?;
    let spki = info.tlv()?;
    if spki.tag != SEQUENCE {
        return Err(info.error("expected the subjectPKInfo SEQUENCE"));
    }
    well_formed(der)?;
    Ok(Certificate {
        summary: Summary {
            issuer: subject.clone(),
            subject,
            not_before: String::new(),
            not_after: String::new(),
            signature_algorithm,
            serial_number: String::new(),
        },
        spki: spki.whole(der),
    })
}

/// The parts read above are the ones shown; the rest (extensions, attributes) must be
/// DER all the same, so that what is accepted here the inspector can draw whole.
fn well_formed(der: &[u8]) -> Result<()> {
    super::explain::explain(der).map(|_| ())
}

/// Whether the DER reads as a certificate, for format detection.
#[must_use]
pub fn is_certificate(der: &[u8]) -> bool {
    parse_certificate(der).is_ok()
}

/// An AlgorithmIdentifier's name ("ecdsa-with-SHA256"), or its dotted OID.
fn algorithm_name(r: &mut Reader<'_>, what: &str) -> Result<String> {
    let mut alg = r.expect(SEQUENCE, what)?;
    let id = alg.expect(OID, "the algorithm OID")?;
    let dotted = oid::dotted(id.bytes);
    Ok(oid::name(&dotted).map_or(dotted, str::to_owned))
}

/// A Name (RFC 5280 §4.1.2.4) as "CN=example, O=Example", in the order written.
fn name(r: &mut Reader<'_>, what: &str) -> Result<String> {
    let mut rdns = r.expect(SEQUENCE, what)?;
    let mut parts = Vec::new();
    while !rdns.at_end() {
        let mut set = rdns.expect(SET, "a RelativeDistinguishedName SET")?;
        while !set.at_end() {
            let mut attribute = set.expect(SEQUENCE, "an AttributeTypeAndValue")?;
            let id = attribute.expect(OID, "the attribute type")?;
            let (tag, value) = attribute.any()?;
            parts.push(format!(
                "{}={}",
                oid::attribute(&oid::dotted(id.bytes)),
                string_value(tag, value.bytes)
            ));
        }
    }
    Ok(parts.join(", "))
}

/// The text of a directory string (UTF8String, PrintableString, IA5String,
/// TeletexString, BMPString), or hex for anything else.
pub(crate) fn string_value(tag: u8, bytes: &[u8]) -> String {
    match tag {
        0x0c | 0x13 | 0x14 | 0x16 | 0x1a => String::from_utf8_lossy(bytes).into_owned(),
        0x1e => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([*c.first().unwrap_or(&0), *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => format!("#{}", text::to_hex(bytes)),
    }
}

/// A Time (RFC 5280 §4.1.2.5) as "2026-12-01 12:00:00 UTC".
fn time(r: &mut Reader<'_>, what: &str) -> Result<String> {
    let at = r.offset();
    let (tag, value) = r.any()?;
    format_time(tag, value.bytes).ok_or_else(|| {
        r.error(format!(
            "{what} at byte {at} is not a UTCTime or GeneralizedTime"
        ))
    })
}

/// UTCTime "YYMMDDHHMMSSZ" (years 1950–2049, RFC 5280 §4.1.2.5.1) or GeneralizedTime
/// "YYYYMMDDHHMMSSZ", as "YYYY-MM-DD HH:MM:SS UTC"; `None` for anything else.
pub(crate) fn format_time(tag: u8, bytes: &[u8]) -> Option<String> {
    let text = core::str::from_utf8(bytes).ok()?;
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = match (tag, digits.len()) {
        (UTC_TIME, 12) => {
            let yy: u32 = digits.get(..2)?.parse().ok()?;
            format!("{}{digits}", if yy < 50 { "20" } else { "19" })
        }
        (GENERALIZED_TIME, 14) => digits.to_owned(),
        _ => return None,
    };
    let part = |a: usize, b: usize| full.get(a..b);
    Some(format!(
        "{}-{}-{} {}:{}:{} UTC",
        part(0, 4)?,
        part(4, 6)?,
        part(6, 8)?,
        part(8, 10)?,
        part(10, 12)?,
        part(12, 14)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(
            format_time(UTC_TIME, b"261201120000Z").as_deref(),
            Some("2026-12-01 12:00:00 UTC")
        );
        assert_eq!(
            format_time(UTC_TIME, b"991231235959Z").as_deref(),
            Some("1999-12-31 23:59:59 UTC")
        );
        assert_eq!(
            format_time(GENERALIZED_TIME, b"20500101000000Z").as_deref(),
            Some("2050-01-01 00:00:00 UTC")
        );
        assert_eq!(format_time(UTC_TIME, b"2612011200Z"), None);
        assert_eq!(format_time(UTC_TIME, b"261201120000+0100"), None);
    }
}
