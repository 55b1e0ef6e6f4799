//! The Policies view, after the Kubernetes documentation's network-policy picture: pod groups
//! in namespace frames, "any outside address" in its own frame, a badge on each pod saying how
//! policies isolate it, and the flows between them.
//!
//! Without a focus it draws the flows some policy rule admits (the source is isolated for
//! egress or the destination for ingress, and the flow is allowed), up to a cap. With a focus
//! it draws every flow from and to the focused node: allowed (solid, ✓), denied (dashed, ✗)
//! and "depends" (✓?) where an ipBlock admits only some outside addresses. A highlighted flow
//! is drawn on top, through its Service, with everything else dimmed.
//!
//! `grid` places the nodes, `verdicts` answers flows, `flows` picks the edges, `routing` lays
//! out coordinates and paths, `nodes` draws the boxes.

mod flows;
mod grid;
mod nodes;
mod routing;
mod verdicts;

use super::draw;
use super::text::{self, FRAME_SIZE};
use super::words;
use super::{Anchor, Class, Rect, Scene, SceneOptions, Shape, View};
use crate::analysis::{Analysis, Endpoint, PortChoice, Verdict};
use routing::{ATTACH_STEP, FRAME_HEADER, FRAME_PAD, MARGIN, NODE_H, NODE_W};

/// Distance between the header's note lines.
const LINE: i32 = 18;
use std::collections::BTreeSet;

