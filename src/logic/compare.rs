//! Compare mode: the text kept as "before", and what the page shows of the change from it to
//! the text in the editor. The changes are the core's `analysis::diff` rows (what `reachmap
//! diff` prints), the drawing `scene::build_diff_of` of the same diff (what `reachmap render
//! --diff` draws), and a changed flow's two explanations `flow_result` on each version's
//! analysis (what `reachmap explain` prints for each file): nothing is computed here a second way.

use super::flow::{shown_flow, FlowShown, FlowWords};
use super::progress::reading_words;
use reachmap_core::analysis::{diff, Analysis, Diff, DiffPorts, DiffRow, PortChoice};
use reachmap_core::ParseOptions;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The worker's side of a comparison: the text kept as before, its analysis, and the diff of
/// the current text against it on the last ports asked (computed once per text, before text
/// and ports, however often the view changes).
#[derive(Default)]
pub struct Baseline {
    kept: Option<(String, Arc<Analysis>)>,
    diff: Option<(PortChoice, Arc<Diff>)>,
}

impl Baseline {
    /// Keeps `text` as before; when it is the current text, its analysis is the current one's.
    pub fn keep(
        &mut self,
        text: String,
        current: (&str, &Arc<Analysis>),
        progress: &mut dyn FnMut(String),
    ) {
        if self.kept.as_ref().is_some_and(|(t, _)| *t == text) {
            return;
        }
        let analysis = if text == current.0 {
            Arc::clone(current.1)
        } else {
            progress(format!(
                "reading the text kept as before, {}",
                reading_words(&text)
            ));
            Arc::new(Analysis::of_with(&text, &ParseOptions::page()))
        };
        self.kept = Some((text, analysis));
        self.diff = None;
    }

    /// The current text changed: the diff is of an older one.
    pub fn text_changed(&mut self) {
        self.diff = None;
    }

    /// The analysis of the text kept as before, if one is kept.
    pub fn analysis(&self) -> Option<&Arc<Analysis>> {
        self.kept.as_ref().map(|(_, a)| a)
    }

    /// `analysis::diff` of the kept text against `after` on `ports`; `None` when no text is kept.
    pub fn diff(
        &mut self,
        after: &Analysis,
        ports: PortChoice,
        progress: &mut dyn FnMut(String),
    ) -> Option<Arc<Diff>> {
        let (_, before) = self.kept.as_ref()?;
        if let Some((p, d)) = &self.diff {
            if *p == ports {
                return Some(Arc::clone(d));
            }
        }
        progress("comparing with the text kept as before…".into());
        let d = Arc::new(diff(before, after, &DiffPorts::from(ports)));
        self.diff = Some((ports, Arc::clone(&d)));
        Some(d)
    }
}

/// The list of changes shows at most this many rows (a large change is for `reachmap diff`).
pub const ROWS_LISTED: usize = 500;

/// The text kept as "before", with the time it was kept (`HH:MM`, the page's clock).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub text: String,
    pub at: String,
}

impl Kept {
    /// As local storage keeps it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What `to_json` wrote; `None` for anything else.
    pub fn from_json(json: &str) -> Option<Kept> {
        serde_json::from_str(json).ok()
    }
}

/// `HH:MM` of a clock's hours and minutes.
pub fn clock(hours: u32, minutes: u32) -> String {
    format!("{hours:02}:{minutes:02}")
}

/// One changed flow, as the list shows it: a `DiffRow` in words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedFlow {
    pub from: String,
    pub to: String,
    pub probe: String,
    /// `Seen`'s words: `allowed`, `denied`, `depends`, `absent`.
    pub before: String,
    pub after: String,
    pub cause: String,
    /// `opened`, `closed`, or `changed` (to or from `depends`, an end `absent`).
    pub change: String,
    /// The port a click explains it on (`DiffRow::explained_port`, as the drawing's arrows).
    pub port: String,
}

impl ChangedFlow {
    fn of(row: &DiffRow) -> ChangedFlow {
        let change = if row.opened() {
            "opened"
        } else if row.closed() {
            "closed"
        } else {
            "changed"
        };
        ChangedFlow {
            from: row.from.clone(),
            to: row.to.clone(),
            probe: row.probe.clone(),
            before: row.before.to_string(),
            after: row.after.to_string(),
            cause: row.cause.clone(),
            change: change.into(),
            port: row.explained_port(),
        }
    }

