//! The objects a changing command names — by name (found or not), by kind with `-l` or
//! `--all`, or the objects of the files `-f` names — and the loop that changes each one.

use super::{labels_of, placed, Id, Namespace, Refusal, Work, NO_NAME, NO_RESOURCES};
use crate::args::Args;
use crate::kinds::Kind;
use crate::resources::{self, check_names, file_objects, files, Request};
use crate::selector;
use crate::sim::NODE_NAME;
use crate::{Ctx, Outcome};
use serde_yaml::Value;

/// An object a command acts on, or a name it could not find.
pub(super) enum Found {
    Object(Id),
    Missing(Id),
}

/// The objects a command names: by name (found or not), or by kind with `-l`/`--all`; with
/// `-f`, the objects of the files.
pub(super) fn select(
    work: &Work,
    args: &Args,
    requests: &[Request],
) -> Result<Vec<(Found, Option<String>)>, String> {
    let ns = Namespace::of(args);
    let selector = resources::selector(args)?;
    let all = args.on("all");
    if all && selector.is_some() {
        return Err("error: cannot set --all and --selector at the same time".into());
    }
    let mut out = Vec::new();
    for input in files(work.ctx, args)? {
        for object in file_objects(input)? {
            let (id, _, _) = placed(&object, &ns)?;
            let found = if work.find(&id).is_some() {
                Found::Object(id)
            } else {
                Found::Missing(id)
            };
            out.push((found, Some(input.name.clone())));
        }
    }
    let named: Vec<(Kind, &str)> = requests
        .iter()
        .filter_map(|r| Some((r.kind, r.name.as_deref()?)))
        .collect();
    if !named.is_empty() {
        check_names(requests, selector.is_some(), args.all_namespaces())?;
        for (kind, name) in named {
            if kind == Kind::Node {
                return Err(simulated_node(name));
            }
            let id = Id::new(kind, ns.name, name);
            let found = if work.find(&id).is_some() {
                Found::Object(id)
            } else {
                Found::Missing(id)
            };
            out.push((found, None));
        }
    } else if !requests.is_empty() {
        if selector.is_none() && !all {
            return Err(NO_NAME.into());
        }
        let everywhere = args.all_namespaces();
        for kind in requests.iter().map(|r| r.kind) {
            let mut matching: Vec<Id> = work
                .objects()
                .filter(|d| d.kind == kind.api_kind())
                .filter(|d| everywhere || !kind.namespaced() || d.namespace == ns.name)
                .filter(|d| {
                    let labels = labels_of(d.value.get("metadata").and_then(|m| m.get("labels")));
                    selector
                        .as_ref()
                        .is_none_or(|s| selector::matches(s, &labels))
                })
                .map(|d| Id::new(kind, &d.namespace, &d.name))
                .collect();
            matching.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
            out.extend(matching.into_iter().map(|id| (Found::Object(id), None)));
        }
    } else if out.is_empty() && args.all("filename").is_empty() {
        return Err(NO_RESOURCES.into());
    }
    Ok(out)
}

fn simulated_node(name: &str) -> String {
    if name == NODE_NAME {
        format!("error: node/{name} is the simulated cluster's node, not an object of the manifests; it cannot be changed here")
    } else {
        format!("Error from server (NotFound): nodes \"{name}\" not found")
    }
}

/// Changes each object a command names (`verb`: `patch`, `label`, `scale`): `change` gives
/// its new value and what to print when it changed and when it did not, or an error printed
/// in its place; a name not found is kubectl's NotFound error. The command goes on with the
/// next object either way.
pub(super) fn each(
    ctx: &Ctx,
    args: &Args,
    requests: &[Request],
    verb: &str,
    mut change: impl FnMut(
        &mut Work,
        &Id,
        &Value,
    ) -> Result<(Value, &'static str, &'static str), String>,
) -> Result<Outcome, String> {
    let doing = match verb {
        "patch" => "patching",
        "label" => "labeling",
        _ => "scaling",
    };
    let mut work = Work::new(ctx, args)?;
    let found = select(&work, args, requests)?;
    if found.is_empty() && verb != "label" {
        return Err(format!("error: no objects passed to {verb}"));
    }
    for (found, file) in found {
        let id = match found {
            Found::Object(id) => id,
            Found::Missing(id) => {
                work.refuse(Refusal::NotFound, &id, doing, file.as_deref());
                continue;
            }
        };
        let Some(old) = work.find(&id).map(|d| d.value.clone()) else {
            continue;
        };
        let (new, changed, same) = match change(&mut work, &id, &old) {
            Ok(c) => c,
            Err(e) => {
                work.fail(e);
                continue;
            }
        };
        match work.update(&id, &new) {
            Ok(true) => work.done(&id, changed),
            Ok(false) => work.done(&id, same),
            Err(r) => work.refuse(r, &id, doing, file.as_deref()),
        }
    }
    Ok(work.finish())
}
