//! A Service as the cluster holds it — what the manifest says, with the API server's defaults
//! and what the cluster assigned (cluster IP, nodePorts) — and the Endpoints the endpoints
//! controller keeps for it, from the analysis's backends and resolved ports.

use super::{Obj, Source};
use crate::selector::scalar;
use crate::sim::{API_SERVER_IP, API_SERVER_PORT, NODE_IP};
use crate::Ctx;
use reachmap_core::analysis::endpoints::dns_answers;
use reachmap_core::analysis::{Access, Backend, ServiceEndpoint, ServiceReport};
use reachmap_core::model::{Labels, Protocol, ServiceType};
use serde_yaml::Value;
use std::net::IpAddr;

/// One port of a Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    pub name: Option<String>,
    pub port: u16,
    pub protocol: Protocol,
    /// The targetPort as written (a number or a container port's name), or the port.
    pub target: String,
    /// As written, or allocated by the cluster.
    pub node_port: Option<u16>,
    /// `IP:targetPort` of each backend that has the port.
    pub endpoints: Vec<String>,
}

/// A Service with the API server's defaults and the cluster's assignments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Svc {
    pub service_type: ServiceType,
    /// The cluster IP, `None` for a headless Service, empty for an ExternalName one.
    pub cluster_ip: String,
    pub external_ips: Vec<String>,
    pub load_balancer_ip: Option<String>,
    pub load_balancer_ingress: Vec<String>,
    pub external_name: Option<String>,
    pub selector: Option<Labels>,
    pub ports: Vec<Port>,
    pub session_affinity: String,
    pub external_traffic_policy: Option<String>,
    pub internal_traffic_policy: Option<String>,
    pub ip_family_policy: Option<String>,
    pub ip_families: Vec<String>,
    /// Whether EndpointSlices exist for it (a selector, or Endpoints written for it).
    pub has_endpoints: bool,
}

fn spec_str(spec: Option<&Value>, key: &str) -> Option<String> {
    spec?.get(key).and_then(scalar)
}

fn spec_list(spec: Option<&Value>, key: &str) -> Vec<String> {
    spec.and_then(|s| s.get(key))
        .and_then(Value::as_sequence)
        .map(|l| l.iter().filter_map(scalar).collect())
        .unwrap_or_default()
}

/// `net.JoinHostPort`.
pub fn host_port(ip: &str, port: u16) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

/// The view of a Service object (`Source::Service` or the `kubernetes` Service).
pub fn view(ctx: &Ctx, obj: &Obj) -> Svc {
    let i = match obj.source {
        Source::Service(i) | Source::ServiceEndpoints(i) => i,
        _ => return api_server(),
    };
    let model = &ctx.parsed.model;
    let s = &model.services[i];
    let doc = ctx.parsed.object(&s.location);
    let spec = doc.and_then(|d| d.value.get("spec"));
    let report = report(ctx, i);
    let addresses = backend_addresses(ctx, report);
    let external_name = s.service_type == ServiceType::ExternalName;
    let ports = s
        .ports
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let node_port = report.and_then(|r| r.ports.get(pi)).and_then(|r| {
                r.access.iter().find_map(|a| match a {
                    &Access::NodePort { node_port, .. } => Some(node_port),
                    _ => None,
                })
            });
            Port {
                name: p.name.clone(),
                port: p.port,
                protocol: p.protocol,
                target: p.target_port.to_string(),
                node_port,
                endpoints: addresses
                    .iter()
                    .filter(|a| a.ready)
                    .filter_map(|a| {
                        a.ports
                            .get(pi)
                            .copied()
                            .flatten()
                            .map(|n| host_port(&a.ip, n))
                    })
                    .collect(),
            }
        })
        .collect();
    let cluster_ip = match &ctx.cluster.service_ips[i] {
        Some(a) => a.value.clone(),
        None if external_name => String::new(),
        None => "None".into(),
    };
    let default = |key: &str, value: &str, applies: bool| {
        spec_str(spec, key).or_else(|| applies.then(|| value.to_string()))
    };
    let given_endpoints = model
        .endpoint_addresses
        .iter()
        .any(|e| e.namespace == s.namespace && e.service == s.name);
    Svc {
        service_type: s.service_type,
        cluster_ip,
        external_ips: spec_list(spec, "externalIPs"),
        load_balancer_ip: s.load_balancer_ip.clone(),
        load_balancer_ingress: s.load_balancer_ingress.clone(),
        external_name: s.external_name.clone(),
        selector: s.selector.clone(),
        ports,
        session_affinity: default("sessionAffinity", "None", true).unwrap_or_default(),
        external_traffic_policy: default(
            "externalTrafficPolicy",
            "Cluster",
            s.service_type.has_node_ports(),
        ),
        internal_traffic_policy: default("internalTrafficPolicy", "Cluster", !external_name),
        ip_family_policy: default("ipFamilyPolicy", "SingleStack", !external_name),
        ip_families: match spec_list(spec, "ipFamilies") {
            l if l.is_empty() && !external_name => vec!["IPv4".into()],
            l => l,
        },
        has_endpoints: !external_name && (s.selector.is_some() || given_endpoints),
    }
}

