//! Everything the page shows, derived from the text and the choices in `Ui` by memos: the
//! core's `Analysis` once per text, the scene once per text and view options, the flow's
//! answer. The port matrix and the flow's answer are the analysis's own, computed once however
//! many memos read them (the scene and the Matrix share one matrix). Memos recompute only when
//! what they read changes, and only when something reads them (the Matrix is never computed
//! while its tab is hidden).

use super::state::Ui;
use crate::logic::choices::Choices;
use crate::logic::flow::{flow_result, FlowResult};
use leptos::prelude::*;
use reachmap_core::analysis::{Analysis, PortMatrix, QueryError};
use reachmap_core::scene::{self, Scene, SceneOptions};
use reachmap_core::ParseOptions;
use std::sync::Arc;
use std::time::Duration;

/// Handles to every derived value.
#[derive(Clone, Copy)]
pub struct Derived {
    /// Counts the texts analysed: the analysis reads the text when this changes.
    revision: RwSignal<u64>,
    /// A newer text waits for its analysis.
    pending: StoredValue<bool>,
    pub analysis: Memo<Arc<Analysis>>,
    pub choices: Memo<Choices>,
    /// The drawn scene; `None` on the Matrix tab.
    pub scene: Memo<Option<Arc<Scene>>>,
    /// `None` until both ends are chosen; an error when the words no longer fit the text.
    pub flow: Memo<Option<Result<FlowResult, QueryError>>>,
    pub matrix: Memo<Arc<PortMatrix>>,
}

/// An analysis slower than this (in milliseconds) no longer runs before the typed character
/// is painted.
const SLOW_MS: f64 = 100.0;

/// A new analysis is always a change: comparing two analyses would cost as much as making one.
fn always_changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

impl Derived {
    pub fn new(ui: Ui) -> Derived {
        // The analysis follows the text at once while it is quick. When it is slow (a large
        // input), it follows one task later, so that the browser paints the typed character
        // first and typing never waits for it; keystrokes that come meanwhile share one
        // analysis.
        let revision = RwSignal::new(0u64);
        let pending = StoredValue::new(false);
        let cost = StoredValue::new(0.0_f64);
        Effect::new(move |first: Option<()>| {
            ui.text.track();
            if first.is_none() || pending.get_value() {
                return;
            }
            if cost.get_value() < SLOW_MS {
                revision.update(|r| *r += 1);
                return;
            }
            pending.set_value(true);
            set_timeout(
                move || {
                    if pending.get_value() {
                        pending.set_value(false);
                        revision.update(|r| *r += 1);
                    }
                },
                Duration::ZERO,
            );
        });
        let analysis = Memo::new_with_compare(
            move |_| {
                revision.track();
                let start = js_sys::Date::now();
                let analysis = ui
                    .text
                    .with_untracked(|t| Arc::new(Analysis::of_with(t, &ParseOptions::page())));
                cost.set_value(js_sys::Date::now() - start);
                analysis
            },
            always_changed,
        );
        let choices = Memo::new(move |_| analysis.with(|a| Choices::of(a.model())));
        let flow = Memo::new(move |_| {
            let words = ui.flow.get();
            if !words.is_complete() {
                return None;
            }
            Some(analysis.with(|a| flow_result(a, &words)))
        });
        let scene = Memo::new_with_compare(
            move |_| {
                let view = ui.tab.get().view()?;
                let options = SceneOptions {
                    view,
                    focus: ui.selection.get(),
                    flow: flow.with(|f| f.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.query)),
                    ports: ui.ports.get(),
                    collapsed: ui.collapsed.get(),
                    namespaces: ui.hidden.with(|hidden| {
                        // With nothing hidden the scene need not follow the choices.
                        if hidden.is_empty() {
                            return None;
                        }
                        choices.with(|c| c.shown_namespaces(hidden))
                    }),
                    level: None,
                    expand: ui.expanded.with(|e| e.iter().flatten().cloned().collect()),
                    show_denied: ui.show_denied.get(),
                };
                Some(analysis.with(|a| Arc::new(scene::build(a, &options))))
            },
            // Equal scenes draw the same: an edit that changes no shape (a comment, a
            // reordering) leaves the diagram's DOM alone.
            |old, new| old != new,
        );
        let matrix = Memo::new_with_compare(
            move |_| {
                let choice = ui.ports.get();
                analysis.with(|a| a.port_matrix(choice))
            },
            always_changed,
        );
        Derived {
            revision,
            pending,
            analysis,
            choices,
            scene,
            flow,
            matrix,
        }
    }

    /// The tab's scene for export, when the tab draws one.
    pub fn current_scene(&self) -> Option<Arc<Scene>> {
        self.settle();
        self.scene.get_untracked()
    }

    /// Analyses a waiting text now (an export must be of the text as it is).
    pub fn settle(&self) {
        if self.pending.get_value() {
            self.pending.set_value(false);
            self.revision.update(|r| *r += 1);
        }
    }
}

/// The derived values, from the context `App` provides.
pub fn use_derived() -> Derived {
    expect_context::<Derived>()
}
