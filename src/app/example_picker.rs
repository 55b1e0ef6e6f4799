//! The Example picker, and the licence notice of the example that needs one.

use super::browser::{fetch_own_text, join_files};
use super::examples::{by_id, matching, Example, BOUTIQUE, BOUTIQUE_NOTICE, EXAMPLES};
use super::state::{use_ui, Ui};
use super::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Replaces the text with an example: at once when embedded, else once its files are read.
/// `fetched` remembers the text of a fetched example, so the picker can show it as chosen.
fn load(ui: Ui, example: &'static Example, fetched: StoredValue<Option<(String, &'static str)>>) {
    if example.files.is_empty() {
        ui.replace_text_undoably(example.text.to_string());
        return;
    }
    spawn_local(async move {
        let mut texts = Vec::new();
        for file in example.files {
            match fetch_own_text(file).await {
                Ok(t) => texts.push(t),
                Err(e) => {
                    ui.notices
                        .file_error
                        .set(Some(format!("The example could not be read: {e}")));
                    return;
                }
            }
        }
        let text = join_files(&texts);
        fetched.set_value(Some((text.clone(), example.id)));
        ui.replace_text_undoably(text);
    });
}

/// The `<option>` value of the person's own text.
const YOURS: &str = "yours";

/// Keeps the text aside as the person's own before an example replaces it, unless it is an
/// example itself (`current` names it) or empty.
fn set_aside(ui: Ui, current: &'static str, yours: RwSignal<Option<String>>) {
    if !current.is_empty() {
        return;
    }
    let text = ui.text.get_untracked();
    if text.trim().is_empty() {
        return;
    }
    if !storage::save_yours(&text) {
        ui.notices.storage_failed.set(true);
    }
    yours.set(Some(text));
}

/// A `<select>` labelled "Example": choosing one replaces the text (the editor's undo brings
/// the old one back). It shows the example the text equals, or "Your text". The person's own
/// text is never lost: choosing an example sets it aside, in local storage too, and "Your
/// text" brings it back, also after a reload.
#[component]
pub fn ExamplePicker() -> impl IntoView {
    let ui = use_ui();
    let fetched: StoredValue<Option<(String, &'static str)>> = StoredValue::new(None);
    let yours = RwSignal::new(storage::load_yours());
    let current = Memo::new(move |_| {
        ui.text.with(|t| {
            matching(t).map(|e| e.id).unwrap_or_else(|| {
                fetched.with_value(|f| match f {
                    Some((text, id)) if text == t => id,
                    _ => "",
                })
            })
        })
    });
    view! {
        <div class="field">
            <label for="example">"Example"</label>
            <select
                id="example"
                on:change:target=move |ev| {
                    let value = ev.target().value();
                    if value == YOURS {
                        if let Some(text) = yours.get_untracked() {
                            ui.replace_text_undoably(text);
                        }
                    } else if let Some(example) = by_id(&value) {
                        set_aside(ui, current.get_untracked(), yours);
                        load(ui, example, fetched);
                    }
                }
            >
                <option
                    value=YOURS
                    disabled=move || !current.get().is_empty() && yours.with(Option::is_none)
                    prop:selected=move || current.get().is_empty()
                >
                    "Your text"
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
