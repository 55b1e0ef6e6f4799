//! Cluster-wide policies (`policy.networking.k8s.io`): ClusterNetworkPolicy (v1alpha2),
//! AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1), with what their CRDs' schemas
//! and CEL rules reject. An object the API server would reject gets an error, and is left out.

use super::cluster_limits::{check_max, max_items};
use super::cluster_ports::read_ports;
use super::policies::parse_cidr;
use super::reader::{Node, ObjectReader};
use super::Meta;
use crate::diag::Code;
use crate::model::{
    ClusterAction, ClusterKind, ClusterPeer, ClusterPolicy, ClusterPort, ClusterRule,
    ClusterSelect, Tier,
};

pub fn read_cluster_policy(
    r: &mut ObjectReader,
    root: &Node,
    meta: &Meta,
    kind: ClusterKind,
) -> Option<ClusterPolicy> {
    let Some(spec) = r.mapping(root, "spec") else {
        r.error(
            Code::MissingField,
            root,
            format!("a {} needs `spec`", kind.as_str()),
        );
        return None;
    };
    let tier = match kind {
        ClusterKind::AdminNetworkPolicy => Tier::Admin,
        ClusterKind::BaselineAdminNetworkPolicy => Tier::Baseline,
        ClusterKind::ClusterNetworkPolicy => match r.string(&spec, "tier").as_deref() {
            Some("Admin") => Tier::Admin,
            Some("Baseline") => Tier::Baseline,
            Some(other) => {
                let at = r.field(&spec, "tier").expect("just read");
                r.error(
                    Code::InvalidValue,
                    &at,
                    format!("tier `{other}` is not supported: use Admin or Baseline"),
                );
                return None;
            }
            None => {
                r.error(
                    Code::MissingField,
                    &spec,
                    "`spec.tier` is required (Admin or Baseline; there is no default)".into(),
                );
                return None;
            }
        },
    };
    if kind == ClusterKind::BaselineAdminNetworkPolicy && meta.name != "default" {
        r.report(
            crate::diag::Severity::Error,
            Code::InvalidName,
            &meta.name_path,
            "Only one baseline admin network policy with metadata.name=\"default\" can be created in the cluster".into(),
        );
    }
    let priority = read_priority(r, &spec, kind);
    let subject = match r.mapping(&spec, "subject") {
        Some(at) => read_select(r, &at, kind, "subject"),
        None => {
            r.error(
                Code::MissingField,
                &spec,
                "`spec.subject` is required".into(),
            );
            None
        }
    };
    let ingress = read_rules(r, &spec, kind, true);
    let egress = read_rules(r, &spec, kind, false);
    Some(ClusterPolicy {
        kind,
        name: meta.name.clone(),
        tier,
        priority: priority?,
        subject: subject?,
        ingress,
        egress,
        location: meta.location.clone(),
    })
}

fn read_priority(r: &mut ObjectReader, spec: &Node, kind: ClusterKind) -> Option<u32> {
    if kind == ClusterKind::BaselineAdminNetworkPolicy {
        if let Some(at) = r.field(spec, "priority") {
            r.warn(
                Code::Ineffective,
                &at,
                "a BaselineAdminNetworkPolicy has no `priority`; the API server drops this field"
                    .into(),
            );
        }
        return Some(0);
    }
    match r.integer(spec, "priority") {
        Some(n @ 0..=1000) => Some(n as u32),
        Some(n) => {
            let at = r.field(spec, "priority").expect("just read");
            r.error(
                Code::InvalidValue,
                &at,
                format!("priority {n} is out of range: it must be from 0 to 1000"),
            );
            None
        }
        None => {
            if r.field(spec, "priority").is_none() {
                r.error(
                    Code::MissingField,
                    spec,
                    "`spec.priority` is required (0 to 1000, lower first)".into(),
                );
            }
            None
        }
    }
}

/// The keys a subject or peer may have; exactly one must be set.
fn peer_keys(kind: ClusterKind, what: &str) -> &'static [&'static str] {
    match (what, kind) {
        ("subject" | "ingress", _) => &["namespaces", "pods"],
        ("egress", ClusterKind::BaselineAdminNetworkPolicy) => {
            &["namespaces", "pods", "nodes", "networks"]
        }
        _ => &["namespaces", "pods", "nodes", "networks", "domainNames"],
    }
}

