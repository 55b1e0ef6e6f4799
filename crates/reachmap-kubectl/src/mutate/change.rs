//! The commands that change or remove existing objects: `patch`, `label`, `scale`, `delete`.

use super::patch::{self, Type};
use super::{
    flags, labels_of, placed, Id, Namespace, Refusal, Work, DRY_RUN, NO_NAME, NO_RESOURCES, OUTPUT,
};
use crate::args::{not_an_integer, Args, Flag};
use crate::kinds::Kind;
use crate::resources::{self, check_names, file_objects, files, requests, Request};
use crate::selector;
use crate::sim::NODE_NAME;
use crate::{docs, Ctx, Outcome};
use reachmap_core::model::{Labels, WorkloadKind};
use reachmap_core::parse::validate;
use serde_yaml::{Mapping, Value};

const FILENAME: Flag = Flag::value("filename").short('f');
const SELECTOR: Flag = Flag::value("selector").short('l');
const ALL: Flag = Flag::boolean("all");

/// An object a command acts on, or a name it could not find.
enum Found {
    Object(Id),
    Missing(Id),
}

/// The objects a command names: by name (found or not), or by kind with `-l`/`--all`; with
/// `-f`, the objects of the files.
fn select(
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
                .docs
                .iter()
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

/// `kubectl patch KIND NAME -p PATCH [--type strategic|merge|json]`.
pub fn kubectl_patch(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            Flag::value("patch").short('p'),
            Flag::value("patch-file"),
            Flag::value("type"),
            Flag::boolean("local"),
            Flag::value("subresource"),
            FILENAME,
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl patch",
    )?;
    let text =
        match (args.get("patch"), args.get("patch-file")) {
            (Some(p), Some(_)) if !p.is_empty() => {
                return Err("error: cannot specify --patch and --patch-file together".into())
            }
            (Some(p), _) if !p.is_empty() => p.to_string(),
            (_, Some(f)) if !f.is_empty() => match resources::file(ctx, f) {
                Ok(input) => input.text.clone(),
                Err(_) => {
                    return Err(format!(
                        "error: unable to read patch file: open {f}: no such file or directory"
                    ))
                }
            },
            _ => return Err(
                "error: must specify --patch or --patch-file containing the contents of the patch"
                    .into(),
            ),
        };
    if args.on("local") {
        return Err(
            "error: --local is not simulated here; patch an object of the manifests".into(),
        );
    }
    if let Some(s) = args.get("subresource") {
        if s != "scale" {
            return Err(format!(
                "error: --subresource={s} is not simulated here (only scale)"
            ));
        }
    }
    let kind = match args.get("type") {
        None | Some("") => Type::Strategic,
        Some(t) => Type::parse(t).ok_or_else(|| {
            format!("error: --type must be one of [json merge strategic], not \"{t}\"")
        })?,
    };
    let patch_value: Value = serde_yaml::from_str(&text).map_err(|e| {
        format!(
            "error: unable to parse {}: {}",
            super::go_quote(&text),
            resources::yaml_error(&e, 0)
        )
    })?;
    let requests = requests(&args.positional)?;
    each(ctx, &args, &requests, "patch", |_, id, old| {
        let mut new = patch::apply(kind, old, &patch_value, &id.kind)?;
        same_object(old, &new, id)?;
        type_change(old, &mut new);
        Ok((new, "patched", "patched (no change)"))
    })
}

