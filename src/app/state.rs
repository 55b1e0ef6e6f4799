//! The page's state: the text (the one source of truth) and the few choices a person makes
//! about how to look at it. Everything shown is derived from these (see `derived.rs`).

use super::tab::Tab;
use leptos::html::Textarea;
use leptos::prelude::*;
use reachmap_core::analysis::PortChoice;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// The chosen flow, as plain words (defined, and tested, with the flow's logic).
pub use crate::logic::flow::FlowWords;

/// The text kept as before in Compare mode (defined, and tested, with the comparison's logic).
pub use crate::logic::compare::Kept;

/// The largest text (in bytes) replaced as an undoable edit, and the largest it replaces.
const UNDOABLE_UP_TO: usize = 8 * 1024;

/// Messages shown above the page.
#[derive(Clone, Copy)]
pub struct Notices {
    /// A share link that could not be read, and why.
    pub share_error: RwSignal<Option<String>>,
    /// The text cannot be kept in local storage (unavailable or full).
    pub storage_failed: RwSignal<bool>,
    /// Files that could not be read.
    pub file_error: RwSignal<Option<String>>,
    /// The last copy or export, confirmed (or why it failed).
    pub status: RwSignal<Option<String>>,
}

/// Every signal of the page, provided as context (all fields are `Copy` handles).
#[derive(Clone, Copy)]
pub struct Ui {
    /// The manifests: the one source of truth.
    pub text: RwSignal<String>,
    pub tab: RwSignal<Tab>,
    /// The selected endpoint or Service (`svc:ns/name`): the diagrams highlight its flows.
    pub selection: RwSignal<Option<String>>,
    pub flow: RwSignal<FlowWords>,
    /// The ports the Policies view and the Matrix evaluate.
    pub ports: RwSignal<PortChoice>,
    /// Namespaces the filter hides.
    pub hidden: RwSignal<BTreeSet<String>>,
    /// Namespaces drawn collapsed.
    pub collapsed: RwSignal<BTreeSet<String>>,
    /// Namespaces opened in a folded drawing, one entry per click (a namespace, or both ends
    /// of an arrow): Escape closes the last.
    pub expanded: RwSignal<Vec<Vec<String>>>,
    /// The focus's denied flows are drawn too.
    pub show_denied: RwSignal<bool>,
    /// The flows of the bundled arrow last clicked, in its words: the explanation lists them.
    pub bundle: RwSignal<Option<String>>,
    /// Diagram zoom factor (1 = scene units are CSS pixels).
    pub zoom: RwSignal<f64>,
    /// The next scene is fitted to the canvas (after a new text replaced the old one).
    pub fit_pending: StoredValue<bool>,
    pub notices: Notices,
    /// The editor's textarea: replacing the text from outside (an example, a file) writes it
    /// there directly, since the textarea is never re-rendered from the signal.
    pub editor: NodeRef<Textarea>,
    /// What the editor holds of a large text (a window of it: `editor_window.rs`).
    pub held: StoredValue<super::editor_window::Held>,
    /// The text's edits the analysis worker has not been sent (`logic::text_edits`): every
    /// change of `text` either tells its splice there or marks it whole.
    pub unsent: StoredValue<crate::logic::text_edits::Unsent>,
    /// The editor's own undo history, while the browser's cannot cover the text (a window of
    /// it: `editor_undo.rs`).
    pub history: StoredValue<crate::logic::edit_history::EditHistory>,
    /// The files the person opened or dropped, by name: the console's `-f FILE` reads them.
    pub opened: RwSignal<Vec<reachmap_core::parse::Input>>,
    /// Compare mode: the text kept as before (`None`: not comparing).
    pub before: RwSignal<Option<Kept>>,
    /// The changed flow clicked in the comparison's list, explained in both versions.
    pub compared_flow: RwSignal<Option<FlowWords>>,
}

impl Ui {
    pub fn new(text: String, tab: Tab) -> Ui {
        Ui {
            text: RwSignal::new(text),
            tab: RwSignal::new(tab),
            selection: RwSignal::new(None),
            flow: RwSignal::new(FlowWords::default()),
            ports: RwSignal::new(PortChoice::Any),
            hidden: RwSignal::new(BTreeSet::new()),
            collapsed: RwSignal::new(BTreeSet::new()),
            expanded: RwSignal::new(Vec::new()),
            show_denied: RwSignal::new(false),
            bundle: RwSignal::new(None),
            zoom: RwSignal::new(1.0),
            fit_pending: StoredValue::new(true),
            notices: Notices {
                share_error: RwSignal::new(None),
                storage_failed: RwSignal::new(false),
                file_error: RwSignal::new(None),
                status: RwSignal::new(None),
            },
            editor: NodeRef::new(),
            held: StoredValue::new(Default::default()),
            unsent: StoredValue::new(Default::default()),
            history: StoredValue::new(Default::default()),
            opened: RwSignal::new(Vec::new()),
            before: RwSignal::new(None),
            compared_flow: RwSignal::new(None),
        }
    }

