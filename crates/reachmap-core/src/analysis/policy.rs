//! NetworkPolicy verdicts, evaluated directly from the API's rules for one flow at a time, with
//! the explanation a person reads. This is also the reference the fast matrix is tested against.
//!
//! The rules (networking.k8s.io/v1):
//! - A pod is isolated for ingress (egress) when a policy of its namespace selects it and has
//!   Ingress (Egress) among its effective policyTypes.
//! - Traffic is allowed when the source's egress side and the destination's ingress side both
//!   allow it; a side allows it when the pod is not isolated on that side, or when some rule of
//!   a policy selecting it matches the peer and the port. Policies only ever add allowances.

use super::probe::Probe;
pub use super::terms::{Direction, Endpoint, Match};
use super::tiers::{self, TierWalk};
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{
    LabelSelector, Labels, Model, NetworkPolicy, Peer, PodGroup, PolicyPort, PortRef, Rule,
    NAMESPACE_NAME_LABEL,
};
use serde::Serialize;
use std::fmt;

/// The exact place in a policy that admits a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RuleRef {
    /// Index into `Model::policies`.
    pub policy: usize,
    /// Which of the policy's rule lists (`ingress` or `egress`).
    pub direction: Direction,
    /// Index of the rule in that list.
    pub rule: usize,
    /// The peer that matched; `None` when the rule has no `from`/`to` (every peer).
    pub peer: Option<usize>,
    /// The port entry that matched; `None` when the rule has no `ports` (every port).
    pub port: Option<usize>,
}

impl RuleRef {
    /// `default/api-allow ingress[0].from[0] ports[1]`, or with "(every peer)"/"(every port)".
    pub fn describe(&self, model: &Model) -> String {
        let (list, peers) = self.direction.field();
        let mut s = format!(
            "{} {list}[{}]",
            model.policies[self.policy].key(),
            self.rule
        );
        match self.peer {
            Some(j) => s.push_str(&format!(".{peers}[{j}]")),
            None => s.push_str(&format!(" (no `{peers}`: every peer)")),
        }
        match self.port {
            Some(k) => s.push_str(&format!(".ports[{k}]")),
            None => s.push_str(" (no `ports`: every port)"),
        }
        s
    }
}

/// What one side (the source's egress or the destination's ingress) says about a flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Side {
    /// The endpoint is outside the cluster: no NetworkPolicy governs this side.
    NotApplicable,
    /// No policy isolates the endpoint on this side: everything is allowed.
    NotIsolated,
    /// Isolated by these policies; `admitted_by` is the first rule that admits the flow.
    Isolated {
        /// Every policy (index into `Model::policies`, in model order) that selects the endpoint
        /// and isolates it in this direction.
        policies: Vec<usize>,
        /// The first rule, in policy then rule order, that admits the flow fully; `None`: none
        /// does.
        admitted_by: Option<RuleRef>,
        /// Rules that admit only part of "any outside address".
        partly_by: Vec<RuleRef>,
    },
}

impl Side {
    /// Whether NetworkPolicies isolate the endpoint on this side (then they decide what the
    /// Admin tier leaves on).
    pub fn isolated(&self) -> bool {
        matches!(self, Side::Isolated { .. })
    }

    /// Whether this side lets the flow through: `Yes` unless isolated, then `Yes` when a rule
    /// admits it, `Partly` when rules admit only some outside addresses, else `No`.
    pub fn allows(&self) -> Match {
        match self {
            Side::NotApplicable | Side::NotIsolated => Match::Yes,
            Side::Isolated {
                admitted_by: Some(_),
                ..
            } => Match::Yes,
            Side::Isolated { partly_by, .. } if !partly_by.is_empty() => Match::Partly,
            Side::Isolated { .. } => Match::No,
        }
    }
}

/// The verdict for a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Both sides let the flow through.
    Allowed,
    /// A side isolates its endpoint and no rule there admits the flow.
    Denied,
    /// Depends on something the manifests do not say (which outside address it is).
    Depends,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Allowed => "allowed",
            Verdict::Denied => "denied",
            Verdict::Depends => "depends",
        })
    }
}

/// A verdict and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The sender.
    pub from: Endpoint,
    /// The receiver.
    pub to: Endpoint,
    /// The protocol and port at the receiver (through a Service: the backend's resolved
    /// targetPort, not the Service's `port`).
    pub probe: Probe,
    /// The source's egress side.
    pub egress: Side,
    /// The destination's ingress side.
    pub ingress: Side,
    /// The cluster-wide tiers of the source's egress side (`None` for an outside source, or
    /// an input without cluster policies).
    pub egress_tiers: Option<TierWalk>,
    /// The cluster-wide tiers of the destination's ingress side.
    pub ingress_tiers: Option<TierWalk>,
    /// Both sides' answer, the weaker wins: `Denied` if either side denies, `Depends` if either
    /// admits only part of the outside addresses, else `Allowed`.
    pub verdict: Verdict,
    /// What the verdict assumes, in words (an undeclared namespace's labels).
    pub assumptions: Vec<String>,
}

