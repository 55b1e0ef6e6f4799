//! The editor's own undo history, for the texts the browser's cannot cover: while the textarea
//! holds a window of a large text (`text_window`), filling it with another window clears the
//! browser's history, so the page keeps its own, in bytes of the whole text.
//!
//! A step is kept as what reverts it: at byte `at`, the `len` bytes there are replaced by the
//! text `kept`. Undoing a step applies it and keeps, for redo, the step that reverts that (the
//! bytes it took out), so each direction keeps only the text it must put back; nothing else is
//! copied.
//!
//! Consecutive typing merges into one step, as browsers do: characters typed one after the
//! other at the caret, a run of Backspaces, a run of Deletes. Anything else (a paste, a cut, a
//! caret moved in between: `seal`) starts a new step.
//!
//! Memory is bounded: at most `MAX_STEPS` steps and `MAX_KEPT_BYTES` of kept text, undo and redo
//! together; the oldest steps go first (then the farthest redo). A single step that keeps more
//! than `MAX_KEPT_BYTES` (a Ctrl+A and paste over a text larger than that) is not kept, and the
//! steps before it go too: they could only be reached by undoing it first.

/// The most steps kept (undo and redo together).
pub const MAX_STEPS: usize = 200;
/// The most bytes of text kept (undo and redo together): room to undo a replacement of a whole
/// 30 MB dump, not a copy per step of it.
pub const MAX_KEPT_BYTES: usize = 40 * 1024 * 1024;

/// What kind of edit a change was (the `input` event's `inputType`): only typing merges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// Characters (or a line break) typed at the caret.
    Typing,
    /// Backspace.
    DeleteBackward,
    /// Delete.
    DeleteForward,
    /// Anything else: a paste, a cut, a drop, an indent.
    Other,
}

/// One step, kept as what reverts it: bytes `at..at + len` become `kept`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    at: usize,
    len: usize,
    kept: String,
    kind: EditKind,
}

/// A step undone or redone: bytes `from..to` of the text as it was were replaced by
/// `inserted_len` bytes, and the selection to show (bytes of the new text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applied {
    pub from: usize,
    pub to: usize,
    pub inserted_len: usize,
    pub selection: (usize, usize),
}

/// The undo and redo stacks of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The last step may take in the next edit (no caret move, undo or redo since).
    open: bool,
}

impl EditHistory {
    /// Forgets everything (the text was replaced from outside).
    pub fn clear(&mut self) {
        *self = EditHistory::default();
    }

    /// Whether there is anything to undo or redo: the page then answers Ctrl+Z itself.
    pub fn is_active(&self) -> bool {
        !self.undo.is_empty() || !self.redo.is_empty()
    }

    /// The next edit starts a step of its own (the caret moved).
    pub fn seal(&mut self) {
        self.open = false;
    }

    /// Bytes `at..at + removed.len()` of the text were replaced by `inserted_len` bytes. The
    /// redo steps go (a new edit starts another branch).
    pub fn record(&mut self, at: usize, removed: &str, inserted_len: usize, kind: EditKind) {
        if removed.is_empty() && inserted_len == 0 {
            return;
        }
        self.redo.clear();
        let merged = self.open
            && self
                .undo
                .last_mut()
                .is_some_and(|last| merge(last, at, removed, inserted_len, kind));
        if !merged {
            self.undo.push(Step {
                at,
                len: inserted_len,
                kept: removed.to_string(),
                kind,
            });
        }
        self.open = matches!(
            kind,
            EditKind::Typing | EditKind::DeleteBackward | EditKind::DeleteForward
        );
        self.trim();
    }

    /// Reverts the last step in `text`; `None` when there is none.
    pub fn undo(&mut self, text: &mut String) -> Option<Applied> {
        self.replay(text, false)
    }

    /// Applies again the last step undone; `None` when there is none.
    pub fn redo(&mut self, text: &mut String) -> Option<Applied> {
        self.replay(text, true)
    }

