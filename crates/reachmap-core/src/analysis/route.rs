//! How the cluster routes one client's traffic to a Service port: which endpoints it reaches
//! (kube-proxy's choice, or a headless Service's DNS answers), whether an outside client gets
//! in at all, what the traffic policies keep, and which source address the NetworkPolicies of
//! the backends see. Every sentence here quotes or follows the Kubernetes documentation
//! (Services; Virtual IPs and Service Proxies; Service Internal Traffic Policy; Network
//! Policies); the constants hold the quoted sentences so tests can name them.

use super::endpoints::{dns_answers, served};
use super::policy::{explain, Endpoint, Explanation, Verdict};
use super::probe::Probe;
use super::services::ServiceReport;
use super::to_itself::{hairpin, is_one_pod};
use crate::model::{ClusterIp, Model, TrafficPolicy};
use std::collections::BTreeSet;

/// Network Policies, ipBlock: the sentence every verdict that rests on a rewritten source
/// quotes.
pub const REWRITE_RULE: &str = "Cluster ingress and egress mechanisms often require rewriting the source or destination IP of packets. In cases where this happens, it is not defined whether this happens before or after NetworkPolicy processing, and the behavior may be different for different combinations of network plugin, cloud provider, Service implementation, etc.";

/// Services, headless Services.
pub const HEADLESS_RULE: &str = "For headless Services, a cluster IP is not allocated, kube-proxy does not handle these Services, and there is no load balancing or proxying done by the platform for them.";

/// Service API reference, `externalTrafficPolicy`: `Cluster`.
pub const EXTERNAL_CLUSTER_RULE: &str = "externalTrafficPolicy: Cluster: the node that receives the traffic may send it to an endpoint on another node and masquerades the client's address to its own (Kubernetes API reference, ServiceSpec: \"Cluster\" obscures the client source IP and may cause a second hop to another node)";

/// Service API reference, `externalTrafficPolicy`: `Local`.
pub const EXTERNAL_LOCAL_RULE: &str = "externalTrafficPolicy: Local keeps the client's address, and only nodes running a ready endpoint answer (Kubernetes API reference, ServiceSpec: \"each node will deliver traffic only to the node-local endpoints of the service, without masquerading the client source IP. (Traffic mistakenly sent to a node with no endpoints will be dropped.)\")";

/// Service Internal Traffic Policy.
pub const INTERNAL_LOCAL_RULE: &str = "internalTrafficPolicy: Local (Kubernetes documentation, Service Internal Traffic Policy: \"This tells kube-proxy to only use node local endpoints for cluster internal traffic.\" \"For pods on nodes with no endpoints for a given Service, the Service behaves as if it has zero endpoints (for Pods on this node) even if the service does have endpoints on other nodes.\")";

/// What `route` decided.
pub struct Route {
    /// The backends the traffic reaches (indices into `ServiceReport::backends`), in order.
    pub backends: Vec<usize>,
    /// A headless Service: DNS answers the pods' own addresses and nothing translates ports.
    pub headless: bool,
    /// The client's traffic arrives with a node's address as source (externalTrafficPolicy
    /// `Cluster` from outside).
    pub source_rewritten: bool,
    /// Something the input does not say decides which endpoints answer: an allowed verdict
    /// becomes `depends`.
    pub uncertain: bool,
    /// Why the traffic goes where it does, in words citing the Service API (traffic policies,
    /// headless, no ready endpoint), for explanations.
    pub notes: Vec<String>,
}

impl Route {
    /// The policies' verdict for the traffic to one backend, as the backend sees it: with a
    /// rewritten source, a verdict that changes with the source address depends.
    pub fn explain(
        &self,
        model: &Model,
        client: Endpoint,
        to: Endpoint,
        probe: Probe,
    ) -> Explanation {
        let mut e = explain(model, client, to, probe);
        if e.verdict != Verdict::Allowed && is_one_pod(model, client, to) {
            // A single pod reaching itself through its Service: the path leaves the pod and
            // comes back (`to_itself`).
            hairpin(&mut e, REWRITE_RULE);
            return e;
        }
        if self.source_rewritten {
            // The node address is unknown: any address outside the pods stands for it.
            let from_node = explain(model, Endpoint::Outside(None), to, probe);
            if from_node.verdict != e.verdict || e.verdict == Verdict::Depends {
                e.verdict = Verdict::Depends;
                e.assumptions.push(format!(
                    "the source this pod sees is a node's address, not {}; whether the rules see the client's address or the node's is not defined: \"{REWRITE_RULE}\" (Kubernetes documentation, Network Policies)",
                    client.name(model)
                ));
            }
        }
        e
    }
}

/// Why an outside client cannot reach the Service at all: it opens nothing outside the cluster.
pub fn closed_to_outside(model: &Model, service: usize) -> Option<String> {
    let s = &model.services[service];
    let opens = s.service_type.has_node_ports() || !s.external_ips.is_empty();
    (!opens).then(|| {
        let what = if s.cluster_ip == ClusterIp::Headless {
            "a headless Service: its DNS name resolves only inside the cluster"
        } else {
            "of type ClusterIP without externalIPs: its cluster IP and DNS name exist only inside the cluster"
        };
        format!(
            "not reachable from outside: {} is {what} (Kubernetes API reference, ServiceSpec type ClusterIP: \"Choosing this value makes the Service only reachable from within the cluster.\"); a NodePort or LoadBalancer type, or externalIPs, opens it",
            s.key()
        )
    })
}

