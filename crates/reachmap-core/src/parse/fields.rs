//! Unknown fields, refused as `kubectl --validate=strict` (kubectl's default) refuses them: a
//! misspelt key (`matchLabel`, `ingres`, `podSelecter`) would otherwise be dropped and silently
//! change a verdict (a peer without its `matchLabels` admits every pod of its namespace). Each
//! is an error at the key itself, with the closest real field name, and the object is left
//! out. Only the parts of an object the schema table describes are checked: `status`,
//! `managedFields` and the parts of a pod spec Reachmap does not read are open.

use super::locate::{push_step, Step};
use super::reader::{Node, ObjectReader};
use crate::diag::Code;
use crate::schema::{self, Child, Lookup, SchemaId};
use serde_yaml::Value;

/// One step from the object's root, borrowed from the value: a path is formatted only for a
/// field that is reported, so a clean object costs a walk over its keys and nothing more.
#[derive(Clone, Copy)]
enum Part<'v> {
    Key(&'v str),
    Index(usize),
}

/// An unknown key: where its mapping is, the key, and the schema it is not a field of.
struct Unknown<'v> {
    trail: Vec<Part<'v>>,
    key: &'v str,
    schema: SchemaId,
}

/// Reports every unknown field of the object at `object` (of `kind` at `api_version`, which the
/// caller has checked is the one the API server serves it at).
pub(super) fn check(r: &mut ObjectReader, object: &Node, api_version: &str, kind: &str) {
    let Some(root) = schema::root_schema(api_version, kind) else {
        return;
    };
    let mut found = Vec::new();
    walk(
        object.value,
        Child::Object(root),
        &mut Vec::new(),
        &mut found,
    );
    for unknown in found {
        let mut parent = object.path.clone();
        for part in &unknown.trail {
            match *part {
                Part::Key(k) => push_step(&mut parent, &Step::Key(k.to_string())),
                Part::Index(i) => push_step(&mut parent, &Step::Index(i)),
            }
        }
        let mut at = parent.clone();
        push_step(&mut at, &Step::Key(unknown.key.to_string()));
        let shown = r.shown_path(&parent);
        let within = if shown.is_empty() {
            "at the top level of the object".to_string()
        } else {
            format!("in {shown}")
        };
        let hint = schema::suggest(unknown.key, schema::field_names(unknown.schema))
            .map(|name| format!("; did you mean `{name}`?"))
            .unwrap_or_default();
        r.report(
            crate::diag::Severity::Error,
            Code::UnknownField,
            &at,
            format!("unknown field `{}` {within}{hint}", unknown.key),
        );
    }
}

/// Collects the unknown keys below `value`, which holds `child`.
fn walk<'v>(
    value: &'v Value,
    child: Child,
    trail: &mut Vec<Part<'v>>,
    found: &mut Vec<Unknown<'v>>,
) {
    match (untag(value), child) {
        (Value::Mapping(map), Child::Object(id)) => {
            for (key, field) in map {
                let Value::String(key) = untag(key) else {
                    continue; // Not a field name at all: the reader says what is wrong.
                };
                match schema::lookup(id, key) {
                    Lookup::Unknown => found.push(Unknown {
                        trail: trail.clone(),
                        key,
                        schema: id,
                    }),
                    Lookup::Known(inner @ (Child::Object(_) | Child::ListOf(_))) => {
                        trail.push(Part::Key(key));
                        walk(field, inner, trail, found);
                        trail.pop();
                    }
                    Lookup::Known(_) => {}
                }
            }
        }
        (Value::Sequence(items), Child::ListOf(id)) => {
            for (i, item) in items.iter().enumerate() {
                trail.push(Part::Index(i));
                walk(item, Child::Object(id), trail, found);
                trail.pop();
            }
        }
        // A scalar, an open part, or a value of the wrong type (the reader reports that).
        _ => {}
    }
}

/// The value under a YAML tag, which Kubernetes never sees.
fn untag(value: &Value) -> &Value {
    match value {
        Value::Tagged(t) => untag(&t.value),
        v => v,
    }
}
