//! Text in, model, diagnostics and documents out. Parsing never fails as a whole: each document
//! is read on its own, and each object on its own within it, so one broken piece leaves the
//! rest intact.

mod cache;
mod cluster;
mod cluster_limits;
mod cluster_ports;
mod documents;
mod edited;
mod fields;
mod group;
mod lists;
pub(crate) mod locate;
mod object;
mod pods;
mod policies;
mod reader;
mod services;
pub mod validate;

pub use cache::ReadCache;
pub use documents::find_object;
pub use edited::{Change, EditedText};
pub use locate::format_path;

use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::model::{Distinctions, Labels, Model, Namespace, NAMESPACE_NAME_LABEL};
use crate::yaml::document::{self, Document, Unread};
use crate::yaml::{limits, split, YamlError};
use cache::Reading;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

/// One input text and the name it is shown by (a file name, or `-` for stdin).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The name diagnostics show it by (`Parsed::sources`): a file name, or `-` for stdin.
    pub name: String,
    /// Its whole text: YAML or JSON, any number of documents.
    pub text: String,
}

/// The result of parsing: the model and everything worth saying about the input.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The objects read, each sorted as `Model` says; objects the API server would reject are
    /// left out (a diagnostic says why).
    pub model: Model,
    /// Diagnostics in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// The inputs' names, indexed by `Location::source`.
    pub sources: Vec<String>,
    /// Every document of every input, in order (by `source`, then `index`), with its value:
    /// what the console reads and edits, without reading the text again.
    pub documents: Vec<Document>,
}

/// The fields every object has.
pub(crate) struct Meta {
    pub name: String,
    /// Full path of `metadata.name`, for diagnostics about the name.
    pub name_path: String,
    pub namespace: String,
    pub labels: Labels,
    pub location: Location,
}

/// How much the parser reads. The CLI reads up to `MAX_INPUT_BYTES` (1 GiB) by default; the
/// page `PAGE_MAX_INPUT_BYTES` (256 MiB), as a browser tab holds less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// The most bytes read over all inputs together; an input that would pass it is refused
    /// whole, with a `limit` error at its line 1.
    pub max_input_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            max_input_bytes: limits::MAX_INPUT_BYTES,
        }
    }
}

impl ParseOptions {
    /// The page's options.
    pub fn page() -> ParseOptions {
        ParseOptions {
            max_input_bytes: limits::PAGE_MAX_INPUT_BYTES,
        }
    }
}

/// Parses one text.
pub fn parse(text: &str) -> Parsed {
    parse_with(text, &ParseOptions::default())
}

/// Parses one text with the given options.
pub fn parse_with(text: &str, options: &ParseOptions) -> Parsed {
    parse_inputs_with(
        &[Input {
            name: "<input>".into(),
            text: text.into(),
        }],
        options,
    )
}

/// Parses several texts together, as one set of manifests.
pub fn parse_inputs(inputs: &[Input]) -> Parsed {
    parse_inputs_with(inputs, &ParseOptions::default())
}

/// Parses several texts together with the given options.
pub fn parse_inputs_with(inputs: &[Input], options: &ParseOptions) -> Parsed {
    parse_inputs_using(inputs, options, None)
}

/// Parses one text with the given options, reading only the documents `cache` does not hold
/// from an earlier text (`ReadCache`): the same `Parsed` as `parse_with`.
pub fn parse_cached(text: &str, options: &ParseOptions, cache: &mut ReadCache) -> Parsed {
    let input = Input {
        name: "<input>".into(),
        text: text.into(),
    };
    parse_inputs_using(std::slice::from_ref(&input), options, Some(cache))
}

