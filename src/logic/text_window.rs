//! The window of a large text the editor's textarea holds.
//!
//! A browser's `<textarea>` holding megabytes costs seconds per keystroke (its own insertion and
//! layout), so above `LARGE_FROM` bytes the textarea holds only whole lines around the view and
//! the caret, with padding above and below standing for the lines it leaves out (the scrollbar
//! covers the whole text). The whole text stays the page's one source of truth; an edit in the
//! textarea is spliced into it at the window's place. This module is that arithmetic: where a
//! window lies, what it holds, an edit spliced, and places mapped between the window (UTF-16
//! units, as the textarea counts) and the whole text (bytes).

/// From this size on (bytes), the editor holds a window of the text.
pub const LARGE_FROM: usize = 256 * 1024;
/// Below this size a windowed editor holds the whole text again (below `LARGE_FROM`, so that
/// typing around the limit does not switch back and forth).
pub const SMALL_BELOW: usize = 128 * 1024;
/// Lines a window keeps above and below what it must show.
pub const MARGIN_LINES: usize = 200;
/// A caret this close (in lines) to an edge of the window that is not the text's own moves the
/// window before a key acts, so that arrows, Page Down and typing never reach its edge.
pub const EDGE_LINES: usize = 100;

/// Whether a text of `len` bytes is held in a window, given whether it is now.
pub fn windowed(len: usize, now: bool) -> bool {
    if now {
        len >= SMALL_BELOW
    } else {
        len >= LARGE_FROM
    }
}

/// Whole lines `first_line .. first_line + lines` of a text: bytes `start..end`, the last
/// line's own line break left out (it belongs to the text after the window).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextWindow {
    /// The window's first line (0-based).
    pub first_line: usize,
    /// How many lines it holds (at least one).
    pub lines: usize,
    /// Byte offset of its first line.
    pub start: usize,
    /// Byte offset of the end of its last line (a `\n`, or the text's end).
    pub end: usize,
    /// Lines of the whole text (a final line break starts an empty last line).
    pub total_lines: usize,
}

impl TextWindow {
    /// The lines `from..to` of `text` (0-based, `to` excluded), clamped to the text, at least
    /// one line.
    pub fn lines(text: &str, from: usize, to: usize) -> TextWindow {
        let bytes = text.as_bytes();
        let mut line = 0;
        let mut start = None;
        let mut end = None;
        if from == 0 {
            start = Some(0);
        }
        for (at, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'\n') {
            line += 1;
            if line == from {
                start = Some(at + 1);
            }
            if line == to.max(from + 1) {
                end = Some(at);
            }
        }
        let total_lines = line + 1;
        let first_line = from.min(total_lines - 1);
        let start = if from >= total_lines {
            // Past the end: the last line.
            bytes
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |at| at + 1)
        } else {
            start.unwrap_or(0)
        };
        let end = end.unwrap_or(text.len()).max(start);
        let lines = 1 + count_lines(&text[start..end]);
        TextWindow {
            first_line,
            lines,
            start,
            end,
            total_lines,
        }
    }

    /// The window that shows lines `from..to` (the view, or a caret's line) with
    /// `MARGIN_LINES` around them.
    pub fn around(text: &str, from: usize, to: usize) -> TextWindow {
        TextWindow::lines(
            text,
            from.saturating_sub(MARGIN_LINES),
            to.max(from + 1) + MARGIN_LINES,
        )
    }

    /// What the textarea holds.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Lines of the text after the window.
    pub fn lines_after(&self) -> usize {
        self.total_lines - self.first_line - self.lines
    }

    /// Whether lines `from..to` (0-based; clamped to the text) are all in the window.
    pub fn covers(&self, from: usize, to: usize) -> bool {
        let to = to.min(self.total_lines).max(from.min(self.total_lines));
        from >= self.first_line && to <= self.first_line + self.lines
    }

    /// Whether `line` is within `EDGE_LINES` of an edge of the window that is not an edge of
    /// the text.
    pub fn near_edge(&self, line: usize) -> bool {
        let above = self.first_line > 0 && line < self.first_line + EDGE_LINES;
        let below = self.lines_after() > 0 && line + EDGE_LINES >= self.first_line + self.lines;
        above || below
    }

    /// `text` with the window's lines replaced by `held` (the textarea's new value), and the
    /// window over them.
    pub fn splice(&self, text: &mut String, held: &str) -> TextWindow {
        text.replace_range(self.start..self.end, held);
        let lines = 1 + count_lines(held);
        TextWindow {
            first_line: self.first_line,
            lines,
            start: self.start,
            end: self.start + held.len(),
            total_lines: self.total_lines - self.lines + lines,
        }
    }

    /// The byte offset in the whole text of the textarea's UTF-16 offset `unit` (clamped to the
    /// window).
    pub fn to_whole(&self, text: &str, unit: u32) -> usize {
        self.start + byte_of_utf16(self.of(text), unit)
    }

    /// The textarea's UTF-16 offset of the whole text's byte `at`; `None` outside the window.
    pub fn to_held(&self, text: &str, at: usize) -> Option<u32> {
        if at < self.start || at > self.end || !text.is_char_boundary(at) {
            return None;
        }
        Some(utf16_len(&text[self.start..at]))
    }

    /// The 0-based line of the whole text's byte `at`, which lies in the window.
    pub fn line_of(&self, text: &str, at: usize) -> usize {
        let at = at.clamp(self.start, self.end);
        self.first_line + count_lines(&text[self.start..at])
    }
}