/// Evaluates one flow from the policies, with its explanation.
pub fn explain(model: &Model, from: Endpoint, to: Endpoint, probe: Probe) -> Explanation {
    let mut assumptions = Vec::new();
    let egress = match from {
        Endpoint::Outside(_) => Side::NotApplicable,
        Endpoint::Group(g) => side(model, g, Direction::Egress, to, probe, &mut assumptions),
    };
    let ingress = match to {
        Endpoint::Outside(_) => Side::NotApplicable,
        Endpoint::Group(g) => side(model, g, Direction::Ingress, from, probe, &mut assumptions),
    };
    let tiers = |end: Endpoint, direction: Direction, other: Endpoint, side: &Side| match end {
        Endpoint::Group(g) => tiers::walk(model, g, direction, other, probe, side.isolated()),
        Endpoint::Outside(_) => None,
    };
    let egress_tiers = tiers(from, Direction::Egress, to, &egress);
    let ingress_tiers = tiers(to, Direction::Ingress, from, &ingress);
    let with_tiers = |walk: &Option<TierWalk>, side: &Side| match walk {
        Some(w) => tiers::side_allows(w, side.allows(), side.isolated()),
        None => side.allows(),
    };
    let verdict = match with_tiers(&egress_tiers, &egress).min(with_tiers(&ingress_tiers, &ingress))
    {
        Match::Yes => Verdict::Allowed,
        Match::No => Verdict::Denied,
        Match::Partly => Verdict::Depends,
    };
    crate::order::sort_by(&mut assumptions, &|a, b| a.cmp(b));
    assumptions.dedup();
    Explanation {
        from,
        to,
        probe,
        egress,
        ingress,
        egress_tiers,
        ingress_tiers,
        verdict,
        assumptions,
    }
}

/// Whether a policy selects a pod group: same namespace, and the pod selector matches.
pub fn selects(policy: &NetworkPolicy, group: &PodGroup) -> bool {
    policy.namespace == group.namespace && policy.pod_selector.matches(&group.labels)
}

/// One side of a flow for pod group `g`: its policies in `direction`, and the first rule that
/// matches `peer` on the probe.
fn side(
    model: &Model,
    g: usize,
    direction: Direction,
    peer: Endpoint,
    probe: Probe,
    assumptions: &mut Vec<String>,
) -> Side {
    let group = &model.groups[g];
    // The destination is whichever end is not the pod whose side this is.
    let destination = match direction {
        Direction::Ingress => Endpoint::Group(g),
        Direction::Egress => peer,
    };
    let mut policies = Vec::new();
    let mut admitted_by = None;
    let mut partly_by = Vec::new();
    for (pi, policy) in model.policies.iter().enumerate() {
        let applies = match direction {
            Direction::Ingress => policy.isolates_ingress,
            Direction::Egress => policy.isolates_egress,
        };
        if !applies || !selects(policy, group) {
            continue;
        }
        policies.push(pi);
        let rules = match direction {
            Direction::Ingress => &policy.ingress,
            Direction::Egress => &policy.egress,
        };
        for (ri, rule) in rules.iter().enumerate() {
            let Some(port) = rule_port(model, rule, destination, probe) else {
                continue;
            };
            let (m, which) = rule_peer(model, policy, rule, peer, assumptions);
            let reference = RuleRef {
                policy: pi,
                direction,
                rule: ri,
                peer: which,
                port,
            };
            match m {
                Match::Yes if admitted_by.is_none() => admitted_by = Some(reference),
                Match::Partly => partly_by.push(reference),
                _ => {}
            }
        }
    }
    if policies.is_empty() {
        Side::NotIsolated
    } else {
        Side::Isolated {
            policies,
            admitted_by,
            partly_by,
        }
    }
}

/// Whether a rule's `ports` admit the probe to `destination`: `Some(None)` for a rule without
/// ports, `Some(Some(k))` for the matching entry, `None` when no entry matches.
fn rule_port(
    model: &Model,
    rule: &Rule,
    destination: Endpoint,
    probe: Probe,
) -> Option<Option<usize>> {
    tiers::first_entry(&rule.ports, |p| port_matches(model, p, destination, probe))
}

/// Whether one `ports` entry admits the probe. A named port is the destination pod's container
/// port of that name and protocol (for egress rules too); outside the cluster it names nothing.
pub fn port_matches(model: &Model, port: &PolicyPort, destination: Endpoint, probe: Probe) -> bool {
    if port.protocol != probe.protocol {
        return false;
    }
    match (&port.port, port.end_port) {
        (None, _) => true,
        (Some(PortRef::Number(start)), Some(end)) => (*start..=end).contains(&probe.port),
        (Some(PortRef::Number(n)), None) => *n == probe.port,
        (Some(PortRef::Name(name)), _) => match destination {
            Endpoint::Group(g) => model.groups[g]
                .named_port(name, probe.protocol)
                .is_some_and(|cp| cp.port == probe.port),
            Endpoint::Outside(_) => false,
        },
    }
}

