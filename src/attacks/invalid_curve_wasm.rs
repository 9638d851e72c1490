//! The invalid-curve attack's JavaScript API: `invalidCurveAttack(options)` and its
//! step-by-step form `InvalidCurveRun`, for the attack lab's worker. Kept beside the
//! attack (not in `crate::wasm`) because it exists only in the full build (cargo feature
//! `attacklab`). As there, every argument arrives as a `JsValue` and is checked here,
//! every export returns a `Result` and every error is a JavaScript `Error` that says what
//! was wrong: no panic reaches JavaScript.
#![allow(clippy::missing_errors_doc)]

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::careless_server::RawPoint;
use super::invalid_curve::{self, AttackError, AttackOptions, InvalidCurveAttack, Query, Report};
use crate::keys::text::to_hex;

type JsResult<T> = Result<T, JsError>;

fn js_error(e: AttackError) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen(typescript_custom_section)]
const INVALID_CURVE_TS: &str = r#"
/** Options of `invalidCurveAttack` and `new InvalidCurveRun`; every member is optional. */
export interface InvalidCurveOptions {
  /** The server's P-256 private key: PKCS#8 PEM, raw hex, or any format `KeyPair.importPrivateKey` reads. Random when absent. */
  victimPrivateKey?: string;
  /** true: the server is the playground's own ECDH, which refuses the first point. */
  validate?: boolean;
  /** Derives the server's key from this text when no key is given: the same seed, the same run. */
  seed?: string;
}
/** d ≡ ±residue (mod prime), learnt from a point on y² = x³ − 3x + b. */
export interface InvalidCurveResidue {
  prime: number;
  /** r with 0 ≤ r ≤ prime / 2. */
  residue: number;
  /** b′ of the curve. */
  b: number;
}
/** One step of the final computation. */
export interface InvalidCurveStep {
  title: string;
  explanation: string;
  /** Hex, or words. */
  value: string;
}
/** What `invalidCurveAttack` returns. */
export interface InvalidCurveReport {
  /** SEC 1 uncompressed (04‖x‖y), hex. */
  victimPublicKey: string;
  /** Raw 32-byte scalar, hex; null unless recovered. */
  recoveredPrivateKey: string | null;
  /** How many points were sent. */
  queries: number;
  residues: InvalidCurveResidue[];
  steps: InvalidCurveStep[];
  /** Why no key was recovered (with `validate`: the refused point and the playground's message). */
  error: string | null;
}
/** One query of `InvalidCurveRun.step`. */
export interface InvalidCurveQuery {
  /** b′ of the curve y² = x³ − 3x + b′ the point is on. */
  b: number;
  /** The point's order. */
  prime: number;
  /** The point's coordinates, 32 bytes each in hex. */
  x: string;
  y: string;
  /** r with d ≡ ±r (mod prime); null when the server refused. */
  residue: number | null;
  /** Candidate secrets tried before one opened the reply. */
  tries: number;
  /** log₂ of the product of the primes so far (n is about 2^256; the attack needs n²). */
  modulusBits: number;
  /** The server's refusal, or null. */
  refused: string | null;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The options object, typed in the .d.ts as `InvalidCurveOptions`.
    #[wasm_bindgen(typescript_type = "InvalidCurveOptions")]
    pub type InvalidCurveOptionsObject;
}

const OPTIONS: &[&str] = &["victimPrivateKey", "validate", "seed"];

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

fn read_options(value: &JsValue) -> JsResult<AttackOptions> {
    let mut options = AttackOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "invalidCurveAttack options: expected an object, got {}",
            type_name(value)
        )));
    }
    for entry in Object::entries(&Object::from(value.clone())).iter() {
        let pair = Array::from(&entry);
        let name = pair.get(0).as_string().unwrap_or_default();
        let v = pair.get(1);
        if v.is_undefined() || v.is_null() {
            continue;
        }
        let text = || {
            v.as_string().ok_or_else(|| {
                JsError::new(&format!(
                    "invalidCurveAttack options: {name} must be a string, got {}",
                    type_name(&v)
                ))
            })
        };
        match name.as_str() {
            "victimPrivateKey" => options.victim_private_key = Some(text()?),
            "seed" => options.seed = Some(text()?),
            "validate" => {
                options.validate = v.as_bool().ok_or_else(|| {
                    JsError::new(&format!(
                        "invalidCurveAttack options: validate must be true or false, got {}",
                        type_name(&v)
                    ))
                })?;
            }
            _ => {
                return Err(JsError::new(&format!(
                    "invalidCurveAttack options: unknown option {name:?}; the options are {}",
                    OPTIONS.join(", ")
                )));
            }
        }
    }
    Ok(options)
}

fn set(object: &Object, name: &str, value: &JsValue) -> JsResult<()> {
    Reflect::set(object, &JsValue::from_str(name), value)
        .map(|_| ())
        .map_err(|_| JsError::new("could not build the result object"))
}

