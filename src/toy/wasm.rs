//! The curve lab's JavaScript API: `ToyCurve` and `DiscreteLogSearch`. Kept beside the
//! toy arithmetic (not in `crate::wasm`) because it exists only in the full build
//! (cargo feature `curvelab`). As there, every argument arrives as a `JsValue` and is
//! checked here, every export returns a `Result`, and every error is a JavaScript
//! `Error` whose message says what was wrong: no panic reaches JavaScript.
#![allow(clippy::missing_errors_doc)]

use std::fmt::Write as _;

use js_sys::{Array, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use super::{Affine, LogSearch, Op, Point, ToyCurve, ToyError};

type JsResult<T> = Result<T, JsError>;

fn js_error(e: ToyError) -> JsError {
    JsError::new(&e.to_string())
}

/// A number as JavaScript writes it ("1.5", "NaN"): Rust's float formatting would add
/// kilobytes to the module for error messages alone.
fn shown(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if value.is_undefined() {
        return "undefined".into();
    }
    if let Some(s) = value.as_string() {
        return format!("\"{s}\"");
    }
    match value.as_f64() {
        Some(n) => js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default(),
        None => value.js_typeof().as_string().unwrap_or_default(),
    }
}

/// Largest whole number JavaScript holds exactly: 2^53 − 1.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// A whole number argument (a safe integer).
fn integer(value: &JsValue, name: &str) -> JsResult<i64> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE => {
            // A safe integer: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            Ok(n as i64)
        }
        Some(_) => Err(JsError::new(&format!(
            "{name} must be a whole number between −(2^53 − 1) and 2^53 − 1, got {}",
            shown(value)
        ))),
        None => Err(JsError::new(&format!(
            "{name} must be a number, got {}",
            shown(value)
        ))),
    }
}

/// A coordinate as the curve takes it: a whole number in 0..p, or `None`.
fn coordinate(value: &JsValue, p: u32) -> Option<u32> {
    let n = value.as_f64()?;
    if n.fract() == 0.0 && (0.0..f64::from(p)).contains(&n) {
        // In 0..p < 2^20: exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(n as u32)
    } else {
        None
    }
}

enum Read {
    /// A point of the curve (or ∞).
    On(Point),
    /// Point-shaped ({ x, y } with numbers) but not on the curve; as written.
    Off(String),
    /// Not a point at all; what it was.
    NotAPoint(String),
}

fn read_point(curve: &ToyCurve, value: &JsValue) -> Read {
    if value.is_null() {
        return Read::On(None);
    }
    if !value.is_object() {
        return Read::NotAPoint(shown(value));
    }
    let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).unwrap_or_default();
    let (x, y) = (get("x"), get("y"));
    if x.as_f64().is_none() || y.as_f64().is_none() {
        return Read::NotAPoint(format!(
            "an object with x = {} and y = {}",
            shown(&x),
            shown(&y)
        ));
    }
    match (coordinate(&x, curve.p()), coordinate(&y, curve.p())) {
        (Some(x), Some(y)) if curve.contains(Affine { x, y }) => Read::On(Some(Affine { x, y })),
        _ => Read::Off(format!("({}, {})", shown(&x), shown(&y))),
    }
}

/// A point argument called `name`, which must be on the curve.
fn point(curve: &ToyCurve, value: &JsValue, name: &str) -> JsResult<Point> {
    match read_point(curve, value) {
        Read::On(p) => Ok(p),
        Read::Off(written) => Err(js_error(curve.not_on_curve(name, &written))),
        Read::NotAPoint(what) => Err(JsError::new(&format!(
            "{name} must be a point {{ x, y }} of {} or null (the point at infinity), got {what}",
            curve.equation()
        ))),
    }
}

fn set(object: &Object, name: &str, value: &JsValue) -> JsResult<()> {
    Reflect::set(object, &JsValue::from_str(name), value)
        .map(|_| ())
        .map_err(|_| JsError::new("could not build the result object"))
}

