//! Everything the page shows of the text, answered by the analysis worker (`analysis_worker.rs`,
//! its own wasm in a Web Worker): the page's thread keeps the editor, the controls and the
//! drawing of what the worker sends, and never parses or analyses, so typing never waits.
//!
//! A change of the text or of the view choices is a request (`logic::pacer::Pacer`): one in
//! flight at a time, the changes made meanwhile sent together when its answer comes, an answer
//! older than the newest request dropped. The text goes as the textarea's own string, never
//! copied into the wasm for the request. While the worker works, `progress` says on what.

use super::state::Ui;
use crate::logic::choices::Choices;
use crate::logic::compare::CompareShown;
use crate::logic::engine::port_words;
use crate::logic::flow::FlowShown;
use crate::logic::matrix::MatrixData;
use crate::logic::pacer::{Dispatch, Pacer};
use crate::logic::selection::Rows;
use crate::logic::text_edits::Outgoing;
use crate::worker_bridge::{
    decode, encode, Answer, DiagnosticRow, SceneShown, ToPage, ToWorker, ViewWords, SCRIPT,
};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Handles to every derived value.
#[derive(Clone, Copy)]
pub struct Derived {
    answer: RwSignal<Arc<Answer>>,
    pacer: StoredValue<Pacer>,
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// The worker works on a newer state than the one shown (Export waits for it).
    pub busy: RwSignal<bool>,
    /// What the worker is doing, while it is busy.
    pub progress: RwSignal<Option<String>>,
    pub diagnostics: Memo<Arc<Vec<DiagnosticRow>>>,
    pub choices: Memo<Choices>,
    /// The drawn scene; `None` on the Matrix tab.
    pub scene: Memo<Option<Arc<SceneShown>>>,
    /// `None` until both ends are chosen; the words why when they no longer fit the text.
    pub flow: Memo<Option<Result<FlowShown, String>>>,
    /// The Matrix tab's data; `None` until the worker sent it.
    pub matrix: Memo<Option<Arc<MatrixData>>>,
    /// The selection panel's rows; `None` when no pod group is selected.
    pub selection: Memo<Option<Rows>>,
    /// Compare mode's list of changes and the changed flow clicked; `None` when not comparing.
    pub compare: Memo<Option<Arc<CompareShown>>>,
    /// The text kept as before that the worker has (sent once per text kept, not per request).
    before_sent: StoredValue<Option<String>>,
}

/// The view choices a request carries (tracked: the effect that sends requests reads them).
fn view_words(ui: Ui) -> ViewWords {
    let tab = ui.tab.get();
    ViewWords {
        view: tab.view().map(|v| v.name().to_string()).unwrap_or_default(),
        matrix: tab.view().is_none(),
        selection: ui.selection.get(),
        flow: ui.flow.get(),
        ports: port_words(ui.ports.get()),
        hidden: ui.hidden.get(),
        collapsed: ui.collapsed.get(),
        expanded: ui.expanded.with(|e| e.iter().flatten().cloned().collect()),
        show_denied: ui.show_denied.get(),
        comparing: ui.before.with(Option::is_some),
        compared_flow: ui.compared_flow.get(),
    }
}

impl Derived {
    pub fn new(ui: Ui) -> Derived {
        let answer = RwSignal::new(Arc::new(Answer::default()));
        let derived = Derived {
            answer,
            pacer: StoredValue::new(Pacer::new()),
            worker: StoredValue::new_local(None),
            busy: RwSignal::new(true),
            progress: RwSignal::new(Some("starting the analysis…".into())),
            diagnostics: Memo::new(move |_| answer.with(|a| Arc::new(a.diagnostics.clone()))),
            choices: Memo::new(move |_| answer.with(|a| a.choices.clone())),
            scene: Memo::new(move |_| answer.with(|a| a.scene.clone().map(Arc::new))),
            flow: Memo::new(move |_| answer.with(|a| a.flow.clone())),
            matrix: Memo::new(move |_| answer.with(|a| a.matrix.clone().map(Arc::new))),
            selection: Memo::new(move |_| answer.with(|a| a.selection.clone())),
            compare: Memo::new(move |_| answer.with(|a| a.compare.clone().map(Arc::new))),
            before_sent: StoredValue::new(None),
        };
        derived.start_worker(ui);
        // The text changed (typing, an example, a file, the console).
        Effect::new(move |_| {
            ui.text.track();
            derived.changed(ui, true);
        });
        // A view choice changed (the first run is the text's request's).
        Effect::new(move |first: Option<()>| {
            let _ = view_words(ui);
            if first.is_some() {
                derived.changed(ui, false);
            }
        });
        derived
    }

