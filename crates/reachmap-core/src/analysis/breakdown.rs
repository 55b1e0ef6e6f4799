//! Why a flow is not admitted, rule by rule: for each policy that isolates a side that refuses
//! the flow, each rule's peers and ports with what matched and what did not ("pods with
//! app=coffeeshop in default; default/nginx has run=nginx", "named port `htpp`: default/web
//! has no TCP port of that name (it has `http`)", "TCP port 8080 only"). Each check carries a
//! link to its place in the manifests (policy, direction, rule, entry, path, line), so the page
//! can put the editor's cursor there; the words are the ones `explain` prints.

use super::policy::{
    peer_matches, port_matches, Direction, Endpoint, Explanation, Match, RuleRef, Side,
};
use super::probe::Probe;
use crate::diag::Location;
use crate::model::{format_labels, Model, Peer, PolicyPort, PortRef};
use serde::Serialize;

/// A rule reference with its place in the manifests: what the page links to put the editor's
/// cursor on the rule (`RuleRef::link`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleLink {
    /// The policy, direction, rule, and the entry of `from`/`to` or `ports` meant.
    pub rule: RuleRef,
    /// The field path, as Kubernetes writes it: `spec.ingress[0].from[1]`.
    pub path: String,
    /// Where that is in the manifests (line and column of the entry, else of the rule).
    pub location: Location,
}

impl RuleRef {
    /// The reference's path and place in the manifests.
    pub fn link(&self, model: &Model) -> RuleLink {
        let policy = &model.policies[self.policy];
        let (places, list, peers_key) = match self.direction {
            Direction::Ingress => (&policy.ingress_places, "ingress", "from"),
            Direction::Egress => (&policy.egress_places, "egress", "to"),
        };
        let place = places.get(self.rule);
        let mut path = format!("spec.{list}[{}]", self.rule);
        let mut location = place.map_or(policy.location.clone(), |p| p.at.clone());
        if let Some(j) = self.peer {
            path.push_str(&format!(".{peers_key}[{j}]"));
            if let Some(at) = place.and_then(|p| p.peers.get(j)) {
                location = at.clone();
            }
        }
        if let Some(k) = self.port {
            path.push_str(&format!(".ports[{k}]"));
            if let Some(at) = place.and_then(|p| p.ports.get(k)) {
                location = at.clone();
            }
        }
        RuleLink {
            rule: *self,
            path,
            location,
        }
    }
}

/// One entry checked against the flow, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The entry's place in the manifests.
    pub link: RuleLink,
    /// Whether it admits the flow (`Partly`: some of "any outside address").
    pub admits: Match,
    /// What the entry admits and what the flow has: "pods with app=coffeeshop in default;
    /// default/nginx has run=nginx".
    pub words: String,
}

/// One rule of an isolating policy: its peers and ports, each checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCheck {
    /// The rule's place in the manifests.
    pub link: RuleLink,
    /// Empty when the rule has no `from`/`to` (every peer).
    pub peers: Vec<Check>,
    /// Empty when the rule has no `ports` (every port).
    pub ports: Vec<Check>,
}

/// One policy isolating the side, with its rules in that direction (none: it admits nothing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyCheck {
    /// Index into `Model::policies`.
    pub policy: usize,
    /// Each of the policy's rules in the side's direction, in order.
    pub rules: Vec<RuleCheck>,
}

/// One side of the flow that does not admit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SideCheck {
    /// Egress: the source's policies; ingress: the destination's.
    pub direction: Direction,
    /// The policies isolating that side (none of which admits the flow).
    pub policies: Vec<PolicyCheck>,
}

/// The rule-by-rule reasons for each side of `e` that does not fully admit the flow; empty
/// for an allowed flow.
pub fn breakdown(model: &Model, e: &Explanation) -> Vec<SideCheck> {
    let mut out = Vec::new();
    for (direction, side, peer, destination) in [
        (Direction::Egress, &e.egress, e.to, e.to),
        (Direction::Ingress, &e.ingress, e.from, e.to),
    ] {
        let Side::Isolated { policies, .. } = side else {
            continue;
        };
        if side.allows() == Match::Yes {
            continue;
        }
        let policies = policies
            .iter()
            .map(|&p| PolicyCheck {
                policy: p,
                rules: rules(model, p, direction, peer, destination, e.probe),
            })
            .collect();
        out.push(SideCheck {
            direction,
            policies,
        });
    }
    out
}

