//! How the page and the console's module talk. The console (`console.rs`, with the whole
//! kubectl interpreter) is its own wasm, `reachmap-console`, loaded only when the console is
//! first used, so the page's first download stays small. It reads the text from the editor and
//! tells the page what changed with one kind of DOM event on `window`, whose detail is an array
//! of strings: `["text", NEW_TEXT]`, `["flow", FROM, TO, PORT]` (highlight a flow) or
//! `["show", FROM, TO, PORT]` (and switch to the Policies view). The files the person opened
//! are on `window` under `OPENED` (an array of `[name, text]`), for `kubectl create -f`.

use wasm_bindgen::JsValue;

/// The event the console sends to the page.
pub const EVENT: &str = "reachmap-console";
/// The event the page sends when its text changed other than through the console (an edit,
/// an example), so the console's list of ways to reach a Service follows.
pub const TEXT_CHANGED: &str = "reachmap-text";
/// Where the page puts the opened files.
pub const OPENED: &str = "reachmapOpened";
/// The module that starts the console, next to the page (trunk writes it: index.html).
pub const SCRIPT: &str = "./reachmap-console_loader.js";

/// Sends `fields` as an event `name` on `window`.
pub fn send(name: &str, fields: &[&str]) {
    let detail = js_sys::Array::new();
    for f in fields {
        detail.push(&JsValue::from_str(f));
    }
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let (Some(w), Ok(ev)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict(name, &init),
    ) {
        let _ = w.dispatch_event(&ev);
    }
}

/// The strings of an event's detail.
pub fn fields(ev: &web_sys::Event) -> Vec<String> {
    use wasm_bindgen::JsCast;
    ev.dyn_ref::<web_sys::CustomEvent>()
        .map(|c| {
            js_sys::Array::from(&c.detail())
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}
