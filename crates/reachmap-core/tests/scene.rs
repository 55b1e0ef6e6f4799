//! The scene builders, checked as a person would look at the drawing: nothing overlaps, lines
//! go around boxes, labels are readable, and what is drawn is what the analysis says.

mod common;

use reachmap_core::analysis::{Analysis, FlowQuery, PortChoice, Probe};
use reachmap_core::scene::{
    self, text, Action, Class, Group, Point, Scene, SceneOptions, Shape, View,
};
use std::collections::{BTreeMap, BTreeSet};

const REF: &str = "public/examples/reference";

fn parse(text: &str) -> reachmap_core::Parsed {
    common::parse_clean(text)
}

fn build(text: &str, options: &SceneOptions) -> Scene {
    let analysis = common::analyse_clean(text);
    let a = scene::build(&analysis, options);
    // Again from the cached matrix and flow answer, and from a fresh analysis of the text.
    assert_eq!(
        a,
        scene::build(&analysis, options),
        "a rebuild draws the same"
    );
    let b = scene::build(&Analysis::of(text), options);
    assert_eq!(a, b, "the same input gives the same scene");
    check_geometry(&a);
    a
}

fn view(v: View) -> SceneOptions {
    SceneOptions {
        view: v,
        ..SceneOptions::default()
    }
}

fn example(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| common::read_example(n) + "\n---\n")
        .collect()
}

fn boutique() -> String {
    example(&[
        "public/examples/online-boutique/kubernetes-manifests.yaml",
        "public/examples/online-boutique/network-policies.yaml",
    ])
}

/// A rectangle, right and bottom exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Box2 {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Box2 {
    fn overlaps(&self, o: &Box2) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn contains(&self, o: &Box2) -> bool {
        self.x0 <= o.x0 && o.x1 <= self.x1 && self.y0 <= o.y0 && o.y1 <= self.y1
    }
}

fn groups(scene: &Scene) -> Vec<&Group> {
    fn walk<'a>(shapes: &'a [Shape], out: &mut Vec<&'a Group>) {
        for s in shapes {
            if let Shape::Group(g) = s {
                out.push(g);
                walk(&g.children, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&scene.shapes, &mut out);
    out
}

fn group<'a>(scene: &'a Scene, id: &str) -> &'a Group {
    groups(scene)
        .into_iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no group {id}: {:?}", ids(scene)))
}

fn has(scene: &Scene, id: &str) -> bool {
    groups(scene).iter().any(|g| g.id == id)
}

fn ids(scene: &Scene) -> Vec<String> {
    groups(scene).iter().map(|g| g.id.clone()).collect()
}

fn is_node(g: &Group) -> bool {
    g.classes.contains(&Class::Node)
}

fn is_edge(g: &Group) -> bool {
    g.classes.contains(&Class::Edge)
}

/// A node's box: the hull of its rectangles.
fn node_box(g: &Group) -> Box2 {
    let mut b: Option<Box2> = None;
    for s in &g.children {
        if let Shape::Rect(r) = s {
            if r.classes.contains(&Class::Node) {
                let rb = Box2 {
                    x0: r.x,
                    y0: r.y,
                    x1: r.x + r.width,
                    y1: r.y + r.height,
                };
                b = Some(match b {
                    None => rb,
                    Some(a) => Box2 {
                        x0: a.x0.min(rb.x0),
                        y0: a.y0.min(rb.y0),
                        x1: a.x1.max(rb.x1),
                        y1: a.y1.max(rb.y1),
                    },
                });
            }
        }
    }
    b.expect("a node has a box")
}

/// Where a text is drawn, from the widths the stylesheet's fonts give.
fn text_box(t: &reachmap_core::scene::Text, frame_label: bool) -> Box2 {
    let (size, bold) = if frame_label {
        (text::FRAME_SIZE, true)
    } else {
        text::style(&t.classes)
    };
    let w = text::width(&t.text, size, bold);
    let x0 = match t.anchor {
        scene::Anchor::Start => t.x,
        scene::Anchor::Middle => t.x - w / 2,
        scene::Anchor::End => t.x - w,
    };
    Box2 {
        x0,
        y0: t.y - size * 8 / 10,
        x1: x0 + w,
        y1: t.y + size / 4,
    }
}

fn paths(g: &Group) -> Vec<&Vec<Point>> {
    g.children
        .iter()
        .filter_map(|s| match s {
            Shape::Path(p) => Some(&p.points),
            _ => None,
        })
        .collect()
}

