//! The objects the simulated cluster holds, kind by kind, as the API server would list them:
//! what the manifests declare (only what the model accepted: the API server would have refused
//! the rest), the pods and ReplicaSets the controllers would make, the Endpoints the endpoints
//! controller would write, and what every cluster has (the node, the built-in namespaces, the
//! `kubernetes` Service in `default`). `get` and `describe` print them.

pub mod service;
pub mod slices;

use crate::args::Args;
use crate::kinds::Kind;
use crate::selector::string_map;
use crate::sim::clock::CLUSTER_AGE;
use crate::sim::{self, node_labels, NODE_NAME};
use crate::Ctx;
use reachmap_core::model::{Labels, PodGroup, WorkloadKind, DEFAULT_NAMESPACE};
use reachmap_core::yaml::DocumentObject;
use serde_yaml::Value;

/// The namespaces every cluster has.
pub const BUILTIN_NAMESPACES: [&str; 4] =
    ["default", "kube-node-lease", "kube-public", "kube-system"];
/// The name of the Service (and Endpoints) in `default` that fronts the API server.
pub const API_SERVER: &str = "kubernetes";
/// The label that names an EndpointSlice's Service.
pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";

/// Where an object comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Pod `index` of pod group `group`.
    Pod {
        group: usize,
        index: usize,
    },
    /// `Model::services[i]`.
    Service(usize),
    /// The `kubernetes` Service, or its Endpoints.
    ApiServer,
    /// `Model::policies[i]`.
    Policy(usize),
    Node,
    /// A namespace: `Some(i)` for `Model::namespaces[i]`, `None` for a built-in one.
    Namespace(Option<usize>),
    /// A workload written in the manifests (`Model::groups[i]`): Deployment, ReplicaSet,
    /// StatefulSet, DaemonSet, Job.
    Workload(usize),
    /// The ReplicaSet the Deployment `Model::groups[i]` made.
    ReplicaSetOf(usize),
    /// The Endpoints the endpoints controller keeps for `Model::services[i]`.
    ServiceEndpoints(usize),
    /// An Endpoints object written in the manifests (`Model::endpoint_addresses[i]`).
    GivenEndpoints(usize),
    /// `Model::cluster_policies[i]`.
    ClusterPolicy(usize),
    /// The `slice`-th EndpointSlice the controller keeps for `Model::services[service]`
    /// (`slices::slices`).
    ServiceSlice {
        service: usize,
        slice: usize,
    },
}

/// One object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Obj {
    pub kind: Kind,
    /// Empty for a cluster-scoped object.
    pub namespace: String,
    pub name: String,
    pub labels: Labels,
    pub source: Source,
}

impl Obj {
    /// How long ago it was created, in seconds: stable, and shared by the objects of one name
    /// in one namespace, which were most likely created together (`kubectl run --expose`,
    /// `kubectl expose deployment`); a workload's pods and ReplicaSet share its age.
    pub fn age_seconds(&self, ctx: &Ctx) -> u64 {
        let model = &ctx.parsed.model;
        let (namespace, name) = match self.source {
            Source::ApiServer | Source::Node | Source::Namespace(None) => return CLUSTER_AGE,
            Source::Namespace(Some(i)) if model.namespaces[i].implicit => return CLUSTER_AGE,
            Source::Pod { group, .. } | Source::Workload(group) | Source::ReplicaSetOf(group) => {
                let g = &model.groups[group];
                (g.namespace.as_str(), g.name.as_str())
            }
            Source::Service(i)
            | Source::ServiceEndpoints(i)
            | Source::ServiceSlice { service: i, .. } => (
                model.services[i].namespace.as_str(),
                model.services[i].name.as_str(),
            ),
            _ => (self.namespace.as_str(), self.name.as_str()),
        };
        if let Some(ago) = ctx.session.created_ago(namespace, name) {
            return ago;
        }
        sim::age_seconds(&format!("{namespace}/{name}"))
    }

    /// kubectl's AGE column.
    pub fn age(&self, ctx: &Ctx) -> String {
        sim::human_duration(self.age_seconds(ctx))
    }

