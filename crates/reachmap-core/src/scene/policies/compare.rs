//! The Policies view of a change (`reachmap render --diff OLD`): the new version's drawing with
//! the flows `analysis::diff` found opened (thick, solid) and closed (thick, dashed) drawn in
//! their own classes over the new version's flows, dimmed, and the counts in the header. The changes
//! are the diff's rows, so the drawing and `reachmap diff` always agree.

use super::super::{Action, Class, Scene, SceneOptions};
use super::flows::{folded_ends, Edge, Pair, MEMBERS_LISTED};
use super::graph::Cast;
use crate::analysis::diff::OUTSIDE;
use crate::analysis::{diff, Analysis, Diff, DiffPorts, DiffRow, Endpoint, Probe};
use crate::model::Model;
use std::collections::BTreeMap;

/// The endpoint-to-endpoint rows of a diff (Service rows are drawn by the flows they stand for).
pub struct Changes {
    rows: Vec<DiffRow>,
}

/// What the marking found: for the header.
#[derive(Default)]
pub struct Marked {
    pub opened: usize,
    pub closed: usize,
    /// Changes that neither open nor close a flow (to or from `depends`, an end `absent`).
    pub other: usize,
    /// Opened or closed flows with an end the new version's drawing does not have.
    pub not_drawn: usize,
}

impl Marked {
    /// The header's heading and lines.
    pub fn words(&self, options: &SceneOptions) -> (String, Vec<String>) {
        let what = format!("Changes between two versions, {}", options.ports.describe());
        let mut lines = vec![format!(
            "{} flow{} opened (thick, solid), {} closed (thick, dashed), one per port or interval as reachmap diff counts; the new version's flows dimmed under them.",
            self.opened,
            if self.opened == 1 { "" } else { "s" },
            self.closed
        )];
        if self.not_drawn > 0 || self.other > 0 {
            lines.push(format!(
                "Not drawn: {} opened or closed flow{} from or to endpoints the new version lacks, {} other change{} (reachmap diff lists them all).",
                self.not_drawn,
                if self.not_drawn == 1 { "" } else { "s" },
                self.other,
                if self.other == 1 { "" } else { "s" }
            ));
        }
        (what, lines)
    }
}

/// The Policies view of `new` with the changes from `old` marked.
pub fn build(old: &Analysis, new: &Analysis, options: &SceneOptions) -> Scene {
    build_of(
        new,
        &diff(old, new, &DiffPorts::from(options.ports)),
        options,
    )
}

/// The Policies view of `new` with the changes of `d` marked: `d` must be the diff of some
/// old version against `new` on `options.ports` (the page computes it once for its list of
/// changes and for this drawing).
pub fn build_of(new: &Analysis, d: &Diff, options: &SceneOptions) -> Scene {
    let rows = d.rows.iter().filter(|r| !r.to_service()).cloned().collect();
    // The changes are the highlight: no focus, no flow, the Policies view.
    let options = SceneOptions {
        view: super::super::View::Policies,
        focus: None,
        flow: None,
        show_denied: false,
        ..options.clone()
    };
    super::build_with(new, &options, Some(&Changes { rows }))
}

/// The probe a row is drawn and explained on (`DiffRow::explained_port`).
fn first_probe(row: &DiffRow) -> Option<Probe> {
    row.explained_port().parse().ok()
}

/// What a click on a changed edge between boxes `a` and `b` does: open their folded
/// namespaces, as an edge of the ordinary view does; else explain `row`, the edge's first
/// changed flow, in the words of the page's list of changes (the diff row's ends, on
/// `DiffRow::explained_port`), so the page finds it there.
fn change_action(cast: &Cast, (a, b): (usize, usize), row: &DiffRow) -> Action {
    let expand = folded_ends(cast, a, b);
    if !expand.is_empty() {
        return Action::Expand(expand);
    }
    Action::Explain {
        from: row.from.clone(),
        to: row.to.clone(),
        port: row.explained_port(),
    }
}

/// An endpoint name of the new version.
fn endpoint(model: &Model, name: &str) -> Option<Endpoint> {
    if name == OUTSIDE {
        return Some(Endpoint::Outside(None));
    }
    model.group(name).map(Endpoint::Group)
}

/// (from box, to box, class) → the changed flows drawn by one edge: each flow, its diff row
/// and its words in the edge's title.
type ChangedEdges<'a> = BTreeMap<(usize, usize, Class), Vec<(Pair, &'a DiffRow, String)>>;

/// Dims the drawn edges and adds the opened and closed flows as edges of their own (one per
/// pair of boxes and kind of change).
pub fn mark(changes: &Changes, model: &Model, cast: &Cast, edges: &mut Vec<Edge>) -> Marked {
    let mut marked = Marked::default();
    let mut changed: ChangedEdges = BTreeMap::new();
    for r in &changes.rows {
        let class = if r.opened() {
            Class::Opened
        } else if r.closed() {
            Class::Closed
        } else {
            marked.other += 1;
            continue;
        };
        let ends = (endpoint(model, &r.from), endpoint(model, &r.to));
        let (Some(from), Some(to), Some(probe)) = (ends.0, ends.1, first_probe(r)) else {
            marked.not_drawn += 1;
            continue;
        };
        let (Some(a), Some(b)) = (cast.node_of(from, false), cast.node_of(to, true)) else {
            marked.not_drawn += 1;
            continue;
        };
        let words = format!(
            "{} → {} {}: {} → {} ({})",
            r.from, r.to, r.probe, r.before, r.after, r.cause
        );
        changed
            .entry((a, b, class))
            .or_default()
            .push(((from, to, probe), r, words));
        match class {
            Class::Opened => marked.opened += 1,
            _ => marked.closed += 1,
        }
    }
    // The new version's own edges stay, dimmed, under the changes: an opened flow is also
    // one of them (allowed now), and a pair may have opened on one port and kept another.
    for e in edges.iter_mut() {
        e.state = Some(Class::Dim);
    }
    for ((a, b, class), mut flows) in changed {
        // TCP first, the protocol people mean when they name none: the title lists it first
        // and a click explains it (stable, so each protocol keeps the diff's order).
        flows.sort_by_key(|((_, _, probe), _, _)| probe.protocol);
        let word = if class == Class::Opened {
            "opened"
        } else {
            "closed"
        };
        let mut title = format!(
            "{} flow{} {word}:",
            flows.len(),
            if flows.len() == 1 { "" } else { "s" }
        );
        for (_, _, w) in flows.iter().take(MEMBERS_LISTED) {
            title.push_str("\n  ");
            title.push_str(w);
        }
        if flows.len() > MEMBERS_LISTED {
            title.push_str(&format!("\n  … and {} more", flows.len() - MEMBERS_LISTED));
        }
        edges.push(Edge {
            ports: None,
            from: a,
            to: b,
            class,
            title,
            action: Some(change_action(cast, (a, b), flows[0].1)),
            state: None,
            id: format!("edge:{}->{}:{word}", cast.nodes[a].id, cast.nodes[b].id),
            // How many pairs of endpoints, as other edges count (the title lists each port).
            count: {
                let mut ends: Vec<(Endpoint, Endpoint)> =
                    flows.iter().map(|((f, t, _), _, _)| (*f, *t)).collect();
                ends.sort_unstable();
                ends.dedup();
                ends.len()
            },
            pairs: flows.into_iter().map(|(p, _, _)| p).collect(),
            // A change's edge is about the change, not about who decides the new verdict.
            tier: None,
        });
    }
    marked
}