/// The source and target node ids and class of an edge group, from its id
/// (`edge:A->B:…`, `flow:A->B`) — `None` for edges whose ends are not in the id.
fn edge_ends(g: &Group) -> (String, String) {
    let body = g.id.split_once(':').map_or("", |x| x.1);
    let (a, b) = body.split_once("->").unwrap_or((body, ""));
    (a.to_string(), b.to_string())
}

/// Whether a segment passes through the inside of a box (touching its border is fine: edges
/// start and end on borders).
fn crosses(a: Point, b: Point, r: &Box2) -> bool {
    if a.x == b.x {
        let (lo, hi) = (a.y.min(b.y), a.y.max(b.y));
        r.x0 < a.x && a.x < r.x1 - 1 && lo < r.y1 - 1 && r.y0 < hi
    } else {
        let (lo, hi) = (a.x.min(b.x), a.x.max(b.x));
        r.y0 < a.y && a.y < r.y1 - 1 && lo < r.x1 - 1 && r.x0 < hi
    }
}

/// The overlap length of two collinear segments, 0 when not collinear.
fn shared(a: (Point, Point), b: (Point, Point)) -> i32 {
    let vertical = |s: (Point, Point)| s.0.x == s.1.x;
    if vertical(a) != vertical(b) {
        return 0;
    }
    let (line_a, line_b, ra, rb) = if vertical(a) {
        (a.0.x, b.0.x, (a.0.y, a.1.y), (b.0.y, b.1.y))
    } else {
        (a.0.y, b.0.y, (a.0.x, a.1.x), (b.0.x, b.1.x))
    };
    if line_a != line_b {
        return 0;
    }
    let lo = ra.0.min(ra.1).max(rb.0.min(rb.1));
    let hi = ra.0.max(ra.1).min(rb.0.max(rb.1));
    (hi - lo).max(0)
}

