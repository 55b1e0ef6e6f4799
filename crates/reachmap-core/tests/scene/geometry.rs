//! The drawing's geometry as a person sees it: boxes, labels, paths and frames, and the
//! checks every built scene must pass (nothing overlaps, lines go around boxes).

use reachmap_core::scene::{self, text, Class, Group, Point, Scene, Shape};
use std::collections::{BTreeMap, BTreeSet};

/// A rectangle, right and bottom exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Box2 {
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

pub fn groups(scene: &Scene) -> Vec<&Group> {
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

pub fn group<'a>(scene: &'a Scene, id: &str) -> &'a Group {
    groups(scene)
        .into_iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no group {id}: {:?}", ids(scene)))
}

pub fn has(scene: &Scene, id: &str) -> bool {
    groups(scene).iter().any(|g| g.id == id)
}

pub fn ids(scene: &Scene) -> Vec<String> {
    groups(scene).iter().map(|g| g.id.clone()).collect()
}

pub fn is_node(g: &Group) -> bool {
    g.classes.contains(&Class::Node)
}

pub fn is_edge(g: &Group) -> bool {
    g.classes.contains(&Class::Edge)
}

/// A node's box: the hull of its rectangles.
pub fn node_box(g: &Group) -> Box2 {
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
pub fn text_box(t: &reachmap_core::scene::Text, frame_label: bool) -> Box2 {
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

pub fn paths(g: &Group) -> Vec<&Vec<Point>> {
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
pub fn edge_ends(g: &Group) -> (String, String) {
    let body = g.id.split_once(':').map_or("", |x| x.1);
    let (a, b) = body.split_once("->").unwrap_or((body, ""));
    (a.to_string(), b.to_string())
}

/// Whether a segment passes through the inside of a box (touching its border is fine: edges
/// start and end on borders).
pub fn crosses(a: Point, b: Point, r: &Box2) -> bool {
    if a.x == b.x {
        let (lo, hi) = (a.y.min(b.y), a.y.max(b.y));
        r.x0 < a.x && a.x < r.x1 - 1 && lo < r.y1 - 1 && r.y0 < hi
    } else {
        let (lo, hi) = (a.x.min(b.x), a.x.max(b.x));
        r.y0 < a.y && a.y < r.y1 - 1 && lo < r.x1 - 1 && r.x0 < hi
    }
}

/// The overlap length of two collinear segments, 0 when not collinear.
pub fn shared(a: (Point, Point), b: (Point, Point)) -> i32 {
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
pub fn check_geometry(scene: &Scene) {
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

pub fn frame_box(g: &Group) -> Box2 {
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

pub fn texts(g: &Group) -> Vec<String> {
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

pub fn edges_of(scene: &Scene) -> BTreeMap<String, &Group> {
    groups(scene)
        .into_iter()
        .filter(|g| is_edge(g))
        .map(|g| (g.id.clone(), g))
        .collect()
}
