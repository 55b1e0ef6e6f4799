//! What the analysis worker's copy of the text lacks: the page sends a typed character as the
//! few bytes that changed, not as the whole text again. A whole text of tens of megabytes costs
//! the page's thread a copy per request (out of the wasm, then the browser's own copy into the
//! message); a keystroke must not. `Unsent` gathers the edits made since the last request into
//! one `Splice` (the bytes before its start and after its end are the worker's, unchanged);
//! anything it was not told about is sent whole. The worker checks a splice against its copy's
//! length and asks for the whole text when they disagree (`ToPage::NeedText`).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One change of a text: its bytes `from..to` (of `old_len`) are replaced by the text that
/// travels beside the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Splice {
    pub from: usize,
    pub to: usize,
    pub old_len: usize,
}

impl Splice {
    /// `text` with this splice applied, or `None` when `text` is not the one it was made on
    /// (another length, or its ends inside a character).
    pub fn apply(&self, text: &mut String, inserted: &str) -> Option<()> {
        let fits = text.len() == self.old_len
            && self.from <= self.to
            && text.is_char_boundary(self.from)
            && text.is_char_boundary(self.to);
        fits.then(|| text.replace_range(self.from..self.to, inserted))
    }
}

/// What to send of the text with the next request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// The text is the worker's already.
    Nothing,
    /// All of it.
    Whole,
    /// The splice and the bytes of the new text that replace `from..to`.
    Splice(Splice, Range<usize>),
}

/// The changes made since the last request.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Since {
    /// None: the worker's text is this long.
    Synced { len: usize },
    /// Something the edits do not describe (or the worker has no text yet).
    Whole,
    /// Edits: the first `prefix` and the last `suffix` bytes are the worker's (a text of
    /// `old_len`); the text is now `len` long.
    Edits {
        prefix: usize,
        suffix: usize,
        old_len: usize,
        len: usize,
    },
}

/// The edits the worker has not been sent yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsent(Since);

impl Default for Unsent {
    /// The worker starts with no text: the first request sends it whole.
    fn default() -> Unsent {
        Unsent(Since::Whole)
    }
}

impl Unsent {
    /// The text changed in a way no splice describes.
    pub fn whole(&mut self) {
        self.0 = Since::Whole;
    }

    /// Bytes `from..to` of the text (`len_before` long) were replaced by `inserted` bytes.
    pub fn spliced(&mut self, len_before: usize, from: usize, to: usize, inserted: usize) {
        let len = len_before - (to - from) + inserted;
        self.0 = match self.0 {
            Since::Synced { len: synced } if synced == len_before => Since::Edits {
                prefix: from,
                suffix: len_before - to,
                old_len: synced,
                len,
            },
            Since::Edits {
                prefix,
                suffix,
                old_len,
                len: now,
            } if now == len_before => Since::Edits {
                prefix: prefix.min(from),
                suffix: suffix.min(len_before - to),
                old_len,
                len,
            },
            // A length that is not the one known: something changed unseen.
            _ => Since::Whole,
        };
    }

    /// What the next request carries of `text` (the text as it is now), the worker's copy
    /// being the text after it. A text that changed with no edit told is sent whole.
    pub fn take(&mut self, text: &str, text_changed: bool) -> Outgoing {
        let len = text.len();
        let out = match self.0 {
            Since::Synced { len: synced } if !text_changed && synced == len => Outgoing::Nothing,
            Since::Edits {
                prefix,
                suffix,
                old_len,
                len: now,
            } if now == len && prefix + suffix <= len.min(old_len) => {
                let splice = Splice {
                    from: prefix,
                    to: old_len - suffix,
                    old_len,
                };
                Outgoing::Splice(splice, prefix..len - suffix)
            }
            _ => Outgoing::Whole,
        };
        self.0 = Since::Synced { len };
        out
    }
}

/// How many bytes `old` and `new` share at their start and at their end (never overlapping in
/// either, both on character boundaries): the part of an edited window that changed.
pub fn narrowed(old: &str, new: &str) -> (usize, usize) {
    let shorter = old.len().min(new.len());
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(shorter - prefix)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - suffix) && new.is_char_boundary(new.len() - suffix)) {
        suffix -= 1;
    }
    (prefix, suffix)
}