/// Everything a drawing must satisfy, whatever the input.
fn check_geometry(scene: &Scene) {
    let all = groups(scene);
    // Unique ids.
    let mut seen = BTreeSet::new();
    for g in &all {
        assert!(seen.insert(g.id.clone()), "duplicate id {}", g.id);
        assert!(!g.title.is_empty(), "{} has no title", g.id);
    }
    let nodes: Vec<(&Group, Box2)> = all
        .iter()
        .filter(|g| is_node(g))
        .map(|g| (*g, node_box(g)))
        .collect();
    let canvas = Box2 {
        x0: 0,
        y0: 0,
        x1: scene.width,
        y1: scene.height,
    };
    // No box over another; every box on the canvas.
    for (i, (a, ba)) in nodes.iter().enumerate() {
        assert!(canvas.contains(ba), "{} is off the canvas", a.id);
        for (b, bb) in &nodes[i + 1..] {
            assert!(!ba.overlaps(bb), "{} overlaps {}", a.id, b.id);
        }
        // A node's texts stay inside it.
        for s in &a.children {
            if let Shape::Text(t) = s {
                let tb = text_box(t, false);
                assert!(
                    ba.contains(&Box2 {
                        x0: tb.x0,
                        x1: tb.x1,
                        y0: tb.y0.max(ba.y0),
                        y1: tb.y1.min(ba.y1)
                    }) && tb.y0 >= ba.y0 - 1,
                    "text {:?} of {} leaves its box {ba:?}: {tb:?}",
                    t.text,
                    a.id
                );
            }
        }
    }
    // Frames do not overlap one another; their labels do not cover a box.
    let frames: Vec<&Group> = all
        .iter()
        .copied()
        .filter(|g| {
            !is_node(g)
                && (g.classes.contains(&Class::Namespace)
                    || g.classes.contains(&Class::OutsideFrame))
        })
        .collect();
    for (i, f) in frames.iter().enumerate() {
        let fb = frame_box(f);
        for g in &frames[i + 1..] {
            assert!(!fb.overlaps(&frame_box(g)), "{} overlaps {}", f.id, g.id);
        }
        for s in &f.children {
            if let Shape::Text(t) = s {
                let tb = text_box(t, t.classes.contains(&Class::Title));
                for (n, nb) in &nodes {
                    assert!(!tb.overlaps(nb), "label of {} covers {}", f.id, n.id);
                }
            }
        }
    }
    // Headings, notes and the legend: on the canvas, over no box, frame or each other.
    let mut free: Vec<(String, Box2)> = Vec::new();
    for s in &scene.shapes {
        let texts: Vec<&reachmap_core::scene::Text> = match s {
            Shape::Text(t) => vec![t],
            Shape::Group(g) if g.id == "legend" => g
                .children
                .iter()
                .filter_map(|c| match c {
                    Shape::Text(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for t in texts {
            let tb = text_box(t, false);
            assert!(canvas.contains(&tb), "{:?} leaves the canvas", t.text);
            for (n, nb) in &nodes {
                assert!(!tb.overlaps(nb), "{:?} covers {}", t.text, n.id);
            }
            for f in &frames {
                assert!(!tb.overlaps(&frame_box(f)), "{:?} covers {}", t.text, f.id);
            }
            for (other, ob) in &free {
                assert!(!tb.overlaps(ob), "{:?} covers {other:?}", t.text);
            }
            free.push((t.text.clone(), tb));
        }
    }
    // Edges: orthogonal, around every box but their own ends; labels over no box and no
    // other label; no two unrelated lines along the same stretch.
    let edges: Vec<&Group> = all.iter().copied().filter(|g| is_edge(g)).collect();
    let mut labels: Vec<(String, Box2)> = Vec::new();
    let mut segments: Vec<(usize, (Point, Point))> = Vec::new();
    for (ei, e) in edges.iter().enumerate() {
        let (from, to) = edge_ends(e);
        for pts in paths(e) {
            assert!(pts.len() >= 2, "{} has a path of one point", e.id);
            for w in pts.windows(2) {
                assert!(
                    w[0].x == w[1].x || w[0].y == w[1].y,
                    "{}: not orthogonal {:?}",
                    e.id,
                    w
                );
                assert!(w[0] != w[1], "{}: empty segment", e.id);
                for (n, nb) in &nodes {
                    if n.id == from || n.id == to {
                        continue;
                    }
                    assert!(
                        !crosses(w[0], w[1], nb),
                        "{} crosses {} at {:?}",
                        e.id,
                        n.id,
                        w
                    );
                }
                segments.push((ei, (w[0], w[1])));
            }
        }
        for s in &e.children {
            if let Shape::Text(t) = s {
                if t.classes.contains(&Class::EdgeLabel) {
                    let tb = text_box(t, false);
                    for (n, nb) in &nodes {
                        assert!(!tb.overlaps(nb), "label {:?} covers {}", t.text, n.id);
                    }
                    for (other, ob) in &labels {
                        assert!(!tb.overlaps(ob), "label {:?} covers {other:?}", t.text);
                    }
                    labels.push((t.text.clone(), tb));
                }
            }
        }
    }
    // Dashed lines that share a stretch have their dashes in step there: the same distance
    // from their starts, modulo the pattern.
    let along = |pts: &[Point], at: Point| -> Option<i32> {
        let mut d = 0;
        for w in pts.windows(2) {
            let on = if w[0].x == w[1].x {
                at.x == w[0].x && (w[0].y.min(w[1].y)..=w[0].y.max(w[1].y)).contains(&at.y)
            } else {
                at.y == w[0].y && (w[0].x.min(w[1].x)..=w[0].x.max(w[1].x)).contains(&at.x)
            };
            if on {
                return Some(d + (at.x - w[0].x).abs() + (at.y - w[0].y).abs());
            }
            d += (w[1].x - w[0].x).abs() + (w[1].y - w[0].y).abs();
        }
        None
    };
    for (i, (ea, sa)) in segments.iter().enumerate() {
        for (eb, sb) in &segments[i + 1..] {
            if ea == eb || shared(*sa, *sb) == 0 {
                continue;
            }
            let (a, b) = (edges[*ea], edges[*eb]);
            let Some(period) = a.classes.iter().find_map(|c| scene::style::dash_period(*c)) else {
                continue;
            };
            // A point both segments hold.
            let p = if sa.0.x == sa.1.x {
                Point::new(sa.0.x, sa.0.y.min(sa.1.y).max(sb.0.y.min(sb.1.y)))
            } else {
                Point::new(sa.0.x.min(sa.1.x).max(sb.0.x.min(sb.1.x)), sa.0.y)
            };
            let (pa, pb) = (paths(a)[0], paths(b)[0]);
            let (da, db) = (along(pa, p).unwrap(), along(pb, p).unwrap());
            assert_eq!(
                da.rem_euclid(period),
                db.rem_euclid(period),
                "{} and {} share a dashed stretch at {p:?} out of step",
                a.id,
                b.id
            );
        }
    }
    // Lines may share a stretch only when they are one bundle: the same source or the same
    // target, with the same verdict and highlight.
    for (i, (ea, sa)) in segments.iter().enumerate() {
        for (eb, sb) in &segments[i + 1..] {
            if ea == eb || shared(*sa, *sb) == 0 {
                continue;
            }
            let (a, b) = (edges[*ea], edges[*eb]);
            let (af, at) = edge_ends(a);
            let (bf, bt) = edge_ends(b);
            let same_look = a.classes == b.classes;
            assert!(
                same_look && (af == bf || at == bt),
                "{} and {} run along the same line {:?} / {:?}",
                a.id,
                b.id,
                sa,
                sb
            );
        }
    }
}

fn frame_box(g: &Group) -> Box2 {
    g.children
        .iter()
        .find_map(|s| match s {
            Shape::Rect(r) => Some(Box2 {
                x0: r.x,
                y0: r.y,
                x1: r.x + r.width,
                y1: r.y + r.height,
            }),
            _ => None,
        })
        .expect("a frame has a rectangle")
}

fn texts(g: &Group) -> Vec<String> {
    let mut out = Vec::new();
    for s in &g.children {
        match s {
            Shape::Text(t) => out.push(t.text.clone()),
            Shape::Group(inner) => out.extend(texts(inner)),
            _ => {}
        }
    }
    out
}

fn edges_of(scene: &Scene) -> BTreeMap<String, &Group> {
    groups(scene)
        .into_iter()
        .filter(|g| is_edge(g))
        .map(|g| (g.id.clone(), g))
        .collect()
}

#[test]
fn services_view_of_the_reference_examples() {
    let text = example(&[
        &format!("{REF}/nginx-service.yaml"),
        &format!("{REF}/deployment-service.yaml"),
    ]);
    let s = build(&text, &view(View::Services));
    assert_eq!(s.view, View::Services);
    let svc = group(&s, "svc:default/nginx-service");
    assert!(texts(svc).contains(&"ClusterIP".to_string()));
    assert_eq!(
        svc.action,
        Some(Action::Select("svc:default/nginx-service".into()))
    );
    let pod = group(&s, "pod:default/nginx");
    assert_eq!(pod.action, Some(Action::Select("default/nginx".into())));
    let deploy = group(&s, "pod:default/my-deploy[Deployment]");
    assert!(texts(deploy).contains(&"Deployment ×3".to_string()));
    let e = group(&s, "edge:svc:default/nginx-service:0->pod:default/nginx");
    assert!(e.classes.contains(&Class::Selects));
    assert_eq!(texts(e), ["80 → 80"]);
    let access = group(&s, "access:default/nginx-service:cluster-ip");
    assert!(texts(access)
        .concat()
        .contains("nginx-service.default.svc.cluster.local:80"));
    assert!(has(
        &s,
        "edge:access:default/nginx-service:cluster-ip->svc:default/nginx-service"
    ));
}

#[test]
fn services_view_draws_findings_where_they_apply() {
    let text = format!(
        "{}{}{}{}",
        common::pod("default", "web", &[("app", "web")], &[("http", 8080)]),
        common::pod("default", "old", &[("app", "web")], &[("", 8080)]),
        common::pod("default", "lonely", &[("app", "lonely")], &[]),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: nobody}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n",
    );
    let s = build(&text, &view(View::Services));
    // A named targetPort resolved per pod, and missing on one of them.
    let ok = group(&s, "edge:svc:default/web:0->pod:default/web");
    assert_eq!(texts(ok), ["80 → http (8080)"]);
    let broken = group(&s, "edge:svc:default/web:0->pod:default/old");
    assert!(broken.classes.contains(&Class::Broken));
    assert_eq!(texts(broken), ["80 → http → ? (no such port)"]);
    assert!(broken.title.contains("is not a container port of this pod"));
    // A Service that selects nothing says so in its box.
    assert!(texts(group(&s, "svc:default/nobody")).contains(&"⚠ selects no pod".to_string()));
    assert!(texts(group(&s, "svc:default/web"))
        .contains(&"⚠ targetPort http missing on pods".to_string()));
    // How each is reached.
    assert!(texts(group(&s, "access:default/web:node-port"))
        .contains(&"<node IP>:30080 → 80".to_string()));
    assert!(texts(group(&s, "access:default/db:external-name"))
        .concat()
        .contains("→ db.example.com"));
    // Pods no Service selects are drawn.
    assert!(has(&s, "pod:default/lonely"));
    assert!(s.description.contains("1 Service selects no pod"));
}

#[test]
fn policies_view_without_focus_draws_the_flows_rules_admit() {
    let text = common::read_example(&format!("{REF}/api-allow.yaml"));
    let s = build(&text, &view(View::Policies));
    let edges = edges_of(&s);
    let e = edges
        .get("edge:pod:default/coffeeshop->pod:default/payment-processor:allowed")
        .expect("the admitted flow");
    assert!(e.classes.contains(&Class::Allowed));
    assert!(e.title.starts_with(
        "default/coffeeshop → default/payment-processor any port: allowed, for example on TCP/80"
    ));
    assert_eq!(
        e.action,
        Some(Action::Explain {
            from: "default/coffeeshop".into(),
            to: "default/payment-processor".into(),
            port: "TCP/80".into()
        })
    );
    assert_eq!(
        edges.len(),
        1,
        "only flows a rule admits: {:?}",
        edges.keys()
    );
    // Isolation badges.
    assert!(
        texts(group(&s, "pod:default/payment-processor")).contains(&"ingress isolated".to_string())
    );
    assert!(group(&s, "pod:default/payment-processor")
        .title
        .contains("Isolated for ingress by default/api-allow."));
    assert!(has(&s, "outside:any"));
    assert!(has(&s, "frame:outside"));
    assert!(has(&s, "ns:default"));
}

#[test]
fn focus_draws_every_flow_from_and_to_it() {
    let text = common::read_example(&format!("{REF}/api-allow.yaml"));
    let options = SceneOptions {
        view: View::Policies,
        focus: Some("default/nginx".into()),
        ..SceneOptions::default()
    };
    let s = build(&text, &options);
    let edges = edges_of(&s);
    let denied = edges
        .get("edge:pod:default/nginx->pod:default/payment-processor:denied")
        .expect("the denied flow is drawn");
    assert!(denied.classes.contains(&Class::Denied));
    assert!(texts(denied).contains(&"✗".to_string()));
    assert_eq!(
        denied.title,
        "default/nginx → default/payment-processor any port: denied on every port"
    );
    let allowed = edges
        .get("edge:pod:default/nginx->pod:default/coffeeshop:allowed")
        .unwrap();
    assert!(texts(allowed).contains(&"✓".to_string()));
    assert!(edges.contains_key("edge:pod:default/coffeeshop->pod:default/nginx:allowed"));
    assert!(edges.contains_key("edge:outside:any->pod:default/nginx:allowed"));
    assert!(edges.contains_key("edge:pod:default/nginx->outside:any:allowed"));
    // 3 other nodes, both ways.
    assert_eq!(edges.len(), 6, "{:?}", edges.keys());
    assert!(group(&s, "pod:default/nginx")
        .classes
        .contains(&Class::Focus));
    assert!(group(&s, "pod:default/coffeeshop")
        .classes
        .contains(&Class::Related));
    // payment-processor may reach nginx (its egress is not isolated): related too.
    assert!(group(&s, "pod:default/payment-processor")
        .classes
        .contains(&Class::Related));
}

#[test]
fn a_single_port_choice_names_its_port() {
    let text = common::read_example(&format!("{REF}/port-allow.yaml"));
    let options = SceneOptions {
        view: View::Policies,
        focus: Some("default/frontend".into()),
        ports: PortChoice::Probe(Probe::tcp(80)),
        ..SceneOptions::default()
    };
    let s = build(&text, &options);
    let e = group(&s, "edge:pod:default/frontend->pod:default/backend:denied");
    assert_eq!(e.title, "default/frontend → default/backend TCP/80: denied");
    let options = SceneOptions {
        ports: PortChoice::Probe(Probe::tcp(8080)),
        ..options
    };
    let s = build(&text, &options);
    let e = group(&s, "edge:pod:default/frontend->pod:default/backend:allowed");
    assert_eq!(
        e.title,
        "default/frontend → default/backend TCP/8080: allowed"
    );
}

#[test]
fn outside_verdicts_that_depend_on_the_address() {
    let text = format!(
        "{}{}",
        common::pod("default", "web", &[("app", "web")], &[("", 80)]),
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-office}\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 203.0.113.0/24}}]\n",
    );
    let s = build(
        &text,
        &SceneOptions {
            view: View::Policies,
            focus: Some("outside".into()),
            ..SceneOptions::default()
        },
    );
    let e = group(&s, "edge:outside:any->pod:default/web:depends");
    assert!(e.classes.contains(&Class::Depends));
    assert!(texts(e).contains(&"✓?".to_string()));
    // An address focuses the outside node, which stands for any outside address.
    let by_ip = build(
        &text,
        &SceneOptions {
            view: View::Policies,
            focus: Some("203.0.113.9".into()),
            ..SceneOptions::default()
        },
    );
    assert_eq!(by_ip.shapes, s.shapes);
    assert!(group(&s, "outside:any").classes.contains(&Class::Focus));
}

