//! The console as a whole: the manifest text, the session (a shell in a pod, a proxy,
//! port-forwards), the command line's history and continuations, and the files `-f` names.
//! The page's console and `reachmap kubectl` both drive one `Console`.
//!
//! The text's parse and analysis are kept between calls until the text changes: a command, a
//! Tab completion and the list of ways to reach a Service read the same `Analysed`, so typing
//! in the console parses a large text once per edit, not once per key or per list.

use super::ctx::{Analysed, Ctx};
use super::line::{completed, LineState};
use super::reach::{self, Way};
use super::{complete, dispatch, Outcome, Session};
use reachmap_core::parse::Input;

/// The simulated kubectl over one manifest text.
pub struct Console {
    text: String,
    session: Session,
    line: LineState,
    files: Vec<Input>,
    /// `Analysed::of(text)`, computed on first use and dropped when the text changes.
    analysed: Option<Analysed>,
}

/// What Tab does to a line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The words that could stand for the line's last word, sorted.
    pub candidates: Vec<String>,
    /// The line with its last word completed, when that adds anything.
    pub line: Option<String>,
}

impl Console {
    /// A console over `text`, where `-f` names one of `files`.
    pub fn new(text: impl Into<String>, files: Vec<Input>) -> Console {
        Console {
            text: text.into(),
            session: Session::default(),
            line: LineState::default(),
            files,
            analysed: None,
        }
    }

    /// The manifests, as the last command left them.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The manifests changed outside the console (an edit): what it read of the old text goes,
    /// unless the text is the same.
    pub fn set_text(&mut self, text: &str) {
        if text != self.text {
            self.text = text.to_string();
            self.analysed = None;
        }
    }

    /// The files `-f` may name.
    pub fn set_files(&mut self, files: Vec<Input>) {
        self.files = files;
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The prompt for the next line: `> ` while a command goes on after a `\`, else the
    /// session's (`$ `, or `/ # ` in a pod).
    pub fn prompt(&self) -> &'static str {
        if self.line.continuing() {
            "> "
        } else {
            self.session.prompt()
        }
    }

    /// Enter on `typed`: the whole command to run, or `None` while it goes on (`\`). The
    /// command goes into the history.
    pub fn enter(&mut self, typed: &str) -> Option<String> {
        self.line.enter(typed)
    }

    /// Up (`older`) or Down: the line to show, or `None` to leave the input alone.
    pub fn recall(&mut self, older: bool) -> Option<String> {
        self.line.recall(older)
    }

    /// Runs one command line: the text and the session become what it left.
    pub fn run(&mut self, line: &str) -> Outcome {
        self.session.clock += crate::session::COMMAND_SECONDS;
        let outcome = dispatch::run_line(&self.ctx(), line);
        if let Some(text) = &outcome.text {
            self.set_text(text);
        }
        self.session = outcome.session.clone();
        outcome
    }

    /// Tab at the end of `line`.
    pub fn complete(&mut self, line: &str) -> Completion {
        let candidates = complete::complete(&self.ctx(), line);
        Completion {
            line: completed(line, &candidates),
            candidates,
        }
    }

    /// The Services of the text (`namespace/name`), in the order `ways` numbers them.
    pub fn services(&mut self) -> Vec<String> {
        self.ctx()
            .parsed
            .model
            .services
            .iter()
            .map(|s| s.key())
            .collect()
    }

    /// The ways to reach each port of the `service`th Service of `services`.
    pub fn ways(&mut self, service: usize) -> Vec<Way> {
        reach::ways(&self.ctx(), service)
    }

    /// What every command reads, the text's analysis computed if it is not yet.
    fn ctx(&mut self) -> Ctx<'_> {
        let analysed = self
            .analysed
            .get_or_insert_with(|| Analysed::of(&self.text));
        Ctx::new(&self.text, analysed, &self.session, &self.files)
    }

    /// The console with a session already under way.
    #[cfg(test)]
    pub(crate) fn in_session(mut self, session: Session) -> Console {
        self.session = session;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::bundled;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: nginx, labels: {run: nginx}}\nspec: {containers: [{name: c, image: nginx}]}\n";

    #[test]
    fn the_text_and_the_session_follow_the_commands() {
        let mut console = Console::new("", bundled());
        let o = console.run("kubectl run nginx --image=nginx --port=80 --expose");
        assert!(o.ok, "{o:?}");
        assert_eq!(Some(console.text()), o.text.as_deref());
        assert_eq!(console.services(), ["default/nginx"]);
        console.run("kubectl run busybox --image=busybox --restart=Never -it -- /bin/sh");
        assert_eq!(console.prompt(), "/ # ");
        assert_eq!(
            console.ways(0)[1].plan(console.session()),
            ["wget -O- nginx.default:80"]
        );
        console.run("exit");
        assert_eq!(console.prompt(), "$ ");
    }

    #[test]
    fn an_edit_replaces_what_was_read_of_the_text() {
        let mut console = Console::new(POD, Vec::new());
        assert_eq!(console.complete("kubectl get pods n").candidates, ["nginx"]);
        console.set_text(&POD.replace("nginx", "web"));
        let tab = console.complete("kubectl get pods w");
        assert_eq!(tab.candidates, ["web"]);
        assert_eq!(tab.line.as_deref(), Some("kubectl get pods web "));
        assert!(console.services().is_empty());
    }

    #[test]
    fn continuations_and_history() {
        let mut console = Console::new("", Vec::new());
        assert_eq!(console.enter("kubectl get \\"), None);
        assert_eq!(console.prompt(), "> ");
        assert_eq!(
            console.enter("pods").as_deref(),
            Some("kubectl get \\\npods")
        );
        assert_eq!(console.prompt(), "$ ");
        assert_eq!(
            console.recall(true).as_deref(),
            Some("kubectl get \\\npods")
        );
    }
}
