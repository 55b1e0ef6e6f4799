//! Cluster-wide policies of the Network Policy API (`policy.networking.k8s.io`):
//! `ClusterNetworkPolicy` (v1alpha2, with `spec.tier`) and its predecessors `AdminNetworkPolicy`
//! and `BaselineAdminNetworkPolicy` (v1alpha1). They are read into one shape, as the tiers they
//! belong to are evaluated alike (`analysis::tiers`); the kind keeps the words each API uses.

use super::{LabelSelector, Labels, Protocol};
use crate::diag::Location;
use ipnet::IpNet;
use serde::Serialize;
use std::fmt;

/// Which API object a cluster policy is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ClusterKind {
    /// `ClusterNetworkPolicy`, `policy.networking.k8s.io/v1alpha2`.
    ClusterNetworkPolicy,
    /// `AdminNetworkPolicy`, `policy.networking.k8s.io/v1alpha1`.
    AdminNetworkPolicy,
    /// `BaselineAdminNetworkPolicy`, `policy.networking.k8s.io/v1alpha1` (only `default`).
    BaselineAdminNetworkPolicy,
}

impl ClusterKind {
    /// The kind's name, as manifests write it in `kind:`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterKind::ClusterNetworkPolicy => "ClusterNetworkPolicy",
            ClusterKind::AdminNetworkPolicy => "AdminNetworkPolicy",
            ClusterKind::BaselineAdminNetworkPolicy => "BaselineAdminNetworkPolicy",
        }
    }

    /// The kind for its name, among the three.
    pub fn parse(kind: &str) -> Option<ClusterKind> {
        [
            ClusterKind::ClusterNetworkPolicy,
            ClusterKind::AdminNetworkPolicy,
            ClusterKind::BaselineAdminNetworkPolicy,
        ]
        .into_iter()
        .find(|k| k.as_str() == kind)
    }

    /// The apiVersion the API serves it at.
    pub fn api_version(self) -> &'static str {
        match self {
            ClusterKind::ClusterNetworkPolicy => "policy.networking.k8s.io/v1alpha2",
            _ => "policy.networking.k8s.io/v1alpha1",
        }
    }

    /// v1alpha1 says `Allow` where v1alpha2 says `Accept`.
    pub fn is_v1alpha1(self) -> bool {
        self != ClusterKind::ClusterNetworkPolicy
    }
}

/// The tier a cluster policy's rules are evaluated in: Admin before the NetworkPolicies,
/// Baseline after them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Tier {
    /// Evaluated before the NetworkPolicies: `AdminNetworkPolicy`, or `spec.tier: Admin`.
    Admin,
    /// Evaluated after the NetworkPolicies, only when none isolates the pod on that side:
    /// `BaselineAdminNetworkPolicy`, or `spec.tier: Baseline`.
    Baseline,
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tier::Admin => "Admin",
            Tier::Baseline => "Baseline",
        })
    }
}

/// A rule's action. `Accept` is v1alpha1's `Allow`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ClusterAction {
    /// Admits the flow, final: later rules, tiers and NetworkPolicies are not consulted.
    Accept,
    /// Refuses the flow, final.
    Deny,
    /// Stops evaluating the tier: from Admin, the NetworkPolicies (then Baseline) decide; from
    /// Baseline, the flow is allowed.
    Pass,
}

impl ClusterAction {
    /// The action as the policy's API spells it.
    pub fn word(self, kind: ClusterKind) -> &'static str {
        match (self, kind.is_v1alpha1()) {
            (ClusterAction::Accept, true) => "Allow",
            (ClusterAction::Accept, false) => "Accept",
            (ClusterAction::Deny, _) => "Deny",
            (ClusterAction::Pass, _) => "Pass",
        }
    }
}

/// Pods chosen by namespace (`namespaces`) or by namespace and pod (`pods`): a subject, or a
/// peer of those two kinds. Host-networked pods are never chosen this way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClusterSelect {
    /// `namespaces`: every pod in the namespaces the selector matches (empty: all namespaces).
    Namespaces(LabelSelector),
    /// `pods`: the pods matching `pods` in the namespaces matching `namespaces`.
    Pods {
        /// Chooses the namespaces by their labels (empty: all).
        namespaces: LabelSelector,
        /// Chooses the pods within them by their labels (empty: all).
        pods: LabelSelector,
    },
}

impl ClusterSelect {
    /// Whether a (not host-networked) pod with these labels, in a namespace with these labels,
    /// is chosen.
    pub fn matches(&self, namespace_labels: &Labels, pod_labels: &Labels) -> bool {
        match self {
            ClusterSelect::Namespaces(ns) => ns.matches(namespace_labels),
            ClusterSelect::Pods { namespaces, pods } => {
                namespaces.matches(namespace_labels) && pods.matches(pod_labels)
            }
        }
    }
}

impl fmt::Display for ClusterSelect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An empty selector chooses all; `<none>`, as selectors print it, would say the opposite.
        let or_all = |sel: &LabelSelector, all: &str| {
            if sel.is_empty() {
                all.to_string()
            } else {
                sel.to_string()
            }
        };
        match self {
            ClusterSelect::Namespaces(ns) => {
                write!(f, "namespaces {}", or_all(ns, "(all)"))
            }
            ClusterSelect::Pods { namespaces, pods } => write!(
                f,
                "pods {} in namespaces {}",
                or_all(pods, "(all)"),
                or_all(namespaces, "(all)")
            ),
        }
    }
}

