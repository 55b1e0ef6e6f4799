//! Service-aware flows: a client reaching a Service port reaches each backend on its resolved
//! targetPort, and NetworkPolicies see that translated traffic.

use super::endpoints::Backend;
use super::policy::{explain, Endpoint, Explanation, Verdict};
use super::probe::Probe;
use super::services::ServiceReport;
use crate::model::{Model, ServiceType};
use serde::Serialize;

/// The flow from a client to one backend of a Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BackendFlow {
    /// The backend, one of the Service report's `backends`.
    pub backend: Backend,
    /// The port the traffic arrives on: the resolved targetPort, or for a headless Service the
    /// port the client uses.
    pub target: Option<Probe>,
    /// The policies' verdict; `None` where the traffic has nowhere to go.
    pub explanation: Option<Explanation>,
}

/// A client → Service:port flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceFlow {
    /// Who sends: a pod group or an outside address.
    pub client: Endpoint,
    /// Index into `Model::services`.
    pub service: usize,
    /// Index into the Service's ports.
    pub port: usize,
    /// The backends with an endpoint the traffic is sent to (`ServiceReport::served`, or the
    /// DNS answers of a headless Service), in backend order.
    pub backends: Vec<BackendFlow>,
    /// For an ExternalName Service: the client's egress to the outside name.
    pub external: Option<Explanation>,
    /// How the cluster routes this flow, in sentences a person reads: headless DNS, the way
    /// in from outside, traffic policies, source rewriting, assumed pod status.
    pub notes: Vec<String>,
    /// Allowed when the flow reaches at least one backend; `Depends` where a verdict does.
    pub verdict: Verdict,
}

/// Evaluates `client → service:port` through the Service's endpoints, as the cluster routes
/// it (`route`).
pub fn service_flow(
    model: &Model,
    report: &ServiceReport,
    client: Endpoint,
    port: usize,
) -> ServiceFlow {
    let service = &model.services[report.service];
    let sp = &service.ports[port];
    if service.service_type == ServiceType::ExternalName {
        // A DNS alias: the client talks to whatever address the name resolves to.
        let e = explain(
            model,
            client,
            Endpoint::Outside(None),
            Probe::new(sp.protocol, sp.port),
        );
        let verdict = e.verdict;
        return ServiceFlow {
            client,
            service: report.service,
            port,
            backends: Vec::new(),
            external: Some(e),
            notes: Vec::new(),
            verdict,
        };
    }
    let route = super::route::route(model, report, client, port);
    let backends: Vec<BackendFlow> = route
        .backends
        .iter()
        .map(|&bi| {
            let backend = report.backends[bi].clone();
            let target = if route.headless {
                // No proxy: the client connects to the pod on the port it uses.
                Some(Probe::new(sp.protocol, sp.port))
            } else {
                report.ports[port].resolved[bi].map(|n| Probe::new(sp.protocol, n))
            };
            let to = match &backend {
                Backend::Group(g) => Endpoint::Group(*g),
                Backend::Address(ip) => Endpoint::Outside(Some(*ip)),
            };
            let explanation = target.map(|probe| route.explain(model, client, to, probe));
            BackendFlow {
                backend,
                target,
                explanation,
            }
        })
        .collect();
    let verdicts: Vec<Verdict> = backends
        .iter()
        .filter_map(|b| b.explanation.as_ref().map(|e| e.verdict))
        .collect();
    let mut verdict = if verdicts.contains(&Verdict::Allowed) {
        Verdict::Allowed
    } else if verdicts.contains(&Verdict::Depends) {
        Verdict::Depends
    } else {
        Verdict::Denied
    };
    if route.uncertain && verdict == Verdict::Allowed {
        verdict = Verdict::Depends;
    }
    ServiceFlow {
        client,
        service: report.service,
        port,
        backends,
        external: None,
        notes: route.notes,
        verdict,
    }
}

/// Reads a Service port as people write it, `namespace/service:port` (by number or name;
/// `service:port` means namespace `default`): `None` when the text names no Service, an error
/// when the Service has no such port, else the Service's index and the port's index.
pub fn parse_service_port(model: &Model, text: &str) -> Option<Result<(usize, usize), String>> {
    let (name, port) = text.rsplit_once(':')?;
    let (ns, svc) = name.split_once('/').unwrap_or(("default", name));
    let index = model
        .services
        .iter()
        .position(|s| s.namespace == ns && s.name == svc)?;
    let s = &model.services[index];
    let found = s
        .ports
        .iter()
        .position(|p| p.name.as_deref() == Some(port) || p.port.to_string() == port);
    Some(found.map(|p| (index, p)).ok_or_else(|| {
        let known: Vec<String> = s
            .ports
            .iter()
            .map(|p| {
                p.name
                    .clone()
                    .map_or(p.port.to_string(), |n| format!("{n} ({})", p.port))
            })
            .collect();
        format!(
            "service {} has no port `{port}`; its ports: {}",
            s.key(),
            known.join(", ")
        )
    }))
}

/// The Kubernetes documentation's rule for traffic from a pod's own node (Network Policies,
/// "Pod isolation"), quoted wherever a verdict rests on it.
pub const NODE_TRAFFIC_RULE: &str = "traffic to and from the node where a Pod is running is always allowed, regardless of the IP address of the Pod or the node";

/// One backend of a Service, reached from the node it runs on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeBackendFlow {
    /// The backend, one of the Service report's `backends`.
    pub backend: Backend,
    /// The port the traffic arrives on; `None` where a named targetPort does not resolve.
    pub target: Option<Probe>,
}