/// A subject or a namespaces/pods peer.
fn read_select(
    r: &mut ObjectReader,
    at: &Node,
    kind: ClusterKind,
    what: &str,
) -> Option<ClusterSelect> {
    match one_key(r, at, kind, what)?.as_str() {
        "namespaces" => r.selector(at, "namespaces").map(ClusterSelect::Namespaces),
        _ => read_pods(r, at, kind),
    }
}

/// The one key a subject or peer sets, or an error saying what is wrong.
fn one_key(r: &mut ObjectReader, at: &Node, kind: ClusterKind, what: &str) -> Option<String> {
    let allowed = peer_keys(kind, what);
    let Some(map) = at.value.as_mapping() else {
        r.error(Code::WrongType, at, format!("a {what} must be a mapping"));
        return None;
    };
    let mut set = Vec::new();
    for key in map.keys().filter_map(|k| k.as_str()) {
        if r.field(at, key).is_none() {
            continue;
        }
        if allowed.contains(&key) {
            set.push(key.to_string());
        } else if let Some(child) = r.field(at, key) {
            r.error(
                Code::InvalidValue,
                &child,
                format!(
                    "`{key}` is not a field of a {} {}; it may have one of {}",
                    kind.as_str(),
                    if what == "subject" {
                        "subject".to_string()
                    } else {
                        format!("{what} peer")
                    },
                    allowed
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            return None;
        }
    }
    match set.as_slice() {
        [one] => Some(one.clone()),
        [] => {
            r.error(
                Code::MissingField,
                at,
                format!(
                    "a {what} must set exactly one of {}",
                    allowed
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            None
        }
        several => {
            r.error(
                Code::InvalidValue,
                at,
                format!(
                    "a {what} must set exactly one field, not {}",
                    several.join(" and ")
                ),
            );
            None
        }
    }
}

fn read_pods(r: &mut ObjectReader, at: &Node, kind: ClusterKind) -> Option<ClusterSelect> {
    let pods_node = r.mapping(at, "pods")?;
    let pods = r.selector(&pods_node, "podSelector");
    let namespaces = r.selector(&pods_node, "namespaceSelector");
    if pods.is_none() {
        r.error(
            Code::MissingField,
            &pods_node,
            "`pods.podSelector` is required (`{}` selects every pod)".into(),
        );
    }
    // v1alpha1 requires both selectors; v1alpha2 reads a missing namespaceSelector as `{}`.
    if namespaces.is_none() && kind.is_v1alpha1() {
        r.error(
            Code::MissingField,
            &pods_node,
            "`pods.namespaceSelector` is required in v1alpha1 (`{}` selects every namespace)"
                .into(),
        );
        return None;
    }
    Some(ClusterSelect::Pods {
        namespaces: namespaces.unwrap_or_default(),
        pods: pods?,
    })
}

fn read_rules(
    r: &mut ObjectReader,
    spec: &Node,
    kind: ClusterKind,
    ingress: bool,
) -> Vec<ClusterRule> {
    let (key, peers_key) = if ingress {
        ("ingress", "from")
    } else {
        ("egress", "to")
    };
    let max = max_items(kind);
    let rules = r.list(spec, key);
    check_max(r, &rules, spec, key, max);
    let mut out = Vec::new();
    for rule in rules {
        if !rule.value.is_mapping() {
            r.error(
                Code::WrongType,
                &rule,
                format!("each {key} rule must be a mapping"),
            );
            continue;
        }
        let name = r.string(&rule, "name");
        if let Some(n) = &name {
            if n.chars().count() > 100 {
                let at = r.field(&rule, "name").expect("just read");
                r.error(
                    Code::InvalidValue,
                    &at,
                    "a rule's name may have at most 100 characters".into(),
                );
            }
        }
        let action = read_action(r, &rule, kind);
        let peer_nodes = r.list(&rule, peers_key);
        if peer_nodes.is_empty() {
            r.error(
                Code::MissingField,
                &rule,
                format!("`{peers_key}` must list at least one peer"),
            );
        }
        check_max(r, &peer_nodes, &rule, peers_key, max);
        let mut peers = Vec::new();
        for peer in &peer_nodes {
            if let Some(p) = read_peer(r, peer, kind, key) {
                peers.push(p);
            }
        }
        let ports = read_ports(r, &rule, kind);
        if !ingress {
            check_named_port_peers(r, &rule, &peers, &ports);
        }
        if let Some(action) = action {
            out.push(ClusterRule {
                name,
                action,
                peers,
                ports,
                at: r.place.location(&rule.path),
            });
        }
    }
    out
}

fn read_action(r: &mut ObjectReader, rule: &Node, kind: ClusterKind) -> Option<ClusterAction> {
    let allowed: &[&str] = match kind {
        ClusterKind::ClusterNetworkPolicy => &["Accept", "Deny", "Pass"],
        ClusterKind::AdminNetworkPolicy => &["Allow", "Deny", "Pass"],
        ClusterKind::BaselineAdminNetworkPolicy => &["Allow", "Deny"],
    };
    let Some(action) = r.string(rule, "action") else {
        r.error(
            Code::MissingField,
            rule,
            format!("`action` is required: {}", allowed.join(", ")),
        );
        return None;
    };
    if !allowed.contains(&action.as_str()) {
        let at = r.field(rule, "action").expect("just read");
        r.error(
            Code::InvalidValue,
            &at,
            format!(
                "action `{action}` is not supported by {}: use {}",
                kind.as_str(),
                allowed.join(", ")
            ),
        );
        return None;
    }
    Some(match action.as_str() {
        "Deny" => ClusterAction::Deny,
        "Pass" => ClusterAction::Pass,
        _ => ClusterAction::Accept,
    })
}

fn read_peer(
    r: &mut ObjectReader,
    peer: &Node,
    kind: ClusterKind,
    what: &str,
) -> Option<ClusterPeer> {
    match one_key(r, peer, kind, what)?.as_str() {
        "namespaces" | "pods" => read_select(r, peer, kind, what).map(ClusterPeer::Select),
        "nodes" => r.selector(peer, "nodes").map(ClusterPeer::Nodes),
        "networks" => read_items(r, peer, "networks", "CIDRs", |r, item| {
            let text = item.value.as_str()?;
            parse_cidr(r, item, text)
        })
        .map(ClusterPeer::Networks),
        _ => read_items(r, peer, "domainNames", "names", |_, item| {
            item.value
                .as_str()
                .filter(|name| domain_name_ok(name))
                .map(str::to_string)
        })
        .map(ClusterPeer::DomainNames),
    }
}

/// A peer's list of 1 to 25 addresses or names, each read by `read`; an item it cannot read
/// is an error (unless `read` said why itself), and so is the peer.
fn read_items<T>(
    r: &mut ObjectReader,
    peer: &Node,
    key: &str,
    what: &str,
    read: impl Fn(&mut ObjectReader, &Node) -> Option<T>,
) -> Option<Vec<T>> {
    let items = r.list(peer, key);
    if items.is_empty() || items.len() > 25 {
        r.error(
            Code::InvalidValue,
            peer,
            format!("`{key}` must list from 1 to 25 {what}"),
        );
        return None;
    }
    let mut out = Vec::new();
    for item in &items {
        let errors = r.diagnostics.len();
        match read(r, item) {
            Some(v) => out.push(v),
            None => {
                if r.diagnostics.len() == errors {
                    let example = if key == "networks" {
                        "a CIDR such as `10.0.0.0/8`"
                    } else {
                        "a domain name (`example.com`, or `*.example.com`)"
                    };
                    r.error(Code::InvalidValue, item, format!("not {example}"));
                }
                return None;
            }
        }
    }
    Some(out)
}

/// The CRD's pattern for `DomainName`: labels of letters, digits, `-` and `_` (not at either
/// end), at least two, an optional `*.` first and an optional final dot.
fn domain_name_ok(name: &str) -> bool {
    let name = name.strip_prefix("*.").unwrap_or(name);
    let name = name.strip_suffix('.').unwrap_or(name);
    let labels: Vec<&str> = name.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            ends_ok(l.chars().next())
                && ends_ok(l.chars().last())
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The CEL rule on egress rules (experimental CRDs): a named port resolves on a pod, so it
/// cannot go with peers that are addresses.
fn check_named_port_peers(
    r: &mut ObjectReader,
    rule: &Node,
    peers: &[ClusterPeer],
    ports: &[ClusterPort],
) {
    let addresses = peers.iter().any(|p| !matches!(p, ClusterPeer::Select(_)));
    let named = ports.iter().any(|p| matches!(p, ClusterPort::Named(_)));
    if addresses && named {
        r.error(
            Code::InvalidValue,
            rule,
            "a named port cannot be used with `networks`, `nodes` or `domainNames` peers: it names a port of a pod".into(),
        );
    }
}
