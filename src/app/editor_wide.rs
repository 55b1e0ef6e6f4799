//! A selection of a large text wider than the editor's window (`editor_window`): Ctrl+A,
//! Ctrl+Shift+Home/End, Shift+arrows or Shift+Page Down run past the window's edge, a
//! Shift+click far from the anchor, a selection the window no longer holds once scrolled. The
//! page keeps it as `Held::wide`, (anchor, head) in bytes of the whole text, and the textarea
//! shows the part its window holds in the selection's direction (`logic::wide_selection`). The
//! browser still moves the textarea's head (Shift+arrows, Shift+click): whatever reads the
//! selection first reads that head back into the whole text's (`selection`).
//!
//! Whatever acts on the selection acts on all of it: copy and cut (the clipboard gets exactly
//! the bytes selected), paste, and typing, Enter, Backspace or Delete over it (their
//! `beforeinput`, refused, done here). Each is one replacement of a range of the whole text
//! (`replace`), recorded in the page's undo history and told to the worker as a splice.

use super::editor_undo::kind_of;
use super::editor_window::{fill, is_windowed, leave, scroll_into_view};
use super::state::Ui;
use super::text_window::{byte_of_utf16, line_at, utf16_len, windowed, TextWindow};
use super::wide_selection::{clip, moved, Shown};
use crate::logic::edit_history::{EditHistory, EditKind};
use leptos::prelude::*;
use web_sys::{ClipboardEvent, HtmlTextAreaElement, InputEvent};

/// The textarea's own selection.
fn shown_of(area: &HtmlTextAreaElement) -> Shown {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let direction = area.selection_direction().ok().flatten();
    Shown::new(start, end, direction.as_deref() == Some("backward"))
}

/// The selection as bytes of the whole text, (anchor, head). A wide one takes first the head the
/// browser moved in the textarea since the page showed it; once the window holds all of it,
/// the textarea's selection is the selection again.
pub(super) fn selection(ui: &Ui, area: &HtmlTextAreaElement, text: &str) -> (usize, usize) {
    let held = ui.held.get_value();
    let now = shown_of(area);
    match (held.window, held.wide) {
        (Some(window), Some(wide)) => {
            let selected = moved(&window, text, wide, held.shown, now);
            let whole = clip(&window, text, selected).1;
            ui.held.update_value(|h| {
                h.wide = (!whole).then_some(selected);
                h.shown = now;
            });
            selected
        }
        (Some(window), None) => now.in_whole(&window, text),
        (None, _) => (
            byte_of_utf16(text, now.anchor()),
            byte_of_utf16(text, now.head()),
        ),
    }
}

/// Shows the whole text's `selected` (anchor, head) in the textarea over `window`: the part the
/// window holds, the whole kept as `wide` when that is not all of it.
pub(super) fn show_selection(
    ui: &Ui,
    area: &HtmlTextAreaElement,
    text: &str,
    window: &TextWindow,
    selected: (usize, usize),
) {
    let (shown, whole) = clip(window, text, selected);
    let direction = if shown.backward {
        "backward"
    } else {
        "forward"
    };
    let _ = area.set_selection_range_with_direction(shown.start, shown.end, direction);
    ui.held.update_value(|h| {
        h.wide = (!whole).then_some(selected);
        h.shown = shown;
    });
}

/// The wide selection, ordered (`None`: the textarea holds the selection, the browser acts).
fn wide_range(ui: &Ui, area: &HtmlTextAreaElement) -> Option<(usize, usize)> {
    if !is_windowed(ui) {
        return None;
    }
    let (anchor, head) = ui.text.with_untracked(|t| selection(ui, area, t));
    ui.held
        .with_value(|h| h.wide.is_some())
        .then_some((anchor.min(head), anchor.max(head)))
}

