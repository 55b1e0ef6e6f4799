//! The words in and around the Services view's boxes: how each Service is reached, what its
//! box says, what an arrow's tooltip says.

use super::super::draw;
use super::super::text;
use super::super::words;
use super::super::Class;
use super::boxes::{Place, ACCESS_W};
use crate::analysis::{Access, ServiceReport};
use crate::diag::Code;
use crate::model::{Model, PortRef, ServiceType};
use std::collections::BTreeMap;

/// One way a Service is reached, drawn as a node left of it.
pub(super) struct AccessNode {
    pub(super) kind: &'static str,
    pub(super) heading: String,
    pub(super) lines: Vec<String>,
    pub(super) tooltip: String,
    pub(super) place: Place,
}

/// The lines inside a Service's box: address, ports, selector, findings.
pub(super) fn service_lines(model: &Model, r: &ServiceReport) -> Vec<(String, Class)> {
    let s = &model.services[r.service];
    let mut lines = vec![(words::address_line(s), Class::Detail)];
    lines.extend(
        words::service_port_lines(s)
            .into_iter()
            .map(|l| (l, Class::Detail)),
    );
    match &s.selector {
        Some(sel) => lines.push((
            format!(
                "selector {}",
                crate::model::format_labels(sel).replace(',', ", ")
            ),
            Class::Detail,
        )),
        None if s.service_type != ServiceType::ExternalName => {
            lines.push(("no selector: backends from Endpoints".into(), Class::Detail))
        }
        None => {}
    }
    for f in &r.findings {
        match f.code {
            Code::SelectsNothing => lines.push(("⚠ selects no pod".into(), Class::Warning)),
            Code::TargetPortMissing => {
                // Which port: the one whose named targetPort some backend lacks.
                let missing: Vec<String> = r
                    .ports
                    .iter()
                    .filter(|p| p.resolved.iter().any(Option::is_none))
                    .filter_map(|p| match &s.ports[p.index].target_port {
                        PortRef::Name(n) => Some(n.clone()),
                        PortRef::Number(_) => None,
                    })
                    .collect();
                let mut missing = missing;
                missing.dedup();
                for n in missing {
                    let line = (format!("⚠ targetPort {n} missing on pods"), Class::Warning);
                    if !lines.contains(&line) {
                        lines.push(line);
                    }
                }
            }
            _ => {}
        }
    }
    lines
}

