//! Measures of a drawing, for tests, benches and comparisons with other layout engines.
//!
//! Everything works on polylines of `f64` points, so the same functions measure this crate's
//! orthogonal edges and another engine's curves (sampled into polylines). Quantities:
//! - crossings: points where two distinct edges meet, except where both end (two arrows into
//!   one point of a box are not a crossing); pieces running along each other are not counted
//!   here but in
//! - shared: pairs of distinct edges that run along the same line for more than a pixel,
//!   which a reader cannot tell apart;
//! - bends: interior points where an edge changes direction;
//! - length: total length of all edges;
//! - box overlaps: pairs of boxes sharing some area;
//! - edges through boxes: (edge, box) pairs where the edge passes through the box's inside.

use crate::scene::layered::model::{Layout, Rect};

/// A polyline in pixels.
pub type Line = Vec<(f64, f64)>;

/// Distances below this are "the same point" or "on the line" (half a pixel).
const TOL: f64 = 0.5;
/// Two lines must run together for more than this to count as sharing a piece.
const MIN_SHARED: f64 = 1.0;
/// Sine of the largest angle between two directions still taken as parallel.
const PARALLEL: f64 = 1e-3;

/// The measures of one drawing (see the module's list); counts are over distinct edges and
/// boxes, lengths in pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    /// How many edges were measured.
    pub edges: usize,
    /// Points where two edges cross (ends they share excepted).
    pub crossings: usize,
    /// Pairs of edges running along the same line for more than a pixel.
    pub shared: usize,
    /// Bends over all edges.
    pub bends: usize,
    /// The most bends on any one edge.
    pub max_bends: usize,
    /// Total length of all edges, in pixels.
    pub length: f64,
    /// Pairs of boxes sharing some area (0 in any good drawing).
    pub box_overlaps: usize,
    /// (edge, box) pairs where the edge passes through the box's inside (0 in any good drawing).
    pub edges_through_boxes: usize,
    /// The drawing's width as given, in pixels (to compare how much room drawings take).
    pub width: f64,
    /// The drawing's height as given, in pixels.
    pub height: f64,
}

/// Every measure of a layout.
pub fn measure(layout: &Layout) -> Metrics {
    let lines = lines(layout);
    measure_lines(
        &lines,
        &layout.nodes,
        layout.width as f64,
        layout.height as f64,
    )
}

/// Every measure of edges drawn as `lines` over `boxes`.
pub fn measure_lines(lines: &[Line], boxes: &[Rect], width: f64, height: f64) -> Metrics {
    Metrics {
        edges: lines.len(),
        crossings: crossings(lines),
        shared: shared(lines),
        bends: lines.iter().map(bends).sum(),
        max_bends: lines.iter().map(bends).max().unwrap_or(0),
        length: lines.iter().map(length).sum(),
        box_overlaps: box_overlaps(boxes),
        edges_through_boxes: edges_through_boxes(lines, boxes),
        width,
        height,
    }
}

/// A layout's edges as `f64` polylines.
pub fn lines(layout: &Layout) -> Vec<Line> {
    layout
        .edges
        .iter()
        .map(|e| e.iter().map(|p| (p.x as f64, p.y as f64)).collect())
        .collect()
}

type Seg = ((f64, f64), (f64, f64));

fn segs(l: &Line) -> impl Iterator<Item = Seg> + '_ {
    l.windows(2).map(|w| (w[0], w[1]))
}

fn bbox(l: &Line) -> (f64, f64, f64, f64) {
    l.iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
}

fn boxes_meet(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 <= b.2 + TOL && b.0 <= a.2 + TOL && a.1 <= b.3 + TOL && b.1 <= a.3 + TOL
}

fn seg_box(s: Seg) -> (f64, f64, f64, f64) {
    (
        s.0 .0.min(s.1 .0),
        s.0 .1.min(s.1 .1),
        s.0 .0.max(s.1 .0),
        s.0 .1.max(s.1 .1),
    )
}

