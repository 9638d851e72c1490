//! Shared helpers for the known-answer tests: loading vector files from `tests/data`,
//! hex fields, and a per-file tally that runs every case, collects every failure and
//! checks that the cases counted add up to the file's `numberOfTests`.

// Each test file is its own crate and uses only some of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};

/// Reads and deserialises `tests/data/<relative>`.
pub fn load<T: DeserializeOwned>(relative: &str) -> T {
    let path = format!("{}/tests/data/{relative}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Decodes a lowercase hex string, panicking with the text on failure.
pub fn unhex(text: &str) -> Vec<u8> {
    hex::decode(text).unwrap_or_else(|e| panic!("bad hex in vector file {text:?}: {e}"))
}

/// `#[serde(deserialize_with = "common::hex_bytes")]` for hex string fields.
pub fn hex_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let text = String::deserialize(d)?;
    hex::decode(&text).map_err(serde::de::Error::custom)
}

/// The top level of a Wycheproof file (the fields these tests use).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WycheproofFile<G> {
    /// "ECDH", "XDH", "AES-GCM"...
    pub algorithm: String,
    /// How many cases the file holds; the tally must reach it.
    pub number_of_tests: usize,
    /// The groups, each with its shared parameters and its cases.
    pub test_groups: Vec<G>,
}

/// What Wycheproof says the outcome of a case must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    /// Must be accepted, with exactly the given output.
    Valid,
    /// Must be rejected.
    Invalid,
    /// Either is allowed; each test file decides, documents and asserts its choice.
    Acceptable,
}

/// What a case turned out to be, once checked against its expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passed {
    /// A `valid` case, accepted with the expected output.
    Valid,
    /// An `invalid` case, rejected.
    Invalid,
    /// An `acceptable` case that we accept (with the expected output).
    AcceptableAccepted,
    /// An `acceptable` case that we reject.
    AcceptableRejected,
    /// A case our API does not express (for example a key size it does not offer),
    /// with the reason; the test file asserts that the API refuses it.
    NotRun(&'static str),
}

/// Counts the cases of one vector file and collects failures, so that one run reports
/// every failing case rather than the first.
pub struct Tally {
    file: String,
    valid: usize,
    invalid: usize,
    accepted: usize,
    rejected: usize,
    not_run: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Tally {
    /// A tally for the vector file named `file` (the name printed in the report).
    pub fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            valid: 0,
            invalid: 0,
            accepted: 0,
            rejected: 0,
            not_run: BTreeMap::new(),
            failures: Vec::new(),
        }
    }

    /// Records the outcome of the case `tc_id`: a pass, or a failure with its reason.
    pub fn record(&mut self, tc_id: u64, outcome: Result<Passed, String>) {
        match outcome {
            Ok(Passed::Valid) => self.valid += 1,
            Ok(Passed::Invalid) => self.invalid += 1,
            Ok(Passed::AcceptableAccepted) => self.accepted += 1,
            Ok(Passed::AcceptableRejected) => self.rejected += 1,
            Ok(Passed::NotRun(reason)) => *self.not_run.entry(reason).or_default() += 1,
            Err(why) => self.failures.push(format!("tcId {tc_id}: {why}")),
        }
    }

    /// Prints the file's summary line and asserts that nothing failed and that every
    /// case of the file was counted.
    pub fn finish(self, number_of_tests: usize) {
        let passed = self.valid + self.invalid + self.accepted + self.rejected;
        let not_run: usize = self.not_run.values().sum();
        let mut line = format!(
            "{}: {passed}/{number_of_tests} passed ({} valid, {} acceptable: {} accepted {} \
             rejected, {} invalid)",
            self.file,
            self.valid,
            self.accepted + self.rejected,
            self.accepted,
            self.rejected,
            self.invalid,
        );
        if not_run > 0 {
            let reasons: Vec<String> = self
                .not_run
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            let _ = write!(
                line,
                "; {not_run} not run, each refused by the API: {}",
                reasons.join(", ")
            );
        }
        println!("{line}");
        assert!(
            self.failures.is_empty(),
            "{}: {} case(s) failed:\n{}",
            self.file,
            self.failures.len(),
            self.failures.join("\n")
        );
        assert_eq!(
            passed + not_run,
            number_of_tests,
            "{}: counted cases do not add up to numberOfTests",
            self.file
        );
    }
}

/// `Ok(())` when `actual == expected`, otherwise a message showing both in hex.
pub fn same_bytes(what: &str, actual: &[u8], expected: &[u8]) -> Result<(), String> {
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "{what}: got {}, expected {}",
            hex::encode(actual),
            hex::encode(expected)
        ))
    }
}

/// The key inspector's DER tree holds together: children tile their parent's contents
/// exactly and in order, a run of bytes (no tag) has no header, and nothing lies outside
/// the `total` bytes of the document.
pub fn der_spans_add_up(node: &ecdh_playground::keys::explain::Node, total: usize) {
    assert!(node.offset + node.header_length + node.length <= total);
    if node.tag.is_none() {
        assert_eq!(node.header_length, 0);
    }
    if node.children.is_empty() {
        return;
    }
    let mut at = node.offset + node.header_length;
    for child in &node.children {
        assert_eq!(child.offset, at, "{:?} in {:?}", child.name, node.name);
        at += child.header_length + child.length;
        der_spans_add_up(child, total);
    }
    assert_eq!(at, node.offset + node.header_length + node.length);
}
