//! The editor over a large text: from `text_window::LARGE_FROM` bytes on, the textarea holds
//! only a window of whole lines around the view and the caret (`logic::text_window`). The
//! textarea is then as tall as the whole text, its padding above the window standing for the
//! lines before it, and its parent (`.code`) scrolls: the scrollbar, the scroll position and
//! the layer and gutter that follow it count the whole text's lines as before.
//! The text signal stays the one source of truth: an edit in the textarea is spliced into it at
//! the window's place; scrolling out of the window, a caret near its edge, Ctrl+Home/End and
//! going to a diagnostic's line fill the textarea with another window, and a large paste goes
//! into the text without passing through the textarea. Page Up and Page Down move the caret
//! here (a browser moves none by a page in a textarea as tall as the whole text).
//!
//! A selection may reach beyond the window (`editor_wide`): Ctrl+A; Ctrl+Shift+Home/End, which
//! select to the text's start or end; Shift+arrows and Shift+Page Up/Down, which go on past the
//! window's edge (the window moves to the head before the key acts, the selection kept whole);
//! a Shift+click far from an anchor scrolled out of the window; a selection the window no
//! longer holds once scrolled. The textarea shows the part its window holds; copy, cut, paste
//! and typing, Enter, Backspace or Delete over it act on all of it. A plain click or a caret key
//! without Shift ends it.
//!
//! Filling a textarea clears the browser's undo history, so every edit made here (a splice, a
//! large paste, a cut or typing over a wide selection) is recorded in the page's own
//! (`Ui::history`, `logic::edit_history`), and Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y are the page's
//! (`editor_undo.rs`); a text put in from outside (`show`, a script's `input`) starts it afresh.
//!
//! Not covered: a mouse drag that scrolls past the window's edge (the window moves under the
//! drag; the selection is what the browser makes of it, read back as a wide one when its anchor
//! was kept); an input method's composition over a wide selection (it cannot be refused) edits
//! only the window's part and ends the wide selection.

use super::editor::LINE_HEIGHT;
use super::editor_wide::{selection, show_selection};
use super::state::Ui;
use super::text_window::{line_at, windowed, TextWindow};
use super::wide_selection::{holds, lines_moved, Shown};
use crate::logic::edit_history::{EditHistory, EditKind};
use crate::logic::text_edits::narrowed_to_caret;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlTextAreaElement, KeyboardEvent};

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
    /// The selection, (anchor, head) in bytes of the whole text, while the window holds it
    /// only in part or not at all (`editor_wide`); `None`: the textarea's own selection is it.
    pub wide: Option<(usize, usize)>,
    /// What the textarea was given to show of `wide`: a selection there that differs is one
    /// the browser moved since.
    pub shown: Shown,
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

/// Fills the textarea with `window` of `text`, shows the selection (bytes of the whole text,
/// (anchor, head)) as far as the window holds it (all of it kept, `editor_wide`), and scrolls
/// to `top`.
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
    ui.held.update_value(|h| {
        h.window = Some(window);
        h.wide = None;
    });
    if let Some(selection) = selection {
        show_selection(ui, area, text, &window, selection);
    }
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

/// The scroll position that shows `line` a third of the way down.
pub(super) fn top_showing(area: &HtmlTextAreaElement, line: usize) -> i32 {
    let view = scroller(area).client_height();
    (line as f64 * LINE_HEIGHT - f64::from(view) / 3.0).max(0.0) as i32
}

/// Scrolls lines `first..=last` into view when they are not (`first` a third of the way down).
pub(super) fn scroll_into_view(area: &HtmlTextAreaElement, first: usize, last: usize) {
    let view = scroller(area);
    let top_line = f64::from(view.scroll_top()) / LINE_HEIGHT;
    let height = f64::from(view.client_height()) / LINE_HEIGHT;
    if (first as f64) < top_line || last as f64 + 1.0 > top_line + height {
        view.set_scroll_top(top_showing(area, first));
    }
}

