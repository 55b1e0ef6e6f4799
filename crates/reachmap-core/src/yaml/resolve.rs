//! What a plain (unquoted) scalar is to go-yaml, kubectl's YAML (1.1), where serde_yaml (YAML
//! 1.2's core schema) reads a string: the editor colours, the parser warns and the console
//! quotes by these rules, so all three agree with what kubectl would read.

/// Every plain scalar go-yaml reads as a boolean (its resolve table), each with whether YAML
/// 1.2's core schema (serde_yaml) reads it as one too.
const BOOLEANS: [(&str, bool); 22] = [
    ("true", true),
    ("True", true),
    ("TRUE", true),
    ("false", true),
    ("False", true),
    ("FALSE", true),
    ("y", false),
    ("Y", false),
    ("yes", false),
    ("Yes", false),
    ("YES", false),
    ("n", false),
    ("N", false),
    ("no", false),
    ("No", false),
    ("NO", false),
    ("on", false),
    ("On", false),
    ("ON", false),
    ("off", false),
    ("Off", false),
    ("OFF", false),
];

/// Whether kubectl reads the plain scalar `s` as a boolean.
pub(crate) fn is_yaml11_boolean(s: &str) -> bool {
    BOOLEANS.iter().any(|(b, _)| *b == s)
}

/// Whether kubectl reads the plain scalar `s` as a boolean where serde_yaml reads a string
/// (`yes`, `no`, `on`, `off`, `y`, `n` and their capitals): a manifest means a string there and
/// must quote it, and the console writes such strings quoted.
pub(crate) fn is_yaml11_only_boolean(s: &str) -> bool {
    BOOLEANS.iter().any(|(b, also_12)| *b == s && !also_12)
}

/// Whether go-yaml reads a plain scalar as a timestamp (`2025-01-15`, `2025-01-15T12:00:00Z`),
/// so writes a string of that form quoted.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..4) && b.get(4) == Some(&b'-')) {
        return false;
    }
    let date = digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10);
    date && (b.len() == 10
        || (matches!(b.get(10), Some(b'T' | b't' | b' '))
            && digits(11..13)
            && b.get(13) == Some(&b':')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_of_both_yamls_and_of_yaml11_only() {
        for word in ["yes", "No", "on", "OFF", "y", "N"] {
            assert!(
                is_yaml11_boolean(word) && is_yaml11_only_boolean(word),
                "{word}"
            );
        }
        for word in ["true", "False", "TRUE"] {
            assert!(
                is_yaml11_boolean(word) && !is_yaml11_only_boolean(word),
                "{word}"
            );
        }
        for word in ["yEs", "o", "nO", "1", ""] {
            assert!(!is_yaml11_boolean(word), "{word}");
        }
    }

    #[test]
    fn timestamps_by_their_date() {
        assert!(is_timestamp("2025-01-15"));
        assert!(is_timestamp("2025-01-15T12:00:00Z"));
        assert!(!is_timestamp("2025-1-15"));
        assert!(!is_timestamp("2025-01-15x"));
        assert!(!is_timestamp("v2025-01-15"));
    }
}
