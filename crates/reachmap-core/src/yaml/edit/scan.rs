//! How a block-style document is written: its mappings, sequences and one-line scalars by
//! lines and columns, read from the text without a parser (`None` where it is written in a way
//! this editor does not follow line by line).

use super::lines::{indent, is_blank_rest, is_content, is_dash, Src};
use std::ops::Range;

/// How a part of the document is written.
pub(super) enum Node {
    /// A block mapping whose keys start at `col`.
    Map { col: usize, entries: Vec<Entry> },
    /// A block sequence whose `- ` markers are at `col`.
    Seq { col: usize, items: Vec<Item> },
    /// A scalar on one line: its bytes, and its quote (`'` or `"`) if quoted.
    Scalar { at: Range<usize>, quote: Option<u8> },
    /// Nothing after `key:` or `-`: null.
    Empty,
    /// Anything else (flow collections, block scalars, anchors, aliases, tags, scalars over
    /// several lines): changed only by rewriting its entry.
    Opaque,
}

pub(super) struct Entry {
    pub(super) key: String,
    /// The byte where the key starts.
    pub(super) key_at: usize,
    /// Its first line, and the line after its last line with content.
    pub(super) lines: Range<usize>,
    pub(super) value: Node,
}

pub(super) struct Item {
    /// The byte of its `-`.
    pub(super) dash_at: usize,
    pub(super) lines: Range<usize>,
    pub(super) value: Node,
}

pub(super) struct Scan<'s, 'a> {
    src: &'s Src<'a>,
    /// The line after the document's last (a `...` line ends it).
    end: usize,
}

impl<'s, 'a> Scan<'s, 'a> {
    pub(super) fn new(src: &'s Src<'a>) -> Scan<'s, 'a> {
        let end = (0..src.count())
            .find(|&i| src.line(i).trim_end() == "...")
            .unwrap_or(src.count());
        Scan { src, end }
    }

    pub(super) fn next_content(&self, from: usize) -> Option<usize> {
        (from..self.end).find(|&i| is_content(self.src.line(i)))
    }

    /// A block mapping whose keys start at `col`, the first on line `first` (which may begin
    /// with a `- ` marker before `col`). Returns it and the line after its last content.
    pub(super) fn map(&self, first: usize, col: usize) -> Option<(Node, usize)> {
        let mut entries = Vec::new();
        let mut line = Some(first);
        let mut end = first + 1;
        while let Some(l) = line {
            let text = self.src.line(l);
            if l != first {
                match indent(text) {
                    i if i < col => break,
                    i if i > col => return None,
                    _ => {}
                }
            }
            let (key, after) = key_at(text, col)?;
            let (value, next) = self.value(l, col, text, after)?;
            entries.push(Entry {
                key,
                key_at: self.src.start(l) + col,
                lines: l..next,
                value,
            });
            end = next;
            line = self.next_content(next);
        }
        Some((Node::Map { col, entries }, end))
    }

    /// A block sequence with its markers at `col`, from line `first`.
    fn seq(&self, first: usize, col: usize) -> Option<(Node, usize)> {
        let mut items = Vec::new();
        let mut line = Some(first);
        let mut end = first + 1;
        while let Some(l) = line {
            let text = self.src.line(l);
            let i = indent(text);
            if i < col || (i == col && !is_dash(text, col)) {
                break;
            }
            if i > col {
                return None;
            }
            let rest = &text[col + 1..];
            let at = col + 1 + indent(rest);
            let (value, next) = if is_blank_rest(rest) {
                self.below(l, col)?
            } else if is_dash(text, at) {
                (Node::Opaque, self.continuation(l, col))
            } else if key_at(text, at).is_some() {
                self.map(l, at)?
            } else {
                self.scalar(l, col, at)
            };
            items.push(Item {
                dash_at: self.src.start(l) + col,
                lines: l..next,
                value,
            });
            end = next;
            line = self.next_content(next);
        }
        Some((Node::Seq { col, items }, end))
    }

