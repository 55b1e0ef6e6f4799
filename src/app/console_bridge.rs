//! The messages between the page and the console's module (`crate::bridge`) as DOM events on
//! `window`: a `CustomEvent` whose detail is the message's encoding, an array of strings; and
//! the opened files on `window`, for `kubectl create -f`.

use crate::bridge::{decode_files, encode_files, Message, OPENED};
use reachmap_core::parse::Input;
use wasm_bindgen::{JsCast, JsValue};

/// Sends `message` on `window`, as the event that carries it.
pub fn send(message: &Message) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&array(&message.encode()));
    if let (Some(w), Ok(ev)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict(message.event(), &init),
    ) {
        let _ = w.dispatch_event(&ev);
    }
}

/// The message an event carries, if it is one.
pub fn receive(ev: &web_sys::Event) -> Option<Message> {
    let detail = ev.dyn_ref::<web_sys::CustomEvent>()?.detail();
    Message::decode(&strings(&detail))
}

/// Puts the opened files on `window`.
pub fn set_opened(files: &[Input]) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(OPENED), &array(&encode_files(files)));
    }
}

/// The opened files the page put on `window`.
pub fn opened() -> Vec<Input> {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str(OPENED)).ok())
        .map(|v| decode_files(&strings(&v)))
        .unwrap_or_default()
}

fn array(fields: &[String]) -> js_sys::Array {
    fields.iter().map(|f| JsValue::from_str(f)).collect()
}

/// The strings of a JS array (anything else: none).
fn strings(value: &JsValue) -> Vec<String> {
    if !js_sys::Array::is_array(value) {
        return Vec::new();
    }
    js_sys::Array::from(value)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}
