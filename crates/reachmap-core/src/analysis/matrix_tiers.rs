//! The cluster-wide tiers in the fast matrix: the walk of `tiers` (Admin tier, NetworkPolicy
//! tier, Baseline tier, default allow) over sets of classes at once. For one class on one side,
//! it gives the other ends' classes for which allowing is possible and those for which denying
//! is: both for a flow that depends (a tie of one priority whose rules disagree, a rule that may
//! match or not). `tiers::walk` is the per-flow reference it is tested against.

use super::bits::Bits;
use super::policy::{Endpoint, Match};
use super::probe::Probe;
use super::tiers::{chooses, peer_matches, rule_port};
use crate::model::{ClusterAction, ClusterRule, Model, Tier};

/// Which other ends' classes one side may allow and may deny.
pub struct Possible {
    pub allow: Bits,
    pub deny: Bits,
}

/// What does not change with the probe: the classes each cluster policy selects, and for each
/// rule the classes its peers match for sure and those they may match.
pub struct ClusterClasses<'m> {
    model: &'m Model,
    /// A representative pod group per class.
    rep: &'m [usize],
    /// Per policy: the classes its subject selects.
    subjects: Vec<Bits>,
    /// Per policy, per direction (ingress, egress), per rule: (sure, maybe) peer classes.
    peers: Vec<[Vec<(Bits, Bits)>; 2]>,
}

impl<'m> ClusterClasses<'m> {
    pub fn new(model: &'m Model, rep: &'m [usize]) -> ClusterClasses<'m> {
        let n = rep.len();
        let subjects = model
            .cluster_policies
            .iter()
            .map(|p| {
                let mut b = Bits::zeros(n);
                for (c, &g) in rep.iter().enumerate() {
                    if chooses(model, &p.subject, &model.groups[g]) {
                        b.set(c);
                    }
                }
                b
            })
            .collect();
        let rule_peers = |rule: &ClusterRule| {
            let (mut sure, mut maybe) = (Bits::zeros(n), Bits::zeros(n));
            for (c, &g) in rep.iter().enumerate() {
                let m = rule
                    .peers
                    .iter()
                    .map(|p| peer_matches(model, p, Endpoint::Group(g)).0)
                    .max()
                    .unwrap_or(Match::No);
                match m {
                    Match::Yes => sure.set(c),
                    Match::Partly => maybe.set(c),
                    Match::No => {}
                }
            }
            (sure, maybe)
        };
        let peers = model
            .cluster_policies
            .iter()
            .map(|p| {
                [
                    p.ingress.iter().map(rule_peers).collect(),
                    p.egress.iter().map(rule_peers).collect(),
                ]
            })
            .collect();
        ClusterClasses {
            model,
            rep,
            subjects,
            peers,
        }
    }

    /// The policies of a tier that select class `x`, lower priority first.
    fn selecting(&self, tier: Tier, x: usize) -> Vec<usize> {
        let policies = &self.model.cluster_policies;
        let mut out: Vec<usize> = (0..policies.len())
            .filter(|&p| policies[p].tier == tier && self.subjects[p].get(x))
            .collect();
        crate::order::sort_by(&mut out, &|a, b| {
            (policies[*a].priority, *a).cmp(&(policies[*b].priority, *b))
        });
        out
    }

    /// The destination classes whose ports a rule admits: the subject's own for ingress (all
    /// or none), each destination's for egress.
    fn port_mask(&self, rule: &ClusterRule, x: usize, ingress: bool, probe: Probe) -> Bits {
        let n = self.rep.len();
        let admits =
            |c: usize| rule_port(self.model, rule, Endpoint::Group(self.rep[c]), probe).is_some();
        if ingress {
            return if admits(x) {
                Bits::ones(n)
            } else {
                Bits::zeros(n)
            };
        }
        let mut b = Bits::zeros(n);
        for c in 0..n {
            if admits(c) {
                b.set(c);
            }
        }
        b
    }

    /// One tier's walk for class `x`: the other ends' classes it may accept, may deny, and may
    /// leave to what follows (Pass, or no rule matches).
    fn walk_tier(&self, tier: Tier, x: usize, ingress: bool, probe: Probe) -> [Bits; 3] {
        let n = self.rep.len();
        let policies = self.selecting(tier, x);
        let mut remaining = Bits::ones(n);
        let mut may = [Bits::zeros(n), Bits::zeros(n), Bits::zeros(n)];
        let slot = |a: ClusterAction| match a {
            ClusterAction::Accept => 0,
            ClusterAction::Deny => 1,
            ClusterAction::Pass => 2,
        };
        let mut i = 0;
        while i < policies.len() {
            let priority = self.model.cluster_policies[policies[i]].priority;
            let mut decided = [Bits::zeros(n), Bits::zeros(n), Bits::zeros(n)];
            while i < policies.len()
                && self.model.cluster_policies[policies[i]].priority == priority
            {
                let pi = policies[i];
                let rules = self.model.cluster_policies[pi].rules(ingress);
                let mut local = remaining.clone();
                for (ri, rule) in rules.iter().enumerate() {
                    let mask = self.port_mask(rule, x, ingress, probe);
                    let (sure, maybe) = &self.peers[pi][usize::from(!ingress)][ri];
                    let mut now = local.clone();
                    now.and_with(&mask);
                    let mut unsure = now.clone();
                    unsure.and_with(maybe);
                    now.and_with(sure);
                    may[slot(rule.action)].or_with(&unsure);
                    decided[slot(rule.action)].or_with(&now);
                    local.and_not(&now);
                }
                i += 1;
            }
            for (m, d) in may.iter_mut().zip(&decided) {
                m.or_with(d);
                remaining.and_not(d);
            }
        }
        may[2].or_with(&remaining);
        may
    }

    /// One side of class `x` (ingress: over source classes; egress: over destination classes):
    /// the Admin tier, then `network` (the classes NetworkPolicies admit, `None` when none
    /// isolates `x` on this side) or the Baseline tier, then allow.
    pub fn side(&self, x: usize, ingress: bool, probe: Probe, network: Option<&Bits>) -> Possible {
        let [mut allow, mut deny, on] = self.walk_tier(Tier::Admin, x, ingress, probe);
        let (after_allow, after_deny) = match network {
            Some(admitted) => {
                let mut refused = Bits::ones(self.rep.len());
                refused.and_not(admitted);
                (admitted.clone(), refused)
            }
            None => {
                let [mut b_allow, b_deny, b_on] = self.walk_tier(Tier::Baseline, x, ingress, probe);
                b_allow.or_with(&b_on);
                (b_allow, b_deny)
            }
        };
        allow.or_and(&on, &after_allow);
        deny.or_and(&on, &after_deny);
        Possible { allow, deny }
    }
}