/// Changes each object a command names (`verb`: `patch`, `label`, `scale`): `change` gives
/// its new value and what to print when it changed and when it did not, or an error printed
/// in its place; a name not found is kubectl's NotFound error. The command goes on with the
/// next object either way.
fn each(
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

/// The API server's refusal of a patch that changes what the object is.
fn same_object(old: &Value, new: &Value, id: &Id) -> Result<(), String> {
    let at = |v: &Value, path: &[&str]| docs::str_at(v, path).map(str::to_string);
    if at(new, &["metadata", "name"]) != at(old, &["metadata", "name"]) {
        return Err(format!(
            "Error from server (BadRequest): the name of the object ({}) does not match the name on the URL ({})",
            at(new, &["metadata", "name"]).unwrap_or_default(),
            id.name
        ));
    }
    if at(new, &["metadata", "namespace"]) != at(old, &["metadata", "namespace"]) {
        return Err("Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request".into());
    }
    if at(new, &["kind"]) != at(old, &["kind"])
        || at(new, &["apiVersion"]) != at(old, &["apiVersion"])
    {
        return Err(format!(
            "Error from server (BadRequest): the API version and kind in the patch must stay {} {}",
            at(old, &["apiVersion"]).unwrap_or_default(),
            id.kind
        ));
    }
    Ok(())
}

/// What the API server drops when a Service's type changes: nodePorts it had allocated when
/// the new type has none (ClusterIP, ExternalName), the cluster IP for ExternalName. Values
/// the patch itself set are kept, and the API server's validation speaks for them.
fn type_change(old: &Value, new: &mut Value) {
    if docs::str_at(new, &["kind"]) != Some("Service") {
        return;
    }
    let type_of = |v: &Value| {
        docs::str_at(v, &["spec", "type"])
            .unwrap_or("ClusterIP")
            .to_string()
    };
    let (before, after) = (type_of(old), type_of(new));
    if before == after {
        return;
    }
    let old_ports = old.get("spec").and_then(|s| s.get("ports")).cloned();
    let Some(Value::Mapping(spec)) = new.get_mut("spec") else {
        return;
    };
    if matches!(after.as_str(), "ClusterIP" | "ExternalName") {
        if let Some(Value::Sequence(ports)) = spec.get_mut("ports") {
            for (i, port) in ports.iter_mut().enumerate() {
                let was = old_ports
                    .as_ref()
                    .and_then(|p| p.get(i))
                    .and_then(|p| p.get("nodePort"));
                if let Value::Mapping(p) = port {
                    if p.get("nodePort").is_some() && p.get("nodePort") == was {
                        p.remove("nodePort");
                    }
                }
            }
        }
    }
    if after == "ExternalName" {
        for key in ["clusterIP", "clusterIPs"] {
            if spec.get(key) == old.get("spec").and_then(|s| s.get(key)) {
                spec.remove(key);
            }
        }
    }
}

/// `kubectl label KIND NAME… key=value key2- [--overwrite]`.
pub fn kubectl_label(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            Flag::boolean("overwrite"),
            Flag::boolean("list"),
            Flag::boolean("local"),
            Flag::value("resource-version"),
            SELECTOR,
            ALL,
            FILENAME,
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl label",
    )?;
    // Resources first, then the label changes (`k=v`, `k-`).
    let (mut resources, mut changes) = (Vec::new(), Vec::new());
    for w in args.positional.iter().chain(&args.command) {
        let change = (w.contains('=') && !w.starts_with('=')) || (w.ends_with('-') && w != "-");
        if change {
            changes.push(w.as_str());
        } else if !changes.is_empty() {
            return Err(format!(
                "error: all resources must be specified before label changes: {w}"
            ));
        } else {
            resources.push(w.clone());
        }
    }
    let mut set = Labels::new();
    let mut remove = Vec::new();
    for c in &changes {
        if c.contains('=') {
            let parts: Vec<&str> = c.split('=').collect();
            let [key, value] = parts.as_slice() else {
                return Err(format!("error: invalid label spec: {c}"));
            };
            if validate::label_value(value).is_err() {
                return Err(format!(
                    "error: invalid label value: \"{c}\": {}",
                    label_value_errors(value)
                ));
            }
            set.insert(key.to_string(), value.to_string());
        } else if let Some(key) = c.strip_suffix('-') {
            remove.push(key.to_string());
        }
    }
    if remove.iter().any(|k| set.contains_key(k)) {
        return Err("error: can not both modify and remove a label in the same command".into());
    }
    if args.on("list") {
        return Err(
            "error: --list is not simulated here; `kubectl get KIND NAME --show-labels` shows them"
                .into(),
        );
    }
    if args.on("all") && args.get("selector").is_some() {
        return Err("error: cannot set --all and --selector at the same time".into());
    }
    if resources.is_empty() && args.all("filename").is_empty() {
        return Err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    }
    if set.is_empty() && remove.is_empty() {
        return Err("error: at least one label update is required".into());
    }
    let requests = requests(&resources)?;
    let overwrite = args.on("overwrite");
    each(ctx, &args, &requests, "label", |work, _, old| {
        let current = labels_of(old.get("metadata").and_then(|m| m.get("labels")));
        if !overwrite {
            let clashes: Vec<String> = set
                .iter()
                .filter_map(|(k, v)| {
                    let now = current.get(k)?;
                    (now != v).then(|| {
                        format!("'{k}' already has a value ({now}), and --overwrite is false")
                    })
                })
                .collect();
            match clashes.as_slice() {
                [] => {}
                [one] => return Err(format!("error: {one}")),
                many => return Err(format!("error: [{}]", many.join(", "))),
            }
        }
        for key in &remove {
            if !current.contains_key(key) {
                work.out.push(format!("label \"{key}\" not found."));
            }
        }
        let mut labels = current.clone();
        let added = set
            .iter()
            .filter(|(k, v)| current.get(*k) != Some(v))
            .count();
        labels.extend(set.iter().map(|(k, v)| (k.clone(), v.clone())));
        let removed = remove
            .iter()
            .filter(|k| labels.remove(*k).is_some())
            .count();
        let message = match (added > 0, removed > 0) {
            (true, true) => "modified",
            (true, false) => "labeled",
            (false, true) => "unlabeled",
            (false, false) => "not labeled",
        };
        Ok((with_labels(old, &current, &labels), message, message))
    })
}

