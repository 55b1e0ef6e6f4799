//! The fast path for JSON (`kubectl get -o json`, a document whose first character is `{` or
//! `[`): one pass over the bytes that builds the value and each node's position, as the YAML
//! path would have them. JSON is YAML, so the value is the one serde_yaml reads from the same
//! text: numbers, `true`, `false` and `null` are resolved by `scalar::plain`, as the plain
//! scalars they are to YAML, and strings are the double-quoted scalars they are. Anything this
//! reader is not sure of — invalid JSON, a duplicate key, a lone `\r`, nesting past `MAX_DEPTH`,
//! a number serde_yaml refuses, a `\u` surrogate — returns `None`, and the document takes the YAML path, which
//! then says what it says of it: the two paths give the same values, positions and diagnostics.
//!
//! Like `build`, it reads an object's `metadata.managedFields` without keeping it.

use super::build::Built;
use super::marks::Marks;
use super::scalar;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;

/// Nesting deeper than this takes the YAML path (and its limits).
const MAX_DEPTH: usize = 100;

/// Whether the document's first non-blank byte opens a JSON object or array.
pub(crate) fn looks_like_json(text: &str) -> bool {
    matches!(
        text.bytes().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// Reads one JSON document; `None` leaves it to the YAML path.
pub(crate) fn read(text: &str) -> Option<Built> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        i: 0,
        line: 1,
        line_start: 0,
        counted: (0, 1),
        marks: Marks::default(),
        depth: 0,
        entries: Vec::new(),
        items: Vec::new(),
    };
    r.blank()?;
    let value = r.value(Place::Root, true)?;
    r.blank()?;
    if r.i != r.bytes.len() {
        return None;
    }
    Some(Built {
        value,
        marks: r.marks,
    })
}

/// Where a value is, for its position and for finding `metadata.managedFields`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The document itself: an object, or a List.
    Root,
    /// An item of the root's `items`.
    Item,
    /// An item of another array.
    InArray,
    /// The value of a key at this position; `metadata` tells an object's metadata.
    Keyed((u32, u32), Meta),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Meta {
    /// An object's `metadata`.
    Metadata,
    /// The root's `items`.
    Items,
    /// Anything else.
    No,
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    i: usize,
    /// The line of `i` (1-based) and the offset its line starts at.
    line: u32,
    line_start: usize,
    /// A byte offset on the current line and its column, so columns (in characters, as
    /// yaml-rust2 counts them) are counted once over a long line.
    counted: (usize, u32),
    marks: Marks,
    depth: usize,
    /// The entries of the open objects and the items of the open arrays, innermost last: a
    /// container's are moved into a value of their exact size when it closes, rather than
    /// grown one push at a time (which reallocates every mapping a few times over).
    entries: Vec<(Value, Value)>,
    items: Vec<Value>,
}

