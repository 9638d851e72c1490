//! The invalid-curve attack on P-256 ECDH, Mallory's side (Biehl, Meyer and Müller,
//! CRYPTO 2000; against TLS-ECDH servers by Jager, Schwenk and Somorovsky, ESORICS 2015).
//!
//! The victim is [`CarelessServer`]: it answers each ECDH request with a fixed message
//! sealed under HKDF(x-coordinate of d·P) and never checks that P is on P-256. Mallory
//! sends points P of small prime order q on curves y² = x³ − 3x + b′ (the table in
//! [`INVALID_POINTS`], found with PARI/GP's SEA point counting by
//! tools/invalid-curves/invalid-curves.gp). d·P is then one of the q multiples of P, and
//! exactly one candidate secret opens the reply: k = 0 (the point at infinity, which the
//! server turns into 32 zero bytes) or the x-coordinate of k·P. Since k·P and (q − k)·P
//! share their x-coordinate, one reply gives d ≡ ±k (mod q): d mod q up to sign, hence
//! d² mod q exactly. The table's primes multiply to more than n², so the Chinese
//! remainder theorem gives d² mod M = d² itself (d < n), and its integer square root is d
//! — no sign patterns to try. Finally d·G must equal the server's public key.
//!
//! With `validate`, the server is the playground's own ECDH ([`KeyPair::shared_secret_with`]),
//! which parses the point first and refuses it: "point is not on the curve", the message
//! the playground shows for an off-curve point. That check is the whole fix.

use core::fmt;

use p256::elliptic_curve::bigint::{U256, U576};
use zeroize::{Zeroize, Zeroizing};

use super::careless_server::{CarelessServer, Multiples, RawPoint, reply_key};
use crate::keys::text::to_hex;
use crate::keys::{Curve, KeyPair, PublicKey, SecretKey};

mod table;

/// What went wrong, in words a student can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttackError(String);

impl AttackError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for AttackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AttackError {}

/// A point of prime order `q` on y² = x³ − 3x + `b` over P-256's field: not on P-256.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidPoint {
    /// b′ of the curve y² = x³ − 3x + b′.
    pub b: u32,
    /// The point's order, a prime below 2^10.
    pub q: u32,
    /// The point.
    pub point: RawPoint,
}

/// Mallory's queries, by ascending q: the product of the primes exceeds n².
pub const INVALID_POINTS: &[InvalidPoint] = table::TABLE;

/// P-256's group order n.
const N: U256 =
    U256::from_be_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

/// What the attack is run with.
#[derive(Clone, Default)]
pub struct AttackOptions {
    /// The server's private key (anything [`SecretKey::parse`] reads for P-256: PKCS#8
    /// PEM, raw hex, …); a random one when absent.
    pub victim_private_key: Option<String>,
    /// The server is the playground's own ECDH, which validates points (the fix).
    pub validate: bool,
    /// Derives the server's key from this seed when no key is given
    /// ([`SecretKey::from_seed`]): the same seed, the same run.
    pub seed: Option<String>,
}

impl fmt::Debug for AttackOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttackOptions")
            .field("validate", &self.validate)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

/// One query and what it taught Mallory.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// b′ of the curve the point lies on.
    pub b: u32,
    /// The point's order.
    pub prime: u32,
    /// The point sent.
    pub point: RawPoint,
    /// r with d ≡ ±r (mod q), 0 ≤ r ≤ q/2; `None` when the server refused.
    pub residue: Option<u32>,
    /// How many candidate secrets Mallory tried before one opened the reply.
    pub tries: u32,
    /// log₂ of the product of the primes answered so far.
    pub modulus_bits: f64,
    /// The server's refusal, when it refused.
    pub refused: Option<String>,
}

/// d ≡ ±`residue` (mod `prime`), from the point on y² = x³ − 3x + `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Residue {
    /// q.
    pub prime: u32,
    /// r, 0 ≤ r ≤ q/2.
    pub residue: u32,
    /// b′.
    pub b: u32,
}

/// One step of the final computation, to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What the step is.
    pub title: String,
    /// Why it works.
    pub explanation: String,
    /// The value it gives (hex or words).
    pub value: String,
}

