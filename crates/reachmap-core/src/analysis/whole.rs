//! One input analysed as a whole: what the scene, the CLI, the page and the tests all start
//! from, so that parse → Service analysis → diagnostics is assembled in one place and the
//! costly answers (port matrices, the chosen flow) are computed once per input, however many
//! readers ask for them.

use super::ports::{PortChoice, PortMatrix};
use super::query::{self, FlowAnswer, FlowQuery};
use super::services::{analyze_services, ServiceReport};
use crate::diag::Diagnostic;
use crate::model::Model;
use crate::parse::{
    parse, parse_cached, parse_inputs, parse_inputs_with, parse_with, Input, ParseOptions, Parsed,
    ReadCache,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

/// A matrix computed at most once: the map's lock is held only to find the cell, so asking
/// for one choice never waits for another's computation.
type MatrixCell = Arc<OnceLock<Arc<PortMatrix>>>;

/// The parsed model, its Service reports and every diagnostic, with the port matrices and the
/// last flow answer computed when first asked and kept. `&Analysis` is enough to ask: the
/// caches sit behind their own small locks.
#[derive(Debug)]
pub struct Analysis {
    /// What the parser read: the model, its diagnostics, the inputs' names and documents.
    pub parsed: Parsed,
    /// `analyze_services` of the model, one per Service in model order.
    pub reports: Vec<ServiceReport>,
    /// Parser diagnostics and analysis findings, in reading order (`all_diagnostics`).
    pub diagnostics: Vec<Diagnostic>,
    matrices: Mutex<HashMap<PortChoice, MatrixCell>>,
    /// The last flow asked about and its answer: a page or a command asks about one flow at a
    /// time, from several places (the explanation, each view's highlight).
    last_flow: Mutex<Option<(FlowQuery, Arc<FlowAnswer>)>>,
}

impl Analysis {
    /// Parses and analyses one text.
    pub fn of(text: &str) -> Analysis {
        Analysis::from_parsed(parse(text))
    }

    /// Parses one text with the given options (the page's limit) and analyses it.
    pub fn of_with(text: &str, options: &ParseOptions) -> Analysis {
        Analysis::from_parsed(parse_with(text, options))
    }

    /// `of_with`, reading only the documents `cache` does not hold from an earlier text (the
    /// page's worker, between two keystrokes): the same analysis.
    pub fn of_cached(text: &str, options: &ParseOptions, cache: &mut ReadCache) -> Analysis {
        Analysis::from_parsed(parse_cached(text, options, cache))
    }

    /// Parses several inputs together (the CLI's files) and analyses them.
    pub fn of_inputs(inputs: &[Input]) -> Analysis {
        Analysis::from_parsed(parse_inputs(inputs))
    }

    /// `of_inputs` with the given options (the CLI's `--max-input-bytes`).
    pub fn of_inputs_with(inputs: &[Input], options: &ParseOptions) -> Analysis {
        Analysis::from_parsed(parse_inputs_with(inputs, options))
    }

    fn from_parsed(parsed: Parsed) -> Analysis {
        let reports = analyze_services(&parsed.model);
        let diagnostics = super::all_diagnostics(&parsed, &reports);
        Analysis {
            parsed,
            reports,
            diagnostics,
            matrices: Mutex::default(),
            last_flow: Mutex::default(),
        }
    }

    /// The model the analysis is of.
    pub fn model(&self) -> &Model {
        &self.parsed.model
    }

    /// The verdicts of every pair of pod groups for `choice`, computed on the first request.
    pub fn port_matrix(&self, choice: PortChoice) -> Arc<PortMatrix> {
        let cell = Arc::clone(lock(&self.matrices).entry(choice).or_default());
        Arc::clone(cell.get_or_init(|| Arc::new(PortMatrix::new(self.model(), choice))))
    }

    /// `query::answer` for `q`, computed once while `q` stays the flow asked about.
    pub fn answer(&self, q: &FlowQuery) -> Arc<FlowAnswer> {
        let kept = lock(&self.last_flow)
            .as_ref()
            .filter(|(last, _)| last == q)
            .map(|(_, answer)| Arc::clone(answer));
        if let Some(answer) = kept {
            return answer;
        }
        let answer = Arc::new(query::answer(self.model(), &self.reports, q));
        *lock(&self.last_flow) = Some((*q, Arc::clone(&answer)));
        answer
    }
}

/// A cache's lock. A panic elsewhere cannot leave a cache half-written (entries are replaced
/// whole), so a poisoned lock is still good to read.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{FlowTarget, Probe};

    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers:\n  - {name: c, image: i, ports: [{name: http, containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n";

    #[test]
    fn holds_the_model_reports_and_every_diagnostic() {
        let a = Analysis::of(TEXT);
        assert_eq!(a.model().groups.len(), 1);
        assert_eq!(a.reports.len(), 1);
        // The Service selects no pod: a finding, listed with the parser's diagnostics.
        assert!(!a.reports[0].findings.is_empty());
        assert_eq!(
            a.diagnostics,
            crate::analysis::all_diagnostics(&a.parsed, &a.reports)
        );
    }

    #[test]
    fn matrices_are_computed_once_per_choice() {
        let a = Analysis::of(TEXT);
        let any = a.port_matrix(PortChoice::Any);
        assert!(Arc::ptr_eq(&any, &a.port_matrix(PortChoice::Any)));
        let tcp80 = a.port_matrix(PortChoice::Probe(Probe::tcp(80)));
        assert_eq!(tcp80.choice, PortChoice::Probe(Probe::tcp(80)));
        assert!(Arc::ptr_eq(&any, &a.port_matrix(PortChoice::Any)));
    }

    #[test]
    fn the_last_flow_is_answered_once() {
        let a = Analysis::of(TEXT);
        let q = FlowQuery::parse(a.model(), "outside", "default/web", Some("TCP/8080")).unwrap();
        let first = a.answer(&q);
        assert!(Arc::ptr_eq(&first, &a.answer(&q)));
        assert_eq!(*first, query::answer(a.model(), &a.reports, &q));
        let other = FlowQuery {
            to: FlowTarget::ServicePort {
                service: 0,
                port: 0,
            },
            probe: None,
            ..q
        };
        assert!(!Arc::ptr_eq(&first, &a.answer(&other)));
        assert!(
            !Arc::ptr_eq(&first, &a.answer(&q)),
            "only the last flow is kept"
        );
    }
}
