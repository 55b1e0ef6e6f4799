//! Scalars quoted as kubectl quotes them. kubectl writes YAML with go-yaml (YAML 1.1), the
//! console with serde_yaml (YAML 1.2): where the two differ, serde_yaml's text is re-quoted
//! here, line by line, so `-o yaml` and the documents the console writes look as kubectl's.

use super::resolve::{is_timestamp, is_yaml11_only_boolean};

/// A string in double quotes, with JSON's escapes: how go-yaml writes a quoted scalar (a JSON
/// string is a YAML double-quoted one), and how Go's `%q` quotes a printable string in
/// kubectl's messages.
pub fn double_quoted(s: &str) -> String {
    // Serializing a string to JSON cannot fail.
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// A one-line string in single quotes (`''` for a quote), for the place of a scalar the person
/// wrote so.
pub(crate) fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// serde_yaml's block text with its scalars quoted as go-yaml quotes them: strings that YAML
/// 1.1 reads as booleans (`y`, `no`, `on`…) or timestamps in double quotes, which serde_yaml
/// (YAML 1.2) leaves plain, and `'…'` written `"…"`. Lines inside a block scalar (`|`, `>`)
/// are content and stay as they are.
pub fn go_yaml_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // Inside a block scalar (`|-`): the indentation of its header line.
    let mut block: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let indent = body.len() - body.trim_start_matches(' ').len();
        if let Some(header) = block {
            if indent > header || body.trim().is_empty() {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        out.push_str(&body[..indent]);
        let mut rest = &body[indent..];
        while let Some(r) = rest.strip_prefix("- ") {
            out.push_str("- ");
            rest = r;
        }
        let (key, value) = split_entry(rest);
        if let Some(key) = key {
            out.push_str(&requote(key));
            out.push(':');
            if !value.is_empty() {
                out.push(' ');
            }
        }
        if value.starts_with(['|', '>']) {
            block = Some(indent);
        }
        out.push_str(&requote(value));
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `key: value` (or `key:`) into its key and value, or a lone scalar as its value.
fn split_entry(rest: &str) -> (Option<&str>, &str) {
    let key_end = if rest.starts_with('\'') {
        // A quoted key: its closing quote (`''` is an escaped quote).
        let bytes = rest.as_bytes();
        let mut i = 1;
        loop {
            match bytes.get(i) {
                Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                Some(b'\'') => break Some(i + 1),
                Some(_) => i += 1,
                None => break None,
            }
        }
    } else if rest.starts_with('"') {
        // A double-quoted key: where a JSON string reader stops (`None` for YAML-only escapes).
        let mut strings = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        match strings.next() {
            Some(Ok(_)) => Some(strings.byte_offset()),
            _ => None,
        }
    } else {
        rest.find(": ")
            .or_else(|| rest.strip_suffix(':').map(str::len))
    };
    match key_end.and_then(|end| Some((rest.get(..end)?, rest.get(end..)?))) {
        Some((key, after)) if after.starts_with(':') => {
            let value = &after[1..];
            (Some(key), value.strip_prefix(' ').unwrap_or(value))
        }
        _ => (None, rest),
    }
}

/// One scalar (a key or a value) as go-yaml writes it.
fn requote(token: &str) -> String {
    if is_yaml11_only_boolean(token) || is_timestamp(token) {
        return format!("\"{token}\"");
    }
    if let Some(inner) = token
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .filter(|_| token.len() >= 2)
    {
        return double_quoted(&inner.replace("''", "'"));
    }
    token.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_go_yaml_does() {
        let cases = [
            ("  resourceVersion: ''", "  resourceVersion: \"\""),
            ("    primary: 'true'", "    primary: \"true\""),
            ("- 'it''s'", "- \"it's\""),
            ("  '80': x", "  \"80\": x"),
            (
                "  creationTimestamp: 2025-01-15T12:00:00Z",
                "  creationTimestamp: \"2025-01-15T12:00:00Z\"",
            ),
            ("- name: web", "- name: web"),
            ("  text: 'a \"b\"'", "  text: \"a \\\"b\\\"\""),
            ("  open: 'not closed", "  open: 'not closed"),
            ("  enabled: yes", "  enabled: \"yes\""),
            ("no: off", "\"no\": \"off\""),
        ];
        for (serde_yaml, go_yaml) in cases {
            assert_eq!(go_yaml_quotes(serde_yaml), go_yaml);
            assert_eq!(
                go_yaml_quotes(&format!("{serde_yaml}\n")),
                format!("{go_yaml}\n")
            );
        }
    }

    #[test]
    fn block_scalars_are_content() {
        let text = "text: |\n  yes\n  'a'\nnext: 'b'\n";
        assert_eq!(go_yaml_quotes(text), "text: |\n  yes\n  'a'\nnext: \"b\"\n");
    }
}
