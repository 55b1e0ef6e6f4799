//! What the NetworkPolicy tier says of one side of a flow, in words: whether it is isolated
//! and by which policies, and the rule that admits the flow or that none does. Both the plain
//! explanation (`explain`) and the tier walk's (`tiers`, where NetworkPolicies are one tier
//! among the cluster's) say it this way.

use super::linked::Linked;
use crate::analysis::policy::RuleRef;
use crate::analysis::{Explanation, Side};
use crate::model::Model;
use std::fmt::Write;

/// What NetworkPolicies say of one side, in a sentence: isolated by which (each name a
/// link to its policy), or not.
pub(super) fn network_words(out: &mut Linked, model: &Model, dir: &str, side: &Side) {
    match side {
        Side::NotApplicable => out
            .text
            .push_str("outside the cluster, no NetworkPolicy applies"),
        Side::NotIsolated => {
            let _ = write!(
                out,
                "not isolated (no NetworkPolicy selects it with {} in policyTypes), so everything is allowed",
                if dir == "egress" { "Egress" } else { "Ingress" }
            );
        }
        Side::Isolated { policies, .. } => {
            out.text.push_str("isolated by ");
            for (i, &p) in policies.iter().enumerate() {
                if i > 0 {
                    out.text.push_str(", ");
                }
                let policy = &model.policies[p];
                out.link(&policy.key(), String::new(), policy.location.clone());
            }
        }
    }
}

/// The lines under an isolated side: the rule that admits the flow, or that none does.
pub(super) fn network_rules(
    out: &mut Linked,
    model: &Model,
    dir: &str,
    peer: &str,
    side: &Side,
    e: &Explanation,
) {
    let Side::Isolated {
        admitted_by,
        partly_by,
        ..
    } = side
    else {
        return;
    };
    match admitted_by {
        Some(rule) => {
            out.text.push_str("    allowed by ");
            rule_link(out, model, rule);
            out.text.push('\n');
        }
        None if !partly_by.is_empty() => {
            for rule in partly_by {
                out.text.push_str("    ");
                rule_link(out, model, rule);
                out.text.push_str(
                    " admits only some outside addresses: the verdict depends on the address\n",
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "    no {dir} rule of these policies admits {peer} on {}",
                e.probe
            );
        }
    }
}

/// `rule.describe`, as a link to the rule's entry.
fn rule_link(out: &mut Linked, model: &Model, rule: &RuleRef) {
    let link = rule.link(model);
    out.link(&rule.describe(model), link.path, link.location);
}