fn text_or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn report_value(report: &Report) -> JsResult<JsValue> {
    let object = Object::new();
    set(
        &object,
        "victimPublicKey",
        &JsValue::from_str(&report.victim_public_key),
    )?;
    set(
        &object,
        "recoveredPrivateKey",
        &text_or_null(report.recovered_private_key.as_deref().map(String::as_str)),
    )?;
    set(&object, "queries", &JsValue::from(report.queries))?;
    let residues = Array::new();
    for r in &report.residues {
        let entry = Object::new();
        set(&entry, "prime", &JsValue::from(r.prime))?;
        set(&entry, "residue", &JsValue::from(r.residue))?;
        set(&entry, "b", &JsValue::from(r.b))?;
        residues.push(&entry);
    }
    set(&object, "residues", &residues)?;
    let steps = Array::new();
    for s in &report.steps {
        let entry = Object::new();
        set(&entry, "title", &JsValue::from_str(&s.title))?;
        set(&entry, "explanation", &JsValue::from_str(&s.explanation))?;
        set(&entry, "value", &JsValue::from_str(&s.value))?;
        steps.push(&entry);
    }
    set(&object, "steps", &steps)?;
    set(&object, "error", &text_or_null(report.error.as_deref()))?;
    Ok(object.into())
}

fn query_value(query: &Query) -> JsResult<JsValue> {
    let RawPoint { x, y } = query.point;
    let object = Object::new();
    set(&object, "b", &JsValue::from(query.b))?;
    set(&object, "prime", &JsValue::from(query.prime))?;
    set(&object, "x", &JsValue::from_str(&to_hex(&x)))?;
    set(&object, "y", &JsValue::from_str(&to_hex(&y)))?;
    set(
        &object,
        "residue",
        &query.residue.map_or(JsValue::NULL, JsValue::from),
    )?;
    set(&object, "tries", &JsValue::from(query.tries))?;
    set(&object, "modulusBits", &JsValue::from(query.modulus_bits))?;
    set(&object, "refused", &text_or_null(query.refused.as_deref()))?;
    Ok(object.into())
}

/// The invalid-curve attack on a careless P-256 ECDH server, whole: Mallory sends points
/// of small prime order on curves y² = x³ − 3x + b′, learns d mod q up to sign from each
/// reply, joins the d² mod q by the CRT and takes the square root. With `validate` the
/// server is the playground's own ECDH: `recoveredPrivateKey` is null and `error` names
/// the refused point. Throws only for options it cannot read.
#[wasm_bindgen(js_name = invalidCurveAttack, unchecked_return_type = "InvalidCurveReport")]
pub fn invalid_curve_attack(options: Option<InvalidCurveOptionsObject>) -> JsResult<JsValue> {
    let options = read_options(&options.map_or(JsValue::UNDEFINED, JsValue::from))?;
    report_value(&invalid_curve::invalid_curve_attack(&options).map_err(js_error)?)
}

/// The same attack one query at a time (`step`), for a progress bar and a Cancel
/// button: `new InvalidCurveRun(options)`, then `step()` until `done`, then `result()`.
#[wasm_bindgen]
pub struct InvalidCurveRun(InvalidCurveAttack);

#[wasm_bindgen]
impl InvalidCurveRun {
    /// Sets up the server (its key from the options) and Mallory.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<InvalidCurveOptionsObject>) -> JsResult<InvalidCurveRun> {
        let options = read_options(&options.map_or(JsValue::UNDEFINED, JsValue::from))?;
        InvalidCurveAttack::new(&options)
            .map(Self)
            .map_err(js_error)
    }

    /// Sends the next point and finds the residue (after the last one, recovers the
    /// key): the query, or null once the run is over. Throws only for what the table
    /// rules out (a reply no candidate opens); `result().error` says the same.
    #[wasm_bindgen(unchecked_return_type = "InvalidCurveQuery | null")]
    pub fn step(&mut self) -> JsResult<JsValue> {
        match self.0.step().map_err(js_error)? {
            Some(query) => query_value(query),
            None => Ok(JsValue::NULL),
        }
    }

    /// Whether the run is over (key recovered, or refused).
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.0.done()
    }

    /// How many points have been sent.
    #[wasm_bindgen(getter)]
    pub fn queries(&self) -> u32 {
        u32::try_from(self.0.progress().0).unwrap_or(u32::MAX)
    }

    /// How many points the run sends if no server refuses.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> u32 {
        u32::try_from(self.0.progress().1).unwrap_or(u32::MAX)
    }

    /// How many candidate secrets Mallory has tried in all.
    #[wasm_bindgen(getter)]
    pub fn tries(&self) -> f64 {
        // Below 2^53: at most some 10^5 tries.
        #[allow(clippy::cast_precision_loss)]
        let tries = self.0.tries() as f64;
        tries
    }

    /// The server's public key, SEC 1 uncompressed (04‖x‖y) in hex.
    #[wasm_bindgen(getter, js_name = victimPublicKey)]
    pub fn victim_public_key(&self) -> String {
        to_hex(&self.0.victim_public_key().to_raw())
    }

    /// What `invalidCurveAttack` returns, for the run so far.
    #[wasm_bindgen(unchecked_return_type = "InvalidCurveReport")]
    pub fn result(&self) -> JsResult<JsValue> {
        report_value(&self.0.report())
    }
}
