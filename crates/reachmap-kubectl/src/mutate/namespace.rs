//! The namespace a command works in, and a file's object placed in it.

use super::id::Id;
use crate::args::Args;
use crate::resources::FileObject;
use reachmap_core::yaml::document::str_at;
use reachmap_core::yaml::{edit, emit};
use serde_yaml::{Mapping, Value};

/// The namespace a command works in: `-n` when given (`given`), else `default`.
pub(super) struct Namespace<'a> {
    pub name: &'a str,
    pub given: bool,
}

impl<'a> Namespace<'a> {
    pub fn of(args: &'a Args) -> Namespace<'a> {
        Namespace {
            name: args.namespace(),
            given: args.get("namespace").is_some(),
        }
    }

    /// The object's metadata with `namespace` set when `-n` was given, as kubectl sends it.
    pub fn stamp(&self, metadata: &mut Mapping) {
        if self.given {
            metadata.insert("namespace".into(), self.name.into());
        }
    }
}

/// A file's object placed in the command's namespace: kubectl's error when `-n` names
/// another than the object's, else the object (with `-n`'s namespace written in when it
/// named none) and its text.
pub(super) fn placed(object: &FileObject, ns: &Namespace) -> Result<(Id, Value, String), String> {
    let id = Id::of(&object.value, ns.name).ok_or("error: kind not set")?;
    let mut value = object.value.clone();
    if id.namespace.is_some() && ns.given {
        match str_at(&object.value, &["metadata", "namespace"]) {
            Some(own) if own != ns.name => {
                return Err(format!(
                    "error: the namespace from the provided object \"{own}\" does not match the namespace \"{}\". You must pass '--namespace={own}' to perform this operation.",
                    ns.name
                ))
            }
            Some(_) => {}
            None => {
                if let Some(Value::Mapping(meta)) = value.get_mut("metadata") {
                    ns.stamp(meta);
                }
            }
        }
    }
    let text = match &object.text {
        Some(t) => edit::rewrite(t, &object.value, &value),
        None => emit::document(&value),
    };
    Ok((id, value, text))
}
