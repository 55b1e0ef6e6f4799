//! The diagram's controls: zoom, fit, the ports evaluated, a focus's denied flows, the
//! namespace filter and collapse, folding back what a click opened, and clearing the selection.

use super::compare::CompareButton;
use super::derived::use_derived;
use super::scene_svg::pixels;
use super::state::use_ui;
use super::tab::Tab;
use super::zoom::{fit_zoom, zoom_around, MAX_ZOOM};
use leptos::html::Div;
use leptos::prelude::*;
use reachmap_core::analysis::PortChoice;

/// Zoom buttons multiply or divide by this.
const ZOOM_STEP: f64 = 1.25;

/// The toolbar above the canvas.
#[component]
pub fn DiagramToolbar(
    /// The canvas the zoom buttons act on.
    canvas: NodeRef<Div>,
) -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let zoom_by = move |factor: f64| {
        if let Some(c) = canvas.get_untracked() {
            let at = (
                f64::from(c.client_width()) / 2.0,
                f64::from(c.client_height()) / 2.0,
            );
            zoom_around(ui, &c, ui.zoom.get_untracked() * factor, at);
        }
    };
    let fit = move |_| {
        if let (Some(c), Some(scene)) = (canvas.get_untracked(), derived.scene.get_untracked()) {
            fit_zoom(ui, &c, &scene, MAX_ZOOM);
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Diagram options">
            <div class="zoom" role="group" aria-label="Zoom">
                <button type="button" aria-label="Zoom out" on:click=move |_| zoom_by(1.0 / ZOOM_STEP)>
                    "−"
                </button>
                <span class="zoom-level">
                    {move || format!("{}%", pixels(ui.zoom.get() * 100.0))}
                </span>
                <button type="button" aria-label="Zoom in" on:click=move |_| zoom_by(ZOOM_STEP)>
                    "+"
                </button>
                <button type="button" on:click=fit>"Fit"</button>
                <button type="button" on:click=move |_| ui.zoom.set(1.0)>"100%"</button>
            </div>
            <Show when=move || ui.tab.get() != Tab::Services>
                <PortSelect/>
            </Show>
            <label class="field check" prop:hidden=move || ui.tab.get() != Tab::Policies>
                <input
                    type="checkbox"
                    prop:checked=move || ui.show_denied.get()
                    on:change:target=move |ev| ui.show_denied.set(ev.target().checked())
                />
                "Show denied"
            </label>
            <NamespaceFilter/>
            <CompareButton/>
            <button
                type="button"
                title="Fold the namespaces the last click opened (Escape)"
                prop:hidden=move || ui.expanded.with(Vec::is_empty)
                on:click=move |_| _ = ui.fold_back()
            >
                "Fold back"
            </button>
            <Show when=move || ui.selection.with(Option::is_some)>
                <button
                    type="button"
                    title=move || format!("Selected: {}", ui.selection.get().unwrap_or_default())
                    on:click=move |_| ui.selection.set(None)
                >
                    "Clear selection"
                </button>
            </Show>
        </div>
    }
}

/// The ports the Policies view and the Matrix evaluate: any port, or one protocol/port.
#[component]
pub fn PortSelect() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    view! {
        <div class="field">
            <label for="view-port">"Port"</label>
            <select
                id="view-port"
                on:change:target=move |ev| {
                    if let Ok(choice) = PortChoice::parse(&ev.target().value()) {
                        ui.ports.set(choice);
                    }
                }
            >
                <option value="any" prop:selected=move || ui.ports.get() == PortChoice::Any>
                    "any port"
                </option>
                {move || {
                    let chosen = ui.ports.get();
                    derived
                        .choices
                        .with(|c| c.view_probes(chosen))
                        .into_iter()
                        .map(|p| {
                            let value = p.to_string();
                            view! {
                                <option
                                    value=value.clone()
                                    prop:selected=move || ui.ports.get() == PortChoice::Probe(p)
                                >
                                    {value.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Per namespace: shown or hidden, drawn open or collapsed.
#[component]
pub fn NamespaceFilter() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let summary = move || {
        let all = derived.choices.with(|c| c.namespaces.len());
        let shown = ui
            .hidden
            .with(|h| derived.choices.with(|c| c.shown_count(h)));
        format!("Namespaces ({shown} of {all} shown)")
    };
    view! {
        <details class="namespaces">
            <summary>{summary}</summary>
            <table class="ns-table">
                <thead>
                    <tr>
                        <th scope="col">"Namespace"</th>
                        <th scope="col">"Show"</th>
                        <th scope="col">"Collapse"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        derived
                            .choices
                            .with(|c| c.namespaces.clone())
                            .into_iter()
                            .map(|ns| {
                                let n1 = ns.clone();
                                let n2 = ns.clone();
                                let n3 = ns.clone();
                                let n4 = ns.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{ns.clone()}</th>
                                        <td>
                                            <input
                                                type="checkbox"
                                                aria-label=format!("Show namespace {ns}")
                                                prop:checked=move || ui.hidden.with(|h| !h.contains(&n1))
                                                on:change:target=move |ev| {
                                                    let show = ev.target().checked();
                                                    ui.hidden.update(|h| {
                                                        if show { h.remove(&n2); } else { h.insert(n2.clone()); }
                                                    });
                                                }
                                            />
                                        </td>
                                        <td>
                                            <input
                                                type="checkbox"
                                                aria-label=format!("Collapse namespace {ns}")
                                                prop:checked=move || ui.collapsed.with(|h| h.contains(&n3))
                                                on:change:target=move |ev| {
                                                    let collapse = ev.target().checked();
                                                    ui.collapsed.update(|h| {
                                                        if collapse { h.insert(n4.clone()); } else { h.remove(&n4); }
                                                    });
                                                }
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </details>
    }
}
