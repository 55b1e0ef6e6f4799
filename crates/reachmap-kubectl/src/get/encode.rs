//! `-o yaml` and `-o json` as kubectl's encoders write them: keys sorted as Go sorts a map's,
//! go-yaml's quoting, Go's JSON escapes.

/// Keys sorted at every level, as Go's encoders write maps.
pub(super) fn sorted(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let mut out = serde_json::Map::new();
            for (k, v) in entries {
                out.insert(k.clone(), sorted(v));
            }
            serde_json::Value::Object(out)
        }
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// `-o yaml`, quoted as kubectl's encoder (go-yaml) quotes: double quotes where serde_yaml
/// writes single ones, and around strings that read as timestamps.
pub(super) fn yaml(v: &serde_json::Value) -> String {
    let text = serde_yaml::to_string(&sorted(v)).unwrap_or_default();
    text.lines().map(|l| requote(l) + "\n").collect()
}

/// One line of serde_yaml's output with its one-line scalars quoted as go-yaml quotes them.
fn requote(line: &str) -> String {
    let body = line.trim_start_matches(' ');
    let mut out = line[..line.len() - body.len()].to_string();
    let mut rest = body;
    while let Some(r) = rest.strip_prefix("- ") {
        out.push_str("- ");
        rest = r;
    }
    // A quoted key, or a plain one (which cannot hold `: `).
    if rest.starts_with('\'') {
        match single_quoted(rest) {
            Some((text, "")) => return out + &double_quoted(&text),
            Some((text, after)) if after.starts_with(':') => {
                out.push_str(&double_quoted(&text));
                rest = after;
            }
            _ => return line.to_string(),
        }
    } else if let Some(at) = rest.find(": ").filter(|_| !rest.starts_with('"')) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
    } else {
        return out + &scalar_value(rest);
    }
    match rest.strip_prefix(": ") {
        Some(value) => out + ": " + &scalar_value(value),
        None => out + rest,
    }
}

/// A value written alone: re-quoted if single-quoted, quoted if it reads as a timestamp.
fn scalar_value(value: &str) -> String {
    if value.starts_with('\'') {
        return match single_quoted(value) {
            Some((text, "")) => double_quoted(&text),
            _ => value.to_string(),
        };
    }
    // go-yaml reads YAML 1.1, where these are booleans: it quotes them as strings.
    const YAML11_BOOLS: [&str; 16] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF",
    ];
    if is_timestamp(value) || YAML11_BOOLS.contains(&value) {
        return format!("\"{value}\"");
    }
    value.to_string()
}

/// A single-quoted scalar at the start of `s`: its text and what follows it.
fn single_quoted(s: &str) -> Option<(String, &str)> {
    let mut text = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                text.push('\'');
            } else {
                return Some((text, &s[i + 1..]));
            }
        } else {
            text.push(c);
        }
    }
    None
}

fn double_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether go-yaml reads a plain scalar as a timestamp (`2025-01-15`, `2025-01-15T12:00:00Z`).
fn is_timestamp(s: &str) -> bool {
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

/// `-o json`: Go's `json.MarshalIndent` with four spaces, `<`, `>` and `&` escaped as Go does.
pub(super) fn json(v: &serde_json::Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if sorted(v).serialize(&mut ser).is_err() {
        return String::new();
    }
    let text = String::from_utf8(buf).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_go_yaml_does() {
        assert_eq!(requote("  resourceVersion: ''"), "  resourceVersion: \"\"");
        assert_eq!(requote("    primary: 'true'"), "    primary: \"true\"");
        assert_eq!(requote("- 'it''s'"), "- \"it's\"");
        assert_eq!(requote("  '80': x"), "  \"80\": x");
        assert_eq!(
            requote("  creationTimestamp: 2025-01-15T12:00:00Z"),
            "  creationTimestamp: \"2025-01-15T12:00:00Z\""
        );
        assert_eq!(requote("- name: web"), "- name: web");
        assert_eq!(requote("  text: 'a \"b\"'"), "  text: \"a \\\"b\\\"\"");
        assert_eq!(requote("  open: 'not closed"), "  open: 'not closed");
        assert_eq!(requote("  enabled: yes"), "  enabled: \"yes\"");
        assert!(!is_timestamp("2025-1-15"));
        assert!(is_timestamp("2025-01-15"));
    }

    #[test]
    fn json_escapes_as_go_does() {
        let v = serde_json::json!({"b": "<a&b>", "a": 1});
        assert_eq!(
            json(&v),
            "{\n    \"a\": 1,\n    \"b\": \"\\u003ca\\u0026b\\u003e\"\n}\n"
        );
    }
}
