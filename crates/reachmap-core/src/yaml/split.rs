//! Splits a text into YAML documents at `---` lines, as kubectl does, so that one broken
//! document cannot take the others with it.

/// One document: its text and where it starts in the whole input.
#[derive(Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The document's text; a `---` marker on its first line is blanked to spaces so that
    /// columns stay true.
    pub text: String,
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

/// Splits the text into documents. `...` (document end) lines end a document too.
pub fn split(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut first_line = 0u32;
    let (mut start, mut body_start, mut offset) = (0usize, 0usize, 0usize);
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let index = index as u32;
        let line_start = offset;
        offset += line.len();
        if is_separator(line) {
            chunks.push(Chunk {
                text: std::mem::take(&mut current),
                first_line,
                span: start..line_start,
                body_start,
            });
            first_line = index;
            start = line_start;
            body_start = offset;
            // Keep the rest of the line (a comment) with its columns.
            current.push_str("   ");
            current.push_str(&line[3..]);
        } else if line.trim_end() == "..." {
            current.push('\n');
            chunks.push(Chunk {
                text: std::mem::take(&mut current),
                first_line,
                span: start..offset,
                body_start,
            });
            first_line = index + 1;
            start = offset;
            body_start = offset;
        } else {
            current.push_str(line);
        }
    }
    chunks.push(Chunk {
        text: current,
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
        assert_eq!(chunks[1].first_line, 0);
    }
}