/// The nodes left of a Service: how it is reached, one node per way (in-cluster, node port,
/// load balancer, DNS alias) covering all its ports.
pub(super) fn access_nodes(model: &Model, r: &ServiceReport) -> Vec<AccessNode> {
    let s = &model.services[r.service];
    let room = ACCESS_W - 2 * draw::PAD;
    let wrap = |t: &str| text::wrap_at_dots(t, room, text::DETAIL_SIZE);
    let node = |kind, heading: &str, lines: Vec<String>, sentences: Vec<String>| AccessNode {
        kind,
        heading: heading.into(),
        lines,
        tooltip: format!("Reached {}.", sentences.join("; ")),
        place: Place::default(),
    };
    if s.service_type == ServiceType::ExternalName {
        let target = s.external_name.clone().unwrap_or_default();
        let dns = s.dns_name();
        let mut lines = wrap(&dns);
        lines.extend(wrap(&format!("→ {target}")));
        return vec![node(
            "external-name",
            "DNS alias (CNAME)",
            lines,
            vec![format!(
                "{dns} is a DNS alias (CNAME) for {target}; nothing is proxied"
            )],
        )];
    }
    // Per way of reaching it: the ports, the sentences.
    let mut cluster: Vec<(Option<String>, String, u16)> = Vec::new();
    let mut headless: Option<String> = None;
    let mut headless_ports: Vec<String> = Vec::new();
    let mut node_ports: Vec<String> = Vec::new();
    let mut balancer: Vec<String> = Vec::new();
    let mut sentences: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for pr in &r.ports {
        for a in &pr.access {
            let kind = match a {
                Access::ClusterIp { address, dns, port } => {
                    cluster.push((address.clone(), dns.clone(), *port));
                    "cluster-ip"
                }
                Access::Headless {
                    dns,
                    port,
                    srv,
                    target_port,
                } => {
                    headless = Some(dns.clone());
                    headless_ports.push(match srv {
                        Some(_) => format!("port {port} as used (SRV: {target_port})"),
                        None => format!("port {port} as used"),
                    });
                    "headless"
                }
                Access::NodePort {
                    node_port,
                    allocated,
                } => {
                    node_ports.push(format!(
                        "<node IP>:{node_port} → {}{}",
                        s.ports[pr.index].port,
                        if *allocated { " (allocated)" } else { "" }
                    ));
                    "node-port"
                }
                Access::LoadBalancer { addresses, port } => {
                    balancer.push(if addresses.is_empty() {
                        format!("provider's address:{port}")
                    } else {
                        format!("{}:{port}", addresses.join(", "))
                    });
                    "load-balancer"
                }
                Access::ExternalName { .. } => continue,
            };
            let list = sentences.entry(kind).or_default();
            let sentence = a.describe();
            if !list.contains(&sentence) {
                list.push(sentence);
            }
        }
    }
    let mut out = Vec::new();
    if let Some((_, dns, _)) = cluster.first() {
        let ports: Vec<String> = cluster.iter().map(|c| c.2.to_string()).collect();
        let mut lines = wrap(&format!("{dns}:{}", ports.join(",")));
        if let Some(ip) = cluster.iter().find_map(|c| c.0.clone()) {
            lines.push(format!("{ip}:{}", ports.join(",")));
        }
        out.push(node(
            "cluster-ip",
            "in-cluster",
            lines,
            sentences.remove("cluster-ip").unwrap_or_default(),
        ));
    }
    if let Some(dns) = headless {
        let mut lines = wrap(&dns);
        lines.push("DNS → the pods' own IPs".into());
        lines.extend(headless_ports);
        out.push(node(
            "headless",
            "in-cluster (headless)",
            lines,
            sentences.remove("headless").unwrap_or_default(),
        ));
    }
    if !node_ports.is_empty() {
        out.push(node(
            "node-port",
            "from outside: node IP",
            node_ports,
            sentences.remove("node-port").unwrap_or_default(),
        ));
    }
    if !balancer.is_empty() {
        out.push(node(
            "load-balancer",
            "load balancer (outside)",
            balancer,
            sentences.remove("load-balancer").unwrap_or_default(),
        ));
    }
    out
}

/// The tooltip of a Service port → pods arrow. `none_resolve`: no backend of the port has
/// its named targetPort, so the port has no endpoints at all.
pub(super) fn edge_sentence(
    s: &crate::model::Service,
    port: usize,
    hits: &[(String, bool, String)],
    none_resolve: bool,
) -> String {
    let p = &s.ports[port];
    let per: Vec<String> = hits
        .iter()
        .map(|(label, broken, name)| {
            // The EndpointSlice controller lists a pod under a port only where the port
            // resolves on it (as `services` and `explain` say): such a pod gets none of it.
            if *broken && none_resolve {
                format!(
                    "{name}: no container port named `{}`, and no selected pod has one, so port {} has no endpoints and connections to it are refused",
                    p.target_port, p.port
                )
            } else if *broken {
                format!(
                    "{name}: no container port named `{}`, so it is no endpoint of port {}, whose traffic goes to the pods that have it",
                    p.target_port, p.port
                )
            } else {
                format!("{name}: {label}")
            }
        })
        .collect();
    format!(
        "Service {} port {}/{} (targetPort {}) → {}.",
        s.key(),
        p.port,
        p.protocol,
        p.target_port,
        per.join("; ")
    )
}
