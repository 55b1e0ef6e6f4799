//! The Policies view, after the Kubernetes documentation's network-policy picture: pod groups
//! in namespace frames, "any outside address" in its own frame, badges for the policies that
//! isolate each pod, and the flows between them.
//!
//! Without a focus it draws the flows some policy rule admits (the source is isolated for
//! egress or the destination for ingress, and the flow is allowed), up to a cap. With a focus
//! it draws every flow from and to the focused node, allowed (solid, ✓) and denied (dashed, ✗),
//! and "depends" (✓?) where an ipBlock admits only some outside addresses.
//!
//! Layout: every node takes one slot of a global grid (the outside frame in the first column,
//! namespaces packed in shelves over the others), so that the space between rows and columns
//! forms corridors that run the whole width and height without crossing a box. An edge leaves
//! its source from the bottom, runs along the corridor below the source's row, up or down a
//! vertical corridor, along the corridor above the target's row and enters the target from the
//! top. Each bundle of lines that may merge (everything leaving one node with one verdict,
//! everything entering one node with one verdict) gets its own track in each corridor
//! (`route::tracks`), and corridors are as wide as their tracks need, so unrelated lines never
//! coincide and no line crosses a box.

use super::draw::{self, Badge, NodeSpec};
use super::route;
use super::text::{self, FRAME_SIZE};
use super::words;
use super::{Action, Anchor, Class, Group, Path, Point, Rect, Scene, SceneOptions, Shape, View};
use crate::analysis::query::endpoint_word;
use crate::analysis::{
    answer, explain, policy, Backend, Endpoint, FlowAnswer, FlowQuery, FlowTarget, PortChoice,
    PortMatrix, Probe, ServiceReport, Verdict,
};
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};

const MARGIN: i32 = 24;
const NODE_W: i32 = 200;
const NODE_H: i32 = 70;
/// Space reserved in every corridor for frame borders: the padding around a frame's nodes and,
/// above a row, the frame's label band.
const FRAME_PAD: i32 = 12;
const FRAME_HEADER: i32 = 30;
/// Space between frame borders and the first and last track of a corridor.
const TRACK_MARGIN: i32 = 6;
const TRACK_STEP: i32 = 6;
/// Distance between edge ends on a box side.
const ATTACH_STEP: i32 = 9;
/// Flows drawn without a focus, at most.
pub const EDGE_CAP: usize = 300;
/// The heading band: title line, legend, note.
const HEADER_H: i32 = 58;

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Outside,
    Group(usize),
    /// A collapsed namespace.
    Namespace(String),
    /// A Service, drawn only for a flow through it.
    Service(usize),
}

struct Node {
    kind: Kind,
    id: String,
    row: usize,
    col: usize,
}

/// A block of slots: a namespace frame, the outside frame, or a collapsed namespace.
struct Item {
    /// Frame id and label; `None` for a collapsed namespace (its node is the box).
    frame: Option<(String, String, String, Class)>,
    nodes: Vec<usize>,
    cols: usize,
    rows: usize,
    row0: usize,
    col0: usize,
}

/// One drawn edge.
struct Edge {
    from: usize,
    to: usize,
    class: Class,
    title: String,
    action: Option<Action>,
    /// `Focus` for the highlighted flow, `Dim` when another flow is highlighted.
    state: Option<Class>,
    id: String,
}

