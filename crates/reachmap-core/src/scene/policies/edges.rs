//! An edge of the Policies view as drawn: its line, the verdict's glyph just before the
//! arrowhead, and for a bundle its count just after the start. Both sit on the edge's own
//! end stretch, in the room the layout keeps free of tracks next to every column
//! (`place::END_ROOM`), so they cover no other line's end and no box.

use super::super::draw;
use super::super::{Anchor, Class, Point, Shape};
use super::flows::Edge;
use crate::analysis::Verdict;

/// From a box's side to the middle of the glyph before the arrowhead (which is 9 long).
const GLYPH_AT: i32 = 17;
/// From a box's side to the count's near end.
const COUNT_AT: i32 = 20;

/// +1 when the stretch from `a` to `b` runs right, −1 when it runs left.
fn sign(a: Point, b: Point) -> i32 {
    if b.x < a.x {
        -1
    } else {
        1
    }
}

pub fn edge_shape(e: &Edge, points: Vec<Point>) -> Shape {
    let mut texts = Vec::new();
    let v = match e.class {
        Class::Allowed | Class::Opened => Some(Verdict::Allowed),
        Class::Denied | Class::Broken | Class::Closed => Some(Verdict::Denied),
        Class::Depends => Some(Verdict::Depends),
        _ => None,
    };
    if let (Some(v), [.., before, end]) = (v, &points[..]) {
        // On the line, centred on it: the glyph's halo hides the line behind it.
        let x = end.x + sign(*end, *before) * GLYPH_AT;
        texts.push(draw::glyph(x, end.y + 5, v));
    }
    if let (true, [start, next, ..]) = (e.count > 1, &points[..]) {
        let s = sign(*start, *next);
        let anchor = if s > 0 { Anchor::Start } else { Anchor::End };
        texts.push(draw::text(
            start.x + s * COUNT_AT,
            start.y + 4,
            anchor,
            vec![Class::EdgeLabel],
            format!("×{}", e.count),
        ));
    }
    let mut classes = vec![Class::Edge, e.class];
    if e.count > 1 {
        classes.push(Class::Bundle);
    }
    classes.extend(e.state);
    draw::edge(
        e.id.clone(),
        classes,
        e.title.clone(),
        e.action.clone(),
        points,
        texts,
    )
}
