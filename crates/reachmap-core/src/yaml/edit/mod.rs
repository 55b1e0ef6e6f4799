//! Changes one document's text so that it reads as a new value while keeping the person's
//! writing: for a block-style document, only the lines of what changed are touched (a changed
//! scalar is rewritten in place, a removed key loses its lines, an added key gets new lines at
//! its place), so comments, key order, quoting and blank lines elsewhere stay as they were.
//!
//! The result is always checked: it must read back as exactly the new value. When it does not,
//! or the document is written in a way this editor does not follow line by line (flow style,
//! anchors, tags, block scalars that change), the document is written whole instead — its
//! leading comments kept, as JSON if it was JSON.

use super::emit;
use super::quote::double_quoted;
use serde_yaml::{Mapping, Value};
use std::ops::Range;

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

/// The text by lines.
struct Src<'a> {
    text: &'a str,
    /// Where each line starts, and `text.len()` last.
    starts: Vec<usize>,
    crlf: bool,
}

impl<'a> Src<'a> {
    fn new(text: &'a str) -> Src<'a> {
        let mut starts = vec![0];
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            at += line.len();
            starts.push(at);
        }
        Src {
            text,
            starts,
            crlf: text.contains("\r\n"),
        }
    }

    fn count(&self) -> usize {
        self.starts.len() - 1
    }

    fn start(&self, line: usize) -> usize {
        self.starts[line.min(self.count())]
    }