/// Why a label value is invalid, in the API machinery's words (`IsValidLabelValue`), as
/// `kubectl label` checks it before sending anything.
fn label_value_errors(value: &str) -> String {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    let alnum = |c: char| c.is_ascii_alphanumeric();
    let chars_ok = value.is_empty()
        || (value.starts_with(alnum)
            && value.ends_with(alnum)
            && value
                .chars()
                .all(|c| alnum(c) || matches!(c, '-' | '_' | '.')));
    if !chars_ok {
        errors.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string());
    }
    errors.join(";")
}

/// The object with `labels` as its labels: keys kept in their written order and values in
/// their written form where unchanged, new keys after them; no `labels` key when empty.
fn with_labels(old: &Value, current: &Labels, labels: &Labels) -> Value {
    let mut new = old.clone();
    let Some(Value::Mapping(meta)) = new.get_mut("metadata") else {
        return new;
    };
    if labels.is_empty() {
        meta.remove("labels");
        return new;
    }
    let mut m = match meta.get("labels") {
        Some(Value::Mapping(m)) => m.clone(),
        _ => Mapping::new(),
    };
    m.retain(|k, _| k.as_str().is_some_and(|k| labels.contains_key(k)));
    for (k, v) in labels {
        if current.get(k) != Some(v) {
            m.insert(k.clone().into(), v.clone().into());
        }
    }
    meta.insert("labels".into(), Value::Mapping(m));
    new
}

/// `kubectl scale KIND NAME --replicas=N`.
pub fn kubectl_scale(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            Flag::value("replicas"),
            Flag::value("current-replicas"),
            Flag::value("resource-version"),
            Flag::value("timeout"),
            SELECTOR,
            ALL,
            FILENAME,
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl scale",
    )?;
    let int = |flag: &str, default: i64| -> Result<i64, String> {
        match args.get(flag) {
            None => Ok(default),
            Some(v) => v
                .parse::<i64>()
                .map_err(|_| not_an_integer(&format!("--{flag}"), v, "kubectl scale")),
        }
    };
    let replicas = int("replicas", -1)?;
    let current = int("current-replicas", -1)?;
    if replicas < 0 {
        return Err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into());
    }
    if current < -1 {
        return Err(
            "error: The --current-replicas must specify an integer of -1 or greater".into(),
        );
    }
    let requests = requests(&args.positional)?;
    each(ctx, &args, &requests, "scale", |_, id, old| {
        if !matches!(
            id.kind(),
            Some(Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet)
        ) {
            return Err(
                "Error from server (NotFound): the server could not find the requested resource"
                    .into(),
            );
        }
        let now = old
            .get("spec")
            .and_then(|s| s.get("replicas"))
            .and_then(Value::as_i64)
            .unwrap_or(1);
        if current >= 0 && current != now {
            return Err(format!(
                "error: Expected replicas to be {current}, was {now}"
            ));
        }
        let mut new = old.clone();
        if now != replicas {
            if let Some(Value::Mapping(spec)) = new.get_mut("spec") {
                spec.insert("replicas".into(), replicas.into());
            }
        }
        Ok((new, "scaled", "scaled"))
    })
}