/// Replaces bytes `from..to` of the whole text by `inserted`: recorded in the page's undo
/// history as `kind`, told to the worker as a splice; the caret after the insertion, in a window
/// around it (or the whole text, once small), in view.
pub(super) fn replace(
    ui: &Ui,
    area: &HtmlTextAreaElement,
    (from, to): (usize, usize),
    inserted: &str,
    kind: EditKind,
) {
    let windowed_now = is_windowed(ui);
    // The window is set with the text, before anything reads the new text.
    ui.text.update(|text| {
        ui.history
            .update_value(|h| h.record(from, &text[from..to], inserted.len(), kind));
        ui.unsent
            .update_value(|u| u.spliced(text.len(), from, to, inserted.len()));
        text.replace_range(from..to, inserted);
        let caret = from + inserted.len();
        if windowed(text.len(), windowed_now) {
            let line = line_at(text, caret);
            let window = TextWindow::around(text, line, line + 1);
            fill(ui, area, text, window, Some((caret, caret)), None);
            scroll_into_view(area, line, line);
        } else {
            leave(ui, area, text);
            let unit = utf16_len(&text[..caret]);
            let _ = area.set_selection_range(unit, unit);
        }
    });
}

/// `typed` over a wide selection (all of it replaced); `false` when there is none (the
/// textarea holds the selection: the browser's edit, spliced from `input`).
pub fn type_over(ui: &Ui, area: &HtmlTextAreaElement, typed: &str, kind: EditKind) -> bool {
    let Some(range) = wide_range(ui, area) else {
        return false;
    };
    replace(ui, area, range, typed, kind);
    true
}

/// Typing, Enter, Backspace or Delete over a wide selection (`beforeinput`, refused): the whole
/// selection replaced. Other inputs (an input method's composition cannot be refused) reach
/// `input` as an edit of the window.
pub fn before_input(ui: &Ui, area: &HtmlTextAreaElement, ev: &InputEvent) {
    if ev.default_prevented() {
        return;
    }
    let kind = ev.input_type();
    let typed = match kind.as_str() {
        "insertText" => ev.data().unwrap_or_default(),
        "insertLineBreak" | "insertParagraph" => "\n".to_string(),
        k if k.starts_with("delete") && k != "deleteByDrag" => String::new(),
        _ => return,
    };
    let Some((from, to)) = wide_range(ui, area) else {
        return;
    };
    if from == to && typed.is_empty() {
        // A caret out of the window (keys move the window to it first, `editor_window::keydown`;
        // this is another source): the window moves to it, and the browser deletes there.
        ui.text.with_untracked(|text| {
            let line = line_at(text, from);
            let window = TextWindow::around(text, line, line + 1);
            fill(ui, area, text, window, Some((from, from)), None);
            scroll_into_view(area, line, line);
        });
        return;
    }
    ev.prevent_default();
    replace(ui, area, (from, to), &typed, kind_of(ev));
}

/// Copy or cut of a wide selection: the clipboard gets exactly its bytes of the whole text (a
/// selection the textarea holds is the browser's).
pub fn copy(ui: &Ui, area: &HtmlTextAreaElement, ev: &ClipboardEvent, cut: bool) {
    let Some((from, to)) = wide_range(ui, area).filter(|(from, to)| from < to) else {
        return;
    };
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    ev.prevent_default();
    let _ = ui
        .text
        .with_untracked(|t| data.set_data("text/plain", &t[from..to]));
    if cut {
        replace(ui, area, (from, to), "", EditKind::Other);
    }
}

/// A paste that makes or changes a large text goes into the text directly (a textarea takes
/// seconds to take in megabytes), over the whole selection; a small one into a small text is the
/// browser's own.
pub fn paste(ui: &Ui, area: &HtmlTextAreaElement, ev: &ClipboardEvent) {
    let Some(pasted) = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
    else {
        return;
    };
    let windowed_now = is_windowed(ui);
    let old_len = ui.text.with_untracked(String::len);
    if !windowed_now && !windowed(old_len + pasted.len(), false) {
        return;
    }
    ev.prevent_default();
    // As a textarea's value has it: line breaks are `\n`.
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let (anchor, head) = ui.text.with_untracked(|t| selection(ui, area, t));
    let range = (anchor.min(head), anchor.max(head));
    replace(ui, area, range, &pasted, EditKind::Other);
}

/// A press in the textarea: a plain one ends a wide selection (Shift+click extends it: the
/// browser moves the textarea's head, read back by `selection`), and the typing step.
pub fn pressed(ui: &Ui, shift: bool) {
    if !shift {
        ui.held.update_value(|h| h.wide = None);
    }
    ui.history.update_value(EditHistory::seal);
}
