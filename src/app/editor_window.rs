//! The editor over a large text: from `text_window::LARGE_FROM` bytes on, the textarea holds
//! only a window of whole lines around the view and the caret (`logic::text_window`). The
//! textarea is then as tall as the whole text, its padding above the window standing for the
//! lines before it, and its parent (`.code`) scrolls: the scrollbar, the scroll position and
//! the layer and gutter that follow it count the whole text's lines as before.
//! The text signal stays the one source of truth: an edit in the textarea is spliced into it at
//! the window's place; scrolling out of the window, a caret near its edge, Ctrl+Home/End and
//! going to a diagnostic's line fill the textarea with another window, the selection kept
//! where the new window holds it. Ctrl+A selects the whole text (copy and cut give all of it,
//! typing or pasting replaces all of it), and a large paste goes into the text without passing
//! through the textarea.
//!
//! Filling a textarea clears the browser's undo history, so every edit made here (a splice, a
//! large paste, a cut or typing over the whole text) is recorded in the page's own
//! (`Ui::history`, `logic::edit_history`), and Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y are the page's
//! (`editor_undo.rs`); a text put in from outside (`show`, a script's `input`) starts it afresh.
//!
//! Not covered: a selection made with the mouse or Shift+arrows ends at the window's edge;
//! Ctrl+Shift+Home/End move the caret but do not select.

use super::editor::LINE_HEIGHT;
use super::state::Ui;
use super::text_window::{line_at, windowed, TextWindow};
use crate::logic::edit_history::{EditHistory, EditKind};
use crate::logic::text_edits::narrowed_to_caret;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ClipboardEvent, HtmlTextAreaElement, KeyboardEvent};

/// The textarea's own vertical padding (`style/main.css`, `.code textarea`).
const PADDING: f64 = 6.0;
/// Lines assumed in view where the textarea's height may not be read (it would lay out a text
/// just set); the window's margin is larger anyway.
const VIEW_LINES: usize = 60;
use crate::bridge::EDITOR_TEXT;
/// The attribute the textarea carries while it holds a window (the panic hook reads it).
pub const WINDOWED: &str = "data-windowed";

/// What the editor holds of a large text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Held {
    /// The window in the textarea; `None`: the textarea holds the whole text.
    pub window: Option<TextWindow>,
    /// Ctrl+A selected the whole text (the textarea shows the window selected).
    pub all: bool,
    /// The selection (bytes of the whole text) while the window does not hold it.
    pub parked: Option<(usize, usize)>,
}

/// The whole text as a JavaScript string (what the console reads; the worker is sent it when
/// no splice describes a change): one copy out of the wasm, made when asked.
pub fn whole_js(ui: &Ui) -> JsValue {
    ui.text.with_untracked(|t| JsValue::from_str(t))
}

/// Whether the editor holds a window of the text.
pub fn is_windowed(ui: &Ui) -> bool {
    ui.held.with_value(|h| h.window.is_some())
}

/// The element that scrolls: the textarea itself, or, while it holds a window, its parent
/// (`.code`), over a textarea as tall as the whole text.
pub fn scroller(area: &HtmlTextAreaElement) -> web_sys::Element {
    match area.parent_element() {
        Some(code) if area.has_attribute(WINDOWED) => code,
        _ => area.clone().into(),
    }
}

/// Over a window: the textarea as tall as the whole text, its padding above the window standing
/// for the lines before it, inside its parent that scrolls, and the highlighted layer as tall;
/// `None`: the stylesheet's layout (the textarea scrolls itself).
fn set_layout(area: &HtmlTextAreaElement, window: Option<&TextWindow>) {
    let style = web_sys::HtmlElement::style(area);
    let code = area.parent_element();
    let layer = code
        .as_ref()
        .and_then(|c| c.query_selector(".layer").ok().flatten());
    let styles = |el: &web_sys::Element| {
        el.clone()
            .dyn_into::<web_sys::HtmlElement>()
            .ok()
            .map(|e| e.style())
    };
    match window {
        Some(w) => {
            let px = |x: f64| format!("{x}px");
            let height = px(2.0 * PADDING + w.total_lines as f64 * LINE_HEIGHT);
            let _ = style.set_property(
                "padding-top",
                &px(PADDING + w.first_line as f64 * LINE_HEIGHT),
            );
            let _ = style.set_property("height", &height);
            let _ = style.set_property("box-sizing", "border-box");
            let _ = style.set_property("overflow", "hidden");
            let _ = area.set_attribute(WINDOWED, "");
            if let Some(s) = code.as_ref().and_then(styles) {
                let _ = s.set_property("overflow", "auto");
            }
            if let Some(s) = layer.as_ref().and_then(styles) {
                let _ = s.set_property("height", &height);
            }
        }
        None => {
            for name in ["padding-top", "height", "box-sizing", "overflow"] {
                let _ = style.remove_property(name);
            }
            let _ = area.remove_attribute(WINDOWED);
            if let Some(s) = code.as_ref().and_then(styles) {
                let _ = s.remove_property("overflow");
            }
            if let Some(s) = layer.as_ref().and_then(styles) {
                let _ = s.remove_property("height");
            }
        }
    }
}