    fn start_worker(self, ui: Ui) {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let Ok(worker) = Worker::new_with_options(SCRIPT, &options) else {
            self.progress.set(Some(
                "The analysis could not start: this browser has no module workers.".into(),
            ));
            return;
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(message) = ev.data().as_string().and_then(|t| decode::<ToPage>(&t)) {
                self.received(ui, message);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.worker.set_value(Some(worker));
    }

    fn changed(self, ui: Ui, text_changed: bool) {
        let dispatch = self
            .pacer
            .try_update_value(|p| p.changed(text_changed))
            .flatten();
        self.busy.set(true);
        // Said at once; the worker's own words follow when it starts on the text.
        if text_changed && self.progress.get_untracked().is_none() {
            self.progress.set(Some("reading the text…".into()));
        }
        if let Some(d) = dispatch {
            self.send(ui, d);
        }
    }

    fn send(self, ui: Ui, d: Dispatch) {
        // The text kept as before goes when it is not the one the worker has.
        let kept = ui
            .before
            .with_untracked(|b| b.as_ref().map(|k| k.text.clone()));
        let before = kept.filter(|k| self.before_sent.with_value(|s| s.as_ref() != Some(k)));
        if before.is_some() {
            self.before_sent.set_value(before.clone());
        }
        // Only the bytes that changed when the edits since the last request say which.
        let outgoing = if d.with_text {
            ui.text
                .with_untracked(|t| ui.unsent.try_update_value(|u| u.take(t, true)))
                .unwrap_or(Outgoing::Whole)
        } else {
            Outgoing::Nothing
        };
        let edit = match &outgoing {
            Outgoing::Splice(splice, _) => Some(*splice),
            _ => None,
        };
        let message = ToWorker::Work {
            generation: d.generation,
            text: None,
            view: Box::new(untrack(|| view_words(ui))),
            before,
            edit,
        };
        let parts = js_sys::Array::of1(&JsValue::from_str(&encode(&message)));
        match outgoing {
            Outgoing::Nothing => {}
            Outgoing::Splice(_, inserted) => {
                let text = ui.text.with_untracked(|t| JsValue::from_str(&t[inserted]));
                parts.push(&text);
            }
            Outgoing::Whole => {
                // The textarea's string as the browser holds it: no copy through the wasm (a
                // textarea holding a window of a large text gives the signal's instead).
                let area = ui
                    .editor
                    .get_untracked()
                    .filter(|_| !super::editor_window::is_windowed(&ui));
                let text = area
                    .and_then(|a| js_sys::Reflect::get(&a, &JsValue::from_str("value")).ok())
                    .filter(JsValue::is_string)
                    .unwrap_or_else(|| super::editor_window::whole_js(&ui));
                parts.push(&text);
            }
        }
        self.worker.with_value(|w| {
            if let Some(w) = w {
                let _ = w.post_message(&parts);
            }
        });
    }

    fn received(self, ui: Ui, message: ToPage) {
        let generation = match &message {
            ToPage::Ready => 0,
            ToPage::Progress { generation, words } => {
                if self.pacer.with_value(|p| p.is_current(*generation)) {
                    self.progress.set(Some(words.clone()));
                }
                return;
            }
            ToPage::CellFlow { generation, flow } => {
                if self.pacer.with_value(|p| p.shown() == *generation) {
                    ui.flow.set(flow.clone());
                }
                return;
            }
            ToPage::NeedText { generation } => {
                ui.unsent.update_value(|u| u.whole());
                if let Some(d) = self
                    .pacer
                    .try_update_value(|p| p.resend_text(*generation))
                    .flatten()
                {
                    self.send(ui, d);
                }
                return;
            }
            ToPage::Done(answer) => answer.generation,
        };
        let (show, next) = self
            .pacer
            .try_update_value(|p| p.answered(generation))
            .unwrap_or((false, None));
        if show {
            if let ToPage::Done(answer) = message {
                self.answer.set(Arc::new(*answer));
            }
        }
        if let Some(d) = next {
            self.send(ui, d);
        }
        let busy = self.pacer.with_value(Pacer::busy);
        self.busy.set(busy);
        if !busy {
            self.progress.set(None);
        }
    }

    /// The tab's scene for export, when the tab draws one and it is of the text as it is.
    pub fn current_scene(&self) -> Option<Arc<SceneShown>> {
        if self.busy.get_untracked() {
            return None;
        }
        self.scene.get_untracked()
    }

    /// Asks the worker for the flow a click on the matrix cell `from` → `to` explains; it
    /// becomes the chosen flow when the answer comes (if the matrix is still the one shown).
    pub fn explain_cell(&self, from: usize, to: usize) {
        let message = ToWorker::Cell {
            generation: self.pacer.with_value(Pacer::shown),
            from,
            to,
        };
        let parts = js_sys::Array::of1(&JsValue::from_str(&encode(&message)));
        self.worker.with_value(|w| {
            if let Some(w) = w {
                let _ = w.post_message(&parts);
            }
        });
    }
}

/// The derived values, from the context `App` provides.
pub fn use_derived() -> Derived {
    expect_context::<Derived>()
}
