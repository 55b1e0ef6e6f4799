//! Real-looking cluster dumps: what `kubectl get namespaces,pods,deployments,replicasets,
//! statefulsets,daemonsets,services,endpointslices,networkpolicies -A -o yaml` (or `-o json`)
//! prints for a cluster that runs Google's Online Boutique in many namespaces.
//!
//! Unlike [`crate::generate`], which writes manifests as people write them, a dump carries what
//! the API server adds: `ownerReferences` (pod → ReplicaSet → Deployment), `pod-template-hash`
//! and `controller-revision-hash` labels, `managedFields`, `status` (phase, conditions,
//! container statuses, pod IPs), node names, EndpointSlices, resource versions and UIDs, and
//! `last-applied-configuration` annotations. That noise is exactly what a reader of real
//! clusters must see through, so benchmarks and tests of real clusters use this.
//!
//! The same [`DumpSpec`] always gives the same bytes.

mod objects;
mod workload;

use crate::Rng;
use objects::Ctx;
use serde_json::{json, Value};
use workload::Workload;

/// The Online Boutique's manifests and policies (Apache-2.0; the page's example): the apps of
/// every namespace of a dump.
pub(crate) const BOUTIQUE: &str =
    include_str!("../../../../public/examples/online-boutique/kubernetes-manifests.yaml");
pub(crate) const BOUTIQUE_POLICIES: &str =
    include_str!("../../../../public/examples/online-boutique/network-policies.yaml");

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DumpSpec {
    /// Namespaces running the Boutique (`shop-0`, …); `kube-system` comes on top.
    pub namespaces: usize,
    /// Pods per Deployment.
    pub replicas: usize,
    /// Nodes the pods are spread over (each runs a kube-proxy DaemonSet pod).
    pub nodes: usize,
    pub seed: u64,
}

impl DumpSpec {
    /// The dump with about `pods` Boutique pods: 12 Deployments per namespace, `replicas` each.
    pub fn with_pods(pods: usize, replicas: usize) -> DumpSpec {
        DumpSpec {
            namespaces: pods.div_ceil(12 * replicas).max(1),
            replicas,
            nodes: 8,
            seed: 1,
        }
    }
}

/// How the dump is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpFormat {
    /// `-o yaml`: one `kind: List`, keys sorted as kubectl prints them.
    Yaml,
    /// `-o json`: the same List, indented by four spaces as kubectl does.
    Json,
    /// What the API server's list endpoints return (`kubectl get --raw`, client libraries): one
    /// typed list per resource (`NamespaceList`, `PodList`, …) whose items carry no `kind`
    /// and no `apiVersion`, as YAML documents.
    TypedLists,
}

/// The dump as text.
pub fn dump(spec: &DumpSpec, format: DumpFormat) -> String {
    let lists = resources(spec);
    match format {
        DumpFormat::Yaml => {
            let items: Vec<Value> = lists.into_iter().flat_map(|(_, _, items)| items).collect();
            serde_yaml::to_string(&list(items)).expect("a JSON value prints as YAML")
        }
        DumpFormat::Json => {
            let items: Vec<Value> = lists.into_iter().flat_map(|(_, _, items)| items).collect();
            let mut out = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
            serde::Serialize::serialize(&list(items), &mut ser).expect("JSON prints");
            out.push(b'\n');
            String::from_utf8(out).expect("JSON is UTF-8")
        }
        DumpFormat::TypedLists => {
            let mut out = String::new();
            for (api_version, kind, items) in lists {
                let items: Vec<Value> = items
                    .into_iter()
                    .map(|mut item| {
                        let object = item.as_object_mut().expect("objects");
                        object.remove("kind");
                        object.remove("apiVersion");
                        item
                    })
                    .collect();
                let typed = json!({
                    "apiVersion": api_version,
                    "kind": format!("{kind}List"),
                    "metadata": {"resourceVersion": "918273"},
                    "items": items,
                });
                out.push_str("---\n");
                out.push_str(&serde_yaml::to_string(&typed).expect("prints"));
            }
            out
        }
    }
}

/// `kind: List` as kubectl prints it around the items.
fn list(items: Vec<Value>) -> Value {
    json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
}

