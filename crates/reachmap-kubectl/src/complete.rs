//! Completion for the console: the words that could stand where the cursor is (the end of the
//! line) — commands, kubectl's verbs, resource kinds, object names and file names.

use super::kinds::Kind;
use super::shell_words::pipeline;
use super::Ctx;

/// kubectl's verbs the console runs.
pub const VERBS: &[&str] = &[
    "annotate",
    "apply",
    "create",
    "delete",
    "describe",
    "exec",
    "expose",
    "get",
    "label",
    "patch",
    "port-forward",
    "proxy",
    "run",
    "scale",
    "version",
];
/// The commands at the person's own prompt and in a pod's shell.
const COMMANDS: &[&str] = &["curl", "help", "kubectl", "wget"];
const SHELL_COMMANDS: &[&str] = &["exit", "hostname", "nslookup", "wget"];
/// Verbs followed by a kind and then a name.
const KIND_VERBS: &[&str] = &[
    "annotate", "delete", "describe", "edit", "expose", "get", "label", "patch", "scale",
];
/// What `kubectl create` creates.
const CREATE: &[&str] = &["deployment", "service"];
const SERVICE_TYPES: &[&str] = &["clusterip", "externalname", "loadbalancer", "nodeport"];

/// The candidates for the last word of `line` (an empty last word when the line ends in a
/// space), sorted, each a whole word. The page completes their common prefix.
pub(crate) fn complete(ctx: &Ctx, line: &str) -> Vec<String> {
    let Ok(stages) = pipeline(line) else {
        return Vec::new();
    };
    let mut words = stages.last().cloned().unwrap_or_default();
    if line.ends_with(char::is_whitespace) || words.is_empty() {
        words.push(String::new());
    }
    let (current, before) = words.split_last().expect("at least one word");
    let options: Vec<String> = candidates(ctx, before, stages.len() > 1);
    let mut out: Vec<String> = options
        .into_iter()
        .filter(|o| o.starts_with(current.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_string()).collect()
}

fn candidates(ctx: &Ctx, before: &[String], piped: bool) -> Vec<String> {
    if before.is_empty() {
        return if piped {
            owned(&["grep", "head", "tail"])
        } else if ctx.session.shell.is_some() {
            owned(SHELL_COMMANDS)
        } else {
            owned(COMMANDS)
        };
    }
    if before[0] != "kubectl" {
        return Vec::new();
    }
    // The words after `kubectl`, without flags and their values.
    let mut plain: Vec<&str> = Vec::new();
    let mut skip = false;
    for w in &before[1..] {
        if skip {
            skip = false;
            continue;
        }
        if matches!(
            w.as_str(),
            "-n" | "--namespace" | "-l" | "-o" | "-p" | "-f" | "--filename"
        ) {
            skip = true;
        } else if !w.starts_with('-') {
            plain.push(w);
        }
    }
    // `-f` was the last word: a file name comes next.
    if before
        .last()
        .is_some_and(|w| w == "-f" || w == "--filename")
    {
        return ctx.files.iter().map(|f| f.name.clone()).collect();
    }
    let namespace = namespace_of(before);
    match plain.as_slice() {
        [] => owned(VERBS),
        ["create"] => owned(CREATE),
        ["create", "service"] => owned(SERVICE_TYPES),
        [verb] if KIND_VERBS.contains(verb) => Kind::all()
            .flat_map(|k| k.names().into_iter().take(1))
            .map(str::to_string)
            .collect(),
        [verb, kind] if KIND_VERBS.contains(verb) => match Kind::parse(kind) {
            Some(kind) => super::objects::object_names(ctx, kind, &namespace),
            None => Vec::new(),
        },
        ["exec"] | ["port-forward"] => super::objects::object_names(ctx, Kind::Pod, &namespace),
        _ => Vec::new(),
    }
}

/// The namespace a command line names with `-n`, else `default`.
fn namespace_of(words: &[String]) -> String {
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if w == "-n" || w == "--namespace" {
            if let Some(ns) = it.next() {
                return ns.clone();
            }
        } else if let Some(ns) = w.strip_prefix("--namespace=") {
            return ns.to_string();
        }
    }
    reachmap_core::model::DEFAULT_NAMESPACE.to_string()
}

#[cfg(test)]
mod tests {
    use crate::{files::bundled, Console};

    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: nginx, labels: {run: nginx}}\nspec: {containers: [{name: c, image: nginx}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: nginx}\nspec: {selector: {run: nginx}, ports: [{port: 80}]}\n";

    fn complete_in(line: &str) -> Vec<String> {
        Console::new(TEXT, bundled()).complete(line).candidates
    }

    #[test]
    fn completes_commands_verbs_kinds_names_and_files() {
        assert_eq!(complete_in("ku"), ["kubectl"]);
        assert_eq!(complete_in("kubectl g"), ["get"]);
        assert_eq!(complete_in("kubectl get s"), ["services", "statefulsets"]);
        // The simulated cluster has the `kubernetes` Service, as every cluster does.
        assert_eq!(
            complete_in("kubectl describe svc "),
            ["kubernetes", "nginx"]
        );
        assert_eq!(complete_in("kubectl get pods -n default n"), ["nginx"]);
        assert_eq!(
            complete_in("kubectl get pods -n prod "),
            Vec::<String>::new()
        );
        assert_eq!(
            complete_in("kubectl create -f network"),
            ["networkpolicy-api-allow.yaml"]
        );
        assert_eq!(complete_in("kubectl create service n"), ["nodeport"]);
        assert_eq!(complete_in("kubectl get pods | g"), ["grep"]);
        assert!(complete_in("kubectl get pods 'unclosed").is_empty());
    }
}
