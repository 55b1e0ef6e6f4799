//! Services: the pods each one selects, how each port reaches a targetPort on them, and how
//! the Service is reached from where.

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{ClusterIp, Model, PortRef, Service, ServiceType};
use serde::Serialize;
use std::collections::BTreeSet;
use std::net::IpAddr;

/// A backend of a Service.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Backend {
    /// A pod group its selector selects, or whose IP an Endpoints object lists.
    Group(usize),
    /// An address listed by Endpoints/EndpointSlices that no pod in the manifests carries.
    Address(IpAddr),
}

/// One way to reach one port of a Service. Its JSON (`reachmap services --format json`) is
/// `via` (the variant, kebab-case) and the fields in camelCase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(
    tag = "via",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum Access {
    /// From inside the cluster, at the cluster IP (`None`: assigned when created) and DNS name.
    ClusterIp {
        address: Option<String>,
        dns: String,
        port: u16,
    },
    /// Headless: the DNS name returns the pods' own addresses; clients use the targetPort.
    Headless { dns: String },
    /// From outside, at every node's IP on the nodePort; `allocated` when the manifest gives
    /// none and Reachmap chose one as the cluster would.
    NodePort { node_port: u16, allocated: bool },
    /// From outside, at the external load balancer (`None`: provisioned by the cloud).
    LoadBalancer { addresses: Vec<String>, port: u16 },
    /// A DNS CNAME to `target`; no proxying, no ports.
    ExternalName { dns: String, target: String },
}

impl Access {
    /// One line a person reads.
    pub fn describe(&self) -> String {
        match self {
            Access::ClusterIp { address, dns, port } => format!(
                "in-cluster at {}:{port} and {dns}:{port}",
                address
                    .as_deref()
                    .unwrap_or("<cluster IP, assigned on creation>")
            ),
            Access::Headless { dns } => {
                format!("in-cluster by {dns}, which returns the pods' own addresses (headless)")
            }
            Access::NodePort {
                node_port,
                allocated,
            } => format!(
                "from outside at <node IP>:{node_port} on every node{}",
                if *allocated {
                    " (nodePort not in the manifest: one the cluster could allocate)"
                } else {
                    ""
                }
            ),
            Access::LoadBalancer { addresses, port } => {
                if addresses.is_empty() {
                    format!("from outside through the cloud load balancer on port {port} (address assigned by the provider)")
                } else {
                    format!(
                        "from outside through the load balancer at {}:{port}",
                        addresses.join(", ")
                    )
                }
            }
            Access::ExternalName { dns, target } => {
                format!("{dns} is a DNS alias (CNAME) for {target}; nothing is proxied")
            }
        }
    }
}

/// One Service port, resolved on each backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PortReport {
    /// Index into the Service's `ports`.
    pub index: usize,
    /// For each backend (same order as `ServiceReport::backends`), the port number its traffic
    /// arrives on, or `None` where a named targetPort does not exist on that pod.
    pub resolved: Vec<Option<u16>>,
    pub access: Vec<Access>,
}

/// Everything about one Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceReport {
    /// Index into `Model::services`.
    pub service: usize,
    pub backends: Vec<Backend>,
    pub ports: Vec<PortReport>,
    pub findings: Vec<Diagnostic>,
}

/// Analyses every Service of the model.
pub fn analyze_services(model: &Model) -> Vec<ServiceReport> {
    let node_ports = allocate_node_ports(model);
    model
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| analyze(model, i, s, &node_ports[i]))
        .collect()
}

