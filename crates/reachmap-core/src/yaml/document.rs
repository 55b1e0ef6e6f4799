//! The documents of a text as the parser read them, each with its place in the text and its
//! value: what the console reads and edits (`Parsed::documents`), so that a command never reads
//! the text a second time.

use super::limits::{
    alias_expansion_exceeded, flow_depth_exceeded, MAX_ALIAS_NODES, MAX_FLOW_DEPTH,
};
use super::split::Chunk;
use super::YamlError;
use crate::diag::Location;
use serde_yaml::Value;
use std::ops::{Deref, Range};

/// One YAML document of an input.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The input it is in (`Location::source`).
    pub source: usize,
    /// Its index among its input's documents (`Location::document`).
    pub index: usize,
    /// Its bytes in its input's text: from its `---` line (if any) up to the next document.
    /// An input's documents cover its text, in order, so editing one (the console) replaces
    /// the body of its span and leaves every other byte as the person wrote it.
    pub span: Range<usize>,
    /// Where its body starts: after its `---` line, or at `span.start`.
    pub body_start: usize,
    /// The input line (0-based) where its text starts.
    pub first_line: u32,
    /// Its value, merge keys (`<<`) applied; `None` when it is not valid YAML (`error` says
    /// why) or a limit refused it (a diagnostic says why). An empty document is `Null`.
    pub value: Option<Value>,
    /// Its syntax error, when it has one.
    pub error: Option<YamlError>,
    /// The objects read from it: the document itself, or each item of a `kind: List`
    /// (`*List`) — every mapping with a `kind`, whether the model keeps it or not.
    pub objects: Vec<ObjectHead>,
}

/// What names an object of a document, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectHead {
    pub kind: String,
    /// `metadata.name`, empty when it has none.
    pub name: String,
    /// `metadata.namespace`, or `default` when it names none (cluster-scoped kinds too: the
    /// console looks them up without one).
    pub namespace: String,
    /// `Some(i)` for item `i` of a List document.
    pub item: Option<usize>,
    /// Where the object starts: the `location` the model gives what it reads from it.
    pub location: Location,
}

/// An object of a document, with its value.
#[derive(Clone, Copy, Debug)]
pub struct DocumentObject<'p> {
    pub document: &'p Document,
    pub head: &'p ObjectHead,
    /// The object (a List item, for an item).
    pub value: &'p Value,
}

impl Document {
    /// A document not read (yet): its place only.
    pub(crate) fn at(source: usize, index: usize, chunk: &Chunk) -> Document {
        Document {
            source,
            index,
            span: chunk.span.clone(),
            body_start: chunk.body_start,
            first_line: chunk.first_line,
            value: None,
            error: None,
            objects: Vec::new(),
        }
    }

    /// The one document of an input refused whole (too large to read): all of its text.
    pub(crate) fn unread_input(source: usize, text: &str) -> Document {
        Document {
            source,
            index: 0,
            span: 0..text.len(),
            body_start: 0,
            first_line: 0,
            value: None,
            error: None,
            objects: Vec::new(),
        }
    }

    /// Its body (after its `---` line) in its input's `text`.
    pub fn body<'t>(&self, text: &'t str) -> &'t str {
        &text[self.body_start..self.span.end]
    }

    /// Its objects, each with its value.
    pub fn objects(&self) -> impl Iterator<Item = DocumentObject<'_>> {
        self.objects.iter().filter_map(move |head| {
            let value = self.value.as_ref()?;
            let value = match head.item {
                Some(i) => value.get("items")?.get(i)?,
                None => value,
            };
            Some(DocumentObject {
                document: self,
                head,
                value,
            })
        })
    }
}

impl DocumentObject<'_> {
    /// An item of a `kind: List` document, which the console reads but does not edit.
    pub fn in_list(&self) -> bool {
        self.head.item.is_some()
    }
}

/// The object's kind, name and namespace read as fields (`object.kind`).
impl Deref for DocumentObject<'_> {
    type Target = ObjectHead;

    fn deref(&self) -> &ObjectHead {
        self.head
    }
}

/// Why a document has no value.
#[derive(Debug)]
pub(crate) enum Unread {
    /// Flow collections (`[`, `{`) nested deeper than `MAX_FLOW_DEPTH`, first at this 1-based
    /// line and column of the document.
    FlowDepth(u32, u32),
    /// Aliases that would copy more than `MAX_ALIAS_NODES` nodes, past it at this alias.
    Aliases(u32, u32),
    Syntax(YamlError),
}

/// A document's text read into a value, merge keys applied, unless a limit refuses it first.
pub(crate) fn read(text: &str) -> Result<Value, Unread> {
    if let Some((line, column)) = flow_depth_exceeded(text, MAX_FLOW_DEPTH) {
        return Err(Unread::FlowDepth(line, column));
    }
    if let Some((line, column)) = alias_expansion_exceeded(text, MAX_ALIAS_NODES) {
        return Err(Unread::Aliases(line, column));
    }
    let mut value: Value =
        serde_yaml::from_str(text).map_err(|e| Unread::Syntax(YamlError::of(&e)))?;
    // A merge key that cannot merge stays a plain key, as it was written.
    let _ = value.apply_merge();
    Ok(value)
}

/// The string at a path of mapping keys.
pub fn str_at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v str> {
    let mut v = value;
    for key in path {
        v = v.get(*key)?;
    }
    v.as_str()
}
