//! A document's text by lines, and the indentation helpers the editor writes with.

/// The text by lines.
pub(super) struct Src<'a> {
    pub(super) text: &'a str,
    /// Where each line starts, and `text.len()` last.
    starts: Vec<usize>,
    pub(super) crlf: bool,
}

impl<'a> Src<'a> {
    pub(super) fn new(text: &'a str) -> Src<'a> {
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

    pub(super) fn count(&self) -> usize {
        self.starts.len() - 1
    }

    pub(super) fn start(&self, line: usize) -> usize {
        self.starts[line.min(self.count())]
    }

    /// A line without its line break.
    pub(super) fn line(&self, i: usize) -> &'a str {
        let text = &self.text[self.starts[i]..self.starts[i + 1]];
        let text = text.strip_suffix('\n').unwrap_or(text);
        text.strip_suffix('\r').unwrap_or(text)
    }
}

pub(super) fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line that holds something (not blank, not only a comment).
pub(super) fn is_content(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    !t.is_empty() && !t.starts_with('#')
}

/// Whether the line has a `- ` item marker at `col`.
pub(super) fn is_dash(line: &str, col: usize) -> bool {
    let rest = &line.as_bytes()[col.min(line.len())..];
    rest.first() == Some(&b'-') && matches!(rest.get(1), None | Some(b' '))
}

/// The text after a value marker is nothing or a comment: the value is on the next lines.
pub(super) fn is_blank_rest(rest: &str) -> bool {
    let t = rest.trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

/// `text` with every line after the first indented by `col` spaces.
pub(super) fn indent_rest(text: &str, col: usize) -> String {
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
pub(super) fn indent_all(text: &str, col: usize) -> String {
    let pad = " ".repeat(col);
    let mut out = pad.clone();
    out.push_str(&indent_rest(text, col));
    out
}

pub(super) fn line_ends(text: &str, crlf: bool) -> String {
    if crlf {
        text.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        text.to_string()
    }
}