/// `{ x, y }`, or `null` for the point at infinity.
fn point_value(point: Point) -> JsResult<JsValue> {
    match point {
        None => Ok(JsValue::NULL),
        Some(p) => {
            let object = Object::new();
            set(&object, "x", &JsValue::from(p.x))?;
            set(&object, "y", &JsValue::from(p.y))?;
            Ok(object.into())
        }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TOY_TS: &str = r#"
/** A point of a toy curve; the point at infinity is `null`. */
export interface ToyPoint {
  x: number;
  y: number;
}
/** One step of double-and-add, from the most significant bit of k. */
export interface ToyStep {
  /** The value (0 or 1) of the bit of k this step belongs to. */
  bit: 0 | 1;
  op: "double" | "add";
  /** R after the step. */
  point: ToyPoint | null;
}
/** What `ToyCurve.multiply` returns. */
export interface ToyMultiple {
  point: ToyPoint | null;
  steps: ToyStep[];
}
/** What `ToyCurve.discreteLog` returns. */
export interface ToyDiscreteLog {
  /** The smallest k ≥ 1 with kG = Q, or null when Q is not in G's subgroup. */
  k: number | null;
  /** How many values of k were tried. */
  tries: number;
}
"#;

/// A toy elliptic curve y² = x³ + ax + b over F_p, 3 < p ≤ 1,000,003, for teaching: the
/// group law, double-and-add, point counting and a brute-force discrete log on numbers
/// small enough to see. NOT the P-256 code, and no claim to security.
#[wasm_bindgen(js_name = ToyCurve)]
pub struct WasmToyCurve(ToyCurve);

#[wasm_bindgen(js_class = ToyCurve)]
impl WasmToyCurve {
    /// `p` prime; `a` and `b` are reduced mod p (negative values are fine). Throws, saying
    /// why, for a composite p (naming a factor), a singular curve (4a³ + 27b² ≡ 0) or a
    /// value out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "number")] p: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] b: JsValue,
    ) -> JsResult<WasmToyCurve> {
        let p = match integer(&p, "p") {
            Ok(p) => p,
            Err(_) => {
                return Err(JsError::new(&format!(
                    "p must be a prime with 3 < p ≤ 1,000,003, got {}",
                    shown(&p)
                )));
            }
        };
        ToyCurve::new(p, integer(&a, "a")?, integer(&b, "b")?)
            .map(Self)
            .map_err(js_error)
    }

    /// The prime p.
    #[wasm_bindgen(getter)]
    pub fn p(&self) -> u32 {
        self.0.p()
    }

    /// a, reduced to 0..p.
    #[wasm_bindgen(getter)]
    pub fn a(&self) -> u32 {
        self.0.a()
    }

    /// b, reduced to 0..p.
    #[wasm_bindgen(getter)]
    pub fn b(&self) -> u32 {
        self.0.b()
    }

    /// The number of points, the point at infinity included (counted on first use).
    #[wasm_bindgen(getter)]
    pub fn order(&self) -> u32 {
        self.0.order()
    }

    /// "y² = x³ + 2x + 2 over F_17".
    #[wasm_bindgen(getter)]
    pub fn equation(&self) -> String {
        self.0.equation()
    }

    /// Every affine point, sorted by x, then y (`pointsFlat` is the compact form).
    #[wasm_bindgen(unchecked_return_type = "ToyPoint[]")]
    pub fn points(&self) -> JsResult<JsValue> {
        // One JSON text parsed once: a million points as objects in a tenth of the time
        // that setting each x and y across the boundary takes.
        let points = self.0.points();
        let mut json = String::with_capacity(points.len() * 24 + 2);
        json.push('[');
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            // Writing to a String cannot fail.
            let _ = write!(json, "{{\"x\":{},\"y\":{}}}", p.x, p.y);
        }
        json.push(']');
        js_sys::JSON::parse(&json).map_err(|_| JsError::new("could not build the list of points"))
    }

    /// The affine points with `from` ≤ x < `to` (default: all of them), sorted, as
    /// [x0, y0, x1, y1, …].
    #[wasm_bindgen(js_name = pointsFlat)]
    pub fn points_flat(&self, from: Option<u32>, to: Option<u32>) -> JsResult<Uint32Array> {
        let points = self
            .0
            .points_between(from.unwrap_or(0), to.unwrap_or(u32::MAX));
        let flat: Vec<u32> = points.iter().flat_map(|p| [p.x, p.y]).collect();
        Ok(Uint32Array::from(flat.as_slice()))
    }

    /// How many affine points have `from` ≤ x < `to` (for counting in slices).
    #[wasm_bindgen(js_name = countPoints)]
    pub fn count_points(&self, from: u32, to: u32) -> JsResult<u32> {
        Ok(self.0.count_between(from, to))
    }

    /// Whether `point` is on the curve; `null` (the point at infinity) is on every
    /// curve. Never throws.
    #[wasm_bindgen(js_name = isOnCurve)]
    pub fn is_on_curve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ToyPoint | null")] point: JsValue,
    ) -> JsResult<bool> {
        Ok(matches!(read_point(&self.0, &point), Read::On(_)))
    }

    /// P + Q.
    #[wasm_bindgen(unchecked_return_type = "ToyPoint | null")]
    pub fn add(
        &self,
        #[wasm_bindgen(js_name = "P", unchecked_param_type = "ToyPoint | null")] p: JsValue,
        #[wasm_bindgen(js_name = "Q", unchecked_param_type = "ToyPoint | null")] q: JsValue,
    ) -> JsResult<JsValue> {
        let p = point(&self.0, &p, "P")?;
        let q = point(&self.0, &q, "Q")?;
        point_value(self.0.add_unchecked(p, q))
    }

    /// −P.
    #[wasm_bindgen(unchecked_return_type = "ToyPoint | null")]
    pub fn negate(
        &self,
        #[wasm_bindgen(js_name = "P", unchecked_param_type = "ToyPoint | null")] p: JsValue,
    ) -> JsResult<JsValue> {
        let p = point(&self.0, &p, "P")?;
        point_value(self.0.negate_unchecked(p))
    }

    /// kP by double-and-add for a whole number k ≥ 0, with each step from the most
    /// significant bit: the leading 1 adds P to ∞, then each bit doubles and, if it is
    /// 1, adds P. k = 0 gives `null` and no steps.
    #[wasm_bindgen(unchecked_return_type = "ToyMultiple")]
    pub fn multiply(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] k: JsValue,
        #[wasm_bindgen(js_name = "P", unchecked_param_type = "ToyPoint | null")] p: JsValue,
    ) -> JsResult<JsValue> {
        let k = match k.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) => {
                // A safe non-negative integer: exact.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let k = n as u64;
                k
            }
            _ => {
                return Err(JsError::new(&format!(
                    "k must be a whole number from 0 to 2^53 − 1, got {}",
                    shown(&k)
                )));
            }
        };
        let p = point(&self.0, &p, "P")?;
        let (result, steps) = self.0.multiply(k, p).map_err(js_error)?;
        let list = Array::new();
        for step in steps {
            let object = Object::new();
            set(&object, "bit", &JsValue::from(step.bit))?;
            let op = match step.op {
                Op::Double => "double",
                Op::Add => "add",
            };
            set(&object, "op", &JsValue::from_str(op))?;
            set(&object, "point", &point_value(step.point)?)?;
            list.push(&object);
        }
        let object = Object::new();
        set(&object, "point", &point_value(result)?)?;
        set(&object, "steps", &list)?;
        Ok(object.into())
    }

    /// The order of P: the smallest n ≥ 1 with nP = ∞.
    #[wasm_bindgen(js_name = orderOf)]
    pub fn order_of(
        &self,
        #[wasm_bindgen(js_name = "P", unchecked_param_type = "ToyPoint | null")] p: JsValue,
    ) -> JsResult<u32> {
        let p = point(&self.0, &p, "P")?;
        Ok(self.0.order_of_unchecked(p))
    }

    /// The smallest k ≥ 1 with kG = Q by brute force (k = 1, 2, …), with how many k were
    /// tried; Q = `null` gives G's order; `k` is `null` when Q is not in G's subgroup.
    #[wasm_bindgen(js_name = discreteLog, unchecked_return_type = "ToyDiscreteLog")]
    pub fn discrete_log(
        &self,
        #[wasm_bindgen(js_name = "G", unchecked_param_type = "ToyPoint | null")] g: JsValue,
        #[wasm_bindgen(js_name = "Q", unchecked_param_type = "ToyPoint | null")] q: JsValue,
    ) -> JsResult<JsValue> {
        let mut search = self.search(&g, &q)?;
        while !search.run(u32::MAX) {}
        log_value(&search)
    }

    /// The same search as `discreteLog`, run a slice at a time (`step`), for a progress
    /// bar and a Cancel button.
    #[wasm_bindgen(js_name = discreteLogSearch)]
    pub fn discrete_log_search(
        &self,
        #[wasm_bindgen(js_name = "G", unchecked_param_type = "ToyPoint | null")] g: JsValue,
        #[wasm_bindgen(js_name = "Q", unchecked_param_type = "ToyPoint | null")] q: JsValue,
    ) -> JsResult<DiscreteLogSearch> {
        self.search(&g, &q).map(DiscreteLogSearch)
    }
}

