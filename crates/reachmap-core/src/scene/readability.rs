//! How readable a drawn scene is, measured on the scene itself: the boxes and lines both
//! renderers draw, whatever layout made them. The tests hold the Policies view to these
//! measures (no shared segment, no overlapping box) and the layout bench prints them beside
//! Graphviz `dot`'s on the same boxes and edges (`benches/layout.sh`).
//!
//! The measures are the layout engine's own (`layered::metrics`), taken over the scene's edge
//! paths and node boxes, so a scene and an engine's layout are measured the same way.

pub use super::layered::metrics::Metrics;
use super::layered::metrics::{self, Line};
use super::layered::Rect;
use super::{Class, Group, Point, Scene, Shape};

/// An edge as drawn: its group's id, its polyline, and the boxes its ends lie on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawnEdge {
    /// The id of the edge's group in the scene (`edge:…`); an edge group with several paths gives
    /// several `DrawnEdge`s with one id.
    pub id: String,
    /// The path's points, in scene units.
    pub points: Vec<Point>,
    /// Indices into `Drawing::boxes`; `None` when an end lies on no box's border.
    pub from: Option<usize>,
    /// Like `from`, for the last point.
    pub to: Option<usize>,
}

/// The scene as a graph drawing: node boxes, frames and edges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawing {
    /// One per node group: the hull of its node rectangles.
    pub boxes: Vec<Rect>,
    /// The scene id of each box (`pod:…`, `svc:…`), in the order of `boxes`.
    pub box_ids: Vec<String>,
    /// Namespace and outside frames (not boxes of nodes), with their group ids.
    pub frames: Vec<(String, Rect)>,
    /// Every path of every edge group, in drawing order.
    pub edges: Vec<DrawnEdge>,
    /// The scene's width.
    pub width: i32,
    /// The scene's height.
    pub height: i32,
}

impl Drawing {
    /// The edges' polylines in the engine's measuring units.
    pub fn lines(&self) -> Vec<Line> {
        self.edges
            .iter()
            .map(|e| e.points.iter().map(|p| (p.x as f64, p.y as f64)).collect())
            .collect()
    }

    /// The frame holding a box, if any: the smallest frame that contains it.
    pub fn frame_of(&self, b: usize) -> Option<usize> {
        let r = &self.boxes[b];
        (0..self.frames.len())
            .filter(|&f| self.frames[f].1.contains(r))
            .min_by_key(|&f| self.frames[f].1.width as i64 * self.frames[f].1.height as i64)
    }
}

/// Every measure of the scene's edges and boxes: crossings, pairs of edges sharing a stretch,
/// bends, length, overlapping boxes, edges through boxes.
pub fn measure(scene: &Scene) -> Metrics {
    let d = drawing(scene);
    metrics::measure_lines(&d.lines(), &d.boxes, d.width as f64, d.height as f64)
}

/// The scene's node boxes, frames and edges (with the boxes their ends lie on).
pub fn drawing(scene: &Scene) -> Drawing {
    let mut groups = Vec::new();
    walk(&scene.shapes, &mut groups);
    let mut d = Drawing {
        width: scene.width,
        height: scene.height,
        ..Drawing::default()
    };
    for g in &groups {
        if g.classes.contains(&Class::Node) {
            if let Some(r) = hull(g, |c| c.contains(&Class::Node)) {
                d.boxes.push(r);
                d.box_ids.push(g.id.clone());
            }
        } else if g.classes.contains(&Class::Namespace) || g.classes.contains(&Class::OutsideFrame)
        {
            if let Some(r) = hull(g, |_| true) {
                d.frames.push((g.id.clone(), r));
            }
        }
    }
    for g in groups.iter().filter(|g| g.classes.contains(&Class::Edge)) {
        for s in &g.children {
            if let Shape::Path(p) = s {
                let on = |at: Option<&Point>| at.and_then(|p| on_border(&d.boxes, *p));
                d.edges.push(DrawnEdge {
                    id: g.id.clone(),
                    from: on(p.points.first()),
                    to: on(p.points.last()),
                    points: p.points.clone(),
                });
            }
        }
    }
    d
}

fn walk<'a>(shapes: &'a [Shape], out: &mut Vec<&'a Group>) {
    for s in shapes {
        if let Shape::Group(g) = s {
            out.push(g);
            walk(&g.children, out);
        }
    }
}

/// The hull of a group's own rectangles whose classes pass `keep`.
fn hull(g: &Group, keep: impl Fn(&[Class]) -> bool) -> Option<Rect> {
    let mut b: Option<(i32, i32, i32, i32)> = None;
    for s in &g.children {
        if let Shape::Rect(r) = s {
            if !keep(&r.classes) {
                continue;
            }
            let (x1, y1) = (r.x + r.width, r.y + r.height);
            b = Some(match b {
                None => (r.x, r.y, x1, y1),
                Some(a) => (a.0.min(r.x), a.1.min(r.y), a.2.max(x1), a.3.max(y1)),
            });
        }
    }
    b.map(|(x0, y0, x1, y1)| Rect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

/// The box whose border passes through `p` (within a pixel).
fn on_border(boxes: &[Rect], p: Point) -> Option<usize> {
    boxes.iter().position(|r| {
        let within = |v: i32, lo: i32, hi: i32| lo - 1 <= v && v <= hi + 1;
        let near = |v: i32, line: i32| (v - line).abs() <= 1;
        (within(p.y, r.y, r.bottom()) && (near(p.x, r.x) || near(p.x, r.right())))
            || (within(p.x, r.x, r.right()) && (near(p.y, r.y) || near(p.y, r.bottom())))
    })
}