    /// The flow a click on the row explains (that of a click on its arrow in the drawing,
    /// `scene::build_diff_of`'s `Action::Explain`): on the first port of its interval; a
    /// Service port names its own.
    pub fn words(&self) -> FlowWords {
        FlowWords {
            from: self.from.clone(),
            to: self.to.clone(),
            port: self.port.clone(),
        }
    }
}

/// A changed flow explained in each version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideBySide {
    pub flow: FlowWords,
    /// The explanation in the text kept as before, or why the flow does not exist there.
    pub before: Result<FlowShown, String>,
    pub after: Result<FlowShown, String>,
}

/// What the page shows of a comparison besides the drawing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareShown {
    pub opened: usize,
    pub closed: usize,
    /// Every changed flow (the list shows the first `ROWS_LISTED`).
    pub total: usize,
    pub rows: Vec<ChangedFlow>,
    /// The changed flow clicked, explained in both versions.
    pub explained: Option<SideBySide>,
}

/// The comparison's list, and `flow` (a row clicked) explained in both versions.
pub fn compare_shown(
    d: &Diff,
    before: &Analysis,
    after: &Analysis,
    flow: Option<&FlowWords>,
) -> CompareShown {
    CompareShown {
        opened: d.opened(),
        closed: d.closed(),
        total: d.rows.len(),
        rows: d
            .rows
            .iter()
            .take(ROWS_LISTED)
            .map(ChangedFlow::of)
            .collect(),
        explained: flow.map(|words| SideBySide {
            flow: words.clone(),
            before: shown_flow(before, words).map(|(_, s)| s),
            after: shown_flow(after, words).map(|(_, s)| s),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_text_reads_back_and_the_clock_has_two_digits() {
        let k = Kept {
            text: "kind: Pod\n\"é\"\n".into(),
            at: clock(9, 5),
        };
        assert_eq!(k.at, "09:05");
        assert_eq!(Kept::from_json(&k.to_json()), Some(k));
        assert_eq!(Kept::from_json("not json"), None);
    }

    #[test]
    fn the_list_is_the_diffs_rows_and_a_clicked_row_is_explained_on_both_sides() {
        let after = crate::logic::reference_example("api-allow");
        let rule = "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: coffeeshop\n";
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/examples/reference/api-allow.yaml"
        ))
        .unwrap();
        let before = Analysis::of(&text.replace(rule, "  ingress: []\n"));
        let d = diff(&before, &after, &DiffPorts::Any);
        let shown = compare_shown(&d, &before, &after, None);
        assert_eq!((shown.opened, shown.closed, shown.total), (3, 0, 3));
        assert_eq!(shown.rows.len(), d.rows.len());
        for (r, row) in shown.rows.iter().zip(&d.rows) {
            assert_eq!((&r.from, &r.to, &r.probe), (&row.from, &row.to, &row.probe));
            assert_eq!((r.before.as_str(), r.after.as_str()), ("denied", "allowed"));
            assert_eq!(r.change, "opened");
            assert_eq!(r.cause, row.cause);
        }
        let words = shown.rows[1].words();
        assert_eq!(words.port, "TCP/1");
        let shown = compare_shown(&d, &before, &after, Some(&words));
        let both = shown.explained.unwrap();
        let (b, a) = (both.before.unwrap(), both.after.unwrap());
        assert_eq!((b.word.as_str(), a.word.as_str()), ("denied", "allowed"));
        // The words are `reachmap explain`'s on each version.
        let explain = |x: &Analysis| crate::logic::flow::flow_result(x, &words).unwrap().text;
        assert_eq!((b.text, a.text), (explain(&before), explain(&after)));
        // A flow whose end exists on one side only says so on the other.
        let gone = FlowWords {
            from: "default/nowhere".into(),
            to: "default/coffeeshop".into(),
            port: "TCP/80".into(),
        };
        let one_sided = compare_shown(&d, &before, &after, Some(&gone))
            .explained
            .unwrap();
        assert!(one_sided.before.unwrap_err().starts_with("From: "));
    }
}
