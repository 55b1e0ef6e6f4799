//! A command's changes to the text, made one object at a time, as one transaction: each
//! object is checked as the API server would check it, what it refuses changes nothing, and
//! the command prints what kubectl prints for each object (`-o`), then its errors.

use super::id::Id;
use super::refusal::{Failure, Refusal};
use super::{edit, emit};
use crate::args::Args;
use crate::docs::{self, Doc};
use crate::{Ctx, Outcome};
use reachmap_core::diag::Severity;
use reachmap_core::parse::parse;
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
    /// Their documents.
    pub docs: Vec<Doc>,
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
            docs: ctx.docs.to_vec(),
            out: Vec::new(),
            err: Vec::new(),
            yaml: Vec::new(),
            changed: false,
            format,
            dry_run,
        })
    }

    /// The object's document, if the text has it.
    pub fn find(&self, id: &Id) -> Option<&Doc> {
        let namespace = id.namespace.as_deref();
        docs::find(&self.docs, &id.kind, namespace, &id.name).map(|i| &self.docs[i])
    }

    /// Adds a new object, written as `body` (one document ending in a newline).
    pub fn create(&mut self, id: &Id, body: &str) -> Result<(), Refusal> {
        if self.find(id).is_some() {
            return Err(Refusal::Exists);
        }
        let text = docs::append(&self.manifests, body);
        self.commit(text, id, body.to_string(), None)
    }

    /// Gives the object the value `new`, editing its document in place. `Ok(false)` when the
    /// value is the same.
    pub fn update(&mut self, id: &Id, new: &Value) -> Result<bool, Refusal> {
        let Some(doc) = self.find(id) else {
            return Err(Refusal::NotFound);
        };
        if doc.in_list {
            return Err(Refusal::InList);
        }
        if &doc.value == new {
            return Ok(false);
        }
        let body = &self.manifests[doc.body_start..doc.span.end];
        let written = edit::rewrite(body, &doc.value, new);
        let text = docs::replace(&self.manifests, doc, &written);
        let before = body.to_string();
        self.commit(text, id, written, Some(&before))?;
        Ok(true)
    }

    /// Removes the object's document.
    pub fn delete(&mut self, id: &Id) -> Result<(), Refusal> {
        let Some(doc) = self.find(id) else {
            return Ok(());
        };
        if doc.in_list {
            return Err(Refusal::InList);
        }
        self.manifests = docs::remove(&self.manifests, doc);
        self.docs = docs::documents(&self.manifests);
        self.changed = true;
        Ok(())
    }

    /// Keeps `text` unless the API server would reject the object `id`, now written as
    /// `written` (before as `before`, for a change): each object is checked on its own, so
    /// only its errors that the change brings count.
    pub fn commit(
        &mut self,
        text: String,
        id: &Id,
        written: String,
        before: Option<&str>,
    ) -> Result<(), Refusal> {
        let display = id.display();
        let errors = |document: &str| -> Vec<(String, String)> {
            parse(document)
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error && d.object == display)
                .map(|d| (d.path, d.message))
                .collect()
        };
        let old = before.map(errors).unwrap_or_default();
        let new: Vec<_> = errors(&written)
            .into_iter()
            .filter(|e| !old.contains(e))
            .collect();
        if !new.is_empty() {
            return Err(Refusal::Invalid(new));
        }
        self.docs = docs::documents(&text);
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
                    .map(|d| emit::document(&d.value))
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
