//! The editor: a textarea over a highlighted copy of its text, with a line-number gutter that
//! marks the lines diagnostics point at.
//!
//! The textarea is never re-rendered from the text signal: typing goes straight into the DOM
//! and the `input` event copies it into the signal, so no keystroke is lost or delayed by a
//! render. The highlighted layer and the gutter lie under and beside it and follow its scroll.
//! They hold only the lines in view (and a margin): a 10,000-line text highlighted whole is
//! megabytes of HTML for the browser to lay out on every keystroke.

use super::derived::use_derived;
use super::editor_undo;
use super::editor_wide;
use super::editor_window;
use super::state::{use_ui, Ui};
use super::text_pos::line_count;
use super::text_window::{document_start, entry_start_from};
use crate::bridge::EDITOR_ID;
use crate::logic::edit_history::EditKind;
use leptos::html::{Div, Pre};
use leptos::prelude::*;
use reachmap_core::diag::Severity;
use reachmap_core::highlight::yaml_html_lines;
use std::ops::Range;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};

/// The editor's line height in CSS pixels; `style/main.css` sets the same (`--line`).
pub const LINE_HEIGHT: f64 = 20.0;

/// Lines drawn above and below the view, so that scrolling a little redraws nothing.
const MARGIN: usize = 60;

/// The editor with its label, gutter and highlighting.
#[component]
pub fn Editor() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let layer = NodeRef::<Pre>::new();
    let gutter = NodeRef::<Div>::new();
    // The lines the layer and the gutter hold (0-based, end excluded).
    let window = RwSignal::new(0..2 * MARGIN);

    let highlighted = Memo::new(move |_| {
        let lines = window.get();
        ui.text.with(|t| {
            // From the last document's start, not the text's: at the end of a large text the
            // lines before would be read on every keystroke. Over a window (a large text; a
            // dump is one document), from the last top-level entry, found from the window's
            // first line (a place known without reading the text before it).
            let known = ui
                .held
                .with_value(|h| h.window.map(|w| (w.start, w.first_line)));
            let (at, line) = match known {
                Some(known) if known.1 <= lines.start => entry_start_from(t, lines.start, known),
                _ => document_start(t, lines.start),
            };
            yaml_html_lines(&t[at..], lines.start - line..lines.end - line)
        })
    });
    // Over a window its count of the whole text's lines is kept as it changes: no scan.
    let lines = Memo::new(move |_| {
        ui.text.with(|t| {
            ui.held
                .with_value(|h| h.window.map(|w| w.total_lines))
                .unwrap_or_else(|| line_count(t))
        })
    });
    let marks = Memo::new(move |_| {
        derived.diagnostics.with(|rows| {
            // One mark per line, the most serious. The diagnostics come sorted by place, so
            // the marks of one line are neighbours (no sort: each sort adds code to the wasm).
            let mut marks: Vec<(u32, Severity)> = Vec::new();
            let shown = rows.iter().filter(|d| d.source == 0 && d.line > 0);
            for d in shown {
                let severity = d.severity();
                match marks.last_mut() {
                    Some(last) if last.0 == d.line => last.1 = last.1.max(severity),
                    _ => marks.push((d.line, severity)),
                }
            }
            marks
        })
    });
    let gutter_html = Memo::new(move |_| {
        let shown = window.get();
        let end = shown.end.min(lines.get());
        marks.with(|m| gutter_markup(shown.start..end, m))
    });

    // Follows the textarea's scroll: moves the drawn lines into place, and draws others when
    // the view leaves them.
    let follow = move || {
        let (Some(area), Some(layer), Some(gutter)) = (
            ui.editor.get_untracked(),
            layer.get_untracked(),
            gutter.get_untracked(),
        ) else {
            return;
        };
        // Over a large text the textarea's parent scrolls, and the window follows the view.
        let view = editor_window::scroller(&area);
        let first = (f64::from(view.scroll_top()) / LINE_HEIGHT) as usize;
        let count = (f64::from(view.client_height()) / LINE_HEIGHT).ceil() as usize + 1;
        editor_window::follow(&ui, &area, first, count);
        let top = view.scroll_top();
        // The layer scrolls with the parent then; only the textarea's own scroll moves it.
        let layer_top = if editor_window::is_windowed(&ui) {
            0
        } else {
            top
        };
        let drawn = window.get_untracked();
        if first < drawn.start || first + count > drawn.end {
            window.set(first.saturating_sub(MARGIN)..first + count + MARGIN);
        }
        let drawn_at = (window.get_untracked().start as f64 * LINE_HEIGHT) as i32;
        let y = drawn_at - top;
        // (web_sys's `style`: leptos's element extension has a method of the same name.)
        let _ = web_sys::HtmlElement::style(&layer).set_property(
            "transform",
            &format!(
                "translate({}px, {}px)",
                -area.scroll_left(),
                drawn_at - layer_top
            ),
        );
        let _ = web_sys::HtmlElement::style(&gutter)
            .set_property("transform", &format!("translateY({y}px)"));
    };
    // New lines (an edit, a new text) may change what is in view.
    Effect::new(move |_| {
        highlighted.track();
        gutter_html.track();
        request_animation_frame(follow);
    });
    let _ = window_event_listener(leptos::ev::resize, move |_| follow());
    // The console reads the whole text from the editor's element.
    Effect::new(move |_| {
        if let Some(area) = ui.editor.get() {
            editor_window::expose_text(ui, &area);
        }
    });

    // Tab inserts two spaces; Shift+Tab, or Esc then Tab, leaves the editor (no keyboard trap).
    let tab_leaves = StoredValue::new(false);
    let on_keydown = move |ev: KeyboardEvent| {
        if let Some(area) = ui.editor.get_untracked() {
            if editor_undo::keydown(&ui, &area, &ev) {
                return;
            }
            editor_window::keydown(&ui, &area, &ev);
        }
        let plain = !(ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.shift_key());
        match ev.key().as_str() {
            "Escape" => tab_leaves.set_value(true),
            "Tab" if plain && !tab_leaves.get_value() => {
                ev.prevent_default();
                if let Some(area) = ui.editor.get_untracked() {
                    if editor_wide::type_over(&ui, &area, "  ", EditKind::Other) {
                        return;
                    }
                    // The editing command fires `input`, which a window needs (the splice).
                    let fired = insert_text(&area, "  ");
                    if !fired || !editor_window::is_windowed(&ui) {
                        editor_window::input(&ui, &area, true, EditKind::Other);
                    }
                }
            }
            _ => tab_leaves.set_value(false),
        }
    };

    view! {
        <div class="editor">
            <div class="editor-head">
                <label for=EDITOR_ID class="editor-label">"Manifests"</label>
                <span id="editor-hint" class="hint">
                    "Tab indents; Shift+Tab or Esc, Tab leaves"
                </span>
            </div>
            <div class="editor-body">
                <div class="gutter" aria-hidden="true">
                    <div class="gutter-lines" node_ref=gutter inner_html=gutter_html></div>
                </div>
                <div class="code" on:scroll=move |_| follow()>
                    <div class="layer" aria-hidden="true">
                        <pre class="layer-lines" node_ref=layer inner_html=highlighted></pre>
                    </div>
                    <textarea
                        // The console's module reads the manifests from it by this id.
                        id=EDITOR_ID
                        data-testid="editor"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        aria-describedby="editor-hint"
                        node_ref=ui.editor
                        prop:value=ui.text.get_untracked()
                        on:input=move |ev| with_area(ui, |a| {
                            editor_window::input(&ui, a, ev.is_trusted(), editor_undo::kind_of(&ev))
                        })
                        on:beforeinput=move |ev| with_area(ui, |a| {
                            editor_undo::before_input(&ui, a, &ev);
                            editor_wide::before_input(&ui, a, &ev);
                        })
                        on:scroll=move |_| follow()
                        on:keydown=on_keydown
                        on:mousedown=move |ev| editor_wide::pressed(&ui, ev.shift_key())
                        on:copy=move |ev| with_area(ui, |a| editor_wide::copy(&ui, a, &ev, false))
                        on:cut=move |ev| with_area(ui, |a| editor_wide::copy(&ui, a, &ev, true))
                        on:paste=move |ev| with_area(ui, |a| editor_wide::paste(&ui, a, &ev))
                    ></textarea>
                </div>
            </div>
        </div>
    }
}