fn analyze(
    model: &Model,
    index: usize,
    service: &Service,
    node_ports: &[(u16, bool)],
) -> ServiceReport {
    let mut findings = Vec::new();
    let mut finding = |severity, code, path: &str, location, message: String| {
        findings.push(Diagnostic {
            severity,
            code,
            location,
            path: path.to_string(),
            object: format!("Service {}", service.key()),
            message,
        })
    };
    let backends = backends(model, service);
    if service.service_type != ServiceType::ExternalName {
        match &service.selector {
            Some(sel) if backends.is_empty() => finding(
                Severity::Warning,
                Code::SelectsNothing,
                "spec.selector",
                service.location.clone(),
                format!(
                    "the selector {} matches no pod in namespace {}: this Service has no backends",
                    crate::model::format_labels(sel),
                    service.namespace
                ),
            ),
            None if backends.is_empty() => finding(
                Severity::Info,
                Code::SelectsNothing,
                "spec",
                service.location.clone(),
                "this Service has no selector and no Endpoints or EndpointSlices name its backends, so it has none".into(),
            ),
            _ => {}
        }
    }
    let mut ports = Vec::new();
    for (pi, port) in service.ports.iter().enumerate() {
        let resolved: Vec<Option<u16>> = backends
            .iter()
            .map(|b| resolve(model, service, pi, b))
            .collect();
        let groups: Vec<usize> = backends
            .iter()
            .filter_map(|b| match b {
                Backend::Group(g) => Some(*g),
                Backend::Address(_) => None,
            })
            .collect();
        let target_path = format!("{}.targetPort", port.path);
        match &port.target_port {
            PortRef::Name(name) if !groups.is_empty() => {
                let missing: Vec<String> = groups
                    .iter()
                    .filter(|g| model.groups[**g].named_port(name, port.protocol).is_none())
                    .map(|g| model.groups[*g].endpoint())
                    .collect();
                if !missing.is_empty() {
                    let proto = port.protocol;
                    let which = if missing.len() == groups.len() {
                        format!("none of the selected pods has a {proto} container port named `{name}`, so traffic to port {} fails", port.port)
                    } else if let [one] = missing.as_slice() {
                        format!("{one} is selected but has no {proto} container port named `{name}`, so the traffic it gets on port {} fails", port.port)
                    } else {
                        format!("{} are selected but have no {proto} container port named `{name}`, so the traffic they get on port {} fails", crate::report::and_list(&missing), port.port)
                    };
                    // A misspelt name: the closest name the selected pods do have.
                    let names = groups.iter().flat_map(|g| {
                        model.groups[*g]
                            .ports
                            .iter()
                            .filter(|cp| cp.protocol == proto)
                            .filter_map(|cp| cp.name.as_deref())
                    });
                    let hint = crate::schema::suggest(name, names)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    finding(
                        Severity::Warning,
                        Code::TargetPortMissing,
                        &target_path,
                        port.location.clone(),
                        format!("targetPort `{name}`: {which}{hint}"),
                    );
                }
            }
            PortRef::Number(n) if !groups.is_empty() => {
                let declared = groups.iter().any(|g| {
                    model.groups[*g]
                        .ports
                        .iter()
                        .any(|cp| cp.port == *n && cp.protocol == port.protocol)
                });
                if !declared {
                    finding(
                        Severity::Info,
                        Code::TargetPortUndeclared,
                        &target_path,
                        port.location.clone(),
                        format!("no selected container declares port {n}/{}; Kubernetes does not require it, but check that something listens there", port.protocol),
                    );
                }
            }
            _ => {}
        }
        ports.push(PortReport {
            index: pi,
            resolved,
            access: access(service, pi, node_ports.get(pi).copied()),
        });
    }
    ServiceReport {
        service: index,
        backends,
        ports,
        findings,
    }
}

/// The Service's backends: the pods its selector selects, or the addresses of its Endpoints.
fn backends(model: &Model, service: &Service) -> Vec<Backend> {
    if service.service_type == ServiceType::ExternalName {
        return Vec::new();
    }
    if let Some(sel) = &service.selector {
        return model
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.namespace == service.namespace && g.replicas > 0)
            .filter(|(_, g)| crate::model::matches_all(sel, &g.labels))
            .map(|(i, _)| Backend::Group(i))
            .collect();
    }
    let addresses: BTreeSet<IpAddr> = crate::order::set(
        model
            .endpoint_addresses
            .iter()
            .filter(|e| e.namespace == service.namespace && e.service == service.name)
            .flat_map(|e| e.addresses.iter().copied()),
    );
    let mut out: BTreeSet<Backend> = BTreeSet::new();
    for ip in addresses {
        match model.groups.iter().position(|g| g.ips.contains(&ip)) {
            Some(g) => out.insert(Backend::Group(g)),
            None => out.insert(Backend::Address(ip)),
        };
    }
    out.into_iter().collect()
}

