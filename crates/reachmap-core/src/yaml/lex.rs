//! A YAML lexer for the editor's highlighting: each line cut into tokens (keys, strings,
//! numbers, booleans…), every byte of the line in exactly one piece, in order.
//!
//! It is a line scanner, not a parser: it never fails, visits each byte a bounded number of
//! times (linear time), and carries only four facts from one line to the next (inside a block
//! scalar and how deep, inside a multi-line quoted string, the depth of `[ ]`/`{ }` nesting, so
//! JSON reads as well). Tokens never cross a line break.
//!
//! Booleans are YAML 1.1's (`yes`/`no`/`on`/`off`/`y`/`n` included), as kubectl reads them;
//! `Marker` is `---`, `...` and `%` directives; `Punct` is `- `, `? `, `:`, `,`, brackets and
//! block scalar indicators (`|`, `>`).

use super::resolve::is_yaml11_boolean;

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Key,
    Str,
    Number,
    Bool,
    Null,
    Comment,
    /// A document marker (`---`, `...`) or a directive (`%YAML`).
    Marker,
    /// An anchor (`&a`) or an alias (`*a`).
    Anchor,
    /// A tag (`!!str`).
    Tag,
    Punct,
}

/// The lexer between two lines.
#[derive(Default)]
pub(crate) struct Lexer {
    carry: Carry,
}

impl Lexer {
    /// Cuts `line` (without its line break) into pieces, handed in order to `out` with their
    /// token (`None` for spaces and anything unclassified); together they are the line.
    pub(crate) fn line(&mut self, line: &str, out: &mut impl FnMut(&str, Option<Token>)) {
        Line::new(line, Some(out), &mut self.carry).lex();
    }

