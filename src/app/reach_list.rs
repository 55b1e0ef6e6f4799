//! "Ways to reach a Service": for the chosen Service, every way the reference reaches it, with
//! the exact commands (`kubectl::reach`, answered by the console's worker), each tried in the
//! console with one click. Nothing is asked of the worker until the list is opened.

use super::console::use_console;
use super::console_client::ask;
use super::derived::use_derived;
use super::state::use_ui;
use crate::kubectl::wire::{decode_ways, Request, WayView};
use leptos::prelude::*;

/// A `<details>` with a Service picker and the list of ways.
#[component]
pub fn ReachList() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let console = use_console();
    let open = RwSignal::new(false);
    // The Service chosen here (`ns/name`); empty follows the diagram's selection.
    let chosen = RwSignal::new(String::new());
    let services = Memo::new(move |_| {
        derived.analysis.with(|a| {
            a.model()
                .services
                .iter()
                .map(|s| s.key())
                .collect::<Vec<_>>()
        })
    });
    let current = Memo::new(move |_| {
        let list = services.get();
        let selected = ui
            .selection
            .get()
            .and_then(|s| s.strip_prefix("svc:").map(str::to_string));
        [Some(chosen.get()), selected]
            .into_iter()
            .flatten()
            .find(|k| list.contains(k))
            .or_else(|| list.first().cloned())
    });
    let ways: RwSignal<Vec<WayView>> = RwSignal::new(Vec::new());
    // Asked again whenever the text, the session or the Service changes, while open.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let Some(service) = current.get() else {
            ways.set(Vec::new());
            return;
        };
        let request = Request::Ways {
            text: ui.text.get(),
            service,
            session: console.session_now(),
        };
        ask(&request, move |answer| {
            ways.set(answer.map(|f| decode_ways(&f)).unwrap_or_default());
        });
    });
    view! {
        <details
            class="reach"
            data-testid="reach"
            on:toggle:target=move |ev| open.set(ev.target().open())
        >
            <summary>"Ways to reach a Service"</summary>
            <Show
                when=move || !services.with(Vec::is_empty)
                fallback=|| view! {
                    <p class="muted">
                        "The manifests have no Service yet: try "
                        <code>"kubectl create service clusterip web --tcp=80:8080"</code>
                    </p>
                }
            >
                <div class="field">
                    <label for="reach-service">"Service"</label>
                    <select id="reach-service" on:change:target=move |ev| chosen.set(ev.target().value())>
                        {move || {
                            let now = current.get();
                            services
                                .get()
                                .into_iter()
                                .map(|k| {
                                    let selected = now.as_ref() == Some(&k);
                                    view! { <option value=k.clone() selected=selected prop:selected=selected>{k.clone()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <ul class="ways">
                    {move || {
                        ways.get()
                            .into_iter()
                            .map(|w| {
                                let label = format!("Try: {}", w.title);
                                let plan = w.plan.clone();
                                view! {
                                    <li class="way" data-testid="way">
                                        <span class="way-title">{w.title}</span>
                                        <pre class="way-commands">{w.shown.join("\n")}</pre>
                                        <button
                                            type="button"
                                            aria-label=label
                                            on:click=move |_| console.execute(ui, plan.clone())
                                        >
                                            "Try"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </details>
    }
}
