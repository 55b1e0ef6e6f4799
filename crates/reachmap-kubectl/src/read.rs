//! The commands that read: `get` and `describe`, printed from the model, the Service reports and
//! the simulated cluster, in kubectl's formats (its printers and describers, its tabwriter).
//! They never change the text.

mod describe;
mod get;
mod jsonpath;
mod objects;
/// `-l` selectors as kubectl reads and prints them; one reader for every command (`mutate` has
/// its own copy of the reading today).
pub(super) mod selector;
mod service;
mod tabwriter;

use super::kinds::{self, Kind};
use super::Ctx;
// Completion (complete.rs) lists the names `get` and `describe` accept.
#[allow(unused_imports)] // complete.rs will call it
pub use objects::object_names;
use objects::{list, Obj};

pub(crate) use describe::kubectl_describe;
pub(crate) use get::kubectl_get;

/// What `kubectl get`/`describe` `all` means: kubectl's `all` category, as far as the console
/// knows its kinds.
const ALL: [Kind; 7] = [
    Kind::Pod,
    Kind::Service,
    Kind::DaemonSet,
    Kind::Deployment,
    Kind::ReplicaSet,
    Kind::StatefulSet,
    Kind::Job,
];

/// The objects the command's words ask for: kinds, each with a name or none (every object).
#[derive(Debug, PartialEq, Eq)]
struct Request {
    kind: Kind,
    name: Option<String>,
}

/// Reads `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…` as kubectl's resource builder does (its
/// errors name `get` whatever the verb, as the builder's do).
fn requests(words: &[String], all_namespaces: bool) -> Result<Vec<Request>, String> {
    let out = read_requests(words)?;
    if all_namespaces && out.iter().any(|r| r.name.is_some() && r.kind.namespaced()) {
        return Err("error: a resource cannot be retrieved by name across all namespaces".into());
    }
    Ok(out)
}

fn read_requests(words: &[String]) -> Result<Vec<Request>, String> {
    let kind = |word: &str| Kind::parse(word).ok_or_else(|| kinds::unknown(word));
    if words.iter().any(|w| w.contains('/')) {
        let mut out = Vec::new();
        for w in words {
            let Some((k, name)) = w.split_once('/') else {
                return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
            };
            if name.contains('/') {
                return Err(
                    "error: arguments in resource/name form may not have more than one slash"
                        .into(),
                );
            }
            if k.is_empty() || name.is_empty() {
                return Err(
                    "error: arguments in resource/name form must have a single resource and name"
                        .into(),
                );
            }
            out.push(Request {
                kind: kind(k)?,
                name: Some(name.to_string()),
            });
        }
        return Ok(out);
    }
    let Some((types, names)) = words.split_first() else {
        return Ok(Vec::new());
    };
    let mut kinds = Vec::new();
    for t in types.split(',').filter(|t| !t.is_empty()) {
        if t.eq_ignore_ascii_case("all") {
            kinds.extend(ALL);
        } else {
            kinds.push(kind(t)?);
        }
    }
    let mut out = Vec::new();
    for k in kinds {
        if names.is_empty() {
            out.push(Request {
                kind: k,
                name: None,
            });
        }
        for n in names {
            out.push(Request {
                kind: k,
                name: Some(n.clone()),
            });
        }
    }
    Ok(out)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn reads_types_names_and_type_slash_name() {
        let r = requests(&w("pod,svc nginx"), false).unwrap();
        assert_eq!(
            r,
            [
                Request {
                    kind: Kind::Pod,
                    name: Some("nginx".into())
                },
                Request {
                    kind: Kind::Service,
                    name: Some("nginx".into())
                }
            ]
        );
        let r = requests(&w("svc/a po/b"), false).unwrap();
        assert_eq!(r[1].kind, Kind::Pod);
        assert!(requests(&w("svc svc/a"), false)
            .unwrap_err()
            .contains("no need to specify a resource type"));
        assert_eq!(
            requests(&w("frobs"), false).unwrap_err(),
            "error: the server doesn't have a resource type \"frobs\""
        );
        assert_eq!(requests(&w("all"), false).unwrap().len(), ALL.len());
        assert!(requests(&w("svc web"), true).is_err());
        assert!(requests(&w("node minikube"), true).is_ok());
        assert!(requests(&w("svc/a/b"), false).is_err());
    }
}
