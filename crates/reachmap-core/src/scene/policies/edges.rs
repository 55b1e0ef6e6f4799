//! An edge of the Policies view as drawn: its line, the verdict's glyph just before the
//! arrowhead, and for a bundle its count just after the start. Both sit on the edge's own
//! end stretch, in the room the layout keeps free of tracks next to every column
//! (`place::END_ROOM`), so they cover no other line's end and no box. The mark of the cluster
//! tier that decided its flows sits on its start stretch, after a bundle's count.

use super::super::draw;
use super::super::text::width;
use super::super::{Anchor, Class, Point, Shape};
use super::flows::Edge;
use crate::analysis::Verdict;
use crate::report::DecidingTier;

/// From a box's side to the middle of the glyph before the arrowhead (which is 9 long).
const GLYPH_AT: i32 = 17;
/// From a box's side to the count's near end.
const COUNT_AT: i32 = 20;
/// From a box's side to the tier mark's near end, without a count.
const MARK_AT: i32 = 6;
/// The count's font size (`text.rm-edge-label`).
const COUNT_SIZE: i32 = 11;

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
    let mut mark_at = MARK_AT;
    if let (true, [start, next, ..]) = (e.count > 1, &points[..]) {
        let s = sign(*start, *next);
        let anchor = if s > 0 { Anchor::Start } else { Anchor::End };
        let count = format!("×{}", e.count);
        mark_at = COUNT_AT + width(&count, COUNT_SIZE, false) + 4;
        texts.push(draw::text(
            start.x + s * COUNT_AT,
            start.y + 4,
            anchor,
            vec![Class::EdgeLabel],
            count,
        ));
    }
    // The ports a single flow is allowed on, just above its start (written on the line, it
    // would run over the line's own turn), where its first straight run has room for it
    // before a turn or the glyph; else just above its last run, after the turn into it and
    // before the glyph (tests/scene/geometry.rs checks that no label covers a box or another
    // label). The title says the ports in any case.
    if let (Some(label), [start, next, rest @ ..]) = (&e.ports, &points[..]) {
        let needs = width(label, COUNT_SIZE, false) + 6;
        // Above the line, clear of the tier mark on it (a count sits on the line too, below).
        let lead = match e.tier {
            Some(_) => mark_at + draw::TIER_MARK_W + 4,
            None => MARK_AT,
        };
        let room = (next.x - start.x).abs() - if rest.is_empty() { GLYPH_AT + 10 } else { 0 };
        let last = match &points[..] {
            [.., before, end] if !rest.is_empty() && before.y == end.y => Some((*before, *end)),
            _ => None,
        };
        let place = if lead + needs <= room {
            Some((*start, sign(*start, *next), lead))
        } else {
            last.filter(|(b, e)| (e.x - b.x).abs() - GLYPH_AT - 10 >= 6 + needs)
                .map(|(b, e)| (b, sign(b, e), 6))
        };
        if let Some((from, s, at)) = place {
            let anchor = if s > 0 { Anchor::Start } else { Anchor::End };
            texts.push(draw::text(
                from.x + s * at,
                from.y - 5,
                anchor,
                vec![Class::EdgeLabel],
                label.clone(),
            ));
        }
    }
    let mut marks = Vec::new();
    if let (Some(tier), [start, next, ..]) = (e.tier, &points[..]) {
        let s = sign(*start, *next);
        let class = match tier {
            DecidingTier::Admin | DecidingTier::Pass => Class::AdminTier,
            DecidingTier::Baseline => Class::BaselineTier,
        };
        let x = if s > 0 {
            start.x + mark_at
        } else {
            start.x - mark_at - draw::TIER_MARK_W
        };
        marks.extend(draw::tier_mark(x, start.y, class, tier.letter()));
    }
    let mut classes = vec![Class::Edge, e.class];
    if e.count > 1 {
        classes.push(Class::Bundle);
    }
    classes.extend(e.state);
    let mut shape = draw::edge(
        e.id.clone(),
        classes,
        e.title.clone(),
        e.action.clone(),
        points,
        texts,
    );
    if let Shape::Group(g) = &mut shape {
        g.children.extend(marks);
    }
    shape
}