    /// A line without its line break.
    fn line(&self, i: usize) -> &'a str {
        let text = &self.text[self.starts[i]..self.starts[i + 1]];
        let text = text.strip_suffix('\n').unwrap_or(text);
        text.strip_suffix('\r').unwrap_or(text)
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line that holds something (not blank, not only a comment).
fn is_content(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    !t.is_empty() && !t.starts_with('#')
}

/// Whether the line has a `- ` item marker at `col`.
fn is_dash(line: &str, col: usize) -> bool {
    let rest = &line.as_bytes()[col.min(line.len())..];
    rest.first() == Some(&b'-') && matches!(rest.get(1), None | Some(b' '))
}

/// The text after a value marker is nothing or a comment: the value is on the next lines.
fn is_blank_rest(rest: &str) -> bool {
    let t = rest.trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

/// How a part of the document is written.
enum Node {
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

struct Entry {
    key: String,
    /// The byte where the key starts.
    key_at: usize,
    /// Its first line, and the line after its last line with content.
    lines: Range<usize>,
    value: Node,
}

struct Item {
    /// The byte of its `-`.
    dash_at: usize,
    lines: Range<usize>,
    value: Node,
}

struct Scan<'s, 'a> {
    src: &'s Src<'a>,
    /// The line after the document's last (a `...` line ends it).
    end: usize,
}

impl<'s, 'a> Scan<'s, 'a> {
    fn new(src: &'s Src<'a>) -> Scan<'s, 'a> {
        let end = (0..src.count())
            .find(|&i| src.line(i).trim_end() == "...")
            .unwrap_or(src.count());
        Scan { src, end }
    }

    fn next_content(&self, from: usize) -> Option<usize> {
        (from..self.end).find(|&i| is_content(self.src.line(i)))
    }

    /// A block mapping whose keys start at `col`, the first on line `first` (which may begin
    /// with a `- ` marker before `col`). Returns it and the line after its last content.
    fn map(&self, first: usize, col: usize) -> Option<(Node, usize)> {
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

/// `text` with every line after the first indented by `col` spaces.
fn indent_rest(text: &str, col: usize) -> String {
    let pad = " ".repeat(col);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && line != "\n" {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

/// `text` with every line indented by `col` spaces.
fn indent_all(text: &str, col: usize) -> String {
    let pad = " ".repeat(col);
    let mut out = pad.clone();
    out.push_str(&indent_rest(text, col));
    out
}

fn line_ends(text: &str, crlf: bool) -> String {
    if crlf {
        text.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        text.to_string()
    }
}

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
        (Value::String(s), Some(b'\'')) if !s.contains('\n') => {
            Some(format!("'{}'", s.replace('\'', "''")))
        }
        _ => emit::inline(value),
    }
}

/// The replacements that turn the old text into the new: byte ranges and their new text.
struct Edits<'s, 'a> {
    src: &'s Src<'a>,
    list: Vec<(Range<usize>, String)>,
}

impl Edits<'_, '_> {
    fn push(&mut self, at: Range<usize>, text: String) {
        self.list.push((at, text));
    }

    fn line_start(&self, line: usize) -> usize {
        self.src.start(line)
    }

    fn map(
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
    fn nested(&mut self, node: &Node, item: bool, before: &Value, after: &Value) -> Option<bool> {
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
    fn apply(mut self) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    /// Rewrites `body` after changing its value with `change`.
    fn edit(body: &str, change: impl FnOnce(&mut Value)) -> String {
        let old = v(body);
        let mut new = old.clone();
        change(&mut new);
        let out = rewrite(body, &old, &new);
        assert_eq!(v(&out), new, "{out}");
        out
    }

    const POD: &str = "# my pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx   # the name\n  labels:\n    run: nginx\nspec:\n  containers:\n  - name: nginx\n    image: \"nginx:1.25\"\n    ports:\n    - containerPort: 80\n\n  # keep me\n  restartPolicy: Never\n";

    #[test]
    fn a_changed_scalar_keeps_everything_else() {
        let out = edit(POD, |n| n["spec"]["restartPolicy"] = "Always".into());
        assert_eq!(out, POD.replace("Never", "Always"));
        let out = edit(POD, |n| {
            n["spec"]["containers"][0]["image"] = "nginx:1.27".into()
        });
        assert_eq!(out, POD.replace("1.25", "1.27"));
        let out = edit(POD, |n| n["metadata"]["name"] = "web".into());
        assert_eq!(out, POD.replace("name: nginx   #", "name: web   #"));
    }

    #[test]
    fn keys_added_and_removed_by_lines() {
        let out = edit(POD, |n| {
            n["metadata"]["labels"]["tier"] = "web".into();
        });
        assert_eq!(
            out,
            POD.replace("    run: nginx\n", "    run: nginx\n    tier: web\n")
        );
        let out = edit(POD, |n| {
            n["metadata"]["labels"]
                .as_mapping_mut()
                .unwrap()
                .remove("run");
            n["metadata"]["labels"]["app"] = "a".into();
        });
        assert_eq!(out, POD.replace("    run: nginx\n", "    app: a\n"));
        // Labels removed entirely.
        let out = edit(POD, |n| {
            n["metadata"].as_mapping_mut().unwrap().remove("labels");
        });
        assert_eq!(out, POD.replace("  labels:\n    run: nginx\n", ""));
        // A key into a list item, and a new item.
        let out = edit(POD, |n| {
            n["spec"]["containers"][0]["ports"][0]["protocol"] = "TCP".into();
        });
        assert!(
            out.contains("    - containerPort: 80\n      protocol: TCP\n\n  # keep me\n"),
            "{out}"
        );
        let out = edit(POD, |n| {
            let ports = n["spec"]["containers"][0]["ports"]
                .as_sequence_mut()
                .unwrap();
            ports.push(v("containerPort: 443"));
        });
        assert!(
            out.contains("    - containerPort: 80\n    - containerPort: 443\n"),
            "{out}"
        );
    }

    #[test]
    fn sorted_mappings_get_new_keys_in_place() {
        let body = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: nginx\n";
        let out = edit(body, |n| n["spec"]["type"] = "NodePort".into());
        assert_eq!(out, format!("{body}  type: NodePort\n"));
        let out = edit(body, |n| n["spec"]["ports"][0]["nodePort"] = 30080.into());
        assert!(
            out.contains("  - nodePort: 30080\n    port: 80\n")
                || out.contains("  - port: 80\n    nodePort: 30080\n"),
            "{out}"
        );
        let out = edit(body, |n| n["spec"]["clusterIP"] = "10.96.0.20".into());
        assert!(
            out.contains("spec:\n  clusterIP: 10.96.0.20\n  ports:\n"),
            "{out}"
        );
    }

    #[test]
    fn the_first_key_of_an_item_can_go() {
        let body = "spec:\n  ports:\n  - name: http\n    port: 80\n";
        let out = edit(body, |n| {
            n["spec"]["ports"][0]
                .as_mapping_mut()
                .unwrap()
                .remove("name");
        });
        assert_eq!(out, "spec:\n  ports:\n  - port: 80\n");
    }

    #[test]
    fn quotes_crlf_and_a_missing_last_newline() {
        let body = "kind: Service\r\nspec:\r\n  type: 'ClusterIP'\r\n";
        let out = edit(body, |n| n["spec"]["type"] = "NodePort".into());
        assert_eq!(out, "kind: Service\r\nspec:\r\n  type: 'NodePort'\r\n");
        let out = edit(body, |n| n["spec"]["x"] = "y".into());
        assert_eq!(
            out,
            "kind: Service\r\nspec:\r\n  type: 'ClusterIP'\r\n  x: \"y\"\r\n"
        );
        let body = "kind: Pod\nmetadata:\n  name: a";
        let out = edit(body, |n| n["metadata"]["namespace"] = "prod".into());
        assert!(
            out.starts_with("kind: Pod\nmetadata:\n  name: a\n"),
            "{out}"
        );
    }

    #[test]
    fn flow_style_and_json_are_written_whole() {
        let body = "# top\nkind: Service\nspec: {type: ClusterIP, ports: [{port: 80}]}\n";
        let out = edit(body, |n| n["spec"]["type"] = "NodePort".into());
        assert!(out.starts_with("# top\nkind: Service\n"), "{out}");
        let body = "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n";
        let out = edit(body, |n| n["metadata"]["name"] = "b".into());
        assert!(out.starts_with("{\n  \"kind\": \"Pod\""), "{out}");
    }

    #[test]
    fn values_that_change_shape() {
        let out = edit(POD, |n| n["metadata"]["labels"] = v("{}"));
        assert!(out.contains("  labels: {}\n"), "{out}");
        let out = edit(POD, |n| n["spec"]["restartPolicy"] = v("[a, b]"));
        assert!(out.contains("  restartPolicy:\n  - a\n  - b\n"), "{out}");
        let body = "a:\nb: 1\n";
        let out = edit(body, |n| n["a"] = v("{x: 1}"));
        assert_eq!(out, "a:\n  x: 1\nb: 1\n");
    }

    #[test]
    fn odd_documents_never_break() {
        for body in [
            "a: &x {b: 1}\nc: *x\n",
            "a: |\n  text\n  more\nb: 1\n",
            "a: \"multi\n  line\"\nb: 1\n",
            "? complex\n: value\nb: 1\n",
            "a:\n- - 1\n  - 2\nb: 1\n",
            "\"quoted key\": 1\nb: 2\n",
            "a: 1\n...\n",
        ] {
            edit(body, |n| n["b"] = 9.into());
            edit(body, |n| n["z"] = v("{y: [1]}"));
        }
    }
}