/// The `kubernetes` Service: the API server, on the node at minikube's port 8443.
fn api_server() -> Svc {
    Svc {
        service_type: ServiceType::ClusterIP,
        cluster_ip: API_SERVER_IP.into(),
        external_ips: Vec::new(),
        load_balancer_ip: None,
        load_balancer_ingress: Vec::new(),
        external_name: None,
        selector: None,
        ports: vec![Port {
            name: Some("https".into()),
            port: 443,
            protocol: Protocol::Tcp,
            target: API_SERVER_PORT.to_string(),
            node_port: None,
            endpoints: vec![host_port(NODE_IP, API_SERVER_PORT)],
        }],
        session_affinity: "None".into(),
        external_traffic_policy: None,
        internal_traffic_policy: Some("Cluster".into()),
        ip_family_policy: Some("SingleStack".into()),
        ip_families: vec!["IPv4".into()],
        has_endpoints: true,
    }
}

pub fn report<'a>(ctx: &'a Ctx, service: usize) -> Option<&'a ServiceReport> {
    ctx.services.iter().find(|r| r.service == service)
}

/// One address of a Service's Endpoints object, read from the analysis's endpoints
/// (`ServiceReport::endpoints`, the EndpointSlice controller's rules) with the addresses the
/// simulation gives pods the input shows none for.
struct EndpointAddress {
    ip: String,
    /// Per Service port: the port its traffic arrives on there (`None`: not an endpoint of it).
    ports: Vec<Option<u16>>,
    ready: bool,
}

/// The addresses of Service `report`'s Endpoints object. Like the endpoints controller, it
/// leaves terminating pods out (unless `publishNotReadyAddresses` keeps them ready).
fn backend_addresses(ctx: &Ctx, report: Option<&ServiceReport>) -> Vec<EndpointAddress> {
    let Some(report) = report else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in &report.endpoints {
        if e.terminating && !e.ready {
            continue;
        }
        out.extend(
            addresses(ctx, report, e)
                .into_iter()
                .map(|(ip, _)| EndpointAddress {
                    ip,
                    ports: e.ports.clone(),
                    ready: e.ready,
                }),
        );
    }
    out
}

/// The addresses of one endpoint, each with the pod it belongs to: the analysis's address, or
/// for pods the input gives none for, the simulated ones (every pod of a workload manifest's
/// endpoint).
pub fn addresses(
    ctx: &Ctx,
    report: &ServiceReport,
    e: &ServiceEndpoint,
) -> Vec<(String, Option<String>)> {
    let simulated = |g: usize| ctx.cluster.pods.get(g).into_iter().flatten();
    let pod = |g: usize, i: usize| simulated(g).nth(i).map(|p| p.name.clone());
    match (e.address, &report.backends[e.backend], e.pod) {
        (Some(ip), Backend::Group(g), Some(i)) => vec![(ip.to_string(), pod(*g, i))],
        (Some(ip), _, _) => vec![(ip.to_string(), None)],
        (None, Backend::Group(g), Some(i)) => simulated(*g)
            .nth(i)
            .map(|p| (p.ip.value.clone(), Some(p.name.clone())))
            .into_iter()
            .collect(),
        (None, Backend::Group(g), None) => simulated(*g)
            .map(|p| (p.ip.value.clone(), Some(p.name.clone())))
            .collect(),
        (None, Backend::Address(ip), _) => vec![(ip.to_string(), None)],
    }
}

