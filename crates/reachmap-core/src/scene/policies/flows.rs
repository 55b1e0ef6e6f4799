//! Which edges the Policies view draws: without a focus, the flows a policy rule admits (up to
//! a cap); with a focus, every flow from and to it; and a highlighted flow, through its Service
//! when it targets one. An edge joins two nodes and stands for one verdict between their
//! endpoints (a collapsed namespace stands for all its groups: one edge per verdict present).

use super::super::{Action, Class};
use super::grid::{Grid, Kind};
use super::verdicts::Verdicts;
use crate::analysis::query::endpoint_word;
use crate::analysis::{Backend, Endpoint, FlowAnswer, FlowQuery, PortChoice, Probe, Verdict};
use std::collections::{BTreeMap, BTreeSet};

/// Flows drawn without a focus, at most.
pub const EDGE_CAP: usize = 300;

pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// `Allowed`, `Denied`, `Depends` or `Broken`.
    pub class: Class,
    pub title: String,
    pub action: Option<Action>,
    /// `Focus` for the highlighted flow, `Dim` when a flow is highlighted and this is not it.
    pub state: Option<Class>,
    pub id: String,
}

pub fn class_of(v: Verdict) -> Class {
    match v {
        Verdict::Allowed => Class::Allowed,
        Verdict::Denied => Class::Denied,
        Verdict::Depends => Class::Depends,
    }
}

/// The edges before any flow is highlighted, and how many admitted flows the cap left out.
pub fn base_edges(verdicts: &Verdicts, grid: &Grid, focus: Option<usize>) -> (Vec<Edge>, usize) {
    let nodes = &grid.nodes;
    let drawable = |n: usize| !matches!(nodes[n].kind, Kind::Service(_));
    let mut edges = Vec::new();
    if let Some(f) = focus {
        for n in (0..nodes.len()).filter(|&n| n != f && drawable(n)) {
            edges.extend(aggregate(verdicts, grid, f, n, false));
            edges.extend(aggregate(verdicts, grid, n, f, false));
        }
        return (edges, 0);
    }
    let mut hidden = 0;
    for a in (0..nodes.len()).filter(|&n| drawable(n)) {
        for b in (0..nodes.len()).filter(|&n| n != a && drawable(n)) {
            // Two pod groups: two bit lookups decide, before any text is made.
            if let (Kind::Group(ga), Kind::Group(gb)) = (&nodes[a].kind, &nodes[b].kind) {
                let (ea, eb) = (Endpoint::Group(*ga), Endpoint::Group(*gb));
                if !verdicts.governed(ea, eb) || !verdicts.groups_allowed(*ga, *gb) {
                    continue;
                }
                if edges.len() >= EDGE_CAP {
                    hidden += 1;
                    continue;
                }
            }
            let found = aggregate(verdicts, grid, a, b, true);
            let room = EDGE_CAP.saturating_sub(edges.len());
            hidden += found.len().saturating_sub(room);
            edges.extend(found.into_iter().take(room));
        }
    }
    (edges, hidden)
}

/// The edges from node `a` to node `b`, one per verdict among their endpoints' pairs. With
/// `admitted_only`, only allowed (or depends) flows a policy rule governs.
fn aggregate(
    verdicts: &Verdicts,
    grid: &Grid,
    a: usize,
    b: usize,
    admitted_only: bool,
) -> Vec<Edge> {
    let model = verdicts.model;
    let nodes = &grid.nodes;
    let mut by_verdict: BTreeMap<Verdict, Vec<(Endpoint, Endpoint, Probe)>> = BTreeMap::new();
    let mut total = 0;
    for &from in &nodes[a].endpoints {
        for &to in &nodes[b].endpoints {
            if from == to {
                continue;
            }
            total += 1;
            if admitted_only && !verdicts.governed(from, to) {
                continue;
            }
            let (v, p) = verdicts.verdict(from, to);
            if admitted_only && v == Verdict::Denied {
                continue;
            }
            by_verdict.entry(v).or_default().push((from, to, p));
        }
    }
    let port = verdicts.choice.describe();
    let name = |n: usize, e: Endpoint| match &nodes[n].kind {
        Kind::Namespace(ns) => format!("namespace {ns}"),
        _ => e.name(model),
    };
    by_verdict
        .into_iter()
        .map(|(v, pairs)| {
            let (from, to, probe) = pairs[0];
            let mut title = format!("{} → {} {port}: {v}", name(a, from), name(b, to));
            if pairs.len() < total {
                title.push_str(&format!(" ({} of {} pod pairs)", pairs.len(), total));
            }
            if verdicts.choice == PortChoice::Any {
                match v {
                    Verdict::Allowed => title.push_str(&format!(", for example on {probe}")),
                    Verdict::Depends => {
                        title.push_str(&format!(" on the outside address, for example on {probe}"))
                    }
                    Verdict::Denied => title.push_str(" on every port"),
                }
            }
            Edge {
                from: a,
                to: b,
                class: class_of(v),
                id: format!("edge:{}->{}:{v}", nodes[a].id, nodes[b].id),
                title,
                action: Some(Action::Explain {
                    from: endpoint_word(model, from),
                    to: endpoint_word(model, to),
                    port: probe.to_string(),
                }),
                state: None,
            }
        })
        .collect()
}

