//! The text in the browser's local storage, so a person finds it again on their next visit.

use leptos::prelude::window;

/// The key of the text (`panic.rs` writes it too, from JavaScript).
pub const TEXT_KEY: &str = "reachmap.text";
const TAB_KEY: &str = "reachmap.view";
/// The person's own text, kept aside when they pick an example (the picker's "Your text").
const YOURS_KEY: &str = "reachmap.yours";
/// Compare mode's text kept as before, with the time it was kept (`Kept::to_json`).
const BEFORE_KEY: &str = "reachmap.before";

fn storage() -> Option<web_sys::Storage> {
    // `local_storage` fails when storage is disabled (some private modes, sandboxed frames).
    window().local_storage().ok().flatten()
}

/// The text kept by an earlier visit.
pub fn load_text() -> Option<String> {
    storage()?.get_item(TEXT_KEY).ok().flatten()
}

/// Keeps the text; `false` when it cannot be kept (storage unavailable, or full).
pub fn save_text(text: &str) -> bool {
    // Chromium's local storage holds 10 MiB per origin counted in UTF-16 (5 Mi units): a larger
    // text never fits, and trying costs a copy of megabytes on every keystroke.
    const UNITS: usize = 5 * 1024 * 1024;
    // A UTF-8 text has at least a third as many UTF-16 units as bytes: a text over three
    // times the limit is too large without reading it (a scan of megabytes per keystroke).
    let too_large = text.len() > 3 * UNITS
        || (text.len() > UNITS && (text.is_ascii() || text.encode_utf16().nth(UNITS).is_some()));
    !too_large && storage().is_some_and(|s| s.set_item(TEXT_KEY, text).is_ok())
}

pub fn load_tab() -> Option<String> {
    storage()?.get_item(TAB_KEY).ok().flatten()
}

pub fn save_tab(key: &str) {
    // The view is a convenience: failing to keep it needs no notice (the text's does).
    if let Some(s) = storage() {
        let _ = s.set_item(TAB_KEY, key);
    }
}

/// The person's own text set aside by the Example picker, if any.
pub fn load_yours() -> Option<String> {
    storage()?.get_item(YOURS_KEY).ok().flatten()
}

/// Sets the person's own text aside; `false` when it cannot be kept across a reload.
pub fn save_yours(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(YOURS_KEY, text).is_ok())
}

/// The text kept as before by Compare mode, if the page was comparing.
pub fn load_before() -> Option<crate::logic::compare::Kept> {
    crate::logic::compare::Kept::from_json(&storage()?.get_item(BEFORE_KEY).ok().flatten()?)
}

/// Keeps (or, with `None`, forgets) the text kept as before; `false` when it cannot be kept.
pub fn save_before(kept: Option<&crate::logic::compare::Kept>) -> bool {
    storage().is_some_and(|s| match kept {
        Some(k) => s.set_item(BEFORE_KEY, &k.to_json()).is_ok(),
        None => s.remove_item(BEFORE_KEY).is_ok(),
    })
}
