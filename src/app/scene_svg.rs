//! The scene as live SVG: each `Shape` becomes one element with the attributes `reachmap_core::svg`
//! writes, so the page looks as the exported file does (strings go through `report::clean`:
//! the export, too, shows control characters as escapes). Clicks and keys are handled by the canvas
//! (`diagram.rs`), which finds the acted-on group by its `data-id`.

use leptos::prelude::*;
use reachmap_core::report::clean;
use reachmap_core::scene::style::{DEFS, SCENE_CSS};
use reachmap_core::scene::{class_attr, Action, Anchor, Scene, Shape};
use reachmap_core::svg::action_text;
use std::sync::Arc;

/// The diagram of one scene, `zoom` times its natural size.
#[component]
pub fn SceneSvg(
    /// The laid-out diagram.
    scene: Arc<Scene>,
    /// The zoom factor (1 = one scene unit per CSS pixel).
    zoom: Signal<f64>,
) -> impl IntoView {
    let (w, h) = (scene.width, scene.height);
    let shapes = scene.shapes.iter().map(shape_view).collect_view();
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
        >
            <title>{clean(&scene.title)}</title>
            <desc>{clean(&scene.description)}</desc>
            <style>{SCENE_CSS}</style>
            <defs inner_html=DEFS></defs>
            {shapes}
        </svg>
    }
}

/// One shape, as an SVG element (a group with its children).
fn shape_view(shape: &Shape) -> AnyView {
    match shape {
        Shape::Group(g) => {
            // `data-action` as the export writes it; the canvas's click handler looks for it.
            let kind = g.action.as_ref().map(action_text);
            let acts = kind.is_some();
            // Acting groups are buttons: focusable, named by their title, Enter/Space act.
            let title = clean(&g.title);
            let label = acts.then(|| title.clone());
            let children = g.children.iter().map(shape_view).collect_view();
            view! {
                <g
                    class=class_attr(&g.classes)
                    data-id=g.id.clone()
                    data-action=kind
                    tabindex=acts.then_some("0")
                    role=acts.then_some("button")
                    aria-label=label
                >
                    <title>{title}</title>
                    {children}
                </g>
            }
            .into_any()
        }
        Shape::Rect(r) => view! {
            <rect
                x=r.x
                y=r.y
                width=r.width
                height=r.height
                rx=(r.radius != 0).then_some(r.radius)
                class=class_attr(&r.classes)
            ></rect>
        }
        .into_any(),
        Shape::Text(t) => view! {
            <text
                x=t.x
                y=t.y
                text-anchor=(t.anchor != Anchor::Start).then(|| t.anchor.name())
                class=class_attr(&t.classes)
            >
                {clean(&t.text)}
            </text>
        }
        .into_any(),
        Shape::Path(p) => view! {
            <path
                d=p.data()
                class=class_attr(&p.classes)
                marker-end=p.marker().map(|m| format!("url(#{m})"))
            ></path>
        }
        .into_any(),
        Shape::Circle(c) => view! {
            <circle cx=c.x cy=c.y r=c.r class=class_attr(&c.classes)></circle>
        }
        .into_any(),
    }
}

/// A length rounded to whole pixels, as text. (Integer formatting: float formatting would
/// add its own code to the wasm for nothing.)
pub fn pixels(x: f64) -> String {
    (x.round() as i64).to_string()
}

/// The action of the group with this id, searching the whole scene.
pub fn find_action(shapes: &[Shape], id: &str) -> Option<Action> {
    for shape in shapes {
        if let Shape::Group(g) = shape {
            if g.id == id {
                return g.action.clone();
            }
            if let Some(a) = find_action(&g.children, id) {
                return Some(a);
            }
        }
    }
    None
}