/// Puts a new `text` into the editor (an example, a file, the console's change), scrolled to
/// `top`: the whole text, or a window of it when it is large.
pub fn show(ui: &Ui, area: &HtmlTextAreaElement, text: &str, top: i32) {
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
    let windowed_now = is_windowed(ui);
    let value = area.value();
    match ui.held.with_value(|h| h.window) {
        Some(window) if trusted => {
            // Only the window's part of a wide selection reaches here (an input method's
            // composition, which cannot be refused, `editor_wide::before_input`): an edit of the
            // window like any other, and the wide selection is gone.
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
                ui.held.update_value(|h| {
                    h.window = Some(after);
                    h.wide = None;
                });
            });
            if !windowed(ui.text.with_untracked(String::len), true) {
                ui.text.with_untracked(|t| leave(ui, area, t));
            }
        }
        _ => {
            record_whole(ui, area, &value, trusted, kind);
            ui.unsent.update_value(|u| u.whole());
            if windowed(value.len(), windowed_now) {
                // Read before the window replaces the value; the caret is where the browser
                // put it (the end, after a script set the value).
                let caret = area.selection_end().ok().flatten().unwrap_or(0);
                let at = super::text_window::byte_of_utf16(&value, caret);
                let line = line_at(&value, at);
                let window = TextWindow::around(&value, line, line + 1);
                fill(ui, area, &value, window, Some((at, at)), None);
                scroller(area).set_scroll_top(top_showing(area, line));
            } else if windowed_now {
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

/// Records (or not) an edit that gave the textarea `value` while it held the whole text: an
/// edit while the page's history is the editor's; a script's replacement (not `trusted`)
/// starts the history afresh.
fn record_whole(ui: &Ui, area: &HtmlTextAreaElement, value: &str, trusted: bool, kind: EditKind) {
    if !trusted {
        ui.history.update_value(EditHistory::clear);
        return;
    }
    if !ui.history.with_value(EditHistory::is_active) {
        return;
    }
    ui.text.with_untracked(|old| {
        let (same_start, same_end) = narrowed_to_caret(old, value, caret_byte(area, value));
        let (from, to) = (same_start, old.len() - same_end);
        let inserted = value.len() - same_start - same_end;
        ui.history
            .update_value(|h| h.record(from, &old[from..to], inserted, kind));
    });
}

/// The view shows lines `first..first + count`: a window that no longer holds them moves (a
/// selection it holds only in part is kept whole, `editor_wide`).
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
/// ends (with Shift, select to there), a caret key without Shift ends a selection wider than the
/// window, and a head near the window's edge (or out of it) moves the window before the key
/// acts: Shift+arrows and Shift+Page Down go on past it, the selection kept whole.
pub fn keydown(ui: &Ui, area: &HtmlTextAreaElement, ev: &KeyboardEvent) {
    let Some(window) = ui.held.with_value(|h| h.window) else {
        return;
    };
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    if command && key.eq_ignore_ascii_case("a") {
        ev.prevent_default();
        ui.text
            .with_untracked(|t| show_selection(ui, area, t, &window, (0, t.len())));
        return;
    }
    if matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
        return;
    }
    if command && ["c", "x", "v"].iter().any(|k| key.eq_ignore_ascii_case(k)) {
        return;
    }
    let navigates =
        key.starts_with("Arrow") || key.starts_with("Page") || key == "Home" || key == "End";
    ui.text.with_untracked(|text| {
        let (anchor, head) = selection(ui, area, text);
        if command && (key == "Home" || key == "End") {
            ev.prevent_default();
            let (line, at) = if key == "Home" {
                (0, 0)
            } else {
                (window.total_lines - 1, text.len())
            };
            let anchor = if ev.shift_key() { anchor } else { at };
            let moved = TextWindow::around(text, line, line + 1);
            fill(ui, area, text, moved, Some((anchor, at)), None);
            let view = scroller(area);
            let top = if key == "Home" {
                0
            } else {
                view.scroll_height()
            };
            view.set_scroll_top(top);
            return;
        }
        let wide = ui.held.with_value(|h| h.wide.is_some());
        let collapse = wide && navigates && !ev.shift_key();
        if wide && !navigates && anchor != head {
            // Typing over it replaces it all (`editor_wide::before_input`): no need to move.
            return;
        }
        let (anchor, head) = if collapse {
            // A caret key without Shift ends it: at its start or end (Left, Right: the key is
            // done, unless it was a caret), else at its head, from where the key moves the caret.
            let to = match key.as_str() {
                "ArrowLeft" => anchor.min(head),
                "ArrowRight" => anchor.max(head),
                _ => head,
            };
            if anchor != head && (key == "ArrowLeft" || key == "ArrowRight") {
                ev.prevent_default();
            }
            (to, to)
        } else {
            (anchor, head)
        };
        if key == "PageUp" || key == "PageDown" {
            // The page moves the head: a browser moves no caret by a page in a textarea as tall
            // as the whole text. By the view's height less a line, the view with it.
            ev.prevent_default();
            let view = scroller(area);
            let page = ((f64::from(view.client_height()) / LINE_HEIGHT) as usize).max(2) - 1;
            let down = key == "PageDown";
            let to = lines_moved(text, head, page, down);
            let anchor = if ev.shift_key() { anchor } else { to };
            let top = view.scroll_top();
            let line = select(ui, area, text, &window, (anchor, to), true);
            let by = page as f64 * LINE_HEIGHT;
            let top = f64::from(top) + if down { by } else { -by };
            view.set_scroll_top(top.max(0.0) as i32);
            scroll_into_view(area, line, line);
            return;
        }
        let line = select(ui, area, text, &window, (anchor, head), collapse);
        if collapse {
            scroll_into_view(area, line, line);
        }
    });
}

/// Puts the selection (anchor, head), bytes of the whole text, in the textarea over `window`
/// (again only when `reselect`, or when the window moves): the window moves first when the
/// head is near its edge (the view kept) or out of it (the head then a third of the way down).
/// Returns the head's line.
fn select(
    ui: &Ui,
    area: &HtmlTextAreaElement,
    text: &str,
    window: &TextWindow,
    (anchor, head): (usize, usize),
    reselect: bool,
) -> usize {
    if holds(window, head) {
        let line = window.line_of(text, head);
        if window.near_edge(line) {
            let top = scroller(area).scroll_top();
            let moved = TextWindow::around(text, line, line + 1);
            fill(ui, area, text, moved, Some((anchor, head)), Some(top));
        } else if reselect {
            show_selection(ui, area, text, window, (anchor, head));
        }
        line
    } else {
        // The head far from the view (scrolled away, or a wide selection's far end).
        let line = line_at(text, head);
        let moved = TextWindow::around(text, line, line + 1);
        fill(ui, area, text, moved, Some((anchor, head)), None);
        scroller(area).set_scroll_top(top_showing(area, line));
        line
    }
}

/// Puts the caret at `line`:`column` (1-based, in characters) of the whole text: the window
/// moves there first. Returns the caret's UTF-16 offset in the textarea.
pub fn place(ui: &Ui, area: &HtmlTextAreaElement, line: u32, column: u32) -> u32 {
    use super::text_pos::utf16_offset;
    if !is_windowed(ui) {
        return utf16_offset(&area.value(), line, column);
    }
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