/// The 0-based line of byte `at` in `text` (a scan from the start: for places outside a window).
pub fn line_at(text: &str, at: usize) -> usize {
    count_lines(&text.as_bytes()[..at.min(text.len())])
}

/// Where highlighting lines from `line` on may start: the byte and line of the last document
/// marker line (`---`) at or before `line`, else the text's start. A document starts afresh
/// (no block scalar, quote or flow collection goes on past `---`), so the lines before it need
/// not be read again on every keystroke at the end of a large text.
pub fn document_start(text: &str, line: usize) -> (usize, usize) {
    let is_marker = |rest: &[u8]| {
        rest.starts_with(b"---") && matches!(rest.get(3), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
    };
    let bytes = text.as_bytes();
    let mut found = (0, 0);
    let mut at = 0;
    for current in 0..=line {
        if is_marker(&bytes[at..]) {
            found = (at, current);
        }
        if current == line {
            break;
        }
        match bytes[at..].iter().position(|b| *b == b'\n') {
            Some(next) => at += next + 1,
            None => break,
        }
    }
    found
}

/// Where highlighting a large text's lines from `line` on may start, found from a line known to
/// start at byte `known.0` (its line `known.1`, at or before `line`): the last line at or before
/// `line` that is a document marker, or that starts at column 0 with a letter or `- ` (a
/// top-level key or list item: `- apiVersion: v1`, each item of a `kubectl get -o yaml` dump,
/// which is one document). Nothing a line carries to the next (a block scalar, a quote, a flow
/// collection) goes on past such a line in a manifest; a top-level flow collection or quoted
/// scalar continued at column 0 would be highlighted from there as if it started afresh, a
/// cosmetic difference accepted for texts too large to read from their start on every keystroke.
pub fn entry_start_from(text: &str, line: usize, known: (usize, usize)) -> (usize, usize) {
    start_from(text, line, known, |rest| {
        is_marker(rest)
            || rest.first().is_some_and(u8::is_ascii_alphabetic)
            || rest.starts_with(b"- ")
    })
}

/// Whether a line starting with `rest` is a document marker (`---`, alone or before a space).
fn is_marker(rest: &[u8]) -> bool {
    rest.starts_with(b"---") && matches!(rest.get(3), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

/// The last line at or before `line` whose start `restart` accepts (else the text's start),
/// found from the known line start `known`.
fn start_from(
    text: &str,
    line: usize,
    known: (usize, usize),
    restart: impl Fn(&[u8]) -> bool,
) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut at, mut current) = known;
    while current < line {
        match bytes[at..].iter().position(|b| *b == b'\n') {
            Some(next) => {
                at += next + 1;
                current += 1;
            }
            None => break,
        }
    }
    // Back, line by line, to the last restart.
    loop {
        if restart(&bytes[at..]) {
            return (at, current);
        }
        if at == 0 {
            return (0, 0);
        }
        at = bytes[..at - 1]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |nl| nl + 1);
        current -= 1;
    }
}

