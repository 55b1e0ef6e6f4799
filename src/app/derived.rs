//! Everything the page shows, derived from the text and the choices in `Ui` by memos: parsing
//! and analysis once per text, the scene once per text and view options, the flow's answer.
//! Memos recompute only when what they read changes, and only when something reads them (the
//! Matrix is never computed while its tab is hidden).

use super::state::{FlowWords, Ui};
use leptos::prelude::*;
use reachmap_core::analysis::{
    all_diagnostics, analyze_services, answer, representative_probes, FlowQuery, FlowTarget,
    PortMatrix, Probe, QueryError, ServiceReport, Verdict,
};
use reachmap_core::diag::Diagnostic;
use reachmap_core::model::Model;
use reachmap_core::parse::{parse, Parsed};
use reachmap_core::report::answer_text;
use reachmap_core::scene::{self, Scene, SceneOptions};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// The text parsed and analysed: what every view reads.
pub struct Analysis {
    pub parsed: Parsed,
    pub reports: Vec<ServiceReport>,
    /// Parser diagnostics and analysis findings, in reading order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn of(text: &str) -> Analysis {
        let parsed = parse(text);
        let reports = analyze_services(&parsed.model);
        let diagnostics = all_diagnostics(&parsed, &reports);
        Analysis {
            parsed,
            reports,
            diagnostics,
        }
    }

    pub fn model(&self) -> &Model {
        &self.parsed.model
    }
}

/// What the pickers offer for the current model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// Pod endpoints (`ns/name`, `ns/name[Kind]`), in model order.
    pub endpoints: Vec<String>,
    /// Service ports as `(words, label)`: `ns/svc:http` and `ns/svc:80 (http)`.
    pub service_ports: Vec<(String, String)>,
    /// Probes worth choosing: every declared container port and every representative probe.
    pub probes: Vec<Probe>,
    pub namespaces: Vec<String>,
}

impl Choices {
    fn of(model: &Model) -> Choices {
        let mut probes: BTreeSet<Probe> = representative_probes(model).into_iter().collect();
        for g in &model.groups {
            for p in &g.ports {
                probes.insert(Probe::new(p.protocol, p.port));
            }
        }
        let service_ports = model
            .services
            .iter()
            .flat_map(|s| {
                s.ports.iter().map(move |p| {
                    let word = p.name.clone().unwrap_or_else(|| p.port.to_string());
                    let label = match &p.name {
                        Some(n) => format!("{}:{} ({n})", s.key(), p.port),
                        None => format!("{}:{}", s.key(), p.port),
                    };
                    (format!("{}:{word}", s.key()), label)
                })
            })
            .collect();
        Choices {
            endpoints: model.groups.iter().map(|g| g.endpoint()).collect(),
            service_ports,
            probes: probes.into_iter().collect(),
            namespaces: model.namespaces.iter().map(|n| n.name.clone()).collect(),
        }
    }
}

/// The answer to the flow the person chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowResult {
    pub query: FlowQuery,
    pub verdict: Verdict,
    /// `report::answer_text`: the same words as `reachmap explain`.
    pub text: String,
    /// The port the answer is about (the chosen one, or the default for the destination).
    pub port: String,
}

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
                let analysis = ui.text.with_untracked(|t| Arc::new(Analysis::of(t)));
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
                        if hidden.is_empty() {
                            return None;
                        }
                        choices.with(|c| {
                            Some(
                                c.namespaces
                                    .iter()
                                    .filter(|n| !hidden.contains(*n))
                                    .cloned()
                                    .collect(),
                            )
                        })
                    }),
                };
                Some(analysis.with(|a| Arc::new(scene::build(a.model(), &a.reports, &options))))
            },
            // Equal scenes draw the same: an edit that changes no shape (a comment, a
            // reordering) leaves the diagram's DOM alone.
            |old, new| old != new,
        );
        let matrix = Memo::new_with_compare(
            move |_| {
                let choice = ui.ports.get();
                analysis.with(|a| Arc::new(PortMatrix::new(a.model(), choice)))
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

/// The port a flow to `to` is asked about when none is chosen: the destination's first
/// declared container port, else TCP/80 (the CLI's default probe).
pub fn default_port(model: &Model, to: &str) -> String {
    model
        .group(to)
        .and_then(|g| model.groups[g].ports.first())
        .map(|p| Probe::new(p.protocol, p.port).to_string())
        .unwrap_or_else(|| Probe::tcp(80).to_string())
}

fn flow_result(a: &Analysis, words: &FlowWords) -> Result<FlowResult, QueryError> {
    let model = a.model();
    let port = if words.port.is_empty() {
        default_port(model, &words.to)
    } else {
        words.port.clone()
    };
    let query = FlowQuery::parse(model, &words.from, &words.to, Some(&port))?;
    let port = match query.to {
        FlowTarget::ServicePort { .. } => String::new(),
        FlowTarget::Endpoint(_) => port,
    };
    let ans = answer(model, &a.reports, &query);
    Ok(FlowResult {
        query,
        verdict: ans.verdict(),
        text: answer_text(model, &ans),
        port,
    })
}

/// The derived values, from the context `App` provides.
pub fn use_derived() -> Derived {
    expect_context::<Derived>()
}
