//! The list of diagnostics under the editor; a click on one puts the caret at its place.

use super::derived::use_derived;
use super::editor::{reveal, severity_icon};
use super::state::use_ui;
use leptos::prelude::*;
use reachmap_core::diag::Severity;

/// More than this many items make a list nobody reads; the count says how many there are.
const SHOWN: usize = 200;

/// One row of the list, as plain data.
#[derive(Clone, PartialEq)]
struct Item {
    severity: Severity,
    line: u32,
    column: u32,
    message: String,
}

/// The diagnostics of the text, most relevant first within each line.
#[component]
pub fn DiagnosticsList() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let items = Memo::new(move |_| {
        derived.diagnostics.with(|rows| {
            rows.iter()
                .map(|d| Item {
                    severity: d.severity(),
                    line: d.line,
                    column: d.column,
                    message: d.message.clone(),
                })
                .collect::<Vec<_>>()
        })
    });
    let summary = move || {
        items.with(|items| {
            let count = |s| items.iter().filter(|i| i.severity == s).count();
            let (e, w, i) = (
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info),
            );
            if items.is_empty() {
                "No problems found".to_string()
            } else {
                format!(
                    "{}, {}, {}",
                    count_of(e, "error"),
                    count_of(w, "warning"),
                    count_of(i, "note")
                )
            }
        })
    };
    view! {
        <section class="diagnostics" aria-labelledby="diagnostics-title">
            <h2 id="diagnostics-title" class="panel-title">
                "Diagnostics " <span class="muted">{summary}</span>
            </h2>
            <ul data-testid="diagnostics" class="diag-list">
                {move || {
                    items
                        .with(|items| {
                            items
                                .iter()
                                .take(SHOWN)
                                .cloned()
                                .map(|item| {
                                    let Item { severity, line, column, message } = item;
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class=format!("diag sev-{severity}")
                                                on:click=move |_| reveal(&ui, line, column)
                                            >
                                                <span class="icon" aria-hidden="true">
                                                    {severity_icon(severity)}
                                                </span>
                                                <span class="sev">{severity.to_string()}</span>
                                                {format!(" line {line}:{column} — {message}")}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ul>
            {move || {
                let n = items.with(Vec::len);
                (n > SHOWN).then(|| view! { <p class="muted">{format!("and {} more", n - SHOWN)}</p> })
            }}
        </section>
    }
}

/// `1 error`, `2 errors`.
fn count_of(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
