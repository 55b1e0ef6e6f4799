//! The selection panel: when a pod group is selected on a diagram, every flow into it and out
//! of it on the view's ports, with its verdict and deciding rule (`logic::selection`, made by
//! the analysis worker); a row explains its flow.

use super::derived::use_derived;
use super::state::use_ui;
use crate::logic::selection::Row;
use leptos::prelude::*;

/// `data-testid="selection"`, shown while a pod group is selected.
#[component]
pub fn SelectionPanel() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    // The worker's rows (of the selection the shown answer was asked for), while one is made.
    let listed = Memo::new(move |_| {
        ui.selection
            .with(Option::is_some)
            .then(|| derived.selection.get())
            .flatten()
    });
    let list = move |rows: Vec<Row>, more: usize, inward: bool| {
        let items = rows
            .into_iter()
            .map(|r| {
                let (icon, word) = (r.icon, r.word);
                let arrow = if inward { "from" } else { "to" };
                let name = format!("{arrow} {}: {word} on {}; {}", r.peer, r.ports, r.rule);
                let flow = r.flow.clone();
                view! {
                    <li>
                        <button
                            type="button"
                            class=format!("flow-row {word}")
                            aria-label=name.clone()
                            title=name
                            on:click=move |_| ui.flow.set(flow.clone())
                        >
                            <span class="mark" aria-hidden="true">{icon}</span>
                            <span class="peer">{r.peer}</span>
                            <span class="ports">{r.ports}</span>
                            <span class="rule muted">{r.rule}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="flow-rows">{items}</ul>
            {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more")}</p> })}
        }
    };
    move || {
        listed.get().map(|r| {
            view! {
                <section
                    class="selection"
                    data-testid="selection"
                    aria-labelledby="selection-title"
                >
                    <h2 id="selection-title" class="panel-title">
                        {format!("Flows of {}", r.selected)}
                    </h2>
                    <h3 class="flow-dir">"Ingress: from"</h3>
                    {list(r.ingress, r.more_ingress, true)}
                    <h3 class="flow-dir">"Egress: to"</h3>
                    {list(r.egress, r.more_egress, false)}
                </section>
            }
        })
    }
}
