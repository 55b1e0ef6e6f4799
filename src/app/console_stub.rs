//! The console's place in the page: its pane drawn at once (its input read-only), and the
//! console's module (`app::console`) loaded on first use — a focus or a press in the pane —
//! or shortly after the page has settled. The page applies what the console sends
//! (`bridge::Message`): a new text (as an edit: the view choices stay), a flow to highlight, a
//! switch to the Policies view.

use super::console_bridge::{receive, send, set_opened};
use super::console_html::PANE;
use super::state::{use_ui, FlowWords};
use super::tab::Tab;
use crate::bridge::{Flow, Message, SCRIPT, TO_PAGE};
use leptos::html::Section;
use leptos::prelude::*;
use std::time::Duration;

/// How long after the page starts the console loads anyway, so that it is ready when wanted.
const IDLE_LOAD: Duration = Duration::from_millis(1500);

/// Adds the console's module to the page, once (it starts itself).
fn load() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("console-script").is_some() {
        return;
    }
    let Ok(script) = doc.create_element("script") else {
        return;
    };
    script.set_id("console-script");
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", SCRIPT);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&script);
    }
}

/// `<section aria-label="kubectl">`, filled by the console's module once it has loaded.
#[component]
pub fn ConsolePane() -> impl IntoView {
    let ui = use_ui();
    let host = NodeRef::<Section>::new();
    set_timeout(load, IDLE_LOAD);
    // What the console sends.
    let chosen = move |Flow { from, to, port }: Flow| ui.flow.set(FlowWords { from, to, port });
    let _ = window_event_listener_untyped(TO_PAGE, move |ev| match receive(&ev) {
        Some(Message::Text(text)) => ui.edit_text(text),
        Some(Message::Flow(flow)) => chosen(flow),
        Some(Message::ShowFlow(flow)) => {
            chosen(flow);
            ui.tab.set(Tab::Policies);
        }
        Some(Message::TextChanged) | None => {}
    });
    // The opened files, for `-f`.
    Effect::new(move |_| ui.opened.with(|files| set_opened(files)));
    // The text changed: the console's list of ways follows.
    Effect::new(move |_| {
        ui.text.track();
        send(&Message::TextChanged);
    });
    view! {
        <section
            class="console"
            aria-label="kubectl"
            data-testid="console"
            node_ref=host
            inner_html=PANE
            on:focusin=|_| load()
            on:pointerdown=|_| load()
        ></section>
    }
}
