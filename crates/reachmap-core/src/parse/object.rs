//! One document's objects read into the model: the document itself, or each item of a List
//! (`*List`); for each object its kind, apiVersion, name, namespace and labels, then its kind's
//! own reader. What the API server would reject is left out, with the reason.

use super::reader::{self, DocPlace, Node, ObjectReader};
use super::{
    cluster, documents, fields, group, lists, pods, policies, services, validate, Meta, State,
};
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{
    ClusterKind, Namespace, OtherObject, RejectedObject, WorkloadKind, DEFAULT_NAMESPACE,
    NAMESPACE_NAME_LABEL,
};
use crate::parse::locate::Step;
use crate::yaml::document::{Document, ObjectHead, Positions};
use crate::yaml::split;
use serde_yaml::Value;

impl State {
    /// Reads the objects of a document's value into the model; what names each.
    pub(super) fn objects(
        &mut self,
        document: &Document,
        chunk: &split::Chunk,
        value: &Value,
        positions: &Positions,
    ) -> Vec<ObjectHead> {
        if value.is_null() {
            return Vec::new(); // An empty document (only comments, or between two `---`).
        }
        let place = DocPlace {
            positions,
            root: value,
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
                let typed = lists::Typed::of(value);
                for (i, item) in items.iter().enumerate() {
                    let node = root
                        .step(item, Step::Key("items".into()))
                        .step(item, Step::Index(i));
                    let typed = typed.as_ref().filter(|_| item.get("kind").is_none());
                    heads.extend(documents::head(&place, &node, Some(i), typed));
                    self.object(&place, &node, typed);
                }
            }
            _ => {
                heads.extend(documents::head(&place, &root, None, None));
                self.object(&place, &root, None);
            }
        }
        heads
    }

    /// Reads one object into the model, or explains why it is left out.
    /// `typed`: the kind and apiVersion of the typed list the object is an item of, when the
    /// item names no kind itself.
    fn object(&mut self, place: &DocPlace, node: &Node, typed: Option<&lists::Typed>) {
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
        let kind = r
            .string(node, "kind")
            .or_else(|| typed.map(|t| t.kind.clone()));
        let api_version = r.string(node, "apiVersion").or_else(|| {
            typed
                .filter(|_| r.field(node, "apiVersion").is_none())
                .and_then(|t| t.api_version.clone())
        });
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
        let cluster_scoped = kind == "Namespace" || ClusterKind::parse(&kind).is_some();
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
                format!("{kind} is not analysed: Reachmap reads Pods, workloads, Services, Endpoints, EndpointSlices, Namespaces, NetworkPolicies and the Network Policy API's cluster policies"),
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
            if expected.contains(&v.as_str()) {
                fields::check(&mut r, node, v, &kind);
            } else {
                // The item's own apiVersion, or the typed list's, which the item stands for.
                let at = r.field(node, "apiVersion").unwrap_or_else(|| node.clone());
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
            let first_error = r
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .min_by_key(|d| d.sort_key());
            let first = first_error.map_or_else(|| meta.location.clone(), |d| d.location.clone());
            self.model.rejected.push(RejectedObject {
                kind: kind.clone(),
                namespace: (!cluster_scoped).then(|| namespace.clone()),
                name: name.clone(),
                location: meta.location.clone(),
                error: first_error.map(|d| d.message.clone()).unwrap_or_default(),
            });
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

    pub(super) fn read_kind(&mut self, r: &mut ObjectReader, node: &Node, meta: &Meta, kind: &str) {
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
            other if ClusterKind::parse(other).is_some() => {
                let kind = ClusterKind::parse(other).expect("just matched");
                if let Some(p) = cluster::read_cluster_policy(r, node, meta, kind) {
                    if !r.rejected {
                        model.cluster_policies.push(p);
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
        "ClusterNetworkPolicy" => &["policy.networking.k8s.io/v1alpha2"],
        "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy" => {
            &["policy.networking.k8s.io/v1alpha1"]
        }
        _ => return None,
    })
}