    /// Takes the last step of one stack (undo's, or redo's) into `text`, its inverse onto the
    /// other.
    fn replay(&mut self, text: &mut String, redo: bool) -> Option<Applied> {
        let (from, onto) = if redo {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let step = from.pop()?;
        self.open = false;
        let (applied, inverse) = apply(step, text)?;
        onto.push(inverse);
        self.trim();
        Some(applied)
    }

    fn kept_bytes(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(|s| s.kept.len())
            .sum()
    }

    /// Drops the oldest steps (then the farthest redo) beyond the bounds.
    fn trim(&mut self) {
        let mut kept = self.kept_bytes();
        while self.undo.len() + self.redo.len() > MAX_STEPS || kept > MAX_KEPT_BYTES {
            let dropped = if self.undo.is_empty() {
                self.redo.remove(0)
            } else {
                self.undo.remove(0)
            };
            kept -= dropped.kept.len();
        }
    }
}

/// Takes the edit into `last` when it goes on typing or deleting where `last` ended.
fn merge(last: &mut Step, at: usize, removed: &str, inserted_len: usize, kind: EditKind) -> bool {
    if kind != last.kind {
        return false;
    }
    match kind {
        // The next characters at the caret, just after those typed.
        EditKind::Typing if removed.is_empty() && at == last.at + last.len => {
            last.len += inserted_len;
        }
        // The character before the first one deleted.
        EditKind::DeleteBackward if inserted_len == 0 && at + removed.len() == last.at => {
            last.at = at;
            last.kept.insert_str(0, removed);
        }
        // The character after the caret, which stays put.
        EditKind::DeleteForward if inserted_len == 0 && at == last.at => {
            last.kept.push_str(removed);
        }
        _ => return false,
    }
    true
}

/// Applies `step` to `text`: what happened, and the step that reverts it. `None` when the step
/// does not fit the text (it cannot happen while every edit is recorded; nothing is changed).
fn apply(step: Step, text: &mut String) -> Option<(Applied, Step)> {
    let end = step.at.checked_add(step.len)?;
    if end > text.len() || !text.is_char_boundary(step.at) || !text.is_char_boundary(end) {
        return None;
    }
    let taken = text[step.at..end].to_string();
    text.replace_range(step.at..end, &step.kept);
    let inserted_len = step.kept.len();
    // As browsers do: a text put back is selected, a text taken out leaves the caret there.
    let applied = Applied {
        from: step.at,
        to: end,
        inserted_len,
        selection: (step.at, step.at + inserted_len),
    };
    let inverse = Step {
        at: step.at,
        len: inserted_len,
        kept: taken,
        kind: step.kind,
    };
    Some((applied, inverse))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text and its history, edited as the editor does: each edit applied and recorded.
    struct Editor {
        text: String,
        history: EditHistory,
    }

    impl Editor {
        fn new(text: &str) -> Editor {
            Editor {
                text: text.to_string(),
                history: EditHistory::default(),
            }
        }

        fn edit(&mut self, at: usize, removed_len: usize, inserted: &str, kind: EditKind) {
            let removed = self.text[at..at + removed_len].to_string();
            self.text.replace_range(at..at + removed_len, inserted);
            self.history.record(at, &removed, inserted.len(), kind);
        }

        fn type_at(&mut self, at: usize, typed: &str) {
            let mut at = at;
            for c in typed.chars() {
                self.edit(at, 0, &c.to_string(), EditKind::Typing);
                at += c.len_utf8();
            }
        }

        fn undo(&mut self) -> Option<Applied> {
            self.history.undo(&mut self.text)
        }

        fn redo(&mut self) -> Option<Applied> {
            self.history.redo(&mut self.text)
        }
    }

    #[test]
    fn typing_merges_into_one_step_that_undo_and_redo_revert() {
        let mut ed = Editor::new("a: 1\n");
        ed.type_at(5, "b: café\n");
        assert_eq!(ed.text, "a: 1\nb: café\n");
        let undone = ed.undo().expect("a step");
        assert_eq!(ed.text, "a: 1\n");
        assert_eq!(
            undone,
            Applied {
                from: 5,
                to: 5 + "b: café\n".len(),
                inserted_len: 0,
                selection: (5, 5)
            }
        );
        assert_eq!(ed.undo(), None, "one step only");
        let redone = ed.redo().expect("the step undone");
        assert_eq!(ed.text, "a: 1\nb: café\n");
        assert_eq!(redone.selection, (5, 5 + "b: café\n".len()));
        assert_eq!(ed.redo(), None);
    }

    #[test]
    fn a_caret_move_a_paste_or_another_place_starts_a_new_step() {
        let mut ed = Editor::new("x");
        ed.type_at(1, "ab");
        ed.history.seal();
        ed.type_at(3, "cd");
        ed.type_at(0, "<");
        ed.edit(0, 0, "PASTED", EditKind::Other);
        ed.edit(0, 0, "P2", EditKind::Other);
        assert_eq!(ed.text, "P2PASTED<xabcd");
        for expected in ["PASTED<xabcd", "<xabcd", "xabcd", "xab", "x"] {
            ed.undo().expect("a step");
            assert_eq!(ed.text, expected);
        }
        assert_eq!(ed.undo(), None);
    }

    #[test]
    fn backspaces_and_deletes_merge_and_their_undo_selects_the_text_put_back() {
        let mut ed = Editor::new("abcdef");
        // Backspace three times from the end: f, e, d.
        for at in [5, 4, 3] {
            ed.edit(at, 1, "", EditKind::DeleteBackward);
        }
        assert_eq!(ed.text, "abc");
        // Delete twice at the start: a, b (another kind: another step).
        ed.edit(0, 1, "", EditKind::DeleteForward);
        ed.edit(0, 1, "", EditKind::DeleteForward);
        assert_eq!(ed.text, "c");
        let undone = ed.undo().expect("the deletes");
        assert_eq!(ed.text, "abc");
        assert_eq!(undone.selection, (0, 2));
        let undone = ed.undo().expect("the backspaces");
        assert_eq!(ed.text, "abcdef");
        assert_eq!(undone.selection, (3, 6));
        assert_eq!((undone.from, undone.to, undone.inserted_len), (3, 3, 3));
    }

    #[test]
    fn typing_over_a_selection_then_on_is_one_step() {
        let mut ed = Editor::new("name: old\n");
        ed.edit(6, 3, "n", EditKind::Typing);
        ed.type_at(7, "ew");
        assert_eq!(ed.text, "name: new\n");
        ed.undo().expect("a step");
        assert_eq!(ed.text, "name: old\n");
        assert_eq!(ed.undo(), None);
    }

    #[test]
    fn a_new_edit_after_undo_drops_the_redo_branch() {
        let mut ed = Editor::new("");
        ed.edit(0, 0, "one", EditKind::Other);
        ed.edit(3, 0, " two", EditKind::Other);
        ed.undo();
        assert_eq!(ed.text, "one");
        ed.edit(3, 0, " three", EditKind::Other);
        assert_eq!(ed.redo(), None);
        ed.undo();
        ed.undo();
        assert_eq!(ed.text, "");
        ed.redo();
        ed.redo();
        assert_eq!(ed.text, "one three");
    }

    #[test]
    fn typing_after_undo_does_not_merge_into_the_step_before() {
        let mut ed = Editor::new("");
        ed.type_at(0, "ab");
        ed.undo();
        ed.redo();
        ed.type_at(2, "cd");
        ed.undo();
        assert_eq!(ed.text, "ab");
    }

    #[test]
    fn the_oldest_steps_go_beyond_the_step_bound() {
        let mut ed = Editor::new("");
        for i in 0..MAX_STEPS + 5 {
            ed.edit(i, 0, "x", EditKind::Other);
        }
        let mut undone = 0;
        while ed.undo().is_some() {
            undone += 1;
        }
        assert_eq!(undone, MAX_STEPS);
        assert_eq!(ed.text, "xxxxx", "the five oldest steps stay done");
    }

    #[test]
    fn kept_text_is_bounded_and_a_step_larger_than_the_bound_clears_the_history() {
        let big = "y".repeat(MAX_KEPT_BYTES / 2 + 1);
        let mut ed = Editor::new(&big);
        ed.edit(0, 0, "a", EditKind::Other);
        // Replacing all of it keeps its bytes (to put them back), once.
        ed.edit(0, ed.text.len(), "b", EditKind::Other);
        ed.edit(0, 1, &big, EditKind::Other);
        ed.edit(0, ed.text.len(), "c", EditKind::Other);
        assert!(ed.history.kept_bytes() <= MAX_KEPT_BYTES);
        ed.undo().expect("the last replacement");
        assert_eq!(ed.text, big);
        ed.undo().expect("the one before");
        assert_eq!(ed.text, "b");
        assert_eq!(ed.undo(), None, "the older steps went over the bound");
        // One step over the bound alone is not kept: nothing to undo.
        let mut ed = Editor::new(&"z".repeat(MAX_KEPT_BYTES + 1));
        ed.edit(0, 0, "a", EditKind::Other);
        ed.edit(0, ed.text.len(), "", EditKind::Other);
        assert!(!ed.history.is_active());
        assert_eq!(ed.undo(), None);
    }

    #[test]
    fn a_step_that_does_not_fit_the_text_changes_nothing() {
        let mut ed = Editor::new("abc");
        ed.edit(1, 1, "", EditKind::Other);
        let mut other = String::from("é");
        // Byte 1 is inside `é`: refused, the text untouched.
        assert_eq!(ed.history.undo(&mut other), None);
        assert_eq!(other, "é");
    }
}
