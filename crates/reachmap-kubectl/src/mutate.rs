//! The commands that create or change objects — `create`, `apply`, `run`, `expose`, `patch`,
//! `label`, `scale`, `delete` — with kubectl's defaults, output and errors. Each returns a new
//! text: a new object is a document appended in kubectl's `-o yaml` form, a changed object has
//! only its own document edited (in place, line by line, see `edit`), every other byte kept.
//!
//! What the API server would check is checked by the parser: an object it would reject is
//! refused with the parser's reasons, and nothing changes.

mod change;
mod create;
mod edit;
mod emit;
mod expose;
mod patch;
mod run;

use super::args::{Args, Flag};
use super::docs::{self, Doc};
use super::kinds::Kind;
use super::{Ctx, Outcome};
use crate::resources::FileObject;
use reachmap_core::diag::Severity;
use reachmap_core::model::Labels;
use reachmap_core::parse::parse;
use serde_yaml::{Mapping, Value};

/// `kubectl VERB …` for a verb that creates or changes objects.
pub(crate) fn kubectl_change(ctx: &Ctx, verb: &str, args: &[String]) -> Outcome {
    let result = match verb {
        "create" => create::kubectl_create(ctx, args),
        "apply" => create::kubectl_apply(ctx, args),
        "run" => run::kubectl_run(ctx, args),
        "expose" => expose::kubectl_expose(ctx, args),
        "patch" => change::kubectl_patch(ctx, args),
        "label" => change::kubectl_label(ctx, args),
        "scale" => change::kubectl_scale(ctx, args),
        "delete" => change::kubectl_delete(ctx, args),
        other => Err(format!(
            "error: unknown command \"{other}\" for \"kubectl\""
        )),
    };
    result.unwrap_or_else(|e| ctx.fail(e))
}

/// `--dry-run` and `-o`, which every changing command takes.
const DRY_RUN: Flag = Flag::boolean("dry-run");
const OUTPUT: Flag = Flag::value("output").short('o');

use super::args::{parse_command as flags, usage};

/// An object as kubectl names it: its kind and API group, namespace and name.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Id {
    /// The API kind (`Deployment`).
    kind: String,
    /// The API group, empty for the core group.
    group: String,
    /// `None` for a cluster-scoped object.
    namespace: Option<String>,
    name: String,
}

impl Id {
    fn new(kind: Kind, namespace: &str, name: &str) -> Id {
        let group = kind
            .api_version()
            .rsplit_once('/')
            .map(|(g, _)| g.to_string())
            .unwrap_or_default();
        Id {
            kind: kind.api_kind().to_string(),
            group,
            namespace: kind.namespaced().then(|| namespace.to_string()),
            name: name.to_string(),
        }
    }

    /// The object a value describes, in `namespace` when it names none.
    fn of(value: &Value, namespace: &str) -> Option<Id> {
        let kind = docs::str_at(value, &["kind"])?.to_string();
        let group = docs::str_at(value, &["apiVersion"])
            .and_then(|v| v.rsplit_once('/'))
            .map(|(g, _)| g.to_string())
            .unwrap_or_default();
        let namespaced = Kind::from_api_kind(&kind).is_none_or(Kind::namespaced);
        let namespace = docs::str_at(value, &["metadata", "namespace"]).unwrap_or(namespace);
        let name = docs::str_at(value, &["metadata", "name"])
            .unwrap_or_default()
            .to_string();
        Some(Id {
            kind,
            group,
            namespace: namespaced.then(|| namespace.to_string()),
            name,
        })
    }

    fn kind(&self) -> Option<Kind> {
        Kind::from_api_kind(&self.kind)
    }