/// Whether a `networks` peer holds pods with these IPs: `Some(true)` when it holds every one,
/// `Some(false)` when none, `None` when it holds some and not others, or the IPs are not known
/// (then only a peer holding every IPv4 and every IPv6 address is sure to hold them).
pub fn networks_hold(nets: &[IpNet], ips: &[std::net::IpAddr]) -> Option<bool> {
    let every = |v4: bool| {
        nets.iter()
            .any(|n| n.prefix_len() == 0 && matches!(n, IpNet::V4(_)) == v4)
    };
    if every(true) && every(false) {
        return Some(true);
    }
    let inside = ips
        .iter()
        .filter(|ip| nets.iter().any(|n| n.contains(*ip)))
        .count();
    match inside {
        _ if ips.is_empty() => None,
        0 => Some(false),
        n if n == ips.len() => Some(true),
        _ => None,
    }
}

/// One entry of a rule's `from` or `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClusterPeer {
    /// `namespaces` or `pods`: the pods chosen, by labels.
    Select(ClusterSelect),
    /// Egress only: CIDRs, which also match pods' IPs.
    Networks(#[serde(serialize_with = "crate::model::ser_nets")] Vec<IpNet>),
    /// Egress only (experimental): the addresses of matching Nodes. Not evaluated: the
    /// manifests rarely hold Nodes and their addresses, so a flow it could match depends.
    Nodes(LabelSelector),
    /// Egress only (experimental): what DNS resolves these names to. Not evaluated.
    DomainNames(Vec<String>),
}

impl fmt::Display for ClusterPeer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClusterPeer::Select(s) => s.fmt(f),
            ClusterPeer::Networks(nets) => {
                let nets: Vec<String> = nets.iter().map(|n| n.to_string()).collect();
                write!(f, "networks {}", nets.join(", "))
            }
            ClusterPeer::Nodes(sel) => write!(f, "nodes {sel}"),
            ClusterPeer::DomainNames(names) => write!(f, "domainNames {}", names.join(", ")),
        }
    }
}

/// One entry of a rule's `protocols` (v1alpha2) or `ports` (v1alpha1): always the destination's
/// port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClusterPort {
    /// `protocol: None` is a v1alpha1 protocol other than TCP, UDP and SCTP, which the schema
    /// admits and which matches nothing.
    Number {
        /// TCP, UDP or SCTP; `None` matches nothing.
        protocol: Option<Protocol>,
        /// The destination port number.
        port: u16,
    },
    /// Inclusive at both ends; empty when `start > end` (v1alpha1 admits it).
    Range {
        /// TCP, UDP or SCTP; `None` matches nothing.
        protocol: Option<Protocol>,
        /// First port of the range.
        start: u16,
        /// Last port of the range, included.
        end: u16,
    },
    /// The destination pod's container port of that name, with that port's protocol.
    Named(String),
}

impl fmt::Display for ClusterPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let proto = |p: &Option<Protocol>| p.map_or("?".to_string(), |p| p.to_string());
        match self {
            ClusterPort::Number { protocol, port } => write!(f, "{}/{port}", proto(protocol)),
            ClusterPort::Range {
                protocol,
                start,
                end,
            } => write!(f, "{}/{start}-{end}", proto(protocol)),
            ClusterPort::Named(name) => write!(f, "port `{name}`"),
        }
    }
}

/// One ingress or egress rule: its first match decides. An empty `ports` matches every
/// protocol and port; `peers` is never empty (the API requires one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClusterRule {
    /// The rule's optional `name` (at most 100 characters), used in explanations; `None`: named
    /// by its place, `egress[0]`.
    pub name: Option<String>,
    /// What a matching flow gets.
    pub action: ClusterAction,
    /// `from` (ingress) or `to` (egress): the flow's other end must match one of them.
    pub peers: Vec<ClusterPeer>,
    /// `protocols` (v1alpha2) or `ports` (v1alpha1): the destination port must match one of
    /// them; empty matches every port.
    pub ports: Vec<ClusterPort>,
    /// Where the rule is in the manifests (the list item), so a reference to it can lead there.
    pub at: Location,
}

/// A cluster-wide policy of either API version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClusterPolicy {
    /// Which API object it was read from (and so the words its actions use).
    pub kind: ClusterKind,
    /// `metadata.name`; cluster-scoped, so without a namespace.
    pub name: String,
    /// Admin or Baseline: fixed by the kind for v1alpha1, `spec.tier` for ClusterNetworkPolicy.
    pub tier: Tier,
    /// Lower first. A BaselineAdminNetworkPolicy has none; it is read as 0.
    pub priority: u32,
    /// `spec.subject`: the pods whose traffic the rules apply to (ingress to them, egress from
    /// them).
    pub subject: ClusterSelect,
    /// `spec.ingress`, in order: the first rule matching the flow decides.
    pub ingress: Vec<ClusterRule>,
    /// `spec.egress`, in order: the first rule matching the flow decides.
    pub egress: Vec<ClusterRule>,
    /// Where its manifest starts.
    pub location: Location,
}

impl ClusterPolicy {
    /// `ClusterNetworkPolicy deny-sensitive` (how people name the object).
    pub fn key(&self) -> String {
        format!("{} {}", self.kind.as_str(), self.name)
    }

    /// The priority in words, `(priority 10)`, or nothing for a BaselineAdminNetworkPolicy.
    pub fn priority_words(&self) -> String {
        match self.kind {
            ClusterKind::BaselineAdminNetworkPolicy => String::new(),
            _ => format!(" (priority {})", self.priority),
        }
    }

    /// The rules of one direction.
    pub fn rules(&self, ingress: bool) -> &[ClusterRule] {
        if ingress {
            &self.ingress
        } else {
            &self.egress
        }
    }
}