    /// Replaces the whole text (an example, opened files, a share link): in the textarea and
    /// in the signal. Choices about the old text (selection, flow, filters) no longer apply.
    pub fn replace_text(&self, text: String) {
        if let Some(area) = self.editor.get_untracked() {
            super::editor_window::show(self, &area, &text, 0);
        }
        self.selection.set(None);
        self.flow.set(FlowWords::default());
        self.hidden.set(BTreeSet::new());
        self.collapsed.set(BTreeSet::new());
        self.expanded.set(Vec::new());
        self.bundle.set(None);
        self.compared_flow.set(None);
        self.fit_pending.set_value(true);
        self.unsent.update_value(|u| u.whole());
        self.text.set(text);
    }
}

impl Ui {
    /// Replaces the whole text as `replace_text` does, but as an edit of the textarea, so that
    /// the editor's undo (Ctrl+Z) brings the old text back. Focus returns where it was.
    pub fn replace_text_undoably(&self, text: String) {
        // The browser's undoable insertion takes seconds for tens of kilobytes (the Online
        // Boutique: 9 s): larger texts are set outright (the picker's "Your text" still keeps
        // the person's own).
        let small = |len: usize| len <= UNDOABLE_UP_TO;
        let old_len = self.text.with_untracked(String::len);
        if !(small(text.len()) && small(old_len)) {
            self.replace_text(text);
            return;
        }
        if let Some(area) = self.editor.get_untracked() {
            let before = document().active_element();
            let _ = area.focus();
            area.select();
            let html: Option<web_sys::HtmlDocument> = document().dyn_into().ok();
            let typed = html.is_some_and(|d| {
                d.exec_command_with_show_ui_and_value("insertText", false, &text)
                    .unwrap_or(false)
            });
            // Where the browser cannot edit so (no execCommand), the text is set outright.
            if !typed || area.value() != text {
                area.set_value(&text);
            }
            area.set_selection_range(0, 0).ok();
            area.set_scroll_top(0);
            if let Some(el) = before.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
        self.replace_text(text);
    }
}

impl Ui {
    /// Changes the text as a console command did: in the textarea and in the signal, keeping
    /// the view choices (the change is one object, not a new text) and the scroll position.
    pub fn edit_text(&self, text: String) {
        if let Some(area) = self.editor.get_untracked() {
            let top = super::editor_window::scroller(&area).scroll_top();
            super::editor_window::show(self, &area, &text, top);
        }
        self.unsent.update_value(|u| u.whole());
        self.text.set(text);
    }
}

impl Ui {
    /// Escape: closes the namespaces the last click opened, else clears the selection (and
    /// the bundle listed with it); `false` when there was neither.
    pub fn back_out(&self) -> bool {
        if self.fold_back() {
            return true;
        }
        let had = self.selection.try_update(Option::take).flatten().is_some();
        if had {
            self.bundle.set(None);
        }
        had
    }

    /// Closes the namespaces the last click opened; `false` when none is open.
    pub fn fold_back(&self) -> bool {
        let mut popped = false;
        self.expanded.update(|e| popped = e.pop().is_some());
        if popped {
            self.bundle.set(None);
        }
        popped
    }
}

impl Ui {
    /// Compare mode: keeps the current text as before, at the page's clock's time.
    pub fn keep_as_before(&self) {
        self.compared_flow.set(None);
        self.before.set(Some(kept_now(self.text.get_untracked())));
    }

    /// Compare mode: explains a changed flow in both versions and marks it in the list of
    /// changes. A click on its entry in that list and on its arrow in the drawing both call this.
    pub fn explain_change(&self, flow: FlowWords) {
        self.compared_flow.set(Some(flow));
    }

    /// Leaves Compare mode: the views are the text's alone again.
    pub fn stop_comparing(&self) {
        self.compared_flow.set(None);
        self.before.set(None);
    }
}

/// `text` kept as before now, by the page's clock.
pub fn kept_now(text: String) -> Kept {
    let now = js_sys::Date::new_0();
    Kept {
        text,
        at: crate::logic::compare::clock(now.get_hours(), now.get_minutes()),
    }
}

/// The page's state, from the context `App` provides.
pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
