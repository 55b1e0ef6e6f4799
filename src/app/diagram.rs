//! The diagram canvas: the scene, zoomed (buttons, Ctrl+wheel) and panned (drag, scrollbars,
//! arrow keys). A click, or Enter/Space on a focused node or arrow, takes the group's action
//! (while comparing, an opened or closed arrow explains its change: `Ui::explain_change`);
//! Escape (anywhere on the page, `page.rs`) folds the namespaces the last click opened, else
//! clears the selection.

use super::derived::use_derived;
use super::diagram_toolbar::DiagramToolbar;
use super::scene_svg::SceneSvg;
use super::state::{use_ui, FlowWords, Ui};
use super::zoom::{fit_zoom, zoom_around};
use leptos::html::Div;
use leptos::prelude::*;
use reachmap_core::scene::{Action, View};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

/// A pointer drag that pans the canvas.
#[derive(Clone, Copy)]
struct Drag {
    pointer: i32,
    x: i32,
    y: i32,
    left: i32,
    top: i32,
    moved: bool,
}

/// Moving less than this many pixels is a click, not a drag.
const DRAG_SLOP: i32 = 4;

#[component]
pub fn Diagram() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let canvas = NodeRef::<Div>::new();
    let drag = StoredValue::new(None::<Drag>);
    let dragged = StoredValue::new(false);
    let last_focus = StoredValue::new(None::<String>);

    let act_on = move |target: Option<web_sys::EventTarget>| -> bool {
        let Some(group) = acting_group(target) else {
            return false;
        };
        let Some(id) = group.get_attribute("data-id") else {
            return false;
        };
        let found = derived.scene.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.acting(&id))
                .map(|g| (g.action.clone(), g.bundle, g.change, g.title.clone()))
        });
        match found {
            Some((action, bundle, change, title)) => {
                last_focus.set_value(Some(id));
                // A bundled arrow's flows are listed in the explanation.
                ui.bundle.set(bundle.then_some(title));
                match Action::from(action) {
                    // An opened or closed arrow in the drawing of a change: its flow is one of
                    // the list of changes, explained in both versions.
                    Action::Explain { from, to, port } if change => {
                        ui.explain_change(FlowWords { from, to, port })
                    }
                    action => act(ui, action),
                }
                true
            }
            None => false,
        }
    };
    let on_click = move |ev: MouseEvent| {
        if dragged.get_value() {
            dragged.set_value(false);
            return;
        }
        act_on(ev.target());
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let done = match ev.key().as_str() {
            "Enter" | " " => act_on(ev.target()),
            // Escape is the page's (`page.rs`): it backs out wherever the focus is.
            _ => false,
        };
        if done {
            ev.prevent_default();
        }
    };
    let on_focusin = move |ev: web_sys::FocusEvent| {
        if let Some(id) = acting_group(ev.target()).and_then(|g| g.get_attribute("data-id")) {
            last_focus.set_value(Some(id));
        }
    };

    let on_pointerdown = move |ev: PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        drag.set_value(Some(Drag {
            pointer: ev.pointer_id(),
            x: ev.client_x(),
            y: ev.client_y(),
            left: c.scroll_left(),
            top: c.scroll_top(),
            moved: false,
        }));
    };
    let on_pointermove = move |ev: PointerEvent| {
        let Some(mut d) = drag.get_value() else {
            return;
        };
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let (dx, dy) = (ev.client_x() - d.x, ev.client_y() - d.y);
        if !d.moved && dx.abs().max(dy.abs()) < DRAG_SLOP {
            return;
        }
        if !d.moved {
            d.moved = true;
            // Captured only once it is a drag: capturing at once would retarget the click.
            let _ = c.set_pointer_capture(d.pointer);
            let _ = c.class_list().add_1("panning");
        }
        c.set_scroll_left(d.left - dx);
        c.set_scroll_top(d.top - dy);
        drag.set_value(Some(d));
    };
    let end_drag = move |_ev: PointerEvent| {
        if let Some(d) = drag.get_value() {
            dragged.set_value(d.moved);
            if let Some(c) = canvas.get_untracked() {
                let _ = c.class_list().remove_1("panning");
            }
        }
        drag.set_value(None);
    };
    let on_wheel = move |ev: WheelEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        ev.prevent_default();
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let rect = c.get_bounding_client_rect();
        let at = (
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
        );
        let factor = (-ev.delta_y() * 0.002).exp();
        zoom_around(ui, &c, ui.zoom.get_untracked() * factor, at);
    };

    // A new scene is patched into the old elements in place, so the focused element may now
    // draw another shape (or be gone): give focus back to the shape that had it.
    Effect::new(move |_| {
        derived.scene.track();
        let Some(id) = last_focus.get_value() else {
            return;
        };
        // At once, as soon as the new scene is in the DOM (the scene comes from the worker,
        // so a key pressed just after a click may come before the next frame), and again at
        // the next frame, in case the DOM was not patched yet.
        // (At the next frame the diagram may be gone, another tab shown: its node ref is
        // then disposed, and reading it would panic.)
        let restore = move || {
            let Some(c) = canvas.try_get_untracked().flatten() else {
                return;
            };
            let active = document().active_element();
            let in_canvas = active.as_ref().is_some_and(|a| {
                a.tag_name().eq_ignore_ascii_case("body") || c.contains(Some(a.unchecked_ref()))
            });
            let moved =
                active.and_then(|a| a.get_attribute("data-id")).as_deref() != Some(id.as_str());
            // Focus elsewhere on the page is the person's choice: leave it there.
            if !(in_canvas && moved) {
                return;
            }
            let selector = id_selector(&id);
            if let Ok(Some(el)) = c.query_selector(&selector) {
                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = el.focus();
                }
            }
        };
        queue_microtask(restore.clone());
        request_animation_frame(restore);
    });

    // While comparing, the arrow that draws the change the list explains is marked
    // (`aria-current`, drawn thicker by the page's stylesheet); on the page only, so the drawing
    // stays the bytes Export gives. Marked once the scene is in the DOM, as focus is restored.
    Effect::new(move |_| {
        let chosen = ui.compared_flow.get();
        let id = derived.scene.with(|scene| {
            derived.compare.with(|compare| {
                let (scene, compare, flow) = (scene.as_ref()?, compare.as_ref()?, chosen.as_ref()?);
                Some(scene.change_arrow(compare, flow)?.id.clone())
            })
        });
        let mark = move || {
            let Some(c) = canvas.try_get_untracked().flatten() else {
                return;
            };
            while let Ok(Some(el)) = c.query_selector("[aria-current]") {
                let _ = el.remove_attribute("aria-current");
            }
            let Some(id) = id.as_deref() else {
                return;
            };
            let selector = id_selector(id);
            if let Ok(Some(el)) = c.query_selector(&selector) {
                let _ = el.set_attribute("aria-current", "true");
            }
        };
        queue_microtask(mark.clone());
        request_animation_frame(mark);
    });

    // A new text or another view starts fitted to the canvas (shrunk, never enlarged): a
    // large input is seen whole first, then zoomed into.
    let fitted_view = StoredValue::new(None::<View>);
    Effect::new(move |_| {
        let Some(scene) = derived.scene.get() else {
            return;
        };
        if !ui.fit_pending.get_value() && fitted_view.get_value() == Some(scene.view()) {
            return;
        }
        ui.fit_pending.set_value(false);
        fitted_view.set_value(Some(scene.view()));
        request_animation_frame(move || {
            if let Some(c) = canvas.try_get_untracked().flatten() {
                fit_zoom(ui, &c, &scene, 1.0);
            }
        });
    });

    let zoom = Signal::derive(move || ui.zoom.get());
    view! {
        <DiagramToolbar canvas/>
        <Progress/>
        <div
            class="canvas"
            node_ref=canvas
            tabindex="0"
            role="region"
            aria-label="Diagram (drag or use the arrow keys to pan)"
            on:click=on_click
            on:keydown=on_keydown
            on:focusin=on_focusin
            on:pointerdown=on_pointerdown
            on:pointermove=on_pointermove
            on:pointerup=end_drag
            on:pointercancel=end_drag
            on:wheel=on_wheel
        >
            {move || derived.scene.get().map(|scene| view! { <SceneSvg scene zoom/> })}
        </div>
    }
}

