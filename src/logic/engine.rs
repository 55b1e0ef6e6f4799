//! The analysis worker's work, as plain Rust (the worker's wasm glue is
//! `app/analysis_worker.rs`): a text and a view in, everything the page shows out
//! (`worker_bridge::Answer`), through the same core calls the page made on its own thread
//! before: `Analysis::of_cached(text, &ParseOptions::page(), …)` (the same analysis as
//! `Analysis::of_with`, reading only the documents that changed), `scene::build`,
//! `svg::page_markup` and `svg::render`. The text's analysis is kept while only the view changes.

use super::choices::Choices;
use super::compare::{compare_shown, Baseline};
use super::flow::{default_port, shown_flow, FlowWords};
use super::matrix::MatrixData;
use super::progress::{count, reading_words};
use super::selection::rows;
use super::text_edits::Splice;
use crate::worker_bridge::{ActingGroup, Answer, DiagnosticRow, SceneShown, ViewWords};
use reachmap_core::analysis::{Analysis, PortChoice, Probe};
use reachmap_core::parse::ReadCache;
use reachmap_core::scene::{self, Class, SceneOptions, Shape, View};
use reachmap_core::svg;
use reachmap_core::ParseOptions;
use std::sync::Arc;

/// The worker's state: the last text and its analysis.
pub struct Engine {
    text: String,
    analysis: Arc<Analysis>,
    choices: Choices,
    /// The ports of the last answer's matrix, for a cell's flow.
    ports: PortChoice,
    /// The text kept as before, while the person compares.
    baseline: Baseline,
    /// The readings of the last text's documents: the next text reads only those that changed.
    cache: ReadCache,
}

impl Default for Engine {
    fn default() -> Engine {
        let analysis = Arc::new(Analysis::of_with("", &ParseOptions::page()));
        Engine {
            text: String::new(),
            choices: Choices::of(analysis.model()),
            analysis,
            ports: PortChoice::Any,
            baseline: Baseline::default(),
            cache: ReadCache::default(),
        }
    }
}

impl Engine {
    /// The text `splice` makes of the last one, with `inserted` in its place; `None` when the
    /// splice was not made on that text (the page then sends the whole text).
    pub fn spliced(&self, splice: &Splice, inserted: &str) -> Option<String> {
        let mut text = self.text.clone();
        splice.apply(&mut text, inserted)?;
        Some(text)
    }

    /// The answer for `text` (`None`: the last one), the text kept as `before` (`None`: the
    /// last one) and `view`; `progress` hears what is being done before each long step.
    pub fn work(
        &mut self,
        generation: u64,
        text: Option<String>,
        before: Option<String>,
        view: &ViewWords,
        progress: &mut dyn FnMut(String),
    ) -> Answer {
        if let Some(text) = text {
            if text != self.text {
                progress(reading_words(&text));
                self.analysis = Arc::new(Analysis::of_cached(
                    &text,
                    &ParseOptions::page(),
                    &mut self.cache,
                ));
                self.choices = Choices::of(self.analysis.model());
                self.text = text;
                self.baseline.text_changed();
            }
        }
        if let Some(before) = before {
            self.baseline
                .keep(before, (&self.text, &self.analysis), progress);
        }
        let ports = port_choice(&view.ports);
        self.ports = ports;
        // Only while comparing: the diff, once per text, text kept and ports.
        let diff = if view.comparing {
            self.baseline.diff(&self.analysis, ports, progress)
        } else {
            None
        };
        let a = &*self.analysis;
        let compare = diff
            .as_ref()
            .zip(self.baseline.analysis())
            .map(|(d, before)| compare_shown(d, before, a, view.compared_flow.as_ref()));
        let flow = view.flow.is_complete().then(|| shown_flow(a, &view.flow));
        let scene = view_of(&view.view).map(|v| {
            let groups = count(a.model().groups.len());
            progress(format!(
                "drawing the {} view of {groups} pod groups…",
                v.name()
            ));
            let options = SceneOptions {
                view: v,
                focus: view.selection.clone(),
                flow: flow.as_ref().and_then(|f| f.as_ref().ok()).map(|(q, _)| *q),
                ports,
                collapsed: view.collapsed.clone(),
                namespaces: self.choices.shown_namespaces(&view.hidden),
                level: None,
                expand: view.expanded.clone(),
                show_denied: view.show_denied,
            };
            match (&diff, v) {
                (Some(d), View::Policies) => shown(&scene::build_diff_of(a, d, &options)),
                _ => shown(&scene::build(a, &options)),
            }
        });
        let matrix = view.matrix.then(|| {
            progress(format!(
                "computing the matrix of {} pod groups…",
                count(a.model().groups.len())
            ));
            MatrixData::of(a.model(), &a.port_matrix(ports))
        });
        // The selection panel's rows, on the view's ports (a Service selected has none).
        let selection = view
            .selection
            .as_deref()
            .and_then(|s| rows(a, &a.port_matrix(ports), s));
        Answer {
            generation,
            diagnostics: diagnostic_rows(a),
            selection,
            choices: self.choices.clone(),
            flow: flow.map(|f| f.map(|(_, shown)| shown)),
            scene,
            matrix,
            compare,
            millis: 0,
        }
    }

