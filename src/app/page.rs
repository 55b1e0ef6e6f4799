//! The page: where its state comes from on load, what it keeps, and its layout.

use super::banners::Banners;
use super::browser::clear_fragment;
use super::compare::{ChangedFlows, CompareBar};
use super::console_stub::ConsolePane;
use super::derived::Derived;
use super::diagnostics_list::DiagnosticsList;
use super::diagram::Diagram;
use super::diagram_toolbar::{NamespaceFilter, PortSelect};
use super::editor::Editor;
use super::examples;
use super::explanation::Explanation;
use super::files;
use super::flow_picker::FlowPicker;
use super::fragment;
use super::header::Header;
use super::matrix_view::MatrixView;
use super::selection_panel::SelectionPanel;
use super::state::{kept_now, FlowWords, Kept, Ui};
use super::storage;
use super::tab::Tab;
use super::tabs::{ViewTabs, PANEL_ID};
use leptos::ev;
use leptos::prelude::*;

/// The fragment that asks for a deliberate panic (see `App`).
const PANIC_TEST: &str = "#reachmap-panic-test";

/// Where the first text comes from: a share link in the address (read once, then removed from
/// the address so a reload keeps later edits), else the text kept by the last visit, else the
/// default example.
struct Start {
    text: String,
    tab: Tab,
    share_error: Option<String>,
    /// The flow and selection a share link carries.
    flow: FlowWords,
    selection: Option<String>,
    /// Compare mode's text kept as before: a share link's, else the last visit's.
    before: Option<Kept>,
}

fn start() -> Start {
    let hash = window().location().hash().unwrap_or_default();
    let shared = fragment::read(&hash);
    if shared.is_some() {
        clear_fragment();
    }
    let kept = storage::load_text();
    let kept_tab = storage::load_tab().and_then(|k| Tab::from_key(&k));
    let kept_before = storage::load_before();
    match shared {
        Some(fragment::Shared {
            text: Ok(text),
            tab,
            flow,
            selection,
            before,
        }) => Start {
            text,
            tab: tab.or(kept_tab).unwrap_or(Tab::Services),
            share_error: before.as_ref().and_then(|b| b.clone().err()),
            flow,
            selection,
            before: before.and_then(Result::ok).map(kept_now),
        },
        other => {
            let share_error = other.and_then(|s| s.text.err());
            let first_visit = kept.is_none();
            let text = kept.unwrap_or_else(|| {
                examples::by_id(examples::DEFAULT)
                    .map(|e| e.text.to_string())
                    .unwrap_or_default()
            });
            // The default example is about policies: show them first.
            let tab = kept_tab.unwrap_or(if first_visit {
                Tab::Policies
            } else {
                Tab::Services
            });
            Start {
                text,
                tab,
                share_error,
                flow: FlowWords::default(),
                selection: None,
                before: kept_before,
            }
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let Start {
        text,
        tab,
        share_error,
        flow,
        selection,
        before,
    } = start();
    super::panic::remember_first_text(&text);
    let ui = Ui::new(text, tab);
    ui.notices.share_error.set(share_error);
    ui.flow.set(flow);
    ui.selection.set(selection);
    ui.before.set(before);
    provide_context(ui);
    provide_context(Derived::new(ui));

    // The text is kept on every change; the note says so when it cannot be.
    Effect::new(move |_| {
        let kept = ui.text.with(|t| storage::save_text(t));
        ui.notices.storage_failed.set(!kept);
    });
    Effect::new(move |_| storage::save_tab(ui.tab.get().key()));
    // Compare mode survives a reload: the text kept as before is kept too.
    Effect::new(move |_| {
        if !ui.before.with(|b| storage::save_before(b.as_ref())) {
            ui.notices.storage_failed.set(true);
        }
    });

    // The end-to-end tests check that a panic loses no text; no input makes the core panic,
    // so this address makes the page panic on the first edit, on purpose.
    if window().location().hash().as_deref() == Ok(PANIC_TEST) {
        Effect::new(move |first: Option<()>| {
            ui.text.track();
            if first.is_some() {
                panic!("deliberate panic ({PANIC_TEST})");
            }
        });
    }

    // A share link pasted into the address bar of the open page.
    let _ = window_event_listener(ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        if let Some(shared) = fragment::read(&hash) {
            clear_fragment();
            match shared.text {
                Ok(text) => {
                    ui.notices.share_error.set(None);
                    ui.replace_text(text);
                    if let Some(tab) = shared.tab {
                        ui.tab.set(tab);
                    }
                    ui.flow.set(shared.flow);
                    ui.selection.set(shared.selection);
                    match shared.before {
                        Some(Ok(b)) => ui.before.set(Some(kept_now(b))),
                        Some(Err(e)) => ui.notices.share_error.set(Some(e)),
                        None => ui.stop_comparing(),
                    }
                }
                Err(e) => ui.notices.share_error.set(Some(e)),
            }
        }
    });
    // Escape anywhere but in a field (where it belongs to the field): back out of the last
    // choice made on the diagrams, the namespaces last opened, else the selection.
    let _ = window_event_listener(ev::keydown, move |ev| {
        if ev.key() != "Escape" || ev.default_prevented() || in_a_field(ev.target()) {
            return;
        }
        if ui.back_out() {
            ev.prevent_default();
        }
    });
    // Files dropped anywhere on the page replace the text.
    let _ = window_event_listener(ev::dragover, |ev| ev.prevent_default());
    let _ = window_event_listener(ev::drop, move |ev| {
        ev.prevent_default();
        files::load(
            ui,
            files::from_list(ev.data_transfer().and_then(|d| d.files())),
        );
    });

    let is_matrix = Memo::new(move |_| ui.tab.get() == Tab::Matrix);
    view! {
        <Banners/>
        <Header/>
        <main class="work">
            <section class="left" aria-label="Manifests, diagnostics and kubectl">
                <Editor/>
                <DiagnosticsList/>
                <ConsolePane/>
            </section>
            <section class="right" aria-label="Views">
                <ViewTabs/>
                <CompareBar/>
                <div
                    id=PANEL_ID
                    class="panel"
                    role="tabpanel"
                    aria-labelledby=move || format!("tab-{}", ui.tab.get().key())
                >
                    <Show
                        when=move || is_matrix.get()
                        fallback=|| view! { <Diagram/> }
                    >
                        <div class="toolbar" role="toolbar" aria-label="Matrix options">
                            <PortSelect/>
                            <NamespaceFilter/>
                        </div>
                        <MatrixView/>
                    </Show>
                </div>
                <div class="flow-area">
                    <FlowPicker/>
                    <ChangedFlows/>
                    <SelectionPanel/>
                    <Explanation/>
                </div>
            </section>
        </main>
    }
}

/// Whether an event comes from a text field or a select, whose own keys Escape may be.
fn in_a_field(target: Option<web_sys::EventTarget>) -> bool {
    use wasm_bindgen::JsCast;
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select"
            )
        })
}
