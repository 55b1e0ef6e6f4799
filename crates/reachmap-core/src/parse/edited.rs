//! A text edited one document at a time (the console's commands, through `yaml::splice`), its
//! documents kept as `parse` would give them without reading the whole text again: a change
//! reads again only the documents it touches, on their own, and moves the others.
//!
//! Documents are cut at `---` lines (`yaml::split`), line by line, so a `---` line the change
//! does not touch still starts a document in the new text: the text from the touched document's
//! start up to the next such line is all a change has to read again.

use super::{parse, Parsed};
use crate::diag::Diagnostic;
use crate::yaml::document::{Document, DocumentObject};
use crate::yaml::{limits, splice};
use std::borrow::Cow;
use std::ops::Range;

/// A text and its documents, as `parse` gives them, through any number of changes.
#[derive(Clone, Debug)]
pub struct EditedText<'p> {
    text: String,
    /// Those of the parse it started from until a change moves or replaces them.
    documents: Vec<Cow<'p, Document>>,
}

/// A change computed but not made: the new text, with the documents it touches read again.
/// `diagnostics` says what the parser finds in them, so a caller can refuse it first.
#[derive(Debug)]
pub struct Change {
    text: String,
    /// The old text's length, to catch a change applied to another text than its own.
    old_len: usize,
    /// The old documents that give way to the ones read again.
    replaced: Range<usize>,
    /// The bytes of the new text read again, and the line (0-based) where they start.
    read_bytes: Range<usize>,
    line: u32,
    /// Their parse, and how many of its documents to leave out: in the whole text, a `---`
    /// line at the start of the bytes read (or the end of none) may end a document before
    /// them, which reading them alone shows as an empty first document.
    read: Parsed,
    skip: usize,
    /// How far the documents after `replaced` move.
    bytes: isize,
    lines: i64,
}

impl<'p> EditedText<'p> {
    /// `text`, whose parse (one input) is `parsed`.
    pub fn new(text: &str, parsed: &'p Parsed) -> EditedText<'p> {
        EditedText {
            text: text.to_string(),
            documents: parsed.documents.iter().map(Cow::Borrowed).collect(),
        }
    }

    /// The current text, with every change made so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The current text, without copying it.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The documents, as `parse(self.text()).documents` gives them.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.documents.iter().map(|d| &**d)
    }

