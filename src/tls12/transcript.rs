//! The transcript the page renders: one typed [`Step`] per message sent or value
//! computed, in the order the handshake of RFC 5246 §7.3 performs them, each with who
//! did it, what it is, why, and its bytes annotated field by field.

use serde::Serialize;

use super::codec::{Annotated, Field};
use super::record::Alert;
use crate::error::{Error, Result};
use crate::keys::text::to_hex;

/// Who performs a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The TLS client.
    Client,
    /// The TLS server.
    Server,
    /// Mallory, an active attacker on the wire during the handshake.
    Mallory,
    /// A passive attacker who recorded the connection and later obtained leaked keys.
    Attacker,
}

impl Side {
    /// "Client", "Server", "Mallory", "Attacker".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Client => "Client",
            Self::Server => "Server",
            Self::Mallory => "Mallory",
            Self::Attacker => "Attacker",
        }
    }
}

/// One step of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Who performs it.
    pub side: Side,
    /// A short title ("ServerKeyExchange").
    pub title: String,
    /// What happens and why, citing the RFC.
    pub explanation: String,
    /// The bytes sent or computed, lowercase hex.
    pub bytes: String,
    /// The bytes field by field (offsets into the decoded `bytes`); empty when the
    /// bytes are one value.
    pub fields: Vec<Field>,
}

/// The steps so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transcript {
    steps: Vec<Step>,
    alert: Option<Alert>,
}

impl Transcript {
    /// Records a step whose bytes are annotated.
    pub fn record(
        &mut self,
        side: Side,
        title: impl Into<String>,
        explanation: impl Into<String>,
        bytes: &Annotated,
    ) {
        self.steps.push(Step {
            side,
            title: title.into(),
            explanation: explanation.into(),
            bytes: bytes.hex(),
            fields: bytes.fields.clone(),
        });
    }

    /// Records a step whose bytes are a single value.
    pub fn record_value(
        &mut self,
        side: Side,
        title: impl Into<String>,
        explanation: impl Into<String>,
        bytes: &[u8],
    ) {
        self.steps.push(Step {
            side,
            title: title.into(),
            explanation: explanation.into(),
            bytes: to_hex(bytes),
            fields: Vec::new(),
        });
    }

    /// Records that `side` stops the handshake with a fatal `alert` because of
    /// `error`, and returns the error.
    pub fn abort(&mut self, side: Side, alert: Alert, error: Error) -> Error {
        self.alert = Some(alert);
        self.record(
            side,
            format!("{} sends a fatal alert: {}", side.name(), alert.name()),
            format!(
                "The handshake stops: {error}. The alert (RFC 5246 §7.2.2) tells the peer \
                 why in one byte; the connection is closed and no keys are kept."
            ),
            &alert.record(),
        );
        error
    }

    /// Passes `result` through, recording a fatal `alert` from `side` if it is an error.
    ///
    /// # Errors
    /// The error of `result`.
    pub fn or_alert<T>(&mut self, side: Side, alert: Alert, result: Result<T>) -> Result<T> {
        result.map_err(|e| self.abort(side, alert, e))
    }

    /// Moves the steps recorded from index `from` on to stand before step `before`,
    /// for an event that happens earlier on the wire than it is computed here.
    pub fn move_since(&mut self, from: usize, before: usize) {
        if before >= from || from > self.steps.len() {
            return;
        }
        let moved = self.steps.split_off(from);
        let after = self.steps.split_off(before);
        self.steps.extend(moved);
        self.steps.extend(after);
    }

    /// The last fatal alert recorded by [`Self::abort`].
    #[must_use]
    pub const fn last_alert(&self) -> Option<Alert> {
        self.alert
    }

    /// The steps recorded.
    #[must_use]
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The steps, by value.
    #[must_use]
    pub fn into_steps(self) -> Vec<Step> {
        self.steps
    }
}
