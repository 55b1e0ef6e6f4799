//! Undo and redo over a large text: the page's own history (`logic::edit_history`), since
//! filling the textarea with another window of the text clears the browser's.
//!
//! Every edit made while the textarea holds a window is recorded in bytes of the whole text
//! (`editor_window`'s `input`; paste, cut and typing over a wide selection, `editor_wide`), and
//! so is every edit after one of those while the history has steps (the text may have become
//! small again: the browser's history was cleared when it was put back whole). Then Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (and the Edit
//! menu's undo and redo, `beforeinput`) are the page's: the step is spliced into the text
//! signal (its splice told to the worker), the window moves to the place it changed, the
//! selection is put back and scrolled into view. A small text never windowed keeps the
//! browser's own undo; a text replaced from outside (an example, a file, the console, a share
//! link) starts a history afresh.

use super::editor_window::{fill, is_windowed, leave, scroll_into_view, scroller};
use super::state::Ui;
use super::text_window::{line_at, utf16_len, windowed, TextWindow, MARGIN_LINES};
use crate::logic::edit_history::{Applied, EditKind};
use leptos::prelude::*;
use web_sys::{Event, HtmlTextAreaElement, InputEvent, KeyboardEvent};

/// Whether Ctrl+Z and the Edit menu's undo are the page's rather than the browser's.
fn owns_undo(ui: &Ui) -> bool {
    is_windowed(ui) || ui.history.with_value(|h| h.is_active())
}

/// The kind of edit an `input` event made (its `inputType`): typing and deleting runs merge.
pub fn kind_of(ev: &Event) -> EditKind {
    use wasm_bindgen::JsCast;
    let kind = ev.dyn_ref::<InputEvent>().map(InputEvent::input_type);
    match kind.as_deref() {
        Some("insertText" | "insertLineBreak" | "insertParagraph") => EditKind::Typing,
        Some("deleteContentBackward") => EditKind::DeleteBackward,
        Some("deleteContentForward") => EditKind::DeleteForward,
        _ => EditKind::Other,
    }
}

/// A key in the editor: undo and redo while the page owns them (`true`: the key is done), and a
/// caret moved by a key ends the typing step.
pub fn keydown(ui: &Ui, area: &HtmlTextAreaElement, ev: &KeyboardEvent) -> bool {
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    let navigates = key.starts_with("Arrow") || key.starts_with("Page");
    if navigates || key == "Home" || key == "End" {
        ui.history.update_value(|h| h.seal());
        return false;
    }
    let undo = command && !ev.shift_key() && key.eq_ignore_ascii_case("z");
    let redo = command
        && ((ev.shift_key() && key.eq_ignore_ascii_case("z")) || key.eq_ignore_ascii_case("y"));
    if !(undo || redo) || !owns_undo(ui) {
        return false;
    }
    ev.prevent_default();
    step(ui, area, redo);
    true
}

/// The Edit menu's (or any other) undo and redo reach the textarea as `beforeinput`.
pub fn before_input(ui: &Ui, area: &HtmlTextAreaElement, ev: &InputEvent) {
    let redo = match ev.input_type().as_str() {
        "historyUndo" => false,
        "historyRedo" => true,
        _ => return,
    };
    if owns_undo(ui) {
        ev.prevent_default();
        step(ui, area, redo);
    }
}

/// Undoes (or redoes) the last step in the text and shows where it was.
fn step(ui: &Ui, area: &HtmlTextAreaElement, redo: bool) {
    ui.text.maybe_update(|text| {
        let len_before = text.len();
        let applied = ui
            .history
            .try_update_value(|h| if redo { h.redo(text) } else { h.undo(text) });
        let Some(Some(applied)) = applied else {
            return false;
        };
        let Applied {
            from,
            to,
            inserted_len,
            ..
        } = applied;
        ui.unsent
            .update_value(|u| u.spliced(len_before, from, to, inserted_len));
        // The window is set with the text, before anything reads the new text.
        show_step(ui, area, text, applied.selection);
        true
    });
}

/// Puts the textarea over `text` just changed by a step: a window around the selection (or the
/// whole text, once small), the selection back, in view. A selection taller than a window (or
/// all of the text) is kept whole as a wide one (`editor_wide`), the window around its end (the
/// text's start for all of it).
fn show_step(ui: &Ui, area: &HtmlTextAreaElement, text: &str, (from, to): (usize, usize)) {
    let first = line_at(text, from);
    let last = first + line_at(&text[from..], to - from);
    let all = from == 0 && to == text.len() && !text.is_empty();
    let tall = last - first > 2 * MARGIN_LINES;
    let shown_line = match (all, tall) {
        (true, _) => 0,
        (false, true) => last,
        (false, false) => first,
    };
    let was_windowed = is_windowed(ui);
    if windowed(text.len(), was_windowed) {
        let window = if tall || all {
            TextWindow::around(text, shown_line, shown_line + 1)
        } else {
            TextWindow::around(text, first, last + 1)
        };
        fill(ui, area, text, window, Some((from, to)), None);
    } else {
        let top = scroller(area).scroll_top();
        if was_windowed {
            leave(ui, area, text);
        } else {
            area.set_value(text);
        }
        let unit = |at: usize| utf16_len(&text[..at]);
        let _ = area.set_selection_range(unit(from), unit(to));
        scroller(area).set_scroll_top(top);
    }
    // The step's place in view, else a third of the way down.
    let end_line = if tall || all { shown_line } else { last };
    scroll_into_view(area, shown_line, end_line);
}
