//! Runs inside the console's Web Worker (the `reachmap-console` binary): answers the page's
//! requests with `kubectl::wire::answer`. The interpreter's code lives only in this worker's
//! wasm, which the page fetches when the console is first used.

use crate::kubectl::wire::{answer, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The message that tells the page the worker is listening (messages sent before it would be
/// lost: the handler is set only once the wasm has loaded).
pub const READY: &str = "ready";

pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let fields: Vec<String> = js_sys::Array::from(&ev.data())
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
        let out = js_sys::Array::new();
        if let Some(request) = Request::decode(&fields) {
            for field in answer(&request) {
                out.push(&field.map_or(JsValue::NULL, JsValue::from));
            }
        }
        let _ = reply.post_message(&out);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
