//! Services in words: type, ports resolved per pod, the pods selected, how each is reached.

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
            for (b, resolved) in r.backends.iter().zip(&p.resolved) {
                let arrival = match (resolved, &sp.target_port) {
                    (Some(n), PortRef::Name(name)) => format!("{} ({n})", clean(name)),
                    (Some(n), PortRef::Number(_)) => n.to_string(),
                    (None, _) => "missing: no container port of that name".into(),
                };
                let _ = writeln!(out, "    {} → {arrival}", backend_name(model, b));
            }
            for a in &p.access {
                let _ = writeln!(out, "    reached {}", clean(&a.describe()));
            }
        }
        for f in &r.findings {
            let _ = writeln!(out, "  {}: {}", f.severity, clean(&f.message));
        }
        out.push('\n');
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
