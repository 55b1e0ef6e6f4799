//! Services in words: type, ports resolved per pod, the pods selected, how each is reached,
//! and which cluster tier decides the flows into it (`services_tiers`).

use super::clean;
use crate::analysis::{Backend, ServiceReport};
use crate::model::{format_labels, ClusterIp, Model, PortRef, ServiceType};
use std::fmt::Write;

/// `reachmap services`' text: each Service with its type and cluster IP, its selector and the
/// pods it selects, each port with where it arrives on each backend and how it is reached,
/// then its findings.
pub fn services_text(model: &Model, reports: &[ServiceReport]) -> String {
    let mut out = String::new();
    if reports.is_empty() {
        out.push_str("no Services in the input\n");
    }
    for r in reports {
        let s = &model.services[r.service];
        let ip = match &s.cluster_ip {
            ClusterIp::Unset => String::new(),
            ClusterIp::Headless => ", headless".into(),
            ClusterIp::Ip(ip) => format!(", clusterIP {ip}"),
        };
        let _ = writeln!(
            out,
            "service {} ({}{ip})",
            clean(&s.key()),
            s.service_type.as_str()
        );
        // A DNS alias selects nothing: its target is what it stands for (the SVG shows it).
        if let (ServiceType::ExternalName, Some(target)) = (s.service_type, &s.external_name) {
            let _ = writeln!(out, "  externalName: {}", clean(target));
        }
        match &s.selector {
            Some(sel) => {
                let _ = writeln!(out, "  selector: {}", clean(&format_labels(sel)));
            }
            None if s.external_name.is_some() => {}
            None => {
                let _ = writeln!(
                    out,
                    "  selector: none (backends from Endpoints/EndpointSlices)"
                );
            }
        }
        if !r.backends.is_empty() {
            let names: Vec<String> = r.backends.iter().map(|b| backend_name(model, b)).collect();
            let _ = writeln!(out, "  selects: {}", names.join(", "));
        }
        for p in &r.ports {
            let sp = &s.ports[p.index];
            let name = sp
                .name
                .as_deref()
                .map(|n| format!("{} ", clean(n)))
                .unwrap_or_default();
            let target = match &sp.target_port {
                PortRef::Number(n) => n.to_string(),
                PortRef::Name(n) => clean(n),
            };
            let _ = writeln!(
                out,
                "  port {name}{}/{} → targetPort {target}",
                sp.port, sp.protocol
            );
            let headless = s.cluster_ip == ClusterIp::Headless;
            for (bi, (b, resolved)) in r.backends.iter().zip(&p.resolved).enumerate() {
                let arrival = match (resolved, &sp.target_port) {
                    _ if headless => format!("{} (headless: the port the client uses)", sp.port),
                    (Some(n), PortRef::Name(name)) => format!("{} ({n})", clean(name)),
                    (Some(n), PortRef::Number(_)) => n.to_string(),
                    (None, _) => {
                        "missing: no container port of that name, so no endpoint of this port"
                            .into()
                    }
                };
                let status = endpoint_status(r, bi, p.index);
                let _ = writeln!(out, "    {} → {arrival}{status}", backend_name(model, b));
            }
            for a in &p.access {
                let _ = writeln!(out, "    reached {}", clean(&a.describe()));
            }
            super::services_tiers::port_tiers_text(&mut out, model, r, p.index);
        }
        for f in &r.findings {
            let _ = writeln!(out, "  {}: {}", f.severity, clean(&f.message));
        }
        out.push('\n');
    }
    if reports
        .iter()
        .any(|r| r.endpoints.iter().any(|e| e.status_assumed))
    {
        out.push_str("note: the input gives no status for some pods (manifests, not a dump): they are taken as running and ready\n");
    }
    out
}

fn backend_name(model: &Model, b: &Backend) -> String {
    match b {
        Backend::Group(g) => {
            let group = &model.groups[*g];
            let replicas = if group.owner.is_some() {
                format!(" ×{}", group.replicas)
            } else {
                String::new()
            };
            format!("{}{replicas}", clean(&group.endpoint()))
        }
        Backend::Address(ip) => format!("{ip} (no pod in the manifests has this address)"),
    }
}

/// What the endpoints of backend `backend` are for Service port `port`, where that is not
/// simply "all ready": how many are ready, not ready, terminating, and whether their status
/// is assumed.
fn endpoint_status(r: &ServiceReport, backend: usize, port: usize) -> String {
    let of: Vec<_> = r
        .endpoints
        .iter()
        .filter(|e| e.backend == backend && e.has_port(port))
        .collect();
    if of.is_empty() {
        return String::new();
    }
    let served = r.served(port);
    let receiving = of
        .iter()
        .filter(|e| served.iter().any(|s| std::ptr::eq(*s, **e)))
        .count();
    let ready = of.iter().filter(|e| e.ready).count();
    let terminating = of.iter().filter(|e| e.terminating).count();
    let not_ready = of.len() - ready - of.iter().filter(|e| e.terminating && !e.ready).count();
    let mut parts = Vec::new();
    if ready != of.len() {
        parts.push(format!("{ready} ready"));
        if not_ready > 0 {
            parts.push(format!("{not_ready} not ready"));
        }
        if terminating > 0 {
            parts.push(format!("{terminating} terminating"));
        }
        parts.push(format!("{receiving} receiving traffic"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" [endpoints: {}]", parts.join(", "))
    }
}
