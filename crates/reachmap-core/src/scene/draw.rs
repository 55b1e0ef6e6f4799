//! Building blocks both views draw with: a node box with its title, badges and lines; a frame;
//! an edge. Every text is fitted to its box (cut with …); the full text is in the tooltip.

use super::text::{self, BADGE_SIZE, DETAIL_SIZE, FRAME_SIZE, TITLE_SIZE};
use super::{Action, Anchor, Class, Group, Path, Point, Rect, Shape, Text};
use crate::analysis::Verdict;

/// Left and right padding inside a box.
pub const PAD: i32 = 10;
/// Distance between the baselines of detail lines.
pub const LINE: i32 = 15;
/// Height of a badge pill.
pub const BADGE_H: i32 = 16;

/// A badge: a pill with a short word.
pub struct Badge {
    pub text: String,
    pub classes: Vec<Class>,
}

/// A node to draw at a given place.
pub struct NodeSpec {
    pub id: String,
    /// The group's classes (`Node`, the kind, a highlight state).
    pub classes: Vec<Class>,
    /// The box's kind class (`Pod`, `Workload`, `Service`, `Access`, `Outside`, `Namespace`).
    pub kind: Class,
    pub tooltip: String,
    pub action: Option<Action>,
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub heading: String,
    /// Drawn at the top right, after the heading.
    pub badge: Option<Badge>,
    /// Detail lines (class `Detail` or `Warning`).
    pub lines: Vec<(String, Class)>,
    /// Pills along the bottom edge.
    pub bottom_badges: Vec<Badge>,
    /// Drawn as a stack of boxes (a workload of several pods).
    pub stacked: bool,
}

/// The height a node needs for `lines` detail lines (and a row of bottom badges).
pub fn node_height(lines: usize, bottom_badges: bool) -> i32 {
    26 + LINE * lines as i32 + if bottom_badges { BADGE_H + 8 } else { 0 } + 4
}

fn badge_width(b: &Badge) -> i32 {
    text::width(&b.text, BADGE_SIZE, true) + 12
}

/// The node's group: its box (two when stacked), heading, badges and lines.
pub fn node(spec: NodeSpec) -> Shape {
    let mut children = Vec::new();
    // A stack: a second box peeks out at the top right, inside the node's area.
    let (bx, by, bw, bh) = if spec.stacked {
        children.push(Shape::Rect(Rect {
            x: spec.x + 5,
            y: spec.y,
            width: spec.w - 5,
            height: spec.h - 5,
            radius: 6,
            classes: vec![Class::Node, spec.kind],
        }));
        (spec.x, spec.y + 5, spec.w - 5, spec.h - 5)
    } else {
        (spec.x, spec.y, spec.w, spec.h)
    };
    children.push(Shape::Rect(Rect {
        x: bx,
        y: by,
        width: bw,
        height: bh,
        radius: 6,
        classes: vec![Class::Node, spec.kind],
    }));
    let mut heading_room = bw - 2 * PAD;
    if let Some(b) = &spec.badge {
        let w = badge_width(b).min(bw / 2);
        let x = bx + bw - PAD + 2 - w;
        children.extend(pill(b, x, by + 6, w));
        heading_room -= w + 6;
    }
    children.push(Shape::Text(Text {
        x: bx + PAD,
        y: by + 19,
        anchor: Anchor::Start,
        classes: vec![Class::Title],
        text: text::fit(&spec.heading, heading_room, TITLE_SIZE, true),
    }));
    for (i, (line, class)) in spec.lines.iter().enumerate() {
        children.push(Shape::Text(Text {
            x: bx + PAD,
            y: by + 36 + LINE * i as i32,
            anchor: Anchor::Start,
            classes: vec![*class],
            text: text::fit(line, bw - 2 * PAD, DETAIL_SIZE, *class == Class::Warning),
        }));
    }
    let mut x = bx + PAD;
    for b in &spec.bottom_badges {
        let w = badge_width(b).min(bx + bw - PAD - x);
        if w < 24 {
            break;
        }
        children.extend(pill(b, x, by + bh - BADGE_H - 7, w));
        x += w + 6;
    }
    Shape::Group(Group {
        id: spec.id,
        classes: spec.classes,
        title: spec.tooltip,
        action: spec.action,
        children,
    })
}

