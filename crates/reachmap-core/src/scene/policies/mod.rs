//! The Policies view, after the Kubernetes documentation's network-policy picture: pod groups
//! in namespace frames, "any outside address" in its own frames (where traffic comes from on
//! the left, where it goes on the right), a badge on each pod saying how policies isolate it,
//! and the flows between them, sources left of their targets.
//!
//! Without a focus it draws the flows some policy rule admits (the source is isolated for
//! egress or the destination for ingress, and the flow is allowed); above a size it starts
//! folded per namespace, each edge counting the flows it holds. With a focus it draws, in
//! three columns, everything that may reach it, it, and everything it may reach: allowed
//! (solid, ✓), "depends" (✓?) where an ipBlock admits only some outside addresses, and on
//! request denied (dashed, ✗). A highlighted flow is drawn through its Service, with
//! everything else dimmed.
//!
//! `graph` picks the boxes, `verdicts` answers flows, `flows` picks the edges and `bundle`
//! joins those that go the same way, `deciders` names the cluster tier that decided each, `place` lays them out (the `layered` engine), `nodes` and
//! `edges` draw them, `header` the lines above.

mod bundle;
pub mod compare;
mod deciders;
mod edges;
mod flows;
mod graph;
mod header;
mod nodes;
mod place;
mod verdicts;

use super::draw;
use super::text::{self, FRAME_SIZE};
use super::{Class, Rect, Scene, SceneOptions, Shape, View};
use crate::analysis::{Analysis, Endpoint};

pub use graph::{FOLD_ABOVE_FLOWS, FOLD_ABOVE_GROUPS};

pub fn build(analysis: &Analysis, options: &SceneOptions) -> Scene {
    build_with(analysis, options, None)
}

/// The view, with the changes of a diff marked when `changes` is given (`compare`).
fn build_with(
    analysis: &Analysis,
    options: &SceneOptions,
    changes: Option<&compare::Changes>,
) -> Scene {
    let model = analysis.model();
    let verdicts = verdicts::Verdicts::new(model, analysis.port_matrix(options.ports));
    let flow = options.flow.as_ref().map(|q| (q, analysis.answer(q)));
    let focus_endpoint: Option<Endpoint> = options
        .focus
        .as_deref()
        .and_then(|f| Endpoint::parse(model, f).ok())
        // An outside address is drawn as "any outside address": the focus is that node.
        .map(|e| match e {
            Endpoint::Outside(_) => Endpoint::Outside(None),
            group => group,
        })
        .filter(|e| match e {
            Endpoint::Group(g) => options.shows(&model.groups[*g].namespace),
            Endpoint::Outside(_) => true,
        });
    let level = graph::level(&verdicts, options);
    let mut cast = graph::cast(model, options, level, focus_endpoint);
    let focus = focus_endpoint.and_then(|e| cast.node_of(e, false).map(|n| (e, n)));
    let focus_node = focus.map(|f| f.1);
    let (mut edges, hidden_denied) =
        flows::base_edges(&verdicts, &cast, focus_node, options.show_denied);
    if focus_node.is_none() {
        bundle::bundle(&verdicts, &mut cast, &mut edges);
    }
    let marked = changes.map(|c| compare::mark(c, model, &cast, &mut edges));
    let marks = match &flow {
        Some((q, answer)) => flows::highlight_flow(&verdicts, q, answer, &cast, &mut edges),
        None => flows::FlowMarks::default(),
    };
    // A focus draws only its own flows' boxes (and the highlighted flow's); the outside where
    // flows go is drawn only when some flow goes there.
    let mut shown = vec![focus_node.is_none(); cast.nodes.len()];
    if let Some(f) = focus_node {
        shown[f] = true;
        for e in &edges {
            shown[e.from] = true;
            shown[e.to] = true;
        }
    }
    if let Some(out) = cast.outside_out {
        shown[out] = edges.iter().any(|e| e.to == out);
    }

    // Node states: with a focus, the nodes it may reach or be reached from are related; with
    // a flow, its ends are focused and its backends related; the rest is dimmed.
    let highlighting = focus.is_some() || flow.is_some();
    let mut state: Vec<Option<Class>> = vec![highlighting.then_some(Class::Dim); cast.nodes.len()];
    if let Some(f) = focus_node {
        for e in edges.iter().filter(|e| e.state.is_none()) {
            if matches!(e.class, Class::Allowed | Class::Depends) {
                state[e.from] = Some(Class::Related);
                state[e.to] = Some(Class::Related);
            }
        }
        state[f] = Some(Class::Focus);
    }
    for &n in &marks.related {
        state[n] = Some(Class::Related);
    }
    for &n in &marks.focus {
        state[n] = Some(Class::Focus);
    }

    let not_drawn = match focus_node {
        Some(_) => shown.iter().filter(|s| !**s).count(),
        None => 0,
    };
    let mut head = header::Header::new(
        model,
        options,
        &cast,
        focus.map(|f| f.0),
        flow.as_ref().map(|(q, a)| (*q, a.verdict())),
        (edges.len(), hidden_denied, not_drawn),
    );
    if let Some(m) = &marked {
        head.compare(m.words(options));
    }
    let placed = place::place(&cast, &edges, &shown, focus_node, head.top());
    let width = placed.width.max(head.width());
    let mut shapes = vec![Shape::Rect(Rect {
        x: 0,
        y: 0,
        width,
        height: placed.height,
        radius: 0,
        classes: vec![Class::Canvas],
    })];
    shapes.extend(head.shapes());

    for f in &placed.frames {
        let frame = &cast.frames[f.frame];
        let inside = |b: &&place::PlacedBox| cast.nodes[b.node].frame == Some(f.frame);
        let dim = highlighting
            && placed
                .boxes
                .iter()
                .filter(inside)
                .all(|b| state[b.node] == Some(Class::Dim));
        let mut classes = vec![frame.class];
        classes.extend(dim.then_some(Class::Dim));
        let r = &f.rect;
        shapes.push(draw::frame(
            f.id.clone(),
            classes,
            frame.class,
            frame.tooltip.clone(),
            None,
            (r.x, r.y, r.width, r.height),
            &frame.label,
            (r.width - 20).max(text::width("namespace…", FRAME_SIZE, true)),
        ));
    }
    // Edges: dimmed first, highlighted last, so highlighted lines are on top.
    let mut order: Vec<usize> = (0..edges.len()).collect();
    let layer = |i: usize| match edges[i].state {
        Some(Class::Dim) => 0,
        None => 1,
        _ => 2,
    };
    crate::order::sort_indices(&mut order, &|a, b| layer(a).cmp(&layer(b)));
    for i in order {
        shapes.push(edges::edge_shape(&edges[i], placed.paths[i].clone()));
    }
    for b in &placed.boxes {
        let node = &cast.nodes[b.node];
        shapes.push(nodes::node_shape(
            &verdicts,
            node,
            b.id.clone(),
            &b.rect,
            state[b.node],
        ));
    }
    Scene {
        view: View::Policies,
        width,
        height: placed.height,
        title: head.title(),
        description: head.description(model, &cast, &edges),
        shapes,
    }
}