    /// The value of a key at `col` on line `l`, whose `:` ends at byte `after` of the line.
    fn value(&self, l: usize, col: usize, text: &str, after: usize) -> Option<(Node, usize)> {
        let rest = &text[after..];
        if is_blank_rest(rest) {
            // A sequence may sit at the key's own column.
            if let Some(j) = self.next_content(l + 1) {
                let line = self.src.line(j);
                if indent(line) == col && is_dash(line, col) {
                    return self.seq(j, col);
                }
            }
            return self.below(l, col);
        }
        Some(self.scalar(l, col, after + indent(rest)))
    }

    /// What is written on the lines below line `l`, indented more than `col`: a mapping, a
    /// sequence, or nothing.
    fn below(&self, l: usize, col: usize) -> Option<(Node, usize)> {
        match self.next_content(l + 1) {
            Some(j) if indent(self.src.line(j)) > col => {
                let line = self.src.line(j);
                let i = indent(line);
                if is_dash(line, i) {
                    self.seq(j, i)
                } else {
                    self.map(j, i)
                }
            }
            _ => Some((Node::Empty, l + 1)),
        }
    }

    /// A scalar starting at byte `at` of line `l` (under a key or marker at `col`).
    fn scalar(&self, l: usize, col: usize, at: usize) -> (Node, usize) {
        let text = self.src.line(l);
        let next = self.continuation(l, col);
        if next > l + 1 {
            return (Node::Opaque, next);
        }
        let base = self.src.start(l);
        let s = &text[at..];
        let node = match s.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => match closing_quote(s, q) {
                Some(close) if is_blank_rest(&s[close + 1..]) => Node::Scalar {
                    at: base + at..base + at + close + 1,
                    quote: Some(q),
                },
                _ => Node::Opaque,
            },
            Some(
                b'[' | b'{' | b'|' | b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'#' | b'-'
                | b'?' | b',' | b']' | b'}',
            )
            | None => Node::Opaque,
            Some(_) => {
                let end = comment_start(s).unwrap_or(s.len());
                let value = s[..end].trim_end();
                Node::Scalar {
                    at: base + at..base + at + value.len(),
                    quote: None,
                }
            }
        };
        (node, next)
    }

    /// The line after line `l` and the lines below it indented more than `col`.
    fn continuation(&self, l: usize, col: usize) -> usize {
        let mut next = l + 1;
        while let Some(j) = self.next_content(next) {
            if indent(self.src.line(j)) <= col {
                break;
            }
            next = j + 1;
        }
        next
    }
}

/// A mapping key starting at `col`: the key and the byte after its `:`.
fn key_at(line: &str, col: usize) -> Option<(String, usize)> {
    let s = line.get(col..)?;
    let (key, colon) = match s.as_bytes().first()? {
        &q @ (b'"' | b'\'') => {
            let close = closing_quote(s, q)?;
            let key: String = serde_yaml::from_str(&s[..=close]).ok()?;
            (key, close + 1)
        }
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
        | b'|' | b'>' | b'%' | b'@' | b'`' => return None,
        _ => {
            let colon = s
                .char_indices()
                .find(|&(i, c)| c == ':' && matches!(s.as_bytes().get(i + 1), None | Some(b' ')))?
                .0;
            let key = &s[..colon];
            if key.contains(" #") || key.ends_with(' ') {
                return None;
            }
            (key.to_string(), colon)
        }
    };
    let after = &s[colon..];
    let after = after.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((key, col + colon + 1))
}

/// The byte of the quote closing a quoted scalar that starts at byte 0.
fn closing_quote(s: &str, quote: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Where a comment starts in a plain scalar's line: a `#` after a space.
fn comment_start(s: &str) -> Option<usize> {
    s.char_indices()
        .find(|&(i, c)| c == '#' && i > 0 && s[..i].ends_with([' ', '\t']))
        .map(|(i, _)| i)
}