/// Whether a rule's peers match `peer`, and which one. A rule without peers matches all.
fn rule_peer(
    model: &Model,
    policy: &NetworkPolicy,
    rule: &Rule,
    peer: Endpoint,
    assumptions: &mut Vec<String>,
) -> (Match, Option<usize>) {
    if rule.peers.is_empty() {
        return (Match::Yes, None);
    }
    let mut partly = None;
    for (j, p) in rule.peers.iter().enumerate() {
        match peer_matches(model, policy, p, peer, assumptions) {
            Match::Yes => return (Match::Yes, Some(j)),
            Match::Partly if partly.is_none() => partly = Some(j),
            _ => {}
        }
    }
    match partly {
        Some(j) => (Match::Partly, Some(j)),
        None => (Match::No, None),
    }
}

/// Whether one peer entry of `policy` selects a pod group whose namespace carries
/// `namespace_labels`. The one definition of peer selection for pods, used by `explain` and by
/// the fast matrix alike: `podSelector` alone means the policy's namespace, `namespaceSelector`
/// alone every pod of matching namespaces, both together the AND; an `ipBlock` matches pods
/// that carry an IP inside it.
pub fn peer_selects_group(
    policy: &NetworkPolicy,
    peer: &Peer,
    group: &PodGroup,
    namespace_labels: Option<&Labels>,
) -> bool {
    match peer {
        Peer::Pods { pods, namespaces } => {
            let ns_ok = match namespaces {
                None => group.namespace == policy.namespace,
                Some(sel) => namespace_labels.is_some_and(|l| sel.matches(l)),
            };
            ns_ok && pods.as_ref().is_none_or(|sel| sel.matches(&group.labels))
        }
        Peer::IpBlock(block) => group.ips.iter().any(|ip| block.contains(ip)),
    }
}

/// Whether one peer entry of `policy` matches an endpoint, noting what the answer assumes.
pub fn peer_matches(
    model: &Model,
    policy: &NetworkPolicy,
    peer: &Peer,
    endpoint: Endpoint,
    assumptions: &mut Vec<String>,
) -> Match {
    let yes_if = |b: bool| if b { Match::Yes } else { Match::No };
    match (peer, endpoint) {
        (_, Endpoint::Group(g)) => {
            let group = &model.groups[g];
            let ns = model.namespace(&group.namespace);
            if let (
                Peer::Pods {
                    namespaces: Some(sel),
                    ..
                },
                Some(ns),
            ) = (peer, ns)
            {
                if ns.implicit && tests_beyond_name(sel) {
                    assumptions.push(format!(
                        "namespace `{}` is not declared in the manifests, so it is taken to have only the label {NAMESPACE_NAME_LABEL}={}; {} tests {}",
                        ns.name,
                        ns.name,
                        policy.key(),
                        sel
                    ));
                }
            }
            yes_if(peer_selects_group(
                policy,
                peer,
                group,
                ns.map(|n| &n.labels),
            ))
        }
        (Peer::Pods { .. }, Endpoint::Outside(_)) => Match::No,
        (Peer::IpBlock(block), Endpoint::Outside(Some(ip))) => yes_if(block.contains(&ip)),
        (Peer::IpBlock(_), Endpoint::Outside(None)) => Match::Partly,
    }
}

/// Whether a namespace selector tests labels other than the namespace's name label.
fn tests_beyond_name(sel: &LabelSelector) -> bool {
    sel.keys().any(|k| k != NAMESPACE_NAME_LABEL)
}

/// Warnings for verdicts that rest on an undeclared namespace's labels.
pub fn assumptions(model: &Model) -> Vec<Diagnostic> {
    let implicit: Vec<&str> = model
        .namespaces
        .iter()
        .filter(|n| n.implicit)
        .map(|n| n.name.as_str())
        .collect();
    if implicit.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for policy in &model.policies {
        let selectors = policy
            .ingress
            .iter()
            .chain(&policy.egress)
            .flat_map(|r| &r.peers)
            .filter_map(|p| match p {
                Peer::Pods {
                    namespaces: Some(sel),
                    ..
                } if tests_beyond_name(sel) => Some(sel),
                _ => None,
            });
        for sel in selectors {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: Code::Assumption,
                location: policy.location.clone(),
                path: String::new(),
                object: format!("NetworkPolicy {}", policy.key()),
                message: format!(
                    "namespaceSelector `{sel}` tests labels of namespaces, but {} not declared here; verdicts take {} to have only the label {NAMESPACE_NAME_LABEL}",
                    if implicit.len() == 1 { format!("namespace `{}` is", implicit[0]) } else { format!("namespaces {} are", implicit.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")) },
                    if implicit.len() == 1 { "it" } else { "them" }
                ),
            });
        }
    }
    out.dedup();
    out
}
