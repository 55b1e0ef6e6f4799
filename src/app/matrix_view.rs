//! The Matrix view: who may reach whom, one button per ordered pair of pod groups (a click
//! explains that flow), rows and columns grouped by namespace, a namespace foldable into one
//! row and column that counts its allowed pairs, and a filter on names and labels.
//!
//! Only the cells and heads in view are in the DOM (`logic::matrix::window`), absolutely placed
//! in spaces as large as the whole matrix, written as HTML by `logic::matrix_html` from one
//! effect (no view per cell; one listener per pane takes the clicks). The heads are panes of
//! their own that follow the cells' scroll. So 500 × 500 pod groups cost what a screenful does.
//! Arrow keys move between cells (one cell is in the tab order at a time); the next cell is
//! scrolled into view and focused.

use super::derived::use_derived;
use super::diagram::Progress;
use super::state::{use_ui, Ui};
use crate::logic::matrix::{self, Axis, MatrixData, CELL_H, CELL_W};
use crate::logic::matrix_html::{self, Viewport, COL_HEAD_H, ROW_HEAD_W};
use leptos::html::Div;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The element under an event with attribute `name`, and its value.
fn target_with(ev: &web_sys::Event, name: &str) -> Option<(Element, String)> {
    let el = ev
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(&format!("[{name}]"))
        .ok()??;
    let value = el.get_attribute(name)?;
    Some((el, value))
}

#[component]
pub fn MatrixView() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let filter = RwSignal::new(String::new());
    let folded = RwSignal::new(BTreeSet::<String>::new());
    let (pane, cols, rows) = (
        NodeRef::<Div>::new(),
        NodeRef::<Div>::new(),
        NodeRef::<Div>::new(),
    );
    let viewport = RwSignal::new(Viewport {
        width: 900,
        height: 600,
        ..Viewport::default()
    });
    // The cell in the tab order (and focused again after a redraw).
    let current = RwSignal::new((0usize, 0usize));
    let axis = Memo::new(move |_| {
        let (hidden, folded, filter) = (ui.hidden.get(), folded.get(), filter.get());
        data(derived.matrix.get()).with_value(|d| Axis::of(d, &hidden, &folded, &filter))
    });
    // Also called at the next frame, when the Matrix may be gone (another tab shown): its
    // refs and signals are then disposed, and reading them would panic.
    let measure = move || {
        if let Some(p) = pane.try_get_untracked().flatten() {
            let next = Viewport {
                top: p.scroll_top(),
                left: p.scroll_left(),
                width: p.client_width(),
                height: p.client_height(),
            };
            if viewport.try_get_untracked().is_some_and(|v| v != next) {
                viewport.set(next);
            }
        }
    };
    // The panes, written whenever what they show changes.
    Effect::new(move |_| {
        let (Some(p), Some(c), Some(r)) = (pane.get(), cols.get(), rows.get()) else {
            return;
        };
        let m = data(derived.matrix.get());
        let (v, at) = (viewport.get(), current.get());
        axis.with(|axis| {
            folded.with(|f| {
                m.with_value(|model| {
                    let n = axis.entries.len() as i32;
                    let space =
                        |e: &HtmlElement, size: (i32, i32), shift: (i32, i32), html: String| {
                            e.set_inner_html(&html);
                            let css = e.style();
                            let _ = css.set_property("width", &format!("{}px", size.0));
                            let _ = css.set_property("height", &format!("{}px", size.1));
                            let shift = format!("translate({}px, {}px)", shift.0, shift.1);
                            let _ = css.set_property("transform", &shift);
                            place(e);
                        };
                    if let Some(e) = p.first_element_child() {
                        // Writing the cells again loses the focus of the one that had it.
                        let had_focus = document()
                            .active_element()
                            .is_some_and(|a| p.contains(Some(a.unchecked_ref())));
                        let html = matrix_html::cells(model, axis, v, at);
                        space(e.unchecked_ref(), (n * CELL_W, n * CELL_H), (0, 0), html);
                        if had_focus {
                            focus_cell(at);
                        }
                    }
                    let html = matrix_html::heads(model, axis, f, (v.left, v.width), true);
                    space(&c, (n * CELL_W, COL_HEAD_H), (-v.left, 0), html);
                    let html = matrix_html::heads(model, axis, f, (v.top, v.height), false);
                    space(&r, (ROW_HEAD_W, n * CELL_H), (0, -v.top), html);
                })
            })
        });
    });
    Effect::new(move |_| {
        axis.track();
        request_animation_frame(measure);
    });
    let _resize = window_event_listener(leptos::ev::resize, move |_| measure());

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let next = data(derived.matrix.get_untracked()).with_value(|d| {
            axis.with_untracked(|axis| {
                let n = axis.entries.len();
                let same = |(r, c)| axis.is_same(d, r, c);
                matrix::step(&ev.key(), current.get_untracked(), (n, n), same)
            })
        });
        let Some(next) = next else {
            return;
        };
        ev.prevent_default();
        current.set(next);
        if let Some(p) = pane.get_untracked() {
            scroll_into_view(&p, next);
        }
        request_animation_frame(move || {
            measure();
            request_animation_frame(move || focus_cell(next));
        });
    };
    // One listener for every cell: the clicked one is found by its place.
    let on_cell = move |ev: web_sys::MouseEvent| {
        let Some((el, r)) = target_with(&ev, "data-r") else {
            return;
        };
        let c = el.get_attribute("data-c").and_then(|c| c.parse().ok());
        if let (Ok(r), Some(c)) = (r.parse(), c) {
            current.set((r, c));
            axis.with_untracked(|axis| act(ui, axis, folded, (r, c)));
            request_animation_frame(move || focus_cell((r, c)));
        }
    };
    // A band's button folds or opens its namespace.
    let on_band = move |ev: web_sys::MouseEvent| {
        if let Some((_, ns)) = target_with(&ev, "data-ns") {
            folded.update(|f| {
                if !f.remove(&ns) {
                    f.insert(ns);
                }
            });
        }
    };

    view! {
        <div class="matrix-view">
            <Progress/>
            <div class="matrix-bar">
                <input
                    type="search"
                    class="matrix-filter"
                    aria-label="Filter rows and columns by name or label"
                    placeholder="Filter: name or label=value"
                    on:input:target=move |ev| filter.set(ev.target().value())
                />
                <span class="muted">
                    {move || {
                        let ports = derived.matrix.with(|m| m.as_ref().map(|m| m.ports.clone()).unwrap_or_default());
                        let (shown, all) = axis.with(|a| (a.groups, a.before_filter));
                        let of = if shown < all { format!("{shown} of {all}") } else { all.to_string() };
                        format!("{of} pod groups on {ports}: rows are sources, columns destinations.")
                    }}
                </span>
                <span class="muted" aria-hidden="true">"✓ allowed · ◐ on some ports only · ✗ denied"</span>
            </div>
            <div class="matrix-grid">
                <div class="matrix-corner muted">"from ↓ to →"</div>
                <div class="matrix-col-heads" on:click=on_band>
                    <div class="matrix-heads-space" node_ref=cols></div>
                </div>
                <div class="matrix-row-heads" on:click=on_band>
                    <div class="matrix-heads-space" node_ref=rows></div>
                </div>
                <div
                    class="matrix-cells"
                    node_ref=pane
                    data-testid="matrix"
                    role="group"
                    aria-label="Which pods may reach which: one button per pair"
                    on:scroll=move |_| measure()
                    on:keydown=on_keydown
                    on:click=on_cell
                >
                    <div class="matrix-space"></div>
                </div>
            </div>
        </div>
    }
}