    /// Every object of every document, in order (`Parsed::objects`).
    pub fn objects(&self) -> impl Iterator<Item = DocumentObject<'_>> {
        self.documents().flat_map(Document::objects)
    }

    /// `yaml` (one document, ending in a newline) added as the last document.
    pub fn append(&self, yaml: &str) -> Change {
        let text = splice::append(&self.text, yaml);
        let end = self.text.len();
        if self.text.trim().is_empty() {
            // No `---` line: the new document is all the text.
            return self.change(text, 0, end);
        }
        if self.text.ends_with('\n') {
            // After the last document, which its new `---` line ends as the text's end did.
            return self.change(text, end, end);
        }
        // The last line gets its newline: the document that holds it is read again.
        let last = self.documents.partition_point(|d| d.span.start < end) - 1;
        self.change(text, self.documents[last].span.start, end)
    }

    /// The body of document `index` (after its `---` line) replaced by `yaml`.
    pub fn replace(&self, index: usize, yaml: &str) -> Change {
        let document = &self.documents[index];
        let text = splice::replace(&self.text, document, yaml);
        let start = if self.text[..document.body_start].ends_with('\n') || index == 0 {
            document.span.start
        } else {
            // A `---` at the text's end, without its newline, which `yaml` now follows on
            // its line: no longer a `---` line.
            self.documents[index - 1].span.start
        };
        self.change(text, start, document.span.end)
    }

    /// Document `index` removed.
    pub fn remove(&self, index: usize) -> Change {
        let document = &self.documents[index];
        let text = splice::remove(&self.text, document);
        if document.span.start == 0 {
            // The next document loses its `---` line too.
            let removed = self.text.len() - text.len();
            return self.change(text, 0, removed);
        }
        let start = match self.documents.get(index + 1) {
            // What followed it now follows the document before: unless that is a `---` line,
            // it ends that document no longer.
            Some(next) if separated(document) && !separated(next) => {
                self.documents[index - 1].span.start
            }
            _ => document.span.start,
        };
        self.change(text, start, document.span.end)
    }

    /// The text becomes the change's.
    pub fn apply(&mut self, change: Change) {
        assert_eq!(
            change.old_len,
            self.text.len(),
            "a change applies to the text it was made from"
        );
        let Change {
            text,
            replaced,
            read_bytes,
            line,
            read,
            skip,
            bytes,
            lines,
            ..
        } = change;
        let first = replaced.start;
        let after = self.documents.split_off(replaced.end);
        self.documents.truncate(first);
        let start = read_bytes.start as isize;
        self.documents
            .extend(
                read.documents
                    .into_iter()
                    .skip(skip)
                    .enumerate()
                    .map(|(k, mut d)| {
                        place(&mut d, first + k, start, i64::from(line));
                        Cow::Owned(d)
                    }),
            );
        let offset = self.documents.len();
        for (k, mut d) in after.into_iter().enumerate() {
            if d.index != offset + k || bytes != 0 || lines != 0 {
                place(d.to_mut(), offset + k, bytes, lines);
            }
            self.documents.push(d);
        }
        self.text = text;
    }

    /// The change to `text` that keeps the old text before byte `start` (a document's start,
    /// or the end) and changes it at most up to byte `touched_end`: the documents from `start`
    /// up to the first `---` line at or after `touched_end` are read again, those after move.
    fn change(&self, text: String, start: usize, touched_end: usize) -> Change {
        let (old, count) = (self.text.len(), self.documents.len());
        let bytes = text.len() as isize - old as isize;
        if old > limits::MAX_INPUT_BYTES || text.len() > limits::MAX_INPUT_BYTES {
            // Refused or read whole, as `parse` does (refusing costs nothing).
            return Change {
                read: parse(&text),
                read_bytes: 0..text.len(),
                text,
                old_len: old,
                replaced: 0..count,
                line: 0,
                skip: 0,
                bytes,
                lines: 0,
            };
        }
        let first = self.documents.partition_point(|d| d.span.start < start);
        let last = (first..count)
            .find(|&j| {
                let d = &self.documents[j];
                d.span.start >= touched_end && separated(d)
            })
            .unwrap_or(count);
        let old_end = self.documents.get(last).map_or(old, |d| d.span.start);
        let new_end = old_end.wrapping_add_signed(bytes);
        let read = parse(&text[start..new_end]);
        // Read alone, text that starts with a `---` line (or nothing) starts with an empty
        // document; in the whole text that line ends the document before `start`, unless a
        // document starts afresh there (at the start, or after a `...` line).
        let skip = usize::from(!self.fresh(start) && read.documents[0].span == (0..0));
        let lines =
            newlines(&text[start..new_end]) as i64 - newlines(&self.text[start..old_end]) as i64;
        Change {
            read_bytes: start..new_end,
            line: self.line_at(first, start),
            skip,
            read,
            text,
            old_len: old,
            replaced: first..last,
            bytes,
            lines,
        }
    }

    /// Whether a document starts at byte `start` without a `---` line: at the text's start, or
    /// after a `...` line.
    fn fresh(&self, start: usize) -> bool {
        let before = &self.text[..start];
        let before = before.strip_suffix('\n').unwrap_or(before);
        start == 0
            || before
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim_end() == "...")
    }

    /// The line (0-based) of byte `start`, where document `first` starts or the one before ends.
    fn line_at(&self, first: usize, start: usize) -> u32 {
        match self.documents.get(first) {
            Some(d) if d.span.start == start => d.first_line,
            _ => first.checked_sub(1).map_or(0, |before| {
                let d = &self.documents[before];
                d.first_line + newlines(&self.text[d.span.start..start]) as u32
            }),
        }
    }
}

impl Change {
    /// The new text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The bytes of the new text the change read again: the documents it touches.
    pub fn read_bytes(&self) -> Range<usize> {
        self.read_bytes.clone()
    }

    /// What the parser says of the documents the change touches, read without the rest of the
    /// text (their lines counted from the first of them).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.read.diagnostics
    }
}

/// Whether a document starts with its `---` line.
fn separated(d: &Document) -> bool {
    d.body_start > d.span.start
}

fn newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

/// Document `d` as the `index`th of the text, `bytes` and `lines` further on.
fn place(d: &mut Document, index: usize, bytes: isize, lines: i64) {
    let line = |l: u32| (i64::from(l) + lines) as u32;
    d.index = index;
    d.span = d.span.start.wrapping_add_signed(bytes)..d.span.end.wrapping_add_signed(bytes);
    d.body_start = d.body_start.wrapping_add_signed(bytes);
    d.first_line = line(d.first_line);
    for head in &mut d.objects {
        head.location.document = index;
        head.location.line = line(head.location.line);
    }
}

#[cfg(test)]
mod tests;
