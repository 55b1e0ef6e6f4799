//! The analysis worker's work, as plain Rust (the worker's wasm glue is
//! `app/analysis_worker.rs`): a text and a view in, everything the page shows out
//! (`worker_bridge::Answer`), through the same core calls the page made on its own thread
//! before: `Analysis::of_with(text, &ParseOptions::page())`, `scene::build`, `svg::page_markup`
//! and `svg::render`. The text's analysis is kept while only the view changes.

use super::choices::Choices;
use super::compare::{compare_shown, Baseline};
use super::flow::{default_port, flow_result, page_words, FlowWords};
use super::matrix::MatrixData;
use super::matrix_html::verdict_mark;
use super::selection::rows;
use crate::worker_bridge::{ActingGroup, Answer, DiagnosticRow, FlowShown, SceneShown, ViewWords};
use reachmap_core::analysis::{Analysis, FlowQuery, PortChoice, Probe};
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
        }
    }
}

impl Engine {
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
                self.analysis = Arc::new(Analysis::of_with(&text, &ParseOptions::page()));
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

/// The answer to `words` as the page shows it, with its query; the words why they do not fit.
pub fn shown_flow(a: &Analysis, words: &FlowWords) -> Result<(FlowQuery, FlowShown), String> {
    flow_result(a, words)
        .map(|r| {
            let (icon, word) = verdict_mark(r.verdict);
            (
                r.query,
                FlowShown {
                    icon: icon.into(),
                    word: word.into(),
                    text: r.text,
                    links: r.links,
                },
            )
        })
        .map_err(|e| page_words(&e))
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

/// What the progress line says while a text is read: its pods and its size. Pods are counted
/// by their `kind: Pod` lines at an object's depth (a top-level object, a list's item; not an
/// EndpointSlice's `targetRef`), in YAML or in `kubectl -o json`'s layout: an estimate for
/// the progress line, not a reading.
pub fn reading_words(text: &str) -> String {
    let pods = text
        .lines()
        .filter(|l| {
            let body = l.trim_start();
            let indent = l.len() - body.len();
            let body = body.trim_start_matches("- ").trim_end_matches(',');
            (indent < 4 && body == "kind: Pod") || (indent <= 12 && body == "\"kind\": \"Pod\"")
        })
        .count();
    let size = format!("{:.1} MB", text.len() as f64 / 1e6);
    match pods {
        0 => format!("reading {size}…"),
        1 => format!("reading 1 pod ({size})…"),
        n => format!("reading {} pods ({size})…", count(n)),
    }
}

/// A count with thousands separators: `1,008`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::selection::rows as rows_of;
    use reachmap_core::analysis::Verdict;
    use reachmap_core::analysis::{diff, DiffPorts};

    fn example(name: &str) -> String {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/public/examples/reference/");
        std::fs::read_to_string(format!("{root}{name}")).unwrap()
    }

    fn policies() -> ViewWords {
        ViewWords {
            view: "policies".into(),
            ..ViewWords::default()
        }
    }

    #[test]
    fn the_answer_is_the_cores_own_and_the_export_is_reachmap_renders_bytes() {
        let text = example("api-allow.yaml");
        let mut engine = Engine::default();
        let mut heard = Vec::new();
        let answer = engine.work(1, Some(text.clone()), None, &policies(), &mut |w| {
            heard.push(w)
        });
        let a = Analysis::of(&text);
        let scene = scene::build(
            &a,
            &SceneOptions {
                view: View::Policies,
                ..SceneOptions::default()
            },
        );
        let shown = answer.scene.unwrap();
        assert_eq!(shown.export, svg::render(&scene));
        assert_eq!(shown.markup, svg::page_markup(&scene));
        assert_eq!((shown.width, shown.height), (scene.width, scene.height));
        assert!(
            shown.acting.iter().any(|g| g.id.starts_with("pod:")),
            "{:?}",
            shown.acting
        );
        assert_eq!(answer.choices, Choices::of(a.model()));
        assert_eq!(answer.diagnostics.len(), a.diagnostics.len());
        assert_eq!(answer.generation, 1);
        assert!(answer.matrix.is_none() && answer.flow.is_none());
        assert_eq!(heard.len(), 2, "{heard:?}");
        assert!(heard[0].starts_with("reading 3 pods"), "{heard:?}");
        assert!(heard[1].starts_with("drawing the policies view of 3 pod groups"));
    }

    #[test]
    fn a_view_change_reads_nothing_again_and_answers_the_flow_and_the_matrix() {
        let mut engine = Engine::default();
        let mut heard = Vec::new();
        engine.work(
            1,
            Some(example("api-allow.yaml")),
            None,
            &policies(),
            &mut |_| {},
        );
        let view = ViewWords {
            view: String::new(),
            matrix: true,
            flow: FlowWords {
                from: "default/coffeeshop".into(),
                to: "default/payment-processor".into(),
                port: String::new(),
            },
            ..ViewWords::default()
        };
        let answer = engine.work(2, None, None, &view, &mut |w| heard.push(w));
        assert_eq!(heard, ["computing the matrix of 3 pod groups…"]);
        let flow = answer.flow.unwrap().unwrap();
        assert_eq!(flow.word, verdict_mark(Verdict::Allowed).1);
        assert!(flow.text.contains("allowed"), "{}", flow.text);
        let m = answer.matrix.unwrap();
        assert_eq!(m.groups.len(), 3);
        // The same text again is not read again either.
        heard.clear();
        engine.work(
            3,
            Some(example("api-allow.yaml")),
            None,
            &policies(),
            &mut |w| heard.push(w),
        );
        assert_eq!(heard.len(), 1, "{heard:?}");
        // Words that no longer fit say why, with the page's names for the controls.
        let gone = ViewWords {
            flow: FlowWords {
                from: "default/gone".into(),
                to: "default/coffeeshop".into(),
                port: String::new(),
            },
            ..ViewWords::default()
        };
        let e = engine
            .work(4, None, None, &gone, &mut |_| {})
            .flow
            .unwrap()
            .unwrap_err();
        assert!(e.starts_with("From: "), "{e}");
    }

    #[test]
    fn a_denials_rule_references_come_with_their_place_in_the_text() {
        let text = example("api-allow.yaml");
        let mut engine = Engine::default();
        let view = ViewWords {
            flow: FlowWords {
                from: "default/nginx".into(),
                to: "default/payment-processor".into(),
                port: "TCP/80".into(),
            },
            ..ViewWords::default()
        };
        let flow = engine
            .work(1, Some(text.clone()), None, &view, &mut |_| {})
            .flow
            .unwrap()
            .unwrap();
        let shown: Vec<(&str, &str, u32, u32)> = flow
            .links
            .iter()
            .map(|l| {
                (
                    &flow.text[l.start..l.end],
                    l.path.as_str(),
                    l.line,
                    l.column,
                )
            })
            .collect();
        // The `- podSelector:` entry of api-allow's `from`, line 55, after `    - `.
        assert_eq!(text.lines().nth(54).unwrap(), "    - podSelector:");
        assert_eq!(
            shown,
            [
                ("default/api-allow", "", 44, 1),
                ("default/api-allow ingress[0]", "spec.ingress[0]", 54, 5),
                ("from[0]", "spec.ingress[0].from[0]", 55, 7),
            ]
        );
    }

    #[test]
    fn a_cells_flow_is_on_the_port_the_flow_is_allowed_on() {
        let mut engine = Engine::default();
        let text = example("api-allow.yaml");
        let view = ViewWords {
            matrix: true,
            ..ViewWords::default()
        };
        let m = engine
            .work(1, Some(text), None, &view, &mut |_| {})
            .matrix
            .unwrap();
        let find = |e: &str| m.groups.iter().position(|g| g.endpoint == e).unwrap();
        let (coffee, pay) = (
            find("default/coffeeshop"),
            find("default/payment-processor"),
        );
        let flow = engine.cell_flow(coffee, pay).unwrap();
        assert_eq!(flow.from, "default/coffeeshop");
        assert_eq!(flow.to, "default/payment-processor");
        assert!(!flow.port.is_empty());
        assert_eq!(engine.cell_flow(0, 99), None);
        let probe = ViewWords {
            matrix: true,
            ports: "UDP/53".into(),
            ..ViewWords::default()
        };
        engine.work(2, None, None, &probe, &mut |_| {});
        assert_eq!(engine.cell_flow(coffee, pay).unwrap().port, "UDP/53");
    }

    #[test]
    fn a_selected_pod_groups_rows_and_the_some_ports_ranges_come_with_the_answer() {
        let mut engine = Engine::default();
        let text = example("port-allow.yaml");
        let view = ViewWords {
            matrix: true,
            selection: Some("default/backend".into()),
            ..policies()
        };
        let answer = engine.work(1, Some(text.clone()), None, &view, &mut |_| {});
        let a = Analysis::of_with(&text, &ParseOptions::page());
        let m = a.port_matrix(PortChoice::Any);
        let rows = answer.selection.clone().unwrap();
        assert_eq!(Some(&rows), rows_of(&a, &m, "default/backend").as_ref());
        let front = rows.ingress.iter().find(|r| r.peer == "default/frontend");
        assert_eq!(front.unwrap().ports, "TCP/8080 only");
        let data = answer.matrix.clone().unwrap();
        let find = |e: &str| data.groups.iter().position(|g| g.endpoint == e).unwrap();
        let (f, b) = (find("default/frontend"), find("default/backend"));
        assert_eq!(data.some_ports(f, b), Some("TCP/8080"));
        assert_eq!(data.some_ports(b, f), None);
        // What the page receives is what the worker sent.
        let sent = crate::worker_bridge::encode(&answer);
        assert_eq!(crate::worker_bridge::decode::<Answer>(&sent), Some(answer));
        // A Service selected: no rows.
        let service = ViewWords {
            selection: Some("svc:default/backend".into()),
            ..policies()
        };
        assert!(engine
            .work(2, None, None, &service, &mut |_| {})
            .selection
            .is_none());
    }

    #[test]
    fn comparing_answers_the_cores_diff_its_drawing_and_render_diffs_bytes() {
        let after = example("api-allow.yaml");
        let rule = "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: coffeeshop\n";
        let before = after.replace(rule, "  ingress: []\n");
        assert_ne!(before, after);
        let mut engine = Engine::default();
        // Kept as before: the current text, read once.
        let mut heard = Vec::new();
        engine.work(
            1,
            Some(before.clone()),
            Some(before.clone()),
            &policies(),
            &mut |w| heard.push(w),
        );
        assert_eq!(heard.len(), 2, "{heard:?}");
        let comparing = ViewWords {
            comparing: true,
            ..policies()
        };
        let answer = engine.work(2, Some(after.clone()), None, &comparing, &mut |_| {});
        let (old, new) = (Analysis::of(&before), Analysis::of(&after));
        let d = diff(&old, &new, &DiffPorts::Any);
        let compare = answer.compare.clone().unwrap();
        assert_eq!(compare, compare_shown(&d, &old, &new, None));
        assert_eq!((compare.opened, compare.closed), (d.opened(), d.closed()));
        let options = SceneOptions {
            view: View::Policies,
            ..SceneOptions::default()
        };
        let drawn = scene::build_diff(&old, &new, &options);
        let shown = answer.scene.unwrap();
        assert_eq!(shown.export, svg::render(&drawn));
        assert_eq!(shown.markup, svg::page_markup(&drawn));
        // A row clicked: the diff is not computed again, the flow is explained on both sides.
        let clicked = ViewWords {
            compared_flow: Some(compare.rows[0].words()),
            ..comparing.clone()
        };
        let mut heard = Vec::new();
        let answer = engine.work(3, None, None, &clicked, &mut |w| heard.push(w));
        assert_eq!(heard, ["drawing the policies view of 3 pod groups…"]);
        let both = answer.compare.unwrap().explained.unwrap();
        assert_eq!(both.before.unwrap().word, "denied");
        assert_eq!(both.after.unwrap().word, "allowed");
        // Not comparing: the ordinary view, no list.
        let answer = engine.work(4, None, None, &policies(), &mut |_| {});
        assert!(answer.compare.is_none());
        assert_eq!(
            answer.scene.unwrap().export,
            svg::render(&scene::build(&new, &options))
        );
    }

    #[test]
    fn the_diagnostics_list_gets_one_line_for_eleven_objects_of_a_kind_not_analysed() {
        let root = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/examples/online-boutique/"
        );
        let text = std::fs::read_to_string(format!("{root}kubernetes-manifests.yaml")).unwrap();
        assert_eq!(text.matches("kind: ServiceAccount").count(), 11);
        let rows = Engine::default()
            .work(1, Some(text), None, &ViewWords::default(), &mut |_| {})
            .diagnostics;
        let accounts: Vec<&str> = rows
            .iter()
            .filter(|r| r.message.contains("ServiceAccount is not analysed"))
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(accounts.len(), 1, "{rows:?}");
        assert!(
            accounts[0].contains("ServiceAccount is not analysed (11 objects, the first here)"),
            "{accounts:?}"
        );
    }

    #[test]
    fn words_for_progress_and_ports() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1008), "1,008");
        assert_eq!(count(1234567), "1,234,567");
        let yaml = "items:\n- kind: Pod\n  x: 1\n- kind: Pod\n  targets:\n    - kind: Pod\n";
        assert_eq!(reading_words(yaml), "reading 2 pods (0.0 MB)…");
        let json = "{\"items\": [\n {\n  \"kind\": \"Pod\",\n  \"a\": 1\n }\n]}";
        assert_eq!(reading_words(json), "reading 1 pod (0.0 MB)…");
        assert_eq!(reading_words(""), "reading 0.0 MB…");
        for c in [PortChoice::Any, PortChoice::Probe(Probe::tcp(8080))] {
            assert_eq!(port_choice(&port_words(c)), c);
        }
    }
}
