//! Services as JSON (`reachmap services --format json`): what `services_text` says, as data.
//! The field names are a contract, listed in README's CLI section: Kubernetes' own where the
//! manifest gives the value (`clusterIP`, `targetPort`, `nodePort`, `externalName`), and
//! objects named as the other commands name them (`namespace/name[Kind]`), never by index.

use super::diagnostics::JsonDiagnostic;
use super::services_tiers::port_tier_flows;
use super::tiers::DecidingTier;
use crate::analysis::{Access, Backend, ServiceReport, Verdict};
use crate::model::{ClusterIp, Labels, Model, PortRef, Protocol};
use serde::Serialize;

#[derive(Serialize)]
struct JsonService<'a> {
    /// `namespace/name`.
    service: String,
    namespace: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    service_type: &'static str,
    /// As written: an address, `None` (headless), or null when the cluster assigns one.
    #[serde(rename = "clusterIP")]
    cluster_ip: Option<&'a str>,
    #[serde(rename = "externalName")]
    external_name: Option<&'a str>,
    /// Null without a selector (backends then come from Endpoints or EndpointSlices).
    selector: Option<&'a Labels>,
    backends: Vec<JsonBackend>,
    ports: Vec<JsonPort<'a>>,
    findings: Vec<JsonDiagnostic<'a>>,
}

/// A pod group the Service selects, or an address its Endpoints list that no pod carries.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonBackend {
    Pods { endpoint: String, replicas: u32 },
    Address { address: String },
}

#[derive(Serialize)]
struct JsonPort<'a> {
    name: Option<&'a str>,
    port: u16,
    protocol: Protocol,
    /// A number, or the name of a container port.
    #[serde(rename = "targetPort")]
    target_port: &'a PortRef,
    /// As written in the manifest; an allocated one is in `access`.
    #[serde(rename = "nodePort")]
    node_port: Option<u16>,
    /// Per backend, in `backends` order: the port its traffic arrives on, null where a named
    /// targetPort does not exist on it.
    resolved: Vec<Option<u16>>,
    /// The port's endpoints by the EndpointSlice rules (`ServiceReport::endpoints`).
    endpoints: Vec<JsonEndpoint>,
    access: Vec<JsonAccess<'a>>,
    /// The flows into its backends that a cluster tier decided (empty without cluster
    /// policies), each with the sides it decided, in `explain`'s words.
    #[serde(rename = "tierDecisions")]
    tier_decisions: Vec<JsonTierFlow>,
}

/// A flow into a backend that a cluster tier decided: `reachmap services`' "decided by a
/// cluster tier" line as data.
#[derive(Serialize)]
struct JsonTierFlow {
    from: String,
    to: String,
    /// The port at the backend, `TCP/8200`.
    port: String,
    verdict: Verdict,
    decisions: Vec<JsonTierDecision>,
}

#[derive(Serialize)]
struct JsonTierDecision {
    /// `admin`, `pass` (an Admin rule passed it on and no Baseline rule decided after) or
    /// `baseline`.
    tier: &'static str,
    words: String,
}

/// One endpoint of a port: a pod (or a workload manifest's pods, `pod` null), its address
/// where the input gives one, its conditions, and whether kube-proxy sends it traffic.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonEndpoint {
    backend: String,
    pod: Option<String>,
    address: Option<String>,
    node_name: Option<String>,
    port: u16,
    ready: bool,
    serving: bool,
    terminating: bool,
    /// The input gives no status for it: taken as ready.
    status_assumed: bool,
    /// kube-proxy sends this port's traffic to it (ready, or serving and terminating when no
    /// endpoint is ready).
    receives_traffic: bool,
}

/// One way to reach the port: `via` and its fields (`Access`), and the sentence the text prints.
#[derive(Serialize)]
struct JsonAccess<'a> {
    #[serde(flatten)]
    access: &'a Access,
    description: String,
}

/// Every Service report as a JSON array, in model order (`namespace/name`).
pub fn services_json(sources: &[String], model: &Model, reports: &[ServiceReport]) -> String {
    let services: Vec<JsonService> = reports
        .iter()
        .map(|r| {
            let s = &model.services[r.service];
            JsonService {
                service: s.key(),
                namespace: &s.namespace,
                name: &s.name,
                service_type: s.service_type.as_str(),
                cluster_ip: match &s.cluster_ip {
                    ClusterIp::Unset => None,
                    ClusterIp::Headless => Some("None"),
                    ClusterIp::Ip(ip) => Some(ip),
                },
                external_name: s.external_name.as_deref(),
                selector: s.selector.as_ref(),
                backends: r.backends.iter().map(|b| backend(model, b)).collect(),
                ports: r
                    .ports
                    .iter()
                    .map(|p| {
                        let sp = &s.ports[p.index];
                        JsonPort {
                            name: sp.name.as_deref(),
                            port: sp.port,
                            protocol: sp.protocol,
                            target_port: &sp.target_port,
                            node_port: sp.node_port,
                            resolved: p.resolved.clone(),
                            endpoints: endpoints(model, r, p.index),
                            access: p
                                .access
                                .iter()
                                .map(|access| JsonAccess {
                                    access,
                                    description: access.describe(),
                                })
                                .collect(),
                            tier_decisions: tier_flows(model, r, p.index),
                        }
                    })
                    .collect(),
                findings: r
                    .findings
                    .iter()
                    .map(|d| JsonDiagnostic::new(sources, d))
                    .collect(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&services).expect("Service reports serialize") + "\n"
}

fn tier_flows(model: &Model, r: &ServiceReport, port: usize) -> Vec<JsonTierFlow> {
    port_tier_flows(model, r, port)
        .into_iter()
        .map(|f| JsonTierFlow {
            from: f.from,
            to: f.to,
            port: f.probe,
            verdict: f.verdict,
            decisions: f
                .decisions
                .into_iter()
                .map(|d| JsonTierDecision {
                    tier: match d.tier {
                        DecidingTier::Admin => "admin",
                        DecidingTier::Pass => "pass",
                        DecidingTier::Baseline => "baseline",
                    },
                    words: d.words,
                })
                .collect(),
        })
        .collect()
}

fn backend(model: &Model, b: &Backend) -> JsonBackend {
    match b {
        Backend::Group(g) => JsonBackend::Pods {
            endpoint: model.groups[*g].endpoint(),
            replicas: model.groups[*g].replicas,
        },
        Backend::Address(ip) => JsonBackend::Address {
            address: ip.to_string(),
        },
    }
}

fn endpoints(model: &Model, r: &ServiceReport, port: usize) -> Vec<JsonEndpoint> {
    let served = r.served(port);
    r.endpoints
        .iter()
        .filter(|e| e.has_port(port))
        .map(|e| {
            let (name, pod) = match &r.backends[e.backend] {
                Backend::Group(g) => {
                    let group = &model.groups[*g];
                    (group.endpoint(), e.pod.map(|i| group.pods[i].name.clone()))
                }
                Backend::Address(ip) => (ip.to_string(), None),
            };
            JsonEndpoint {
                backend: name,
                pod,
                address: e.address.map(|a| a.to_string()),
                node_name: e.node.clone(),
                port: e.ports[port].expect("has the port"),
                ready: e.ready,
                serving: e.serving,
                terminating: e.terminating,
                status_assumed: e.status_assumed,
                receives_traffic: served.iter().any(|s| std::ptr::eq(*s, e)),
            }
        })
        .collect()
}
