//! What a command reads: the text, its parse and analysis, the simulated cluster around it,
//! the files `-f` may name and the session. The parse and analysis (`Analysed`) are computed
//! once per text and kept by the `Console`, so a command, a completion or the list of ways to
//! reach a Service does not parse the text again.

use super::sim::Cluster;
use super::{Outcome, Session};
use reachmap_core::analysis::{Analysis, ServiceReport};
use reachmap_core::parse::{Input, Parsed};

/// A text's analysis (its parse, with every document, and its Service reports) and the
/// simulated cluster around it.
pub(crate) struct Analysed {
    analysis: Analysis,
    cluster: Cluster,
}

impl Analysed {
    pub fn of(text: &str) -> Analysed {
        #[cfg(test)]
        parsed(text.len());
        let analysis = Analysis::of(text);
        let cluster = Cluster::new(analysis.model());
        Analysed { analysis, cluster }
    }
}

#[cfg(test)]
thread_local! {
    /// How many bytes each parse read, on this thread: the whole text for an `Analysed`, the
    /// documents a change touches for a changing command (see `mutate::work`).
    pub(crate) static PARSED: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes a parse of `bytes` bytes.
#[cfg(test)]
pub(crate) fn parsed(bytes: usize) {
    PARSED.with(|p| p.borrow_mut().push(bytes));
}

/// Everything a command reads: the text, its model and analysis, and the simulated cluster.
/// The text is parsed once, for its `Analysed`: its documents and their values are
/// `parsed.documents`.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub parsed: &'a Parsed,
    /// The Service reports, one per Service of `parsed.model`.
    pub services: &'a [ServiceReport],
    pub cluster: &'a Cluster,
    /// Files a command may name (`-f FILE`): files the person opened, and the bundled examples.
    pub files: &'a [Input],
    pub session: &'a Session,
}

impl<'a> Ctx<'a> {
    /// `analysed` must be `Analysed::of(text)`.
    pub fn new(
        text: &'a str,
        analysed: &'a Analysed,
        session: &'a Session,
        files: &'a [Input],
    ) -> Ctx<'a> {
        Ctx {
            text,
            parsed: &analysed.analysis.parsed,
            services: &analysed.analysis.reports,
            cluster: &analysed.cluster,
            files,
            session,
        }
    }

    pub fn print(&self, output: impl Into<String>) -> Outcome {
        Outcome::print(self.session, output)
    }

    pub fn fail(&self, error: impl Into<String>) -> Outcome {
        Outcome::fail(self.session, error)
    }
}