#[test]
fn a_flow_through_a_service_is_highlighted_to_each_backend() {
    let text = boutique();
    let parsed = parse(&text);
    let q = FlowQuery::parse(
        &parsed.model,
        "default/checkoutservice[Deployment]",
        "default/paymentservice:grpc",
        None,
    )
    .unwrap();
    let options = SceneOptions {
        view: View::Policies,
        flow: Some(q),
        ..SceneOptions::default()
    };
    let s = build(&text, &options);
    let client = group(
        &s,
        "flow:pod:default/checkoutservice[Deployment]->svc:default/paymentservice",
    );
    assert!(client.classes.contains(&Class::Focus));
    assert!(client.classes.contains(&Class::Allowed));
    let backend = group(
        &s,
        "flow:svc:default/paymentservice->pod:default/paymentservice[Deployment]",
    );
    assert!(backend.classes.contains(&Class::Allowed));
    assert!(backend.title.contains("TCP/50051: allowed"));
    // Everything else is dimmed.
    for e in edges_of(&s).values() {
        if !e.id.starts_with("flow:") {
            assert!(e.classes.contains(&Class::Dim), "{}", e.id);
        }
    }
    // The Services view highlights the same flow's arrow with its verdict.
    let s = build(
        &text,
        &SceneOptions {
            view: View::Services,
            ..options
        },
    );
    let e = group(
        &s,
        "edge:svc:default/paymentservice:0->pod:default/paymentservice[Deployment]",
    );
    assert!(e.classes.contains(&Class::Focus));
    assert!(texts(e).contains(&"✓".to_string()));
    assert!(group(&s, "svc:default/cartservice")
        .classes
        .contains(&Class::Dim));
}