fn cross(a: (f64, f64), b: (f64, f64)) -> f64 {
    a.0 * b.1 - a.1 * b.0
}

fn sub(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 - b.0, a.1 - b.1)
}

fn norm(a: (f64, f64)) -> f64 {
    a.0.hypot(a.1)
}

fn near(a: (f64, f64), b: (f64, f64)) -> bool {
    norm(sub(a, b)) <= TOL
}

fn parallel(a: Seg, b: Seg) -> bool {
    let (d1, d2) = (sub(a.1, a.0), sub(b.1, b.0));
    let (n1, n2) = (norm(d1), norm(d2));
    n1 == 0.0 || n2 == 0.0 || cross(d1, d2).abs() <= PARALLEL * n1 * n2
}

/// Where two segments that are not parallel meet, if they do.
fn meet(a: Seg, b: Seg) -> Option<(f64, f64)> {
    let (d1, d2) = (sub(a.1, a.0), sub(b.1, b.0));
    let den = cross(d1, d2);
    let w = sub(b.0, a.0);
    let t = cross(w, d2) / den;
    let u = cross(w, d1) / den;
    let (et, eu) = (TOL / norm(d1), TOL / norm(d2));
    if (-et..=1.0 + et).contains(&t) && (-eu..=1.0 + eu).contains(&u) {
        Some((a.0 .0 + t * d1.0, a.0 .1 + t * d1.1))
    } else {
        None
    }
}

/// Length along `a` that `b` runs on the same line, if the two are parallel and close.
fn overlap(a: Seg, b: Seg) -> f64 {
    let d = sub(a.1, a.0);
    let n = norm(d);
    if n == 0.0 || !parallel(a, b) {
        return 0.0;
    }
    let off = |p: (f64, f64)| cross(d, sub(p, a.0)).abs() / n;
    if off(b.0) > TOL || off(b.1) > TOL {
        return 0.0;
    }
    let along = |p: (f64, f64)| {
        let w = sub(p, a.0);
        (w.0 * d.0 + w.1 * d.1) / n
    };
    let (t0, t1) = (along(b.0), along(b.1));
    (t0.max(t1).min(n) - t0.min(t1).max(0.0)).max(0.0)
}

/// Points where two distinct edges meet, counted once per point and pair of edges.
pub fn crossings(lines: &[Line]) -> usize {
    let boxes: Vec<_> = lines.iter().map(bbox).collect();
    let mut total = 0;
    let mut points: Vec<(f64, f64)> = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            if lines[i].len() < 2 || lines[j].len() < 2 || !boxes_meet(boxes[i], boxes[j]) {
                continue;
            }
            points.clear();
            let ends = |l: &Line, p| near(p, l[0]) || near(p, l[l.len() - 1]);
            for a in segs(&lines[i]) {
                for b in segs(&lines[j]) {
                    if !boxes_meet(seg_box(a), seg_box(b)) || parallel(a, b) {
                        continue;
                    }
                    if let Some(p) = meet(a, b) {
                        let at_both_ends = ends(&lines[i], p) && ends(&lines[j], p);
                        if !at_both_ends && !points.iter().any(|&q| near(p, q)) {
                            points.push(p);
                        }
                    }
                }
            }
            total += points.len();
        }
    }
    total
}

/// Pairs of distinct edges that run along the same line for more than a pixel.
pub fn shared(lines: &[Line]) -> usize {
    shared_pairs(lines).len()
}

/// The pairs counted by [`shared`], as (i, j) with i < j.
pub fn shared_pairs(lines: &[Line]) -> Vec<(usize, usize)> {
    let boxes: Vec<_> = lines.iter().map(bbox).collect();
    let mut out = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            if lines[i].len() < 2 || lines[j].len() < 2 || !boxes_meet(boxes[i], boxes[j]) {
                continue;
            }
            let found = segs(&lines[i]).any(|a| {
                segs(&lines[j])
                    .any(|b| boxes_meet(seg_box(a), seg_box(b)) && overlap(a, b) > MIN_SHARED)
            });
            if found {
                out.push((i, j));
            }
        }
    }
    out
}