fn parse_inputs_using(
    inputs: &[Input],
    options: &ParseOptions,
    mut cache: Option<&mut ReadCache>,
) -> Parsed {
    let mut state = State::default();
    if let Some(cache) = cache.as_deref_mut() {
        cache.start();
    }
    let limit = options.max_input_bytes;
    let mut budget = limit;
    for (source, input) in inputs.iter().enumerate() {
        // An input past the budget is refused whole: analysing part of a file would give
        // verdicts about manifests that are not all there.
        if input.text.len() > budget {
            state.document_error(
                Code::Limit,
                Location {
                    source,
                    document: 0,
                    line: 1,
                    column: 1,
                },
                format!(
                    "this input is {}; Reachmap reads at most {} of manifests in all, so it is not read{}",
                    size_words(input.text.len(), limit),
                    size_words(limit, limit),
                    if budget < limit { " (the inputs before it used part of that)" } else { "" }
                ),
            );
            state
                .documents
                .push(Document::unread_input(source, &input.text));
            continue;
        }
        budget -= input.text.len();
        let chunks = split::split(&input.text);
        // One document changes with any edit: keeping its reading would only cost memory.
        let keep = chunks.len() > 1;
        let small = input.text.len() <= cache::KEEP_UP_TO;
        for (document, chunk) in chunks.into_iter().enumerate() {
            let reading = match cache.as_deref_mut().filter(|_| small) {
                Some(cache) => cache.read(&chunk.text, keep),
                None => Rc::new(document::read(&chunk.text)),
            };
            state.document(source, document, &chunk, reading);
        }
    }
    if let Some(cache) = cache {
        cache.finish();
    }
    let mut parsed = state.finish();
    parsed.sources = inputs.iter().map(|i| i.name.clone()).collect();
    parsed
}

/// A size in the unit the limit is best said in: whole MiB (rounded up) for limits of a MiB
/// or more, bytes below. No float formatting: that code would weigh on the page.
fn size_words(bytes: usize, limit: usize) -> String {
    if limit >= 1 << 20 {
        format!("{} MiB", bytes.div_ceil(1 << 20))
    } else {
        format!("{bytes} bytes")
    }
}