/// What the attack found.
#[derive(Clone)]
pub struct Report {
    /// The server's public key, SEC 1 uncompressed (04‖x‖y) in hex.
    pub victim_public_key: String,
    /// The recovered private key as a raw 32-byte hex scalar; `None` unless recovered.
    pub recovered_private_key: Option<Zeroizing<String>>,
    /// How many queries were sent.
    pub queries: u32,
    /// One per answered query.
    pub residues: Vec<Residue>,
    /// The combination, step by step (empty until the end).
    pub steps: Vec<Step>,
    /// Why the attack stopped short, if it did.
    pub error: Option<String>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("victim_public_key", &self.victim_public_key)
            .field("queries", &self.queries)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

enum Server {
    Careless(CarelessServer),
    /// The playground's ECDH: parse the point (which checks it), then ECDH.
    Validating(KeyPair),
}

impl Server {
    /// The sealed reply, or the server's refusal.
    fn answer(&self, point: &RawPoint) -> Result<Result<Vec<u8>, String>, AttackError> {
        match self {
            Self::Careless(server) => server.answer(point).map(Ok),
            Self::Validating(pair) => match pair.shared_secret_with(&to_hex(&point.to_sec1())) {
                Err(e) => Ok(Err(e.to_string())),
                Ok(secret) => {
                    let key = reply_key(secret.as_bytes())?;
                    crate::aead::seal(&key, super::careless_server::SERVER_MESSAGE, None)
                        .map(Ok)
                        .map_err(|e| AttackError::new(e.to_string()))
                }
            },
        }
    }
}

/// The attack in progress, one query per [`InvalidCurveAttack::step`] (for a progress
/// bar and a Cancel button), or all at once with [`invalid_curve_attack`].
pub struct InvalidCurveAttack {
    server: Server,
    public: PublicKey,
    queries: Vec<Query>,
    tries: u64,
    recovered: Option<Zeroizing<[u8; 32]>>,
    steps: Vec<Step>,
    error: Option<String>,
    done: bool,
}

impl fmt::Debug for InvalidCurveAttack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvalidCurveAttack")
            .field("public", &self.public)
            .field("queries", &self.queries.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl InvalidCurveAttack {
    /// Sets up the server with its key, and Mallory with nothing but its public key.
    ///
    /// # Errors
    /// A victim key that is not a P-256 private key (the message names what was found);
    /// no randomness for a random key.
    pub fn new(options: &AttackOptions) -> Result<Self, AttackError> {
        let secret = match (&options.victim_private_key, &options.seed) {
            (Some(key), _) => SecretKey::parse(key, Some(Curve::P256))
                .map_err(|e| AttackError::new(format!("victimPrivateKey: {e}")))?,
            (None, Some(seed)) => {
                SecretKey::from_seed(Curve::P256, seed.as_bytes(), "invalid-curve server")
            }
            (None, None) => {
                SecretKey::generate(Curve::P256).map_err(|e| AttackError::new(e.to_string()))?
            }
        };
        let public = secret.public_key();
        let server = if options.validate {
            Server::Validating(KeyPair::from(secret))
        } else {
            Server::Careless(CarelessServer::new(secret)?)
        };
        Ok(Self {
            server,
            public,
            queries: Vec::new(),
            tries: 0,
            recovered: None,
            steps: Vec::new(),
            error: None,
            done: false,
        })
    }

    /// Whether the attack is over (key recovered, or stopped by a refusal).
    #[must_use]
    pub fn done(&self) -> bool {
        self.done
    }

    /// (queries sent, queries planned).
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        (self.queries.len(), INVALID_POINTS.len())
    }

    /// The queries so far.
    #[must_use]
    pub fn queries(&self) -> &[Query] {
        &self.queries
    }

    /// How many candidate secrets Mallory has tried in all.
    #[must_use]
    pub fn tries(&self) -> u64 {
        self.tries
    }

    /// The server's public key: all Mallory knows at the start.
    #[must_use]
    pub fn victim_public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Sends the next query and finds the residue; after the last one, combines them.
    /// Returns the query, or `None` when the attack was already over.
    ///
    /// # Errors
    /// Only for what cannot happen with the table as it is (a reply no candidate opens,
    /// residues that do not combine); the error is also kept for [`Self::report`].
    pub fn step(&mut self) -> Result<Option<&Query>, AttackError> {
        if self.done {
            return Ok(None);
        }
        let result = self.query();
        if let Err(e) = &result {
            self.error = Some(e.to_string());
            self.done = true;
        }
        result?;
        if self.queries.len() == INVALID_POINTS.len() && !self.done {
            let combined = self.combine();
            if let Err(e) = &combined {
                self.error = Some(e.to_string());
            }
            self.done = true;
            combined?;
        }
        Ok(self.queries.last())
    }

    fn query(&mut self) -> Result<(), AttackError> {
        let Some(entry) = INVALID_POINTS.get(self.queries.len()) else {
            return Ok(());
        };
        let bits = self.queries.last().map_or(0.0, |q| q.modulus_bits);
        let mut query = Query {
            b: entry.b,
            prime: entry.q,
            point: entry.point,
            residue: None,
            tries: 0,
            modulus_bits: bits,
            refused: None,
        };
        match self.server.answer(&entry.point)? {
            Err(refusal) => {
                self.error = Some(format!(
                    "the server refused query {} — the point {} of order {} on \
                     y² = x³ − 3x + {}: {refusal}",
                    self.queries.len() + 1,
                    to_hex(&entry.point.to_sec1()),
                    entry.q,
                    entry.b
                ));
                query.refused = Some(refusal);
                self.done = true;
            }
            Ok(reply) => {
                let (residue, tries) = find_residue(entry, &reply)?;
                query.residue = Some(residue);
                query.tries = tries;
                query.modulus_bits += f64::from(entry.q).log2();
                self.tries += u64::from(tries);
            }
        }
        self.queries.push(query);
        Ok(())
    }

    /// d² by the CRT, d by its square root, checked against the public key.
    fn combine(&mut self) -> Result<(), AttackError> {
        let (mut square, modulus) = crt_of_squares(&self.queries);
        let n = N.resize::<{ U576::LIMBS }>();
        let n_squared = n.wrapping_mul(&n);
        if modulus <= n_squared {
            return Err(AttackError::new(
                "the table's primes multiply to less than n²: d² is not determined",
            ));
        }
        let bits = self.queries.last().map_or(0.0, |q| q.modulus_bits);
        let mut square_bytes = square.to_be_bytes();
        self.steps.push(Step {
            title: "d² by the Chinese remainder theorem".into(),
            explanation: format!(
                "Each reply gave d mod q up to sign, so d² mod q exactly. The CRT joins \
                 the {} residues into d² mod M, M the product of the primes \
                 (≈ 2^{bits:.0}). Since d < n and M > n², that is d² itself.",
                self.queries.len()
            ),
            value: to_hex(trimmed(square_bytes.as_ref())),
        });
        square_bytes.as_mut().zeroize();
        let root = square.checked_sqrt_vartime();
        square.zeroize();
        let mut root = root.ok_or_else(|| {
            AttackError::new("d² from the CRT is not a perfect square: a residue is wrong")
        })?;
        let mut root_bytes = root.to_be_bytes();
        root.zeroize();
        let (high, low) = root_bytes.as_ref().split_at(U576::BYTES - 32);
        let mut d = Zeroizing::new([0u8; 32]);
        d.copy_from_slice(low);
        let fits = high.iter().all(|&b| b == 0);
        root_bytes.as_mut().zeroize();
        let hex = Zeroizing::new(to_hex(d.as_slice()));
        self.steps.push(Step {
            title: "d = √(d²)".into(),
            explanation: "An integer square root: no signs to guess.".into(),
            value: hex.to_string(),
        });
        let key = if fits {
            SecretKey::from_bytes(Curve::P256, d.as_slice()).ok()
        } else {
            None
        };
        match key {
            Some(key) if key.public_key() == self.public => {
                self.steps.push(Step {
                    title: "Check: d·G = the server's public key".into(),
                    explanation: format!(
                        "{} queries and {} candidate secrets: the server's private key.",
                        self.queries.len(),
                        self.tries
                    ),
                    value: to_hex(&self.public.to_raw()),
                });
                self.recovered = Some(d);
                Ok(())
            }
            _ => Err(AttackError::new(
                "the recovered d does not match the server's public key",
            )),
        }
    }

    /// What the attack has found so far.
    #[must_use]
    pub fn report(&self) -> Report {
        Report {
            victim_public_key: to_hex(&self.public.to_raw()),
            recovered_private_key: self
                .recovered
                .as_ref()
                .map(|d| Zeroizing::new(to_hex(d.as_slice()))),
            queries: u32::try_from(self.queries.len()).unwrap_or(u32::MAX),
            residues: self
                .queries
                .iter()
                .filter_map(|q| {
                    q.residue.map(|residue| Residue {
                        prime: q.prime,
                        residue,
                        b: q.b,
                    })
                })
                .collect(),
            steps: self.steps.clone(),
            error: self.error.clone(),
        }
    }
}

/// The bytes without their leading zeros (at least one byte).
fn trimmed(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

/// Tries k = 0, 1, …, q/2 until the reply opens under HKDF(x(k·P)) (k = 0: 32 zero
/// bytes, the server's secret for the point at infinity). Returns (k, tries).
fn find_residue(entry: &InvalidPoint, reply: &[u8]) -> Result<(u32, u32), AttackError> {
    let opens = |x: &[u8; 32]| -> Result<bool, AttackError> {
        let key = reply_key(x)?;
        Ok(crate::aead::open(&key, reply, None).is_ok())
    };
    if opens(&[0u8; 32])? {
        return Ok((0, 1));
    }
    let mut tries = 1;
    for (k, multiple) in (1..=entry.q / 2).zip(Multiples::new(&entry.point)?) {
        tries += 1;
        if opens(&multiple.x)? {
            return Ok((k, tries));
        }
    }
    Err(AttackError::new(format!(
        "no candidate opened the reply to the point of order {} on y² = x³ − 3x + {}",
        entry.q, entry.b
    )))
}

/// (d² mod M, M) from d ≡ ±r (mod q) for each answered query, M the product of the q.
fn crt_of_squares(queries: &[Query]) -> (U576, U576) {
    let mut x = U576::ZERO;
    let mut m = U576::ONE;
    for query in queries {
        let Some(r) = query.residue else { continue };
        let q = u64::from(query.prime);
        let r2 = u64::from(r) * u64::from(r) % q;
        // x ← x + m·t with t = (r² − x)·m⁻¹ mod q, so that x ≡ r² (mod q) and the
        // earlier congruences still hold.
        let x_mod = rem(&x, q);
        let m_inv = pow_mod(rem(&m, q), q - 2, q);
        let t = (r2 + q - x_mod) % q * m_inv % q;
        x = x.wrapping_add(&m.wrapping_mul(&U576::from_u64(t)));
        m = m.wrapping_mul(&U576::from_u64(q));
    }
    (x, m)
}

/// x mod q for a small q.
fn rem(x: &U576, q: u64) -> u64 {
    x.to_be_bytes()
        .as_ref()
        .iter()
        .fold(0, |acc, &b| (acc * 256 + u64::from(b)) % q)
}

/// base^exp mod q for a small q (q prime: base^(q−2) is base's inverse).
fn pow_mod(base: u64, mut exp: u64, q: u64) -> u64 {
    let (mut result, mut base) = (1 % q, base % q);
    while exp > 0 {
        if exp & 1 == 1 {
            result = result * base % q;
        }
        base = base * base % q;
        exp >>= 1;
    }
    result
}

/// The whole attack at once.
///
/// # Errors
/// As [`InvalidCurveAttack::new`]. A refusal by the validating server is not an error:
/// it is in [`Report::error`], with no key recovered.
pub fn invalid_curve_attack(options: &AttackOptions) -> Result<Report, AttackError> {
    let mut attack = InvalidCurveAttack::new(options)?;
    while !attack.done() {
        // An error is kept in the report too.
        if attack.step().is_err() {
            break;
        }
    }
    Ok(attack.report())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crt_of_small_squares() {
        // d = 10: d² = 100 ≡ 1 (mod 3), 0 (mod 5), 2 (mod 7), 1 (mod 11); M = 1155.
        let queries: Vec<Query> = [(3, 1), (5, 0), (7, 3), (11, 1)]
            .into_iter()
            .map(|(prime, r)| Query {
                b: 0,
                prime,
                point: RawPoint {
                    x: [0; 32],
                    y: [0; 32],
                },
                residue: Some(r),
                tries: 0,
                modulus_bits: 0.0,
                refused: None,
            })
            .collect();
        let (x, m) = crt_of_squares(&queries);
        assert_eq!(x, U576::from_u64(100));
        assert_eq!(m, U576::from_u64(1155));
    }

    #[test]
    fn modular_helpers() {
        assert_eq!(pow_mod(3, 5, 7), 5);
        assert_eq!(rem(&U576::from_u64(1_000_003), 997), 1_000_003 % 997);
        assert_eq!(trimmed(&[0, 0, 5, 0]), &[5, 0]);
        assert_eq!(trimmed(&[0, 0]), &[0]);
    }
}
