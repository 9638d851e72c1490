//! The object identifiers a pasted key, signature or certificate names, with the names
//! OpenSSL and the RFCs give them (RFC 5480, RFC 8410, RFC 5758, RFC 5280 §4.1.2.4 and
//! §4.2.1, RFC 4519).
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

/// Dotted form and name of every OID the inspector names.
const NAMES: &[(&str, &str)] = &[
    // Keys and curves.
    ("1.2.840.10045.2.1", "id-ecPublicKey"),
    ("1.2.840.10045.3.1.7", "prime256v1 (P-256)"),
    ("1.3.132.0.34", "secp384r1 (P-384)"),
    ("1.3.132.0.35", "secp521r1 (P-521)"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.3.101.110", "X25519"),
    ("1.3.101.111", "X448"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
    ("1.2.840.113549.1.1.1", "rsaEncryption"),
    // Signature algorithms.
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    ("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
    ("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
    ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
    ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
    // Name attributes.
    ("2.5.4.3", "commonName (CN)"),
    ("2.5.4.4", "surname (SN)"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.6", "countryName (C)"),
    ("2.5.4.7", "localityName (L)"),
    ("2.5.4.8", "stateOrProvinceName (ST)"),
    ("2.5.4.9", "streetAddress (street)"),
    ("2.5.4.10", "organizationName (O)"),
    ("2.5.4.11", "organizationalUnitName (OU)"),
    ("2.5.4.12", "title"),
    ("2.5.4.42", "givenName (GN)"),
    ("0.9.2342.19200300.100.1.25", "domainComponent (DC)"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
    ("1.2.840.113549.1.9.14", "extensionRequest"),
    // Certificate extensions.
    ("2.5.29.14", "subjectKeyIdentifier"),
    ("2.5.29.15", "keyUsage"),
    ("2.5.29.17", "subjectAltName"),
    ("2.5.29.19", "basicConstraints"),
    ("2.5.29.31", "cRLDistributionPoints"),
    ("2.5.29.32", "certificatePolicies"),
    ("2.5.29.35", "authorityKeyIdentifier"),
    ("2.5.29.37", "extKeyUsage"),
    ("1.3.6.1.5.5.7.1.1", "authorityInfoAccess"),
    ("1.3.6.1.5.5.7.3.1", "serverAuth"),
    ("1.3.6.1.5.5.7.3.2", "clientAuth"),
    ("1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList"),
];

/// The short attribute names of distinguished names, as OpenSSL prints them.
const SHORT: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "street"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "title"),
    ("2.5.4.42", "GN"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
];

fn lookup(table: &[(&str, &'static str)], dotted: &str) -> Option<&'static str> {
    table.iter().find(|(d, _)| *d == dotted).map(|(_, n)| *n)
}

/// The name of an OID given in dotted form, if the inspector knows it.
#[must_use]
pub fn name(dotted: &str) -> Option<&'static str> {
    lookup(NAMES, dotted)
}

/// The short name of a distinguished-name attribute ("CN", "O"), or the dotted OID.
#[must_use]
pub fn attribute(dotted: &str) -> String {
    lookup(SHORT, dotted).map_or_else(|| dotted.to_owned(), str::to_owned)
}

/// The dotted form of an OID's content octets ("1.2.840.10045.2.1").
#[must_use]
pub fn dotted(oid: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    for &b in oid {
        value = value.saturating_mul(128) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (value / 40).min(2);
                arcs.push(first);
                arcs.push(value.saturating_sub(first.saturating_mul(40)));
            } else {
                arcs.push(value);
            }
            value = 0;
        }
    }
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// The dotted form with the name in brackets when known:
/// "1.2.840.10045.3.1.7 (prime256v1 (P-256))" reads badly, so a name that already
/// has brackets is put after a dash instead.
#[must_use]
pub fn describe(oid: &[u8]) -> String {
    let dotted = dotted(oid);
    match name(&dotted) {
        Some(name) if name.contains('(') => format!("{dotted} — {name}"),
        Some(name) => format!("{dotted} ({name})"),
        None => dotted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_forms() {
        assert_eq!(
            dotted(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]),
            "1.2.840.10045.2.1"
        );
        assert_eq!(describe(&[0x2b, 0x65, 0x6e]), "1.3.101.110 (X25519)");
        assert_eq!(
            describe(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]),
            "1.2.840.10045.3.1.7 — prime256v1 (P-256)"
        );
        assert_eq!(attribute("2.5.4.3"), "CN");
        assert_eq!(attribute("1.2.3"), "1.2.3");
        // Every dotted form in the tables is unique.
        for table in [NAMES, SHORT] {
            for (i, (d, _)) in table.iter().enumerate() {
                assert!(table[i + 1..].iter().all(|(e, _)| e != d), "{d}");
            }
        }
    }
}
