//! NetworkPolicies (networking.k8s.io/v1), with the API server's validation and defaults.

use super::reader::{Node, ObjectReader};
use super::Meta;
use crate::diag::Code;
use crate::model::{IpBlock, NetworkPolicy, Peer, PolicyPort, PortRef, Rule, RulePlace};
use ipnet::IpNet;
use std::net::IpAddr;

pub fn read_policy(r: &mut ObjectReader, root: &Node, meta: &Meta) -> Option<NetworkPolicy> {
    let Some(spec) = r.mapping(root, "spec") else {
        r.error(
            Code::MissingField,
            root,
            "a NetworkPolicy needs `spec`".into(),
        );
        return None;
    };
    let pod_selector = match r.selector(&spec, "podSelector") {
        Some(sel) => sel,
        None => {
            r.warn(
                Code::MissingField,
                &spec,
                "`podSelector` is missing; the API server reads it as `{}`, which selects every pod in the namespace".into(),
            );
            Default::default()
        }
    };
    let (ingress, ingress_places) = read_rules(r, &spec, "ingress", "from");
    let (egress, egress_places) = read_rules(r, &spec, "egress", "to");
    let mut types = Vec::new();
    for t in r.list(&spec, "policyTypes") {
        match t.value.as_str() {
            Some(s @ ("Ingress" | "Egress")) if !types.contains(&s.to_string()) => {
                types.push(s.to_string())
            }
            Some(s @ ("Ingress" | "Egress")) => {
                r.error(Code::Duplicate, &t, format!("policyTypes lists {s} twice"))
            }
            _ => r.error(
                Code::InvalidValue,
                &t,
                "policyTypes entries must be `Ingress` or `Egress`".into(),
            ),
        }
    }
    // Defaulting (SetDefaults_NetworkPolicySpec): without policyTypes, Ingress always, plus
    // Egress when there is at least one egress rule (`egress: []` adds nothing).
    let (isolates_ingress, isolates_egress) = if types.is_empty() {
        (true, !egress.is_empty())
    } else {
        (
            types.iter().any(|t| t == "Ingress"),
            types.iter().any(|t| t == "Egress"),
        )
    };
    if !isolates_ingress && !ingress.is_empty() {
        let at = r.field(&spec, "ingress").expect("has rules");
        r.warn(
            Code::Ineffective,
            &at,
            "these ingress rules have no effect: `policyTypes` does not list Ingress".into(),
        );
    }
    if !isolates_egress && !egress.is_empty() {
        let at = r.field(&spec, "egress").expect("has rules");
        r.warn(
            Code::Ineffective,
            &at,
            "these egress rules have no effect: `policyTypes` does not list Egress".into(),
        );
    }
    Some(NetworkPolicy {
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        pod_selector,
        ingress,
        egress,
        isolates_ingress,
        isolates_egress,
        location: meta.location.clone(),
        ingress_places,
        egress_places,
    })
}

/// The rules of `key`, and where each is. (A rule or entry that cannot be read makes the
/// object rejected, so in a kept policy the model's indices are the manifest's.)
fn read_rules(
    r: &mut ObjectReader,
    spec: &Node,
    key: &str,
    peers_key: &str,
) -> (Vec<Rule>, Vec<RulePlace>) {
    let mut rules = Vec::new();
    let mut places = Vec::new();
    for rule in r.list(spec, key) {
        if !rule.value.is_mapping() {
            r.error(
                Code::WrongType,
                &rule,
                format!("each {key} rule must be a mapping"),
            );
            continue;
        }
        let mut peers = Vec::new();
        let mut place = RulePlace {
            at: r.place.location(&rule.path),
            ..RulePlace::default()
        };
        for peer in r.list(&rule, peers_key) {
            if let Some(p) = read_peer(r, &peer) {
                peers.push(p);
                place.peers.push(r.place.location(&peer.path));
            }
        }
        let mut ports = Vec::new();
        for port in r.list(&rule, "ports") {
            if let Some(p) = read_port(r, &port) {
                ports.push(p);
                place.ports.push(r.place.location(&port.path));
            }
        }
        rules.push(Rule { peers, ports });
        places.push(place);
    }
    (rules, places)
}

