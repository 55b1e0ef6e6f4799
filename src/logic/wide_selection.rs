//! A selection of a large text that the editor's window (`text_window`) holds only in part: Ctrl+A,
//! Ctrl+Shift+End, Shift+Page Down run past the window's edge, a Shift+click far from the anchor.
//! The page keeps it in bytes of the whole text, (anchor, head); the textarea shows the part its
//! window holds, clipped to the window's edges, in the selection's direction. This module is that
//! arithmetic: the clipped part in the textarea's UTF-16 units, the whole-text selection read
//! back after the browser moved the textarea's head (Shift+arrows, Shift+click), and where Page
//! Up and Page Down take a head (the page moves it: a browser moves no caret by a page in a
//! textarea as tall as the whole text inside a scrolling parent).

use super::text_window::{utf16_len, TextWindow};

/// A selection in the textarea (UTF-16 units of what it holds): `start..end`, its head at
/// `start` when `backward`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub start: u32,
    pub end: u32,
    pub backward: bool,
}

impl Shown {
    /// `start..end`, backward only when it is not a caret (a browser may read a caret's
    /// direction back either way).
    pub fn new(start: u32, end: u32, backward: bool) -> Shown {
        Shown {
            start,
            end,
            backward: backward && start < end,
        }
    }

    /// Where the selection goes on when extended (the caret).
    pub fn head(&self) -> u32 {
        if self.backward {
            self.start
        } else {
            self.end
        }
    }

    /// Where it started; extending it keeps this end.
    pub fn anchor(&self) -> u32 {
        if self.backward {
            self.end
        } else {
            self.start
        }
    }

    /// The selection in bytes of the whole text, (anchor, head).
    pub fn in_whole(&self, window: &TextWindow, text: &str) -> (usize, usize) {
        (
            window.to_whole(text, self.anchor()),
            window.to_whole(text, self.head()),
        )
    }
}

/// Whether the window holds the whole text's byte `at`.
pub fn holds(window: &TextWindow, at: usize) -> bool {
    (window.start..=window.end).contains(&at)
}

/// The textarea's unit of the whole text's byte `at`, clamped to the window: a place before it
/// is its start, a place after it its end.
fn clamped_unit(window: &TextWindow, text: &str, at: usize) -> u32 {
    let mut at = at.clamp(window.start, window.end);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    utf16_len(&text[window.start..at])
}

/// What the textarea shows of the whole text's selection `(anchor, head)` (bytes), and whether
/// the window holds all of it (then the textarea alone can keep it).
pub fn clip(window: &TextWindow, text: &str, (anchor, head): (usize, usize)) -> (Shown, bool) {
    let (a, h) = (
        clamped_unit(window, text, anchor),
        clamped_unit(window, text, head),
    );
    let shown = Shown::new(a.min(h), a.max(h), head < anchor);
    (shown, holds(window, anchor) && holds(window, head))
}

/// The whole text's selection after the textarea's went from `shown` (what the page put there
/// for `wide`) to `now`: the browser extended it (its anchor unmoved: the head moved, the anchor
/// stays `wide`'s, however far), or made another (both ends read from the window).
pub fn moved(
    window: &TextWindow,
    text: &str,
    wide: (usize, usize),
    shown: Shown,
    now: Shown,
) -> (usize, usize) {
    if now == shown {
        return wide;
    }
    let head = window.to_whole(text, now.head());
    if now.anchor() == shown.anchor() {
        (wide.0, head)
    } else {
        (window.to_whole(text, now.anchor()), head)
    }
}

