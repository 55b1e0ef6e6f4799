//! YAML syntax highlighting for the page's editor: the text, escaped for HTML, with `<span>`s
//! around its tokens. The page lays it under a transparent textarea, so the output must keep
//! every character of the input in place.
//!
//! It is a line scanner, not a parser: it never fails, visits each byte a bounded number of
//! times (linear time), and carries only four facts from one line to the next (inside a block
//! scalar and how deep, inside a multi-line quoted string, the depth of `[ ]`/`{ }` nesting, so
//! JSON reads as well). Spans never cross a line break and never nest. Removing the tags and
//! unescaping the five entities gives back the input exactly (`tests/highlight.rs`).
//!
//! Classes: `hl-key`, `hl-string`, `hl-number`, `hl-bool` (YAML 1.1's `yes`/`no`/`on`/`off`/
//! `y`/`n` included, as kubectl reads them), `hl-null`, `hl-comment`, `hl-doc` (`---`, `...`,
//! `%` directives), `hl-anchor` (`&a` and `*a`), `hl-tag` (`!!str`), `hl-punct` (`- `, `? `,
//! `:`, `,`, brackets, block scalar indicators `|` and `>`).

use crate::yaml::resolve::is_yaml11_boolean;

/// Every class [`yaml_html`] writes, for the page's stylesheet.
pub const CLASSES: &[&str] = &[
    "hl-key",
    "hl-string",
    "hl-number",
    "hl-bool",
    "hl-null",
    "hl-comment",
    "hl-doc",
    "hl-anchor",
    "hl-tag",
    "hl-punct",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hl {
    Key,
    Str,
    Number,
    Bool,
    Null,
    Comment,
    Doc,
    Anchor,
    Tag,
    Punct,
}

impl Hl {
    fn class(self) -> &'static str {
        match self {
            Hl::Key => "hl-key",
            Hl::Str => "hl-string",
            Hl::Number => "hl-number",
            Hl::Bool => "hl-bool",
            Hl::Null => "hl-null",
            Hl::Comment => "hl-comment",
            Hl::Doc => "hl-doc",
            Hl::Anchor => "hl-anchor",
            Hl::Tag => "hl-tag",
            Hl::Punct => "hl-punct",
        }
    }
}

/// What one line leaves for the next.
#[derive(Default)]
struct Carry {
    /// Inside a block scalar (`|` or `>`) whose parent node is at this column (-1 for a
    /// top-level one): lines indented deeper, and blank lines, are its content.
    block: Option<isize>,
    /// Inside a quoted scalar that continues on the next line (`b'"'` or `b'\''`).
    quote: Option<u8>,
    /// Depth of flow collections (`[`, `{`) still open.
    flow: u32,
}

/// `text` as HTML: escaped, with highlighting spans. See the module documentation.
pub fn yaml_html(text: &str) -> String {
    yaml_html_lines(text, 0..usize::MAX)
}

/// The lines `lines` (0-based, end excluded, clamped to the text) of [`yaml_html`]`(text)`,
/// joined by `\n`: exactly those lines of the whole output, since spans never cross a line.
///
/// Every line before the range is still scanned (a block scalar or a quote opened above
/// changes what a line is) but nothing is written for it, so a page can highlight only the
/// lines in view: the scan of a 500-pod cluster costs a few milliseconds, while the whole
/// highlighted text is about five times the input in HTML for the browser to lay out.
pub fn yaml_html_lines(text: &str, lines: std::ops::Range<usize>) -> String {
    // The whole text grows by about half in HTML on typical manifests; a window starts small.
    let whole = lines.start == 0 && lines.end == usize::MAX;
    let mut out = String::with_capacity(if whole {
        text.len() + text.len() / 2
    } else {
        0
    });
    let mut carry = Carry::default();
    for (i, line) in text.split('\n').enumerate() {
        if i >= lines.end {
            break;
        }
        let shown = i >= lines.start;
        if shown && i > lines.start {
            out.push('\n');
        }
        // A CRLF file keeps its `\r`, outside any span.
        let (body, cr) = match line.strip_suffix('\r') {
            Some(body) => (body, "\r"),
            None => (line, ""),
        };
        Line::new(body, shown.then_some(&mut out), &mut carry).highlight();
        if shown {
            escape_into(&mut out, cr);
        }
    }
    out
}

/// Writes `text` escaped for HTML text and attribute values (the console's log uses it too).
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// One line being highlighted. Every index it slices at is 0, the end, or the position of an
/// ASCII byte, so slicing never splits a character.
struct Line<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Where the HTML goes; `None` for a line that is only scanned for what it carries.
    out: Option<&'a mut String>,
    carry: &'a mut Carry,
    /// The column of the node a block scalar on this line would belong to.
    parent: isize,
}