#[test]
fn collapsed_and_filtered_namespaces() {
    let mut text = String::new();
    for ns in ["a", "b", "c"] {
        text.push_str(&common::namespace(ns, &[]));
        for p in ["x", "z"] {
            text.push_str(&common::pod(ns, p, &[("app", p)], &[("", 80)]));
        }
    }
    text.push_str("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-x, namespace: a}\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: b}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n");
    let collapsed = SceneOptions {
        view: View::Policies,
        collapsed: ["b".to_string()].into(),
        ..SceneOptions::default()
    };
    let s = build(&text, &collapsed);
    assert!(has(&s, "ns:b"));
    assert!(group(&s, "ns:b").classes.contains(&Class::Node));
    assert!(!has(&s, "pod:b/x"));
    assert!(texts(group(&s, "ns:b")).contains(&"collapsed: 2 pod groups, 2 pods".to_string()));
    // The flow from b/x into a goes from the collapsed box.
    let e = group(&s, "edge:ns:b->pod:a/x:allowed");
    assert!(e.title.contains("(1 of 2 pod pairs)"), "{}", e.title);
    let s = build(
        &text,
        &SceneOptions {
            view: View::Services,
            ..collapsed.clone()
        },
    );
    assert!(has(&s, "edge:svc:b/s:0->ns:b"));
    let only = SceneOptions {
        view: View::Policies,
        namespaces: Some(["a".to_string()].into()),
        ..SceneOptions::default()
    };
    let s = build(&text, &only);
    assert!(has(&s, "pod:a/x") && !has(&s, "pod:b/x") && !has(&s, "ns:c"));
}