    /// Reads `line` only for what it carries to the next (a block scalar, a quote, a flow
    /// collection opened on it).
    pub(crate) fn skip(&mut self, line: &str) {
        Line::new(line, None::<&mut fn(&str, Option<Token>)>, &mut self.carry).lex();
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

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// One line being cut into tokens. Every index it slices at is 0, the end, or the position of
/// an ASCII byte, so slicing never splits a character.
struct Line<'a, F> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Where the pieces go; `None` for a line that is only scanned for what it carries.
    out: Option<&'a mut F>,
    carry: &'a mut Carry,
    /// The column of the node a block scalar on this line would belong to.
    parent: isize,
}

impl<'a, F: FnMut(&str, Option<Token>)> Line<'a, F> {
    fn new(s: &'a str, out: Option<&'a mut F>, carry: &'a mut Carry) -> Line<'a, F> {
        Line {
            s,
            b: s.as_bytes(),
            pos: 0,
            out,
            carry,
            parent: -1,
        }
    }

    /// Hands `s[self.pos..end]` on with its token (or none) and moves to `end`.
    fn emit(&mut self, end: usize, token: Option<Token>) {
        let text = &self.s[self.pos..end];
        if let Some(out) = self.out.as_deref_mut().filter(|_| !text.is_empty()) {
            out(text, token);
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

    fn lex(mut self) {
        let len = self.b.len();
        let indent = self.b.iter().take_while(|&&b| b == b' ').count();
        self.parent = indent as isize - 1;
        if self.at_marker() {
            // A document boundary ends whatever the previous document left open.
            *self.carry = Carry::default();
            let doc_end = self.s.starts_with("...");
            self.emit(3, Some(Token::Marker));
            if doc_end {
                return self.rest_as_comment_or_plain();
            }
            return self.content();
        }
        if let Some(parent) = self.carry.block {
            let blank = self.b.iter().all(|&b| is_ws(b));
            if blank || indent as isize > parent {
                self.emit(indent, None);
                return self.emit(len, Some(Token::Str));
            }
            self.carry.block = None;
        }
        if let Some(quote) = self.carry.quote {
            let end = self.quoted_end(0, quote);
            self.emit(end, Some(Token::Str));
            if self.carry.quote.is_some() {
                return;
            }
            return self.content();
        }
        if self.s.starts_with('%') && self.carry.flow == 0 {
            return self.emit(len, Some(Token::Marker));
        }
        self.content();
    }

    /// After `...` only a comment may follow; anything else is shown plain.
    fn rest_as_comment_or_plain(mut self) {
        let len = self.b.len();
        let start = self.pos + self.b[self.pos..].iter().take_while(|&&b| is_ws(b)).count();
        self.emit(start, None);
        let token = (self.at(start) == Some(b'#')).then_some(Token::Comment);
        self.emit(len, token);
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
                self.emit(len, Some(Token::Comment));
                break;
            }
            let indicator = matches!(c, b'-' | b'?' | b':') && self.ends_at(start + 1);
            if node_start && self.carry.flow == 0 && indicator {
                self.parent = start as isize;
                self.emit(start + 1, Some(Token::Punct));
                continue;
            }
            node_start = false;
            let was_after_key = std::mem::take(&mut after_key);
            match c {
                b'[' | b'{' => {
                    self.carry.flow = self.carry.flow.saturating_add(1);
                    self.emit(start + 1, Some(Token::Punct));
                }
                b']' | b'}' => {
                    self.carry.flow = self.carry.flow.saturating_sub(1);
                    self.emit(start + 1, Some(Token::Punct));
                }
                b',' if self.carry.flow > 0 => self.emit(start + 1, Some(Token::Punct)),
                b':' if was_after_key || self.value_indicator(start) => {
                    self.emit(start + 1, Some(Token::Punct));
                }
                b'&' | b'*' => {
                    let end = self.word_end(start + 1);
                    self.emit(end, Some(Token::Anchor));
                }
                b'!' => {
                    let end = self.word_end(start + 1);
                    self.emit(end, Some(Token::Tag));
                }
                b'|' | b'>' if self.carry.flow == 0 && self.block_header(start).is_some() => {
                    let end = self.block_header(start).unwrap_or(start + 1);
                    self.emit(end, Some(Token::Punct));
                    self.carry.block = Some(self.parent);
                }
                b'"' | b'\'' => {
                    let end = self.quoted_end(start + 1, c);
                    let key = self.carry.quote.is_none() && self.colon_after(end, true);
                    self.emit(end, Some(if key { Token::Key } else { Token::Str }));
                    after_key = key;
                    if key {
                        self.parent = start as isize;
                    }
                }
                _ => {
                    let end = self.plain_end(start);
                    let key = self.colon_after(end, false);
                    let token = if key {
                        Token::Key
                    } else {
                        classify(&self.s[start..end])
                    };
                    self.emit(end, Some(token));
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
fn classify(s: &str) -> Token {
    match s {
        _ if is_yaml11_boolean(s) => Token::Bool,
        "null" | "Null" | "NULL" | "~" => Token::Null,
        _ if is_number(s) => Token::Number,
        _ => Token::Str,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of each line, with their tokens.
    fn pieces(text: &str) -> Vec<Vec<(String, Option<Token>)>> {
        let mut lexer = Lexer::default();
        text.lines()
            .map(|line| {
                let mut out = Vec::new();
                lexer.line(line, &mut |piece, token| {
                    out.push((piece.to_string(), token))
                });
                out
            })
            .collect()
    }

    #[test]
    fn cuts_lines_into_tokens_that_cover_them() {
        let lines = pieces("key: yes # note\n- [1, \"a\"]\ntext: |\n  not: a key\n");
        let token =
            |l: usize, piece: &str| lines[l].iter().find(|(p, _)| p == piece).map(|(_, t)| *t);
        assert_eq!(token(0, "key"), Some(Some(Token::Key)));
        assert_eq!(token(0, "yes"), Some(Some(Token::Bool)));
        assert_eq!(token(0, "# note"), Some(Some(Token::Comment)));
        assert_eq!(token(1, "1"), Some(Some(Token::Number)));
        assert_eq!(token(1, "\"a\""), Some(Some(Token::Str)));
        // The block scalar's content is a string, not a key: the lexer carries the block.
        assert_eq!(token(3, "not: a key"), Some(Some(Token::Str)));
        for (line, cut) in "key: yes # note\n- [1, \"a\"]\ntext: |\n  not: a key"
            .lines()
            .zip(&lines)
        {
            let joined: String = cut.iter().map(|(p, _)| p.as_str()).collect();
            assert_eq!(joined, line);
        }
    }
}
