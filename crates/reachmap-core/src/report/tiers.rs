//! One side of a flow through the cluster-wide tiers, in words: the Admin tier, then the
//! NetworkPolicy tier or the Baseline tier, as far as the walk goes:
//! `ingress of b/server: Admin tier: accept-client rule accept-80 (ingress[0], priority 10)
//! accepts a/client on TCP/80 — decided`, or `… passes → NetworkPolicy tier: isolated by …`.

use super::explain::{network_rules, network_words};
use super::linked::Linked;
use crate::analysis::tiers::{TierMatch, TierResult, TierWalk};
use crate::analysis::{Explanation, Side};
use crate::model::{ClusterAction, Model};
use std::fmt::Write;

/// What a rule does, as a verb: `accepts` (`allows` in v1alpha1), `denies`, `passes`.
fn verb(model: &Model, m: &TierMatch) -> String {
    let kind = m.at.policy(model).kind;
    match m.action.word(kind) {
        "Deny" => "denies".into(),
        "Pass" => "passes".into(),
        word => format!("{}s", word.to_lowercase()),
    }
}

fn rule_words(model: &Model, m: &TierMatch) -> String {
    m.at.describe(model)
}

/// One tier's sentence; `true` when the walk goes on past it (Pass, no match, or maybe).
fn tier_words(
    model: &Model,
    result: &TierResult,
    peer: &str,
    e: &Explanation,
    notes: &mut Vec<String>,
) -> (String, bool) {
    let tier = result.tier;
    for m in &result.maybe {
        notes.push(format!(
            "{tier} tier: {} may match or not ({}); if it does, it {}",
            rule_words(model, m),
            m.unsure.as_deref().unwrap_or("not known"),
            verb(model, m)
        ));
    }
    if result.policies.is_empty() {
        return (format!("{tier} tier: no {tier} policy selects it"), true);
    }
    match result.decided_by.as_slice() {
        [] => {
            let names: Vec<&str> = result
                .policies
                .iter()
                .map(|p| model.cluster_policies[*p].name.as_str())
                .collect();
            (
                format!(
                    "{tier} tier: no rule of {} matches {peer} on {}",
                    names.join(", "),
                    e.probe
                ),
                true,
            )
        }
        [m] => {
            let decided = m.action != ClusterAction::Pass;
            let mut s = format!("{tier} tier: {} {}", rule_words(model, m), verb(model, m));
            if decided {
                let _ = write!(s, " {peer} on {} — decided", e.probe);
            }
            (s, !decided)
        }
        several if result.tie() => {
            let each: Vec<String> = several
                .iter()
                .map(|m| format!("{} {}", rule_words(model, m), verb(model, m)))
                .collect();
            let priority = several[0].at.policy(model).priority;
            (
                format!(
                    "{tier} tier: ambiguous — policies of the same priority {priority} disagree: {}; the API leaves which one applies to the implementation",
                    each.join(", while ")
                ),
                several.iter().any(|m| m.action == ClusterAction::Pass),
            )
        }
        several => {
            // One priority, one action: which policy applies does not matter.
            let m = &several[0];
            let others: Vec<String> = several[1..].iter().map(|m| rule_words(model, m)).collect();
            let decided = m.action != ClusterAction::Pass;
            let mut s = format!(
                "{tier} tier: {} {} (as does {}, of the same priority)",
                rule_words(model, m),
                verb(model, m),
                others.join(", ")
            );
            if decided {
                let _ = write!(s, " {peer} on {} — decided", e.probe);
            }
            (s, !decided)
        }
    }
}

/// One side of a flow with cluster policies in the input: the tiers in the order they are
/// walked, then notes on rules that may or may not match.
#[allow(clippy::too_many_arguments)]
pub(super) fn side_text(
    out: &mut Linked,
    model: &Model,
    dir: &str,
    who: &str,
    peer: &str,
    walk: &TierWalk,
    side: &Side,
    e: &Explanation,
) {
    let mut notes = Vec::new();
    let (admin, on) = tier_words(model, &walk.admin, peer, e, &mut notes);
    let _ = write!(out, "  {dir} of {who}: {admin}");
    let mut network = false;
    if on {
        if side.isolated() {
            out.text.push_str(" → NetworkPolicy tier: ");
            network_words(out, model, dir, side);
            network = true;
        } else {
            out.text
                .push_str(" → NetworkPolicy tier: no NetworkPolicy isolates it");
            if let Some(baseline) = &walk.baseline {
                let (words, on) = tier_words(model, baseline, peer, e, &mut notes);
                let _ = write!(out, " → {words}");
                if on {
                    out.text.push_str(" → allowed (no tier decides)");
                }
            }
        }
    }
    out.text.push('\n');
    if network {
        network_rules(out, model, dir, peer, side, e);
    }
    for note in notes {
        let _ = writeln!(out, "    {note}");
    }
}
