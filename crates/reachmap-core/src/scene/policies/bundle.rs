//! Bundles: where a flow goes to every pod group of a namespace, or comes from every one, the
//! many edges become one, from or to a box standing for all of them (`Kind::Every`), counting
//! its flows and listing them in its title. What would be a fan of parallel lines across the
//! drawing (every workload may reach the outside; every workload may reach the frontend) is
//! one line that says so.

use super::flows::{title, Edge, Pair};
use super::graph::{Cast, Kind};
use super::verdicts::Verdicts;
use crate::analysis::Verdict;
use std::collections::BTreeSet;

/// A namespace's pod groups are bundled only when there are at least this many: two lines
/// say "both" as well as one box would.
pub const BUNDLE_MIN: usize = 3;

/// Replaces the edges from one box to every pod group of a namespace (then from every pod
/// group of a namespace to one box) by one edge to (from) the namespace's `Every` box.
pub fn bundle(verdicts: &Verdicts, cast: &mut Cast, edges: &mut Vec<Edge>) {
    // Each open namespace's frame, and the folded namespaces taken together.
    let sets: Vec<Option<usize>> = (0..cast.frames.len())
        .filter(|&f| cast.frames[f].namespace.is_some())
        .map(Some)
        .chain([None])
        .collect();
    for targets in [true, false] {
        for &frame in &sets {
            let members = cast.members(frame);
            // The other ends of edges that may go to (come from) all of them.
            let ends: BTreeSet<(usize, usize)> = crate::order::set(edges.iter().filter_map(|e| {
                let (member, other) = if targets {
                    (e.to, e.from)
                } else {
                    (e.from, e.to)
                };
                members.contains(&member).then_some((other, class_key(e)))
            }));
            for (other, class) in ends {
                // Folded namespaces are bundled only towards the outside: between namespaces
                // each edge's count is what the namespace level is for.
                if frame.is_none() && cast.nodes[other].kind != Kind::Outside {
                    continue;
                }
                let wanted: Vec<usize> = members.iter().copied().filter(|&m| m != other).collect();
                if wanted.len() < BUNDLE_MIN {
                    continue;
                }
                let hit = |e: &Edge| {
                    class_key(e) == class && e.state.is_none() && {
                        let (member, o) = if targets {
                            (e.to, e.from)
                        } else {
                            (e.from, e.to)
                        };
                        o == other && wanted.contains(&member)
                    }
                };
                if edges.iter().filter(|e| hit(e)).count() < wanted.len() {
                    continue;
                }
                let taken: Vec<Edge> = extract(edges, hit);
                let every = cast.every(frame, targets);
                let (from, to) = if targets {
                    (other, every)
                } else {
                    (every, other)
                };
                edges.push(merge(verdicts, cast, (from, to), taken));
            }
        }
    }
}

/// An edge's verdict, as a number to group by.
fn class_key(e: &Edge) -> usize {
    e.class as usize
}

fn extract(edges: &mut Vec<Edge>, hit: impl Fn(&Edge) -> bool) -> Vec<Edge> {
    let mut taken = Vec::new();
    let mut kept = Vec::new();
    for e in edges.drain(..) {
        if hit(&e) {
            taken.push(e);
        } else {
            kept.push(e);
        }
    }
    *edges = kept;
    taken
}

/// One edge for `taken`, between `from` and `to`, holding all their flows.
fn merge(verdicts: &Verdicts, cast: &Cast, (from, to): (usize, usize), taken: Vec<Edge>) -> Edge {
    let first = &taken[0];
    let (class, action) = (first.class, first.action.clone());
    let pairs: Vec<Pair> = taken.iter().flat_map(|e| e.pairs.clone()).collect();
    let verdict = match class {
        super::super::Class::Depends => Verdict::Depends,
        super::super::Class::Denied => Verdict::Denied,
        _ => Verdict::Allowed,
    };
    let nodes = &cast.nodes;
    let id = format!("edge:{}->{}:{verdict}", nodes[from].id, nodes[to].id);
    debug_assert!(matches!(
        (&nodes[from].kind, &nodes[to].kind),
        (Kind::Every { .. }, _) | (_, Kind::Every { .. })
    ));
    let tiers = super::deciders::of_pairs(verdicts.model, verdict, &pairs);
    Edge {
        ports: None,
        from,
        to,
        class,
        title: title(verdicts, cast, (from, to), verdict, &pairs, pairs.len()),
        action,
        state: None,
        id,
        count: pairs.len(),
        pairs,
        tier: None,
    }
    .with_tiers(tiers)
}