impl Reader<'_> {
    /// Skips JSON whitespace, counting lines; a `\r` must start `\r\n` (a lone one is a line
    /// break to YAML and not to this count).
    fn blank(&mut self) -> Option<()> {
        while let Some(&b) = self.bytes.get(self.i) {
            match b {
                b' ' | b'\t' => {}
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.i + 1;
                }
                b'\r' if self.bytes.get(self.i + 1) == Some(&b'\n') => {}
                b'\r' => return None,
                _ => break,
            }
            self.i += 1;
        }
        Some(())
    }

    /// The position of the byte at `i`: line and 1-based column in characters.
    fn at(&mut self) -> (u32, u32) {
        let (from, col) = if self.counted.0 >= self.line_start && self.counted.0 <= self.i {
            self.counted
        } else {
            (self.line_start, 1)
        };
        let chars = self.bytes[from..self.i]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count() as u32;
        self.counted = (self.i, col + chars);
        (self.line, col + chars)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.bytes.get(self.i) == Some(&b)).then(|| self.i += 1)
    }

    /// One value at `place`; with `keep` false, read and checked but not built (`Null`).
    fn value(&mut self, place: Place, keep: bool) -> Option<Value> {
        let own = self.at();
        let at = match place {
            Place::Keyed(at, _) => at,
            _ => own,
        };
        match *self.bytes.get(self.i)? {
            b'{' => self.object(place, at, keep),
            b'[' => self.array(place, at, keep),
            b'"' => {
                let s = self.string()?;
                if keep {
                    self.marks.leaf(at, false);
                }
                Some(if keep { Value::String(s) } else { Value::Null })
            }
            _ => {
                let start = self.i;
                while self
                    .bytes
                    .get(self.i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
                {
                    self.i += 1;
                }
                let token = &self.text[start..self.i];
                let value = match token {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    _ if is_json_number(token) => scalar::plain(token)?,
                    _ => return None,
                };
                if keep {
                    self.marks.leaf(at, false);
                }
                Some(value)
            }
        }
    }

    fn deeper(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn object(&mut self, place: Place, at: (u32, u32), keep: bool) -> Option<Value> {
        self.deeper()?;
        self.i += 1;
        let node = keep.then(|| self.marks.open(at));
        // A mapping in an array, and the root, are where their first key is.
        let at_first_key = !matches!(place, Place::Keyed(..));
        let base = self.entries.len();
        let mut skipped_keys: BTreeSet<String> = BTreeSet::new();
        let mut managed = false;
        self.blank()?;
        if self.eat(b'}').is_none() {
            loop {
                self.blank()?;
                if self.bytes.get(self.i) != Some(&b'"') {
                    return None;
                }
                let key_at = self.at();
                let key = self.string()?;
                self.blank()?;
                self.eat(b':')?;
                self.blank()?;
                let first = self.entries.len() == base && !managed;
                if let (Some(node), true, true) = (node, at_first_key, first) {
                    self.marks.set(node, key_at);
                }
                let meta = match (place, key.as_str()) {
                    (Place::Root, "items") => Meta::Items,
                    (Place::Root | Place::Item, "metadata") => Meta::Metadata,
                    _ => Meta::No,
                };
                let skip =
                    matches!(place, Place::Keyed(_, Meta::Metadata)) && key == "managedFields";
                if !keep {
                    // Read past, but a duplicate key is still refused.
                    if !skipped_keys.insert(key) {
                        return None;
                    }
                    self.value(Place::Keyed(key_at, Meta::No), false)?;
                } else if skip {
                    if managed {
                        return None;
                    }
                    managed = true;
                    self.value(Place::Keyed(key_at, Meta::No), false)?;
                } else {
                    let v = self.value(Place::Keyed(key_at, meta), true)?;
                    self.entries.push((Value::String(key), v));
                }
                self.blank()?;
                if self.eat(b',').is_none() {
                    self.eat(b'}')?;
                    break;
                }
            }
        }
        if let Some(node) = node {
            self.marks.close(node);
        }
        self.depth -= 1;
        if !keep {
            return Some(Value::Null);
        }
        let mut map = Mapping::with_capacity(self.entries.len() - base);
        for (k, v) in self.entries.drain(base..) {
            // A duplicate key: left to the YAML path, which refuses it.
            if map.insert(k, v).is_some() {
                return None;
            }
        }
        Some(Value::Mapping(map))
    }

    fn array(&mut self, place: Place, at: (u32, u32), keep: bool) -> Option<Value> {
        self.deeper()?;
        self.i += 1;
        let node = keep.then(|| self.marks.open(at));
        let item = match place {
            Place::Keyed(_, Meta::Items) => Place::Item,
            _ => Place::InArray,
        };
        let base = self.items.len();
        self.blank()?;
        if self.eat(b']').is_none() {
            loop {
                self.blank()?;
                let v = self.value(item, keep)?;
                if keep {
                    self.items.push(v);
                }
                self.blank()?;
                if self.eat(b',').is_none() {
                    self.eat(b']')?;
                    break;
                }
            }
        }
        if let Some(node) = node {
            self.marks.close(node);
        }
        self.depth -= 1;
        Some(if keep {
            Value::Sequence(self.items.drain(base..).collect())
        } else {
            Value::Null
        })
    }

    /// A string at `i` (its opening quote), unescaped.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let start = self.i;
        // The common case: no escape.
        while let Some(&b) = self.bytes.get(self.i) {
            match b {
                b'"' => {
                    let s = self.text[start..self.i].to_string();
                    self.i += 1;
                    return Some(s);
                }
                b'\\' => break,
                0..=0x1F => return None,
                _ => self.i += 1,
            }
        }
        let mut out = self.text[start..self.i].to_string();
        loop {
            let b = *self.bytes.get(self.i)?;
            match b {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let e = *self.bytes.get(self.i)?;
                    self.i += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    });
                }
                0..=0x1F => return None,
                _ => {
                    // One whole character (the text is UTF-8).
                    let c = self.text[self.i..].chars().next()?;
                    out.push(c);
                    self.i += c.len_utf8();
                }
            }
        }
    }

    /// The character of a `\u` escape (after the `u`). A surrogate (half of a pair, `\ud83d`)
    /// is left to the YAML path: libyaml refuses it, so serde_yaml says so there.
    fn unicode(&mut self) -> Option<char> {
        let digits = self.text.get(self.i..self.i + 4)?;
        self.i += 4;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        char::from_u32(u32::from_str_radix(digits, 16).ok()?)
    }
}

/// Whether a token is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(token: &str) -> bool {
    let b = token.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}