/// Runs `f` on the editor's textarea.
fn with_area(ui: Ui, f: impl FnOnce(&HtmlTextAreaElement)) {
    if let Some(area) = ui.editor.get_untracked() {
        f(&area);
    }
}

/// Inserts `text` at the caret as if typed, so the browser's undo history keeps it; `true` when
/// the browser's editing command did it (and fired `input`).
fn insert_text(area: &HtmlTextAreaElement, text: &str) -> bool {
    let doc: web_sys::HtmlDocument = document().unchecked_into();
    // `insertText` is the only way to edit a textarea that undo (Ctrl+Z) can revert.
    let done = doc
        .exec_command_with_show_ui_and_value("insertText", false, text)
        .unwrap_or(false);
    if !done {
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        let _ = area.set_range_text_with_start_and_end_and_mode(text, start, end, "end");
    }
    done
}

/// The gutter of lines `lines` (0-based): their numbers, with the most serious diagnostic's icon.
fn gutter_markup(lines: Range<usize>, marks: &[(u32, Severity)]) -> String {
    let mut out = String::with_capacity(lines.len() * 6);
    let mut marks = marks
        .iter()
        .skip_while(|m| (m.0 as usize) <= lines.start)
        .peekable();
    for line in lines.start + 1..=lines.end {
        let mark = marks.next_if(|m| m.0 as usize == line).map(|m| m.1);
        match mark {
            Some(sev) => {
                out.push_str(&format!(
                    "<span class=\"mark sev-{sev}\">{}</span>{line}\n",
                    severity_icon(sev)
                ));
            }
            None => {
                out.push_str(&line.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// The icon of a severity: a shape, not only a colour, tells them apart.
pub fn severity_icon(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// Puts the editor's caret at `line`:`column` (1-based, in characters), scrolled into view and
/// focused: a diagnostic's or an explanation's link. Nothing while the editor is not mounted.
pub fn reveal(ui: &Ui, line: u32, column: u32) {
    if let Some(area) = ui.editor.get_untracked() {
        go_to(ui, &area, line, column);
    }
}

/// Puts the caret at `line`:`column` (1-based, in characters), scrolls it into view and focuses
/// the editor.
pub fn go_to(ui: &Ui, area: &HtmlTextAreaElement, line: u32, column: u32) {
    let offset = editor_window::place(ui, area, line, column);
    let _ = area.focus();
    let _ = area.set_selection_range(offset, offset);
    let view = editor_window::scroller(area);
    let top = (f64::from(line.saturating_sub(1)) * LINE_HEIGHT
        - f64::from(view.client_height()) / 3.0)
        .max(0.0);
    view.set_scroll_top(top as i32);
}
