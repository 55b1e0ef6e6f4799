//! The page's state: the text (the one source of truth) and the few choices a person makes
//! about how to look at it. Everything shown is derived from these (see `derived.rs`).

use super::tab::Tab;
use leptos::html::Textarea;
use leptos::prelude::*;
use reachmap_core::analysis::PortChoice;
use std::collections::BTreeSet;

/// The chosen flow, as plain words (defined, and tested, with the flow's logic).
pub use crate::logic::flow::FlowWords;

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
    /// Diagram zoom factor (1 = scene units are CSS pixels).
    pub zoom: RwSignal<f64>,
    /// The next scene is fitted to the canvas (after a new text replaced the old one).
    pub fit_pending: StoredValue<bool>,
    pub notices: Notices,
    /// The editor's textarea: replacing the text from outside (an example, a file) writes it
    /// there directly, since the textarea is never re-rendered from the signal.
    pub editor: NodeRef<Textarea>,
    /// The files the person opened or dropped, by name: the console's `-f FILE` reads them.
    pub opened: RwSignal<Vec<reachmap_core::parse::Input>>,
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
            zoom: RwSignal::new(1.0),
            fit_pending: StoredValue::new(true),
            notices: Notices {
                share_error: RwSignal::new(None),
                storage_failed: RwSignal::new(false),
                file_error: RwSignal::new(None),
                status: RwSignal::new(None),
            },
            editor: NodeRef::new(),
            opened: RwSignal::new(Vec::new()),
        }
    }

    /// Replaces the whole text (an example, opened files, a share link): in the textarea and
    /// in the signal. Choices about the old text (selection, flow, filters) no longer apply.
    pub fn replace_text(&self, text: String) {
        if let Some(area) = self.editor.get_untracked() {
            area.set_value(&text);
            area.set_scroll_top(0);
        }
        self.selection.set(None);
        self.flow.set(FlowWords::default());
        self.hidden.set(BTreeSet::new());
        self.collapsed.set(BTreeSet::new());
        self.fit_pending.set_value(true);
        self.text.set(text);
    }
}

impl Ui {
    /// Changes the text as a console command did: in the textarea and in the signal, keeping
    /// the view choices (the change is one object, not a new text) and the scroll position.
    pub fn edit_text(&self, text: String) {
        if let Some(area) = self.editor.get_untracked() {
            let top = area.scroll_top();
            area.set_value(&text);
            area.set_scroll_top(top);
        }
        self.text.set(text);
    }
}

/// The page's state, from the context `App` provides.
pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
