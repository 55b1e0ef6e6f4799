//! Changes one document's text so that it reads as a new value while keeping the person's
//! writing: for a block-style document, only the lines of what changed are touched (a changed
//! scalar is rewritten in place, a removed key loses its lines, an added key gets new lines at
//! its place), so comments, key order, quoting and blank lines elsewhere stay as they were.
//!
//! The result is always checked: it must read back as exactly the new value. When it does not,
//! or the document is written in a way this editor does not follow line by line (flow style,
//! anchors, tags, block scalars that change), the document is written whole instead — its
//! leading comments kept, as JSON if it was JSON.

mod edits;
mod lines;
mod scan;
#[cfg(test)]
mod tests;

use super::emit;
use edits::Edits;
use lines::{indent, is_content, line_ends, Src};
use scan::{Node, Scan};
use serde_yaml::Value;

/// The document text `body`, which reads as `old`, changed to read as `new`.
pub fn rewrite(body: &str, old: &Value, new: &Value) -> String {
    if old == new {
        return body.to_string();
    }
    if let Some(edited) = in_place(body, old, new) {
        if serde_yaml::from_str::<Value>(&edited).ok().as_ref() == Some(new) {
            return edited;
        }
    }
    whole(body, new)
}

/// The document written whole: its leading comments, then `new` in the document's style.
fn whole(body: &str, new: &Value) -> String {
    let src = Src::new(body);
    let first = (0..src.count())
        .find(|&i| is_content(src.line(i)))
        .unwrap_or(src.count());
    let mut out = body[..src.start(first)].to_string();
    let json = src.count() > first && src.line(first).trim_start().starts_with('{');
    let text = if json {
        serde_json::to_string_pretty(new)
            .map(|j| j + "\n")
            .unwrap_or_else(|_| emit::block(new))
    } else {
        emit::block(new)
    };
    out.push_str(&line_ends(&text, src.crlf));
    out
}

fn in_place(body: &str, old: &Value, new: &Value) -> Option<String> {
    let (Value::Mapping(old), Value::Mapping(new)) = (old, new) else {
        return None;
    };
    if new.is_empty() {
        return None;
    }
    let src = Src::new(body);
    let scan = Scan::new(&src);
    let first = scan.next_content(0)?;
    let col = indent(src.line(first));
    let (root, end) = scan.map(first, col)?;
    if scan.next_content(end).is_some() {
        return None;
    }
    let Node::Map { entries, .. } = &root else {
        return None;
    };
    let mut edits = Edits {
        src: &src,
        list: Vec::new(),
    };
    edits.map(col, entries, false, old, new)?;
    edits.apply()
}