/// `kubectl delete KIND NAME… | -f FILE | KIND -l SELECTOR | KIND --all`.
pub fn kubectl_delete(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            SELECTOR,
            ALL,
            FILENAME,
            Flag::boolean("ignore-not-found"),
            Flag::boolean("force"),
            Flag::value("grace-period"),
            Flag::boolean("now"),
            Flag::boolean("wait"),
            Flag::value("cascade"),
            Flag::value("timeout"),
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl delete",
    )?;
    if let Some(o) = args.get("output") {
        if o != "name" {
            return Err(format!(
                "error: unexpected -o output mode: {o}. We only support '-o name'"
            ));
        }
    }
    let mut grace: i64 = match args.get("grace-period") {
        None => -1,
        Some(v) => v
            .parse()
            .map_err(|_| not_an_integer("--grace-period", v, "kubectl delete"))?,
    };
    if args.on("now") {
        if grace != -1 {
            return Err("error: --now and --grace-period cannot be specified together".into());
        }
        grace = 1;
    }
    let force = args.on("force");
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    let ignore = args.on("ignore-not-found")
        || (args.get("ignore-not-found").is_none()
            && (args.on("all") || args.get("selector").is_some()));
    let requests = requests(&args.positional)?;
    // A workload's pod by its simulated name: deleted, and its controller makes it again.
    let ns = Namespace::of(&args);
    let mut work = Work::new(ctx, &args)?;
    let found = select(&work, &args, &requests)?;
    let mut lines = Vec::new();
    if force && grace == 0 {
        lines.push("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.".to_string());
    }
    let did = if grace == 0 {
        "force deleted"
    } else {
        "deleted"
    };
    let dry = work.dry_run.unwrap_or("");
    let mut count = 0;
    for (found, file) in found {
        match found {
            Found::Object(id) => {
                if id.kind == "Namespace" {
                    cascade(&mut work, &id.name);
                }
                match work.delete(&id) {
                    Ok(()) => {
                        count += 1;
                        lines.push(if args.get("output") == Some("name") {
                            id.slash()
                        } else {
                            format!("{} \"{}\" {did}{dry}", id.qualified(), id.name)
                        });
                    }
                    Err(r) => work.refuse(r, &id, "deleting", file.as_deref()),
                }
            }
            Found::Missing(id) => {
                if id.kind == "Pod" && workload_pod(ctx, ns.name, &id.name).is_some() {
                    count += 1;
                    lines.push(format!("pod \"{}\" {did}{dry}", id.name));
                } else if !ignore {
                    work.refuse(Refusal::NotFound, &id, "deleting", file.as_deref());
                }
            }
        }
    }
    if count == 0 && work.err.is_empty() {
        lines.push("No resources found".into());
    }
    work.out.splice(0..0, lines);
    Ok(work.finish())
}

/// Deleting a namespace deletes what is in it.
fn cascade(work: &mut Work, namespace: &str) {
    let inside: Vec<Id> = work
        .docs
        .iter()
        .filter(|d| d.namespace == namespace && d.kind != "Namespace" && !d.in_list)
        .filter_map(|d| Id::of(&d.value, namespace))
        .collect();
    for id in inside {
        let _ = work.delete(&id);
    }
}

/// The workload that makes the pod of this simulated name, if any.
fn workload_pod(ctx: &Ctx, namespace: &str, name: &str) -> Option<WorkloadKind> {
    let (g, _) = ctx
        .cluster
        .pod_by_name(&ctx.parsed.model, namespace, name)?;
    ctx.parsed.model.groups.get(g)?.owner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_their_written_order() {
        let old: Value = serde_yaml::from_str("metadata: {labels: {z: '1', a: b}}").unwrap();
        let current = labels_of(old["metadata"].get("labels"));
        let mut labels = current.clone();
        labels.insert("m".into(), "n".into());
        labels.remove("a");
        let new = with_labels(&old, &current, &labels);
        let keys: Vec<&str> = new["metadata"]["labels"]
            .as_mapping()
            .unwrap()
            .keys()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(keys, ["z", "m"]);
        assert_eq!(new["metadata"]["labels"]["z"], Value::String("1".into()));
    }
}