#[test]
fn long_names_are_cut_in_the_drawing_and_whole_in_the_title() {
    let name = "a-pod-with-a-remarkably-long-name-that-no-box-can-hold-0123456789";
    let text = common::pod("default", name, &[("app", "x")], &[("", 80)]);
    for v in [View::Services, View::Policies] {
        let s = build(&text, &view(v));
        let g = group(&s, &format!("pod:default/{name}"));
        assert!(g.title.contains(name));
        let shown = texts(g);
        assert!(
            shown
                .iter()
                .any(|t| t.ends_with('…') && name.starts_with(t.trim_end_matches('…'))),
            "{shown:?}"
        );
    }
}

#[test]
fn the_online_boutique_in_both_views_and_with_focus() {
    let text = boutique();
    let s = build(&text, &view(View::Services));
    assert_eq!(
        groups(&s)
            .iter()
            .filter(|g| g.id.starts_with("svc:"))
            .count(),
        12
    );
    let s = build(&text, &view(View::Policies));
    assert!(!edges_of(&s).is_empty());
    for focus in [
        "default/frontend[Deployment]",
        "outside",
        "default/redis-cart[Deployment]",
    ] {
        build(
            &text,
            &SceneOptions {
                view: View::Policies,
                focus: Some(focus.into()),
                ..SceneOptions::default()
            },
        );
    }
}