/// Interior points where the line changes direction.
pub fn bends(l: &Line) -> usize {
    l.windows(3)
        .filter(|w| {
            let (d1, d2) = (sub(w[1], w[0]), sub(w[2], w[1]));
            let (n1, n2) = (norm(d1), norm(d2));
            n1 > 0.0
                && n2 > 0.0
                && (cross(d1, d2).abs() > PARALLEL * n1 * n2 || d1.0 * d2.0 + d1.1 * d2.1 < 0.0)
        })
        .count()
}

/// The length of one polyline in pixels: the sum of its pieces.
pub(crate) fn length(l: &Line) -> f64 {
    segs(l).map(|(a, b)| norm(sub(b, a))).sum()
}

/// Pairs of boxes that share some area.
pub fn box_overlaps(boxes: &[Rect]) -> usize {
    let mut n = 0;
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            if boxes[i].overlaps(&boxes[j]) {
                n += 1;
            }
        }
    }
    n
}

/// (edge, box) pairs where the edge passes through the inside of the box (its own end boxes
/// included: an edge should leave them, not cross them).
pub fn edges_through_boxes(lines: &[Line], boxes: &[Rect]) -> usize {
    let mut n = 0;
    for l in lines {
        for b in boxes {
            if segs(l).any(|s| inside_length(s, b) > TOL) {
                n += 1;
            }
        }
    }
    n
}

/// Length of the part of `s` strictly inside `r` (Liang–Barsky clipping).
fn inside_length(s: Seg, r: &Rect) -> f64 {
    let (x0, y0, x1, y1) = (r.x as f64, r.y as f64, r.right() as f64, r.bottom() as f64);
    if x1 - x0 <= 2.0 * TOL || y1 - y0 <= 2.0 * TOL {
        return 0.0;
    }
    let (x0, y0, x1, y1) = (x0 + TOL, y0 + TOL, x1 - TOL, y1 - TOL);
    let d = sub(s.1, s.0);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d.0, s.0 .0 - x0),
        (d.0, x1 - s.0 .0),
        (-d.1, s.0 .1 - y0),
        (d.1, y1 - s.0 .1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return 0.0;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t1 > t0 {
        (t1 - t0) * norm(d)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_a_crossing_once_and_ignores_shared_ends() {
        let a = vec![(0.0, 0.0), (10.0, 10.0)];
        let b = vec![(0.0, 10.0), (10.0, 0.0)];
        let c = vec![(0.0, 0.0), (10.0, -10.0)];
        assert_eq!(crossings(&[a.clone(), b.clone()]), 1);
        assert_eq!(crossings(&[a, c]), 0);
        // An orthogonal crossing at a bend of one line is still one point.
        let d = vec![(5.0, -5.0), (5.0, 5.0), (15.0, 5.0)];
        let e = vec![(0.0, 0.0), (10.0, 10.0)];
        assert_eq!(crossings(&[d, e]), 1);
    }

    #[test]
    fn shared_pieces() {
        let a = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        let b = vec![(5.0, 0.0), (20.0, 0.0)];
        let c = vec![(10.0, 10.0), (10.0, 20.0)];
        assert_eq!(shared(&[a.clone(), b]), 1);
        assert_eq!(shared(&[a, c]), 0);
    }

    #[test]
    fn bends_and_boxes() {
        assert_eq!(
            bends(&vec![(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (9.0, 5.0)]),
            2
        );
        let r = Rect {
            x: 0,
            y: 0,
            width: 10,
            height: 10,
        };
        let through = vec![(-5.0, 5.0), (15.0, 5.0)];
        let along = vec![(-5.0, 0.0), (15.0, 0.0)];
        assert_eq!(edges_through_boxes(&[through, along], &[r]), 1);
        assert_eq!(
            box_overlaps(&[r, Rect { x: 9, ..r }, Rect { x: 10, ..r }]),
            2
        );
    }
}