/// Puts each child of `e` at its `data-x`, `data-y` and sizes it by `data-w`, `data-h` (in
/// pixels), through the CSSOM: the page's Content-Security-Policy refuses `style` attributes.
fn place(e: &HtmlElement) {
    let children = e.children();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        let css = child.unchecked_ref::<HtmlElement>().style();
        for (attr, property) in [
            ("data-x", "left"),
            ("data-y", "top"),
            ("data-w", "width"),
            ("data-h", "height"),
        ] {
            if let Some(v) = child.get_attribute(attr) {
                let _ = css.set_property(property, &format!("{v}px"));
            }
        }
    }
}

/// A click on cell (`r`, `c`): the flow's explanation, or a count's folded namespaces opened.
fn act(ui: Ui, axis: &Axis, folded: RwSignal<BTreeSet<String>>, (r, c): (usize, usize)) {
    let derived = use_derived();
    let m = data(derived.matrix.get_untracked());
    // The flow's port (the one it is allowed on) is the worker's to find: its answer sets
    // the flow (`Derived::explain_cell`).
    let flow = m.with_value(|m| matrix::cell(m, axis, r, c).flow);
    let _ = ui;
    match flow {
        Some((from, to)) => derived.explain_cell(from, to),
        None => folded.update(|f| {
            f.remove(&axis.namespaces[r]);
            f.remove(&axis.namespaces[c]);
        }),
    }
}

/// The matrix's data, empty until the worker sent it.
fn data(m: Option<Arc<MatrixData>>) -> DataRef {
    DataRef(m)
}

/// A matrix's data, or an empty one.
struct DataRef(Option<Arc<MatrixData>>);

impl DataRef {
    fn with_value<T>(&self, f: impl FnOnce(&MatrixData) -> T) -> T {
        match &self.0 {
            Some(m) => f(m),
            None => f(&MatrixData::default()),
        }
    }
}

/// Scrolls the pane so that cell (`r`, `c`) is in view.
fn scroll_into_view(p: &web_sys::HtmlDivElement, (r, c): (usize, usize)) {
    let (x, y) = (c as i32 * CELL_W, r as i32 * CELL_H);
    if y < p.scroll_top() {
        p.set_scroll_top(y);
    } else if y + CELL_H > p.scroll_top() + p.client_height() {
        p.set_scroll_top(y + CELL_H - p.client_height());
    }
    if x < p.scroll_left() {
        p.set_scroll_left(x);
    } else if x + CELL_W > p.scroll_left() + p.client_width() {
        p.set_scroll_left(x + CELL_W - p.client_width());
    }
}

fn focus_cell((r, c): (usize, usize)) {
    let selector = format!(".matrix-cells [data-r=\"{r}\"][data-c=\"{c}\"]");
    if let Ok(Some(el)) = document().query_selector(&selector) {
        let _ = el.unchecked_into::<HtmlElement>().focus();
    }
}