fn rules(
    model: &Model,
    p: usize,
    direction: Direction,
    peer: Endpoint,
    destination: Endpoint,
    probe: Probe,
) -> Vec<RuleCheck> {
    let policy = &model.policies[p];
    let rules = match direction {
        Direction::Ingress => &policy.ingress,
        Direction::Egress => &policy.egress,
    };
    rules
        .iter()
        .enumerate()
        .map(|(ri, rule)| {
            let link = |peer: Option<usize>, port: Option<usize>| {
                RuleRef {
                    policy: p,
                    direction,
                    rule: ri,
                    peer,
                    port,
                }
                .link(model)
            };
            let peers = rule
                .peers
                .iter()
                .enumerate()
                .map(|(j, entry)| {
                    let mut ignored = Vec::new();
                    let admits = peer_matches(model, policy, entry, peer, &mut ignored);
                    Check {
                        link: link(Some(j), None),
                        admits,
                        words: peer_words(model, &policy.namespace, entry, peer, admits),
                    }
                })
                .collect();
            let ports = rule
                .ports
                .iter()
                .enumerate()
                .map(|(k, entry)| {
                    let admits = if port_matches(model, entry, destination, probe) {
                        Match::Yes
                    } else {
                        Match::No
                    };
                    Check {
                        link: link(None, Some(k)),
                        admits,
                        words: port_words(model, entry, destination, probe, admits),
                    }
                })
                .collect();
            RuleCheck {
                link: link(None, None),
                peers,
                ports,
            }
        })
        .collect()
}

/// What a peer entry admits, then what the other end of the flow is.
fn peer_words(
    model: &Model,
    policy_namespace: &str,
    entry: &Peer,
    other: Endpoint,
    admits: Match,
) -> String {
    let name = other.name(model);
    match entry {
        Peer::Pods { pods, namespaces } => {
            let who = match pods {
                Some(sel) if !sel.is_empty() => format!("pods with {sel}"),
                _ => "every pod".to_string(),
            };
            let place = match namespaces {
                None => format!("in {policy_namespace}"),
                Some(sel) if sel.is_empty() => "in every namespace".to_string(),
                Some(sel) => format!("in namespaces with {sel}"),
            };
            let what = format!("{who} {place}");
            let Endpoint::Group(g) = other else {
                return format!(
                    "{what}; {name} is outside the cluster, which a pod selector never matches"
                );
            };
            if admits == Match::Yes {
                return format!("{what}; {name} is one");
            }
            let group = &model.groups[g];
            let in_namespace = match namespaces {
                None => group.namespace == policy_namespace,
                Some(sel) => model
                    .namespace(&group.namespace)
                    .is_some_and(|n| sel.matches(&n.labels)),
            };
            if !in_namespace {
                let labels = model
                    .namespace(&group.namespace)
                    .map(|n| format_labels(&n.labels))
                    .unwrap_or_default();
                return match namespaces {
                    None => format!("{what}; {name} is in namespace {}", group.namespace),
                    Some(_) => format!(
                        "{what}; {name} is in namespace {}, labelled {labels}",
                        group.namespace
                    ),
                };
            }
            let labels = if group.labels.is_empty() {
                "no labels".to_string()
            } else {
                format_labels(&group.labels)
            };
            format!("{what}; {name} has {labels}")
        }
        Peer::IpBlock(block) => {
            let what = format!("addresses in {block}");
            match (other, admits) {
                (_, Match::Partly) => {
                    format!("{what}; only some of {name} are, so it depends on the address")
                }
                (Endpoint::Group(g), Match::No) if model.groups[g].ips.is_empty() => format!(
                    "{what}; {name} has no pod IP in the manifests, and an ipBlock matches pods only by their IPs"
                ),
                (Endpoint::Group(g), Match::No) => {
                    let ips: Vec<String> =
                        model.groups[g].ips.iter().map(|ip| ip.to_string()).collect();
                    format!("{what}; {name} has {}", ips.join(", "))
                }
                (_, Match::No) => format!("{what}; {name} is not one"),
                (_, Match::Yes) => format!("{what}; {name} is one"),
            }
        }
    }
}

/// What a ports entry admits, then what the flow is.
fn port_words(
    model: &Model,
    entry: &PolicyPort,
    destination: Endpoint,
    probe: Probe,
    admits: Match,
) -> String {
    let proto = entry.protocol;
    let what = match (&entry.port, entry.end_port) {
        (None, _) => format!("every {proto} port"),
        (Some(PortRef::Number(n)), None) => format!("{proto} port {n} only"),
        (Some(PortRef::Number(n)), Some(end)) => format!("{proto} ports {n}-{end} only"),
        (Some(PortRef::Name(name)), _) => format!("named port `{name}`"),
    };
    // Only a named port of the flow's protocol that does not admit it needs more words: which
    // port the name is on the destination, or that it is on none.
    let name = match &entry.port {
        Some(PortRef::Name(name)) if admits == Match::No && proto == probe.protocol => name,
        _ => return format!("{what}; the flow is {probe}"),
    };
    let Endpoint::Group(d) = destination else {
        return format!("{what}; a named port names nothing outside the cluster");
    };
    let group = &model.groups[d];
    let who = group.endpoint();
    match group.named_port(name, proto) {
        Some(cp) => format!(
            "{what} is {proto}/{} on {who}; the flow is {probe}",
            cp.port
        ),
        None => {
            let names: Vec<String> = group
                .ports
                .iter()
                .filter(|cp| cp.protocol == proto)
                .filter_map(|cp| cp.name.as_ref().map(|n| format!("`{n}`")))
                .collect();
            if names.is_empty() {
                format!("{what}; {who} has no {proto} port of that name (it names none)")
            } else {
                format!(
                    "{what}; {who} has no {proto} port of that name (it has {})",
                    names.join(", ")
                )
            }
        }
    }
}
