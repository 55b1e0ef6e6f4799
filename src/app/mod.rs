//! The page (wasm32 only): a Leptos client-side app over the same core as the CLI.
//!
//! One source of truth, the text (`state::Ui::text`); everything shown is a memo derived from
//! it and the view choices (`derived.rs`); one component per file; browser services in
//! `browser.rs`, `storage.rs`, `files.rs`. The pure logic the components call lives in
//! `crate::logic`, built and tested natively. See `ARCHITECTURE.md`.

/// The analysis worker's module (its own wasm, `reachmap-worker`).
pub mod analysis_worker;
mod banners;
mod browser;
mod compare;
/// The console's module (its own wasm, `reachmap-console`).
pub mod console;
mod console_bridge;
mod console_html;
mod console_stub;
mod derived;
mod diagnostics_list;
mod diagram;
mod diagram_toolbar;
mod editor;
mod editor_undo;
mod editor_wide;
mod editor_window;
mod example_picker;
mod examples;
mod explanation;
mod export_buttons;
mod files;
mod flow_picker;
mod header;
mod matrix_view;
mod open_files;
mod page;
mod panic;
mod scene_svg;
mod selection_panel;
mod state;
mod storage;
mod tabs;
mod zoom;

// The pure modules, named here as the components know them (`super::tab::Tab`).
use crate::logic::{fragment, tab, text_pos, text_window, wide_selection};

pub use page::App;

/// Starts the page: the panic hook first, then the app in `<div id="app">` (or the body).
pub fn start() {
    panic::install();
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    match root {
        Some(root) => leptos::mount::mount_to(root, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}