#[test]
fn a_large_cluster_stays_readable() {
    let text = reachmap_synth::generate(&reachmap_synth::Spec {
        pods: 500,
        policies: 75,
        namespaces: 5,
        services: 50,
        seed: 7,
    });
    let analysis = Analysis::of(&text);
    let s = scene::build(&analysis, &view(View::Policies));
    check_geometry(&s);
    let drawn = edges_of(&s).len();
    assert!(drawn <= 300, "{drawn} edges");
    let note = groups(&s).len(); // (the note is a text, not a group)
    assert!(note > 0);
    let svg = reachmap_core::svg::render(&s);
    if drawn == 300 {
        assert!(svg.contains("more flows not drawn: select a pod to see its flows"));
    }
    let s = scene::build(&analysis, &view(View::Services));
    check_geometry(&s);
    let first = analysis.model().groups[0].endpoint();
    let s = scene::build(
        &analysis,
        &SceneOptions {
            view: View::Policies,
            focus: Some(first),
            ..SceneOptions::default()
        },
    );
    check_geometry(&s);
}

#[test]
fn an_empty_input_draws_a_note() {
    for v in [View::Services, View::Policies] {
        let s = build("", &view(v));
        assert!(s.width > 0 && s.height > 0);
    }
}

/// WCAG 2 relative luminance and contrast, from `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    let c = |shift: u32| {
        let s = ((v >> shift) & 0xff) as f64 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(16) + 0.7152 * c(8) + 0.0722 * c(0)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The two palettes of the stylesheet: light (first `:root`) and dark.
fn palettes() -> [BTreeMap<String, String>; 2] {
    let css = scene::style::SCENE_CSS;
    let dark_at = css.find("@media (prefers-color-scheme: dark)").unwrap();
    let read = |part: &str| -> BTreeMap<String, String> {
        part.lines()
            .filter_map(|l| {
                let l = l.trim();
                let (k, v) = l.strip_prefix("--rm-")?.split_once(':')?;
                Some((k.to_string(), v.trim().trim_end_matches(';').to_string()))
            })
            .collect()
    };
    [read(&css[..dark_at]), read(&css[dark_at..])]
}

#[test]
fn colours_pass_wcag_aa_in_both_themes() {
    // (text colour, background it is drawn on, minimum ratio)
    let pairs = [
        ("text", "bg", 4.5),
        ("muted", "bg", 4.5),
        ("text", "pod", 4.5),
        ("muted", "pod", 4.5),
        ("text", "service", 4.5),
        ("muted", "service", 4.5),
        ("warning", "service", 4.5),
        ("text", "access", 4.5),
        ("muted", "access", 4.5),
        ("text", "outside", 4.5),
        ("muted", "outside", 4.5),
        ("text", "frame", 4.5),
        ("muted", "frame", 4.5),
        ("frame-text", "frame", 4.5),
        ("frame-text", "outside-frame", 4.5),
        ("badge-text", "badge", 4.5),
        ("isolated-text", "isolated", 4.5),
        // Glyphs are text too.
        ("allowed", "bg", 4.5),
        ("denied", "bg", 4.5),
        ("depends", "bg", 4.5),
        ("allowed", "frame", 4.5),
        ("denied", "frame", 4.5),
        ("depends", "frame", 4.5),
        // Lines and borders: 3:1 against what they cross.
        ("selects", "bg", 3.0),
        ("reaches", "bg", 3.0),
        ("selects", "frame", 3.0),
        ("focus", "bg", 3.0),
        ("pod-line", "frame", 3.0),
        ("service-line", "bg", 3.0),
        ("access-line", "bg", 3.0),
        ("outside-line", "outside-frame", 3.0),
        ("frame-line", "bg", 3.0),
    ];
    for (theme, p) in ["light", "dark"].iter().zip(palettes()) {
        for (fg, bg, min) in pairs {
            let r = contrast(&p[fg], &p[bg]);
            println!("{theme}: {fg} on {bg}: {r:.2}");
            assert!(
                r >= min,
                "{theme}: {fg} {} on {bg} {}: {r:.2} < {min}",
                p[fg],
                p[bg]
            );
        }
    }
}