impl WasmToyCurve {
    fn search(&self, g: &JsValue, q: &JsValue) -> JsResult<LogSearch> {
        let g = point(&self.0, g, "G")?;
        let q = point(&self.0, q, "Q")?;
        LogSearch::new(&self.0, g, q).map_err(js_error)
    }
}

fn log_value(search: &LogSearch) -> JsResult<JsValue> {
    let object = Object::new();
    let k = search.found().map_or(JsValue::NULL, JsValue::from);
    set(&object, "k", &k)?;
    set(&object, "tries", &JsValue::from(search.tries()))?;
    Ok(object.into())
}

/// A brute-force discrete log in progress (`ToyCurve.discreteLogSearch`).
#[wasm_bindgen]
pub struct DiscreteLogSearch(LogSearch);

#[wasm_bindgen]
impl DiscreteLogSearch {
    /// Tries at most `budget` more values of k; true once the search is over.
    pub fn step(&mut self, budget: u32) -> JsResult<bool> {
        Ok(self.0.run(budget))
    }

    /// Whether the search is over.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.0.done()
    }

    /// How many values of k have been tried so far.
    #[wasm_bindgen(getter)]
    pub fn tries(&self) -> u32 {
        self.0.tries()
    }

    /// `{ k, tries }` as `discreteLog` returns it (k is `null` until found).
    #[wasm_bindgen(unchecked_return_type = "ToyDiscreteLog")]
    pub fn result(&self) -> JsResult<JsValue> {
        log_value(&self.0)
    }
}