/// The port traffic to Service port `pi` arrives on at a backend.
fn resolve(model: &Model, service: &Service, pi: usize, backend: &Backend) -> Option<u16> {
    let port = &service.ports[pi];
    match (&port.target_port, backend) {
        (PortRef::Number(n), _) => Some(*n),
        (PortRef::Name(name), Backend::Group(g)) => model.groups[*g]
            .named_port(name, port.protocol)
            .map(|cp| cp.port),
        // An Endpoints object gives the port number for a port of the same name.
        (PortRef::Name(_), Backend::Address(_)) => model
            .endpoint_addresses
            .iter()
            .filter(|e| e.namespace == service.namespace && e.service == service.name)
            .flat_map(|e| &e.ports)
            .find(|(name, _, proto)| *name == port.name && *proto == port.protocol)
            .map(|(_, n, _)| *n),
    }
}

fn access(service: &Service, pi: usize, node_port: Option<(u16, bool)>) -> Vec<Access> {
    let port = &service.ports[pi];
    let dns = service.dns_name();
    let mut out = Vec::new();
    match service.service_type {
        ServiceType::ExternalName => {
            out.push(Access::ExternalName {
                dns,
                target: service.external_name.clone().unwrap_or_default(),
            });
            return out;
        }
        _ => match &service.cluster_ip {
            ClusterIp::Headless => out.push(Access::Headless { dns }),
            ClusterIp::Ip(ip) => out.push(Access::ClusterIp {
                address: Some(ip.clone()),
                dns,
                port: port.port,
            }),
            ClusterIp::Unset => out.push(Access::ClusterIp {
                address: None,
                dns,
                port: port.port,
            }),
        },
    }
    if let Some((node_port, allocated)) = node_port {
        out.push(Access::NodePort {
            node_port,
            allocated,
        });
    }
    if service.service_type == ServiceType::LoadBalancer {
        let mut addresses = service.load_balancer_ingress.clone();
        if addresses.is_empty() {
            addresses.extend(service.load_balancer_ip.clone());
        }
        out.push(Access::LoadBalancer {
            addresses,
            port: port.port,
        });
    }
    out
}

/// Node ports for every port of every NodePort/LoadBalancer Service: as given, or allocated
/// deterministically (from a hash of the Service and port) in 30000–32767, avoiding the ones
/// in use. Other Services get an empty list.
pub fn allocate_node_ports(model: &Model) -> Vec<Vec<(u16, bool)>> {
    let mut used: BTreeSet<u16> = crate::order::set(
        model
            .services
            .iter()
            .flat_map(|s| s.ports.iter().filter_map(|p| p.node_port)),
    );
    model
        .services
        .iter()
        .map(|s| {
            if !s.service_type.has_node_ports() {
                return Vec::new();
            }
            s.ports
                .iter()
                .enumerate()
                .map(|(i, p)| match p.node_port {
                    Some(n) => (n, false),
                    None => {
                        let span = 32767 - 30000 + 1;
                        let mut n = 30000 + (fnv(&format!("{}/{}", s.key(), i)) % span) as u16;
                        while used.contains(&n) {
                            n = if n == 32767 { 30000 } else { n + 1 };
                        }
                        used.insert(n);
                        (n, true)
                    }
                })
                .collect()
        })
        .collect()
}

/// FNV-1a: a small stable hash, so allocations never change between runs or platforms.
pub fn fnv(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}
