//! The analysis worker's module (its own wasm, `reachmap-worker`, run in a Web Worker): it
//! answers the page's requests with `logic::engine::Engine`, posting progress words before each
//! long step. Messages are `worker_bridge`'s; a request's text travels beside its JSON (the
//! message is `[json, text]`), so that tens of megabytes are never escaped into JSON.

use crate::logic::engine::Engine;
use crate::worker_bridge::{decode, encode, ToPage, ToWorker};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Starts answering (the worker's `main`).
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = RefCell::new(Engine::default());
    let post_scope = scope.clone();
    let post = move |m: &ToPage| {
        let _ = post_scope.post_message(&JsValue::from_str(&encode(m)));
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = js_sys::Array::from(&ev.data());
        let Some(message) = data.get(0).as_string().and_then(|t| decode::<ToWorker>(&t)) else {
            return;
        };
        match message {
            ToWorker::Work {
                generation,
                view,
                before,
                edit,
                ..
            } => {
                let start = js_sys::Date::now();
                let mut engine = engine.borrow_mut();
                // Beside the message: the whole text, or what replaces the splice of the last.
                let text = match (edit, data.get(1).as_string()) {
                    (Some(splice), Some(inserted)) => match engine.spliced(&splice, &inserted) {
                        Some(text) => Some(text),
                        None => {
                            post(&ToPage::NeedText { generation });
                            return;
                        }
                    },
                    (_, text) => text,
                };
                let mut answer = engine.work(generation, text, before, &view, &mut |words| {
                    post(&ToPage::Progress { generation, words })
                });
                answer.millis = (js_sys::Date::now() - start) as u64;
                post(&ToPage::Done(Box::new(answer)));
            }
            ToWorker::Cell {
                generation,
                from,
                to,
            } => {
                if let Some(flow) = engine.borrow().cell_flow(from, to) {
                    post(&ToPage::CellFlow { generation, flow });
                }
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(&encode(&ToPage::Ready)));
}