/// Line breaks in `text`.
fn count_lines(text: impl AsRef<[u8]>) -> usize {
    text.as_ref().iter().filter(|b| **b == b'\n').count()
}

/// The length of `text` in UTF-16 units (as JavaScript counts).
pub fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

/// The byte offset in `text` of UTF-16 offset `unit`, clamped to the text (a unit inside a
/// surrogate pair counts as the character's start).
pub fn byte_of_utf16(text: &str, unit: u32) -> usize {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > unit {
            return at;
        }
        units = next;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` numbered lines, `line0` … , with a final line break.
    fn numbered(n: usize) -> String {
        (0..n).map(|i| format!("line{i}\n")).collect()
    }

    #[test]
    fn a_window_holds_whole_lines_without_its_last_line_break() {
        let text = numbered(10);
        let w = TextWindow::lines(&text, 2, 5);
        assert_eq!(w.of(&text), "line2\nline3\nline4");
        assert_eq!((w.first_line, w.lines, w.total_lines), (2, 3, 11));
        assert_eq!(w.lines_after(), 6, "lines 5 to 9 and the empty last line");
        assert_eq!(&text[w.end..w.end + 1], "\n");
    }

    #[test]
    fn windows_are_clamped_to_the_text() {
        let text = numbered(3);
        let all = TextWindow::lines(&text, 0, 100);
        assert_eq!(
            all.of(&text),
            text,
            "the whole text, the final empty line too"
        );
        assert_eq!((all.lines, all.lines_after()), (4, 0));
        let past = TextWindow::lines(&text, 50, 60);
        assert_eq!(
            (past.first_line, past.of(&text)),
            (3, ""),
            "the empty last line"
        );
        let one = TextWindow::lines("abc", 0, 0);
        assert_eq!((one.of("abc"), one.lines, one.total_lines), ("abc", 1, 1));
        let empty = TextWindow::lines("", 0, 10);
        assert_eq!((empty.start, empty.end, empty.lines), (0, 0, 1));
    }

    #[test]
    fn around_adds_the_margin_on_both_sides() {
        let text = numbered(1000);
        let w = TextWindow::around(&text, 500, 530);
        assert_eq!(w.first_line, 500 - MARGIN_LINES);
        assert_eq!(w.lines, 30 + 2 * MARGIN_LINES);
        assert!(w.covers(500, 530));
        assert!(!w.covers(250, 260));
        let top = TextWindow::around(&text, 3, 3);
        assert_eq!((top.first_line, top.lines), (0, 4 + MARGIN_LINES));
        let bottom = TextWindow::around(&text, 990, 1010);
        assert_eq!(bottom.lines_after(), 0);
        assert!(bottom.covers(990, 5000), "a view past the end is the end");
    }

    #[test]
    fn an_edit_in_the_window_is_spliced_at_its_place() {
        let mut text = numbered(10);
        let w = TextWindow::lines(&text, 2, 5);
        let held = "line2\nNEW\nline3\nline4 changed";
        let after = w.splice(&mut text, held);
        assert_eq!(
            text,
            "line0\nline1\nline2\nNEW\nline3\nline4 changed\nline5\nline6\nline7\nline8\nline9\n"
        );
        assert_eq!(after.of(&text), held);
        assert_eq!(
            (after.first_line, after.lines, after.total_lines),
            (2, 4, 12)
        );
        assert_eq!(
            after,
            TextWindow::lines(&text, 2, 6),
            "the same as placed anew"
        );
        // Everything deleted: one empty line is left.
        let emptied = after.splice(&mut text, "");
        assert_eq!((emptied.lines, emptied.total_lines), (1, 9));
        assert!(text.starts_with("line0\nline1\n\nline5"));
    }

    #[test]
    fn places_map_between_the_textarea_and_the_whole_text() {
        // "é" is two bytes, one UTF-16 unit; the emoji four bytes, two units.
        let text = "a\né😀b\nc\n";
        let w = TextWindow::lines(text, 1, 2);
        assert_eq!(w.of(text), "é😀b");
        assert_eq!(w.to_whole(text, 0), 2);
        assert_eq!(w.to_whole(text, 1), 4, "after é");
        assert_eq!(w.to_whole(text, 3), 8, "after the emoji");
        assert_eq!(w.to_whole(text, 99), w.end, "clamped to the window");
        assert_eq!(w.to_held(text, 8), Some(3));
        assert_eq!(w.to_held(text, w.end), Some(4));
        assert_eq!(w.to_held(text, 0), None, "before the window");
        assert_eq!(w.to_held(text, w.end + 1), None, "after it");
        assert_eq!(w.to_held(text, 5), None, "inside a character");
        for unit in 0..=4 {
            let at = w.to_whole(text, unit);
            let back = w.to_held(text, at).unwrap();
            assert!(back <= unit, "{unit} → byte {at} → {back}");
        }
        assert_eq!(w.line_of(text, 8), 1);
        assert_eq!(line_at(text, 8), 1);
        assert_eq!(line_at(text, text.len()), 3);
    }

    #[test]
    fn near_an_edge_only_where_the_text_goes_on() {
        let text = numbered(2000);
        let w = TextWindow::around(&text, 1000, 1040);
        assert!(w.near_edge(w.first_line + 5));
        assert!(w.near_edge(w.first_line + w.lines - 5));
        assert!(!w.near_edge(1020));
        let top = TextWindow::around(&text, 0, 40);
        assert!(
            !top.near_edge(0),
            "the text's own first line is no window edge"
        );
        let bottom = TextWindow::around(&text, 1990, 2001);
        assert!(!bottom.near_edge(2000));
    }

    #[test]
    fn highlighting_starts_at_the_last_document_marker() {
        let text = "a: 1\n---\nb: |\n  x\n--- # c\nd: 2\n---x\ne: 3\n";
        assert_eq!(document_start(text, 0), (0, 0));
        assert_eq!(document_start(text, 1), (5, 1), "the marker's own line");
        assert_eq!(document_start(text, 3), (5, 1));
        assert_eq!(document_start(text, 5), (18, 4), "a marker with a comment");
        assert_eq!(document_start(text, 7), (18, 4), "`---x` is no marker");
        assert_eq!(document_start(text, 99), (18, 4), "past the end");
        assert_eq!(document_start("", 3), (0, 0));
    }

    #[test]
    fn the_document_start_found_from_a_known_line_is_the_same() {
        let text = "a: 1\n---\nb: |\n  x\n--- # c\nd: 2\n---x\ne: 3\n\nf\n";
        let lines = line_at(text, text.len()) + 1;
        for known_line in 0..lines {
            let known = TextWindow::lines(text, known_line, known_line + 1).start;
            for line in known_line..lines + 2 {
                assert_eq!(
                    start_from(text, line, (known, known_line), is_marker),
                    document_start(text, line),
                    "line {line} from line {known_line}"
                );
            }
        }
        assert_eq!(start_from("x\ny", 1, (2, 1), is_marker), (0, 0));
    }

    #[test]
    fn a_large_text_is_highlighted_from_its_last_top_level_entry() {
        let text = "kind: List\nitems:\n- apiVersion: v1\n  data: |\n    a\n\n    b\n- kind: Pod\n  x: 1\n";
        assert_eq!(entry_start_from(text, 0, (0, 0)), (0, 0));
        assert_eq!(entry_start_from(text, 1, (0, 0)), (11, 1), "items:");
        assert_eq!(
            entry_start_from(text, 6, (0, 0)),
            (18, 2),
            "inside the block scalar"
        );
        assert_eq!(entry_start_from(text, 8, (18, 2)), (58, 7), "the next item");
        assert_eq!(
            entry_start_from("  a\n  b\n", 1, (4, 1)),
            (0, 0),
            "none: the text's start"
        );
    }

    #[test]
    fn the_window_comes_and_goes_with_hysteresis() {
        assert!(!windowed(LARGE_FROM - 1, false));
        assert!(windowed(LARGE_FROM, false));
        assert!(windowed(SMALL_BELOW, true));
        assert!(!windowed(SMALL_BELOW - 1, true));
    }

    #[test]
    fn utf16_offsets_count_as_javascript_does() {
        assert_eq!(utf16_len("aé😀"), 4);
        assert_eq!(byte_of_utf16("aé😀x", 2), 3);
        assert_eq!(byte_of_utf16("aé😀x", 3), 3, "inside the pair: its start");
        assert_eq!(byte_of_utf16("aé😀x", 4), 7);
        assert_eq!(byte_of_utf16("aé😀x", 40), 8);
    }
}
