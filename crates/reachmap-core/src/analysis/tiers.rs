//! The cluster-wide tiers of one side of one flow, evaluated directly from the Network Policy
//! API's rules (ClusterNetworkPolicy v1alpha2, AdminNetworkPolicy/BaselineAdminNetworkPolicy
//! v1alpha1), with what an explanation names. The per-flow reference the fast matrix's tier
//! walk (`matrix_tiers`) is tested against.
//!
//! Per direction, for the pod whose side it is (the source for egress, the destination for
//! ingress):
//! 1. Admin tier: the Admin policies whose subject selects the pod, lower priority first, rules
//!    in order; the first matching rule decides: Accept (Allow) and Deny are final, Pass skips
//!    the rest of the Admin tier.
//! 2. NetworkPolicy tier: if a NetworkPolicy isolates the pod on this side, it decides.
//! 3. Baseline tier: the same walk over the Baseline policies (Pass leaves the tier).
//! 4. Otherwise allowed.
//!
//! Policies of one tier and one priority whose first matching rules disagree make the outcome
//! implementation-defined (the API says so): every action they could give is kept, and the
//! verdict is `depends` unless they all lead to the same answer. A rule that may or may not
//! match (a `networks` peer and a pod whose IP the manifests do not give; `nodes` and
//! `domainNames` peers, which are not evaluated) is kept the same way: its action is possible,
//! and so is going on.

use super::probe::Probe;
use super::terms::{Direction, Endpoint, Match};
use crate::model::cluster::networks_hold;
use crate::model::{
    ClusterAction, ClusterPeer, ClusterPolicy, ClusterPort, ClusterRule, ClusterSelect, Model,
    PodGroup, Tier,
};
use serde::Serialize;
use std::fmt::Write;

/// A place in a cluster policy: a rule, and the peer and port entry that matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClusterRuleRef {
    /// Index into `Model::cluster_policies`.
    pub policy: usize,
    /// Whether the rule is in the policy's `ingress` or `egress`.
    pub direction: Direction,
    /// Index into that direction's rules (`ClusterPolicy::rules`).
    pub rule: usize,
    /// Index into the rule's `peers` (its `from`/`to` entries).
    pub peer: usize,
    /// The protocols/ports entry that matched; `None` when the rule has none (every port).
    pub port: Option<usize>,
}

impl ClusterRuleRef {
    /// The policy it points into.
    pub fn policy<'m>(&self, model: &'m Model) -> &'m ClusterPolicy {
        &model.cluster_policies[self.policy]
    }

    /// The rule it points at.
    pub fn rule<'m>(&self, model: &'m Model) -> &'m ClusterRule {
        &self
            .policy(model)
            .rules(self.direction == Direction::Ingress)[self.rule]
    }

    /// `deny-sensitive rule deny-to-vault (egress[0], priority 10)`, or `… rule egress[0]
    /// (priority 10)` for a rule without a name; a BaselineAdminNetworkPolicy has no priority.
    pub fn describe(&self, model: &Model) -> String {
        let policy = self.policy(model);
        let list = match self.direction {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        };
        let priority = policy.priority_words();
        let priority = priority.trim_start_matches(" (").trim_end_matches(')');
        let (rule, place) = match &self.rule(model).name {
            Some(name) => (name.clone(), format!("{list}[{}]", self.rule)),
            None => (format!("{list}[{}]", self.rule), String::new()),
        };
        let within: Vec<&str> = [place.as_str(), priority]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let mut s = format!("{} rule {rule}", policy.name);
        if !within.is_empty() {
            let _ = write!(s, " ({})", within.join(", "));
        }
        s
    }
}

/// A rule that matches the flow, with its action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TierMatch {
    /// The rule's action.
    pub action: ClusterAction,
    /// Where the rule and the matching peer and port are.
    pub at: ClusterRuleRef,
    /// For a rule that may match or not: why it is not known.
    pub unsure: Option<String>,
}

/// What one tier says about one side of a flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TierResult {
    /// Admin or Baseline.
    pub tier: Tier,
    /// The tier's policies whose subject selects the pod, in evaluation order.
    pub policies: Vec<usize>,
    /// The rules that match for sure at the first priority where one does: one, or several
    /// policies of one priority (a tie).
    pub decided_by: Vec<TierMatch>,
    /// Rules met before (or beside) those, that may match or not.
    pub maybe: Vec<TierMatch>,
}

impl TierResult {
    /// Which outcomes are possible: (accepted, denied, left to the next tier).
    pub fn possible(&self) -> (bool, bool, bool) {
        let all = self.decided_by.iter().chain(&self.maybe);
        let has = |a: ClusterAction| all.clone().any(|m| m.action == a);
        (
            has(ClusterAction::Accept),
            has(ClusterAction::Deny),
            self.decided_by.is_empty() || has(ClusterAction::Pass),
        )
    }