#[test]
fn every_class_is_styled_and_every_marker_defined() {
    let css = scene::style::SCENE_CSS;
    for c in [
        Class::Namespace,
        Class::OutsideFrame,
        Class::Node,
        Class::Pod,
        Class::Workload,
        Class::Service,
        Class::Outside,
        Class::Access,
        Class::Title,
        Class::Detail,
        Class::Badge,
        Class::BadgeText,
        Class::Warning,
        Class::Isolated,
        Class::Edge,
        Class::Selects,
        Class::Allowed,
        Class::Denied,
        Class::Depends,
        Class::Broken,
        Class::EdgeLabel,
        Class::Glyph,
        Class::Focus,
        Class::Related,
        Class::Dim,
        Class::Note,
        Class::Canvas,
        Class::Heading,
    ] {
        assert!(
            css.contains(&format!(".{}", c.name())),
            "{} unstyled",
            c.name()
        );
    }
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    // The stylesheet goes inside <style> as text: nothing XML would read as markup.
    assert!(!css.contains('<') && !css.contains('&'));
    for id in [
        "rm-arrow-allowed",
        "rm-arrow-denied",
        "rm-arrow-depends",
        "rm-arrow-broken",
        "rm-arrow-selects",
        "rm-arrow-reaches",
        "rm-arrow-dim",
    ] {
        assert!(scene::style::DEFS.contains(&format!("id=\"{id}\"")), "{id}");
        assert!(css.contains(&format!("#{id}")), "{id} has no colour");
    }
    // The dash patterns the layout keeps in step are the stylesheet's.
    let dash = |d: &[i32]| {
        d.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(css.contains(&format!(
        "path.rm-denied {{ stroke: var(--rm-denied); stroke-dasharray: {}; }}",
        dash(scene::style::DENIED_DASH)
    )));
    assert!(css.contains(&format!(
        "path.rm-depends {{ stroke: var(--rm-depends); stroke-dasharray: {}; }}",
        dash(scene::style::DEPENDS_DASH)
    )));
    // The sizes the layout measures text with are the stylesheet's.
    for (class, size) in [
        (Class::Title, text::TITLE_SIZE),
        (Class::Detail, text::DETAIL_SIZE),
        (Class::BadgeText, text::BADGE_SIZE),
        (Class::EdgeLabel, text::LABEL_SIZE),
        (Class::Note, text::NOTE_SIZE),
        (Class::Glyph, text::GLYPH_SIZE),
    ] {
        let rule = format!("text.{} {{ font-size: {size}px;", class.name());
        assert!(css.contains(&rule), "missing `{rule}`");
    }
}

/// The Policies view's verdicts to and from "any outside address" (focus `outside`) equal the
/// reference evaluator's, taken over every representative probe: allowed when some probe is,
/// else depends when some probe does, else denied — on every upstream scenario.
#[test]
fn outside_verdicts_match_explain_on_every_scenario() {
    use reachmap_core::analysis::{explain, representative_probes, Endpoint, Verdict};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/netpol_scenarios");
    let cluster = std::fs::read_to_string(format!("{dir}/_cluster.yaml")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('_'))
        .collect();
    files.sort();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let analysis = Analysis::of_inputs(&[
            reachmap_core::Input {
                name: "_cluster.yaml".into(),
                text: cluster.clone(),
            },
            reachmap_core::Input {
                name: file.clone(),
                text,
            },
        ]);
        let model = analysis.model();
        let s = scene::build(
            &analysis,
            &SceneOptions {
                view: View::Policies,
                focus: Some("outside".into()),
                ..SceneOptions::default()
            },
        );
        let edges = edges_of(&s);
        let probes = representative_probes(model);
        let combine = |vs: Vec<Verdict>| {
            if vs.contains(&Verdict::Allowed) {
                Verdict::Allowed
            } else if vs.contains(&Verdict::Depends) {
                Verdict::Depends
            } else {
                Verdict::Denied
            }
        };
        for (g, group) in model.groups.iter().enumerate() {
            let pod = format!("pod:{}", group.endpoint());
            let inbound = combine(
                probes
                    .iter()
                    .map(|p| {
                        explain(model, Endpoint::Outside(None), Endpoint::Group(g), *p).verdict
                    })
                    .collect(),
            );
            let outbound = combine(
                probes
                    .iter()
                    .map(|p| {
                        explain(model, Endpoint::Group(g), Endpoint::Outside(None), *p).verdict
                    })
                    .collect(),
            );
            assert!(
                edges.contains_key(&format!("edge:outside:any->{pod}:{inbound}")),
                "{file}: outside → {pod} should be {inbound}: {:?}",
                edges
                    .keys()
                    .filter(|k| k.contains(&pod))
                    .collect::<Vec<_>>()
            );
            assert!(
                edges.contains_key(&format!("edge:{pod}->outside:any:{outbound}")),
                "{file}: {pod} → outside should be {outbound}"
            );
            checked += 2;
        }
    }
    assert!(checked > 500, "{checked}");
}
