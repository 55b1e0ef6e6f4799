//! What one command line did: its output, its status, the new text, the session after it, and
//! the flow it tried.

use super::Session;
use reachmap_core::analysis::Verdict;

/// A flow a command tried (`wget`, `curl`), in the words `FlowQuery::parse` reads, with the
/// verdict that decided its output: the page highlights and explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tried {
    pub from: String,
    /// An endpoint, or a Service port `ns/service:port`.
    pub to: String,
    /// `PROTOCOL/PORT`, empty for a Service port.
    pub port: String,
    pub verdict: Verdict,
}

/// What one command line did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// What it printed (standard output and error, in order).
    pub output: String,
    /// Exit status 0.
    pub ok: bool,
    /// The new manifest text, when the command changed it.
    pub text: Option<String>,
    /// The YAML of the objects a creating command wrote, as `--dry-run=client -o yaml` shows
    /// it: the page shows it under the output.
    pub yaml: Option<String>,
    /// The session after the command.
    pub session: Session,
    pub tried: Option<Tried>,
}

impl Outcome {
    /// A command that printed `output` and succeeded.
    pub fn print(session: &Session, output: impl Into<String>) -> Outcome {
        Outcome {
            output: output.into(),
            ok: true,
            text: None,
            yaml: None,
            session: session.clone(),
            tried: None,
        }
    }

    /// A command that failed with `error` and changed nothing.
    pub fn fail(session: &Session, error: impl Into<String>) -> Outcome {
        Outcome {
            ok: false,
            ..Outcome::print(session, error)
        }
    }
}