/// The nodes a highlighted flow marks: its ends (`focus`) and the backends it reaches.
#[derive(Default)]
pub struct FlowMarks {
    pub focus: BTreeSet<usize>,
    pub related: BTreeSet<usize>,
}

/// Highlights a flow, given the analysis's answer to it: its edges join the others (replacing
/// any between the same nodes) as `Focus`, everything else is dimmed.
pub fn highlight_flow(
    verdicts: &Verdicts,
    q: &FlowQuery,
    answer: &FlowAnswer,
    grid: &Grid,
    edges: &mut Vec<Edge>,
) -> FlowMarks {
    let mut marks = FlowMarks::default();
    let flow = flow_edges(verdicts, q, answer, grid, &mut marks);
    let pairs: BTreeSet<(usize, usize)> = crate::order::set(flow.iter().map(|e| (e.from, e.to)));
    edges.retain(|e| !pairs.contains(&(e.from, e.to)));
    for e in edges.iter_mut() {
        e.state = Some(Class::Dim);
    }
    edges.extend(flow);
    marks
}

/// The highlighted flow's edges: one, or client → Service and Service → each backend on its
/// own targetPort, with its own verdict.
fn flow_edges(
    verdicts: &Verdicts,
    q: &FlowQuery,
    answer: &FlowAnswer,
    grid: &Grid,
    marks: &mut FlowMarks,
) -> Vec<Edge> {
    let model = verdicts.model;
    let nodes = &grid.nodes;
    let (from_word, to_word, port_word) = q.words(model);
    let explain_action = |port: &str| {
        Some(Action::Explain {
            from: from_word.clone(),
            to: to_word.clone(),
            port: port.to_string(),
        })
    };
    let mut out = Vec::new();
    let Some(client) = grid.node_of(q.from) else {
        return out;
    };
    marks.focus.insert(client);
    match answer {
        FlowAnswer::Single(e) => {
            let Some(to) = grid.node_of(e.to) else {
                return out;
            };
            marks.focus.insert(to);
            if to != client {
                out.push(Edge {
                    from: client,
                    to,
                    class: class_of(e.verdict),
                    title: crate::report::flow_line(
                        &e.from.name(model),
                        &e.to.name(model),
                        &e.probe.to_string(),
                        e.verdict,
                    ),
                    action: explain_action(&port_word),
                    state: Some(Class::Focus),
                    id: format!("flow:{}->{}", nodes[client].id, nodes[to].id),
                });
            }
        }
        FlowAnswer::Service(f) => {
            let Some(svc) = grid.service_node else {
                return out;
            };
            marks.focus.insert(svc);
            let s = &model.services[f.service];
            let sp = &s.ports[f.port];
            if svc != client {
                out.push(Edge {
                    from: client,
                    to: svc,
                    class: class_of(f.verdict),
                    title: format!(
                        "{} → Service {}:{} ({}/{}): {}",
                        f.client.name(model),
                        s.key(),
                        sp.name.clone().unwrap_or_else(|| sp.port.to_string()),
                        sp.protocol,
                        sp.port,
                        f.verdict
                    ),
                    action: explain_action(""),
                    state: Some(Class::Focus),
                    id: format!("flow:{}->{}", nodes[client].id, nodes[svc].id),
                });
            }
            for b in &f.backends {
                let to = match &b.backend {
                    Backend::Group(g) => grid.node_of_group[*g],
                    Backend::Address(_) => Some(super::grid::OUTSIDE),
                };
                let Some(to) = to else { continue };
                marks.related.insert(to);
                let (class, verdict) = match &b.explanation {
                    Some(e) => (class_of(e.verdict), e.verdict.to_string()),
                    None => (
                        Class::Broken,
                        "nothing is delivered: no such targetPort".into(),
                    ),
                };
                let target = match (&b.backend, b.target) {
                    (Backend::Group(g), Some(p)) => format!("{} {p}", model.groups[*g].endpoint()),
                    (Backend::Group(g), None) => model.groups[*g].endpoint(),
                    (Backend::Address(ip), Some(p)) => format!("{ip} {p}"),
                    (Backend::Address(ip), None) => ip.to_string(),
                };
                let id = format!("flow:{}->{}", nodes[svc].id, nodes[to].id);
                if to == svc || out.iter().any(|e: &Edge| e.id == id) {
                    continue;
                }
                out.push(Edge {
                    from: svc,
                    to,
                    class,
                    title: format!(
                        "{} through Service {} → {target}: {verdict}",
                        f.client.name(model),
                        s.key()
                    ),
                    action: explain_action(""),
                    state: Some(Class::Focus),
                    id,
                });
            }
        }
    }
    out
}
