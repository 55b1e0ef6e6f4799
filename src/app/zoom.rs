//! The diagram's zoom: its limits, fitting the scene to the canvas, and zooming around a
//! point. The canvas (`diagram.rs`) and its toolbar (`diagram_toolbar.rs`) both zoom.

use super::state::Ui;
use crate::worker_bridge::SceneShown;
use leptos::prelude::*;
use web_sys::HtmlElement;

/// Zoom limits: beyond them a diagram is a dot or a blur.
pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;

/// Zooms so the whole scene shows in the canvas, at most `max` times its size.
pub fn fit_zoom(ui: Ui, canvas: &HtmlElement, scene: &SceneShown, max: f64) {
    // A little room, so the scrollbars do not appear for a few pixels.
    let zx = f64::from(canvas.client_width() - 8) / f64::from(scene.width.max(1));
    let zy = f64::from(canvas.client_height() - 8) / f64::from(scene.height.max(1));
    ui.zoom.set(zx.min(zy).min(max).clamp(MIN_ZOOM, MAX_ZOOM));
    canvas.set_scroll_left(0);
    canvas.set_scroll_top(0);
}

/// Sets the zoom, keeping the scene point under `at` (canvas pixels) where it is.
pub fn zoom_around(ui: Ui, canvas: &HtmlElement, zoom: f64, at: (f64, f64)) {
    let old = ui.zoom.get_untracked();
    let new = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
    if (new - old).abs() < f64::EPSILON {
        return;
    }
    let x = (f64::from(canvas.scroll_left()) + at.0) / old;
    let y = (f64::from(canvas.scroll_top()) + at.1) / old;
    ui.zoom.set(new);
    let canvas = canvas.clone();
    // The SVG takes its new size on the next render; scroll after it.
    request_animation_frame(move || {
        canvas.set_scroll_left((x * new - at.0).round() as i32);
        canvas.set_scroll_top((y * new - at.1).round() as i32);
    });
}
