//! Services: the pods each one selects, how each port reaches a targetPort on them, and how
//! the Service is reached from where.

use super::endpoints::Backend;
use super::endpoints::ServiceEndpoint;
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{ClusterIp, Model, PortRef, Service, ServiceType};
use serde::Serialize;
use std::collections::BTreeSet;
use std::net::IpAddr;

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
        /// `spec.clusterIP` as written; `None` when the manifest leaves it to the cluster.
        address: Option<String>,
        /// `name.namespace.svc.cluster.local`.
        dns: String,
        /// The Service port (`spec.ports[].port`), not the targetPort.
        port: u16,
    },
    /// Headless: the DNS name returns the pods' own addresses and nothing proxies, so clients
    /// connect on the port they use (`port` when they use the Service's); `srv` is the SRV
    /// record that advertises the targetPort (only a named port has one).
    Headless {
        /// `name.namespace.svc.cluster.local`, which resolves to the backends' own IPs.
        dns: String,
        /// The port clients connect on (the Service's `port`, untranslated).
        port: u16,
        /// The SRV record advertising the targetPort (`_name._proto.…`; a named port only).
        srv: Option<String>,
        /// The targetPort as written, which only the SRV record advertises.
        target_port: String,
    },
    /// From outside, at every node's IP on the nodePort; `allocated` when the manifest gives
    /// none and Reachmap chose one as the cluster would.
    NodePort {
        /// The port open on every node: `nodePort`, or the one Reachmap allocated.
        node_port: u16,
        /// The manifest leaves `nodePort` out: `node_port` is Reachmap's pick in the cluster's
        /// range (30000–32767), deterministic but not necessarily the one a cluster would pick.
        allocated: bool,
    },
    /// From outside, at the external load balancer (`None`: provisioned by the cloud).
    LoadBalancer {
        /// `status.loadBalancer.ingress` (IPs or host names), else `spec.loadBalancerIP`;
        /// empty when neither is written.
        addresses: Vec<String>,
        /// The Service port the load balancer listens on.
        port: u16,
    },
    /// A DNS CNAME to `target`; no proxying, no ports.
    ExternalName {
        /// `name.namespace.svc.cluster.local`, the alias.
        dns: String,
        /// `spec.externalName`, the host name the alias points to.
        target: String,
    },
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
            Access::Headless {
                dns,
                port,
                srv,
                target_port,
            } => {
                let srv = match srv {
                    Some(srv) => format!("; the SRV record {srv} advertises targetPort {target_port}"),
                    None => format!("; targetPort {target_port} is only a hint (an unnamed port has no SRV record)"),
                };
                format!("in-cluster by {dns}, which returns the pods' own addresses (headless): no proxy, so clients connect on the port they use, {port}, untranslated{srv}")
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
    /// The ways in to this port: cluster IP or headless DNS, then node port and load balancer
    /// for those types; for an ExternalName Service, its alias only.
    pub access: Vec<Access>,
}

/// Everything about one Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceReport {
    /// Index into `Model::services`.
    pub service: usize,
    /// With a selector: the pod groups of its namespace it selects that run pods (replicas > 0),
    /// in model order. Without: its Endpoints' ready addresses, each the pod group holding it or
    /// a bare address, sorted. None for an ExternalName Service.
    pub backends: Vec<Backend>,
    /// One per `spec.ports` entry, in the same order.
    pub ports: Vec<PortReport>,
    /// Its endpoints by the EndpointSlice controller's rules (`endpoints`): what every view of
    /// the Service's traffic reads.
    pub endpoints: Vec<ServiceEndpoint>,
    /// What looks wrong (a selector that selects nothing, a missing or undeclared targetPort), as
    /// warnings or notes located on the Service's fields.
    pub findings: Vec<Diagnostic>,
}

impl ServiceReport {
    /// The endpoints kube-proxy sends port `port`'s traffic to (`endpoints::served`).
    pub fn served(&self, port: usize) -> Vec<&ServiceEndpoint> {
        super::endpoints::served(&self.endpoints, port)
            .into_iter()
            .map(|i| &self.endpoints[i])
            .collect()
    }

    /// The backends (indices into `backends`) with an endpoint kube-proxy sends port `port`'s
    /// traffic to, in backend order.
    pub fn served_backends(&self, port: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.served(port).iter().map(|e| e.backend).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
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
        let headless = service.cluster_ip == ClusterIp::Headless;
        match &port.target_port {
            // Headless: nothing translates, so the port clients use is the one that must
            // listen (the targetPort is only what the SRV record advertises).
            _ if headless && !groups.is_empty() => {
                let declared = groups.iter().any(|g| {
                    model.groups[*g]
                        .ports
                        .iter()
                        .any(|cp| cp.port == port.port && cp.protocol == port.protocol)
                });
                if !declared {
                    finding(
                        Severity::Info,
                        Code::TargetPortUndeclared,
                        &port.path,
                        port.location.clone(),
                        format!("headless: clients reach the pods on port {}/{} itself (no translation), and no selected container declares it; Kubernetes does not require it, but check that something listens there", port.port, port.protocol),
                    );
                }
            }
            PortRef::Name(name) if !groups.is_empty() => {
                let lacking: Vec<usize> = groups
                    .iter()
                    .copied()
                    .filter(|g| model.groups[*g].named_port(name, port.protocol).is_none())
                    .collect();
                let missing: Vec<String> = lacking
                    .iter()
                    .map(|g| model.groups[*g].endpoint())
                    .collect();
                if !missing.is_empty() {
                    // The EndpointSlice controller lists a pod under a port only where the
                    // port resolves on it: pods without it get none of that port's traffic.
                    let proto = port.protocol;
                    let which = if missing.len() == groups.len() {
                        format!("none of the selected pods has a {proto} container port named `{name}`, so port {} has no endpoints and connections to it are refused", port.port)
                    } else if let [one] = missing.as_slice() {
                        format!("{one} is selected but has no {proto} container port named `{name}`, so it is no endpoint of port {} and that port's traffic goes to the others only", port.port)
                    } else {
                        format!("{} are selected but have no {proto} container port named `{name}`, so they are no endpoints of port {} and that port's traffic goes to the others only", crate::report::and_list(&missing), port.port)
                    };
                    // A misspelt name: the closest name the pods lacking it do have.
                    let names = lacking.iter().flat_map(|g| {
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
    let resolved: Vec<Vec<Option<u16>>> = ports.iter().map(|p| p.resolved.clone()).collect();
    let endpoints = super::endpoints::endpoints(model, service, &backends, &resolved);
    ServiceReport {
        service: index,
        backends,
        ports,
        endpoints,
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
            ClusterIp::Headless => out.push(Access::Headless {
                srv: port.name.as_ref().map(|name| {
                    format!(
                        "_{name}._{}.{dns}",
                        port.protocol.to_string().to_ascii_lowercase()
                    )
                }),
                dns,
                port: port.port,
                target_port: port.target_port.to_string(),
            }),
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
