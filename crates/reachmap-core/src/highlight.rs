//! YAML syntax highlighting for the page's editor: the text, escaped for HTML, with `<span>`s
//! around its tokens (`yaml::lex`). The page lays it under a transparent textarea, so the
//! output must keep every character of the input in place: spans never cross a line break and
//! never nest, and removing the tags and unescaping the five entities gives back the input
//! exactly (`tests/highlight.rs`).
//!
//! Classes: `hl-key`, `hl-string`, `hl-number`, `hl-bool` (YAML 1.1's `yes`/`no`/`on`/`off`/
//! `y`/`n` included, as kubectl reads them), `hl-null`, `hl-comment`, `hl-doc` (`---`, `...`,
//! `%` directives), `hl-anchor` (`&a` and `*a`), `hl-tag` (`!!str`), `hl-punct` (`- `, `? `,
//! `:`, `,`, brackets, block scalar indicators `|` and `>`).

use crate::yaml::lex::{Lexer, Token};

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

/// The class of a token.
fn class(token: Token) -> &'static str {
    match token {
        Token::Key => "hl-key",
        Token::Str => "hl-string",
        Token::Number => "hl-number",
        Token::Bool => "hl-bool",
        Token::Null => "hl-null",
        Token::Comment => "hl-comment",
        Token::Marker => "hl-doc",
        Token::Anchor => "hl-anchor",
        Token::Tag => "hl-tag",
        Token::Punct => "hl-punct",
    }
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
    let mut lexer = Lexer::default();
    for (i, line) in text.split('\n').enumerate() {
        if i >= lines.end {
            break;
        }
        // A CRLF file keeps its `\r`, outside any span.
        let (body, cr) = match line.strip_suffix('\r') {
            Some(body) => (body, "\r"),
            None => (line, ""),
        };
        if i < lines.start {
            lexer.skip(body);
            continue;
        }
        if i > lines.start {
            out.push('\n');
        }
        lexer.line(body, &mut |piece, token| match token {
            Some(token) => {
                out.push_str("<span class=\"");
                out.push_str(class(token));
                out.push_str("\">");
                escape_into(&mut out, piece);
                out.push_str("</span>");
            }
            None => escape_into(&mut out, piece),
        });
        escape_into(&mut out, cr);
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
