//! The commands that read: `get` and `describe`, printed from the model, the Service reports and
//! the simulated cluster, in kubectl's formats (its printers and describers, its tabwriter).
//! They never change the text.

mod describe;
mod get;
mod jsonpath;
mod objects;
mod service;
mod tabwriter;

use super::kinds::Kind;
use super::Ctx;
// Completion (complete.rs) lists the names `get` and `describe` accept.
pub(crate) use objects::object_names;
use objects::{list, Obj};

pub(crate) use describe::kubectl_describe;
pub(crate) use get::kubectl_get;

/// The namespace to list in: `None` for `-A` (every namespace).
fn scope(args: &super::args::Args) -> Option<&str> {
    (!args.all_namespaces()).then(|| args.namespace())
}

/// The object of `kind` named `name` (in `namespace` unless the kind is cluster-scoped).
fn find(ctx: &Ctx, kind: Kind, namespace: &str, name: &str) -> Option<Obj> {
    let ns = kind.namespaced().then_some(namespace);
    list(ctx, kind, ns).into_iter().find(|o| o.name == name)
}

/// What kubectl prints when a listing found nothing.
fn nothing_found(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("No resources found in {ns} namespace."),
        None => "No resources found".into(),
    }
}
