//! What the progress line says while the worker reads a text: how many pods (an estimate from
//! the text's lines, not a reading) and how large; and counts written as people read them.

/// What the progress line says while a text is read: its pods and its size. Pods are counted
/// by their `kind: Pod` lines at an object's depth (a top-level object, a list's item; not an
/// EndpointSlice's `targetRef`), in YAML or in `kubectl -o json`'s layout: an estimate for
/// the progress line, not a reading.
pub fn reading_words(text: &str) -> String {
    let pods = text
        .lines()
        .filter(|l| {
            let body = l.trim_start();
            let indent = l.len() - body.len();
            let body = body.trim_start_matches("- ").trim_end_matches(',');
            (indent < 4 && body == "kind: Pod") || (indent <= 12 && body == "\"kind\": \"Pod\"")
        })
        .count();
    let size = format!("{:.1} MB", text.len() as f64 / 1e6);
    match pods {
        0 => format!("reading {size}…"),
        1 => format!("reading 1 pod ({size})…"),
        n => format!("reading {} pods ({size})…", count(n)),
    }
}

/// A count with thousands separators: `1,008`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_progress() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1008), "1,008");
        assert_eq!(count(1234567), "1,234,567");
        let yaml = "items:\n- kind: Pod\n  x: 1\n- kind: Pod\n  targets:\n    - kind: Pod\n";
        assert_eq!(reading_words(yaml), "reading 2 pods (0.0 MB)…");
        let json = "{\"items\": [\n {\n  \"kind\": \"Pod\",\n  \"a\": 1\n }\n]}";
        assert_eq!(reading_words(json), "reading 1 pod (0.0 MB)…");
        assert_eq!(reading_words(""), "reading 0.0 MB…");
    }
}