/// `narrowed`, the changed part moved back to end at `caret` (a byte of `new`: the browser
/// leaves it after what was typed or pasted, where a deletion was) when the texts allow it.
/// Typing `#` before `# a` makes `## a`, which `narrowed` takes for a `#` inserted after the
/// first one; the undo history merges typing by place (`edit_history`), so it needs the
/// caret's.
pub fn narrowed_to_caret(old: &str, new: &str, caret: usize) -> (usize, usize) {
    let (prefix, suffix) = narrowed(old, new);
    let inserted = new.len() - prefix - suffix;
    let Some(start) = caret.checked_sub(inserted).filter(|s| *s < prefix) else {
        return (prefix, suffix);
    };
    // The bytes between the caret's start and `narrowed`'s must end both changed parts alike,
    // so they can count with the shared end instead.
    let shift = prefix - start;
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    let moved = old.get(old_end - shift..old_end);
    let same = moved.is_some()
        && moved == new.get(new_end - shift..new_end)
        && old.is_char_boundary(start);
    if same {
        (start, suffix + shift)
    } else {
        (prefix, suffix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowed_to_caret_puts_a_repeated_character_where_the_caret_says() {
        // `#` typed before `# a`: the caret after the first `#`.
        assert_eq!(narrowed("# a", "## a"), (1, 2));
        assert_eq!(narrowed_to_caret("# a", "## a", 1), (0, 3));
        // Then a space after it, the caret after `# `.
        assert_eq!(narrowed_to_caret("## a", "# # a", 2), (1, 3));
        // Backspace over the first of `aa`: the caret at 0.
        assert_eq!(narrowed_to_caret("aab", "ab", 0), (0, 2));
        // A caret that does not fit the change (elsewhere, or texts that differ there) leaves
        // `narrowed`'s answer.
        assert_eq!(narrowed_to_caret("xa", "xba", 0), (1, 1));
        assert_eq!(narrowed_to_caret("é", "éé", 0), narrowed("é", "éé"));
        assert_eq!(narrowed_to_caret("abc", "aXbc", 2), (1, 2));
    }

    /// The worker's side: `worker` after what `unsent` gives of `page`.
    fn send(unsent: &mut Unsent, page: &str, worker: &mut String) -> Outgoing {
        let out = unsent.take(page, true);
        match &out {
            Outgoing::Nothing => {}
            Outgoing::Whole => *worker = page.to_string(),
            Outgoing::Splice(s, range) => s.apply(worker, &page[range.clone()]).expect("fits"),
        }
        assert_eq!(worker, page);
        out
    }

    /// The page's edit: `text`'s `from..to` replaced, told to `unsent`.
    fn edit(unsent: &mut Unsent, text: &mut String, from: usize, to: usize, inserted: &str) {
        unsent.spliced(text.len(), from, to, inserted.len());
        text.replace_range(from..to, inserted);
    }

    #[test]
    fn the_first_request_sends_the_whole_text_and_then_only_what_changed() {
        let (mut unsent, mut worker) = (Unsent::default(), String::new());
        let mut page = "kind: Pod\nmetadata:\n  name: web\n".to_string();
        assert_eq!(send(&mut unsent, &page, &mut worker), Outgoing::Whole);
        assert_eq!(page.len(), 32);
        edit(&mut unsent, &mut page, 30, 30, "-1");
        let s = Splice {
            from: 30,
            to: 30,
            old_len: 32,
        };
        assert_eq!(
            send(&mut unsent, &page, &mut worker),
            Outgoing::Splice(s, 30..32)
        );
        assert_eq!(unsent.take(&page, false), Outgoing::Nothing);
    }

    #[test]
    fn edits_made_while_a_request_is_in_flight_merge_into_one_splice() {
        let (mut unsent, mut worker) = (Unsent::default(), String::new());
        let mut page = "abcdefghij".to_string();
        send(&mut unsent, &page, &mut worker);
        edit(&mut unsent, &mut page, 8, 9, "XYZ"); // abcdefghXYZj
        edit(&mut unsent, &mut page, 2, 2, "é"); // abécdefghXYZj
        edit(&mut unsent, &mut page, 0, 1, ""); // bécdefghXYZj
        let out = send(&mut unsent, &page, &mut worker);
        let s = Splice {
            from: 0,
            to: 9,
            old_len: 10,
        };
        assert_eq!(out, Outgoing::Splice(s, 0..page.len() - 1));
    }

    #[test]
    fn a_change_no_edit_told_is_sent_whole() {
        let (mut unsent, mut worker) = (Unsent::default(), String::new());
        let mut page = "abc".to_string();
        send(&mut unsent, &page, &mut worker);
        // Same length, not told: only `text_changed` says so.
        page = "xyz".to_string();
        assert_eq!(send(&mut unsent, &page, &mut worker), Outgoing::Whole);
        // Told an edit, then changed unseen: the lengths disagree.
        edit(&mut unsent, &mut page, 0, 0, "a");
        page.push('!');
        assert_eq!(send(&mut unsent, &page, &mut worker), Outgoing::Whole);
        // An edit told after an unseen change is no splice either.
        page.push('?');
        edit(&mut unsent, &mut page, 0, 0, "b");
        assert_eq!(send(&mut unsent, &page, &mut worker), Outgoing::Whole);
        // `whole` says so outright.
        edit(&mut unsent, &mut page, 0, 0, "c");
        unsent.whole();
        assert_eq!(send(&mut unsent, &page, &mut worker), Outgoing::Whole);
    }

    #[test]
    fn a_splice_on_another_text_does_not_apply() {
        let s = Splice {
            from: 1,
            to: 2,
            old_len: 3,
        };
        let mut text = "abcd".to_string();
        assert_eq!(s.apply(&mut text, "x"), None);
        let mut text = "é!".to_string(); // byte 1 is inside `é`
        assert_eq!(s.apply(&mut text, "x"), None);
        assert_eq!(text, "é!");
        let mut text = "abc".to_string();
        assert_eq!(s.apply(&mut text, "xy"), Some(()));
        assert_eq!(text, "axyc");
    }

    #[test]
    fn narrowing_keeps_what_is_shared_on_character_boundaries() {
        assert_eq!(narrowed("name: web\n", "name: webk\n"), (9, 1));
        assert_eq!(narrowed("aaa", "aaaa"), (3, 0));
        assert_eq!(narrowed("aaaa", "aa"), (2, 0));
        assert_eq!(narrowed("same", "same"), (4, 0));
        assert_eq!(narrowed("", "x"), (0, 0));
        // `é` (C3 A9) and `è` (C3 A8) share their first byte: not a boundary.
        assert_eq!(narrowed("xé", "xè"), (1, 0));
        assert_eq!(narrowed("éx", "èx"), (0, 1));
        for (old, new) in [("ab", "aXb"), ("日本語", "日本人語"), ("abc", "")] {
            let (p, s) = narrowed(old, new);
            let mut rebuilt = old.to_string();
            rebuilt.replace_range(p..old.len() - s, &new[p..new.len() - s]);
            assert_eq!(rebuilt, new);
        }
    }
}
