//! The words of a diff's cause: which rule decided a flow in one version, read from the
//! explanation `explain` gives of it (the same one `reachmap explain` prints).

use super::{PolicyChange, Side};
use crate::analysis::policy::{explain, Direction, Endpoint, Explanation, Match, RuleRef};
use crate::analysis::probe::Probe;
use crate::model::Model;
use std::collections::BTreeMap;

/// What decided `from → to` on `probe` in this version: `absent` when an end does not exist.
pub(super) fn of_flow(
    side: &Side<'_>,
    from: Option<Endpoint>,
    to: Option<Endpoint>,
    probe: Probe,
) -> String {
    match (from, to) {
        (Some(f), Some(t)) => of_explanation(
            side.version.model,
            side.statuses,
            &explain(side.version.model, f, t, probe),
        ),
        _ => "absent".into(),
    }
}

/// What decided an explanation's verdict, compactly:
/// - allowed: the admitting rule of each isolated side (`default/api-allow ingress[0].from[1]`),
///   joined by ` + `; `none` when no policy isolates either end;
/// - denied: each side that denies, `default/deny-all ingress: no rule admits`;
/// - depends: the rules that admit part of the outside addresses, `(part of outside)`.
///
/// A policy added, removed or changed between the versions carries it: `default/x (added)`.
pub(crate) fn of_explanation(
    model: &Model,
    statuses: &BTreeMap<String, PolicyChange>,
    e: &Explanation,
) -> String {
    let key = |policy: usize| -> String {
        let key = model.policies[policy].key();
        match statuses.get(&key) {
            Some(change) => format!("{key} ({change})"),
            None => key,
        }
    };
    let sides = [
        (&e.egress, Direction::Egress),
        (&e.ingress, Direction::Ingress),
    ];
    let mut parts: Vec<String> = Vec::new();
    for (side, direction) in sides {
        let crate::analysis::Side::Isolated {
            policies,
            admitted_by,
            partly_by,
        } = side
        else {
            continue;
        };
        let word = match direction {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        };
        match side.allows() {
            Match::Yes => {
                if let Some(r) = admitted_by {
                    parts.push(rule_words(r, &key));
                }
            }
            Match::Partly => {
                let rules: Vec<String> = partly_by.iter().map(|r| rule_words(r, &key)).collect();
                parts.push(format!("{} (part of outside)", rules.join(", ")));
            }
            Match::No => {
                let keys: Vec<String> = policies.iter().map(|p| key(*p)).collect();
                parts.push(format!("{} {word}: no rule admits", keys.join(", ")));
            }
        }
    }
    // A denied or depending flow names only the sides that deny or limit it.
    let deciding: Vec<String> = match e.verdict {
        crate::analysis::Verdict::Allowed => parts,
        _ => parts
            .into_iter()
            .filter(|p| p.ends_with("no rule admits") || p.ends_with("(part of outside)"))
            .collect(),
    };
    if deciding.is_empty() {
        "none".into()
    } else {
        deciding.join(" + ")
    }
}

/// `default/api-allow ingress[0].from[1].ports[0]`: the rule, the peer entry and the port entry
/// that matched (without `.from[j]` when the rule has no peers, without `.ports[k]` when it has
/// no ports: it matches all of them).
fn rule_words(r: &RuleRef, key: &dyn Fn(usize) -> String) -> String {
    let (list, peers) = match r.direction {
        Direction::Ingress => ("ingress", "from"),
        Direction::Egress => ("egress", "to"),
    };
    let mut s = format!("{} {list}[{}]", key(r.policy), r.rule);
    if let Some(j) = r.peer {
        s.push_str(&format!(".{peers}[{j}]"));
    }
    if let Some(k) = r.port {
        s.push_str(&format!(".ports[{k}]"));
    }
    s
}