/// Fills the textarea with `window` of `text`, puts the selection (bytes of the whole text)
/// back where the window holds it (else keeps it aside), and scrolls to `top`.
pub(super) fn fill(
    ui: &Ui,
    area: &HtmlTextAreaElement,
    text: &str,
    window: TextWindow,
    selection: Option<(usize, usize)>,
    top: Option<i32>,
) {
    area.set_value(window.of(text));
    set_layout(area, Some(&window));
    let all = ui.held.with_value(|h| h.all);
    let mut parked = None;
    if all {
        area.select();
    } else if let Some((from, to)) = selection {
        match (window.to_held(text, from), window.to_held(text, to)) {
            (Some(a), Some(b)) => {
                let _ = area.set_selection_range(a, b);
            }
            _ => {
                parked = Some((from, to));
                let _ = area.set_selection_range(0, 0);
            }
        }
    }
    ui.held.update_value(|h| {
        h.window = Some(window);
        h.parked = parked;
    });
    if let Some(top) = top {
        scroller(area).set_scroll_top(top);
    }
}

/// The textarea holds the whole text again.
pub(super) fn leave(ui: &Ui, area: &HtmlTextAreaElement, text: &str) {
    ui.held.set_value(Held::default());
    scroller(area).set_scroll_top(0);
    set_layout(area, None);
    if area.value() != text {
        area.set_value(text);
    }
}

/// The selection as bytes of the whole text.
fn selection(ui: &Ui, area: &HtmlTextAreaElement, text: &str) -> (usize, usize) {
    let held = ui.held.get_value();
    if held.all {
        return (0, text.len());
    }
    if let Some(parked) = held.parked {
        return parked;
    }
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    match held.window {
        Some(w) => (w.to_whole(text, start), w.to_whole(text, end)),
        None => (
            super::text_window::byte_of_utf16(text, start),
            super::text_window::byte_of_utf16(text, end),
        ),
    }
}

/// The scroll position that shows `line` a third of the way down.
pub(super) fn top_showing(area: &HtmlTextAreaElement, line: usize) -> i32 {
    let view = scroller(area).client_height();
    (line as f64 * LINE_HEIGHT - f64::from(view) / 3.0).max(0.0) as i32
}

/// Puts a new `text` into the editor (an example, a file, the console's change), scrolled to
/// `top`: the whole text, or a window of it when it is large.
pub fn show(ui: &Ui, area: &HtmlTextAreaElement, text: &str, top: i32) {
    ui.held.update_value(|h| h.all = false);
    ui.history.update_value(EditHistory::clear);
    if !windowed(text.len(), is_windowed(ui)) {
        // Setting the same value again would cut the undo history an undoable replacement
        // just wrote.
        leave(ui, area, text);
        area.set_scroll_top(top);
        return;
    }
    let first = (f64::from(top.max(0)) / LINE_HEIGHT) as usize;
    let window = TextWindow::around(text, first, first + VIEW_LINES);
    fill(ui, area, text, window, None, Some(top));
}

