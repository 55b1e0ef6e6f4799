//! What the page and its analysis worker say to each other. The worker (`app/analysis_worker.rs`,
//! its own wasm `reachmap-worker` in a Web Worker) holds the parser, the analysis and the scene
//! building, so that the page's thread never waits for them and the page's first download
//! carries none of that code. Messages are plain data, sent as JSON strings (`encode`, `decode`),
//! and tested natively; the engine that answers them is `logic::engine`.
//!
//! Every request carries a generation number. The page keeps at most one request in flight
//! (`logic::pacer`): changes made meanwhile wait, merged into one request sent when the answer comes,
//! so the worker never works for a text that is already stale, and an answer older than the
//! newest request is dropped, never drawn over a newer state.

use crate::logic::choices::Choices;
use crate::logic::compare::CompareShown;
use crate::logic::flow::{FlowShown, FlowWords};
use crate::logic::matrix::MatrixData;
use crate::logic::selection::Rows;
use crate::logic::text_edits::Splice;
use reachmap_core::diag::Severity;
use reachmap_core::scene::{Action, View};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The worker's script (trunk writes it: index.html), started as a module worker.
pub const SCRIPT: &str = "./reachmap-worker_loader.js";

/// How the person looks at the text: everything but the text that the answer depends on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewWords {
    /// The drawn view (`View::name`), empty on the Matrix tab.
    pub view: String,
    /// The Matrix tab is shown: the answer carries its data.
    pub matrix: bool,
    /// The selected endpoint or Service (`svc:ns/name`).
    pub selection: Option<String>,
    pub flow: FlowWords,
    /// `PortChoice` in words: empty for any port, else a probe (`TCP/80`).
    pub ports: String,
    pub hidden: BTreeSet<String>,
    pub collapsed: BTreeSet<String>,
    /// Namespaces opened in a folded drawing.
    pub expanded: BTreeSet<String>,
    pub show_denied: bool,
    /// Compare mode: the Policies view draws the change from the text kept as before, and the
    /// answer carries the list of changes.
    pub comparing: bool,
    /// The changed flow clicked in the list: the answer explains it in both versions.
    pub compared_flow: Option<FlowWords>,
}

/// A message to the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Answer for this text (`None`: the text of the previous request) and view.
    Work {
        generation: u64,
        text: Option<String>,
        view: Box<ViewWords>,
        /// The text kept as before, when it changed since the last request (it is a person's
        /// manifests, not a dump: it travels inside the JSON).
        #[serde(default)]
        before: Option<String>,
        /// The text travelling beside is not the whole text but what replaces this splice of
        /// the previous one (`logic::text_edits`).
        #[serde(default)]
        edit: Option<Splice>,
    },
    /// The flow a click on the matrix cell of pod groups `from` → `to` explains (the port the
    /// flow is allowed on), for the matrix of answer `generation`.
    Cell {
        generation: u64,
        from: usize,
        to: usize,
    },
}

/// A message to the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToPage {
    /// The worker has started and listens (it answers generation 0, `Pacer::new`).
    Ready,
    /// Work on request `generation` is under way: what is being done.
    Progress { generation: u64, words: String },
    /// The answer to request `generation`.
    Done(Box<Answer>),
    /// The flow a matrix cell explains.
    CellFlow { generation: u64, flow: FlowWords },
    /// Request `generation`'s splice did not fit the worker's text: it asks for the whole text
    /// (and answers nothing else for that request).
    NeedText { generation: u64 },
}

/// Everything the page shows of one text and view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub generation: u64,
    /// Parser diagnostics and analysis findings, in reading order.
    pub diagnostics: Vec<DiagnosticRow>,
    pub choices: Choices,
    /// `None` until both ends of a flow are chosen; the words why the flow does not fit.
    pub flow: Option<Result<FlowShown, String>>,
    /// The drawn view; `None` on the Matrix tab.
    pub scene: Option<SceneShown>,
    /// The Matrix tab's data, when it is shown.
    pub matrix: Option<MatrixData>,
    /// The selection panel's rows, when a pod group is selected (`selection::rows`).
    pub selection: Option<Rows>,
    /// While comparing: the changed flows and the one clicked, explained in both versions.
    pub compare: Option<CompareShown>,
    /// Milliseconds the worker spent, for the benchmark and the curious.
    pub millis: u64,
}

