//! The scene as live SVG: the shapes `reachmap_core::svg::page_markup` writes (those of the
//! exported file, acting groups also buttons; the analysis worker writes them) inside the
//! page's `<svg>`, so the page looks as the exported file does and draws with no code of its
//! own per shape. Clicks and keys are handled by the canvas (`diagram.rs`), which finds the
//! acted-on group by its `data-id` (`SceneShown::acting`).

use crate::worker_bridge::SceneShown;
use leptos::prelude::*;
use std::sync::Arc;

/// The diagram of one scene, `zoom` times its natural size.
#[component]
pub fn SceneSvg(
    /// The laid-out diagram.
    scene: Arc<SceneShown>,
    /// The zoom factor (1 = one scene unit per CSS pixel).
    zoom: Signal<f64>,
) -> impl IntoView {
    let (w, h) = (scene.width, scene.height);
    view! {
        <svg
            data-testid="diagram"
            xmlns="http://www.w3.org/2000/svg"
            role="group"
            aria-roledescription="diagram"
            aria-label=scene.title.clone()
            viewBox=format!("0 0 {w} {h}")
            width=move || pixels(f64::from(w) * zoom.get())
            height=move || pixels(f64::from(h) * zoom.get())
            inner_html=scene.markup.clone()
        ></svg>
    }
}

/// A length rounded to whole pixels, as text. (Integer formatting: float formatting would
/// add its own code to the wasm for nothing.)
pub fn pixels(x: f64) -> String {
    (x.round() as i64).to_string()
}