fn read_peer(r: &mut ObjectReader, peer: &Node) -> Option<Peer> {
    let pods = r.selector(peer, "podSelector");
    let namespaces = r.selector(peer, "namespaceSelector");
    let ip_block = r.mapping(peer, "ipBlock");
    match (pods, namespaces, ip_block) {
        (None, None, None) => {
            r.error(
                Code::MissingField,
                peer,
                "a peer must have podSelector, namespaceSelector or ipBlock".into(),
            );
            None
        }
        (pods, namespaces, None) => Some(Peer::Pods { pods, namespaces }),
        (None, None, Some(block)) => read_ip_block(r, &block).map(Peer::IpBlock),
        (_, _, Some(_)) => {
            r.error(
                Code::InvalidValue,
                peer,
                "a peer may not have ipBlock together with podSelector or namespaceSelector".into(),
            );
            None
        }
    }
}

pub(super) fn parse_cidr(r: &mut ObjectReader, node: &Node, text: &str) -> Option<IpNet> {
    // A bare address without a prefix length is not a CIDR for the API server.
    match text.parse::<IpNet>() {
        Ok(net) => {
            if net.trunc() != net {
                r.warn(
                    Code::InvalidCidr,
                    node,
                    format!("`{text}` has host bits set; it means {}", net.trunc()),
                );
            }
            Some(net.trunc())
        }
        Err(_) => {
            let hint = if text.parse::<IpAddr>().is_ok() {
                " (add a prefix length, e.g. /32)"
            } else {
                ""
            };
            r.error(
                Code::InvalidCidr,
                node,
                format!("`{text}` is not a valid CIDR{hint}"),
            );
            None
        }
    }
}

fn read_ip_block(r: &mut ObjectReader, block: &Node) -> Option<IpBlock> {
    let Some(text) = r.string(block, "cidr") else {
        r.error(Code::MissingField, block, "ipBlock needs `cidr`".into());
        return None;
    };
    let at = r.field(block, "cidr").expect("just read");
    let cidr = parse_cidr(r, &at, &text)?;
    let mut except = Vec::new();
    for e in r.list(block, "except") {
        let Some(text) = e.value.as_str() else {
            r.error(Code::WrongType, &e, "except entries must be strings".into());
            continue;
        };
        let Some(net) = parse_cidr(r, &e, text) else {
            continue;
        };
        // ValidateIPBlock: each except must be a strict subset of cidr.
        if !cidr.contains(&net.network())
            || net.prefix_len() <= cidr.prefix_len()
            || !same_family(&cidr, &net)
        {
            r.error(
                Code::InvalidCidr,
                &e,
                format!("except `{text}` must be a strict subset of cidr `{cidr}`"),
            );
            continue;
        }
        except.push(net);
    }
    Some(IpBlock { cidr, except })
}

fn same_family(a: &IpNet, b: &IpNet) -> bool {
    matches!(
        (a, b),
        (IpNet::V4(_), IpNet::V4(_)) | (IpNet::V6(_), IpNet::V6(_))
    )
}

fn read_port(r: &mut ObjectReader, node: &Node) -> Option<PolicyPort> {
    let protocol = r.protocol(node);
    let port = r.port_ref(node, "port");
    let end_port = match r.field(node, "endPort") {
        None => None,
        Some(at) => {
            let end = r.port_number(node, "endPort", 1)?;
            match &port {
                Some(PortRef::Number(start)) if end >= *start => Some(end),
                Some(PortRef::Number(start)) => {
                    r.error(
                        Code::InvalidValue,
                        &at,
                        format!("endPort {end} is below port {start}"),
                    );
                    return None;
                }
                Some(PortRef::Name(_)) => {
                    r.error(
                        Code::InvalidValue,
                        &at,
                        "endPort may only be used with a numeric port".into(),
                    );
                    return None;
                }
                None => {
                    r.error(
                        Code::InvalidValue,
                        &at,
                        "endPort may only be used together with `port`".into(),
                    );
                    return None;
                }
            }
        }
    };
    if port.is_none() && r.field(node, "port").is_some() {
        return None;
    }
    Some(PolicyPort {
        protocol,
        port,
        end_port,
    })
}