/// The textarea's `input`: its new value into the text signal. A script that sets the
/// textarea's value and fires `input` itself (`trusted` false) replaces the whole text, as it
/// did when the textarea always held it. Edits are recorded in the page's undo history
/// (`editor_undo`) while it is the editor's.
pub fn input(ui: &Ui, area: &HtmlTextAreaElement, trusted: bool, kind: EditKind) {
    let held = ui.held.get_value();
    let value = area.value();
    match held.window {
        Some(window) if trusted && !held.all => {
            // The worker is sent only the bytes that changed (`logic::text_edits`).
            let caret = caret_byte(area, &value);
            ui.text.with_untracked(|t| {
                let (same_start, same_end) = narrowed_to_caret(window.of(t), &value, caret);
                let (from, to) = (window.start + same_start, window.end - same_end);
                let inserted = value.len() - same_start - same_end;
                ui.history
                    .update_value(|h| h.record(from, &t[from..to], inserted, kind));
                ui.unsent
                    .update_value(|u| u.spliced(t.len(), from, to, inserted));
            });
            // The window is updated with the text, before anything reads the new text.
            ui.text.update(|t| {
                let after = window.splice(t, &value);
                ui.held.update_value(|h| h.window = Some(after));
            });
            if !windowed(ui.text.with_untracked(String::len), true) {
                ui.text.with_untracked(|t| leave(ui, area, t));
            }
        }
        _ => {
            record_whole(ui, area, &held, &value, trusted, kind);
            ui.unsent.update_value(|u| u.whole());
            ui.held.update_value(|h| h.all = false);
            let large = windowed(value.len(), held.window.is_some());
            if large {
                // Read before the window replaces the value; the caret is where the browser
                // put it (the end, after a script set the value).
                let caret = area.selection_end().ok().flatten().unwrap_or(0);
                let at = super::text_window::byte_of_utf16(&value, caret);
                let line = line_at(&value, at);
                let window = TextWindow::around(&value, line, line + 1);
                fill(ui, area, &value, window, Some((at, at)), None);
                scroller(area).set_scroll_top(top_showing(area, line));
            } else if held.window.is_some() {
                leave(ui, area, &value);
            }
            ui.text.set(value);
        }
    }
}

/// The caret's byte in the textarea's `value` (the end of a selection).
fn caret_byte(area: &HtmlTextAreaElement, value: &str) -> usize {
    let unit = area.selection_end().ok().flatten().unwrap_or(0);
    super::text_window::byte_of_utf16(value, unit)
}

/// Records (or not) an edit that gave the textarea `value` while it did not hold a window
/// spliced at its place: typing over the whole text selected (Ctrl+A over a window), an edit of
/// a text held whole while the page's history is the editor's; a script's replacement (not
/// `trusted`) starts the history afresh.
fn record_whole(
    ui: &Ui,
    area: &HtmlTextAreaElement,
    held: &Held,
    value: &str,
    trusted: bool,
    kind: EditKind,
) {
    if !trusted {
        ui.history.update_value(EditHistory::clear);
        return;
    }
    let recorded = held.window.is_some() || ui.history.with_value(EditHistory::is_active);
    if !recorded {
        return;
    }
    ui.text.with_untracked(|old| {
        // Over a window with Ctrl+A, the value replaces all of the text.
        let (same_start, same_end) = if held.window.is_some() {
            (0, 0)
        } else {
            narrowed_to_caret(old, value, caret_byte(area, value))
        };
        let (from, to) = (same_start, old.len() - same_end);
        let inserted = value.len() - same_start - same_end;
        ui.history
            .update_value(|h| h.record(from, &old[from..to], inserted, kind));
    });
}

/// The view shows lines `first..first + count`: a window that no longer holds them moves.
pub fn follow(ui: &Ui, area: &HtmlTextAreaElement, first: usize, count: usize) {
    let Some(window) = ui.held.with_value(|h| h.window) else {
        return;
    };
    if window.covers(first, first + count) {
        return;
    }
    let top = scroller(area).scroll_top();
    ui.text.with_untracked(|text| {
        let kept = selection(ui, area, text);
        let moved = TextWindow::around(text, first, first + count);
        fill(ui, area, text, moved, Some(kept), Some(top));
    });
}

