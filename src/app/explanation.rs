//! The explanation panel: the chosen flow's verdict and the core's words for it.

use super::derived::use_derived;
use super::editor::reveal;
use super::state::use_ui;
use crate::logic::flow::RuleLinkShown;

/// The icon and class of a verdict: a shape and a word, not only a colour.
pub use crate::logic::matrix_html::verdict_mark;
use leptos::prelude::*;

/// `data-testid="explanation"`: what `reachmap explain` prints for the chosen flow, after the
/// list of flows a bundled arrow holds when one was clicked.
#[component]
pub fn Explanation() -> impl IntoView {
    let derived = use_derived();
    let ui = use_ui();
    view! {
        <section
            class="explanation"
            data-testid="explanation"
            aria-labelledby="explanation-title"
            aria-live="polite"
        >
            <h2 id="explanation-title" class="panel-title">"Explanation"</h2>
            {move || {
                ui.bundle
                    .get()
                    .map(|flows| {
                        view! {
                            <p class="bundle" data-testid="bundle">
                                "The arrow clicked holds several flows: "
                                {flows}
                            </p>
                        }
                    })
            }}
            {move || match derived.flow.get() {
                None => view! {
                    <p class="muted">
                        "Choose a source and a destination above, or click an arrow or a matrix cell."
                    </p>
                }
                .into_any(),
                Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
                Some(Ok(r)) => {
                    let (icon, word) = (r.icon, r.word);
                    let class = format!("verdict {word}");
                    view! {
                        <p class=class>
                            <span aria-hidden="true">{icon}</span>
                            " "
                            {word}
                        </p>
                        <pre class="answer">{linked_text(r.text, r.links)}</pre>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// The explanation's words, each reference to a policy or rule a button that puts the
/// editor's cursor on it (`editor::reveal`, as the diagnostics list).
fn linked_text(text: String, links: Vec<RuleLinkShown>) -> impl IntoView {
    let ui = use_ui();
    let mut pieces = Vec::new();
    let mut at = 0;
    for link in links {
        let (Some(before), Some(words)) =
            (text.get(at..link.start), text.get(link.start..link.end))
        else {
            continue;
        };
        pieces.push(before.to_string().into_any());
        let (line, column) = (link.line, link.column);
        let title = if link.path.is_empty() {
            format!("Go to line {line} in the editor")
        } else {
            format!("Go to {} (line {line}) in the editor", link.path)
        };
        pieces.push(
            view! {
                <button
                    type="button"
                    class="rule-link"
                    title=title
                    on:click=move |_| reveal(&ui, line, column)
                >
                    {words.to_string()}
                </button>
            }
            .into_any(),
        );
        at = link.end;
    }
    pieces.push(text.get(at..).unwrap_or_default().to_string().into_any());
    pieces
}
