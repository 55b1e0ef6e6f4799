//! Text in, model, diagnostics and documents out. Parsing never fails as a whole: each document
//! is read on its own, and each object on its own within it, so one broken piece leaves the
//! rest intact.

mod documents;
mod group;
mod lists;
mod locate;
mod pods;
mod policies;
mod reader;
mod services;
pub mod validate;

pub use locate::format_path;

use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::model::{
    Distinctions, Labels, Model, Namespace, OtherObject, WorkloadKind, DEFAULT_NAMESPACE,
    NAMESPACE_NAME_LABEL,
};
use crate::yaml::document::{self, Document, ObjectHead, Unread};
use crate::yaml::{limits, split, YamlError};
use locate::{Locator, Step};
use reader::{DocPlace, Node, ObjectReader};
use serde_yaml::Value;
use std::collections::{BTreeMap, HashSet};

/// One input text and the name it is shown by (a file name, or `-` for stdin).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub text: String,
}

/// The result of parsing: the model and everything worth saying about the input.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub model: Model,
    /// Diagnostics in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// The inputs' names, indexed by `Location::source`.
    pub sources: Vec<String>,
    /// Every document of every input, in order (by `source`, then `index`), with its value:
    /// what the console reads and edits, without reading the text again.
    pub documents: Vec<Document>,
}

/// The fields every object has.
pub(crate) struct Meta {
    pub name: String,
    /// Full path of `metadata.name`, for diagnostics about the name.
    pub name_path: String,
    pub namespace: String,
    pub labels: Labels,
    pub location: Location,
}

/// How much the parser reads. The CLI reads up to `MAX_INPUT_BYTES` (1 GiB) by default; the
/// page `PAGE_MAX_INPUT_BYTES` (256 MiB), as a browser tab holds less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// The most bytes read over all inputs together; an input that would pass it is refused
    /// whole, with a `limit` error at its line 1.
    pub max_input_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            max_input_bytes: limits::MAX_INPUT_BYTES,
        }
    }
}

impl ParseOptions {
    /// The page's options.
    pub fn page() -> ParseOptions {
        ParseOptions {
            max_input_bytes: limits::PAGE_MAX_INPUT_BYTES,
        }
    }
}

/// Parses one text.
pub fn parse(text: &str) -> Parsed {
    parse_with(text, &ParseOptions::default())
}

/// Parses one text with the given options.
pub fn parse_with(text: &str, options: &ParseOptions) -> Parsed {
    parse_inputs_with(
        &[Input {
            name: "<input>".into(),
            text: text.into(),
        }],
        options,
    )
}

/// Parses several texts together, as one set of manifests.
pub fn parse_inputs(inputs: &[Input]) -> Parsed {
    parse_inputs_with(inputs, &ParseOptions::default())
}

/// Parses several texts together with the given options.
pub fn parse_inputs_with(inputs: &[Input], options: &ParseOptions) -> Parsed {
    let mut state = State::default();
    let limit = options.max_input_bytes;
    let mut budget = limit;
    for (source, input) in inputs.iter().enumerate() {
        // An input past the budget is refused whole: analysing part of a file would give
        // verdicts about manifests that are not all there.
        if input.text.len() > budget {
            state.document_error(
                Code::Limit,
                Location {
                    source,
                    document: 0,
                    line: 1,
                    column: 1,
                },
                format!(
                    "this input is {}; Reachmap reads at most {} of manifests in all, so it is not read{}",
                    size_words(input.text.len(), limit),
                    size_words(limit, limit),
                    if budget < limit { " (the inputs before it used part of that)" } else { "" }
                ),
            );
            state
                .documents
                .push(Document::unread_input(source, &input.text));
            continue;
        }
        budget -= input.text.len();
        for (document, chunk) in split::split(&input.text).into_iter().enumerate() {
            state.document(source, document, &chunk);
        }
    }
    let mut parsed = state.finish();
    parsed.sources = inputs.iter().map(|i| i.name.clone()).collect();
    parsed
}

/// A size in the unit the limit is best said in: whole MiB (rounded up) for limits of a MiB
/// or more, bytes below. No float formatting: that code would weigh on the page.
fn size_words(bytes: usize, limit: usize) -> String {
    if limit >= 1 << 20 {
        format!("{} MiB", bytes.div_ceil(1 << 20))
    } else {
        format!("{bytes} bytes")
    }
}