/// A key in the editor over a window: Ctrl+A selects the whole text, Ctrl+Home/End go to its
/// ends, and a caret near the window's edge (or out of it) moves the window before the key acts.
pub fn keydown(ui: &Ui, area: &HtmlTextAreaElement, ev: &KeyboardEvent) {
    let Some(window) = ui.held.with_value(|h| h.window) else {
        return;
    };
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    if command && key.eq_ignore_ascii_case("a") {
        ev.prevent_default();
        ui.held.update_value(|h| h.all = true);
        area.select();
        return;
    }
    if matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
        return;
    }
    if command && ["c", "x", "v"].iter().any(|k| key.eq_ignore_ascii_case(k)) {
        return;
    }
    if key.starts_with("Arrow") || key.starts_with("Page") || key == "Home" || key == "End" {
        ui.held.update_value(|h| h.all = false);
    }
    ui.text.with_untracked(|text| {
        if command && (key == "Home" || key == "End") {
            ev.prevent_default();
            let (line, at) = if key == "Home" {
                (0, 0)
            } else {
                (window.total_lines - 1, text.len())
            };
            let moved = TextWindow::around(text, line, line + 1);
            fill(ui, area, text, moved, Some((at, at)), None);
            let view = scroller(area);
            let top = if key == "Home" {
                0
            } else {
                view.scroll_height()
            };
            view.set_scroll_top(top);
            return;
        }
        let parked = ui.held.with_value(|h| h.parked.is_some());
        let (from, to) = selection(ui, area, text);
        let line = if parked {
            line_at(text, to)
        } else {
            window.line_of(text, to)
        };
        if parked || window.near_edge(line) {
            let top = scroller(area).scroll_top();
            let moved = TextWindow::around(text, line, line + 1);
            fill(ui, area, text, moved, Some((from, to)), Some(top));
            if parked {
                scroller(area).set_scroll_top(top_showing(area, line));
            }
        }
    });
}

/// Copy or cut of the whole text (after Ctrl+A over a window): the clipboard gets all of it.
pub fn copy(ui: &Ui, area: &HtmlTextAreaElement, ev: &ClipboardEvent, cut: bool) {
    if !ui.held.with_value(|h| h.window.is_some() && h.all) {
        return;
    }
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    ev.prevent_default();
    let _ = ui.text.with_untracked(|t| data.set_data("text/plain", t));
    if cut {
        ui.text.with_untracked(|t| {
            ui.history
                .update_value(|h| h.record(0, t, 0, EditKind::Other))
        });
        ui.unsent.update_value(|u| u.whole());
        leave(ui, area, "");
        ui.text.set(String::new());
    }
}

/// A paste that makes or changes a large text goes into the text directly (a textarea takes
/// seconds to take in megabytes); a small one into a small text is the browser's own.
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
    ui.unsent.update_value(|u| u.whole());
    // As a textarea's value has it: line breaks are `\n`.
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let mut text = ui.text.get_untracked();
    let (from, to) = selection(ui, area, &text);
    ui.history
        .update_value(|h| h.record(from, &text[from..to], pasted.len(), EditKind::Other));
    text.replace_range(from..to, &pasted);
    let caret = from + pasted.len();
    ui.held.update_value(|h| h.all = false);
    if windowed(text.len(), windowed_now) {
        let line = line_at(&text, caret);
        let window = TextWindow::around(&text, line, line + 1);
        fill(ui, area, &text, window, Some((caret, caret)), None);
        scroller(area).set_scroll_top(top_showing(area, line));
    } else {
        leave(ui, area, &text);
        let unit = super::text_window::utf16_len(&text[..caret]);
        let _ = area.set_selection_range(unit, unit);
    }
    ui.text.set(text);
}

/// A press in the textarea ends a Ctrl+A selection of the whole text.
pub fn pressed(ui: &Ui) {
    ui.held.update_value(|h| h.all = false);
    ui.history.update_value(EditHistory::seal);
}

/// Puts the caret at `line`:`column` (1-based, in characters) of the whole text: the window
/// moves there first. Returns the caret's UTF-16 offset in the textarea.
pub fn place(ui: &Ui, area: &HtmlTextAreaElement, line: u32, column: u32) -> u32 {
    use super::text_pos::utf16_offset;
    if !is_windowed(ui) {
        return utf16_offset(&area.value(), line, column);
    }
    ui.held.update_value(|h| h.all = false);
    ui.text.with_untracked(|text| {
        let at = (line.max(1) - 1) as usize;
        let window = TextWindow::around(text, at, at + VIEW_LINES);
        fill(ui, area, text, window, None, None);
        let within = (at - window.first_line + 1) as u32;
        utf16_offset(window.of(text), within, column)
    })
}

/// The editor's element gives the whole text as `EDITOR_TEXT` (the console reads it there: the
/// textarea's value may be a window).
pub fn expose_text(ui: Ui, area: &HtmlTextAreaElement) {
    use wasm_bindgen::closure::Closure;
    let getter = Closure::<dyn Fn() -> JsValue>::new(move || whole_js(&ui));
    let descriptor = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&descriptor, &"get".into(), getter.as_ref());
    let _ = js_sys::Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE);
    js_sys::Object::define_property(area, &JsValue::from_str(EDITOR_TEXT), &descriptor);
    getter.forget();
}
