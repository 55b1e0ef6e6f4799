//! The deciding tier on each drawn flow: where a cluster-wide policy (Admin or Baseline tier,
//! or an Admin Pass that sent the flow on to the NetworkPolicy tier) decided a flow's verdict,
//! its edge says which tier and rule in its title, in `explain`'s words, and carries the
//! tier's mark. Nothing is evaluated for an input without cluster policies.

use crate::analysis::{explain, Endpoint, Explanation, Probe, Verdict};
use crate::model::Model;
use crate::report::{tier_decisions, DecidingTier, TierDecision};

/// What an edge adds: the mark it carries (`None` when its flows are decided by different
/// tiers or some by none) and the words its title ends with.
pub struct EdgeTiers {
    pub mark: Option<DecidingTier>,
    pub words: String,
}

/// The tier that marks a flow: Admin before Pass before Baseline when its two sides were
/// decided by different tiers (the title names both).
fn mark_of(decisions: &[TierDecision]) -> Option<DecidingTier> {
    decisions.iter().map(|d| d.tier).min()
}

fn words_of(decisions: &[TierDecision]) -> String {
    let lines: Vec<&str> = decisions.iter().map(|d| d.words.as_str()).collect();
    lines.join("; ")
}

/// For a flow already explained (a highlighted flow's edge).
pub fn of_explanation(model: &Model, e: &Explanation) -> Option<EdgeTiers> {
    let decisions = tier_decisions(model, e);
    (!decisions.is_empty()).then(|| EdgeTiers {
        mark: mark_of(&decisions),
        words: words_of(&decisions),
    })
}

/// For an edge of verdict `v` holding `pairs` (`flows::Pair`: source, destination, probe): each
/// pair explained on its probe (only when the explanation gives the edge's verdict, so that the
/// words are the edge's).
pub fn of_pairs(
    model: &Model,
    v: Verdict,
    pairs: &[(Endpoint, Endpoint, Probe)],
) -> Option<EdgeTiers> {
    if model.cluster_policies.is_empty() {
        return None;
    }
    let decided: Vec<Vec<TierDecision>> = pairs
        .iter()
        .map(|&(from, to, probe)| {
            let e = explain(model, from, to, probe);
            if e.verdict == v {
                tier_decisions(model, &e)
            } else {
                Vec::new()
            }
        })
        .collect();
    if let [one] = decided.as_slice() {
        return (!one.is_empty()).then(|| EdgeTiers {
            mark: mark_of(one),
            words: words_of(one),
        });
    }
    // A bundle: how many of its flows each tier decided, and one flow's words.
    let marks: Vec<Option<DecidingTier>> = decided.iter().map(|d| mark_of(d)).collect();
    let (i, first) = decided.iter().enumerate().find(|(_, d)| !d.is_empty())?;
    let uniform = marks.iter().all(|m| *m == marks[i]);
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in &marks {
        let name = match m {
            Some(DecidingTier::Admin) => "Admin tier",
            Some(DecidingTier::Pass) => "Admin tier's Pass",
            Some(DecidingTier::Baseline) => "Baseline tier",
            None => "no cluster tier",
        };
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name.to_string(), 1)),
        }
    }
    let counted: Vec<String> = counts
        .iter()
        .map(|(n, c)| format!("{n} for {c} of {}", pairs.len()))
        .collect();
    let (from, to, _) = pairs[i];
    Some(EdgeTiers {
        mark: if uniform { marks[i] } else { None },
        words: format!(
            "decided by {}; for example {} → {}: {}",
            counted.join(", "),
            from.name(model),
            to.name(model),
            words_of(first)
        ),
    })
}
