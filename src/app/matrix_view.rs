//! The Matrix view: who may reach whom, as a table of buttons, one per ordered pair of pod
//! groups; a click explains that flow.

use super::derived::use_derived;
use super::explanation::verdict_mark;
use super::state::{use_ui, FlowWords};
use crate::logic::flow::default_port;
use leptos::prelude::*;
use reachmap_core::analysis::{PortChoice, Probe, Verdict};
use reachmap_core::model::Model;
use reachmap_core::report;
use wasm_bindgen::JsCast;

/// Beyond this many rows a table of buttons stops being readable (and fast): the namespace
/// filter narrows it.
const MAX_GROUPS: usize = 60;

/// One cell, as plain data.
#[derive(Clone, PartialEq)]
struct Cell {
    /// `default/coffeeshop → default/payment-processor TCP/80: allowed`.
    name: String,
    verdict: Option<Verdict>,
    /// The flow a click explains.
    flow: FlowWords,
}

/// The port a cell's explanation is about: the chosen probe, or for any port the one the
/// flow is allowed on (preferring the destination's declared ports), else its first port.
fn cell_port(
    model: &Model,
    matrix: &reachmap_core::analysis::PortMatrix,
    from: usize,
    to: usize,
) -> String {
    match matrix.choice {
        PortChoice::Probe(p) => p.to_string(),
        PortChoice::Any => {
            let declared: Vec<Probe> = model.groups[to]
                .ports
                .iter()
                .map(|p| Probe::new(p.protocol, p.port))
                .collect();
            matrix
                .witness(from, to, &declared)
                .map(|p| p.to_string())
                .unwrap_or_else(|| default_port(model, &model.groups[to].endpoint()))
        }
    }
}

#[component]
pub fn MatrixView() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let table = Memo::new(move |_| {
        let hidden = ui.hidden.get();
        let matrix = derived.matrix.get();
        derived.analysis.with(|a| {
            let model = a.model();
            let shown: Vec<usize> = (0..model.groups.len())
                .filter(|g| !hidden.contains(&model.groups[*g].namespace))
                .collect();
            let total = shown.len();
            let shown: Vec<usize> = shown.into_iter().take(MAX_GROUPS).collect();
            let ports = matrix.choice.describe();
            // Headers show the short name (the namespace only when several are shown); the
            // full endpoint is their accessible name and tooltip.
            let one_namespace = shown
                .windows(2)
                .all(|w| model.groups[w[0]].namespace == model.groups[w[1]].namespace);
            let names: Vec<(String, String)> = shown
                .iter()
                .map(|g| {
                    let group = &model.groups[*g];
                    let short = if one_namespace {
                        group.name.clone()
                    } else {
                        format!("{}/{}", group.namespace, group.name)
                    };
                    (group.endpoint(), short)
                })
                .collect();
            let rows: Vec<Vec<Cell>> = shown
                .iter()
                .map(|&from| {
                    shown
                        .iter()
                        .map(|&to| {
                            let (f, t) =
                                (model.groups[from].endpoint(), model.groups[to].endpoint());
                            // A bare pod and itself: not a flow between two pods.
                            if from == to && model.groups[from].owner.is_none() {
                                return Cell {
                                    name: format!("{f}: the same pod"),
                                    verdict: None,
                                    flow: FlowWords::default(),
                                };
                            }
                            let verdict = if matrix.allowed(from, to) {
                                Verdict::Allowed
                            } else {
                                Verdict::Denied
                            };
                            Cell {
                                name: report::flow_line(&f, &t, &ports, verdict),
                                verdict: Some(verdict),
                                flow: FlowWords {
                                    from: f,
                                    to: t,
                                    port: cell_port(model, &matrix, from, to),
                                },
                            }
                        })
                        .collect()
                })
                .collect();
            (names, rows, total, ports)
        })
    });

    // Arrow keys move between cells, so a keyboard user need not tab through them all.
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let (dr, dc) = match ev.key().as_str() {
            "ArrowUp" => (-1, 0),
            "ArrowDown" => (1, 0),
            "ArrowLeft" => (0, -1),
            "ArrowRight" => (0, 1),
            _ => return,
        };
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let pos = |a: &str| el.get_attribute(a).and_then(|v| v.parse::<i32>().ok());
        let (Some(r), Some(c)) = (pos("data-r"), pos("data-c")) else {
            return;
        };
        let selector = format!("[data-r=\"{}\"][data-c=\"{}\"]", r + dr, c + dc);
        if let Ok(Some(next)) = document().query_selector(&selector) {
            ev.prevent_default();
            let _ = next.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };

    view! {
        <div class="matrix-wrap">
            {move || {
                let (names, rows, total, ports) = table.get();
                let note = (total > names.len()).then(|| {
                    view! {
                        <p class="note">
                            {format!(
                                "Showing the first {} of {total} pod groups: hide namespaces to see the others.",
                                names.len(),
                            )}
                        </p>
                    }
                });
                if names.is_empty() {
                    return view! { <p class="muted">"No pods in the manifests (or all hidden)."</p> }
                        .into_any();
                }
                view! {
                    {note}
                    <table class="matrix" data-testid="matrix" on:keydown=on_keydown>
                        <caption>
                            {format!("Which pods may reach which on {ports}: rows are sources, columns destinations.")}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col" class="corner">"from ↓ to →"</th>
                                {names
                                    .iter()
                                    .map(|(full, short)| {
                                        view! {
                                            <th scope="col" class="col-head" title=full.clone() aria-label=full.clone()>
                                                <span>{short.clone()}</span>
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .enumerate()
                                .map(|(r, cells)| {
                                    view! {
                                        <tr>
                                            <th scope="row" title=names[r].0.clone() aria-label=names[r].0.clone()>
                                                {names[r].1.clone()}
                                            </th>
                                            {cells
                                                .into_iter()
                                                .enumerate()
                                                .map(|(c, cell)| cell_view(ui, r, c, cell))
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </div>
    }
}

fn cell_view(ui: super::state::Ui, r: usize, c: usize, cell: Cell) -> AnyView {
    let Some(verdict) = cell.verdict else {
        return view! { <td class="self" title=cell.name>"—"</td> }.into_any();
    };
    let (icon, word) = verdict_mark(verdict);
    let flow = cell.flow;
    view! {
        <td>
            <button
                type="button"
                class=format!("cell {word}")
                aria-label=cell.name.clone()
                title=cell.name
                data-r=r
                data-c=c
                on:click=move |_| ui.flow.set(flow.clone())
            >
                {icon}
            </button>
        </td>
    }
    .into_any()
}