    /// `deployment.apps`, as in `deployment.apps/web created`.
    fn qualified(&self) -> String {
        let kind = self.kind.to_ascii_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{kind}.{}", self.group)
        }
    }

    /// `deployments.apps`, as in server errors; guessed from the kind as the API machinery
    /// does for kinds the console does not know.
    fn resource(&self) -> String {
        if let Some(k) = self.kind() {
            return k.resource();
        }
        let singular = self.kind.to_ascii_lowercase();
        let plural = if let Some(stem) = singular.strip_suffix('y') {
            format!("{stem}ies")
        } else if singular.ends_with('s') {
            format!("{singular}es")
        } else {
            format!("{singular}s")
        };
        if self.group.is_empty() {
            plural
        } else {
            format!("{plural}.{}", self.group)
        }
    }

    /// How the parser names the object in its diagnostics.
    fn display(&self) -> String {
        match &self.namespace {
            Some(ns) if self.kind != "Namespace" => format!("{} {ns}/{}", self.kind, self.name),
            _ => format!("{} {}", self.kind, self.name),
        }
    }

    /// `pod/nginx`.
    fn slash(&self) -> String {
        format!("{}/{}", self.qualified(), self.name)
    }
}

/// Why the simulated cluster refused to store an object.
#[derive(Debug)]
enum Refusal {
    /// An object of that kind, namespace and name exists.
    Exists,
    /// No such object.
    NotFound,
    /// The API server's validation: each field path and what is wrong with it.
    Invalid(Vec<(String, String)>),
    /// The object is an item of a `kind: List` document, which the console does not edit.
    InList,
}

impl Refusal {
    /// The error as `kubectl` prints it for `id`; `file` when the object came from one.
    fn message(&self, id: &Id, verb: &str, file: Option<&str>) -> String {
        let source = file
            .map(|f| format!("error when {verb} \"{f}\": "))
            .unwrap_or_default();
        match self {
            Refusal::Exists => format!(
                "Error from server (AlreadyExists): {source}{} \"{}\" already exists",
                id.resource(),
                id.name
            ),
            Refusal::NotFound => format!(
                "Error from server (NotFound): {source}{} \"{}\" not found",
                id.resource(),
                id.name
            ),
            Refusal::Invalid(causes) => invalid(id, causes),
            Refusal::InList => in_list(id),
        }
    }
}

/// An error of a command that goes on with its other objects.
enum Failure {
    Text(String),
    Refused {
        refusal: Refusal,
        id: Id,
        verb: &'static str,
        file: Option<String>,
    },
}

impl Failure {
    /// As kubectl prints it: alone (`single`), or as one of several errors.
    fn render(&self, single: bool) -> String {
        match self {
            Failure::Text(t) => t.clone(),
            Failure::Refused {
                refusal: Refusal::Invalid(causes),
                id,
                verb,
                file,
            } if !single => {
                let source = file
                    .as_ref()
                    .map(|f| format!("error when {verb} \"{f}\": "))
                    .unwrap_or_default();
                format!(
                    "Error from server (Invalid): {source}{}",
                    invalid_inline(id, causes)
                )
            }
            Failure::Refused {
                refusal,
                id,
                verb,
                file,
            } => refusal.message(id, verb, file.as_deref()),
        }
    }
}

/// kubectl's message for an object the API server finds invalid.
fn invalid(id: &Id, causes: &[(String, String)]) -> String {
    let head = format!("The {} \"{}\" is invalid: ", id.kind, id.name);
    match causes {
        [(path, why)] => format!("{head}{}", cause(path, why)),
        _ => {
            let mut out = head.trim_end().to_string();
            for (path, why) in causes {
                out.push_str(&format!("\n* {}", cause(path, why)));
            }
            out
        }
    }
}

/// The same, as the error text inside another (`kubectl create service` wraps it):
/// `Service "x" is invalid: spec.ports[0].port: …`.
fn invalid_inline(id: &Id, causes: &[(String, String)]) -> String {
    let kind = if id.group.is_empty() {
        id.kind.clone()
    } else {
        format!("{}.{}", id.kind, id.group)
    };
    let causes: Vec<String> = causes.iter().map(|(p, w)| cause(p, w)).collect();
    match causes.as_slice() {
        [one] => format!("{kind} \"{}\" is invalid: {one}", id.name),
        _ => format!("{kind} \"{}\" is invalid: [{}]", id.name, causes.join(", ")),
    }
}

fn cause(path: &str, why: &str) -> String {
    if path.is_empty() {
        why.to_string()
    } else {
        format!("{path}: {why}")
    }
}

fn in_list(id: &Id) -> String {
    format!(
        "error: {} is an item of a `kind: List` document; the console does not edit List items — edit it in the manifests, or write it as a document of its own",
        id.slash()
    )
}