/// One diagnostic, as the editor's gutter and the list show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticRow {
    /// `Severity`'s word: `error`, `warning`, `info`.
    pub severity: String,
    /// 0 for another input than the editor's.
    pub source: usize,
    pub line: u32,
    pub column: u32,
    /// The object's name, then the sentence.
    pub message: String,
}

/// A laid-out scene, as the page draws it and exports it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SceneShown {
    /// `View::name`.
    pub view: String,
    pub width: i32,
    pub height: i32,
    pub title: String,
    /// `svg::page_markup`: the inside of the page's `<svg>`.
    pub markup: String,
    /// `svg::render`: the bytes Export SVG saves, those of `reachmap render`.
    pub export: String,
    /// The groups a click acts on, by `data-id`.
    pub acting: Vec<ActingGroup>,
}

impl SceneShown {
    pub fn view(&self) -> View {
        if self.view == View::Services.name() {
            View::Services
        } else {
            View::Policies
        }
    }

    /// The group with this id: its action, whether it is a bundled arrow, and its title.
    pub fn acting(&self, id: &str) -> Option<&ActingGroup> {
        self.acting.iter().find(|g| g.id == id)
    }

    /// The opened or closed arrow that draws `flow`, a changed flow of `compare`'s list: the
    /// one whose own row (the flow its click explains) has the same ends and the same change,
    /// as the drawing has one arrow per pair of boxes and kind of change.
    pub fn change_arrow(&self, compare: &CompareShown, flow: &FlowWords) -> Option<&ActingGroup> {
        let row_of = |words: &FlowWords| compare.rows.iter().find(|r| r.words() == *words);
        let chosen = row_of(flow)?;
        self.acting.iter().find(|g| {
            let ActionWords::Explain { from, to, port } = &g.action else {
                return false;
            };
            let own = FlowWords {
                from: from.clone(),
                to: to.clone(),
                port: port.clone(),
            };
            g.change
                && row_of(&own).is_some_and(|r| {
                    (&r.from, &r.to, &r.change) == (&chosen.from, &chosen.to, &chosen.change)
                })
        })
    }
}

/// A group of the scene that acts when clicked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingGroup {
    pub id: String,
    pub action: ActionWords,
    /// A bundled arrow: its title lists its flows.
    pub bundle: bool,
    /// An opened or closed arrow of the drawing of a change: it explains its changed flow.
    pub change: bool,
    pub title: String,
}

/// `scene::Action` as plain data (the core's is not `Deserialize`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionWords {
    Select(String),
    Explain {
        from: String,
        to: String,
        port: String,
    },
    Expand(Vec<String>),
}

impl Default for ActionWords {
    fn default() -> ActionWords {
        ActionWords::Expand(Vec::new())
    }
}

impl From<&Action> for ActionWords {
    fn from(a: &Action) -> ActionWords {
        match a {
            Action::Select(s) => ActionWords::Select(s.clone()),
            Action::Explain { from, to, port } => ActionWords::Explain {
                from: from.clone(),
                to: to.clone(),
                port: port.clone(),
            },
            Action::Expand(n) => ActionWords::Expand(n.clone()),
        }
    }
}

impl From<ActionWords> for Action {
    fn from(a: ActionWords) -> Action {
        match a {
            ActionWords::Select(s) => Action::Select(s),
            ActionWords::Explain { from, to, port } => Action::Explain { from, to, port },
            ActionWords::Expand(n) => Action::Expand(n),
        }
    }
}

