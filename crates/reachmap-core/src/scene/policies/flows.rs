//! Which edges the Policies view draws: without a focus, the flows a policy rule admits; with
//! a focus, every flow from and to it (the denied ones on request); and a highlighted flow,
//! through its Service when it targets one.
//!
//! An edge joins two boxes and stands for one verdict between their endpoints. When a box
//! stands for several endpoints (a folded namespace) or several boxes' flows go the same way,
//! the edge is a bundle: it says how many flows it holds, which ports they use, and lists them
//! in its title, so that folding leaves nothing out silently.

use super::super::{Action, Class};
use super::deciders;
use super::graph::{Cast, Kind, OUTSIDE};
use super::verdicts::Verdicts;
use crate::analysis::query::endpoint_word;
use crate::analysis::{Backend, Endpoint, FlowAnswer, FlowQuery, PortChoice, Probe, Verdict};
use crate::report::DecidingTier;
use std::collections::{BTreeMap, BTreeSet};

/// A bundle's title lists this many of its flows, then says how many more it holds.
pub(super) const MEMBERS_LISTED: usize = 10;
/// And this many of the ports they are allowed on.
const PORTS_LISTED: usize = 6;

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
    /// How many flows (pairs of endpoints) it stands for.
    pub count: usize,
    /// The flows it stands for, with the probe each is shown on (empty for a highlighted
    /// flow's edges, which say their own words).
    pub pairs: Vec<Pair>,
    /// The cluster tier that decided its flows, for its mark (`deciders`).
    pub tier: Option<DecidingTier>,
    /// The ports a single flow is allowed on when not every port (`TCP/8080`, or `3 ports`),
    /// written at its start: the arrow says what it admits without a hover.
    pub ports: Option<String>,
}

impl Edge {
    /// Ends the title with the cluster tiers that decided its flows, and takes their mark.
    pub(super) fn with_tiers(mut self, tiers: Option<deciders::EdgeTiers>) -> Edge {
        if let Some(t) = tiers {
            self.title.push_str(" — ");
            self.title.push_str(&t.words);
            self.tier = t.mark;
        }
        self
    }
}

/// A flow: source, destination, and the probe an explanation shows.
pub type Pair = (Endpoint, Endpoint, Probe);

pub fn class_of(v: Verdict) -> Class {
    match v {
        Verdict::Allowed => Class::Allowed,
        Verdict::Denied => Class::Denied,
        Verdict::Depends => Class::Depends,
    }
}

/// Up to this many pod groups, the view without a focus also draws the flows denied into
/// pods that a policy isolates: a small example's first picture shows what its policy denies
/// (api-allow's nginx → payment-processor), not only what it admits.
pub const DENIALS_DRAWN_UP_TO: usize = 8;

/// Whether the view without a focus draws the denials into isolated pods: a small input
/// where some policy isolates pods for ingress or some cluster-wide policy may deny, drawn at
/// the workload level (the pod level's replicas would repeat every denial).
pub fn draws_denials(model: &crate::model::Model, cast: &Cast) -> bool {
    cast.level == super::super::Level::Workload
        && (2..=DENIALS_DRAWN_UP_TO).contains(&model.groups.len())
        && (model.policies.iter().any(|p| p.isolates_ingress) || !model.cluster_policies.is_empty())
}

/// The edges before any flow is highlighted, and how many denied flows of the focus were left
/// out (without `show_denied`).
pub fn base_edges(
    verdicts: &Verdicts,
    cast: &Cast,
    focus: Option<usize>,
    show_denied: bool,
) -> (Vec<Edge>, usize) {
    let nodes = &cast.nodes;
    let drawable = |n: usize| !matches!(nodes[n].kind, Kind::Service(_));
    let mut edges = Vec::new();
    if let Some(f) = focus {
        let mut hidden = 0;
        for n in (0..nodes.len()).filter(|&n| n != f && drawable(n)) {
            for e in aggregate(verdicts, cast, f, n, false)
                .into_iter()
                .chain(aggregate(verdicts, cast, n, f, false))
            {
                if e.class == Class::Denied && !show_denied {
                    hidden += e.count;
                } else {
                    edges.push(e);
                }
            }
        }
        return (edges, hidden);
    }
    let denials = draws_denials(verdicts.model, cast);
    // Flows come from the outside's first box and go to its last one.
    let sources = (0..nodes.len()).filter(|&n| drawable(n) && Some(n) != cast.outside_out);
    let targets: Vec<usize> = (0..nodes.len())
        .filter(|&n| drawable(n) && !(n == OUTSIDE && cast.outside_out.is_some()))
        .collect();
    for a in sources {
        for &b in &targets {
            // A box's own flows are drawn only for a folded namespace: between its groups.
            if a == b && !matches!(nodes[a].kind, Kind::Namespace(_)) {
                continue;
            }
            // Two single groups: two bit lookups decide, before any text is made.
            if let ([Endpoint::Group(ga)], [Endpoint::Group(gb)]) =
                (&nodes[a].endpoints[..], &nodes[b].endpoints[..])
            {
                let (ea, eb) = (Endpoint::Group(*ga), Endpoint::Group(*gb));
                let allowed = verdicts.groups_allowed(*ga, *gb);
                // (Not between two pods of one workload: their flows are the workload's own.)
                // (A cluster policy's rule denies without isolating: into a pod it selects.)
                let guarded = !verdicts.ingress[*gb].is_empty() || !verdicts.tiers[*gb].is_empty();
                if !allowed && denials && ga != gb && guarded {
                    // Denied into an isolated pod: drawn dashed, as a focus's denials are.
                    edges.extend(
                        aggregate(verdicts, cast, a, b, false)
                            .into_iter()
                            .filter(|e| e.class == Class::Denied),
                    );
                    continue;
                }
                if !verdicts.governed(ea, eb) || !allowed {
                    continue;
                }
            }
            edges.extend(aggregate(verdicts, cast, a, b, true));
        }
    }
    (edges, 0)
}