/// The objects, by resource in the order kubectl prints them: (apiVersion, kind, items).
fn resources(spec: &DumpSpec) -> Vec<(&'static str, &'static str, Vec<Value>)> {
    let mut ctx = Ctx::new(spec.seed, spec.nodes.max(1));
    let apps = boutique();
    let policies = boutique_policies();
    let mut namespaces = vec![
        ctx.namespace("default", &[]),
        ctx.namespace("kube-system", &[]),
    ];
    let (mut pods, mut deployments, mut replica_sets) = (Vec::new(), Vec::new(), Vec::new());
    let (mut daemon_sets, mut stateful_sets) = (Vec::new(), Vec::new());
    let (mut services, mut slices, mut netpols) = (Vec::new(), Vec::new(), Vec::new());

    // The cluster's own: the `kubernetes` Service, CoreDNS and kube-proxy.
    services.push(ctx.kubernetes_service());
    let dns = Workload::coredns();
    ctx.deployment(
        &dns,
        "kube-system",
        2,
        &mut deployments,
        &mut replica_sets,
        &mut pods,
    );
    let dns_pods: Vec<Value> = pods.clone();
    let dns_service = ctx.service(&dns.service(), "kube-system");
    slices.push(ctx.endpoint_slice(&dns_service, &dns_pods));
    services.push(dns_service);
    let proxy = Workload::kube_proxy();
    ctx.daemon_set(&proxy, "kube-system", &mut daemon_sets, &mut pods);

    let teams = ["payments", "storefront", "search", "platform"];
    let envs = ["prod", "staging", "dev"];
    let mut rng = Rng::new(spec.seed ^ 0xD0_0D);
    for n in 0..spec.namespaces {
        let ns = format!("shop-{n}");
        let team = teams[rng.below(teams.len())];
        let env = envs[rng.below(envs.len())];
        namespaces.push(ctx.namespace(&ns, &[("team", team), ("env", env)]));
        for app in &apps {
            let first = pods.len();
            if app.name == "redis-cart" && n % 3 == 2 {
                // Some shops keep their cart in a StatefulSet: its own owner kind and labels.
                ctx.stateful_set(app, &ns, spec.replicas, &mut stateful_sets, &mut pods);
            } else {
                ctx.deployment(
                    app,
                    &ns,
                    spec.replicas,
                    &mut deployments,
                    &mut replica_sets,
                    &mut pods,
                );
            }
            for service in &app.services {
                let service = ctx.service(service, &ns);
                slices.push(ctx.endpoint_slice(&service, &pods[first..]));
                services.push(service);
            }
        }
        for policy in &policies {
            netpols.push(ctx.network_policy(policy, &ns));
        }
    }
    vec![
        ("v1", "Namespace", namespaces),
        ("v1", "Pod", pods),
        ("apps/v1", "Deployment", deployments),
        ("apps/v1", "ReplicaSet", replica_sets),
        ("apps/v1", "StatefulSet", stateful_sets),
        ("apps/v1", "DaemonSet", daemon_sets),
        ("v1", "Service", services),
        ("discovery.k8s.io/v1", "EndpointSlice", slices),
        ("networking.k8s.io/v1", "NetworkPolicy", netpols),
    ]
}

/// The Boutique's Deployments, each with the Services that select it.
fn boutique() -> Vec<Workload> {
    let docs = documents(BOUTIQUE);
    let mut apps: Vec<Workload> = docs
        .iter()
        .filter(|d| d["kind"] == "Deployment")
        .map(|d| Workload::from_deployment(d.clone()))
        .collect();
    for service in docs.iter().filter(|d| d["kind"] == "Service") {
        let selector = &service["spec"]["selector"];
        if let Some(app) = apps.iter_mut().find(|a| &a.template_labels() == selector) {
            app.services.push(service.clone());
        }
    }
    apps
}

fn boutique_policies() -> Vec<Value> {
    documents(BOUTIQUE_POLICIES)
        .into_iter()
        .filter(|d| d["kind"] == "NetworkPolicy")
        .collect()
}

/// The documents of a YAML text as JSON values.
fn documents(text: &str) -> Vec<Value> {
    text.split("\n---")
        .filter_map(|doc| serde_yaml::from_str::<Value>(doc).ok())
        .filter(|v| v.is_object())
        .collect()
}

#[cfg(test)]
mod tests;
