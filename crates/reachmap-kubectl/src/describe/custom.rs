//! Custom resources (the Network Policy API's cluster-wide policies), as kubectl's generic
//! describer prints them (`genericDescriber`): name, namespace, labels and annotations, then
//! every other field of the object as the API server returns it, keys sorted and spelt by
//! `smartLabelFor`, lists item after item.

use super::writer::PrefixWriter;
use crate::objects::Obj;
use crate::Ctx;
use serde_json::Value;

/// Fields the generic describer leaves out (printed above, or never).
const SKIPPED: &[&str] = &[
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
];

pub(super) fn custom(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    if let Value::Object(map) = crate::get::manifest(ctx, obj) {
        content(w, 0, &map, "");
    }
}

/// `printUnstructuredContent`.
fn content(w: &mut PrefixWriter, level: usize, map: &serde_json::Map<String, Value>, prefix: &str) {
    let mut fields: Vec<&String> = map.keys().collect();
    fields.sort();
    for field in fields {
        let path = format!("{prefix}.{field}");
        if SKIPPED.contains(&path.as_str()) {
            continue;
        }
        let label = smart_label(field);
        match &map[field] {
            Value::Object(child) => {
                w.line(level, format!("{label}:"));
                content(w, level + 1, child, &path);
            }
            Value::Array(items) => {
                w.line(level, format!("{label}:"));
                for item in items {
                    match item {
                        Value::Object(child) => content(w, level + 1, child, &path),
                        other => w.line(level + 1, scalar(other)),
                    }
                }
            }
            other => w.line(level, format!("{label}:\t{}", scalar(other))),
        }
    }
}

/// A value as Go's `%v` prints it.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        other => other.to_string(),
    }
}

/// `smartLabelFor`: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`;
/// a field with characters other than letters and `-` stays as it is.
fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: &[&str] = &["API", "URL", "UID", "OSB", "GUID"];
    camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if ACRONYMS.contains(&upper.as_str()) {
                upper
            } else {
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `camelcase.Split` (fatih/camelcase): runs of lower-case letters, upper-case letters,
/// digits and anything else; an upper-case run followed by a lower-case one gives its last
/// letter to it (`HTTPServer` → `HTTP`, `Server`).
fn camel_split(s: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower {
            let moved = runs[i].pop().expect("a run is never empty here");
            runs[i + 1].insert(0, moved);
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::smart_label;

    #[test]
    fn labels_as_kubectl_spells_them() {
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(
            smart_label("destinationNamedPort"),
            "Destination Named Port"
        );
        assert_eq!(smart_label("conformance-house"), "Conformance - House");
        assert_eq!(
            smart_label("kubernetes.io/metadata.name"),
            "kubernetes.io/metadata.name"
        );
        assert_eq!(smart_label("HTTPServer"), "HTTP Server");
        assert_eq!(smart_label("uid"), "UID");
    }
}
