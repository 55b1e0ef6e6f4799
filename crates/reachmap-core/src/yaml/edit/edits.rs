//! The replacements that turn a document's old text into the new, node by node: a changed
//! scalar in place, a removed key's lines cut, an added key's lines inserted at its place.

use super::lines::{indent_all, indent_rest, line_ends, Src};
use super::scan::{Entry, Item, Node};
use crate::yaml::emit;
use crate::yaml::quote::{double_quoted, single_quoted};
use serde_yaml::{Mapping, Value};
use std::ops::Range;

/// `key: value` as a block, ending in a newline.
fn entry_text(key: &str, value: &Value) -> String {
    let mut m = Mapping::new();
    m.insert(Value::String(key.to_string()), value.clone());
    emit::block(&Value::Mapping(m))
}

/// A scalar for the place of one written with `quote`, keeping the quote style for strings.
fn scalar_text(value: &Value, quote: Option<u8>) -> Option<String> {
    match (value, quote) {
        (Value::String(s), Some(b'"')) => Some(double_quoted(s)),
        (Value::String(s), Some(b'\'')) if !s.contains('\n') => Some(single_quoted(s)),
        _ => emit::inline(value),
    }
}

/// The replacements that turn the old text into the new: byte ranges and their new text.
pub(super) struct Edits<'s, 'a> {
    pub(super) src: &'s Src<'a>,
    pub(super) list: Vec<(Range<usize>, String)>,
}

impl Edits<'_, '_> {
    fn push(&mut self, at: Range<usize>, text: String) {
        self.list.push((at, text));
    }

    fn line_start(&self, line: usize) -> usize {
        self.src.start(line)
    }

    pub(super) fn map(
        &mut self,
        col: usize,
        entries: &[Entry],
        dash: bool,
        old: &Mapping,
        new: &Mapping,
    ) -> Option<()> {
        if entries.len() != old.len()
            || !entries
                .iter()
                .all(|e| old.contains_key(Value::String(e.key.clone())))
        {
            return None;
        }
        for (i, e) in entries.iter().enumerate() {
            let key = Value::String(e.key.clone());
            let before = &old[&key];
            match new.get(&key) {
                None => {
                    let at = if dash && i == 0 {
                        // The key shares its line with the `- ` marker: the next key moves up.
                        e.key_at..entries.get(1)?.key_at
                    } else {
                        self.line_start(e.lines.start)..self.line_start(e.lines.end)
                    };
                    self.push(at, String::new());
                }
                Some(after) if after != before => self.entry(e, col, before, after)?,
                Some(_) => {}
            }
        }
        // New keys: at their place among sorted keys, else after the last.
        let sorted = entries.windows(2).all(|w| w[0].key <= w[1].key);
        for (k, v) in new {
            if old.contains_key(k) {
                continue;
            }
            let key = k.as_str()?;
            let place = if sorted {
                entries
                    .iter()
                    .enumerate()
                    .position(|(i, e)| e.key.as_str() > key && !(dash && i == 0))
            } else {
                None
            };
            let at = match place {
                Some(0) => self.line_start(entries[0].lines.start),
                Some(i) => self.line_start(entries[i - 1].lines.end),
                None => self.line_start(entries.last()?.lines.end),
            };
            let mut text = indent_all(&entry_text(key, v), col);
            if at == self.src.text.len() && !self.src.text.ends_with('\n') {
                text.insert(0, '\n');
            }
            self.push(at..at, text);
        }
        Some(())
    }

    fn entry(&mut self, e: &Entry, col: usize, before: &Value, after: &Value) -> Option<()> {
        if !self.nested(&e.value, false, before, after)? {
            let at = e.key_at..self.line_start(e.lines.end);
            self.push(at, indent_rest(&entry_text(&e.key, after), col));
        }
        Some(())
    }

    /// Changes a value where its node lets it change in place: `Some(true)` done,
    /// `Some(false)` when the whole entry or item must be written again. `item`: the value
    /// is a sequence item (a mapping there starts on the `- ` line).
    pub(super) fn nested(
        &mut self,
        node: &Node,
        item: bool,
        before: &Value,
        after: &Value,
    ) -> Option<bool> {
        match (node, before, after) {
            (Node::Map { col, entries }, Value::Mapping(b), Value::Mapping(a)) if !a.is_empty() => {
                self.map(*col, entries, item, b, a).map(|()| true)
            }
            (Node::Seq { col, items }, Value::Sequence(b), Value::Sequence(a)) if !a.is_empty() => {
                self.seq(*col, items, b, a).map(|()| true)
            }
            (Node::Scalar { at, quote }, _, _) => Some(match scalar_text(after, *quote) {
                Some(text) => {
                    self.push(at.clone(), text);
                    true
                }
                None => false,
            }),
            _ => Some(false),
        }
    }

    fn seq(&mut self, col: usize, items: &[Item], old: &[Value], new: &[Value]) -> Option<()> {
        if items.len() != old.len() {
            return None;
        }
        let common = old.len().min(new.len());
        for i in 0..common {
            if old[i] != new[i] {
                self.item(&items[i], col, &old[i], &new[i])?;
            }
        }
        let last_end = self.line_start(items.last()?.lines.end);
        if new.len() > old.len() {
            let mut text = indent_all(&emit::block(&Value::Sequence(new[common..].to_vec())), col);
            if last_end == self.src.text.len() && !self.src.text.ends_with('\n') {
                text.insert(0, '\n');
            }
            self.push(last_end..last_end, text);
        } else if new.len() < old.len() {
            let from = self.line_start(items[common].lines.start);
            self.push(from..last_end, String::new());
        }
        Some(())
    }

    fn item(&mut self, item: &Item, col: usize, before: &Value, after: &Value) -> Option<()> {
        if !self.nested(&item.value, true, before, after)? {
            let at = item.dash_at..self.line_start(item.lines.end);
            let text = emit::block(&Value::Sequence(vec![after.clone()]));
            self.push(at, indent_rest(&text, col));
        }
        Some(())
    }

    /// The text with every edit made, or `None` when two edits overlap.
    pub(super) fn apply(mut self) -> Option<String> {
        // Insertions before a replacement that starts at the same byte; ties in order.
        self.list
            .sort_by_key(|(at, _)| (at.start, at.end != at.start));
        let text = self.src.text;
        let mut out = String::with_capacity(text.len() + 64);
        let mut cursor = 0;
        for (at, new) in &self.list {
            if at.start < cursor || at.end > text.len() {
                return None;
            }
            out.push_str(text.get(cursor..at.start)?);
            out.push_str(&line_ends(new, self.src.crlf));
            cursor = at.end;
        }
        out.push_str(text.get(cursor..)?);
        Some(out)
    }
}