/// Routes `client → service:port`.
pub fn route(model: &Model, report: &ServiceReport, client: Endpoint, port: usize) -> Route {
    let service = &model.services[report.service];
    let headless = service.cluster_ip == ClusterIp::Headless;
    let mut out = Route {
        backends: Vec::new(),
        headless,
        source_rewritten: false,
        uncertain: false,
        notes: Vec::new(),
    };
    let outside = matches!(client, Endpoint::Outside(_));
    if outside {
        if let Some(why) = closed_to_outside(model, report.service) {
            out.notes.push(why);
            return out;
        }
    }
    let mut chosen = if headless {
        let sp = &service.ports[port];
        out.notes.push(format!(
            "headless: DNS returns the pods' own addresses and the client connects to them on the port it uses, {}/{}, not translated (\"{HEADLESS_RULE}\"); the targetPort {} is what the SRV record _{}._{}.{} advertises",
            sp.protocol,
            sp.port,
            sp.target_port,
            sp.name.as_deref().unwrap_or("<unnamed>"),
            sp.protocol.to_string().to_ascii_lowercase(),
            service.dns_name()
        ));
        dns_answers(&report.endpoints)
    } else {
        served(&report.endpoints, port)
    };
    if !headless {
        if outside {
            match service.external_traffic_policy {
                TrafficPolicy::Cluster => {
                    out.source_rewritten = true;
                    out.notes.push(format!("{EXTERNAL_CLUSTER_RULE}."));
                }
                TrafficPolicy::Local => {
                    let nodes: BTreeSet<&str> = chosen
                        .iter()
                        .filter_map(|&i| report.endpoints[i].node.as_deref())
                        .collect();
                    let which = if nodes.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; the nodes that answer: {}",
                            nodes.into_iter().collect::<Vec<_>>().join(", ")
                        )
                    };
                    out.notes.push(format!("{EXTERNAL_LOCAL_RULE}{which}."));
                }
            }
        } else if service.internal_traffic_policy == TrafficPolicy::Local {
            if let Endpoint::Group(c) = client {
                internal_local(model, report, c, &mut chosen, &mut out);
            }
        }
    }
    if let Endpoint::Group(c) = client {
        if chosen
            .iter()
            .any(|&i| report.backends[report.endpoints[i].backend] == super::Backend::Group(c))
        {
            out.notes.push(
                "hairpin: where the connection lands on the client's own pod, kube-proxy may rewrite its source to a node address (hairpin masquerade)".into(),
            );
        }
    }
    let assumed: BTreeSet<String> = chosen
        .iter()
        .map(|&i| &report.endpoints[i])
        .filter(|e| e.status_assumed)
        .filter_map(|e| match &report.backends[e.backend] {
            super::Backend::Group(g) => Some(model.groups[*g].endpoint()),
            super::Backend::Address(_) => None,
        })
        .collect();
    if !assumed.is_empty() {
        out.notes.push(format!(
            "the input gives no pod status for {}: taken as running and ready",
            assumed.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    let mut backends: Vec<usize> = chosen
        .iter()
        .map(|&i| report.endpoints[i].backend)
        .collect();
    backends.sort_unstable();
    backends.dedup();
    if backends.is_empty() && !out.notes.iter().any(|n| n.contains("traffic is dropped")) {
        out.notes.push(if report.backends.is_empty() {
            "the Service has no backends: the connection is refused or times out".into()
        } else if report.endpoints.iter().any(|e| e.has_port(port)) {
            "no endpoint of this port is ready: the connection is refused or times out".into()
        } else {
            "no backend has this port's targetPort, so the port has no endpoints: the connection is refused or times out".into()
        });
    }
    out.backends = backends;
    out
}

/// `internalTrafficPolicy: Local` for an in-cluster client: only the endpoints on the client's
/// nodes; where the input does not say which nodes, the verdict depends.
fn internal_local(
    model: &Model,
    report: &ServiceReport,
    client: usize,
    chosen: &mut Vec<usize>,
    out: &mut Route,
) {
    let pods = &model.groups[client].pods;
    let nodes: Option<BTreeSet<&str>> = if pods.is_empty() {
        None
    } else {
        pods.iter().map(|p| p.node.as_deref()).collect()
    };
    let Some(nodes) = nodes else {
        if !chosen.is_empty() {
            out.uncertain = true;
        }
        out.notes.push(format!(
            "{INTERNAL_LOCAL_RULE}; the input does not say which node {} runs on, so whether one of these endpoints is on it is unknown",
            model.groups[client].endpoint()
        ));
        return;
    };
    let local = |n: &str| {
        chosen
            .iter()
            .any(|&i| report.endpoints[i].node.as_deref() == Some(n))
    };
    let without: Vec<&str> = nodes.iter().copied().filter(|n| !local(n)).collect();
    chosen.retain(|&i| {
        report.endpoints[i]
            .node
            .as_deref()
            .is_some_and(|n| nodes.contains(n))
    });
    if without.is_empty() {
        out.notes.push(format!(
            "{INTERNAL_LOCAL_RULE}; every node the client runs on has one"
        ));
    } else if chosen.is_empty() {
        out.notes.push(format!(
            "{INTERNAL_LOCAL_RULE}; no endpoint runs on the client's node(s) {}, so the traffic is dropped",
            without.join(", ")
        ));
    } else {
        out.uncertain = true;
        out.notes.push(format!(
            "{INTERNAL_LOCAL_RULE}; the client's pods on {} have no endpoint there, so it depends on which pod connects",
            without.join(", ")
        ));
    }
}