/// The mark of the cluster tier that decided a flow: a pill in the tier's colours (`class`,
/// `AdminTier` or `BaselineTier`) with its letter, its left end at `x`, centred on `y`.
pub fn tier_mark(x: i32, y: i32, class: Class, letter: &str) -> [Shape; 2] {
    let badge = Badge {
        text: letter.to_string(),
        classes: vec![Class::Badge, class],
    };
    pill(&badge, x, y - BADGE_H / 2, TIER_MARK_W)
}

/// A tier mark's width.
pub const TIER_MARK_W: i32 = 16;

/// A badge pill of width `w` at (`x`, `y`).
fn pill(b: &Badge, x: i32, y: i32, w: i32) -> [Shape; 2] {
    [
        Shape::Rect(Rect {
            x,
            y,
            width: w,
            height: BADGE_H,
            radius: BADGE_H / 2,
            classes: b.classes.clone(),
        }),
        Shape::Text(Text {
            x: x + w / 2,
            y: y + 12,
            anchor: Anchor::Middle,
            // The pill's colour class, on its text too.
            classes: std::iter::once(Class::BadgeText)
                .chain(b.classes.iter().copied().filter(|c| {
                    matches!(c, Class::Isolated | Class::AdminTier | Class::BaselineTier)
                }))
                .collect(),
            text: text::fit(&b.text, w - 8, BADGE_SIZE, true),
        }),
    ]
}

/// A frame (namespace, outside, column) with its label at the top left, `label_room` wide.
#[allow(clippy::too_many_arguments)]
pub fn frame(
    id: String,
    classes: Vec<Class>,
    kind: Class,
    tooltip: String,
    action: Option<Action>,
    (x, y, w, h): (i32, i32, i32, i32),
    label: &str,
    label_room: i32,
) -> Shape {
    Shape::Group(Group {
        id,
        classes,
        title: tooltip,
        action,
        children: vec![
            Shape::Rect(Rect {
                x,
                y,
                width: w,
                height: h,
                radius: 10,
                classes: vec![kind],
            }),
            Shape::Text(Text {
                x: x + 10,
                y: y + 17,
                anchor: Anchor::Start,
                classes: vec![Class::Title],
                text: text::fit(label, label_room, FRAME_SIZE, true),
            }),
        ],
    })
}

/// An edge's group: its polyline with an arrowhead, and optional texts (label, glyph). A
/// dimmed edge's line keeps the `Dim` class: it is drawn in a pale colour rather than
/// translucent, so that lines sharing a track do not add up to a dark one.
pub fn edge(
    id: String,
    classes: Vec<Class>,
    tooltip: String,
    action: Option<Action>,
    points: Vec<Point>,
    texts: Vec<Text>,
) -> Shape {
    let line_classes: Vec<Class> = classes
        .iter()
        .copied()
        .filter(|c| !matches!(c, Class::Focus | Class::Related))
        .collect();
    let mut children = vec![Shape::Path(Path {
        points: simplify(points),
        arrow: true,
        classes: line_classes,
    })];
    children.extend(texts.into_iter().map(Shape::Text));
    Shape::Group(Group {
        id,
        classes,
        title: tooltip,
        action,
        children,
    })
}

/// Drops repeated points and points in the middle of a straight run.
pub fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let straight = (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// ✓, ✗ or ✓? drawn on a highlighted flow.
pub fn glyph(x: i32, y: i32, v: Verdict) -> Text {
    let (t, c) = match v {
        Verdict::Allowed => ("✓", Class::Allowed),
        Verdict::Denied => ("✗", Class::Denied),
        Verdict::Depends => ("✓?", Class::Depends),
    };
    text(x, y, Anchor::Middle, vec![Class::Glyph, c], t.into())
}

/// A text shape.
pub fn text(x: i32, y: i32, anchor: Anchor, classes: Vec<Class>, text: String) -> Text {
    Text {
        x,
        y,
        anchor,
        classes,
        text,
    }
}
