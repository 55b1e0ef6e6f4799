//! The explanation panel: the chosen flow's verdict and the core's words for it.

use super::derived::use_derived;
use super::state::use_ui;

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
                        <pre class="answer">{r.text}</pre>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
