//! Objects the API server would refuse, drawn greyed under either view with their error, so
//! that a typo leaves a visible trace in the diagram (and its export) instead of an object
//! that silently vanishes.

use super::draw::{self, NodeSpec};
use super::{Anchor, Class, Scene, SceneOptions, Shape};
use crate::model::Model;

const MARGIN: i32 = 24;
const GAP: i32 = 16;
const BOX_W: i32 = 300;
/// From the heading's top to the first row of boxes.
const HEADING_H: i32 = 28;

/// Adds a row (or rows) of greyed boxes under the drawing, one per refused object of a shown
/// namespace, each titled with its first error; grows the canvas to hold them.
pub(super) fn append(scene: &mut Scene, model: &Model, options: &SceneOptions) {
    let shown: Vec<_> = model
        .rejected
        .iter()
        .filter(|r| r.namespace.as_deref().is_none_or(|ns| options.shows(ns)))
        .collect();
    if shown.is_empty() {
        return;
    }
    let width = scene.width.max(2 * MARGIN + BOX_W);
    let per_row = ((width - 2 * MARGIN + GAP) / (BOX_W + GAP)).max(1) as usize;
    let box_h = draw::node_height(2, false);
    let top = scene.height;
    scene.shapes.push(Shape::Text(draw::text(
        MARGIN,
        top + 14,
        Anchor::Start,
        vec![Class::Heading],
        "Left out of the analysis: the API server would refuse these".into(),
    )));
    for (i, r) in shown.iter().enumerate() {
        let (row, column) = ((i / per_row) as i32, (i % per_row) as i32);
        let name = match &r.namespace {
            Some(ns) => format!("{ns}/{}", r.name),
            None => r.name.clone(),
        };
        scene.shapes.push(draw::node(NodeSpec {
            id: format!("rejected:{}:{name}:{i}", r.kind),
            classes: vec![Class::Rejected],
            kind: Class::Rejected,
            tooltip: format!("{} is left out of the analysis: {}", r.display(), r.error),
            action: None,
            x: MARGIN + column * (BOX_W + GAP),
            y: top + HEADING_H + row * (box_h + GAP),
            w: BOX_W,
            h: box_h,
            heading: name,
            badge: None,
            lines: vec![
                (format!("{} (left out)", r.kind), Class::Detail),
                (r.error.clone(), Class::Warning),
            ],
            bottom_badges: Vec::new(),
            stacked: false,
        }));
    }
    let rows = shown.len().div_ceil(per_row) as i32;
    scene.height = top + HEADING_H + rows * (box_h + GAP) - GAP + MARGIN;
    scene.width = width;
    if let Some(Shape::Rect(canvas)) = scene.shapes.first_mut() {
        if canvas.classes.contains(&Class::Canvas) {
            canvas.width = scene.width;
            canvas.height = scene.height;
        }
    }
    scene.description.push_str(&format!(
        " {} object{} left out of the analysis (the API server would refuse {}) {} drawn greyed below.",
        shown.len(),
        if shown.len() == 1 { "" } else { "s" },
        if shown.len() == 1 { "it" } else { "them" },
        if shown.len() == 1 { "is" } else { "are" },
    ));
}
