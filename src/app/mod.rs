//! The page (wasm32 only).
use leptos::prelude::*;

pub fn start() {
    mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    view! { <p>"Reachmap"</p> }
}