/// The node → Service:port flow: traffic the node itself sends to a Service's backends, as the
/// API server's service proxy does behind `kubectl proxy` and the kubelet behind
/// `kubectl port-forward`. No NetworkPolicy decides it (`NODE_TRAFFIC_RULE`), so it is
/// allowed wherever it has somewhere to go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeServiceFlow {
    /// Index into `Model::services`.
    pub service: usize,
    /// Index into the Service's ports.
    pub port: usize,
    /// The backends and targetPorts exactly as `service_flow` resolves them.
    pub backends: Vec<NodeBackendFlow>,
    /// Why `backends` is empty, in words; `None` when it is not.
    pub nowhere: Option<String>,
    /// Allowed when some backend has a resolved targetPort; Denied when the traffic has
    /// nowhere to go (no backends, an ExternalName, or a targetPort no backend has), as
    /// `service_flow` says of such flows.
    pub verdict: Verdict,
}

/// Evaluates `node → service:port` through the Service's backends.
pub fn node_service_flow(model: &Model, report: &ServiceReport, port: usize) -> NodeServiceFlow {
    let service = &model.services[report.service];
    let protocol = service.ports[port].protocol;
    let backends: Vec<NodeBackendFlow> = if service.service_type == ServiceType::ExternalName {
        Vec::new()
    } else {
        report
            .served_backends(port)
            .into_iter()
            .map(|bi| NodeBackendFlow {
                backend: report.backends[bi].clone(),
                target: report.ports[port].resolved[bi].map(|n| Probe::new(protocol, n)),
            })
            .collect()
    };
    let verdict = if backends.iter().any(|b| b.target.is_some()) {
        Verdict::Allowed
    } else {
        Verdict::Denied
    };
    let nowhere = backends.is_empty().then(|| {
        if report.backends.is_empty() {
            "the Service has no backends: there is nothing to connect to".to_string()
        } else {
            format!(
                "no backend is a ready endpoint of this port (targetPort `{}`): there is nothing to connect to",
                service.ports[port].target_port
            )
        }
    });
    NodeServiceFlow {
        service: report.service,
        port,
        backends,
        nowhere,
        verdict,
    }
}

impl NodeServiceFlow {
    /// The flow in words: a first line with the verdict, then one line per backend, quoting
    /// the documentation's rule where the traffic gets through.
    pub fn explanation(&self, model: &Model) -> String {
        let service = &model.services[self.service];
        let port = &service.ports[self.port];
        let mut out = format!(
            "node → service {}:{} ({}/{}): {}\n",
            service.key(),
            port.name.clone().unwrap_or_else(|| port.port.to_string()),
            port.protocol,
            port.port,
            self.verdict
        );
        if let Some(why) = &self.nowhere {
            out.push_str(&format!("  {why}\n"));
        }
        for b in &self.backends {
            let name = match &b.backend {
                Backend::Group(g) => Endpoint::Group(*g).name(model),
                Backend::Address(ip) => ip.to_string(),
            };
            match b.target {
                Some(probe) => out.push_str(&format!(
                    "  via backend {name} on {probe}: allowed, whatever the NetworkPolicies say: \"{NODE_TRAFFIC_RULE}\" (Kubernetes documentation, Network Policies)\n"
                )),
                None => out.push_str(&format!(
                    "  via backend {name}: targetPort `{}` does not exist on this pod, so nothing is delivered\n",
                    port.target_port
                )),
            }
        }
        out
    }
}

#[cfg(test)]
mod node_tests {
    use super::*;
    use crate::analysis::analyze_services;

    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: api, labels: {app: api}}\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{name: web, port: 80, targetPort: http}, {name: other, port: 81, targetPort: nope}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";

    #[test]
    fn node_traffic_passes_policies_that_deny_every_pod() {
        let model = crate::parse(TEXT).model;
        let reports = analyze_services(&model);
        let flow = node_service_flow(&model, &reports[0], 0);
        assert_eq!(flow.verdict, Verdict::Allowed);
        assert_eq!(flow.backends.len(), 1);
        assert_eq!(flow.backends[0].target, Some(Probe::tcp(8080)));
        // The same Service from its own (single) pod lands on itself: deny-all isolates it
        // both ways, but "a pod cannot block access to itself", so it depends.
        let from_pod = service_flow(&model, &reports[0], Endpoint::Group(0), 0);
        assert_eq!(from_pod.verdict, Verdict::Depends);
        let text = flow.explanation(&model);
        assert!(text.starts_with("node → service default/api:web (TCP/80): allowed\n"));
        assert!(text.contains("via backend default/api on TCP/8080: allowed"));
        assert!(text.contains(NODE_TRAFFIC_RULE), "{text}");
    }

    #[test]
    fn node_traffic_with_nowhere_to_go_is_not_allowed() {
        let model = crate::parse(TEXT).model;
        let reports = analyze_services(&model);
        let unresolved = node_service_flow(&model, &reports[0], 1);
        assert_eq!(unresolved.verdict, Verdict::Denied);
        // The pod lacks the port `nope`: it is no endpoint of that port.
        assert!(unresolved.backends.is_empty());
        assert!(unresolved
            .explanation(&model)
            .contains("no backend is a ready endpoint of this port (targetPort `nope`)"));
        let empty = node_service_flow(&model, &reports[1], 0);
        assert_eq!(empty.verdict, Verdict::Denied);
        assert!(empty.backends.is_empty());
        assert!(empty.explanation(&model).contains("has no backends"));
    }
}
