//! The view tabs (ARIA tabs: arrow keys move between them).

use super::state::use_ui;
use super::tab::Tab;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the panel the tabs control.
pub const PANEL_ID: &str = "view-panel";

/// "Services", "Policies", "Matrix".
#[component]
pub fn ViewTabs() -> impl IntoView {
    let ui = use_ui();
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowRight" => 1,
            "ArrowLeft" => -1,
            _ => return,
        };
        ev.prevent_default();
        let i = Tab::ALL
            .iter()
            .position(|t| *t == ui.tab.get_untracked())
            .unwrap_or(0) as isize;
        let next = Tab::ALL[(i + step).rem_euclid(Tab::ALL.len() as isize) as usize];
        ui.tab.set(next);
        // Focus follows the selection, as the ARIA tabs pattern has it.
        if let Some(el) = document().get_element_by_id(&format!("tab-{}", next.key())) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Views" on:keydown=on_keydown>
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    let selected = move || ui.tab.get() == tab;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=format!("tab-{}", tab.key())
                            aria-controls=PANEL_ID
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            class:selected=selected
                            on:click=move |_| ui.tab.set(tab)
                        >
                            {tab.label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
