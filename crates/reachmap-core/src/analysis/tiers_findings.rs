//! What `check` says of cluster-wide policies beyond verdicts: a policy whose subject selects no
//! pod, a rule that a rule evaluated before it always overrides, and two policies of one tier
//! and priority that give some flow different actions (which one applies is up to the
//! implementation, so those flows' verdicts are `depends`).

use super::ports::representative_probes;
use super::terms::{Direction, Endpoint, Match};
use super::tiers::{chooses, first_match, peer_matches};
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{ClusterPeer, ClusterPolicy, ClusterRule, Model};

fn finding(policy: &ClusterPolicy, path: String, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code: Code::Ineffective,
        location: policy.location.clone(),
        path,
        object: policy.key(),
        message,
    }
}

/// Every finding about the cluster policies.
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let subjects: Vec<Vec<usize>> = model
        .cluster_policies
        .iter()
        .map(|p| {
            (0..model.groups.len())
                .filter(|&g| chooses(model, &p.subject, &model.groups[g]))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (pi, policy) in model.cluster_policies.iter().enumerate() {
        if subjects[pi].is_empty() {
            let mut d = finding(
                policy,
                "spec.subject".into(),
                format!(
                    "{} selects no pod here ({}): it decides no flow",
                    policy.key(),
                    policy.subject
                ),
            );
            d.code = Code::SelectsNothing;
            out.push(d);
            continue;
        }
        shadowed(model, pi, &subjects, &mut out);
    }
    ties(model, &subjects, &mut out);
    out
}

/// The pod groups a rule's peers match for sure; `None` when a peer is an address (networks,
/// nodes, domainNames), which this comparison does not cover.
fn peer_groups(model: &Model, rule: &ClusterRule) -> Option<Vec<bool>> {
    if rule
        .peers
        .iter()
        .any(|p| !matches!(p, ClusterPeer::Select(_)))
    {
        return None;
    }
    Some(
        (0..model.groups.len())
            .map(|g| {
                rule.peers
                    .iter()
                    .any(|p| peer_matches(model, p, Endpoint::Group(g)).0 == Match::Yes)
            })
            .collect(),
    )
}

/// Rules that never decide a flow here: a rule evaluated before them for every pod they select
/// (earlier in the policy, or in a policy of the tier with a lower priority number that selects
/// all those pods) matches every pod they match, on every port they name.
fn shadowed(model: &Model, pi: usize, subjects: &[Vec<usize>], out: &mut Vec<Diagnostic>) {
    let policy = &model.cluster_policies[pi];
    for ingress in [true, false] {
        let list = if ingress { "ingress" } else { "egress" };
        for (ri, rule) in policy.rules(ingress).iter().enumerate() {
            let Some(mine) = peer_groups(model, rule) else {
                continue;
            };
            if !mine.iter().any(|m| *m) {
                continue;
            }
            let earlier = model
                .cluster_policies
                .iter()
                .enumerate()
                .filter(|(qi, q)| {
                    *qi == pi
                        || (q.tier == policy.tier
                            && q.priority < policy.priority
                            && subjects[pi].iter().all(|g| subjects[*qi].contains(g)))
                })
                .flat_map(|(qi, q)| {
                    let before = if qi == pi { ri } else { q.rules(ingress).len() };
                    q.rules(ingress)[..before]
                        .iter()
                        .enumerate()
                        .map(move |(ei, e)| (q, ei, e))
                });
            for (q, ei, e) in earlier {
                let ports_covered = e.ports.is_empty()
                    || (!rule.ports.is_empty() && rule.ports.iter().all(|p| e.ports.contains(p)));
                let peers_covered = peer_groups(model, e)
                    .is_some_and(|theirs| mine.iter().zip(&theirs).all(|(m, t)| !m || *t));
                if ports_covered && peers_covered {
                    out.push(finding(
                        policy,
                        format!("spec.{list}[{ri}]"),
                        format!(
                            "{list}[{ri}] of {} never decides a flow here: {} {list}[{ei}]{} comes first and matches every pod and port it does",
                            policy.key(),
                            q.key(),
                            q.priority_words()
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

/// Policies of one tier and one priority that select a pod in common and whose first matching
/// rules give some flow different actions, with one such flow.
fn ties(model: &Model, subjects: &[Vec<usize>], out: &mut Vec<Diagnostic>) {
    let policies = &model.cluster_policies;
    let mut probes = None;
    for a in 0..policies.len() {
        for b in a + 1..policies.len() {
            let (p, q) = (&policies[a], &policies[b]);
            if p.tier != q.tier || p.priority != q.priority {
                continue;
            }
            let common: Vec<usize> = subjects[a]
                .iter()
                .copied()
                .filter(|g| subjects[b].contains(g))
                .collect();
            if common.is_empty() {
                continue;
            }
            let probes = probes.get_or_insert_with(|| representative_probes(model));
            'found: for &g in &common {
                for direction in [Direction::Ingress, Direction::Egress] {
                    for other in 0..model.groups.len() {
                        for &probe in probes.iter() {
                            let peer = Endpoint::Group(other);
                            let (Some(x), _) = first_match(model, a, g, direction, peer, probe)
                            else {
                                continue;
                            };
                            let (Some(y), _) = first_match(model, b, g, direction, peer, probe)
                            else {
                                continue;
                            };
                            if x.action == y.action {
                                continue;
                            }
                            let (from, to) = match direction {
                                Direction::Ingress => (other, g),
                                Direction::Egress => (g, other),
                            };
                            let mut d = finding(
                                p,
                                "spec.priority".into(),
                                format!(
                                    "{} and {} are both {} tier with priority {} and disagree on {} → {} {probe}: {} says {}, {} says {}; the API leaves which applies to the implementation, so such flows are `depends`",
                                    p.key(),
                                    q.key(),
                                    p.tier,
                                    p.priority,
                                    model.groups[from].endpoint(),
                                    model.groups[to].endpoint(),
                                    x.at.describe(model),
                                    x.action.word(p.kind),
                                    y.at.describe(model),
                                    y.action.word(q.kind),
                                ),
                            );
                            d.code = Code::Assumption;
                            out.push(d);
                            break 'found;
                        }
                    }
                }
            }
        }
    }
}
