//! A command's changes to the text, made one object at a time, as one transaction: each
//! object is checked as the API server would check it, what it refuses changes nothing, and
//! the command prints what kubectl prints for each object (`-o`), then its errors.
//!
//! The text is not parsed again as a whole while the command runs: each change reads only the
//! document it writes (`EditedText`), which is also how the object is checked, on its own.
//! The new text is parsed once, as the next command's (the `Console` keeps that).

use super::id::Id;
use super::refusal::{Failure, Refusal};
use crate::args::Args;
use crate::{Ctx, Outcome};
use reachmap_core::diag::{Diagnostic, Severity};
use reachmap_core::parse::{find_object, parse, Change, EditedText};
use reachmap_core::yaml::{edit, emit, DocumentObject};
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
    /// The manifests as the command has changed them so far, with their documents.
    manifests: EditedText<'c>,
    /// What the command prints for its objects.
    pub out: Vec<String>,
    /// Its errors, printed after.
    pub err: Vec<Failure>,
    /// The documents written, for `Outcome::yaml`.
    yaml: Vec<String>,
    changed: bool,
    /// (namespace, name) of the objects created, which are seconds old from now on.
    created: Vec<(String, String)>,
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
            manifests: EditedText::new(ctx.text, ctx.parsed),
            out: Vec::new(),
            err: Vec::new(),
            yaml: Vec::new(),
            changed: false,
            created: Vec::new(),
            format,
            dry_run,
        })
    }

    /// Every object of the text as it stands.
    pub fn objects(&self) -> impl Iterator<Item = DocumentObject<'_>> {
        self.manifests.objects()
    }

    /// The object, if the text has it.
    pub fn find(&self, id: &Id) -> Option<DocumentObject<'_>> {
        let namespace = id.namespace.as_deref();
        find_object(self.objects(), &id.kind, namespace, &id.name)
    }

    /// Adds a new object, written as `body` (one document ending in a newline).
    pub fn create(&mut self, id: &Id, body: &str) -> Result<(), Refusal> {
        if self.find(id).is_some() {
            return Err(Refusal::Exists);
        }
        let change = self.manifests.append(body);
        self.check(&change, id, None)?;
        self.keep(change, body.to_string());
        Ok(())
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
        let body = object.document.body(self.manifests.text());
        let written = edit::rewrite(body, object.value, new);
        let change = self.manifests.replace(object.document.index, &written);
        self.check(&change, id, Some(body))?;
        self.keep(change, written);
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
        let change = self.manifests.remove(object.document.index);
        #[cfg(test)]
        crate::ctx::parsed(change.read_bytes().len());
        self.manifests.apply(change);
        self.changed = true;
        Ok(())
    }

    /// Whether the API server would accept the object `id` as `change` writes it (its document
    /// before was `before`, for a change): the object is checked in its own document, so only
    /// its errors that the change brings count.
    fn check(&self, change: &Change, id: &Id, before: Option<&str>) -> Result<(), Refusal> {
        #[cfg(test)]
        crate::ctx::parsed(change.read_bytes().len());
        let display = id.display();
        let errors = |diagnostics: &[Diagnostic]| -> Vec<(String, String)> {
            diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error && d.object == display)
                .map(|d| (d.path.clone(), d.message.clone()))
                .collect()
        };
        let new = errors(change.diagnostics());
        if new.is_empty() {
            return Ok(());
        }
        let old = before
            .map(|body| errors(&parse(body).diagnostics))
            .unwrap_or_default();
        let new: Vec<_> = new.into_iter().filter(|e| !old.contains(e)).collect();
        if new.is_empty() {
            Ok(())
        } else {
            Err(Refusal::Invalid(new))
        }
    }

    /// Makes the change, whose object is written as `written`.
    fn keep(&mut self, change: Change, written: String) {
        self.manifests.apply(change);
        self.changed = true;
        self.yaml.push(written);
    }

    /// Prints what kubectl prints for an object it `did` something to (`created`,
    /// `configured`…), as `-o` asks.
    pub fn done(&mut self, id: &Id, did: &str) {
        if matches!(did, "created" | "exposed") {
            let namespace = id.namespace.clone().unwrap_or_default();
            self.created.push((namespace, id.name.clone()));
        }
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
            outcome.text = Some(self.manifests.into_text());
            let now = outcome.session.clock;
            for key in self.created {
                outcome.session.created.insert(key, now);
            }
        }
        if !self.yaml.is_empty() {
            outcome.yaml = Some(self.yaml.join("---\n"));
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use crate::ctx::PARSED;
    use crate::Console;

    fn deployment(i: usize) -> String {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web{i}\n  labels: {{app: web}}\nspec:\n  selector:\n    matchLabels: {{app: web{i}}}\n  template:\n    metadata:\n      labels: {{app: web{i}}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n")
    }

    /// A command that changes many objects parses each one's document alone, and the new
    /// text once, when it is next read; never the whole text per object.
    #[test]
    fn a_command_over_many_objects_parses_the_whole_text_once() {
        let text = (0..40).map(deployment).collect::<Vec<_>>().join("---\n");
        // One document, with its `---` line and room for the label a command adds (the text
        // is forty times that).
        let document = deployment(10).len() + 40;
        for line in [
            "kubectl label deployment --all tier=web",
            "kubectl delete deployment --all",
        ] {
            let mut console = Console::new(text.clone(), Vec::new());
            PARSED.with(|p| p.borrow_mut().clear());
            let outcome = console.run(line);
            assert!(outcome.ok, "{outcome:?}");
            assert_eq!(outcome.output.lines().count(), 40, "{line}");
            console.services();
            let parsed = PARSED.with(|p| p.take());
            assert_eq!(parsed.len(), 42, "{line}: {parsed:?}");
            assert_eq!(parsed[0], text.len(), "{line}: the text before");
            assert!(
                parsed[1..41].iter().all(|&bytes| bytes <= document),
                "{line}: {parsed:?}"
            );
            assert_eq!(parsed[41], console.text().len(), "{line}: the text after");
        }
    }
}