/// How a command prints the objects it wrote (`-o`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// `pod/nginx created`.
    Default,
    Yaml,
    Name,
}

/// A command's changes to the text, made one object at a time, and what it prints.
struct Work<'c, 'a> {
    ctx: &'c Ctx<'a>,
    text: String,
    docs: Vec<Doc>,
    out: Vec<String>,
    err: Vec<Failure>,
    /// The documents written, for `Outcome::yaml`.
    yaml: Vec<String>,
    changed: bool,
    format: Format,
    /// `--dry-run`: what kubectl adds to its lines (` (dry run)`), and nothing is kept.
    dry_run: Option<&'static str>,
}

impl<'c, 'a> Work<'c, 'a> {
    /// `args` gives `--dry-run` and `-o` when the command takes them.
    fn new(ctx: &'c Ctx<'a>, args: &Args) -> Result<Work<'c, 'a>, String> {
        let dry_run = match args.get("dry-run") {
            None | Some("none" | "false") => None,
            Some("client" | "true" | "unchanged") => Some(" (dry run)"),
            Some("server") => Some(" (server dry run)"),
            Some(other) => {
                return Err(format!(
                    "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
                ))
            }
        };
        let format = match args.get("output") {
            None => Format::Default,
            Some("yaml") => Format::Yaml,
            Some("name") => Format::Name,
            Some(f @ ("json" | "jsonpath" | "go-template" | "wide")) => {
                return Err(format!(
                    "error: -o {f} is not simulated here; this console prints -o yaml and -o name"
                ))
            }
            Some(other) => return Err(format!(
                "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,go-template,go-template-file,template,templatefile,yaml"
            )),
        };
        Ok(Work {
            ctx,
            text: ctx.text.to_string(),
            docs: ctx.docs.to_vec(),
            out: Vec::new(),
            err: Vec::new(),
            yaml: Vec::new(),
            changed: false,
            format,
            dry_run,
        })
    }

    /// The object's document, if the text has it.
    fn find(&self, id: &Id) -> Option<&Doc> {
        let namespace = id.namespace.as_deref();
        docs::find(&self.docs, &id.kind, namespace, &id.name).map(|i| &self.docs[i])
    }

    /// Adds a new object, written as `body` (one document ending in a newline).
    fn create(&mut self, id: &Id, body: &str) -> Result<(), Refusal> {
        if self.find(id).is_some() {
            return Err(Refusal::Exists);
        }
        let text = docs::append(&self.text, body);
        self.commit(text, id, body.to_string(), None)
    }

    /// Gives the object the value `new`, editing its document in place. `Ok(false)` when the
    /// value is the same.
    fn update(&mut self, id: &Id, new: &Value) -> Result<bool, Refusal> {
        let Some(doc) = self.find(id) else {
            return Err(Refusal::NotFound);
        };
        if doc.in_list {
            return Err(Refusal::InList);
        }
        if &doc.value == new {
            return Ok(false);
        }
        let body = &self.text[doc.body_start..doc.span.end];
        let written = edit::rewrite(body, &doc.value, new);
        let text = docs::replace(&self.text, doc, &written);
        let before = body.to_string();
        self.commit(text, id, written, Some(&before))?;
        Ok(true)
    }

    /// Removes the object's document.
    fn delete(&mut self, id: &Id) -> Result<(), Refusal> {
        let Some(doc) = self.find(id) else {
            return Ok(());
        };
        if doc.in_list {
            return Err(Refusal::InList);
        }
        self.text = docs::remove(&self.text, doc);
        self.docs = docs::documents(&self.text);
        self.changed = true;
        Ok(())
    }

