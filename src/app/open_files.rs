//! The "Open files…" button; dropped files are handled page-wide in `page.rs`.

use super::files;
use super::state::use_ui;
use leptos::html::Input;
use leptos::prelude::*;

/// A button that opens the browser's file chooser (several files allowed).
#[component]
pub fn OpenFiles() -> impl IntoView {
    let ui = use_ui();
    let input = NodeRef::<Input>::new();
    view! {
        <button
            type="button"
            on:click=move |_| {
                if let Some(input) = input.get_untracked() {
                    input.click();
                }
            }
        >
            "Open files…"
        </button>
        <input
            type="file"
            multiple=true
            accept=".yaml,.yml,.json,text/plain,application/json,application/yaml"
            class="file-input"
            tabindex="-1"
            aria-hidden="true"
            node_ref=input
            on:change:target=move |ev| {
                let list = files::from_list(ev.target().files());
                // Reset, so choosing the same file again loads it again.
                ev.target().set_value("");
                files::load(ui, list);
            }
        />
    }
}
