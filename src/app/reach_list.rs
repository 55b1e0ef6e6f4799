//! "Ways to reach a Service": for the chosen Service, every way the reference reaches it, with
//! the exact commands (`kubectl::reach`), each tried in the console with one click.

use super::console::use_console;
use super::derived::use_derived;
use super::state::use_ui;
use crate::kubectl::{reach::ways, Ctx};
use leptos::prelude::*;

/// A `<details>` with a Service picker and the list of ways.
#[component]
pub fn ReachList() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let console = use_console();
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
        let picked = chosen.get();
        let selected = ui
            .selection
            .get()
            .and_then(|s| s.strip_prefix("svc:").map(str::to_string));
        [Some(picked), selected]
            .into_iter()
            .flatten()
            .find(|k| list.contains(k))
            .or_else(|| list.first().cloned())
    });
    let listed = move || {
        let key = current.get()?;
        let text = ui.text.get();
        let session = console.session_now();
        let ctx = Ctx::new(&text, &session, &[]);
        let index = ctx
            .parsed
            .model
            .services
            .iter()
            .position(|s| s.key() == key)?;
        Some(
            ways(&ctx, index)
                .into_iter()
                .map(|w| {
                    (
                        w.title.clone(),
                        w.commands.clone(),
                        w.enter.clone(),
                        w.plan(&ctx),
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    view! {
        <details class="reach" data-testid="reach">
            <summary>"Ways to reach a Service"</summary>
            {move || {
                if services.with(Vec::is_empty) {
                    return view! { <p class="muted">"The manifests have no Service yet: try "<code>"kubectl create service clusterip web --tcp=80:8080"</code></p> }.into_any();
                }
                view! {
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
                            listed()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(title, commands, enter, plan)| {
                                    let shown: Vec<String> = enter.into_iter().chain(commands).collect();
                                    let label = format!("Try: {title}");
                                    view! {
                                        <li class="way" data-testid="way">
                                            <span class="way-title">{title}</span>
                                            <pre class="way-commands">{shown.join("\n")}</pre>
                                            <button
                                                type="button"
                                                aria-label=label
                                                on:click=move |_| {
                                                    for line in &plan {
                                                        console.execute(ui, line);
                                                    }
                                                }
                                            >
                                                "Try"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                }
                .into_any()
            }}
        </details>
    }
}
