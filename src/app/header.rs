//! The page header: the name, the examples, opening files, export and share.

use super::example_picker::ExamplePicker;
use super::export_buttons::ExportButtons;
use super::open_files::OpenFiles;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="top">
            <h1 class="brand">
                "Reachmap" <span class="tagline">"Services and NetworkPolicies, drawn"</span>
            </h1>
            <div class="tools">
                <ExamplePicker/>
                <OpenFiles/>
                <ExportButtons/>
            </div>
        </header>
    }
}
