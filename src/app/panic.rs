//! What a panic does: the text is never lost. After a panic the wasm instance cannot run
//! again (every later call traps), so the hook works on the DOM directly: it keeps the
//! textarea's contents in local storage, hands the editor over to plain JavaScript (its text
//! shown as is, since the highlighted layer will not follow any more, and kept on every
//! input), and fills the static error banner of `index.html` with a report to copy.
//!
//! A panic before the editor exists (while the first text is read) shows that text in the
//! banner instead, with a plain button to start again from an example: a text that stops the
//! page on loading must not lock the person out of it.

use super::storage;
use leptos::prelude::document;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use wasm_bindgen::JsCast;

/// Set by the first panic.
static PANICKED: AtomicBool = AtomicBool::new(false);

/// The text the page started with, for a panic before the editor holds it.
static FIRST_TEXT: Mutex<Option<String>> = Mutex::new(None);

/// Remembers the text the page starts with (before anything reads it).
pub fn remember_first_text(text: &str) {
    if let Ok(mut first) = FIRST_TEXT.lock() {
        *first = Some(text.to_string());
    }
}

/// Installs the hook (once, before mounting).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // The browser console gets the full message and stack.
        console_error_panic_hook::hook(info);
        // Later panics are the dead instance failing again: the report is about the first.
        if PANICKED.swap(true, Ordering::SeqCst) {
            return;
        }
        keep_text();
        hand_over_editor();
        show_banner(&info.to_string());
        // Last, as it reads the text through the page's state (which a panic may have left
        // locked): a textarea that holds a window of a large text gets the whole text back.
        keep_whole_text();
    }));
}

/// Over a window, the whole text (the editor element's `EDITOR_TEXT`) is kept and put back into
/// the textarea, which stays read-only until then, so that the plain JavaScript that keeps
/// every later edit never keeps a window for the text.
fn keep_whole_text() {
    let Some(area) = editor().filter(|a| a.has_attribute(super::editor_window::WINDOWED)) else {
        return;
    };
    let whole = js_sys::Reflect::get(
        &area,
        &wasm_bindgen::JsValue::from_str(crate::bridge::EDITOR_TEXT),
    )
    .ok()
    .and_then(|v| v.as_string());
    if let Some(whole) = whole {
        storage::save_text(&whole);
        let _ = area.remove_attribute("style");
        area.set_value(&whole);
        area.set_read_only(false);
    }
}

fn editor() -> Option<web_sys::HtmlTextAreaElement> {
    document()
        .query_selector("textarea[data-testid=editor]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
}

fn keep_text() {
    if let Some(area) = editor() {
        if area.has_attribute(super::editor_window::WINDOWED) {
            // A window of the text: `keep_whole_text` keeps the whole.
            area.set_read_only(true);
        } else {
            storage::save_text(&area.value());
        }
        return;
    }
    // No editor yet: the panic came while reading the first text. Show it in the banner.
    let first = FIRST_TEXT.try_lock().ok().and_then(|f| f.clone());
    let Some(text) = first else { return };
    storage::save_text(&text);
    let doc = document();
    if let Some(kept) = doc
        .get_element_by_id("panic-text")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        kept.set_value(&text);
    }
    if let Some(block) = doc.get_element_by_id("panic-kept") {
        let _ = block.remove_attribute("hidden");
    }
}

/// From now on the textarea is a plain one: visible text (`body.panicked` in the stylesheet),
/// every edit kept by the plain JavaScript of `index.html`, which acts once `body.panicked` is
/// set. (Not JavaScript made from a string here: the page's Content-Security-Policy forbids
/// `new Function`, and the hook would stop before showing the banner.)
fn hand_over_editor() {
    if let Some(body) = document().body() {
        let _ = body.class_list().add_1("panicked");
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
