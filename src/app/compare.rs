//! Compare mode's controls: the button that keeps the current text as before, the bar that
//! says what is compared (and stops it), and the list of changed flows with the one clicked
//! explained in both versions side by side. The worker answers all of it
//! (`logic::compare`, `Answer::compare`); the Policies view draws the change, and a click on a
//! changed arrow there explains its flow as a click on its entry here does (`Ui::explain_change`).

use super::derived::use_derived;
use super::state::use_ui;
use super::tab::Tab;
use crate::logic::compare::ChangedFlow;
use crate::logic::flow::FlowShown;
use leptos::prelude::*;

/// "Compare…": keeps the current text as before (in the Policies toolbar, when not comparing).
#[component]
pub fn CompareButton() -> impl IntoView {
    let ui = use_ui();
    view! {
        <button
            type="button"
            title="Keep the current text as before, then edit it: the Policies view shows what the edit opens and closes"
            prop:hidden=move || ui.tab.get() != Tab::Policies || ui.before.with(Option::is_some)
            on:click=move |_| ui.keep_as_before()
        >
            "Compare…"
        </button>
    }
}

/// The bar shown while comparing: when the before text was kept, and the way out.
#[component]
pub fn CompareBar() -> impl IntoView {
    let ui = use_ui();
    move || {
        ui.before.with(|b| b.as_ref().map(|k| k.at.clone())).map(|at| {
            view! {
                <div class="compare-bar" role="status" data-testid="compare-bar">
                    <span>
                        {format!("Comparing with the text kept at {at}: the Policies view shows what your edits opened and closed.")}
                    </span>
                    <button type="button" on:click=move |_| ui.keep_as_before()>
                        "Keep this text as before"
                    </button>
                    <button type="button" on:click=move |_| ui.stop_comparing()>
                        "Stop comparing"
                    </button>
                </div>
            }
        })
    }
}

/// `data-testid="changes"`: the changed flows (the core's diff rows) and the one clicked,
/// explained in the text kept as before and in the current text.
#[component]
pub fn ChangedFlows() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let shown = Memo::new(move |_| {
        ui.before
            .with(Option::is_some)
            .then(|| derived.compare.get())
            .flatten()
    });
    let row = move |r: ChangedFlow| {
        let words = r.words();
        let name = format!(
            "{} → {} {}: {} → {}; {}",
            r.from, r.to, r.probe, r.before, r.after, r.cause
        );
        let explained = {
            let words = words.clone();
            move || {
                ui.compared_flow
                    .with(|f| f.as_ref() == Some(&words))
                    .to_string()
            }
        };
        view! {
            <li>
                <button
                    type="button"
                    class=format!("flow-row change {}", r.change)
                    title=name.clone()
                    aria-label=name
                    aria-pressed=explained
                    on:click=move |_| ui.explain_change(words.clone())
                >
                    <span class="peer">{format!("{} → {}", r.from, r.to)}</span>
                    <span class="ports">{r.probe}</span>
                    <span class="verdicts">{format!("{} → {}", r.before, r.after)}</span>
                    <span class="rule muted">{r.cause}</span>
                </button>
            </li>
        }
    };
    let side = |title: &'static str, testid: &'static str, r: Result<FlowShown, String>| {
        let body = match r {
            Ok(f) => {
                let class = format!("verdict {}", f.word);
                view! {
                    <p class=class>
                        <span aria-hidden="true">{f.icon}</span>
                        " "
                        {f.word}
                    </p>
                    <pre class="answer">{f.text}</pre>
                }
                .into_any()
            }
            Err(e) => view! { <p class="error-text">{e}</p> }.into_any(),
        };
        view! {
            <div class="side" data-testid=testid>
                <h3 class="flow-dir">{title}</h3>
                {body}
            </div>
        }
    };
    move || {
        shown.get().map(|c| {
            let c = (*c).clone();
            let more = c.total - c.rows.len();
            let heading = format!(
                "Changes: {} flow{} opened, {} closed, {} in all",
                c.opened,
                if c.opened == 1 { "" } else { "s" },
                c.closed,
                c.total
            );
            view! {
                <section class="changes" data-testid="changes" aria-labelledby="changes-title">
                    <h2 id="changes-title" class="panel-title">{heading}</h2>
                    {(c.total == 0).then(|| view! {
                        <p class="muted">"No flow's verdict differs from the text kept as before."</p>
                    })}
                    <ul class="flow-rows">{c.rows.into_iter().map(row).collect_view()}</ul>
                    {(more > 0).then(|| view! {
                        <p class="muted">{format!("and {more} more (reachmap diff lists them all)")}</p>
                    })}
                    {c.explained.map(|e| view! {
                        <h3 class="flow-dir">
                            {format!("{} → {} {}", e.flow.from, e.flow.to, e.flow.port)}
                        </h3>
                        <div class="side-by-side">
                            {side("Before", "before", e.before)}
                            {side("After", "after", e.after)}
                        </div>
                    })}
                </section>
            }
        })
    }
}