#[derive(Default)]
struct State {
    model: Model,
    diagnostics: Vec<Diagnostic>,
    /// (kind, namespace, name) of every object kept, to find duplicates.
    seen: HashSet<(String, String, String)>,
    declared_namespaces: BTreeMap<String, Namespace>,
    documents: Vec<Document>,
    /// Pod objects and workloads, grouped into endpoints once everything is read.
    read_groups: Vec<group::ReadGroup>,
}

impl State {
    /// An error about a whole document that could not be read, at a position within it.
    fn document_error(&mut self, code: Code, at: Location, message: String) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            code,
            location: at,
            path: String::new(),
            object: String::new(),
            message,
        });
    }

    /// Reads one document: its value into `documents`, its objects into the model.
    fn document(&mut self, source: usize, index: usize, chunk: &split::Chunk) {
        let mut document = Document::at(source, index, chunk);
        match document::read(&chunk.text) {
            Ok(mut value) => {
                lists::fill_typed_items(&mut value);
                document.objects = self.objects(&document, chunk, &value);
                document.value = Some(value);
            }
            Err(unread) => document.error = self.unread(&document, chunk, unread),
        }
        self.documents.push(document);
    }

    /// Says why a document has no value; its syntax error, if that is why.
    fn unread(
        &mut self,
        document: &Document,
        chunk: &split::Chunk,
        unread: Unread,
    ) -> Option<YamlError> {
        let at = |(line, column): (u32, u32)| Location {
            source: document.source,
            document: document.index,
            line: chunk.first_line + line,
            column,
        };
        let (code, place, message, error) = match unread {
            Unread::FlowDepth(line, column) => (
                Code::Limit,
                (line, column),
                format!(
                    "this document nests `[` or `{{` more than {} levels deep, which no manifest does; it is not read (the other documents are)",
                    limits::MAX_FLOW_DEPTH
                ),
                None,
            ),
            Unread::Aliases(line, column) => (
                Code::Limit,
                (line, column),
                format!(
                    "this document's aliases (`*name`) would expand to more than {} copied nodes, which no manifest needs (a \"billion laughs\" bomb?); it is not read (the other documents are)",
                    limits::MAX_ALIAS_NODES
                ),
                None,
            ),
            Unread::Syntax(e) => (
                Code::Syntax,
                e.place_in(&chunk.text),
                format!(
                    "this document is not valid YAML: {}; the other documents are still read",
                    e.message
                ),
                Some(e),
            ),
        };
        self.document_error(code, at(place), message);
        error
    }

    /// Reads the objects of a document's value into the model; what names each.
    fn objects(
        &mut self,
        document: &Document,
        chunk: &split::Chunk,
        value: &Value,
    ) -> Vec<ObjectHead> {
        if value.is_null() {
            return Vec::new(); // An empty document (only comments, or between two `---`).
        }
        let locator = Locator::new(&chunk.text);
        let place = DocPlace {
            locator: &locator,
            source: document.source,
            document: document.index,
            first_line: chunk.first_line,
        };
        let root = Node::root(value);
        let Value::Mapping(_) = value else {
            self.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                code: Code::NotAnObject,
                location: place.location(""),
                path: String::new(),
                object: String::new(),
                message: format!(
                    "this document is {}, not a Kubernetes object (a mapping with apiVersion and kind)",
                    reader::type_name(value)
                ),
            });
            return Vec::new();
        };
        let kind = value
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let items = value.get("items").and_then(Value::as_sequence);
        let mut heads = Vec::new();
        match items {
            Some(items) if kind.ends_with("List") => {
                for (i, item) in items.iter().enumerate() {
                    let node = root
                        .step(item, Step::Key("items".into()))
                        .step(item, Step::Index(i));
                    heads.extend(documents::head(&place, &node, Some(i)));
                    self.object(&place, &node);
                }
            }
            _ => {
                heads.extend(documents::head(&place, &root, None));
                self.object(&place, &root);
            }
        }
        heads
    }

    /// Reads one object into the model, or explains why it is left out.
    fn object(&mut self, place: &DocPlace, node: &Node) {
        let mut r = ObjectReader::new(place, node.path.clone(), String::new());
        if !node.value.is_mapping() {
            r.error(
                Code::NotAnObject,
                node,
                format!(
                    "a List item must be an object, not {}",
                    reader::type_name(node.value)
                ),
            );
            self.diagnostics.append(&mut r.diagnostics);
            return;
        }
        let kind = r.string(node, "kind");
        let api_version = r.string(node, "apiVersion");
        let Some(kind) = kind else {
            r.error(
                Code::MissingField,
                node,
                "`kind` is missing, so this object cannot be read".into(),
            );
            self.diagnostics.append(&mut r.diagnostics);
            return;
        };
        let metadata = r.mapping(node, "metadata");
        let name = metadata.as_ref().and_then(|m| r.string(m, "name"));
        let namespace = metadata.as_ref().and_then(|m| r.string(m, "namespace"));
        let cluster_scoped = kind == "Namespace";
        let namespace = if cluster_scoped {
            String::new()
        } else {
            namespace.unwrap_or_else(|| DEFAULT_NAMESPACE.to_string())
        };
        let display = match (&name, cluster_scoped) {
            (Some(n), true) => format!("{kind} {n}"),
            (Some(n), false) => format!("{kind} {namespace}/{n}"),
            (None, _) => kind.clone(),
        };
        r.object = display.clone();
        let analysed = expected_api_version(&kind);
        let Some(name) = name else {
            let at = metadata.clone().unwrap_or_else(|| node.clone());
            let severity = if analysed.is_some() {
                Severity::Error
            } else {
                Severity::Warning
            };
            r.report(
                severity,
                Code::MissingField,
                &at.path,
                "`metadata.name` is required".into(),
            );
            self.diagnostics.append(&mut r.diagnostics);
            return;
        };
        let Some(expected) = analysed else {
            r.report(
                Severity::Info,
                Code::NotAnalysed,
                &node.path,
                format!("{kind} is not analysed: Reachmap reads Pods, workloads, Services, Endpoints, EndpointSlices, Namespaces and NetworkPolicies"),
            );
            self.model.others.push(OtherObject {
                kind,
                namespace: (!cluster_scoped).then_some(namespace),
                name,
                location: place.location(&node.path),
            });
            self.diagnostics.append(&mut r.diagnostics);
            return;
        };
        if let Some(v) = &api_version {
            if !expected.contains(&v.as_str()) {
                let at = r.field(node, "apiVersion").expect("just read");
                r.error(
                    Code::InvalidValue,
                    &at,
                    format!(
                        "the API server does not serve {kind} at `{v}`; use `{}`",
                        expected[0]
                    ),
                );
            }
        } else {
            r.error(Code::MissingField, node, "`apiVersion` is required".into());
        }
        let metadata = metadata.expect("a name implies metadata");
        let name_rule = match kind.as_str() {
            "Namespace" => validate::dns1123_label,
            _ => validate::dns1123_subdomain,
        };
        let name_node = r.field(&metadata, "name").expect("just read");
        if kind != "Service" {
            if let Err(why) = name_rule(&name) {
                r.error(Code::InvalidName, &name_node, why);
            }
        }
        if !cluster_scoped {
            if let Some(ns_node) = r.field(&metadata, "namespace") {
                if let Err(why) = validate::dns1123_label(&namespace) {
                    r.error(Code::InvalidName, &ns_node, format!("namespace {why}"));
                }
            }
        }
        let meta = Meta {
            labels: r.labels(&metadata, "labels"),
            name: name.clone(),
            name_path: name_node.path.clone(),
            namespace: namespace.clone(),
            location: place.location(&node.path),
        };
        let key = (kind.clone(), namespace.clone(), name.clone());
        if self.seen.contains(&key) {
            r.error(
                Code::Duplicate,
                &name_node,
                format!("{display} is defined twice; this later copy is ignored"),
            );
            self.diagnostics.append(&mut r.diagnostics);
            return;
        }
        self.read_kind(&mut r, node, &meta, &kind);
        if r.rejected {
            // Said right after the object's first error, where a reader's eye already is.
            let first = r
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .min_by_key(|d| d.sort_key())
                .map(|d| d.location.clone())
                .unwrap_or_else(|| meta.location.clone());
            let object = r.object.clone();
            r.diagnostics.push(Diagnostic {
                severity: Severity::Info,
                code: Code::Ineffective,
                location: first,
                path: String::new(),
                object,
                message: format!(
                    "{display} is left out of the analysis: the API server would reject it"
                ),
            });
        } else {
            self.seen.insert(key);
        }
        self.diagnostics.append(&mut r.diagnostics);
    }

    fn read_kind(&mut self, r: &mut ObjectReader, node: &Node, meta: &Meta, kind: &str) {
        let model = &mut self.model;
        match kind {
            "Namespace" => {
                let mut labels = meta.labels.clone();
                labels.insert(NAMESPACE_NAME_LABEL.into(), meta.name.clone());
                if !r.rejected {
                    self.declared_namespaces.insert(
                        meta.name.clone(),
                        Namespace {
                            name: meta.name.clone(),
                            labels,
                            implicit: false,
                            location: Some(meta.location.clone()),
                        },
                    );
                }
            }
            "Pod" => {
                let controller = pods::read_controller(r, node);
                if let Some(group) = pods::read_pod(r, node, meta) {
                    if !r.rejected {
                        self.read_groups
                            .push(group::ReadGroup { group, controller });
                    }
                }
            }
            "Service" => {
                if let Some(s) = services::read_service(r, node, meta) {
                    if !r.rejected {
                        model.services.push(s);
                    }
                }
            }
            "Endpoints" => {
                if let Some(e) = services::read_endpoints(r, node, meta) {
                    if !r.rejected {
                        model.endpoint_addresses.push(e);
                    }
                }
            }
            "EndpointSlice" => {
                if let Some(e) = services::read_endpoint_slice(r, node, meta) {
                    if !r.rejected {
                        model.endpoint_addresses.push(e);
                    }
                }
            }
            "NetworkPolicy" => {
                if let Some(p) = policies::read_policy(r, node, meta) {
                    if !r.rejected {
                        model.policies.push(p);
                    }
                }
            }
            other => {
                let kind = WorkloadKind::parse(other).expect("analysed kinds are listed");
                let controller = pods::read_controller(r, node);
                if let Some(group) = pods::read_workload(r, node, meta, kind) {
                    if !r.rejected {
                        self.read_groups
                            .push(group::ReadGroup { group, controller });
                    }
                }
            }
        }
    }

    /// Adds the namespaces objects use, sorts everything, and orders the diagnostics.
    fn finish(mut self) -> Parsed {
        let distinctions =
            Distinctions::of_policies_and_services(&self.model.policies, &self.model.services);
        self.model.groups = group::endpoints(std::mem::take(&mut self.read_groups), &distinctions);
        let mut namespaces = std::mem::take(&mut self.declared_namespaces);
        let used = self
            .model
            .groups
            .iter()
            .map(|g| &g.namespace)
            .chain(self.model.services.iter().map(|s| &s.namespace))
            .chain(self.model.policies.iter().map(|p| &p.namespace))
            .chain(self.model.endpoint_addresses.iter().map(|e| &e.namespace));
        for ns in used {
            namespaces.entry(ns.clone()).or_insert_with(|| Namespace {
                name: ns.clone(),
                labels: [(NAMESPACE_NAME_LABEL.to_string(), ns.clone())].into(),
                implicit: true,
                location: None,
            });
        }
        let mut model = self.model;
        model.namespaces = namespaces.into_values().collect();
        crate::order::sort_by_cached_key(&mut model.groups, |g| g.endpoint());
        crate::order::sort_by(&mut model.services, &|a, b| {
            (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name))
        });
        crate::order::sort_by(&mut model.policies, &|a, b| {
            (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name))
        });
        let mut diagnostics = self.diagnostics;
        crate::diag::sort(&mut diagnostics);
        Parsed {
            model,
            diagnostics,
            sources: Vec::new(),
            documents: self.documents,
        }
    }
}

/// The apiVersions the API server serves an analysed kind at (the first is the one to use);
/// `None` for kinds Reachmap does not analyse.
fn expected_api_version(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Namespace" | "Pod" | "Service" | "Endpoints" | "ReplicationController" => &["v1"],
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => &["apps/v1"],
        "Job" | "CronJob" => &["batch/v1"],
        "NetworkPolicy" => &["networking.k8s.io/v1"],
        "EndpointSlice" => &["discovery.k8s.io/v1"],
        _ => return None,
    })
}
