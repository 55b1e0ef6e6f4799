//! The documents of a text as the parser read them, each with its place in the text and its
//! value: what the console reads and edits (`Parsed::documents`), so that a command never reads
//! the text a second time.

use super::limits::{alias_expansion_exceeded, flow_scan, Flow, MAX_ALIAS_NODES, MAX_FLOW_DEPTH};
use super::marks::Marks;
use super::split::Chunk;
use super::{build, json, YamlError};
use crate::diag::Location;
use crate::parse::locate::Locator;
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
    /// `kind` as written (`Service`, `ConfigMap`, …), or for an item of a typed list
    /// (`ServiceList`) that has none, the kind the list implies.
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
    /// The document it is in.
    pub document: &'p Document,
    /// Its kind, name, namespace and location.
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
#[derive(Clone, Debug)]
pub(crate) enum Unread {
    /// Flow collections (`[`, `{`) nested deeper than `MAX_FLOW_DEPTH`, first at this 1-based
    /// line and column of the document.
    FlowDepth(u32, u32),
    /// Aliases that would copy more than `MAX_ALIAS_NODES` nodes, past it at this alias.
    Aliases(u32, u32),
    Syntax(YamlError),
}

/// A document's value and where its nodes are.
#[derive(Debug)]
pub(crate) struct Read {
    pub value: Value,
    pub positions: Positions,
}

/// Where a document's nodes are: kept by the fast readers as they built the value, or found
/// by a second pass over the text (`Locator`) for a document serde_yaml read.
#[derive(Debug)]
pub(crate) enum Positions {
    Marks(Marks),
    Located(Locator),
}

impl Positions {
    /// The 1-based line within the document's text and column of `path`, or of its nearest
    /// ancestor that has one.
    pub fn find(&self, root: &Value, path: &str) -> Option<(u32, u32)> {
        match self {
            Positions::Marks(m) => m.find(root, path),
            Positions::Located(l) => l.find(path),
        }
    }

    /// Whether the value at `path` is an unquoted `yes`/`no`/`on`/`off`/`y`/`n`.
    pub fn is_yaml11_boolean(&self, root: &Value, path: &str) -> bool {
        match self {
            Positions::Marks(m) => m.is_yaml11_boolean(root, path),
            Positions::Located(l) => l.is_yaml11_boolean(path),
        }
    }
}

/// A document's text read into a value, merge keys applied, unless a limit refuses it first.
/// JSON takes the JSON fast path, YAML yaml-rust2's events (`build`); what either leaves, and
/// any text with characters YAML 1.1 and 1.2 read differently, serde_yaml, whose values the
/// fast paths equal. An object's `metadata.managedFields` is not kept.
pub(crate) fn read(text: &str) -> Result<Read, Unread> {
    let marked = |b: build::Built| Read {
        value: b.value,
        positions: Positions::Marks(b.marks),
    };
    let flow = flow_scan(text, MAX_FLOW_DEPTH);
    if let Flow::TooDeep(line, column) = flow {
        return Err(Unread::FlowDepth(line, column));
    }
    let plain = !only_libyaml_reads(text);
    if plain && json::looks_like_json(text) {
        if let Some(built) = json::read(text) {
            return Ok(marked(built));
        }
    }
    if plain && flow == Flow::OneLine {
        if let Some(built) = build::read(text) {
            return Ok(marked(built));
        }
    }
    if let Some((line, column)) = alias_expansion_exceeded(text, MAX_ALIAS_NODES) {
        return Err(Unread::Aliases(line, column));
    }
    let mut value: Value =
        serde_yaml::from_str(text).map_err(|e| Unread::Syntax(YamlError::of(&e)))?;
    // A merge key that cannot merge stays a plain key, as it was written.
    let _ = value.apply_merge();
    drop_managed_fields(&mut value);
    Ok(Read {
        value,
        positions: Positions::Located(Locator::new(text)),
    })
}

/// Whether the text holds what YAML 1.1 (libyaml, serde_yaml; go-yaml, kubectl) and YAML 1.2
/// (yaml-rust2) read differently — a line break of YAML 1.1 only (NEL, LS, PS), a byte order
/// mark inside, a control character, a tab (which libyaml refuses in more places), a `\u`
/// escape of a surrogate (which libyaml refuses) — so only serde_yaml reads it.
pub(crate) fn only_libyaml_reads(text: &str) -> bool {
    let surrogate = |at: usize| {
        let hex = text.as_bytes().get(at + 2..at + 4).unwrap_or_default();
        matches!(hex, [b'd' | b'D', b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'])
    };
    if text.match_indices("\\u").any(|(at, _)| surrogate(at)) {
        return true;
    }
    // Branch-free over blocks of bytes, so the common answer (nothing suspect) comes at the
    // speed of memory.
    let suspect = |b: u8| {
        ((b < 0x20) & (b != b'\n') & (b != b'\r'))
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xE2)
            | (b == 0xEF)
    };
    text.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |any, &b| any | suspect(b)))
        && text.chars().any(|c| {
            matches!(
                c,
                '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            ) || (c.is_control() && !matches!(c, '\n' | '\r'))
        })
}

/// Leaves out each object's `metadata.managedFields` (the document's, or its items'), as the
/// fast readers do.
fn drop_managed_fields(value: &mut Value) {
    let drop = |object: &mut Value| {
        if let Some(Value::Mapping(m)) = object.get_mut("metadata") {
            m.shift_remove("managedFields");
        }
    };
    if let Some(Value::Sequence(items)) = value.get_mut("items") {
        items.iter_mut().for_each(drop);
    }
    drop(value);
}

/// The string at a path of mapping keys.
pub fn str_at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v str> {
    let mut v = value;
    for key in path {
        v = v.get(*key)?;
    }
    v.as_str()
}
