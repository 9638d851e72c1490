//! Toy elliptic curves over small prime fields, for the curve lab. Teaching arithmetic
//! with no claim to security; no real path calls it.
