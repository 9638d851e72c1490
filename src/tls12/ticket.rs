//! Session tickets as the model's servers seal them, for TLS 1.2 (RFC 5077) and TLS 1.3
//! (RFC 8446 §4.6.1): the server keeps no state per client; it encrypts the session's
//! secret under its own ticket key and hands the result to the client, which presents
//! it later. The layout is RFC 5077 §4's recommended one, with AES-256-GCM (RustCrypto)
//! in place of AES-CBC + HMAC, so the GCM tag is the MAC:
//!
//! ```text
//! struct {
//!     opaque key_name[16];          // which ticket key sealed it
//!     opaque iv[12];                // the GCM nonce
//!     opaque encrypted_state<0..2^16-1>;
//!     opaque mac[16];               // the GCM tag over key_name ‖ iv and the state
//! } ticket;
//!
//! state = version(2) ‖ cipher_suite(2) ‖ lifetime(4) ‖ age_add(4)
//!         ‖ ticket_nonce<0..255> ‖ secret<0..255>
//! ```
//!
//! `secret` is the TLS 1.2 master secret (48 bytes), or the TLS 1.3 resumption PSK.
//! Whoever holds the ticket key opens every ticket: the lesson of [`super::leak`] and of
//! the resumption page.
//!
//! The IV is synthetic (the TLS 1.2 PRF of the state under the ticket key, 12 bytes), so
//! a lesson's tickets are reproducible and two different states never share an IV.
// A parser of outside input: no index or arithmetic that could panic or wrap.
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::codec::{Annotated, Reader};
use crate::error::{Error, Result};

/// The length of a ticket key's name.
pub const KEY_NAME_LEN: usize = 16;
const IV_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// A server's ticket key: a name (sent in every ticket) and an AES-256-GCM key.
#[derive(Clone)]
pub struct TicketKey {
    name: [u8; KEY_NAME_LEN],
    key: Zeroizing<[u8; 32]>,
}

impl fmt::Debug for TicketKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TicketKey")
            .field("name", &crate::keys::text::to_hex(&self.name))
            .finish_non_exhaustive()
    }
}

/// What a ticket carries: enough for the server to resume without remembering anything.
#[derive(Clone, PartialEq, Eq)]
pub struct TicketState {
    /// 0x0303 (TLS 1.2) or 0x0304 (TLS 1.3).
    pub version: u16,
    /// The cipher suite the secret belongs to.
    pub cipher_suite: u16,
    /// ticket_lifetime, seconds.
    pub lifetime: u32,
    /// ticket_age_add (TLS 1.3; 0 in TLS 1.2).
    pub age_add: u32,
    /// ticket_nonce (TLS 1.3; empty in TLS 1.2).
    pub nonce: Vec<u8>,
    /// The master secret (1.2) or the PSK (1.3).
    pub secret: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for TicketState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TicketState")
            .field("version", &self.version)
            .field("cipher_suite", &self.cipher_suite)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

impl TicketState {
    fn encode(&self) -> Result<Zeroizing<Vec<u8>>> {
        let too_long = |what: &'static str| Error::InvalidLength {
            what,
            expected: "at most 255 bytes",
            found: 256,
        };
        let mut out = Zeroizing::new(Vec::new());
        out.extend_from_slice(&self.version.to_be_bytes());
        out.extend_from_slice(&self.cipher_suite.to_be_bytes());
        out.extend_from_slice(&self.lifetime.to_be_bytes());
        out.extend_from_slice(&self.age_add.to_be_bytes());
        out.push(u8::try_from(self.nonce.len()).map_err(|_| too_long("ticket_nonce"))?);
        out.extend_from_slice(&self.nonce);
        out.push(u8::try_from(self.secret.len()).map_err(|_| too_long("ticket secret"))?);
        out.extend_from_slice(&self.secret);
        Ok(out)
    }

    fn decode(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes, "ticket state");
        let version = r.u16("version")?;
        let cipher_suite = r.u16("cipher_suite")?;
        let lifetime = u32::from_be_bytes(r.array("lifetime")?);
        let age_add = u32::from_be_bytes(r.array("age_add")?);
        let nonce = r.vector(1, "ticket_nonce")?.rest().to_vec();
        let secret = Zeroizing::new(r.vector(1, "secret")?.rest().to_vec());
        r.finish("secret")?;
        Ok(Self {
            version,
            cipher_suite,
            lifetime,
            age_add,
            nonce,
            secret,
        })
    }
}

/// A ticket's parts, as they sit in its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketParts<'a> {
    /// key_name.
    pub key_name: &'a [u8],
    /// iv.
    pub iv: &'a [u8],
    /// encrypted_state, without its tag.
    pub encrypted_state: &'a [u8],
    /// mac: the GCM tag.
    pub mac: &'a [u8],
}

/// Splits a ticket into its parts.
///
/// # Errors
/// A ticket that is not in this layout (a real server's, or tampered with).
pub fn parts(ticket: &[u8]) -> Result<TicketParts<'_>> {
    let mut r = Reader::new(ticket, "ticket");
    let key_name = r.take(KEY_NAME_LEN, "key_name")?;
    let iv = r.take(IV_LEN, "iv")?;
    let encrypted_state = r.vector(2, "encrypted_state")?.rest();
    let mac = r.take(TAG_LEN, "mac")?;
    r.finish("mac")?;
    Ok(TicketParts {
        key_name,
        iv,
        encrypted_state,
        mac,
    })
}

