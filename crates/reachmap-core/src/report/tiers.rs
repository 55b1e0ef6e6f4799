//! One side of a flow through the cluster-wide tiers, in words: the Admin tier, then the
//! NetworkPolicy tier or the Baseline tier, as far as the walk goes:
//! `ingress of b/server: Admin tier: accept-client rule accept-80 (ingress[0], priority 10)
//! accepts a/client on TCP/80 — decided`, or `… passes → NetworkPolicy tier: isolated by …`.

use super::linked::Linked;
use super::network_side::{network_rules, network_words};
use crate::analysis::policy::Direction;
use crate::analysis::tiers::{side_allows, TierMatch, TierResult, TierWalk};
use crate::analysis::{Explanation, Match, Side, Verdict};
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

/// `deny-sensitive rule deny-to-vault (egress[0], priority 10)`, as a link to the rule.
fn rule_words(out: &mut Linked, model: &Model, m: &TierMatch) {
    let list = match m.at.direction {
        Direction::Ingress => "ingress",
        Direction::Egress => "egress",
    };
    out.link(
        &m.at.describe(model),
        format!("spec.{list}[{}]", m.at.rule),
        m.at.rule(model).at.clone(),
    );
}

/// One tier's sentence; `true` when the walk goes on past it (Pass, no match, or maybe).
fn tier_words(
    model: &Model,
    result: &TierResult,
    peer: &str,
    e: &Explanation,
    notes: &mut Vec<Linked>,
) -> (Linked, bool) {
    let tier = result.tier;
    for m in &result.maybe {
        let mut note = Linked::default();
        let _ = write!(note, "{tier} tier: ");
        rule_words(&mut note, model, m);
        let _ = write!(
            note,
            " may match or not ({}); if it does, it {}",
            m.unsure.as_deref().unwrap_or("not known"),
            verb(model, m)
        );
        notes.push(note);
    }
    let mut s = Linked::default();
    if result.policies.is_empty() {
        let _ = write!(s, "{tier} tier: no {tier} policy selects it");
        return (s, true);
    }
    match result.decided_by.as_slice() {
        [] => {
            let names: Vec<&str> = result
                .policies
                .iter()
                .map(|p| model.cluster_policies[*p].name.as_str())
                .collect();
            let _ = write!(
                s,
                "{tier} tier: no rule of {} matches {peer} on {}",
                names.join(", "),
                e.probe
            );
            (s, true)
        }
        [m] => {
            let decided = m.action != ClusterAction::Pass;
            let _ = write!(s, "{tier} tier: ");
            rule_words(&mut s, model, m);
            let _ = write!(s, " {}", verb(model, m));
            if decided {
                let _ = write!(s, " {peer} on {} — decided", e.probe);
            }
            (s, !decided)
        }
        several if result.tie() => {
            let priority = several[0].at.policy(model).priority;
            let _ = write!(
                s,
                "{tier} tier: ambiguous — policies of the same priority {priority} disagree: "
            );
            for (i, m) in several.iter().enumerate() {
                if i > 0 {
                    s.text.push_str(", while ");
                }
                rule_words(&mut s, model, m);
                let _ = write!(s, " {}", verb(model, m));
            }
            s.text
                .push_str("; the API leaves which one applies to the implementation");
            (s, several.iter().any(|m| m.action == ClusterAction::Pass))
        }
        several => {
            // One priority, one action: which policy applies does not matter.
            let m = &several[0];
            let decided = m.action != ClusterAction::Pass;
            let _ = write!(s, "{tier} tier: ");
            rule_words(&mut s, model, m);
            let _ = write!(s, " {} (as does ", verb(model, m));
            for (i, other) in several[1..].iter().enumerate() {
                if i > 0 {
                    s.text.push_str(", ");
                }
                rule_words(&mut s, model, other);
            }
            s.text.push_str(", of the same priority)");
            if decided {
                let _ = write!(s, " {peer} on {} — decided", e.probe);
            }
            (s, !decided)
        }
    }
}