pub fn build(model: &Model, reports: &[ServiceReport], options: &SceneOptions) -> Scene {
    let flow_service = options.flow.and_then(|q| match q.to {
        FlowTarget::ServicePort { service, .. } => Some(service),
        FlowTarget::Endpoint(_) => None,
    });

    // Nodes and the items (frames) that hold them.
    let mut nodes: Vec<Node> = vec![Node {
        kind: Kind::Outside,
        id: "outside:any".into(),
        row: 0,
        col: 0,
    }];
    let mut items: Vec<Item> = vec![Item {
        frame: Some((
            "frame:outside".into(),
            "Outside the cluster".into(),
            "Outside the cluster: addresses that are not pods in the manifests.".into(),
            Class::OutsideFrame,
        )),
        nodes: vec![0],
        cols: 1,
        rows: 1,
        row0: 0,
        col0: 0,
    }];
    let mut namespaces: BTreeSet<&str> =
        model.groups.iter().map(|g| g.namespace.as_str()).collect();
    if let Some(s) = flow_service {
        namespaces.insert(model.services[s].namespace.as_str());
    }
    let mut node_of_group: Vec<Option<usize>> = vec![None; model.groups.len()];
    let mut service_node = None;
    for ns in namespaces.into_iter().filter(|n| options.shows(n)) {
        let members: Vec<usize> = (0..model.groups.len())
            .filter(|&g| model.groups[g].namespace == ns)
            .collect();
        if options.collapsed.contains(ns) {
            let n = nodes.len();
            nodes.push(Node {
                kind: Kind::Namespace(ns.to_string()),
                id: format!("ns:{ns}"),
                row: 0,
                col: 0,
            });
            for &g in &members {
                node_of_group[g] = Some(n);
            }
            if flow_service.is_some_and(|s| model.services[s].namespace == ns) {
                service_node = Some(n);
            }
            items.push(Item {
                frame: None,
                nodes: vec![n],
                cols: 1,
                rows: 1,
                row0: 0,
                col0: 0,
            });
            continue;
        }
        let mut held = Vec::new();
        for &g in &members {
            node_of_group[g] = Some(nodes.len());
            held.push(nodes.len());
            nodes.push(Node {
                kind: Kind::Group(g),
                id: format!("pod:{}", model.groups[g].endpoint()),
                row: 0,
                col: 0,
            });
        }
        items.push(Item {
            frame: Some((
                format!("ns:{ns}"),
                format!("namespace {ns}"),
                format!("Namespace {ns}."),
                Class::Namespace,
            )),
            nodes: held,
            cols: 1,
            rows: 1,
            row0: 0,
            col0: 0,
        });
    }

    // A Service a highlighted flow goes through stands in its own frame below the outside
    // frame, in the first column, so that choosing a flow does not move any pod.
    if let Some(s) = flow_service.filter(|_| service_node.is_none()) {
        let svc = &model.services[s];
        if options.shows(&svc.namespace) {
            service_node = Some(nodes.len());
            nodes.push(Node {
                kind: Kind::Service(s),
                id: format!("svc:{}", svc.key()),
                row: 1,
                col: 0,
            });
            items.push(Item {
                frame: Some((
                    format!("frame:svc:{}", svc.key()),
                    format!("Service in {}", svc.namespace),
                    format!(
                        "Service {}, which the highlighted flow goes through.",
                        svc.key()
                    ),
                    Class::Namespace,
                )),
                nodes: vec![nodes.len() - 1],
                cols: 1,
                rows: 1,
                row0: 1,
                col0: 0,
            });
        }
    }

    // Grid: the outside frame in column 0, namespaces in shelves over columns 1..=cols.
    let packed = |item: &Item| item.col0 == 0 && item.row0 == 0;
    let slots: usize = items[1..]
        .iter()
        .filter(|i| packed(i))
        .map(|i| i.nodes.len().max(1))
        .sum();
    let cols = ((2.0 * slots as f64).sqrt().ceil() as usize).clamp(3, 7);
    let mut shelf_row = 0;
    let mut shelf_rows = 1;
    let mut next_col = 1;
    for item in items.iter_mut().skip(1) {
        if !packed(item) {
            continue;
        }
        let n = item.nodes.len().max(1);
        item.rows = n.div_ceil(cols);
        item.cols = n.div_ceil(item.rows);
        if next_col + item.cols > cols + 1 {
            shelf_row += shelf_rows;
            shelf_rows = 1;
            next_col = 1;
        }
        item.row0 = shelf_row;
        item.col0 = next_col;
        next_col += item.cols;
        shelf_rows = shelf_rows.max(item.rows);
        for (k, &n) in item.nodes.iter().enumerate() {
            nodes[n].row = item.row0 + k / item.cols;
            nodes[n].col = item.col0 + k % item.cols;
        }
    }
    let rows = (shelf_row + shelf_rows).max(if service_node.is_some() { 2 } else { 1 });
    let ncols = cols + 1;

    // Verdicts and edges.
    let ctx = Ctx::new(model, options.ports);
    let focus = options
        .focus
        .as_deref()
        .and_then(|f| Endpoint::parse(model, f).ok())
        .and_then(|e| match e {
            Endpoint::Group(g) => node_of_group[g].map(|n| (e, n)),
            Endpoint::Outside(_) => Some((Endpoint::Outside(None), 0)),
        });
    let node_endpoints = |n: usize| -> Vec<Endpoint> {
        match &nodes[n].kind {
            Kind::Outside => vec![Endpoint::Outside(None)],
            Kind::Group(g) => vec![Endpoint::Group(*g)],
            Kind::Namespace(_) => (0..model.groups.len())
                .filter(|&g| node_of_group[g] == Some(n))
                .map(Endpoint::Group)
                .collect(),
            Kind::Service(_) => Vec::new(),
        }
    };
    let mut edges: Vec<Edge> = Vec::new();
    let mut hidden = 0usize;
    match focus {
        Some((_, f)) => {
            for n in 0..nodes.len() {
                if n == f || matches!(nodes[n].kind, Kind::Service(_)) {
                    continue;
                }
                edges.extend(aggregate(&ctx, &nodes, f, n, &node_endpoints, false));
                edges.extend(aggregate(&ctx, &nodes, n, f, &node_endpoints, false));
            }
        }
        None => {
            let mut admitted = Vec::new();
            for a in 0..nodes.len() {
                for b in 0..nodes.len() {
                    if a == b
                        || matches!(nodes[a].kind, Kind::Service(_))
                        || matches!(nodes[b].kind, Kind::Service(_))
                    {
                        continue;
                    }
                    admitted.extend(aggregate(&ctx, &nodes, a, b, &node_endpoints, true));
                }
            }
            if admitted.len() > EDGE_CAP {
                hidden = admitted.len() - EDGE_CAP;
                admitted.truncate(EDGE_CAP);
            }
            edges = admitted;
        }
    }
    // The highlighted flow.
    let mut flow_nodes: BTreeSet<usize> = BTreeSet::new();
    let mut related_nodes: BTreeSet<usize> = BTreeSet::new();
    if let Some(q) = &options.flow {
        let flow_edges = flow_edges(
            &ctx,
            reports,
            q,
            &node_of_group,
            service_node,
            &nodes,
            &mut flow_nodes,
            &mut related_nodes,
        );
        let keys: BTreeSet<(usize, usize)> = flow_edges.iter().map(|e| (e.from, e.to)).collect();
        edges.retain(|e| !keys.contains(&(e.from, e.to)));
        for e in &mut edges {
            e.state = Some(Class::Dim);
        }
        edges.extend(flow_edges);
    }

    // Node states.
    let mut state: Vec<Option<Class>> = vec![None; nodes.len()];
    let highlighting = focus.is_some() || options.flow.is_some();
    if highlighting {
        for s in state.iter_mut() {
            *s = Some(Class::Dim);
        }
        if let Some((_, f)) = focus {
            for e in &edges {
                if e.state.is_none() && matches!(e.class, Class::Allowed | Class::Depends) {
                    state[e.from] = Some(Class::Related);
                    state[e.to] = Some(Class::Related);
                }
            }
            state[f] = Some(Class::Focus);
        }
        for &n in &related_nodes {
            state[n] = Some(Class::Related);
        }
        for &n in &flow_nodes {
            state[n] = Some(Class::Focus);
        }
    }

    // Routing: keys of the bundles, their extents per corridor (in grid units), tracks.
    let owner_out = {
        let mut out_deg = vec![0usize; nodes.len()];
        let mut in_deg = vec![0usize; nodes.len()];
        for e in &edges {
            out_deg[e.from] += 1;
            in_deg[e.to] += 1;
        }
        let focus_node = focus.map(|(_, f)| f);
        edges
            .iter()
            .map(|e| match focus_node {
                Some(f) if e.from == f => true,
                Some(f) if e.to == f => false,
                _ => out_deg[e.from] >= in_deg[e.to],
            })
            .collect::<Vec<bool>>()
    };
    // Attach points: out-bundles on the bottom's left part, in-bundles on the top's right part.
    let mut out_keys: Vec<Vec<Bundle>> = vec![Vec::new(); nodes.len()];
    let mut in_keys: Vec<Vec<Bundle>> = vec![Vec::new(); nodes.len()];
    for e in &edges {
        let o = Bundle::Out(e.from, e.class, e.state);
        let i = Bundle::In(e.to, e.class, e.state);
        if !out_keys[e.from].contains(&o) {
            out_keys[e.from].push(o);
        }
        if !in_keys[e.to].contains(&i) {
            in_keys[e.to].push(i);
        }
    }
    let out_rank = |e: &Edge| {
        out_keys[e.from]
            .iter()
            .position(|k| *k == Bundle::Out(e.from, e.class, e.state))
            .unwrap_or(0)
    };
    let in_rank = |e: &Edge| {
        in_keys[e.to]
            .iter()
            .position(|k| *k == Bundle::In(e.to, e.class, e.state))
            .unwrap_or(0)
    };
    // Grid units: 1000 per column or row; corridors sit at -50 before their column or row.
    let gx_out = |n: usize, k: usize| (nodes[n].col * 1000 + 100 + k) as i64;
    let gx_in = |n: usize, k: usize| (nodes[n].col * 1000 + 900 - k) as i64;
    let g_corridor = |c: usize| c as i64 * 1000 - 50;
    let mut routes: Vec<RouteSpec> = Vec::with_capacity(edges.len());
    let mut h_spans: Vec<Vec<(Bundle, i64, i64)>> = vec![Vec::new(); rows + 1];
    let mut v_spans: Vec<Vec<(Bundle, i64, i64)>> = vec![Vec::new(); ncols + 1];
    for (i, e) in edges.iter().enumerate() {
        let (a, b) = (&nodes[e.from], &nodes[e.to]);
        let out = Bundle::Out(e.from, e.class, e.state);
        let inn = Bundle::In(e.to, e.class, e.state);
        let ha = a.row + 1;
        let hb = b.row;
        let (ox, ix) = (gx_out(e.from, out_rank(e)), gx_in(e.to, in_rank(e)));
        if ha == hb {
            h_spans[ha].push((out, ox, ix));
            routes.push(RouteSpec {
                ha,
                hb,
                v: None,
                seg1: out,
                seg2: out,
                seg3: out,
            });
            continue;
        }
        let source_owns = owner_out[i];
        let v = match (b.col.cmp(&a.col), source_owns) {
            (std::cmp::Ordering::Greater, true) => a.col + 1,
            (std::cmp::Ordering::Less, true) => a.col,
            (std::cmp::Ordering::Equal, true) => a.col + 1,
            (std::cmp::Ordering::Greater, false) => b.col,
            (std::cmp::Ordering::Less, false) => b.col + 1,
            (std::cmp::Ordering::Equal, false) => b.col + 1,
        };
        let owner = if source_owns { out } else { inn };
        h_spans[ha].push((out, ox, g_corridor(v)));
        v_spans[v].push((owner, g_corridor(ha), g_corridor(hb)));
        h_spans[hb].push((inn, g_corridor(v), ix));
        routes.push(RouteSpec {
            ha,
            hb,
            v: Some(v),
            seg1: out,
            seg2: owner,
            seg3: inn,
        });
    }
    let h_tracks: Vec<(BTreeMap<Bundle, usize>, usize)> =
        h_spans.iter().map(|s| route::tracks(s)).collect();
    let v_tracks: Vec<(BTreeMap<Bundle, usize>, usize)> =
        v_spans.iter().map(|s| route::tracks(s)).collect();

    // Coordinates: corridor sizes from their tracks.
    let h_size: Vec<i32> = h_tracks
        .iter()
        .map(|(_, n)| FRAME_PAD + FRAME_HEADER + 2 * TRACK_MARGIN + TRACK_STEP * *n as i32)
        .collect();
    let v_size: Vec<i32> = v_tracks
        .iter()
        .map(|(_, n)| 2 * FRAME_PAD + 2 * TRACK_MARGIN + TRACK_STEP * *n as i32)
        .collect();
    let top = MARGIN + HEADER_H;
    let mut corridor_y = vec![0; rows + 1];
    let mut row_y = vec![0; rows];
    let mut y = top;
    for r in 0..=rows {
        corridor_y[r] = y;
        y += h_size[r];
        if r < rows {
            row_y[r] = y;
            y += NODE_H;
        }
    }
    let height = y + MARGIN;
    let mut corridor_x = vec![0; ncols + 1];
    let mut col_x = vec![0; ncols];
    let mut x = MARGIN;
    for c in 0..=ncols {
        corridor_x[c] = x;
        x += v_size[c];
        if c < ncols {
            col_x[c] = x;
            x += NODE_W;
        }
    }
    let width = (x + MARGIN).max(720);
    let track_y = |h: usize, k: &Bundle| {
        corridor_y[h]
            + FRAME_PAD
            + TRACK_MARGIN
            + TRACK_STEP * h_tracks[h].0.get(k).copied().unwrap_or(0) as i32
    };
    let track_x = |v: usize, k: &Bundle| {
        corridor_x[v]
            + FRAME_PAD
            + TRACK_MARGIN
            + TRACK_STEP * v_tracks[v].0.get(k).copied().unwrap_or(0) as i32
    };
    let node_x = |n: usize| col_x[nodes[n].col];
    let node_y = |n: usize| row_y[nodes[n].row];

    // Shapes: canvas, heading, legend, frames, edges, nodes.
    let mut shapes = vec![Shape::Rect(Rect {
        x: 0,
        y: 0,
        width,
        height,
        radius: 0,
        classes: vec![Class::Canvas],
    })];
    let what = match (&focus, options.ports) {
        (Some((e, _)), _) => format!(
            "Every flow from and to {}, {}",
            e.name(model),
            options.ports.describe()
        ),
        (None, PortChoice::Any) => "Flows that NetworkPolicy rules admit, on any port".into(),
        (None, PortChoice::Probe(p)) => format!("Flows that NetworkPolicy rules admit, on {p}"),
    };
    let mut heading = what.clone();
    if let Some(q) = &options.flow {
        let (from, to, port) = q.words(model);
        let verdict = answer(model, reports, q).verdict();
        heading.push_str(&format!(
            " · highlighted: {from} → {to}{}{port}: {verdict}",
            if port.is_empty() { "" } else { " " }
        ));
    }
    shapes.push(Shape::Text(draw::text(
        MARGIN,
        MARGIN + 12,
        Anchor::Start,
        vec![Class::Heading],
        heading,
    )));
    shapes.push(legend(MARGIN, MARGIN + 22));
    let quiet = match (&focus, edges.is_empty(), model.policies.is_empty()) {
        (None, true, true) => {
            Some("No NetworkPolicy: every flow is allowed. Select a pod to see its flows.")
        }
        (None, true, false) => {
            Some("No policy rule admits a flow here. Select a pod to see what is denied.")
        }
        _ => None,
    };
    if let Some(note) = quiet {
        shapes.push(Shape::Text(draw::text(
            width - MARGIN,
            MARGIN + 12,
            Anchor::End,
            vec![Class::Note],
            note.into(),
        )));
    }
    if hidden > 0 {
        shapes.push(Shape::Text(draw::text(
            width - MARGIN,
            MARGIN + 12,
            Anchor::End,
            vec![Class::Note],
            format!("{hidden} more flows not drawn: select a pod to see its flows"),
        )));
    }
    for item in &items {
        let Some((id, label, tooltip, class)) = &item.frame else {
            continue;
        };
        let x0 = col_x[item.col0] - FRAME_PAD + 2;
        let x1 = col_x[item.col0 + item.cols - 1] + NODE_W + FRAME_PAD - 2;
        let y0 = row_y[item.row0] - FRAME_HEADER + 2;
        let y1 = row_y[item.row0 + item.rows - 1] + NODE_H + FRAME_PAD - 2;
        // The label stays clear of the lines (and glyphs) entering the first node from above.
        let entering = item.nodes.first().map_or(0, |n| in_keys[*n].len() as i32);
        let room = if entering == 0 {
            x1 - x0 - 20
        } else {
            NODE_W - 14 - ATTACH_STEP * (entering - 1) - 20
        };
        let frame_state = if highlighting { Some(Class::Dim) } else { None }
            .filter(|_| item.nodes.iter().all(|n| state[*n] == Some(Class::Dim)));
        let mut classes = vec![*class];
        classes.extend(frame_state);
        shapes.push(draw::frame(
            id.clone(),
            classes,
            *class,
            tooltip.clone(),
            None,
            (x0, y0, x1 - x0, y1 - y0),
            label,
            room.max(text::width("namespace…", FRAME_SIZE, true)),
        ));
    }
    // Dimmed edges first, highlighted last, so highlighted lines are on top.
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by_key(|&i| match edges[i].state {
        Some(Class::Dim) => 0,
        None => 1,
        _ => 2,
    });
    let mut glyph_drawn: BTreeSet<Bundle> = BTreeSet::new();
    for i in order {
        let e = &edges[i];
        let r = &routes[i];
        let (ax, ay) = (node_x(e.from), node_y(e.from));
        let (bx, by) = (node_x(e.to), node_y(e.to));
        let ox = ax + 14 + ATTACH_STEP * out_rank(e) as i32;
        let ix = bx + NODE_W - 14 - ATTACH_STEP * in_rank(e) as i32;
        let y1 = track_y(r.ha, &r.seg1);
        let mut points = vec![Point::new(ox, ay + NODE_H), Point::new(ox, y1)];
        match r.v {
            None => {
                points.push(Point::new(ix, y1));
            }
            Some(v) => {
                let vx = track_x(v, &r.seg2);
                let y3 = track_y(r.hb, &r.seg3);
                points.push(Point::new(vx, y1));
                points.push(Point::new(vx, y3));
                points.push(Point::new(ix, y3));
            }
        }
        points.push(Point::new(ix, by));
        let mut texts = Vec::new();
        if glyph_drawn.insert(Bundle::In(e.to, e.class, e.state)) && e.class != Class::Reaches {
            let v = match e.class {
                Class::Allowed => Some(Verdict::Allowed),
                Class::Denied | Class::Broken => Some(Verdict::Denied),
                Class::Depends => Some(Verdict::Depends),
                _ => None,
            };
            if let Some(v) = v {
                texts.push(super::services::glyph(ix, by - 11, v));
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
    let isolation = ctx.isolation();
    for (n, node) in nodes.iter().enumerate() {
        shapes.push(node_shape(
            model,
            node,
            node_x(n),
            node_y(n),
            state[n],
            &isolation,
            &node_endpoints(n),
        ));
    }

    let groups_drawn = nodes
        .iter()
        .filter(|n| matches!(n.kind, Kind::Group(_)))
        .count();
    let frames = items
        .iter()
        .filter(|i| i.frame.as_ref().is_none_or(|f| f.0.starts_with("ns:")))
        .count();
    let drawn = edges.len();
    let mut description = format!(
        "{groups_drawn} pod group{} in {frames} namespace{} and the outside; {} NetworkPolic{}; {what}: {drawn} drawn",
        plural(groups_drawn),
        plural(frames),
        model.policies.len(),
        if model.policies.len() == 1 { "y" } else { "ies" },
    );
    if hidden > 0 {
        description.push_str(&format!(", {hidden} more not drawn"));
    }
    description.push('.');
    Scene {
        view: View::Policies,
        width,
        height,
        title: format!("Policies: {}", what.to_lowercase_first()),
        description,
        shapes,
    }
}

/// A bundle of lines that may share a track: leaving or entering one node with one verdict
/// class and one highlight state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Bundle {
    Out(usize, Class, Option<Class>),
    In(usize, Class, Option<Class>),
}

/// Where an edge runs: the corridor below its source's row, the vertical corridor (none when
/// the source's corridor is the target's), the corridor above its target's row, and the
/// bundle whose track each segment takes.
struct RouteSpec {
    ha: usize,
    hb: usize,
    v: Option<usize>,
    seg1: Bundle,
    seg2: Bundle,
    seg3: Bundle,
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for String {
    fn to_lowercase_first(&self) -> String {
        let mut c = self.chars();
        match c.next() {
            Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A verdict to or from any outside address, with the probe an explanation shows.
type OutsideVerdict = (Verdict, Option<Probe>);

/// The verdicts the view needs, computed once.
struct Ctx<'a> {
    model: &'a Model,
    choice: PortChoice,
    matrix: PortMatrix,
    /// Per group: policies isolating it for ingress, for egress.
    ingress: Vec<Vec<usize>>,
    egress: Vec<Vec<usize>>,
    /// Outside verdicts per class of groups: (outside → group, group → outside).
    outside: std::cell::RefCell<BTreeMap<(usize, bool), OutsideVerdict>>,
}

impl<'a> Ctx<'a> {
    fn new(model: &'a Model, choice: PortChoice) -> Ctx<'a> {
        let mut ingress = vec![Vec::new(); model.groups.len()];
        let mut egress = vec![Vec::new(); model.groups.len()];
        for (pi, p) in model.policies.iter().enumerate() {
            for (g, group) in model.groups.iter().enumerate() {
                if policy::selects(p, group) {
                    if p.isolates_ingress {
                        ingress[g].push(pi);
                    }
                    if p.isolates_egress {
                        egress[g].push(pi);
                    }
                }
            }
        }
        Ctx {
            model,
            choice,
            matrix: PortMatrix::new(model, choice),
            ingress,
            egress,
            outside: Default::default(),
        }
    }

    fn isolation(&self) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        (self.ingress.clone(), self.egress.clone())
    }

    /// Ports an explanation should show first: the destination's container ports.
    fn preferred(&self, to: Endpoint) -> Vec<Probe> {
        match to {
            Endpoint::Group(g) => self.model.groups[g]
                .ports
                .iter()
                .map(|p| Probe::new(p.protocol, p.port))
                .collect(),
            Endpoint::Outside(_) => Vec::new(),
        }
    }

    /// The verdict of a flow for the port choice, and the probe an explanation shows.
    fn verdict(&self, from: Endpoint, to: Endpoint) -> (Verdict, Probe) {
        let preferred = self.preferred(to);
        let fallback = || match self.choice {
            PortChoice::Probe(p) => p,
            PortChoice::Any => preferred.first().copied().unwrap_or(Probe::tcp(80)),
        };
        match (from, to) {
            (Endpoint::Group(a), Endpoint::Group(b)) => {
                match self.matrix.witness(a, b, &preferred) {
                    Some(p) => (Verdict::Allowed, p),
                    None => (Verdict::Denied, fallback()),
                }
            }
            (Endpoint::Group(g), Endpoint::Outside(_))
            | (Endpoint::Outside(_), Endpoint::Group(g)) => {
                let inbound = matches!(from, Endpoint::Outside(_));
                let key = (self.matrix.class_of(g), inbound);
                if let Some((v, p)) = self.outside.borrow().get(&key) {
                    return (*v, p.unwrap_or_else(fallback));
                }
                let (v, p) = self.outside_verdict(from, to, &preferred);
                self.outside.borrow_mut().insert(key, (v, p));
                (v, p.unwrap_or_else(fallback))
            }
            (Endpoint::Outside(_), Endpoint::Outside(_)) => (Verdict::Allowed, fallback()),
        }
    }

    /// Allowed when some probe is allowed, else depends when some probe depends, else denied;
    /// a side no policy isolates allows everything without evaluating each probe.
    fn outside_verdict(
        &self,
        from: Endpoint,
        to: Endpoint,
        preferred: &[Probe],
    ) -> (Verdict, Option<Probe>) {
        let isolated = match (from, to) {
            (Endpoint::Group(g), _) => !self.egress[g].is_empty(),
            (_, Endpoint::Group(g)) => !self.ingress[g].is_empty(),
            _ => false,
        };
        if !isolated {
            return (Verdict::Allowed, preferred.first().copied());
        }
        let mut probes: Vec<Probe> = preferred.to_vec();
        probes.extend(self.matrix.probes.iter().copied());
        let mut depends = None;
        for p in probes {
            match explain(self.model, from, to, p).verdict {
                Verdict::Allowed => return (Verdict::Allowed, Some(p)),
                Verdict::Depends if depends.is_none() => depends = Some(p),
                _ => {}
            }
        }
        match depends {
            Some(p) => (Verdict::Depends, Some(p)),
            None => (Verdict::Denied, None),
        }
    }

    /// Whether a policy rule is what admits this flow: the source is isolated for egress or
    /// the destination for ingress.
    fn governed(&self, from: Endpoint, to: Endpoint) -> bool {
        let e = matches!(from, Endpoint::Group(g) if !self.egress[g].is_empty());
        let i = matches!(to, Endpoint::Group(g) if !self.ingress[g].is_empty());
        e || i
    }
}

/// The edges between two nodes, one per verdict class present among their endpoints' pairs.
/// With `admitted_only`, only allowed (or depends) flows a policy rule governs.
fn aggregate(
    ctx: &Ctx,
    nodes: &[Node],
    a: usize,
    b: usize,
    endpoints: &dyn Fn(usize) -> Vec<Endpoint>,
    admitted_only: bool,
) -> Vec<Edge> {
    let model = ctx.model;
    let mut by_class: BTreeMap<Verdict, Vec<(Endpoint, Endpoint, Probe)>> = BTreeMap::new();
    let mut total = 0;
    for from in endpoints(a) {
        for to in endpoints(b) {
            if from == to {
                continue;
            }
            total += 1;
            if admitted_only && !ctx.governed(from, to) {
                continue;
            }
            let (v, p) = ctx.verdict(from, to);
            if admitted_only && v == Verdict::Denied {
                continue;
            }
            by_class.entry(v).or_default().push((from, to, p));
        }
    }
    let port = ctx.choice.describe();
    by_class
        .into_iter()
        .map(|(v, pairs)| {
            let (from, to, probe) = pairs[0];
            let class = match v {
                Verdict::Allowed => Class::Allowed,
                Verdict::Denied => Class::Denied,
                Verdict::Depends => Class::Depends,
            };
            let name = |n: usize, e: Endpoint| match &nodes[n].kind {
                Kind::Namespace(ns) => format!("namespace {ns}"),
                _ => e.name(model),
            };
            let mut title = format!("{} → {} {port}: {v}", name(a, from), name(b, to));
            if pairs.len() < total {
                title.push_str(&format!(" ({} of {} pod pairs)", pairs.len(), total));
            }
            if ctx.choice == PortChoice::Any {
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
                class,
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

/// The highlighted flow's edges: one, or client → Service and Service → each backend.
#[allow(clippy::too_many_arguments)]
fn flow_edges(
    ctx: &Ctx,
    reports: &[ServiceReport],
    q: &FlowQuery,
    node_of_group: &[Option<usize>],
    service_node: Option<usize>,
    nodes: &[Node],
    flow_nodes: &mut BTreeSet<usize>,
    related: &mut BTreeSet<usize>,
) -> Vec<Edge> {
    let model = ctx.model;
    let node_of = |e: Endpoint| match e {
        Endpoint::Group(g) => node_of_group[g],
        Endpoint::Outside(_) => Some(0),
    };
    let class_of = |v: Verdict| match v {
        Verdict::Allowed => Class::Allowed,
        Verdict::Denied => Class::Denied,
        Verdict::Depends => Class::Depends,
    };
    let (from_word, to_word, port_word) = q.words(model);
    let mut out = Vec::new();
    let Some(client) = node_of(q.from) else {
        return out;
    };
    flow_nodes.insert(client);
    match answer(model, reports, q) {
        FlowAnswer::Single(e) => {
            let Some(to) = node_of(e.to) else { return out };
            flow_nodes.insert(to);
            if to != client {
                out.push(Edge {
                    from: client,
                    to,
                    class: class_of(e.verdict),
                    title: format!(
                        "{} → {} {}: {}",
                        e.from.name(model),
                        e.to.name(model),
                        e.probe,
                        e.verdict
                    ),
                    action: Some(Action::Explain {
                        from: from_word,
                        to: to_word,
                        port: port_word,
                    }),
                    state: Some(Class::Focus),
                    id: format!("flow:{}->{}", nodes[client].id, nodes[to].id),
                });
            }
        }
        FlowAnswer::Service(f) => {
            let Some(svc) = service_node else { return out };
            flow_nodes.insert(svc);
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
                    action: Some(Action::Explain {
                        from: from_word.clone(),
                        to: to_word.clone(),
                        port: String::new(),
                    }),
                    state: Some(Class::Focus),
                    id: format!("flow:{}->{}", nodes[client].id, nodes[svc].id),
                });
            }
            for b in &f.backends {
                let to = match &b.backend {
                    Backend::Group(g) => node_of_group[*g],
                    Backend::Address(_) => Some(0),
                };
                let Some(to) = to else { continue };
                related.insert(to);
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
                if out.iter().any(|e: &Edge| e.id == id) || to == svc {
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
                    action: Some(Action::Explain {
                        from: from_word.clone(),
                        to: to_word.clone(),
                        port: String::new(),
                    }),
                    state: Some(Class::Focus),
                    id,
                });
            }
        }
    }
    out
}

/// A node's box.
fn node_shape(
    model: &Model,
    node: &Node,
    x: i32,
    y: i32,
    state: Option<Class>,
    isolation: &(Vec<Vec<usize>>, Vec<Vec<usize>>),
    endpoints: &[Endpoint],
) -> Shape {
    let policies = |list: &[usize]| -> String {
        list.iter()
            .map(|p| model.policies[*p].key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let isolation_badges = |ingress: bool, egress: bool| -> Vec<Badge> {
        let text = match (ingress, egress) {
            (true, true) => "ingress + egress isolated",
            (true, false) => "ingress isolated",
            (false, true) => "egress isolated",
            (false, false) => return Vec::new(),
        };
        vec![Badge {
            text: text.into(),
            classes: vec![Class::Badge, Class::Isolated],
        }]
    };
    let (kind, heading, badge, line, tooltip, action, bottom, stacked) = match &node.kind {
        Kind::Outside => (
            Class::Outside,
            "any outside address".to_string(),
            None,
            "not a pod in the manifests".to_string(),
            "Any address outside the cluster. Verdicts to and from it take every ipBlock into account; where one admits only some addresses, the verdict depends on the address.".to_string(),
            Some(Action::Select("outside".into())),
            Vec::new(),
            false,
        ),
        Kind::Group(g) => {
            let group = &model.groups[*g];
            let (ing, eg) = (&isolation.0[*g], &isolation.1[*g]);
            let mut tooltip = words::group_sentence(group);
            tooltip.push_str(&if ing.is_empty() {
                " Not isolated for ingress: every source may reach it.".to_string()
            } else {
                format!(" Isolated for ingress by {}.", policies(ing))
            });
            tooltip.push_str(&if eg.is_empty() {
                " Not isolated for egress: it may reach every destination.".to_string()
            } else {
                format!(" Isolated for egress by {}.", policies(eg))
            });
            (
                if group.owner.is_some() { Class::Workload } else { Class::Pod },
                group.name.clone(),
                None,
                format!("{} · {}", words::kind_badge(group), words::labels_line(group)),
                tooltip,
                Some(Action::Select(group.endpoint())),
                isolation_badges(!ing.is_empty(), !eg.is_empty()),
                group.owner.is_some() && group.replicas > 1,
            )
        }
        Kind::Namespace(ns) => {
            let groups: Vec<usize> = endpoints
                .iter()
                .filter_map(|e| match e {
                    Endpoint::Group(g) => Some(*g),
                    Endpoint::Outside(_) => None,
                })
                .collect();
            let pods: u64 = groups.iter().map(|g| model.groups[*g].replicas as u64).sum();
            let ing = groups.iter().filter(|g| !isolation.0[**g].is_empty()).count();
            let eg = groups.iter().filter(|g| !isolation.1[**g].is_empty()).count();
            (
                Class::Namespace,
                format!("namespace {ns}"),
                None,
                format!("collapsed: {} pod groups, {pods} pods", groups.len()),
                format!(
                    "Namespace {ns}, collapsed: {} pod groups, {pods} pods; {ing} isolated for ingress, {eg} for egress.",
                    groups.len()
                ),
                None,
                isolation_badges(ing > 0, eg > 0),
                false,
            )
        }
        Kind::Service(s) => {
            let svc = &model.services[*s];
            (
                Class::Service,
                svc.name.clone(),
                None,
                format!(
                    "Service, {} · {}",
                    svc.service_type.as_str(),
                    words::service_port_lines(svc).join(", ")
                ),
                format!("Service {}: the flow goes through it to each backend on its targetPort.", svc.key()),
                Some(Action::Select(format!("svc:{}", svc.key()))),
                Vec::new(),
                false,
            )
        }
    };
    let mut classes = vec![Class::Node, kind];
    classes.extend(state);
    draw::node(NodeSpec {
        id: node.id.clone(),
        classes,
        kind,
        tooltip,
        action,
        x,
        y,
        w: NODE_W,
        h: NODE_H,
        heading,
        badge: badge.map(|text| Badge {
            text,
            classes: vec![Class::Badge],
        }),
        lines: vec![(line, Class::Detail)],
        bottom_badges: bottom,
        stacked,
    })
}

/// Samples of each line style with its glyph and word.
fn legend(x: i32, y: i32) -> Shape {
    let mut children = Vec::new();
    let mut cx = x;
    for (class, glyph, word) in [
        (Class::Allowed, "✓", "allowed"),
        (Class::Denied, "✗", "denied"),
        (Class::Depends, "✓?", "depends on the outside address"),
    ] {
        children.push(Shape::Path(Path {
            points: vec![Point::new(cx, y + 16), Point::new(cx + 34, y + 16)],
            arrow: true,
            classes: vec![Class::Edge, class],
        }));
        children.push(Shape::Text(draw::text(
            cx + 46,
            y + 20,
            Anchor::Middle,
            vec![Class::Glyph, class],
            glyph.into(),
        )));
        children.push(Shape::Text(draw::text(
            cx + 58,
            y + 20,
            Anchor::Start,
            vec![Class::Detail],
            word.into(),
        )));
        cx += 58 + text::width(word, text::DETAIL_SIZE, false) + 28;
    }
    Shape::Group(Group {
        id: "legend".into(),
        classes: vec![Class::Note],
        title: "Legend: solid lines with ✓ are allowed flows, dashed lines with ✗ denied ones, dash-dotted lines with ✓? depend on which outside address it is.".into(),
        action: None,
        children,
    })
}