/// The ticket's bytes, annotated field by field for the page.
///
/// # Errors
/// A ticket that is not in this layout.
pub fn annotate(ticket: &[u8]) -> Result<Annotated> {
    let p = parts(ticket)?;
    let mut m = Annotated::default();
    m.put(
        "key_name",
        "which of the server's ticket keys sealed this ticket (RFC 5077 §4)",
        p.key_name,
    );
    m.put("iv", "the AES-256-GCM nonce", p.iv);
    let l = m.open_length("encrypted_state length", 2, "encrypted state");
    m.put(
        "encrypted_state",
        "the session state (version, suite, lifetime, the secret), encrypted under the \
         ticket key: opaque to the client and to anyone on the path",
        p.encrypted_state,
    );
    m.close_length(l)?;
    m.put(
        "mac",
        "the GCM tag: a ticket changed by one bit, or sealed under another key, does not \
         open",
        p.mac,
    );
    Ok(m)
}

impl TicketKey {
    /// A ticket key from 32 bytes (the `ticketKey` option): the name is the first 16
    /// bytes of SHA-256("ticket key name" ‖ key).
    #[must_use]
    pub fn from_bytes(key: &[u8; 32]) -> Self {
        let digest = Sha256::new()
            .chain_update(b"ticket key name")
            .chain_update(key)
            .finalize();
        let mut name = [0u8; KEY_NAME_LEN];
        name.copy_from_slice(digest.get(..KEY_NAME_LEN).unwrap_or(&[0; KEY_NAME_LEN]));
        Self {
            name,
            key: Zeroizing::new(*key),
        }
    }

    /// A ticket key derived from a server's secret material (its identity key, or a
    /// lesson's seed): SHA-256("ticket key" ‖ material).
    #[must_use]
    pub fn derive(material: &[u8]) -> Self {
        let digest = Sha256::new()
            .chain_update(b"ticket key")
            .chain_update(material)
            .finalize();
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&digest);
        Self::from_bytes(&key)
    }

    /// A fresh random ticket key.
    ///
    /// # Errors
    /// No randomness.
    pub fn random() -> Result<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        getrandom::fill(key.as_mut_slice()).map_err(|_| Error::Randomness)?;
        Ok(Self::from_bytes(&key))
    }

    /// The key name.
    #[must_use]
    pub const fn name(&self) -> &[u8; KEY_NAME_LEN] {
        &self.name
    }

    /// The AES-256-GCM key: a deliberate reveal, for the leak exercise.
    #[must_use]
    pub fn reveal(&self) -> &[u8; 32] {
        &self.key
    }

    /// Seals `state` into a ticket.
    ///
    /// # Errors
    /// A state field too long to encode.
    pub fn seal(&self, state: &TicketState) -> Result<Vec<u8>> {
        let plaintext = state.encode()?;
        let iv_full =
            crate::kdf::tls12_prf_array::<IV_LEN>(self.key.as_slice(), b"ticket iv", &plaintext);
        let iv = iv_full.as_slice();
        let aad = [self.name.as_slice(), iv].concat();
        let sealed = crate::aead::aes256_gcm_seal(self.key.as_slice(), iv, &plaintext, &aad)?;
        let split = sealed.len().saturating_sub(TAG_LEN);
        let (encrypted, tag) = sealed.split_at(split);
        let length = u16::try_from(encrypted.len()).map_err(|_| Error::InvalidLength {
            what: "ticket state",
            expected: "at most 65535 bytes",
            found: encrypted.len(),
        })?;
        Ok([
            self.name.as_slice(),
            iv,
            &length.to_be_bytes(),
            encrypted,
            tag,
        ]
        .concat())
    }

    /// Opens a ticket this key sealed.
    ///
    /// # Errors
    /// A ticket of another layout; another key's name; a tag that does not check (the
    /// ticket was changed); a state that does not read.
    pub fn open(&self, ticket: &[u8]) -> Result<TicketState> {
        let p = parts(ticket)?;
        if p.key_name != self.name {
            return Err(Error::Handshake(
                "the ticket's key_name is not this server's ticket key: it was sealed by \
                 another server (or another ticket key)"
                    .to_owned(),
            ));
        }
        let aad = [p.key_name, p.iv].concat();
        let sealed = [p.encrypted_state, p.mac].concat();
        let plaintext = Zeroizing::new(
            crate::aead::aes256_gcm_open(self.key.as_slice(), p.iv, &sealed, &aad).map_err(
                |_| {
                    Error::Handshake(
                        "the ticket's MAC does not check under the ticket key: it was changed \
                         on the way"
                            .to_owned(),
                    )
                },
            )?,
        );
        TicketState::decode(&plaintext)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_refuse() {
        let key = TicketKey::derive(b"seed");
        let state = TicketState {
            version: 0x0304,
            cipher_suite: 0x1301,
            lifetime: 7200,
            age_add: 5,
            nonce: vec![0],
            secret: Zeroizing::new(vec![9; 32]),
        };
        let ticket = key.seal(&state).unwrap();
        assert_eq!(key.open(&ticket).unwrap(), state);
        assert_eq!(key.seal(&state).unwrap(), ticket);
        let mut bad = ticket.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(key.open(&bad).unwrap_err().to_string().contains("MAC"));
        let other = TicketKey::derive(b"other");
        assert!(
            other
                .open(&ticket)
                .unwrap_err()
                .to_string()
                .contains("key_name")
        );
        let annotated = annotate(&ticket).unwrap();
        assert_eq!(annotated.bytes, ticket);
        assert!(format!("{key:?}").len() < 80);
    }
}
