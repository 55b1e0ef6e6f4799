//! What a command names, read as kubectl's resource builder reads it, for every command that
//! names objects (get, describe, and the commands that change them): `KIND NAME…`,
//! `KIND/NAME…`, `KIND1,KIND2` (with `all` for kubectl's `all` category), `-l SELECTOR`, and the
//! objects of the files `-f` names. The errors are the builder's, which name `get` whatever
//! the verb.

use super::args::Args;
use super::kinds::{self, Kind};
use super::{selector, Ctx};
use reachmap_core::model::Requirement;
use reachmap_core::parse::{parse_inputs, Input};
use serde_yaml::Value;

/// What `kubectl get`/`describe`/`delete` `all` means: kubectl's `all` category, as far as the
/// console knows its kinds.
pub(crate) const ALL: [Kind; 7] = [
    Kind::Pod,
    Kind::Service,
    Kind::DaemonSet,
    Kind::Deployment,
    Kind::ReplicaSet,
    Kind::StatefulSet,
    Kind::Job,
];

const TYPE_AND_SLASH: &str = "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/// One kind the words name, with a name or none (every object of the kind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub kind: Kind,
    pub name: Option<String>,
}

/// Reads `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…` (`hasCombinedTypeArgs`,
/// `splitResourceTypeName`, `SplitResourceArgument`): each type once, empty ones skipped; with
/// names, every type with every name, type by type.
pub(crate) fn requests(words: &[String]) -> Result<Vec<Request>, String> {
    let kind = |word: &str| Kind::parse(word).ok_or_else(|| kinds::unknown(word));
    if words.iter().any(|w| w.contains('/')) {
        let mut out = Vec::new();
        for w in words {
            let Some((k, name)) = w.split_once('/') else {
                return Err(TYPE_AND_SLASH.into());
            };
            if name.contains('/') {
                return Err(
                    "error: arguments in resource/name form may not have more than one slash"
                        .into(),
                );
            }
            if name.is_empty() || split_types(k).len() != 1 {
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
    let mut kinds: Vec<Kind> = Vec::new();
    for t in split_types(types) {
        let named = if t.eq_ignore_ascii_case("all") {
            ALL.to_vec()
        } else {
            vec![kind(t)?]
        };
        for k in named {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
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

/// `SplitResourceArgument`: the types of `a,b`, each once, empty ones skipped.
fn split_types(types: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for t in types.split(',').filter(|t| !t.is_empty()) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// `-l`/`--selector`: `None` when not given or blank (kubectl ignores a blank one).
pub(crate) fn selector(args: &Args) -> Result<Option<Vec<Requirement>>, String> {
    args.get("selector")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(selector::parse)
        .transpose()
}

/// The builder's errors for objects named alongside a selector, or by name in every
/// namespace (`-A`) when their kind lives in namespaces.
pub(crate) fn check_names(
    requests: &[Request],
    selector: bool,
    all_namespaces: bool,
) -> Result<(), String> {
    let named = requests.iter().filter(|r| r.name.is_some());
    if selector && named.clone().next().is_some() {
        return Err("error: name cannot be provided when a selector is specified".into());
    }
    if all_namespaces && named.into_iter().any(|r| r.kind.namespaced()) {
        return Err("error: a resource cannot be retrieved by name across all namespaces".into());
    }
    Ok(())
}

/// The files `-f`/`--filename` names (several flags, comma lists), each as the console has it.
pub(crate) fn files<'f>(ctx: &'f Ctx, args: &Args) -> Result<Vec<&'f Input>, String> {
    let mut out = Vec::new();
    for value in args.all("filename") {
        for name in value.split(',') {
            if name == "-" {
                return Err("error: `-f -` (standard input) is not simulated here: open or drop the file in the page, then name it, e.g. `kubectl apply -f FILE.yaml`".into());
            }
            out.push(file(ctx, name)?);
        }
    }
    Ok(out)
}

/// A file by the name a command gives: as opened, or by its last path component.
pub(crate) fn file<'f>(ctx: &'f Ctx, name: &str) -> Result<&'f Input, String> {
    let bare = name.strip_prefix("./").unwrap_or(name);
    let base = bare.rsplit('/').next().unwrap_or(bare);
    ctx.files
        .iter()
        .find(|f| f.name == name || f.name == bare)
        .or_else(|| ctx.files.iter().find(|f| f.name == base))
        .or_else(|| {
            ctx.files
                .iter()
                .find(|f| f.name.rsplit('/').next() == Some(base))
        })
        .ok_or_else(|| format!("error: the path \"{name}\" does not exist"))
}

/// One object of a file.
pub(crate) struct FileObject {
    pub value: Value,
    /// Its document's text, when it is a document of its own (not a List item).
    pub text: Option<String>,
}

/// The objects of a file (parsed once), or kubectl's error for the first document it cannot
/// read.
pub(crate) fn file_objects(input: &Input) -> Result<Vec<FileObject>, String> {
    let parsed = parse_inputs(std::slice::from_ref(input));
    for document in &parsed.documents {
        let Some(value) = &document.value else {
            let why = match &document.error {
                Some(e) => format!(
                    "error converting YAML to JSON: {}",
                    e.go_yaml(document.first_line)
                ),
                // A limit refused it: the parser says which.
                None => parsed
                    .diagnostics
                    .iter()
                    .find(|d| d.location.document == document.index)
                    .map(|d| d.message.clone())
                    .unwrap_or_default(),
            };
            return Err(format!("error: error parsing {}: {why}", input.name));
        };
        if value.is_null() {
            continue;
        }
        let missing: Vec<&str> = ["apiVersion", "kind"]
            .into_iter()
            .filter(|k| value.get(k).and_then(Value::as_str).is_none())
            .collect();
        if !value.is_mapping() || !missing.is_empty() {
            let what: Vec<String> = missing.iter().map(|k| format!("{k} not set")).collect();
            return Err(format!(
                "error: error validating \"{}\": error validating data: [{}]; if you choose to ignore these errors, turn validation off with --validate=false",
                input.name,
                if what.is_empty() { "not an object".to_string() } else { what.join(", ") }
            ));
        }
    }
    Ok(parsed
        .objects()
        .map(|o| FileObject {
            text: (!o.in_list()).then(|| {
                let mut t = o.document.body(&input.text).to_string();
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                t
            }),
            value: o.value.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn req(kind: Kind, name: &str) -> Request {
        Request {
            kind,
            name: Some(name.into()),
        }
    }

    #[test]
    fn reads_types_names_and_type_slash_name() {
        assert_eq!(
            requests(&w("pod,svc nginx")).unwrap(),
            [req(Kind::Pod, "nginx"), req(Kind::Service, "nginx")]
        );
        let r = requests(&w("svc/a po/b")).unwrap();
        assert_eq!(r, [req(Kind::Service, "a"), req(Kind::Pod, "b")]);
        assert!(requests(&w("svc svc/a"))
            .unwrap_err()
            .contains("no need to specify a resource type"));
        assert_eq!(
            requests(&w("frobs")).unwrap_err(),
            "error: the server doesn't have a resource type \"frobs\""
        );
        assert_eq!(requests(&w("all")).unwrap().len(), ALL.len());
        assert!(requests(&[]).unwrap().is_empty());
    }

    /// Where the reader of get/describe and the one of the changing commands differed, kubectl's
    /// builder decides.
    #[test]
    fn reads_as_kubectls_builder_where_the_two_readers_differed() {
        // More than one slash (the changing commands took `a/b` as the name).
        assert_eq!(
            requests(&w("svc/a/b")).unwrap_err(),
            "error: arguments in resource/name form may not have more than one slash"
        );
        // No type before the slash (they said the type "" is unknown), or several.
        for words in ["/a", "svc,pod/a", "svc/"] {
            assert_eq!(
                requests(&w(words)).unwrap_err(),
                "error: arguments in resource/name form must have a single resource and name",
                "{words}"
            );
        }
        // Empty and repeated types are skipped (they said "" is unknown, and kept repeats).
        assert_eq!(
            requests(&w("svc,,svc, a")).unwrap(),
            [req(Kind::Service, "a")]
        );
        // `all` is kubectl's category (they said "all" is unknown).
        assert_eq!(
            requests(&w("all")).unwrap(),
            ALL.map(|kind| Request { kind, name: None })
        );
        // Several types and names: type by type (they went name by name).
        assert_eq!(
            requests(&w("pod,svc a b")).unwrap(),
            [
                req(Kind::Pod, "a"),
                req(Kind::Pod, "b"),
                req(Kind::Service, "a"),
                req(Kind::Service, "b")
            ]
        );
        // By name in every namespace: only a namespaced kind is refused (they refused any).
        let node = requests(&w("node minikube")).unwrap();
        assert!(check_names(&node, false, true).is_ok());
        let svc = requests(&w("svc web")).unwrap();
        assert_eq!(
            check_names(&svc, false, true).unwrap_err(),
            "error: a resource cannot be retrieved by name across all namespaces"
        );
        assert!(check_names(&svc, true, false).is_err());
        assert!(check_names(&requests(&w("svc")).unwrap(), true, true).is_ok());
    }

    #[test]
    fn a_blank_selector_is_none() {
        let args = |s: &str| {
            Args::parse(
                &["-l".into(), s.into()],
                &[crate::args::Flag::value("selector").short('l')],
            )
            .unwrap()
        };
        assert_eq!(selector(&args(" ")).unwrap(), None);
        assert_eq!(selector(&Args::default()).unwrap(), None);
        assert_eq!(
            selector(&args("app=web")).unwrap().map(|s| s.len()),
            Some(1)
        );
        assert!(selector(&args("a in (b")).is_err());
    }
}