    /// Keeps `text` unless the API server would reject the object `id`, now written as
    /// `written` (before as `before`, for a change): each object is checked on its own, so
    /// only its errors that the change brings count.
    fn commit(
        &mut self,
        text: String,
        id: &Id,
        written: String,
        before: Option<&str>,
    ) -> Result<(), Refusal> {
        let display = id.display();
        let errors = |document: &str| -> Vec<(String, String)> {
            parse(document)
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error && d.object == display)
                .map(|d| (d.path, d.message))
                .collect()
        };
        let old = before.map(errors).unwrap_or_default();
        let new: Vec<_> = errors(&written)
            .into_iter()
            .filter(|e| !old.contains(e))
            .collect();
        if !new.is_empty() {
            return Err(Refusal::Invalid(new));
        }
        self.docs = docs::documents(&text);
        self.text = text;
        self.changed = true;
        self.yaml.push(written);
        Ok(())
    }

    /// Prints what kubectl prints for an object it `did` something to (`created`,
    /// `configured`…), as `-o` asks.
    fn done(&mut self, id: &Id, did: &str) {
        let line = match self.format {
            Format::Default => format!("{} {did}{}", id.slash(), self.dry_run.unwrap_or("")),
            Format::Name => id.slash(),
            Format::Yaml => {
                let yaml = self
                    .find(id)
                    .map(|d| emit::document(&d.value))
                    .unwrap_or_default();
                let sep = if self.out.is_empty() { "" } else { "---\n" };
                format!("{sep}{}", yaml.trim_end())
            }
        };
        self.out.push(line);
    }

    /// An error printed after the command's lines (it goes on with the next object).
    fn fail(&mut self, error: String) {
        self.err.push(Failure::Text(error));
    }

    /// An object the cluster refused, while `verb` (`creating`…) from `file`.
    fn refuse(&mut self, refusal: Refusal, id: &Id, verb: &'static str, file: Option<&str>) {
        self.err.push(Failure::Refused {
            refusal,
            id: id.clone(),
            verb,
            file: file.map(str::to_string),
        });
    }

    /// The command's outcome: its lines, then its errors; the text unless it was a dry run.
    fn finish(self) -> Outcome {
        let mut lines = self.out;
        let single = self.err.len() == 1;
        lines.extend(self.err.iter().map(|f| f.render(single)));
        let mut outcome = self.ctx.print(lines.join("\n"));
        outcome.ok = self.err.is_empty();
        if self.changed && self.dry_run.is_none() {
            outcome.text = Some(self.text);
        }
        if !self.yaml.is_empty() {
            outcome.yaml = Some(self.yaml.join("---\n"));
        }
        outcome
    }
}

/// The namespace a command works in: `-n` when given (`given`), else `default`.
struct Namespace<'a> {
    name: &'a str,
    given: bool,
}

impl<'a> Namespace<'a> {
    fn of(args: &'a Args) -> Namespace<'a> {
        Namespace {
            name: args.namespace(),
            given: args.get("namespace").is_some(),
        }
    }

    /// The object's metadata with `namespace` set when `-n` was given, as kubectl sends it.
    fn stamp(&self, metadata: &mut Mapping) {
        if self.given {
            metadata.insert("namespace".into(), self.name.into());
        }
    }
}

/// A mapping from `(key, value)` pairs, in order.
fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.to_string()), v);
    }
    Value::Mapping(m)
}