    /// Policies of one priority that give the flow different actions.
    pub fn tie(&self) -> bool {
        self.decided_by
            .iter()
            .any(|m| m.action != self.decided_by[0].action)
    }
}

/// Both cluster tiers of one side; `baseline` is `None` when the walk cannot reach it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TierWalk {
    /// The Admin tier, always walked.
    pub admin: TierResult,
    /// The Baseline tier; `None` when Admin decided for sure or a NetworkPolicy isolates the pod
    /// on this side (then the NetworkPolicies decide).
    pub baseline: Option<TierResult>,
}

/// Whether a subject or a namespaces/pods peer chooses a pod group.
pub fn chooses(model: &Model, select: &ClusterSelect, group: &PodGroup) -> bool {
    if group.host_networked() {
        return false;
    }
    model
        .namespace(&group.namespace)
        .is_some_and(|ns| select.matches(&ns.labels, &group.labels))
}

/// Whether one peer matches an endpoint; for `Partly`, why it is not known.
pub fn peer_matches(
    model: &Model,
    peer: &ClusterPeer,
    endpoint: Endpoint,
) -> (Match, Option<String>) {
    let yes_if = |b: bool| (if b { Match::Yes } else { Match::No }, None);
    match (peer, endpoint) {
        (ClusterPeer::Select(sel), Endpoint::Group(g)) => {
            yes_if(chooses(model, sel, &model.groups[g]))
        }
        (ClusterPeer::Select(_), Endpoint::Outside(_)) => yes_if(false),
        (ClusterPeer::Networks(nets), Endpoint::Group(g)) => {
            let group = &model.groups[g];
            match networks_hold(nets, &group.ips) {
                Some(holds) => yes_if(holds),
                None if group.ips.is_empty() => (
                    Match::Partly,
                    Some(format!(
                        "the manifests do not give {}'s pod IP, which {peer} may or may not hold",
                        group.endpoint()
                    )),
                ),
                None => (
                    Match::Partly,
                    Some(format!(
                        "{peer} holds some of {}'s pod IPs and not others",
                        group.endpoint()
                    )),
                ),
            }
        }
        (ClusterPeer::Networks(nets), Endpoint::Outside(Some(ip))) => {
            yes_if(nets.iter().any(|n| n.contains(&ip)))
        }
        (ClusterPeer::Networks(nets), Endpoint::Outside(None)) => {
            if networks_hold(nets, &[]) == Some(true) {
                yes_if(true)
            } else {
                (
                    Match::Partly,
                    Some(format!("{peer} holds some outside addresses and not others")),
                )
            }
        }
        (ClusterPeer::Nodes(_), Endpoint::Group(g)) if !model.groups[g].host_networked() => {
            // A pod that is not host-networked has its own IP, never a node's address.
            yes_if(false)
        }
        (ClusterPeer::Nodes(_), _) => (
            Match::Partly,
            Some(format!(
                "{peer}: Reachmap does not evaluate nodes peers (which Nodes match, and their addresses, are not in the manifests)"
            )),
        ),
        (ClusterPeer::DomainNames(_), _) => (
            Match::Partly,
            Some(format!(
                "{peer}: Reachmap does not evaluate domainNames peers (what DNS answers is not in the manifests)"
            )),
        ),
    }
}

/// Whether one protocols/ports entry matches the probe to `destination`. A named port is the
/// destination pod's container port of that name, with its protocol; outside it names nothing.
pub fn port_matches(
    model: &Model,
    port: &ClusterPort,
    destination: Endpoint,
    probe: Probe,
) -> bool {
    match port {
        ClusterPort::Number { protocol, port } => {
            *protocol == Some(probe.protocol) && *port == probe.port
        }
        ClusterPort::Range {
            protocol,
            start,
            end,
        } => *protocol == Some(probe.protocol) && (*start..=*end).contains(&probe.port),
        ClusterPort::Named(name) => match destination {
            Endpoint::Group(g) => model.groups[g].ports.iter().any(|cp| {
                cp.name.as_deref() == Some(name)
                    && cp.protocol == probe.protocol
                    && cp.port == probe.port
            }),
            Endpoint::Outside(_) => false,
        },
    }
}

/// Whether a rule's port filter admits the probe: `Some(None)` without a filter,
/// `Some(Some(k))` for the matching entry.
pub fn rule_port(
    model: &Model,
    rule: &ClusterRule,
    destination: Endpoint,
    probe: Probe,
) -> Option<Option<usize>> {
    first_entry(&rule.ports, |p| port_matches(model, p, destination, probe))
}

/// The port filter's answer, for NetworkPolicies and cluster policies alike: `Some(None)` for
/// no entries (every port), `Some(Some(k))` for the first entry that matches, `None` when none
/// does.
pub(crate) fn first_entry<T>(entries: &[T], matches: impl Fn(&T) -> bool) -> Option<Option<usize>> {
    if entries.is_empty() {
        return Some(None);
    }
    entries.iter().position(matches).map(Some)
}