    /// The flow a click on the matrix cell `from` → `to` explains: on the chosen probe, or
    /// for any port the one the flow is allowed on (preferring the destination's declared
    /// ports), else the destination's default port.
    pub fn cell_flow(&self, from: usize, to: usize) -> Option<FlowWords> {
        let model = self.analysis.model();
        let (source, target) = (model.groups.get(from)?, model.groups.get(to)?);
        let port = match self.ports {
            PortChoice::Probe(p) => p.to_string(),
            PortChoice::Any => {
                let declared: Vec<Probe> = target
                    .ports
                    .iter()
                    .map(|p| Probe::new(p.protocol, p.port))
                    .collect();
                self.analysis
                    .port_matrix(PortChoice::Any)
                    .witness(from, to, &declared)
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| default_port(model, &target.endpoint()))
            }
        };
        Some(FlowWords {
            from: source.endpoint(),
            to: target.endpoint(),
            port,
        })
    }
}

/// `PortChoice` from its words: empty (or unreadable) for any port.
pub fn port_choice(words: &str) -> PortChoice {
    words
        .parse::<Probe>()
        .map_or(PortChoice::Any, PortChoice::Probe)
}

/// `PortChoice` in words, as `ViewWords::ports` carries it.
pub fn port_words(choice: PortChoice) -> String {
    match choice {
        PortChoice::Any => String::new(),
        PortChoice::Probe(p) => p.to_string(),
    }
}

fn view_of(name: &str) -> Option<View> {
    [View::Services, View::Policies]
        .into_iter()
        .find(|v| v.name() == name)
}

/// The scene as the page draws, exports and clicks it.
fn shown(scene: &scene::Scene) -> SceneShown {
    let mut acting = Vec::new();
    collect_acting(&scene.shapes, &mut acting);
    SceneShown {
        view: scene.view.name().into(),
        width: scene.width,
        height: scene.height,
        title: scene.title.clone(),
        markup: svg::page_markup(scene),
        export: svg::render(scene),
        acting,
    }
}

fn collect_acting(shapes: &[Shape], out: &mut Vec<ActingGroup>) {
    for shape in shapes {
        if let Shape::Group(g) = shape {
            if let Some(action) = &g.action {
                out.push(ActingGroup {
                    id: g.id.clone(),
                    action: action.into(),
                    bundle: g.classes.contains(&Class::Bundle),
                    change: g.classes.contains(&Class::Opened)
                        || g.classes.contains(&Class::Closed),
                    title: g.title.clone(),
                });
            }
            collect_acting(&g.children, out);
        }
    }
}

fn diagnostic_rows(a: &Analysis) -> Vec<DiagnosticRow> {
    a.diagnostics
        .iter()
        .map(|d| DiagnosticRow {
            severity: d.severity.to_string(),
            source: d.location.source,
            line: d.location.line,
            column: d.location.column,
            message: if d.object.is_empty() {
                d.message.clone()
            } else {
                format!("{}: {}", d.object, d.message)
            },
        })
        .collect()
}

#[cfg(test)]
mod tests;
