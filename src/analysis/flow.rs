//! Service-aware flows: a client reaching a Service port reaches each backend on its resolved
//! targetPort, and NetworkPolicies see that translated traffic.

use super::policy::{explain, Endpoint, Explanation, Verdict};
use super::probe::Probe;
use super::services::{Backend, ServiceReport};
use crate::model::{Model, ServiceType};
use serde::Serialize;

/// The flow from a client to one backend of a Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BackendFlow {
    pub backend: Backend,
    /// The port the traffic arrives on; `None` where a named targetPort does not resolve.
    pub target: Option<Probe>,
    /// The policies' verdict; `None` where the traffic has nowhere to go.
    pub explanation: Option<Explanation>,
}

/// A client → Service:port flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceFlow {
    pub client: Endpoint,
    /// Index into `Model::services`.
    pub service: usize,
    /// Index into the Service's ports.
    pub port: usize,
    pub backends: Vec<BackendFlow>,
    /// For an ExternalName Service: the client's egress to the outside name.
    pub external: Option<Explanation>,
    /// Allowed when the flow reaches at least one backend; `Depends` where a verdict does.
    pub verdict: Verdict,
}

/// Evaluates `client → service:port` through the Service's backends.
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
            verdict,
        };
    }
    let resolved = &report.ports[port].resolved;
    let backends: Vec<BackendFlow> = report
        .backends
        .iter()
        .zip(resolved)
        .map(|(backend, target)| {
            let target = target.map(|n| Probe::new(sp.protocol, n));
            let to = match backend {
                Backend::Group(g) => Endpoint::Group(*g),
                Backend::Address(ip) => Endpoint::Outside(Some(*ip)),
            };
            BackendFlow {
                backend: backend.clone(),
                target,
                explanation: target.map(|probe| explain(model, client, to, probe)),
            }
        })
        .collect();
    let verdicts: Vec<Verdict> = backends
        .iter()
        .filter_map(|b| b.explanation.as_ref().map(|e| e.verdict))
        .collect();
    let verdict = if verdicts.contains(&Verdict::Allowed) {
        Verdict::Allowed
    } else if verdicts.contains(&Verdict::Depends) {
        Verdict::Depends
    } else {
        Verdict::Denied
    };
    ServiceFlow {
        client,
        service: report.service,
        port,
        backends,
        external: None,
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