/// The policies of a tier whose subject selects group `g`, lower priority first (then in
/// model order).
pub fn selecting(model: &Model, tier: Tier, g: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..model.cluster_policies.len())
        .filter(|&p| {
            let policy = &model.cluster_policies[p];
            policy.tier == tier && chooses(model, &policy.subject, &model.groups[g])
        })
        .collect();
    crate::order::sort_by(&mut out, &|a, b| {
        (model.cluster_policies[*a].priority, *a).cmp(&(model.cluster_policies[*b].priority, *b))
    });
    out
}

/// One policy's rules for the side of group `g` in `direction`, the other end being `peer`:
/// the first rule that matches for sure, and the rules before it that may match or not.
pub fn first_match(
    model: &Model,
    pi: usize,
    g: usize,
    direction: Direction,
    peer: Endpoint,
    probe: Probe,
) -> (Option<TierMatch>, Vec<TierMatch>) {
    let destination = match direction {
        Direction::Ingress => Endpoint::Group(g),
        Direction::Egress => peer,
    };
    let mut maybe = Vec::new();
    let rules = model.cluster_policies[pi].rules(direction == Direction::Ingress);
    for (ri, rule) in rules.iter().enumerate() {
        let Some(port) = rule_port(model, rule, destination, probe) else {
            continue;
        };
        let matches: Vec<(Match, Option<String>)> = rule
            .peers
            .iter()
            .map(|p| peer_matches(model, p, peer))
            .collect();
        let at = |peer| ClusterRuleRef {
            policy: pi,
            direction,
            rule: ri,
            peer,
            port,
        };
        // A sure match of a later peer outranks an unsure one of an earlier peer.
        if let Some(j) = matches.iter().position(|(m, _)| *m == Match::Yes) {
            let sure = TierMatch {
                action: rule.action,
                at: at(j),
                unsure: None,
            };
            return (Some(sure), maybe);
        }
        if let Some(j) = matches.iter().position(|(m, _)| *m == Match::Partly) {
            maybe.push(TierMatch {
                action: rule.action,
                at: at(j),
                unsure: matches[j].1.clone(),
            });
        }
    }
    (None, maybe)
}

/// One tier's walk for the side of group `g` in `direction`, the other end being `peer`: by
/// priority, until some policy's rule matches for sure (all policies of that priority count).
pub fn walk_tier(
    model: &Model,
    tier: Tier,
    g: usize,
    direction: Direction,
    peer: Endpoint,
    probe: Probe,
) -> TierResult {
    let policies = selecting(model, tier, g);
    let mut decided_by = Vec::new();
    let mut maybe = Vec::new();
    let mut i = 0;
    while i < policies.len() && decided_by.is_empty() {
        let priority = model.cluster_policies[policies[i]].priority;
        while i < policies.len() && model.cluster_policies[policies[i]].priority == priority {
            let (sure, unsure) = first_match(model, policies[i], g, direction, peer, probe);
            decided_by.extend(sure);
            maybe.extend(unsure);
            i += 1;
        }
    }
    TierResult {
        tier,
        policies,
        decided_by,
        maybe,
    }
}

/// The Admin tier, and the Baseline tier when the walk can reach it (the Admin tier may leave
/// the flow on, and no NetworkPolicy isolates the pod on this side). `None` when the input has
/// no cluster policy.
pub fn walk(
    model: &Model,
    g: usize,
    direction: Direction,
    peer: Endpoint,
    probe: Probe,
    isolated: bool,
) -> Option<TierWalk> {
    if model.cluster_policies.is_empty() {
        return None;
    }
    let admin = walk_tier(model, Tier::Admin, g, direction, peer, probe);
    let baseline = (admin.possible().2 && !isolated)
        .then(|| walk_tier(model, Tier::Baseline, g, direction, peer, probe));
    Some(TierWalk { admin, baseline })
}

/// What one side allows, from its tiers and its NetworkPolicy side's answer (`network`, used
/// only when the Admin tier leaves the flow on): every outcome the tiers make possible, joined.
pub fn side_allows(walk: &TierWalk, network: Match, isolated: bool) -> Match {
    let (accept, deny, on) = walk.admin.possible();
    let (mut yes, mut no) = (accept, deny);
    if on {
        let after = if isolated {
            network
        } else {
            match &walk.baseline {
                Some(b) => {
                    let (b_accept, b_deny, b_on) = b.possible();
                    join(b_accept || b_on, b_deny)
                }
                None => Match::Yes,
            }
        };
        yes |= after != Match::No;
        no |= after != Match::Yes;
    }
    join(yes, no)
}

/// `Yes` when only allowing is possible, `No` when only denying is, else `Partly`.
fn join(yes: bool, no: bool) -> Match {
    match (yes, no) {
        (true, false) => Match::Yes,
        (false, true) => Match::No,
        _ => Match::Partly,
    }
}
