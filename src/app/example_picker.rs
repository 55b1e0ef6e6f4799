//! The Example picker, and the licence notice of the example that needs one.

use super::examples::{by_id, matching, BOUTIQUE, BOUTIQUE_NOTICE, EXAMPLES};
use super::state::use_ui;
use leptos::prelude::*;

/// A `<select>` labelled "Example": choosing one replaces the text. It shows the example the
/// text equals, or "Your own text".
#[component]
pub fn ExamplePicker() -> impl IntoView {
    let ui = use_ui();
    let current = Memo::new(move |_| ui.text.with(|t| matching(t).map_or("", |e| e.id)));
    view! {
        <div class="field">
            <label for="example">"Example"</label>
            <select
                id="example"
                on:change:target=move |ev| {
                    if let Some(example) = by_id(&ev.target().value()) {
                        ui.replace_text(example.text.to_string());
                    }
                }
            >
                <option value="" disabled=true prop:selected=move || current.get().is_empty()>
                    "Your own text"
                </option>
                {EXAMPLES
                    .iter()
                    .map(|e| {
                        view! {
                            <option value=e.id prop:selected=move || current.get() == e.id>
                                {e.label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <Show when=move || current.get() == BOUTIQUE>
            <details class="licence">
                <summary>"Online Boutique: Apache-2.0"</summary>
                <p>{BOUTIQUE_NOTICE}</p>
                <p>
                    <a href="examples/online-boutique/LICENSE">"LICENSE"</a>
                    " · "
                    <a href="examples/online-boutique/NOTICE">"NOTICE"</a>
                </p>
            </details>
        </Show>
    }
}