/// One side's line of the tier walk (without its indent), and whether the NetworkPolicy
/// tier's rules follow it; notes on rules that may or may not match go to `notes`. Named:
/// the direction, the pod whose side it is, the other end.
fn side_line(
    model: &Model,
    (dir, who, peer): (&str, &str, &str),
    walk: &TierWalk,
    side: &Side,
    e: &Explanation,
    notes: &mut Vec<Linked>,
) -> (Linked, bool) {
    let (admin, on) = tier_words(model, &walk.admin, peer, e, notes);
    let mut line = Linked::default();
    let _ = write!(line, "{dir} of {who}: ");
    line.append(&admin);
    let mut network = false;
    if on {
        if side.isolated() {
            line.text.push_str(" → NetworkPolicy tier: ");
            network_words(&mut line, model, dir, side);
            network = true;
        } else {
            line.text
                .push_str(" → NetworkPolicy tier: no NetworkPolicy isolates it");
            if let Some(baseline) = &walk.baseline {
                let (words, on) = tier_words(model, baseline, peer, e, notes);
                line.text.push_str(" → ");
                line.append(&words);
                if on {
                    line.text.push_str(" → allowed (no tier decides)");
                }
            }
        }
    }
    (line, network)
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
    let (line, network) = side_line(model, (dir, who, peer), walk, side, e, &mut notes);
    out.text.push_str("  ");
    out.append(&line);
    out.text.push('\n');
    if network {
        network_rules(out, model, dir, peer, side, e);
    }
    for note in notes {
        out.text.push_str("    ");
        out.append(&note);
        out.text.push('\n');
    }
}

/// The cluster tier whose rule decided one side of a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecidingTier {
    /// An Admin tier rule accepted or denied it (or policies of one priority disagree).
    Admin,
    /// An Admin tier rule passed it on, and no Baseline rule decided after.
    Pass,
    /// A Baseline tier rule decided it.
    Baseline,
}

impl DecidingTier {
    /// Its one-letter mark on a drawn flow.
    pub fn letter(self) -> &'static str {
        match self {
            DecidingTier::Admin => "A",
            DecidingTier::Pass => "P",
            DecidingTier::Baseline => "B",
        }
    }
}

/// One side of a flow that a cluster tier decided, with explain's line for that side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierDecision {
    /// The tier, for the mark on a drawn flow.
    pub tier: DecidingTier,
    /// `ingress of b/server: Admin tier: accept-client rule accept-80 (ingress[0], priority
    /// 10) accepts a/client on TCP/80 — decided`, word for word as `explain` says it.
    pub words: String,
}

/// Which tier's rule decided a walk, if any rule matched for sure.
fn deciding_tier(walk: &TierWalk) -> Option<DecidingTier> {
    let decides = |r: &TierResult| r.decided_by.iter().any(|m| m.action != ClusterAction::Pass);
    let baseline = walk.baseline.as_ref().is_some_and(decides);
    if decides(&walk.admin) {
        Some(DecidingTier::Admin)
    } else if baseline {
        Some(DecidingTier::Baseline)
    } else if !walk.admin.decided_by.is_empty() {
        Some(DecidingTier::Pass)
    } else {
        None
    }
}

/// The sides of a flow whose answer is the verdict's and that a cluster tier decided (the
/// denying side of a denied flow, each side of an allowed one), egress first, in `explain`'s
/// words. Empty without cluster policies (the explanation then has no tier walk).
pub fn tier_decisions(model: &Model, e: &Explanation) -> Vec<TierDecision> {
    let verdict_answer = match e.verdict {
        Verdict::Allowed => Match::Yes,
        Verdict::Denied => Match::No,
        Verdict::Depends => Match::Partly,
    };
    let (from, to) = (e.from.name(model), e.to.name(model));
    let mut out = Vec::new();
    for (dir, who, peer, walk, side) in [
        ("egress", &from, &to, &e.egress_tiers, &e.egress),
        ("ingress", &to, &from, &e.ingress_tiers, &e.ingress),
    ] {
        let Some(walk) = walk else { continue };
        if side_allows(walk, side.allows(), side.isolated()) != verdict_answer {
            continue;
        }
        if let Some(tier) = deciding_tier(walk) {
            let (line, _) = side_line(model, (dir, who, peer), walk, side, e, &mut Vec::new());
            out.push(TierDecision {
                tier,
                words: line.text,
            });
        }
    }
    out
}
