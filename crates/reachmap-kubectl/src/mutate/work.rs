//! A command's changes to the text, made one object at a time, as one transaction: each
//! object is checked as the API server would check it, what it refuses changes nothing, and
//! the command prints what kubectl prints for each object (`-o`), then its errors.

use super::id::Id;
use super::refusal::{Failure, Refusal};
use crate::args::Args;
use crate::{Ctx, Outcome};
use reachmap_core::diag::Severity;
use reachmap_core::parse::{parse, Parsed};
use reachmap_core::yaml::{edit, emit, splice, DocumentObject};
use serde_yaml::Value;

/// How a command prints the objects it wrote (`-o`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// `pod/nginx created`.
    Default,
    Yaml,
    Name,
}

/// A command's changes to the text, made one object at a time, and what it prints.
pub(super) struct Work<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    /// The manifests as the command has changed them so far.
    manifests: String,
    /// `manifests` parsed, once a change made them another than `ctx`'s.
    parsed: Option<Parsed>,
    /// What the command prints for its objects.
    pub out: Vec<String>,
    /// Its errors, printed after.
    pub err: Vec<Failure>,
    /// The documents written, for `Outcome::yaml`.
    yaml: Vec<String>,
    changed: bool,
    format: Format,
    /// `--dry-run`: what kubectl adds to its lines (` (dry run)`), and nothing is kept.
    pub dry_run: Option<&'static str>,
}

impl<'c, 'a> Work<'c, 'a> {
    /// `args` gives `--dry-run` and `-o` when the command takes them.
    pub fn new(ctx: &'c Ctx<'a>, args: &Args) -> Result<Work<'c, 'a>, String> {
        let dry_run = match args.get("dry-run") {
            None | Some("none" | "false") => None,
            Some("client" | "true" | "unchanged") => Some(" (dry run)"),
            Some("server") => Some(" (server dry run)"),
            Some(other) => {
                return Err(format!(
                    "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
                ))
            }
        };
        let format = match args.get("output") {
            None => Format::Default,
            Some("yaml") => Format::Yaml,
            Some("name") => Format::Name,
            Some(f @ ("json" | "jsonpath" | "go-template" | "wide")) => {
                return Err(format!(
                    "error: -o {f} is not simulated here; this console prints -o yaml and -o name"
                ))
            }
            Some(other) => return Err(format!(
                "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,go-template,go-template-file,template,templatefile,yaml"
            )),
        };
        Ok(Work {
            ctx,
            manifests: ctx.text.to_string(),
            parsed: None,
            out: Vec::new(),
            err: Vec::new(),
            yaml: Vec::new(),
            changed: false,
            format,
            dry_run,
        })
    }

    /// The text as it stands, parsed.
    fn parsed(&self) -> &Parsed {
        self.parsed.as_ref().unwrap_or(self.ctx.parsed)
    }

    /// Every object of the text as it stands.
    pub fn objects(&self) -> impl Iterator<Item = DocumentObject<'_>> {
        self.parsed().objects()
    }

    /// The object, if the text has it.
    pub fn find(&self, id: &Id) -> Option<DocumentObject<'_>> {
        let namespace = id.namespace.as_deref();
        self.parsed().find_object(&id.kind, namespace, &id.name)
    }

    /// Adds a new object, written as `body` (one document ending in a newline).
    pub fn create(&mut self, id: &Id, body: &str) -> Result<(), Refusal> {
        if self.find(id).is_some() {
            return Err(Refusal::Exists);
        }
        let text = splice::append(&self.manifests, body);
        self.commit(text, id, body.to_string(), None)
    }

    /// Gives the object the value `new`, editing its document in place. `Ok(false)` when the
    /// value is the same.
    pub fn update(&mut self, id: &Id, new: &Value) -> Result<bool, Refusal> {
        let Some(object) = self.find(id) else {
            return Err(Refusal::NotFound);
        };
        if object.in_list() {
            return Err(Refusal::InList);
        }
        if object.value == new {
            return Ok(false);
        }
        let document = object.document;
        let written = edit::rewrite(document.body(&self.manifests), object.value, new);
        let text = splice::replace(&self.manifests, document, &written);
        let index = document.index;
        self.commit(text, id, written, Some(index))?;
        Ok(true)
    }

    /// Removes the object's document.
    pub fn delete(&mut self, id: &Id) -> Result<(), Refusal> {
        let Some(object) = self.find(id) else {
            return Ok(());
        };
        if object.in_list() {
            return Err(Refusal::InList);
        }
        let text = splice::remove(&self.manifests, object.document);
        self.parsed = Some(parse(&text));
        self.manifests = text;
        self.changed = true;
        Ok(())
    }

    /// Keeps `text` unless the API server would reject the object `id`, now written as
    /// `written` (before in document `before` of the current text, for a change): each object
    /// is checked in its own document, so only its errors that the change brings count. The
    /// new text is parsed once, to check it and to be the text the next change works on.
    fn commit(
        &mut self,
        text: String,
        id: &Id,
        written: String,
        before: Option<usize>,
    ) -> Result<(), Refusal> {
        let display = id.display();
        let errors = |parsed: &Parsed, document: usize| -> Vec<(String, String)> {
            parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error && d.object == display)
                .filter(|d| d.location.document == document)
                .map(|d| (d.path.clone(), d.message.clone()))
                .collect()
        };
        let old = before.map(|i| errors(self.parsed(), i)).unwrap_or_default();
        let parsed = parse(&text);
        // A new object is the text's last document.
        let document = before.unwrap_or(parsed.documents.len().saturating_sub(1));
        let new: Vec<_> = errors(&parsed, document)
            .into_iter()
            .filter(|e| !old.contains(e))
            .collect();
        if !new.is_empty() {
            return Err(Refusal::Invalid(new));
        }
        self.parsed = Some(parsed);
        self.manifests = text;
        self.changed = true;
        self.yaml.push(written);
        Ok(())
    }

    /// Prints what kubectl prints for an object it `did` something to (`created`,
    /// `configured`…), as `-o` asks.
    pub fn done(&mut self, id: &Id, did: &str) {
        let line = match self.format {
            Format::Default => format!("{} {did}{}", id.slash(), self.dry_run.unwrap_or("")),
            Format::Name => id.slash(),
            Format::Yaml => {
                let yaml = self
                    .find(id)
                    .map(|d| emit::document(d.value))
                    .unwrap_or_default();
                let sep = if self.out.is_empty() { "" } else { "---\n" };
                format!("{sep}{}", yaml.trim_end())
            }
        };
        self.out.push(line);
    }

    /// An error printed after the command's lines (it goes on with the next object).
    pub fn fail(&mut self, error: String) {
        self.err.push(Failure::Text(error));
    }

    /// An object the cluster refused, while `verb` (`creating`…) from `file`.
    pub fn refuse(&mut self, refusal: Refusal, id: &Id, verb: &'static str, file: Option<&str>) {
        self.err.push(Failure::Refused {
            refusal,
            id: id.clone(),
            verb,
            file: file.map(str::to_string),
        });
    }

    /// The command's outcome: its lines, then its errors; the text unless it was a dry run.
    pub fn finish(self) -> Outcome {
        let mut lines = self.out;
        let single = self.err.len() == 1;
        lines.extend(self.err.iter().map(|f| f.render(single)));
        let mut outcome = self.ctx.print(lines.join("\n"));
        outcome.ok = self.err.is_empty();
        if self.changed && self.dry_run.is_none() {
            outcome.text = Some(self.manifests);
        }
        if !self.yaml.is_empty() {
            outcome.yaml = Some(self.yaml.join("---\n"));
        }
        outcome
    }
}