/// A new object of `kind`: `apiVersion`, `kind`, `metadata`, and `spec` unless `None`.
fn object(kind: Kind, metadata: Mapping, spec: Option<Value>) -> Value {
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
fn metadata(name: &str, labels: &Labels, ns: &Namespace) -> Mapping {
    let mut m = Mapping::new();
    if !labels.is_empty() {
        m.insert("labels".into(), labels_value(labels));
    }
    m.insert("name".into(), name.into());
    ns.stamp(&mut m);
    m
}

/// Labels as a YAML mapping.
fn labels_value(labels: &Labels) -> Value {
    let mut m = Mapping::new();
    for (k, v) in labels {
        m.insert(k.clone().into(), v.clone().into());
    }
    Value::Mapping(m)
}

/// The labels of a mapping of strings (`metadata.labels`, a Service's `selector`).
fn labels_of(value: Option<&Value>) -> Labels {
    super::selector::string_map(value)
}

/// `k=v,k2=v2` as `kubectl run -l` and `expose --selector` read it.
fn parse_pairs(spec: &str) -> Result<Labels, String> {
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

/// The resource builder's error when a command names nothing.
const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'";

/// The resource builder's error for a kind without a name (and no `-l` or `--all`).
const NO_NAME: &str = "error: resource(s) were provided, but no name was specified";

/// A string quoted as Go's `%q` quotes it (kubectl's messages do).
fn go_quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// A file's object placed in the command's namespace: kubectl's error when `-n` names
/// another than the object's, else the object (with `-n`'s namespace written in when it
/// named none) and its text.
fn placed(object: &FileObject, ns: &Namespace) -> Result<(Id, Value, String), String> {
    let id = Id::of(&object.value, ns.name).ok_or("error: kind not set")?;
    let mut value = object.value.clone();
    if id.namespace.is_some() && ns.given {
        match docs::str_at(&object.value, &["metadata", "namespace"]) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{files::bundled, Console};
    use reachmap_core::analysis::{analyze_services, Access};

    /// Runs commands from empty manifests; the last outcome and the text.
    fn session(lines: &[&str]) -> (Outcome, String) {
        let mut console = Console::new("", bundled());
        let last = lines.iter().map(|line| console.run(line)).last();
        (last.expect("a command"), console.text().to_string())
    }

    #[test]
    fn the_reference_nodeport_is_allocated_not_written() {
        let (o, text) = session(&[
            "kubectl run nginx --image=nginx --restart=Never --port=80 --expose",
            r#"kubectl patch service nginx -p '{ "spec": {"type": "NodePort"} }'"#,
        ]);
        assert!(o.ok && o.output == "service/nginx patched", "{o:?}");
        assert!(!text.contains("nodePort"), "{text}");
        let model = parse(&text).model;
        let reports = analyze_services(&model);
        assert!(
            reports[0].ports[0].access.iter().any(|a| matches!(
                a,
                Access::NodePort { node_port, allocated: true } if (30000..=32767).contains(node_port)
            )),
            "{reports:?}"
        );
        assert!(o.yaml.is_some_and(|y| y.contains("type: NodePort")));
    }

    #[test]
    fn run_it_enters_the_pod_and_shows_the_yaml_written() {
        let (o, text) =
            session(&["kubectl run busybox --image=busybox --restart=Never --rm -it -- /bin/sh"]);
        assert_eq!(
            o.session.shell,
            Some(crate::Shell {
                namespace: "default".into(),
                pod: "busybox".into(),
                remove_on_exit: true
            })
        );
        assert_eq!(o.yaml.as_deref(), Some(text.as_str()));
        let (o, _) = session(&["kubectl run web --image=nginx --port=80 --expose"]);
        assert_eq!(o.yaml.unwrap().matches("---\n").count(), 1);
    }

    #[test]
    fn failures_change_nothing_and_nothing_panics() {
        let odd = [
            "kubectl create",
            "kubectl create service nodeport",
            "kubectl run",
            "kubectl run -- x",
            "kubectl run x --image",
            "kubectl expose",
            "kubectl expose pod/",
            "kubectl patch",
            "kubectl patch svc x -p",
            "kubectl patch svc x -p '{'",
            "kubectl patch svc x --type json -p '[{}]'",
            "kubectl label",
            "kubectl label -- -",
            "kubectl label pod a =b",
            "kubectl delete -l '!'",
            "kubectl delete pods -l 'a in (b'",
            "kubectl scale --replicas=-1 deploy x",
            "kubectl apply -f ,",
            "kubectl create -f ''",
            "kubectl delete po/ po",
            "kubectl run é --image=é",
            "kubectl create deployment x --image=nginx --port=99999999999",
            "kubectl create service clusterip x --tcp=:",
            "kubectl expose pod x --port=",
        ];
        for line in odd {
            let (o, text) = session(&["kubectl run x --image=nginx -l a=b --port=80", line]);
            if !o.ok {
                assert!(o.text.is_none(), "{line}: {o:?}");
            }
            let _ = text;
        }
    }

    #[test]
    fn names_of_kinds_the_console_does_not_know() {
        let v: Value = serde_yaml::from_str(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}",
        )
        .unwrap();
        let id = Id::of(&v, "default").unwrap();
        assert_eq!(id.slash(), "ingress.networking.k8s.io/a");
        assert_eq!(id.resource(), "ingresses.networking.k8s.io");
        let v: Value =
            serde_yaml::from_str("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}").unwrap();
        assert_eq!(Id::of(&v, "default").unwrap().resource(), "configmaps");
        let policy = Id::new(Kind::NetworkPolicy, "default", "api-allow");
        assert_eq!(policy.slash(), "networkpolicy.networking.k8s.io/api-allow");
    }
}