/// The edges from box `a` to box `b`, one per verdict among their endpoints' pairs. With
/// `admitted_only`, only allowed (or depends) flows a policy rule governs.
fn aggregate(
    verdicts: &Verdicts,
    cast: &Cast,
    a: usize,
    b: usize,
    admitted_only: bool,
) -> Vec<Edge> {
    let model = verdicts.model;
    let nodes = &cast.nodes;
    let mut by_verdict: BTreeMap<Verdict, Vec<Pair>> = BTreeMap::new();
    let mut total = 0;
    for &from in &nodes[a].endpoints {
        for &to in &nodes[b].endpoints {
            // An endpoint and itself is a flow only between two boxes (two pods of a workload).
            if from == to && a == b {
                continue;
            }
            total += 1;
            if admitted_only && !verdicts.governed(from, to) {
                continue;
            }
            if let (Endpoint::Group(x), Endpoint::Group(y)) = (from, to) {
                if admitted_only && !verdicts.groups_allowed(x, y) {
                    continue;
                }
            }
            let (v, p) = verdicts.verdict(from, to);
            if admitted_only && v == Verdict::Denied {
                continue;
            }
            by_verdict.entry(v).or_default().push((from, to, p));
        }
    }
    let expand = folded_ends(cast, a, b);
    by_verdict
        .into_iter()
        .map(|(v, pairs)| {
            let (from, to, probe) = pairs[0];
            let action = if expand.is_empty() {
                Action::Explain {
                    from: endpoint_word(model, from),
                    to: endpoint_word(model, to),
                    port: probe.to_string(),
                }
            } else {
                Action::Expand(expand.clone())
            };
            let tiers = deciders::of_pairs(model, v, &pairs);
            Edge {
                from: a,
                to: b,
                class: class_of(v),
                id: format!("edge:{}->{}:{v}", nodes[a].id, nodes[b].id),
                title: title(verdicts, cast, (a, b), v, &pairs, total),
                action: Some(action),
                state: None,
                count: pairs.len(),
                ports: some_ports(verdicts, v, &pairs),
                pairs,
                tier: None,
            }
            .with_tiers(tiers)
        })
        .collect()
}

/// The folded namespaces among the boxes `a` and `b`: what a click on an edge between them
/// opens (`Action::Expand`), when not empty, rather than explain one of its flows.
pub fn folded_ends(cast: &Cast, a: usize, b: usize) -> Vec<String> {
    let folded = |n: usize| match &cast.nodes[n].kind {
        Kind::Namespace(ns) => Some(ns.clone()),
        _ => None,
    };
    crate::order::set(folded(a).into_iter().chain(folded(b)))
        .into_iter()
        .collect()
}

/// The label of the ports one allowed flow between two pod groups is allowed on, over "any
/// port", when they are not all of them: the range (`TCP/8080`), or how many.
fn some_ports(verdicts: &Verdicts, v: Verdict, pairs: &[Pair]) -> Option<String> {
    let ([(Endpoint::Group(x), Endpoint::Group(y), _)], Verdict::Allowed) = (pairs, v) else {
        return None;
    };
    match verdicts.some_port_ranges(*x, *y)?.as_slice() {
        [one] => Some(one.to_string()),
        many => Some(format!("{} ports", many.len())),
    }
}

