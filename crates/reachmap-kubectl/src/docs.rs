//! The manifest text as the console edits it: its documents, each with its byte span and its
//! value, so a command changes one document (or adds one) and leaves every other byte as the
//! person wrote it.

use reachmap_core::model::DEFAULT_NAMESPACE;
use reachmap_core::yaml::limits::{
    alias_expansion_exceeded, flow_depth_exceeded, MAX_ALIAS_NODES, MAX_FLOW_DEPTH, MAX_INPUT_BYTES,
};
use reachmap_core::yaml::split::split;
use serde_yaml::Value;
use std::ops::Range;

/// One object of the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// The document's bytes: from its `---` line (if any) to the next document.
    pub span: Range<usize>,
    /// Where its body starts (after its `---` line).
    pub body_start: usize,
    /// The object (for an item of a `kind: List`, the item).
    pub value: Value,
    pub kind: String,
    pub name: String,
    /// `metadata.namespace`, or `default` when not written.
    pub namespace: String,
    /// An item of a `kind: List` document, which the console reads but does not edit.
    pub in_list: bool,
}

/// The objects of `text`, in order. Documents that do not parse (or that the parser's limits
/// refuse) are left out: the editor's diagnostics speak for them.
pub fn documents(text: &str) -> Vec<Doc> {
    if text.len() > MAX_INPUT_BYTES {
        return Vec::new();
    }
    let mut docs = Vec::new();
    for chunk in split(text) {
        if alias_expansion_exceeded(&chunk.text, MAX_ALIAS_NODES).is_some()
            || flow_depth_exceeded(&chunk.text, MAX_FLOW_DEPTH).is_some()
        {
            continue;
        }
        let Ok(value) = serde_yaml::from_str::<Value>(&chunk.text) else {
            continue;
        };
        let span = chunk.span.clone();
        let is_list = str_at(&value, &["kind"]).is_some_and(|k| k == "List" || k.ends_with("List"));
        if is_list {
            if let Some(Value::Sequence(items)) = value.get("items") {
                for item in items {
                    docs.extend(doc(item.clone(), span.clone(), chunk.body_start, true));
                }
            }
        } else {
            docs.extend(doc(value, span, chunk.body_start, false));
        }
    }
    docs
}

fn doc(value: Value, span: Range<usize>, body_start: usize, in_list: bool) -> Option<Doc> {
    let kind = str_at(&value, &["kind"])?.to_string();
    let name = str_at(&value, &["metadata", "name"])
        .unwrap_or_default()
        .to_string();
    let namespace = str_at(&value, &["metadata", "namespace"])
        .unwrap_or(DEFAULT_NAMESPACE)
        .to_string();
    Some(Doc {
        span,
        body_start,
        value,
        kind,
        name,
        namespace,
        in_list,
    })
}

/// The string at a path of mapping keys.
pub fn str_at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v str> {
    let mut v = value;
    for key in path {
        v = v.get(*key)?;
    }
    v.as_str()
}

/// The index of the object of API kind `kind` named `name` in `namespace` (ignored for
/// cluster-scoped kinds when `namespace` is `None`).
pub fn find(docs: &[Doc], kind: &str, namespace: Option<&str>, name: &str) -> Option<usize> {
    docs.iter().position(|d| {
        d.kind == kind && d.name == name && namespace.is_none_or(|ns| d.namespace == ns)
    })
}

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

/// The text with the body of `doc` replaced by `yaml` (its `---` line kept).
pub fn replace(text: &str, doc: &Doc, yaml: &str) -> String {
    let mut out = String::with_capacity(text.len() + yaml.len());
    out.push_str(&text[..doc.body_start]);
    out.push_str(yaml);
    if !yaml.ends_with('\n') && doc.span.end < text.len() {
        out.push('\n');
    }
    out.push_str(&text[doc.span.end..]);
    out
}

/// The text without `doc` (and without its `---` line, or the next one's when it is first).
pub fn remove(text: &str, doc: &Doc) -> String {
    let (start, end) = if doc.span.start == 0 {
        // The first document: drop the next document's `---` line instead.
        let rest = &text[doc.span.end..];
        let sep = if rest.starts_with("---") {
            rest.find('\n').map_or(rest.len(), |i| i + 1)
        } else {
            0
        };
        (0, doc.span.end + sep)
    } else {
        (doc.span.start, doc.span.end)
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str(&text[end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# mine\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: s\n  namespace: prod\n---\nkind: List\nitems:\n- kind: Pod\n  metadata:\n    name: b\n";

    #[test]
    fn reads_objects_with_their_spans() {
        let docs = documents(TEXT);
        let names: Vec<_> = docs
            .iter()
            .map(|d| {
                (
                    d.kind.as_str(),
                    d.namespace.as_str(),
                    d.name.as_str(),
                    d.in_list,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Pod", "default", "a", false),
                ("Service", "prod", "s", false),
                ("Pod", "default", "b", true)
            ]
        );
        assert_eq!(
            &TEXT[docs[1].body_start..docs[1].span.end],
            "kind: Service\nmetadata:\n  name: s\n  namespace: prod\n"
        );
        assert_eq!(find(&docs, "Service", Some("prod"), "s"), Some(1));
        assert_eq!(find(&docs, "Service", Some("default"), "s"), None);
    }

    #[test]
    fn edits_one_document_and_keeps_the_rest() {
        let docs = documents(TEXT);
        let replaced = replace(TEXT, &docs[1], "kind: Service\nmetadata:\n  name: t\n");
        assert!(replaced.starts_with("# mine\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: t\n---\nkind: List"));
        let removed = remove(TEXT, &docs[1]);
        assert_eq!(documents(&removed).len(), 2);
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