    /// `pod/nginx`, `deployment.apps/web`: how `-o name` and multi-kind tables name it.
    pub fn qualified_name(&self) -> String {
        format!("{}/{}", self.kind.qualified(), self.name)
    }

    /// The document that declares it, if the manifests do.
    pub fn doc<'a>(&self, ctx: &'a Ctx) -> Option<DocumentObject<'a>> {
        let model = &ctx.parsed.model;
        let location = match self.source {
            Source::Service(i) => &model.services[i].location,
            Source::Policy(i) => &model.policies[i].location,
            Source::GivenEndpoints(i) => &model.endpoint_addresses[i].location,
            Source::ClusterPolicy(i) => &model.cluster_policies[i].location,
            Source::Namespace(Some(i)) => model.namespaces[i].location.as_ref()?,
            Source::Workload(g) => &model.groups[g].location,
            Source::Pod { group, .. } if model.groups[group].owner.is_none() => {
                &model.groups[group].location
            }
            _ => return None,
        };
        ctx.parsed.object(location)
    }

    /// `metadata.annotations` as written.
    pub fn annotations(&self, ctx: &Ctx) -> Labels {
        self.doc(ctx)
            .map(|d| string_map(d.value.get("metadata").and_then(|m| m.get("annotations"))))
            .unwrap_or_default()
    }
}

/// The document that declares pod group `g` (the Pod, or its workload).
pub fn group_doc<'a>(ctx: &'a Ctx, g: usize) -> Option<DocumentObject<'a>> {
    ctx.parsed.object(&ctx.parsed.model.groups[g].location)
}

/// The pod template of group `g` (`metadata` and `spec`): a bare Pod's own object, a
/// workload's `spec.template` (a CronJob's `spec.jobTemplate.spec.template`).
pub fn template<'a>(ctx: &'a Ctx, g: usize) -> Option<&'a Value> {
    let value = group_doc(ctx, g)?.value;
    match ctx.parsed.model.groups[g].owner {
        None => Some(value),
        Some(WorkloadKind::CronJob) => value
            .get("spec")?
            .get("jobTemplate")?
            .get("spec")?
            .get("template"),
        Some(_) => value.get("spec")?.get("template"),
    }
}

/// The pod spec of group `g`.
pub fn pod_spec<'a>(ctx: &'a Ctx, g: usize) -> Option<&'a Value> {
    template(ctx, g)?.get("spec")
}