/// A message as the text posted between the threads.
pub fn encode<T: Serialize>(message: &T) -> String {
    // Plain structs, maps with string keys: serialising cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

/// A message from its text; `None` for anything `encode` does not write.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

impl DiagnosticRow {
    pub fn severity(&self) -> Severity {
        match self.severity.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_read_back() {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            let row = DiagnosticRow {
                severity: s.to_string(),
                ..DiagnosticRow::default()
            };
            assert_eq!(row.severity(), s);
        }
    }

    #[test]
    fn messages_round_trip_and_anything_else_is_none() {
        let view = ViewWords {
            view: "policies".into(),
            selection: Some("svc:default/web".into()),
            flow: FlowWords {
                from: "a/b".into(),
                to: "outside".into(),
                port: "UDP/53".into(),
            },
            hidden: ["kube-system".to_string()].into(),
            ..ViewWords::default()
        };
        for m in [
            ToWorker::Work {
                generation: 3,
                text: Some("kind: Pod\n\"quoted\"\n".into()),
                view: Box::new(view.clone()),
                before: Some("kind: Service\n".into()),
                edit: None,
            },
            ToWorker::Work {
                generation: 4,
                text: None,
                view: Box::new(ViewWords {
                    comparing: true,
                    ..view
                }),
                before: None,
                edit: Some(Splice {
                    from: 2,
                    to: 5,
                    old_len: 9,
                }),
            },
            ToWorker::Cell {
                generation: 4,
                from: 1,
                to: 2,
            },
        ] {
            assert_eq!(decode::<ToWorker>(&encode(&m)), Some(m.clone()));
        }
        // A request without a text kept as before (as before Compare mode) still reads.
        let old = r#"{"Work":{"generation":1,"text":null,"view":{"view":"policies","matrix":false,"selection":null,"flow":{"from":"","to":"","port":""},"ports":"","hidden":[],"collapsed":[],"expanded":[],"show_denied":false,"comparing":false,"compared_flow":null}}}"#;
        match decode::<ToWorker>(old) {
            Some(ToWorker::Work {
                before, view, edit, ..
            }) => {
                assert_eq!((before, edit), (None, None));
                assert_eq!(view.view, "policies");
            }
            other => panic!("{other:?}"),
        }
        let answer = ToPage::Done(Box::new(Answer {
            generation: 9,
            flow: Some(Err("From: no pod".into())),
            scene: Some(SceneShown {
                view: "services".into(),
                acting: vec![ActingGroup {
                    id: "n1".into(),
                    action: ActionWords::Expand(vec!["a".into()]),
                    bundle: true,
                    change: true,
                    title: "t".into(),
                }],
                ..SceneShown::default()
            }),
            ..Answer::default()
        }));
        assert_eq!(decode::<ToPage>(&encode(&answer)), Some(answer));
        assert_eq!(
            decode::<ToPage>(&encode(&ToPage::Ready)),
            Some(ToPage::Ready)
        );
        assert_eq!(decode::<ToPage>("{\"Frob\":1}"), None);
        assert_eq!(decode::<ToWorker>(""), None);
    }

    #[test]
    fn actions_and_views_keep_their_meaning() {
        for a in [
            Action::Select("svc:a/b".into()),
            Action::Explain {
                from: "a/b".into(),
                to: "a/c:80".into(),
                port: String::new(),
            },
            Action::Expand(vec!["x".into(), "y".into()]),
        ] {
            assert_eq!(Action::from(ActionWords::from(&a)), a);
        }
        for v in [View::Services, View::Policies] {
            let s = SceneShown {
                view: v.name().into(),
                ..SceneShown::default()
            };
            assert_eq!(s.view(), v);
        }
    }

    #[test]
    fn a_changed_flow_is_drawn_by_the_arrow_of_its_ends_and_change() {
        use crate::logic::compare::ChangedFlow;
        let row = |probe: &str, change: &str| ChangedFlow {
            from: "a/x".into(),
            to: "b/y".into(),
            probe: probe.into(),
            change: change.into(),
            port: probe.split('-').next().unwrap().into(),
            ..ChangedFlow::default()
        };
        let compare = CompareShown {
            rows: vec![
                row("SCTP/1-65535", "opened"),
                row("TCP/1-65535", "opened"),
                row("UDP/53", "closed"),
                row("UDP/54", "changed"),
            ],
            ..CompareShown::default()
        };
        let arrow = |id: &str, port: &str, change: bool| ActingGroup {
            id: id.into(),
            action: ActionWords::Explain {
                from: "a/x".into(),
                to: "b/y".into(),
                port: port.into(),
            },
            change,
            ..ActingGroup::default()
        };
        let scene = SceneShown {
            acting: vec![
                arrow("dimmed", "TCP/1", false),
                arrow("opened", "TCP/1", true),
                arrow("closed", "UDP/53", true),
            ],
            ..SceneShown::default()
        };
        let flow = |port: &str| FlowWords {
            from: "a/x".into(),
            to: "b/y".into(),
            port: port.into(),
        };
        let drawn = |port: &str| {
            scene
                .change_arrow(&compare, &flow(port))
                .map(|g| g.id.as_str())
        };
        assert_eq!(
            drawn("TCP/1"),
            Some("opened"),
            "its own flow, not the dimmed arrow"
        );
        assert_eq!(drawn("SCTP/1"), Some("opened"), "another flow it draws");
        assert_eq!(drawn("UDP/53"), Some("closed"));
        assert_eq!(drawn("UDP/54"), None, "a change no arrow draws");
        assert_eq!(drawn("UDP/5"), None, "no such row");
    }
}
