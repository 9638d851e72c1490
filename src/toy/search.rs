//! The brute-force discrete logarithm, in slices: Eve tries k = 1, 2, … until kG = Q,
//! one point addition per try, and can stop between slices (the page's progress bar and
//! Cancel button). Teaching code like the rest of [`crate::toy`].

use super::{Point, ToyCurve, ToyError};

/// A search for the smallest k ≥ 1 with kG = Q, run a slice at a time.
#[derive(Clone, Debug)]
pub struct LogSearch {
    curve: ToyCurve,
    g: Point,
    q: Point,
    /// kG, for the k about to be compared with Q.
    current: Point,
    k: u32,
    /// `Some` once done: the k found, or `None` when Q is not in G's subgroup.
    result: Option<Option<u32>>,
}

impl LogSearch {
    /// A search for Q = kG on `curve`.
    ///
    /// # Errors
    ///
    /// When G or Q is not on the curve.
    pub fn new(curve: &ToyCurve, g: Point, q: Point) -> Result<Self, ToyError> {
        curve.check("G", g)?;
        curve.check("Q", q)?;
        Ok(Self {
            curve: curve.clone(),
            g,
            q,
            current: g,
            k: 1,
            result: None,
        })
    }

    /// Tries at most `budget` more values of k; true once the search is over.
    pub fn run(&mut self, budget: u32) -> bool {
        for _ in 0..budget {
            if self.result.is_some() {
                break;
            }
            if self.current == self.q {
                self.result = Some(Some(self.k));
            } else if self.current.is_none() {
                // Back at ∞ without meeting Q: every multiple of G has been tried.
                self.result = Some(None);
            } else {
                self.current = self.curve.add_unchecked(self.current, self.g);
                self.k += 1;
            }
        }
        self.result.is_some()
    }

    /// Whether the search is over.
    pub fn done(&self) -> bool {
        self.result.is_some()
    }

    /// The k found (once done), or `None` (not found, or not done yet).
    pub fn found(&self) -> Option<u32> {
        self.result.flatten()
    }

    /// How many values of k have been compared with Q so far: k itself when found, G's
    /// order when Q is not in its subgroup.
    pub fn tries(&self) -> u32 {
        if self.result.is_some() {
            self.k
        } else {
            self.k - 1
        }
    }
}