/// The byte `lines` lines below (`down`) or above byte `at` of `text`, at the same column (in
/// characters) clamped to that line's end; past the text's last line its end, before its first
/// line its start (as Page Down and Page Up do). Reads only the lines in between.
pub fn lines_moved(text: &str, at: usize, lines: usize, down: bool) -> usize {
    let bytes = text.as_bytes();
    let start_of = |at: usize| {
        bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |nl| nl + 1)
    };
    let mut start = start_of(at);
    let column = text[start..at].chars().count();
    for _ in 0..lines {
        if down {
            match bytes[start..].iter().position(|b| *b == b'\n') {
                Some(nl) => start += nl + 1,
                None => return text.len(),
            }
        } else if start == 0 {
            return 0;
        } else {
            start = start_of(start - 1);
        }
    }
    let end = bytes[start..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(text.len(), |nl| start + nl);
    text[start..end]
        .char_indices()
        .nth(column)
        .map_or(end, |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` numbered lines, `line0` … , with a final line break.
    fn numbered(n: usize) -> String {
        (0..n).map(|i| format!("line{i}\n")).collect()
    }

    #[test]
    fn a_selection_inside_the_window_is_shown_whole_with_its_direction() {
        let text = numbered(10);
        let w = TextWindow::lines(&text, 2, 5); // "line2\nline3\nline4", from byte 12
        let (shown, held) = clip(&w, &text, (14, 20));
        assert_eq!(
            (shown.start, shown.end, shown.backward, held),
            (2, 8, false, true)
        );
        let (back, held) = clip(&w, &text, (20, 14));
        assert_eq!(
            (back.start, back.end, back.backward, held),
            (2, 8, true, true)
        );
        assert_eq!((back.head(), back.anchor()), (2, 8));
        assert_eq!(back.in_whole(&w, &text), (20, 14));
    }

    #[test]
    fn a_selection_past_the_window_is_clipped_to_its_edges() {
        let text = numbered(10);
        let w = TextWindow::lines(&text, 2, 5);
        let len = utf16_len(w.of(&text));
        // Ctrl+A: the whole window, forward, not all of it held.
        let (all, held) = clip(&w, &text, (0, text.len()));
        assert_eq!(
            (all.start, all.end, all.backward, held),
            (0, len, false, false)
        );
        // An anchor after the window, the head in it: backward to the head.
        let (up, held) = clip(&w, &text, (text.len(), 14));
        assert_eq!((up.start, up.end, up.head(), held), (2, len, 2, false));
        // Both before the window: a caret at its start (no direction, however it was).
        let (before, held) = clip(&w, &text, (3, 1));
        assert_eq!((before, held), (Shown::default(), false));
        // The window's own ends are held.
        assert!(clip(&w, &text, (w.start, w.end)).1);
    }

    #[test]
    fn clipping_counts_utf16_units_and_never_splits_a_character() {
        let text = "a\né😀b\nc\n";
        let w = TextWindow::lines(text, 1, 2); // "é😀b", bytes 2..9
        let (shown, held) = clip(&w, text, (4, 8));
        assert_eq!((shown.start, shown.end, held), (1, 3, true));
        // Byte 5 is inside the emoji: its start.
        assert_eq!(clip(&w, text, (5, 5)).0.start, 1);
        assert_eq!(clip(&w, text, (0, 99)).0.end, 4);
    }

    #[test]
    fn a_head_moved_by_the_browser_extends_the_wide_selection() {
        let text = numbered(1000);
        let w = TextWindow::around(&text, 500, 501);
        let anchor = 10; // far above the window
        let head = w.start + 60;
        let (shown, held) = clip(&w, &text, (anchor, head));
        assert!(!held);
        assert_eq!(shown.start, 0, "clipped to the window's start");
        // Unchanged: the same selection, even though the window shows only a part.
        assert_eq!(
            moved(&w, &text, (anchor, head), shown, shown),
            (anchor, head)
        );
        // Shift+Down: the head 12 units on, the anchor kept far above.
        let down = Shown {
            end: shown.end + 12,
            ..shown
        };
        assert_eq!(
            moved(&w, &text, (anchor, head), shown, down),
            (anchor, head + 12)
        );
        // Shift+Up back to the window's start: a caret there in the textarea, still wide.
        let back = Shown::default();
        assert_eq!(
            moved(&w, &text, (anchor, head), shown, back),
            (anchor, w.start)
        );
        // The browser made another selection (a double-click): both ends from the window.
        let other = Shown {
            start: 30,
            end: 35,
            backward: false,
        };
        assert_eq!(
            moved(&w, &text, (anchor, head), shown, other),
            (w.start + 30, w.start + 35)
        );
    }

    #[test]
    fn a_shift_click_extends_from_an_anchor_after_the_window() {
        let text = numbered(1000);
        let w = TextWindow::around(&text, 300, 301);
        let anchor = text.len() - 3;
        // A caret parked after the window shows as a caret at its end.
        let (shown, held) = clip(&w, &text, (anchor, anchor));
        let end = utf16_len(w.of(&text));
        assert_eq!((shown.start, shown.end, held), (end, end, false));
        // Shift+click at unit 40: the browser selects backward from the end.
        let clicked = Shown {
            start: 40,
            end,
            backward: true,
        };
        assert_eq!(
            moved(&w, &text, (anchor, anchor), shown, clicked),
            (anchor, w.start + 40)
        );
    }

    #[test]
    fn page_keys_move_a_head_by_lines_at_its_column() {
        let text = "abcdef\nxy\néé😀é\n0123456\nlast";
        // From column 4 of line 0: lines 1 and 2 are no longer (their ends), line 3 is.
        assert_eq!(lines_moved(text, 4, 1, true), 9);
        let line2 = 10;
        assert_eq!(&text[lines_moved(text, 4, 2, true)..], "\n0123456\nlast");
        assert_eq!(lines_moved(text, 4, 3, true), line2 + 11 + 4);
        // Past the last line: the text's end; before the first: its start.
        assert_eq!(lines_moved(text, 4, 9, true), text.len());
        assert_eq!(lines_moved(text, line2 + 2, 5, false), 0);
        // Up from column 2 of line 2 (after `éé`): column 2 of line 0.
        assert_eq!(lines_moved(text, line2 + 4, 2, false), 2);
        assert_eq!(lines_moved(text, 3, 0, true), 3, "no line: the same place");
        assert_eq!(lines_moved("", 0, 3, true), 0);
    }
}