/// The addresses a headless Service's DNS name returns (`endpoints::dns_answers`).
pub fn dns_addresses(ctx: &Ctx, report: &ServiceReport) -> Vec<String> {
    dns_answers(&report.endpoints)
        .into_iter()
        .flat_map(|i| addresses(ctx, report, &report.endpoints[i]))
        .map(|(ip, _)| ip)
        .collect()
}

/// One subset of an Endpoints object: addresses that share the same ports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subset {
    pub addresses: Vec<String>,
    pub not_ready: Vec<String>,
    pub ports: Vec<(Option<String>, u16, Protocol)>,
}

/// The subsets of an Endpoints object.
pub fn subsets(ctx: &Ctx, obj: &Obj) -> Vec<Subset> {
    let model = &ctx.parsed.model;
    match obj.source {
        Source::ServiceEndpoints(i) => {
            let s = &model.services[i];
            let mut out: Vec<Subset> = Vec::new();
            for a in backend_addresses(ctx, report(ctx, i)) {
                let ports: Vec<(Option<String>, u16, Protocol)> = s
                    .ports
                    .iter()
                    .zip(&a.ports)
                    .filter_map(|(p, r)| r.map(|n| (p.name.clone(), n, p.protocol)))
                    .collect();
                if !s.ports.is_empty() && ports.is_empty() {
                    continue;
                }
                let sub = match out.iter_mut().position(|sub| sub.ports == ports) {
                    Some(k) => &mut out[k],
                    None => {
                        out.push(Subset {
                            addresses: Vec::new(),
                            not_ready: Vec::new(),
                            ports,
                        });
                        out.last_mut().expect("just pushed")
                    }
                };
                if a.ready {
                    sub.addresses.push(a.ip);
                } else {
                    sub.not_ready.push(a.ip);
                }
            }
            for sub in &mut out {
                for list in [&mut sub.addresses, &mut sub.not_ready] {
                    list.sort_by_key(|a| a.parse::<IpAddr>().ok());
                    list.dedup();
                }
            }
            out
        }
        Source::GivenEndpoints(i) => {
            let e = &model.endpoint_addresses[i];
            if e.addresses.is_empty() {
                return Vec::new();
            }
            vec![Subset {
                addresses: e.addresses.iter().map(IpAddr::to_string).collect(),
                not_ready: Vec::new(),
                ports: e.ports.clone(),
            }]
        }
        _ => vec![Subset {
            addresses: vec![NODE_IP.into()],
            not_ready: Vec::new(),
            ports: vec![(Some("https".into()), API_SERVER_PORT, Protocol::Tcp)],
        }],
    }
}

/// A list of at most three items and `+ N more...`, as kubectl abbreviates endpoints.
pub fn at_most_three(items: &[String]) -> String {
    match items.len() {
        0..=3 => items.join(","),
        n => format!("{} + {} more...", items[..3].join(","), n - 3),
    }
}

/// `formatEndpoints`: the ENDPOINTS column of `kubectl get endpoints`.
pub fn format_subsets(subsets: &[Subset]) -> String {
    if subsets.is_empty() {
        return "<none>".into();
    }
    let mut all = Vec::new();
    for s in subsets {
        if s.ports.is_empty() {
            all.extend(s.addresses.iter().cloned());
        }
        for (_, port, _) in &s.ports {
            all.extend(s.addresses.iter().map(|a| host_port(a, *port)));
        }
    }
    at_most_three(&all)
}
