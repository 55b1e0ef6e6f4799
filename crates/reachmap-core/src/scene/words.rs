//! The sentences and short texts nodes carry: tooltips say everything in full, box lines say
//! the essentials.

use crate::analysis::{FlowQuery, ServiceReport, Verdict};
use crate::model::{format_labels, ClusterIp, Model, PodGroup, PortRef, Service, ServiceType};

/// `Deployment ×3` or `Pod`.
pub fn kind_badge(g: &PodGroup) -> String {
    match g.owner {
        Some(kind) => format!("{} ×{}", kind.as_str(), g.replicas),
        None => "Pod".into(),
    }
}

/// `ports http 8080, dns 53/UDP` (TCP is not written), or `no container ports`.
pub fn ports_line(g: &PodGroup) -> String {
    if g.ports.is_empty() {
        return "no container ports".into();
    }
    let ports: Vec<String> = g
        .ports
        .iter()
        .map(|p| {
            let proto = match p.protocol {
                crate::model::Protocol::Tcp => String::new(),
                other => format!("/{other}"),
            };
            match &p.name {
                Some(n) => format!("{n} {}{proto}", p.port),
                None => format!("{}{proto}", p.port),
            }
        })
        .collect();
    format!("ports {}", ports.join(", "))
}

/// `labels app=web, tier=api` or `no labels`.
pub fn labels_line(g: &PodGroup) -> String {
    if g.labels.is_empty() {
        "no labels".into()
    } else {
        format!("labels {}", format_labels(&g.labels).replace(',', ", "))
    }
}

/// A full sentence about a pod group.
pub fn group_sentence(g: &PodGroup) -> String {
    let what = match g.owner {
        Some(kind) => format!(
            "the {} pod{} of {} {}",
            g.replicas,
            if g.replicas == 1 { "" } else { "s" },
            kind.as_str(),
            g.name
        ),
        None => format!("Pod {}", g.name),
    };
    let mut s = format!(
        "{}: {what} in namespace {}; {}; {}",
        g.endpoint(),
        g.namespace,
        labels_line(g),
        ports_line(g)
    );
    if !g.ips.is_empty() {
        let ips: Vec<String> = g.ips.iter().map(|i| i.to_string()).collect();
        s.push_str(&format!("; IP {}", ips.join(", ")));
    }
    s.push('.');
    s
}

/// `Highlighted: default/a → default/b TCP/80: denied`: the note under a highlighted flow.
pub fn highlighted_line(model: &Model, q: &FlowQuery, verdict: Verdict) -> String {
    let (from, to, port) = q.words(model);
    let port = if port.is_empty() {
        port
    } else {
        format!(" {port}")
    };
    format!("Highlighted: {from} → {to}{port}: {verdict}")
}

/// `clusterIP 10.0.0.1`, `headless (clusterIP None)`, `CNAME → db.example.com`.
pub fn address_line(s: &Service) -> String {
    if s.service_type == ServiceType::ExternalName {
        return format!("CNAME → {}", s.external_name.as_deref().unwrap_or("?"));
    }
    match &s.cluster_ip {
        ClusterIp::Ip(ip) => format!("clusterIP {ip}"),
        ClusterIp::Unset => "clusterIP assigned on creation".into(),
        ClusterIp::Headless => "headless (clusterIP None)".into(),
    }
}

/// `http 80/TCP → 8080` for each port.
pub fn service_port_lines(s: &Service) -> Vec<String> {
    s.ports
        .iter()
        .map(|p| {
            let name = p
                .name
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            format!("{name}{}/{} → {}", p.port, p.protocol, p.target_port)
        })
        .collect()
}

/// A full sentence about a Service.
pub fn service_sentence(s: &Service, r: &ServiceReport) -> String {
    let mut out = format!(
        "Service {} ({}, {})",
        s.key(),
        s.service_type.as_str(),
        address_line(s)
    );
    match &s.selector {
        Some(sel) => out.push_str(&format!("; selector {}", format_labels(sel))),
        None if s.service_type != ServiceType::ExternalName => {
            out.push_str("; no selector (backends from Endpoints)")
        }
        None => {}
    }
    let ports = service_port_lines(s);
    if !ports.is_empty() {
        out.push_str(&format!("; ports {}", ports.join(", ")));
    }
    let n = r.backends.len();
    if s.service_type != ServiceType::ExternalName {
        out.push_str(&format!("; {n} backend{}", if n == 1 { "" } else { "s" }));
    }
    out.push('.');
    for f in &r.findings {
        out.push_str(&format!(
            " {}: {}.",
            f.severity,
            f.message.trim_end_matches('.')
        ));
    }
    out
}

/// The label of a Service port → pod edge: `80 → 8080`, `80 → http (8080)`, or for a named
/// targetPort the pod does not have, `80 → http → ? (no such port)`.
pub fn port_label(s: &Service, port: usize, resolved: Option<u16>) -> String {
    let p = &s.ports[port];
    let proto = match p.protocol {
        crate::model::Protocol::Tcp => String::new(),
        other => format!("/{other}"),
    };
    if s.cluster_ip == crate::model::ClusterIp::Headless {
        // No proxy: the client connects to the pod on the port it uses.
        return match &p.name {
            Some(_) => format!(
                "{}{proto} (DNS → pod, same port; SRV: {})",
                p.port, p.target_port
            ),
            None => format!("{}{proto} (DNS → pod, same port)", p.port),
        };
    }
    match (&p.target_port, resolved) {
        (PortRef::Number(n), _) => format!("{}{proto} → {n}", p.port),
        (PortRef::Name(name), Some(n)) => format!("{}{proto} → {name} ({n})", p.port),
        (PortRef::Name(name), None) => format!("{}{proto} → {name} → ? (no such port)", p.port),
    }
}
