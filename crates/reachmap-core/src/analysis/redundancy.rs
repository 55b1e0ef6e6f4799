//! Redundant NetworkPolicy rules: a rule whose removal changes no verdict, because other rules
//! already admit everything it admits (NCA's redundancy query). Found with the diff machinery:
//! the model is compared with itself without the rule (`diff::Baseline`), over every port and
//! every pair of endpoints, outside included, and the rule is redundant when no verdict differs.
//! Service flows need no comparison of their own: their backends and target ports do not
//! depend on policies, and each backend's verdict is one of those compared (for an address
//! outside, a rule without ipBlock peers admits all outside addresses or none, so "any outside
//! address" decides for each of them).

use super::diff::{Baseline, Version};
use super::ports::representative_probes;
use super::services::ServiceReport;
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{Model, Peer, Rule};

/// The most work the check takes on: rules checked × (pod groups + 1)² × probes. Above it,
/// rules are not checked (one `limit` note says so): the page analyses on every edit.
pub const REDUNDANCY_BUDGET: u64 = 2_000_000;

/// Which rules are checked: those without an `ipBlock` peer (the diff compares "any outside
/// address" as one endpoint, which cannot tell which addresses two blocks admit), and not the
/// only egress rule of a policy (removing it from a manifest that leaves `policyTypes` out would
/// also drop Egress from the effective types, which the model cannot tell).
fn checked(rule: &Rule, egress: bool, rules: usize) -> bool {
    let ip_block = rule.peers.iter().any(|p| matches!(p, Peer::IpBlock(_)));
    let only_egress = egress && rules == 1;
    !ip_block && !only_egress
}

/// Every redundant rule of the model, as an `info` finding at its policy; or, when the model
/// is too large for the check, one `info` note saying it was not made.
pub fn redundant_rules(model: &Model, reports: &[ServiceReport]) -> Vec<Diagnostic> {
    let candidates: Vec<(usize, bool, usize)> = model
        .policies
        .iter()
        .enumerate()
        // A policy that selects no pod decides nothing: each of its rules would be "redundant"
        // for a reason that is not the rule's.
        .filter(|(_, p)| model.groups.iter().any(|g| super::policy::selects(p, g)))
        .flat_map(|(pi, p)| {
            let ingress = p
                .ingress
                .iter()
                .enumerate()
                .filter(|(_, r)| checked(r, false, p.ingress.len()));
            let egress = p
                .egress
                .iter()
                .enumerate()
                .filter(|(_, r)| checked(r, true, p.egress.len()));
            ingress
                .map(move |(ri, _)| (pi, false, ri))
                .chain(egress.map(move |(ri, _)| (pi, true, ri)))
                .collect::<Vec<_>>()
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let ends = model.groups.len() as u64 + 1;
    let work = candidates.len() as u64 * ends * ends * representative_probes(model).len() as u64;
    if work > REDUNDANCY_BUDGET {
        return vec![Diagnostic {
            severity: Severity::Info,
            code: Code::Limit,
            location: model.policies.first().map(|p| p.location.clone()).unwrap_or_default(),
            path: String::new(),
            object: String::new(),
            message: format!(
                "redundant rules are not looked for: {} rules over {} pod groups is more than the check takes on",
                candidates.len(),
                model.groups.len()
            ),
        }];
    }
    let baseline = Baseline::new(Version::new(model, reports));
    let mut without = model.clone();
    let mut out = Vec::new();
    for (pi, egress, ri) in candidates {
        let removed = rules_of(&mut without, pi, egress).remove(ri);
        let same = baseline.same_endpoint_verdicts(Version::new(&without, reports));
        rules_of(&mut without, pi, egress).insert(ri, removed);
        if !same {
            continue;
        }
        let policy = &model.policies[pi];
        let list = if egress { "egress" } else { "ingress" };
        out.push(Diagnostic {
            severity: Severity::Info,
            code: Code::RedundantRule,
            location: policy.location.clone(),
            path: format!("spec.{list}[{ri}]"),
            object: format!("NetworkPolicy {}", policy.key()),
            message: format!(
                "{list}[{ri}] of {} admits nothing that other rules don't already admit: removing it changes no verdict",
                policy.key()
            ),
        });
    }
    out
}

/// The ingress or egress rules of policy `pi`.
fn rules_of(m: &mut Model, pi: usize, egress: bool) -> &mut Vec<Rule> {
    let p = &mut m.policies[pi];
    if egress {
        &mut p.egress
    } else {
        &mut p.ingress
    }
}