/// `default/a → default/b any port: allowed, for example on TCP/80`; for a bundle, how many
/// flows it holds, on which ports, and which.
pub fn title(
    verdicts: &Verdicts,
    cast: &Cast,
    (a, b): (usize, usize),
    v: Verdict,
    pairs: &[Pair],
    total: usize,
) -> String {
    let model = verdicts.model;
    let name = |n: usize, e: Endpoint| match &cast.nodes[n].kind {
        Kind::Namespace(ns) => format!("namespace {ns}"),
        Kind::Every {
            namespace: Some(ns),
            ..
        } => format!(
            "every pod group of namespace {ns} ({})",
            cast.nodes[n].endpoints.len()
        ),
        Kind::Every {
            namespace: None, ..
        } => "every folded namespace".into(),
        _ => e.name(model),
    };
    let (from, to, probe) = pairs[0];
    let mut title = format!(
        "{} → {} {}: {v}",
        name(a, from),
        name(b, to),
        verdicts.choice.describe()
    );
    if pairs.len() == 1 {
        if total > 1 {
            title.push_str(&format!(" (1 of {total} pod group pairs)"));
        }
        let some_ports = match (from, to) {
            (Endpoint::Group(x), Endpoint::Group(y)) => verdicts.some_ports(x, y),
            _ => None,
        };
        if verdicts.choice == PortChoice::Any {
            match v {
                Verdict::Allowed if some_ports.is_some() => {
                    title.push_str(&format!(" on {} only", some_ports.unwrap_or_default()))
                }
                Verdict::Allowed => title.push_str(&format!(", for example on {probe}")),
                Verdict::Depends => {
                    title.push_str(&format!(" on the outside address, for example on {probe}"))
                }
                Verdict::Denied => title.push_str(" on every port"),
            }
        }
        return title;
    }
    title.push_str(&format!(", {} flows", pairs.len()));
    if pairs.len() < total {
        title.push_str(&format!(" of {total} pod group pairs"));
    }
    if verdicts.choice == PortChoice::Any && v != Verdict::Denied {
        let ports: Vec<String> = crate::order::set(pairs.iter().map(|p| p.2))
            .into_iter()
            .map(|p| p.to_string())
            .collect();
        let more = ports.len().saturating_sub(PORTS_LISTED);
        title.push_str(&format!(
            " (for example on {}{})",
            ports[..ports.len() - more].join(", "),
            if more > 0 { ", …" } else { "" }
        ));
    }
    let listed: Vec<String> = pairs
        .iter()
        .take(MEMBERS_LISTED)
        .map(|(f, t, _)| format!("{} → {}", f.name(model), t.name(model)))
        .collect();
    title.push_str(&format!(": {}", listed.join("; ")));
    if pairs.len() > MEMBERS_LISTED {
        title.push_str(&format!("; and {} more", pairs.len() - MEMBERS_LISTED));
    }
    title
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
    cast: &Cast,
    edges: &mut Vec<Edge>,
) -> FlowMarks {
    let mut marks = FlowMarks::default();
    let flow = flow_edges(verdicts, q, answer, cast, &mut marks);
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
    cast: &Cast,
    marks: &mut FlowMarks,
) -> Vec<Edge> {
    let model = verdicts.model;
    let nodes = &cast.nodes;
    let (from_word, to_word, port_word) = q.words(model);
    let explain_action = |port: &str| {
        Some(Action::Explain {
            from: from_word.clone(),
            to: to_word.clone(),
            port: port.to_string(),
        })
    };
    let mut out = Vec::new();
    let Some(client) = cast.node_of(q.from, false) else {
        return out;
    };
    marks.focus.insert(client);
    match answer {
        FlowAnswer::Single(e) => {
            let Some(to) = cast.node_of(e.to, true) else {
                return out;
            };
            marks.focus.insert(to);
            if to != client {
                out.push(
                    Edge {
                        ports: None,
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
                        count: 1,
                        pairs: Vec::new(),
                        id: format!("flow:{}->{}", nodes[client].id, nodes[to].id),
                        tier: None,
                    }
                    .with_tiers(deciders::of_explanation(model, e)),
                );
            }
        }
        FlowAnswer::Service(f) => {
            let Some(svc) = cast.service_node else {
                return out;
            };
            marks.focus.insert(svc);
            let s = &model.services[f.service];
            let sp = &s.ports[f.port];
            if svc != client {
                out.push(Edge {
                    ports: None,
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
                    count: 1,
                    pairs: Vec::new(),
                    id: format!("flow:{}->{}", nodes[client].id, nodes[svc].id),
                    tier: None,
                });
            }
            for b in &f.backends {
                let to = match &b.backend {
                    Backend::Group(g) => cast.node_of_group[*g],
                    Backend::Address(_) => cast.node_of(Endpoint::Outside(None), true),
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
                out.push(
                    Edge {
                        ports: None,
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
                        count: 1,
                        pairs: Vec::new(),
                        id,
                        tier: None,
                    }
                    .with_tiers(
                        b.explanation
                            .as_ref()
                            .and_then(|e| deciders::of_explanation(model, e)),
                    ),
                );
            }
        }
    }
    out
}