/// The containers of a pod spec, with the sidecars (init containers that keep running).
pub fn containers(spec: Option<&Value>) -> Vec<&Value> {
    let list = |key: &str| {
        spec.and_then(|s| s.get(key))
            .and_then(Value::as_sequence)
            .map(|s| s.iter().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let mut out = list("containers");
    out.extend(
        list("initContainers")
            .into_iter()
            .filter(|c| c.get("restartPolicy").and_then(Value::as_str) == Some("Always")),
    );
    out
}

/// The name of the ReplicaSet the Deployment group `group` made: its pods' names without
/// their last part (computed for one replica, so that a Deployment scaled to 0 has it too).
pub fn replica_set_name(group: &PodGroup) -> String {
    let one = PodGroup {
        replicas: 1,
        ..group.clone()
    };
    let pod = sim::pod_names(&one).pop().unwrap_or_default();
    match pod.rsplit_once('-') {
        Some((rs, _)) => rs.to_string(),
        None => pod,
    }
}

/// The labels of pod `index` of group `g`: its template's, plus those its controller adds.
fn pod_labels(group: &PodGroup, index: usize, name: &str) -> Labels {
    let mut labels = group.labels.clone();
    let mut add = |k: &str, v: String| {
        labels.entry(k.to_string()).or_insert(v);
    };
    match group.owner {
        Some(WorkloadKind::Deployment) => {
            let rs = replica_set_name(group);
            let hash = rs.rsplit('-').next().unwrap_or_default().to_string();
            add("pod-template-hash", hash);
        }
        Some(WorkloadKind::StatefulSet) => {
            add("apps.kubernetes.io/pod-index", index.to_string());
            add("statefulset.kubernetes.io/pod-name", name.to_string());
        }
        Some(WorkloadKind::Job) => {
            add("batch.kubernetes.io/job-name", group.name.clone());
            add("job-name", group.name.clone());
        }
        Some(WorkloadKind::DaemonSet) => add("pod-template-generation", "1".into()),
        _ => {}
    }
    labels
}

/// The labels of the `kubernetes` Service.
pub fn api_server_labels() -> Labels {
    [("component", "apiserver"), ("provider", "kubernetes")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `metadata.labels` of a document.
pub fn doc_labels(doc: Option<DocumentObject>) -> Labels {
    doc.map(|d| string_map(d.value.get("metadata").and_then(|m| m.get("labels"))))
        .unwrap_or_default()
}

/// Every object of `kind` in `namespace` (`None`: every namespace), sorted by namespace and
/// name as the API server lists them.
pub fn list(ctx: &Ctx, kind: Kind, namespace: Option<&str>) -> Vec<Obj> {
    let model = &ctx.parsed.model;
    let in_ns = |ns: &str| namespace.is_none_or(|n| n == ns);
    let mut out = Vec::new();
    let mut push = |namespace: &str, name: &str, labels: Labels, source: Source| {
        out.push(Obj {
            kind,
            namespace: if kind.namespaced() {
                namespace.to_string()
            } else {
                String::new()
            },
            name: name.to_string(),
            labels,
            source,
        })
    };
    match kind {
        Kind::Pod => {
            for (g, group) in model.groups.iter().enumerate() {
                if !in_ns(&group.namespace) {
                    continue;
                }
                for (index, pod) in ctx.cluster.pods[g].iter().enumerate() {
                    let labels = pod_labels(group, index, &pod.name);
                    push(
                        &group.namespace,
                        &pod.name,
                        labels,
                        Source::Pod { group: g, index },
                    );
                }
            }
        }
        Kind::Service | Kind::Endpoints => {
            let endpoints = kind == Kind::Endpoints;
            let user_api_server = model.service(DEFAULT_NAMESPACE, API_SERVER).is_some();
            if in_ns(DEFAULT_NAMESPACE) && !user_api_server {
                let labels = if endpoints {
                    Labels::new()
                } else {
                    api_server_labels()
                };
                push(DEFAULT_NAMESPACE, API_SERVER, labels, Source::ApiServer);
            }
            let has_endpoints = |s: &reachmap_core::model::Service| {
                s.selector.is_some()
                    && s.service_type != reachmap_core::model::ServiceType::ExternalName
            };
            for (i, s) in model.services.iter().enumerate() {
                if in_ns(&s.namespace) && (!endpoints || has_endpoints(s)) {
                    let labels = doc_labels(ctx.parsed.object(&s.location));
                    let source = if endpoints {
                        Source::ServiceEndpoints(i)
                    } else {
                        Source::Service(i)
                    };
                    push(&s.namespace, &s.name, labels, source);
                }
            }
            if endpoints {
                for (i, e) in model.endpoint_addresses.iter().enumerate() {
                    let taken = (e.namespace == DEFAULT_NAMESPACE && e.name == API_SERVER)
                        || model
                            .service(&e.namespace, &e.name)
                            .is_some_and(has_endpoints);
                    if e.kind == "Endpoints" && in_ns(&e.namespace) && !taken {
                        let labels = doc_labels(ctx.parsed.object(&e.location));
                        push(&e.namespace, &e.name, labels, Source::GivenEndpoints(i));
                    }
                }
            }
        }
        Kind::EndpointSlice => {
            let user_api_server = model.service(DEFAULT_NAMESPACE, API_SERVER).is_some();
            if in_ns(DEFAULT_NAMESPACE) && !user_api_server {
                let labels = Labels::from([(SERVICE_NAME_LABEL.into(), API_SERVER.into())]);
                push(DEFAULT_NAMESPACE, API_SERVER, labels, Source::ApiServer);
            }
            for (i, s) in model.services.iter().enumerate() {
                if !in_ns(&s.namespace)
                    || s.selector.is_none()
                    || s.service_type == reachmap_core::model::ServiceType::ExternalName
                {
                    continue;
                }
                for (k, slice) in slices::slices(ctx, i).into_iter().enumerate() {
                    let labels = Labels::from([
                        (SERVICE_NAME_LABEL.into(), s.name.clone()),
                        (
                            "endpointslice.kubernetes.io/managed-by".into(),
                            "endpointslice-controller.k8s.io".into(),
                        ),
                    ]);
                    push(
                        &s.namespace,
                        &slice.name,
                        labels,
                        Source::ServiceSlice {
                            service: i,
                            slice: k,
                        },
                    );
                }
            }
        }
        Kind::NetworkPolicy => {
            for (i, p) in model.policies.iter().enumerate() {
                if in_ns(&p.namespace) {
                    let labels = doc_labels(ctx.parsed.object(&p.location));
                    push(&p.namespace, &p.name, labels, Source::Policy(i));
                }
            }
        }
        Kind::ClusterNetworkPolicy
        | Kind::AdminNetworkPolicy
        | Kind::BaselineAdminNetworkPolicy => {
            for (i, p) in model.cluster_policies.iter().enumerate() {
                if p.kind.as_str() == kind.api_kind() {
                    let labels = doc_labels(ctx.parsed.object(&p.location));
                    push("", &p.name, labels, Source::ClusterPolicy(i));
                }
            }
        }
        Kind::Node => push("", NODE_NAME, node_labels(), Source::Node),
        Kind::Namespace => {
            for name in BUILTIN_NAMESPACES {
                if model.namespace(name).is_none() {
                    let labels = Labels::from([(
                        reachmap_core::model::NAMESPACE_NAME_LABEL.to_string(),
                        name.to_string(),
                    )]);
                    push("", name, labels, Source::Namespace(None));
                }
            }
            for (i, n) in model.namespaces.iter().enumerate() {
                push("", &n.name, n.labels.clone(), Source::Namespace(Some(i)));
            }
        }
        Kind::Deployment | Kind::StatefulSet | Kind::DaemonSet | Kind::Job | Kind::ReplicaSet => {
            for (g, group) in model.groups.iter().enumerate() {
                let Some(owner) = group.owner else { continue };
                if !in_ns(&group.namespace) {
                    continue;
                }
                if Kind::from_api_kind(owner.as_str()) == Some(kind) {
                    let labels = doc_labels(group_doc(ctx, g));
                    push(&group.namespace, &group.name, labels, Source::Workload(g));
                } else if kind == Kind::ReplicaSet && owner == WorkloadKind::Deployment {
                    let name = replica_set_name(group);
                    let labels = pod_labels(group, 0, &name);
                    push(&group.namespace, &name, labels, Source::ReplicaSetOf(g));
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    out
}

/// The names `get` and `describe` accept for `kind` in `namespace` (pods by their simulated
/// names), for completion.
pub fn object_names(ctx: &Ctx, kind: Kind, namespace: &str) -> Vec<String> {
    list(ctx, kind, Some(namespace))
        .into_iter()
        .map(|o| o.name)
        .collect()
}

/// The controller of workload pod `pod` of group `g`: (kind, name).
pub fn controller(ctx: &Ctx, g: usize, pod: &str, owner: WorkloadKind) -> (String, String) {
    let group = &ctx.parsed.model.groups[g];
    match owner {
        WorkloadKind::Deployment => ("ReplicaSet".into(), replica_set_name(group)),
        WorkloadKind::CronJob => (
            "Job".into(),
            pod.rsplit_once('-').map_or(pod, |(job, _)| job).to_string(),
        ),
        other => (other.as_str().into(), group.name.clone()),
    }
}

/// The namespace to list in: `None` for `-A` (every namespace).
pub fn scope(args: &Args) -> Option<&str> {
    (!args.all_namespaces()).then(|| args.namespace())
}

/// The object of `kind` named `name` (in `namespace` unless the kind is cluster-scoped).
pub fn find(ctx: &Ctx, kind: Kind, namespace: &str, name: &str) -> Option<Obj> {
    let ns = kind.namespaced().then_some(namespace);
    list(ctx, kind, ns).into_iter().find(|o| o.name == name)
}

/// What kubectl prints when a listing found nothing.
pub fn nothing_found(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("No resources found in {ns} namespace."),
        None => "No resources found".into(),
    }
}