pub fn build(analysis: &Analysis, options: &SceneOptions) -> Scene {
    let model = analysis.model();
    let grid = grid::place(model, options);
    let verdicts = verdicts::Verdicts::new(model, analysis.port_matrix(options.ports));
    let flow = options.flow.as_ref().map(|q| (q, analysis.answer(q)));
    let focus: Option<(Endpoint, usize)> = options
        .focus
        .as_deref()
        .and_then(|f| Endpoint::parse(model, f).ok())
        // An outside address is drawn as "any outside address": the focus is that node.
        .map(|e| match e {
            Endpoint::Outside(_) => Endpoint::Outside(None),
            group => group,
        })
        .and_then(|e| grid.node_of(e).map(|n| (e, n)));
    let focus_node = focus.map(|f| f.1);
    let (mut edges, hidden) = flows::base_edges(&verdicts, &grid, focus_node);
    let marks = match &flow {
        Some((q, answer)) => flows::highlight_flow(&verdicts, q, answer, &grid, &mut edges),
        None => flows::FlowMarks::default(),
    };

    // Node states: with a focus, the nodes it may reach or be reached from are related; with
    // a flow, its ends are focused and its backends related; the rest is dimmed.
    let highlighting = focus.is_some() || flow.is_some();
    let mut state: Vec<Option<Class>> = vec![highlighting.then_some(Class::Dim); grid.nodes.len()];
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

    // The header: what is drawn, the legend, then a line each for a highlighted flow and a
    // note.
    let what = match (&focus, options.ports) {
        (Some((e, _)), _) => format!(
            "Every flow from and to {}, {}",
            e.name(model),
            options.ports.describe()
        ),
        (None, PortChoice::Any) => "Flows that NetworkPolicy rules admit, on any port".into(),
        (None, PortChoice::Probe(p)) => format!("Flows that NetworkPolicy rules admit, on {p}"),
    };
    let mut lines: Vec<String> = Vec::new();
    if let Some((q, answer)) = &flow {
        lines.push(words::highlighted_line(model, q, answer.verdict()));
    }
    let note = match (focus, edges.is_empty(), model.policies.is_empty()) {
        _ if hidden > 0 => Some(format!(
            "{hidden} more flows not drawn: select a pod to see its flows."
        )),
        (None, true, true) => {
            Some("No NetworkPolicy: every flow is allowed. Select a pod to see its flows.".into())
        }
        (None, true, false) => {
            Some("No policy rule admits a flow here. Select a pod to see what is denied.".into())
        }
        _ => None,
    };
    lines.extend(note);
    let top = MARGIN + 58 + LINE * lines.len() as i32;
    let geo = routing::route(&grid, &edges, focus_node, top);
    let mut shapes = vec![Shape::Rect(Rect {
        x: 0,
        y: 0,
        width: geo.width,
        height: geo.height,
        radius: 0,
        classes: vec![Class::Canvas],
    })];
    shapes.push(Shape::Text(draw::text(
        MARGIN,
        MARGIN + 12,
        Anchor::Start,
        vec![Class::Heading],
        what.clone(),
    )));
    shapes.push(nodes::legend(MARGIN, MARGIN + 22));
    for (i, line) in lines.into_iter().enumerate() {
        shapes.push(Shape::Text(draw::text(
            MARGIN,
            MARGIN + 62 + LINE * i as i32,
            Anchor::Start,
            vec![Class::Note],
            line,
        )));
    }

    // Frames.
    for item in &grid.items {
        let Some(frame) = &item.frame else {
            continue;
        };
        let x0 = geo.col_x[item.col0] - FRAME_PAD + 2;
        let x1 = geo.col_x[item.col0 + item.cols - 1] + NODE_W + FRAME_PAD - 2;
        let y0 = geo.row_y[item.row0] - FRAME_HEADER + 2;
        let y1 = geo.row_y[item.row0 + item.rows - 1] + NODE_H + FRAME_PAD - 2;
        // The label stays clear of the lines (and glyphs) entering the first node from above.
        let entering = item.nodes.first().map_or(0, |n| geo.entering[*n] as i32);
        let room = if entering == 0 {
            x1 - x0 - 20
        } else {
            NODE_W - 14 - ATTACH_STEP * (entering - 1) - 20
        };
        let dim = highlighting && item.nodes.iter().all(|n| state[*n] == Some(Class::Dim));
        let mut classes = vec![frame.class];
        classes.extend(dim.then_some(Class::Dim));
        shapes.push(draw::frame(
            frame.id.clone(),
            classes,
            frame.class,
            frame.tooltip.clone(),
            None,
            (x0, y0, x1 - x0, y1 - y0),
            &frame.label,
            room.max(text::width("namespace…", FRAME_SIZE, true)),
        ));
    }

    // Edges: dimmed first, highlighted last, so highlighted lines are on top. One glyph per
    // entering bundle, just above the arrowheads.
    let mut order: Vec<usize> = (0..edges.len()).collect();
    let layer = |i: usize| match edges[i].state {
        Some(Class::Dim) => 0,
        None => 1,
        _ => 2,
    };
    crate::order::sort_indices(&mut order, &|a, b| layer(a).cmp(&layer(b)));
    let mut glyphs: BTreeSet<routing::Bundle> = BTreeSet::new();
    for i in order {
        let e = &edges[i];
        let points = geo.paths[i].clone();
        let mut texts = Vec::new();
        if glyphs.insert(routing::Bundle::entering(e)) {
            let v = match e.class {
                Class::Allowed => Some(Verdict::Allowed),
                Class::Denied | Class::Broken => Some(Verdict::Denied),
                Class::Depends => Some(Verdict::Depends),
                _ => None,
            };
            if let (Some(v), Some(end)) = (v, points.last()) {
                texts.push(draw::glyph(end.x, end.y - 11, v));
            }
        }
        let mut classes = vec![Class::Edge, e.class];
        classes.extend(e.state);
        shapes.push(draw::edge(
            e.id.clone(),
            classes,
            e.title.clone(),
            e.action.clone(),
            points,
            texts,
        ));
    }
    for (n, node) in grid.nodes.iter().enumerate() {
        shapes.push(nodes::node_shape(
            &verdicts,
            node,
            geo.node_at(&grid, n),
            state[n],
        ));
    }

    let groups_drawn = grid
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, grid::Kind::Group(_)))
        .count();
    let namespaces = grid
        .items
        .iter()
        .filter(|i| i.frame.as_ref().is_none_or(|f| f.id.starts_with("ns:")))
        .count();
    let policies = model.policies.len();
    let mut description = format!(
        "{groups_drawn} pod group{} in {namespaces} namespace{} and the outside; {policies} \
         NetworkPolic{}; {what}: {} drawn",
        plural(groups_drawn),
        plural(namespaces),
        if policies == 1 { "y" } else { "ies" },
        edges.len()
    );
    if hidden > 0 {
        description.push_str(&format!(", {hidden} more not drawn"));
    }
    description.push('.');
    Scene {
        view: View::Policies,
        width: geo.width,
        height: geo.height,
        title: format!("Policies: {}", lower_first(&what)),
        description,
        shapes,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
