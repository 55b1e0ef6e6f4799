//! What a panic does: the text is never lost. After a panic the wasm instance cannot be
//! trusted to run again, so the hook works on the DOM directly: it keeps the textarea's
//! contents in local storage and fills the static error banner of `index.html` with a report
//! a person can copy. The textarea itself is plain DOM and keeps working.

use super::storage;
use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Installs the hook (once, before mounting).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // The browser console gets the full message and stack.
        console_error_panic_hook::hook(info);
        keep_text();
        show_banner(&info.to_string());
    }));
}

fn keep_text() {
    let area = document()
        .query_selector("textarea[data-testid=editor]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        storage::save_text(&area.value());
    }
}

fn show_banner(message: &str) {
    let doc = document();
    let Some(banner) = doc.get_element_by_id("panic-banner") else {
        return;
    };
    if let Some(report) = doc
        .get_element_by_id("panic-report")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let agent = leptos::prelude::window()
            .navigator()
            .user_agent()
            .unwrap_or_default();
        report.set_value(&format!(
            "Reachmap {} panicked: {message}\nBrowser: {agent}",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let _ = banner.remove_attribute("hidden");
}
