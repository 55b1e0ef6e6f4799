//! The page's side of the console's worker: started on first use, asked in order, answered in
//! order. Requests wait until the worker says it is ready; if the worker fails (it could not
//! load, or it stopped), every waiting request is answered with the reason and the next
//! request starts a new worker.

use super::worker::READY;
use crate::kubectl::wire::Request;
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's script, next to the page (trunk writes it: `data-loader-shim` in index.html).
const SCRIPT: &str = "./reachmap-console_loader.js";

type Reply = Box<dyn FnOnce(Result<Vec<Option<String>>, String>)>;

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    ready: bool,
    /// Requests not sent yet (the worker is loading).
    unsent: Vec<js_sys::Array>,
    /// Replies awaited, in the order of the requests sent.
    waiting: VecDeque<Reply>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// Starts the worker if it is not running (the console calls this on focus, so the first
/// command does not wait for the download).
pub fn warm() {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.worker.is_none() {
            match start() {
                Ok(w) => c.worker = Some(w),
                Err(e) => web_sys::console::error_1(&e),
            }
        }
    });
}

/// Sends a request; `reply` gets the answer's fields, or why there is none.
pub fn ask(request: &Request, reply: impl FnOnce(Result<Vec<Option<String>>, String>) + 'static) {
    warm();
    let message = js_sys::Array::new();
    for field in request.encode() {
        message.push(&JsValue::from(field));
    }
    let failed = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(worker) = c.worker.clone() else {
            return true;
        };
        c.waiting.push_back(Box::new(reply));
        if c.ready {
            let _ = worker.post_message(&message);
        } else {
            c.unsent.push(message);
        }
        false
    });
    if failed {
        fail_all("the console's worker could not be started".into());
    }
}

fn start() -> Result<Worker, JsValue> {
    let worker = Worker::new(SCRIPT)?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        if data.as_string().as_deref() == Some(READY) {
            CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                c.ready = true;
                let unsent = std::mem::take(&mut c.unsent);
                if let Some(w) = &c.worker {
                    for m in unsent {
                        let _ = w.post_message(&m);
                    }
                }
            });
            return;
        }
        let fields: Vec<Option<String>> = js_sys::Array::from(&data)
            .iter()
            .map(|v| v.as_string())
            .collect();
        // Take the reply out before calling it: it may send the next request.
        let reply = CLIENT.with(|c| c.borrow_mut().waiting.pop_front());
        if let Some(reply) = reply {
            reply(Ok(fields));
        }
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|ev: ErrorEvent| {
        ev.prevent_default();
        fail_all(format!("the console stopped: {}", ev.message()));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    Ok(worker)
}

/// Answers every waiting request with `reason` and drops the worker (the next request starts
/// a new one).
fn fail_all(reason: String) {
    let waiting = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        c.ready = false;
        c.unsent.clear();
        std::mem::take(&mut c.waiting)
    });
    for reply in waiting {
        reply(Err(reason.clone()));
    }
}