impl<'a> Line<'a> {
    fn new(s: &'a str, out: Option<&'a mut String>, carry: &'a mut Carry) -> Line<'a> {
        Line {
            s,
            b: s.as_bytes(),
            pos: 0,
            out,
            carry,
            parent: -1,
        }
    }

    /// Emits `s[self.pos..end]` with a class (or none) and moves to `end`.
    fn emit(&mut self, end: usize, hl: Option<Hl>) {
        let text = &self.s[self.pos..end];
        if let Some(out) = self.out.as_deref_mut().filter(|_| !text.is_empty()) {
            match hl {
                Some(hl) => {
                    out.push_str("<span class=\"");
                    out.push_str(hl.class());
                    out.push_str("\">");
                    escape_into(out, text);
                    out.push_str("</span>");
                }
                None => escape_into(out, text),
            }
        }
        self.pos = end;
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// Whether the byte at `i` ends a token: the end of the line or a space or tab.
    fn ends_at(&self, i: usize) -> bool {
        self.at(i).is_none_or(is_ws)
    }

    /// Whether `self.pos` starts a `---` or `...` marker (column 0, then a space or the end).
    fn at_marker(&self) -> bool {
        (self.s.starts_with("---") || self.s.starts_with("...")) && self.ends_at(3)
    }

    fn highlight(mut self) {
        let len = self.b.len();
        let indent = self.b.iter().take_while(|&&b| b == b' ').count();
        self.parent = indent as isize - 1;
        if self.at_marker() {
            // A document boundary ends whatever the previous document left open.
            *self.carry = Carry::default();
            let doc_end = self.s.starts_with("...");
            self.emit(3, Some(Hl::Doc));
            if doc_end {
                return self.rest_as_comment_or_plain();
            }
            return self.content();
        }
        if let Some(parent) = self.carry.block {
            let blank = self.b.iter().all(|&b| is_ws(b));
            if blank || indent as isize > parent {
                self.emit(indent, None);
                return self.emit(len, Some(Hl::Str));
            }
            self.carry.block = None;
        }
        if let Some(quote) = self.carry.quote {
            let end = self.quoted_end(0, quote);
            self.emit(end, Some(Hl::Str));
            if self.carry.quote.is_some() {
                return;
            }
            return self.content();
        }
        if self.s.starts_with('%') && self.carry.flow == 0 {
            return self.emit(len, Some(Hl::Doc));
        }
        self.content();
    }

    /// After `...` only a comment may follow; anything else is shown plain.
    fn rest_as_comment_or_plain(mut self) {
        let len = self.b.len();
        let start = self.pos + self.b[self.pos..].iter().take_while(|&&b| is_ws(b)).count();
        self.emit(start, None);
        let hl = (self.at(start) == Some(b'#')).then_some(Hl::Comment);
        self.emit(len, hl);
    }

    /// The tokens of a line from `self.pos` to its end.
    fn content(mut self) {
        let len = self.b.len();
        // Where `- `, `? ` and `: ` may still open a node: before the first other token.
        let mut node_start = true;
        // The previous token was a key, so a `:` right after it is its indicator.
        let mut after_key = false;
        while self.pos < len {
            let ws_end = self.pos + self.b[self.pos..].iter().take_while(|&&b| is_ws(b)).count();
            let preceded_by_ws = ws_end > self.pos || self.pos == 0;
            self.emit(ws_end, None);
            let Some(c) = self.at(self.pos) else { break };
            let start = self.pos;
            if c == b'#' && (preceded_by_ws || start == 0) {
                self.emit(len, Some(Hl::Comment));
                break;
            }
            let indicator = matches!(c, b'-' | b'?' | b':') && self.ends_at(start + 1);
            if node_start && self.carry.flow == 0 && indicator {
                self.parent = start as isize;
                self.emit(start + 1, Some(Hl::Punct));
                continue;
            }
            node_start = false;
            let was_after_key = std::mem::take(&mut after_key);
            match c {
                b'[' | b'{' => {
                    self.carry.flow = self.carry.flow.saturating_add(1);
                    self.emit(start + 1, Some(Hl::Punct));
                }
                b']' | b'}' => {
                    self.carry.flow = self.carry.flow.saturating_sub(1);
                    self.emit(start + 1, Some(Hl::Punct));
                }
                b',' if self.carry.flow > 0 => self.emit(start + 1, Some(Hl::Punct)),
                b':' if was_after_key || self.value_indicator(start) => {
                    self.emit(start + 1, Some(Hl::Punct));
                }
                b'&' | b'*' => {
                    let end = self.word_end(start + 1);
                    self.emit(end, Some(Hl::Anchor));
                }
                b'!' => {
                    let end = self.word_end(start + 1);
                    self.emit(end, Some(Hl::Tag));
                }
                b'|' | b'>' if self.carry.flow == 0 && self.block_header(start).is_some() => {
                    let end = self.block_header(start).unwrap_or(start + 1);
                    self.emit(end, Some(Hl::Punct));
                    self.carry.block = Some(self.parent);
                }
                b'"' | b'\'' => {
                    let end = self.quoted_end(start + 1, c);
                    let key = self.carry.quote.is_none() && self.colon_after(end, true);
                    self.emit(end, Some(if key { Hl::Key } else { Hl::Str }));
                    after_key = key;
                    if key {
                        self.parent = start as isize;
                    }
                }
                _ => {
                    let end = self.plain_end(start);
                    let key = self.colon_after(end, false);
                    let hl = if key {
                        Hl::Key
                    } else {
                        classify(&self.s[start..end])
                    };
                    self.emit(end, Some(hl));
                    after_key = key;
                    if key {
                        self.parent = start as isize;
                    }
                }
            }
        }
    }

    /// Whether the `:` at `i` is a value indicator: followed by a space, the end, or (inside
    /// a flow collection) a flow indicator.
    fn value_indicator(&self, i: usize) -> bool {
        self.ends_at(i + 1) || (self.carry.flow > 0 && self.at(i + 1).is_some_and(is_flow))
    }

    /// Whether a key indicator `:` follows `end`, after spaces. After a quoted scalar any `:`
    /// counts (JSON's `"a":1`); after a plain one, only a value indicator.
    fn colon_after(&self, end: usize, quoted: bool) -> bool {
        let i = end + self.b[end..].iter().take_while(|&&b| is_ws(b)).count();
        self.at(i) == Some(b':') && (quoted || self.value_indicator(i))
    }

    /// The end of an anchor, alias or tag name: the next space, or flow indicator.
    fn word_end(&self, from: usize) -> usize {
        let n = self.b[from..]
            .iter()
            .take_while(|&&b| !is_ws(b) && !is_flow(b))
            .count();
        from + n
    }

    /// The end of a block scalar header (`|`, `>-`, `|2+`, …) at `i`, if the rest of the line
    /// is only spaces or a comment; `None` when the `|` or `>` starts a plain scalar.
    fn block_header(&self, i: usize) -> Option<usize> {
        let n = self.b[i + 1..]
            .iter()
            .take_while(|&&b| b.is_ascii_digit() || b == b'+' || b == b'-')
            .count();
        let end = i + 1 + n;
        let rest = &self.b[end..];
        let ws = rest.iter().take_while(|&&b| is_ws(b)).count();
        (ws == rest.len() || (ws > 0 && rest[ws] == b'#')).then_some(end)
    }

    /// The end of a quoted scalar whose body starts at `from`: after its closing quote, or the
    /// end of the line, in which case it continues on the next line (recorded in `carry`).
    fn quoted_end(&mut self, from: usize, quote: u8) -> usize {
        let len = self.b.len();
        let mut i = from;
        while i < len {
            match self.b[i] {
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && self.at(i + 1) == Some(b'\'') => i += 2,
                b if b == quote => {
                    self.carry.quote = None;
                    return i + 1;
                }
                _ => i += 1,
            }
        }
        self.carry.quote = Some(quote);
        len
    }

    /// The end of a plain scalar starting at `start`, trailing spaces left out: it stops at a
    /// value indicator, a comment, or (inside a flow collection) a flow indicator.
    fn plain_end(&self, start: usize) -> usize {
        let flow = self.carry.flow > 0;
        let mut end = start;
        let mut i = start;
        while let Some(c) = self.at(i) {
            let stop = (c == b':' && self.value_indicator(i))
                || (flow && is_flow(c))
                || (c == b'#' && i > start && is_ws(self.b[i - 1]));
            if stop {
                break;
            }
            i += 1;
            if !is_ws(c) {
                end = i;
            }
        }
        // A lone `:` not followed by a space (e.g. `:x`) still takes one byte, so the scan
        // always moves on.
        end.max(start + 1)
    }
}

/// The class of a plain scalar in a value position.
fn classify(s: &str) -> Hl {
    match s {
        _ if is_yaml11_boolean(s) => Hl::Bool,
        "null" | "Null" | "NULL" | "~" => Hl::Null,
        _ if is_number(s) => Hl::Number,
        _ => Hl::Str,
    }
}

/// YAML 1.2 core schema numbers, with 1.1's `_` separators and `0o`/`0b` prefixes.
fn is_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let radix = |prefix: &str, ok: fn(&u8) -> bool| {
        body.strip_prefix(prefix)
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| ok(&b) || b == b'_'))
    };
    if radix("0x", u8::is_ascii_hexdigit)
        || radix("0o", |b| (b'0'..=b'7').contains(b))
        || radix("0b", |b| *b == b'0' || *b == b'1')
    {
        return true;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = (int.bytes().any(|b| b.is_ascii_digit())
        || frac.bytes().any(|b| b.is_ascii_digit()))
        && digits(int)
        && digits(frac);
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}