/// The CSS selector of the scene's element `data-id` names.
fn id_selector(id: &str) -> String {
    format!(
        "[data-id=\"{}\"]",
        id.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// The innermost group with an action at or around an event's target.
fn acting_group(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?
        .dyn_into::<Element>()
        .ok()?
        .closest("[data-action]")
        .ok()
        .flatten()
}

/// Takes a scene action: a node selects (again: unselects), an arrow explains its flow, a
/// folded namespace or a counted arrow between namespaces opens.
pub fn act(ui: Ui, action: Action) {
    match action {
        Action::Select(name) => ui.selection.update(|s| {
            *s = if s.as_deref() == Some(name.as_str()) {
                None
            } else {
                Some(name)
            }
        }),
        Action::Explain { from, to, port } => ui.flow.set(FlowWords { from, to, port }),
        Action::Expand(namespaces) => {
            ui.collapsed
                .update(|c| namespaces.iter().for_each(|n| _ = c.remove(n)));
            ui.expanded.update(|e| e.push(namespaces));
        }
    }
}

/// The progress line: what the analysis worker is doing while the diagram catches up.
#[component]
pub fn Progress() -> impl IntoView {
    let derived = use_derived();
    view! {
        <p class="progress muted" role="status" data-testid="progress">
            {move || derived.busy.get().then(|| derived.progress.get()).flatten()}
        </p>
    }
}
