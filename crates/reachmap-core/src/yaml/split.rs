//! Splits a text into YAML documents at `---` lines, as kubectl does, so that one broken
//! document cannot take the others with it.

use std::borrow::Cow;

/// One document: its text and where it starts in the whole input.
#[derive(Debug, PartialEq, Eq)]
pub struct Chunk<'t> {
    /// The document's text; a `---` marker on its first line is blanked to spaces so that
    /// columns stay true. Borrowed from the input when nothing is blanked (a text of one
    /// document, such as a `kubectl get -o json` dump, is not copied).
    pub text: Cow<'t, str>,
    /// The input line (0-based) where the document's text starts.
    pub first_line: u32,
    /// The byte range of the input this document covers: from its `---` line (if any) up to
    /// the next document's. Editing one document (the console's commands) replaces the body
    /// of this range and leaves every other byte of the input as the person wrote it.
    pub span: std::ops::Range<usize>,
    /// Where the document's body starts: after its `---` line, or at `span.start`.
    pub body_start: usize,
}

/// Whether a line starts a new document: `---` then nothing, whitespace or a comment.
fn is_separator(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n', '#']))
}

/// A document's text: its `---` line (if any) blanked, then its body, then `ending`.
fn text_of<'t>(marker: Option<&str>, body: &'t str, ending: &str) -> Cow<'t, str> {
    match marker {
        None if ending.is_empty() => Cow::Borrowed(body),
        _ => {
            let mut s = String::with_capacity(body.len() + 80);
            if let Some(line) = marker {
                // Keep the rest of the line (a comment) with its columns.
                s.push_str("   ");
                s.push_str(&line[3..]);
            }
            s.push_str(body);
            s.push_str(ending);
            Cow::Owned(s)
        }
    }
}

/// Splits the text into documents. `...` (document end) lines end a document too.
pub fn split(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut first_line = 0u32;
    let (mut start, mut body_start, mut offset) = (0usize, 0usize, 0usize);
    // The current document's `---` line, whose marker its text blanks.
    let mut marker: Option<&str> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let index = index as u32;
        let line_start = offset;
        offset += line.len();
        if is_separator(line) {
            chunks.push(Chunk {
                text: text_of(marker, &text[body_start..line_start], ""),
                first_line,
                span: start..line_start,
                body_start,
            });
            marker = Some(line);
            first_line = index;
            start = line_start;
            body_start = offset;
        } else if line.trim_end() == "..." {
            // The `...` line reads as an empty line.
            chunks.push(Chunk {
                text: text_of(marker, &text[body_start..line_start], "\n"),
                first_line,
                span: start..offset,
                body_start,
            });
            marker = None;
            first_line = index + 1;
            start = offset;
            body_start = offset;
        }
    }
    chunks.push(Chunk {
        text: text_of(marker, &text[body_start..], ""),
        first_line,
        span: start..text.len(),
        body_start,
    });
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_separator_lines_only() {
        let chunks = split("a: 1\n---\nb: 2\n--- # c\nc: '---'\n----\n");
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].text, "a: 1\n");
        assert_eq!(chunks[1].first_line, 1);
        assert_eq!(chunks[1].text, "   \nb: 2\n");
        assert_eq!(chunks[2].first_line, 3);
        assert_eq!(chunks[2].text, "    # c\nc: '---'\n----\n");
        let spans: Vec<_> = chunks.iter().map(|c| c.span.clone()).collect();
        assert_eq!(spans, [0..5, 5..14, 14..36]);
        assert_eq!(chunks[2].body_start, 22);
    }

    #[test]
    fn leading_separator_leaves_an_empty_first_chunk() {
        let chunks = split("---\na: 1\n");
        assert_eq!(chunks.len(), 2);
        assert!(chunks[0].text.is_empty());
        assert!(matches!(chunks[1].text, Cow::Owned(_)));
        // A text of one document is not copied.
        assert!(matches!(split("a: 1\n")[0].text, Cow::Borrowed(_)));
        let ended = split("a: 1\n...\nb: 2\n");
        assert_eq!(ended[0].text, "a: 1\n\n");
        assert_eq!(ended[1].text, "b: 2\n");
        assert_eq!(chunks[1].first_line, 0);
    }
}