/// One info per kind not analysed, at its first object, saying how many there are: a dump's
/// eleven ServiceAccounts are one line to read past, not eleven.
fn group_not_analysed(diagnostics: &mut Vec<Diagnostic>) {
    let kind_of = |d: &Diagnostic| {
        (d.code == Code::NotAnalysed)
            .then(|| d.message.split_once(' ').map(|(kind, _)| kind.to_string()))
            .flatten()
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for kind in diagnostics.iter().filter_map(kind_of) {
        *counts.entry(kind).or_default() += 1;
    }
    if counts.values().all(|&n| n == 1) {
        return;
    }
    let mut seen = HashSet::new();
    diagnostics.retain_mut(|d| {
        let Some(kind) = kind_of(d) else {
            return true;
        };
        if !seen.insert(kind.clone()) {
            return false;
        }
        let n = counts[&kind];
        if n > 1 {
            if let Some((_, why)) = d.message.split_once(": ") {
                d.message = format!("{kind} is not analysed ({n} objects, the first here): {why}");
            }
        }
        true
    });
}

#[derive(Default)]
struct State {
    model: Model,
    diagnostics: Vec<Diagnostic>,
    /// (kind, namespace, name) of every object kept, to find duplicates.
    seen: HashSet<(String, String, String)>,
    declared_namespaces: BTreeMap<String, Namespace>,
    documents: Vec<Document>,
    /// Pod objects and workloads, grouped into endpoints once everything is read.
    read_groups: Vec<group::ReadGroup>,
}

impl State {
    /// An error about a whole document that could not be read, at a position within it.
    fn document_error(&mut self, code: Code, at: Location, message: String) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            code,
            location: at,
            path: String::new(),
            object: String::new(),
            message,
        });
    }

    /// Takes one document's reading: its value into `documents`, its objects into the model.
    /// A reading the cache shares is copied; one of this parse alone is moved.
    fn document(&mut self, source: usize, index: usize, chunk: &split::Chunk, reading: Reading) {
        let mut document = Document::at(source, index, chunk);
        let (owned, shared);
        let read = match Rc::try_unwrap(reading) {
            Ok(Ok(read)) => {
                owned = read.positions;
                Ok((read.value, &owned))
            }
            Ok(Err(unread)) => Err(unread),
            Err(reading) => {
                shared = reading;
                match &*shared {
                    Ok(read) => Ok((read.value.clone(), &read.positions)),
                    Err(unread) => Err(unread.clone()),
                }
            }
        };
        match read {
            Ok((mut value, positions)) => {
                document.objects = self.objects(&document, chunk, &value, positions);
                // The console's copy: a typed list's items with their kind, as clients see them.
                lists::fill_typed_items(&mut value);
                document.value = Some(value);
            }
            Err(unread) => document.error = self.unread(&document, chunk, unread),
        }
        self.documents.push(document);
    }

    /// Says why a document has no value; its syntax error, if that is why.
    fn unread(
        &mut self,
        document: &Document,
        chunk: &split::Chunk,
        unread: Unread,
    ) -> Option<YamlError> {
        let at = |(line, column): (u32, u32)| Location {
            source: document.source,
            document: document.index,
            line: chunk.first_line + line,
            column,
        };
        let (code, place, message, error) = match unread {
            Unread::FlowDepth(line, column) => (
                Code::Limit,
                (line, column),
                format!(
                    "this document nests `[` or `{{` more than {} levels deep, which no manifest does; it is not read (the other documents are)",
                    limits::MAX_FLOW_DEPTH
                ),
                None,
            ),
            Unread::Aliases(line, column) => (
                Code::Limit,
                (line, column),
                format!(
                    "this document's aliases (`*name`) would expand to more than {} copied nodes, which no manifest needs (a \"billion laughs\" bomb?); it is not read (the other documents are)",
                    limits::MAX_ALIAS_NODES
                ),
                None,
            ),
            Unread::Syntax(e) => (
                Code::Syntax,
                e.place_in(&chunk.text),
                format!(
                    "this document is not valid YAML: {}; the other documents are still read",
                    e.message
                ),
                Some(e),
            ),
        };
        self.document_error(code, at(place), message);
        error
    }

    /// Adds the namespaces objects use, sorts everything, and orders the diagnostics.
    fn finish(mut self) -> Parsed {
        let distinctions =
            Distinctions::of_policies_and_services(&self.model.policies, &self.model.services)
                .with_cluster_policies(&self.model.cluster_policies);
        self.model.groups = group::endpoints(std::mem::take(&mut self.read_groups), &distinctions);
        let mut namespaces = std::mem::take(&mut self.declared_namespaces);
        let used = self
            .model
            .groups
            .iter()
            .map(|g| &g.namespace)
            .chain(self.model.services.iter().map(|s| &s.namespace))
            .chain(self.model.policies.iter().map(|p| &p.namespace))
            .chain(self.model.endpoint_addresses.iter().map(|e| &e.namespace));
        for ns in used {
            namespaces.entry(ns.clone()).or_insert_with(|| Namespace {
                name: ns.clone(),
                labels: [(NAMESPACE_NAME_LABEL.to_string(), ns.clone())].into(),
                implicit: true,
                location: None,
            });
        }
        let mut model = self.model;
        model.namespaces = namespaces.into_values().collect();
        crate::order::sort_by_cached_key(&mut model.groups, |g| g.endpoint());
        crate::order::sort_by(&mut model.services, &|a, b| {
            (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name))
        });
        crate::order::sort_by(&mut model.policies, &|a, b| {
            (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name))
        });
        crate::order::sort_by(&mut model.cluster_policies, &|a, b| {
            (a.kind, &a.name).cmp(&(b.kind, &b.name))
        });
        let mut diagnostics = self.diagnostics;
        crate::diag::sort(&mut diagnostics);
        group_not_analysed(&mut diagnostics);
        Parsed {
            model,
            diagnostics,
            sources: Vec::new(),
            documents: self.documents,
        }
    }
}
