//! What a plain (unquoted) scalar is as a value, exactly as serde_yaml 0.9 reads it into a
//! `Value` (its `visit_untagged_scalar`, `parse_*` and `digits_but_not_number`, MIT OR
//! Apache-2.0, ported here so that the fast readers — `build` over yaml-rust2's events and
//! `json` — give the very values serde_yaml gives). Quoted and block scalars are strings.
//! A YAML 1.1 boolean such as `yes` is a string here, as in serde_yaml; the parser warns
//! about it separately (`resolve`).

use serde_yaml::{Number, Value};
use std::num::ParseIntError;

/// A plain scalar's value; `None` where serde_yaml would fail to make a `Value` of it (an
/// integer beyond 64 bits but within 128), so the caller lets serde_yaml say why.
pub(crate) fn plain(v: &str) -> Option<Value> {
    Some(not_a_string(v)?.unwrap_or_else(|| Value::String(v.to_string())))
}

/// `plain`, given the scalar's own `String` (most scalars are strings: no copy).
pub(crate) fn plain_owned(v: String) -> Option<Value> {
    Some(not_a_string(&v)?.unwrap_or(Value::String(v)))
}

/// The value of a plain scalar that serde_yaml does not read as a string (`Some(None)` when it
/// does; `None` where it fails).
fn not_a_string(v: &str) -> Option<Option<Value>> {
    // Most scalars are words: only these first characters can make anything but a string
    // (null `~`/`n`, booleans `t`/`f`, numbers; `inf` and `nan` parse as floats that are not
    // finite, which serde_yaml leaves strings).
    if !v.is_empty()
        && !matches!(
            v.as_bytes()[0],
            b'0'..=b'9' | b'+' | b'-' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F'
        )
    {
        return Some(None);
    }
    if v.is_empty() || is_null(v) {
        return Some(Some(Value::Null));
    }
    if let Some(b) = boolean(v) {
        return Some(Some(Value::Bool(b)));
    }
    if let Some(n) = unsigned_int(v, u64::from_str_radix) {
        return Some(Some(Value::Number(Number::from(n))));
    }
    if let Some(n) = negative_int(v, i64::from_str_radix) {
        return Some(Some(Value::Number(Number::from(n))));
    }
    // An integer beyond 64 bits: serde_yaml hands one within 128 bits to the visitor as
    // u128/i128, which `Value` does not take, and reads a longer one as a float. Rare enough to
    // leave to serde_yaml (no 128-bit parsing here, in the page's code).
    if looks_like_integer(v) && !digits_but_not_number(v) {
        return None;
    }
    if !digits_but_not_number(v) {
        if let Some(f) = float(v) {
            return Some(Some(Value::Number(Number::from(f))));
        }
    }
    Some(None)
}

fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn boolean(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn unsigned_int<T>(scalar: &str, radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = radix(rest, base) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    radix(unpositive, 10).ok()
}

fn negative_int<T>(scalar: &str, radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    for (prefix, base) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if let Ok(int) = radix(&format!("-{rest}"), base) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    radix(scalar, 10).ok()
}

/// A sign, then digits, or `0x`, `0o` or `0b` and digits of that base.
fn looks_like_integer(v: &str) -> bool {
    let v = v.strip_prefix(['+', '-']).unwrap_or(v);
    let (digits, radix) = match v.get(..2) {
        Some("0x") => (&v[2..], 16),
        Some("0o") => (&v[2..], 8),
        Some("0b") => (&v[2..], 2),
        _ => (v, 10),
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

fn float(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros followed by digits: a string in YAML 1.2 (`0123`).
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plain scalar here must read as serde_yaml reads it.
    const SCALARS: &[&str] = &[
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nULL",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "0",
        "1",
        "-1",
        "+1",
        "00",
        "007",
        "-007",
        "+007",
        "0x1F",
        "0X1F",
        "-0x1F",
        "+0x1F",
        "0x-1",
        "0o17",
        "-0o17",
        "0b101",
        "-0b101",
        "0b",
        "0x",
        "1_000",
        "1e3",
        "1E3",
        "1.5",
        "-1.5",
        "+1.5",
        ".5",
        "5.",
        "1.5e-3",
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".NaN",
        ".nan",
        "nan",
        "inf",
        "NaN",
        "infinity",
        "1e400",
        "-1e400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "340282366920938463463374607431768211456",
        "123abc",
        "12:30",
        "1:2:3",
        "2025-01-15",
        "v1",
        "+",
        ".",
        "0.0",
        "-0",
        "+0",
        "-0.0",
        "80/TCP",
        "1,000",
        "0e0",
        "08",
        "09.5",
        "0.",
        "+-1",
        "--1",
        "Infinity",
        "INF",
        "e3",
        "E3",
        "_1",
        "x1",
        "ñ",
    ];

    #[test]
    fn reads_plain_scalars_as_serde_yaml_does() {
        for s in SCALARS {
            let ours = plain(s);
            let theirs = serde_yaml::from_str::<Value>(&format!("k: {s}\n"))
                .map(|v| v["k"].clone())
                .ok();
            match (&ours, &theirs) {
                // NaN is not equal to itself.
                (Some(Value::Number(a)), Some(Value::Number(b))) if a.is_nan() => {
                    assert!(b.is_nan(), "{s:?}")
                }
                // Left to serde_yaml: only integers beyond 64 bits.
                (None, _) => assert!(s.trim_start_matches(['-', '+']).len() > 18, "{s:?}"),
                _ => assert_eq!(ours, theirs, "{s:?}"),
            }
        }
    }
}
