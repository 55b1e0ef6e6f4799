//! A text's documents added, replaced and removed (the console's edits), every other byte
//! kept as the person wrote it.

use super::Document;

/// The text with `yaml` (one document, ending in a newline) added as a new last document.
pub fn append(text: &str, yaml: &str) -> String {
    let mut out = String::with_capacity(text.len() + yaml.len() + 5);
    out.push_str(text);
    if !text.trim().is_empty() {
        if !text.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("---\n");
    }
    out.push_str(yaml);
    out
}

/// The text with the body of `document` replaced by `yaml` (its `---` line kept).
pub fn replace(text: &str, document: &Document, yaml: &str) -> String {
    let mut out = String::with_capacity(text.len() + yaml.len());
    out.push_str(&text[..document.body_start]);
    out.push_str(yaml);
    if !yaml.ends_with('\n') && document.span.end < text.len() {
        out.push('\n');
    }
    out.push_str(&text[document.span.end..]);
    out
}

/// The text without `document` (and without its `---` line, or the next one's when it is first).
pub fn remove(text: &str, document: &Document) -> String {
    let (start, end) = if document.span.start == 0 {
        // The first document: drop the next document's `---` line instead.
        let rest = &text[document.span.end..];
        let sep = if rest.starts_with("---") {
            rest.find('\n').map_or(rest.len(), |i| i + 1)
        } else {
            0
        };
        (0, document.span.end + sep)
    } else {
        (document.span.start, document.span.end)
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str(&text[end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    const TEXT: &str = "# mine\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: s\n  namespace: prod\n---\nkind: List\nitems:\n- kind: Pod\n  metadata:\n    name: b\n";

    #[test]
    fn edits_one_document_and_keeps_the_rest() {
        let docs = parse(TEXT).documents;
        let replaced = replace(TEXT, &docs[1], "kind: Service\nmetadata:\n  name: t\n");
        assert!(replaced.starts_with("# mine\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: t\n---\nkind: List"));
        let removed = remove(TEXT, &docs[1]);
        assert_eq!(parse(&removed).documents.len(), 2);
        assert!(removed.starts_with("# mine\n"));
        let first_removed = remove(TEXT, &docs[0]);
        assert!(
            first_removed.starts_with("kind: Service\n"),
            "{first_removed}"
        );
        assert_eq!(append("", "kind: Pod\n"), "kind: Pod\n");
        assert_eq!(append("a: 1", "kind: Pod\n"), "a: 1\n---\nkind: Pod\n");
    }
}
