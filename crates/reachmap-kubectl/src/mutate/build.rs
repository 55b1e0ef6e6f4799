//! New objects as kubectl's generators build them: `apiVersion`, `kind`, `metadata` (labels,
//! name, namespace) and `spec`, as YAML values in kubectl's key order; labels read and written.

use super::namespace::Namespace;
use crate::kinds::Kind;
use reachmap_core::model::Labels;
use serde_yaml::{Mapping, Value};

/// A mapping from `(key, value)` pairs, in order.
pub(super) fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.to_string()), v);
    }
    Value::Mapping(m)
}

/// A new object of `kind`: `apiVersion`, `kind`, `metadata`, and `spec` unless `None`.
pub(super) fn object(kind: Kind, metadata: Mapping, spec: Option<Value>) -> Value {
    let mut m = Mapping::new();
    m.insert("apiVersion".into(), kind.api_version().into());
    m.insert("kind".into(), kind.api_kind().into());
    m.insert("metadata".into(), Value::Mapping(metadata));
    if let Some(spec) = spec {
        m.insert("spec".into(), spec);
    }
    Value::Mapping(m)
}

/// A new object's metadata: its labels (when any), its name, its namespace when `-n` was
/// given.
pub(super) fn metadata(name: &str, labels: &Labels, ns: &Namespace) -> Mapping {
    let mut m = Mapping::new();
    if !labels.is_empty() {
        m.insert("labels".into(), labels_value(labels));
    }
    m.insert("name".into(), name.into());
    ns.stamp(&mut m);
    m
}

/// Labels as a YAML mapping.
pub(super) fn labels_value(labels: &Labels) -> Value {
    let mut m = Mapping::new();
    for (k, v) in labels {
        m.insert(k.clone().into(), v.clone().into());
    }
    Value::Mapping(m)
}

/// The labels of a mapping of strings (`metadata.labels`, a Service's `selector`).
pub(super) fn labels_of(value: Option<&Value>) -> Labels {
    crate::selector::string_map(value)
}

/// `k=v,k2=v2` as `kubectl run -l` and `expose --selector` read it.
pub(super) fn parse_pairs(spec: &str) -> Result<Labels, String> {
    let mut labels = Labels::new();
    for pair in spec.split(',') {
        let parts: Vec<&str> = pair.split('=').collect();
        let [key, value] = parts.as_slice() else {
            return Err(format!("error: unexpected label spec: {pair}"));
        };
        if key.is_empty() {
            return Err("error: unexpected empty label key".into());
        }
        labels.insert(key.to_string(), value.to_string());
    }
    Ok(labels)
}
