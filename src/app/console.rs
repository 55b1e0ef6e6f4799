//! The console's module (the `reachmap-console` wasm, loaded on first use: `console_stub.rs`):
//! a simulated `kubectl` over the manifests, one command per line, with history (Up/Down),
//! completion (Tab) and `\` continuations: one `reachmap_kubectl::Console`, given the editor's
//! text before each use, runs the commands; a new text goes back to the page (so the editor
//! and the diagrams follow), and the output to the log. A flow a command tried (`wget`, `curl`) becomes the page's chosen
//! flow, highlighted in the Policies view with its explanation.
//!
//! The pane is the HTML the page drew (`console_html::PANE`); this module fills its log, which
//! only ever grows like a terminal's, and listens to it. No Leptos here: the console's code
//! stays out of the page's first download (issue 3 budgets 400 KB gzipped).

use super::console_bridge::{opened, receive, send};
use super::console_html;
use crate::bridge::{Flow, Message, EDITOR_ID, EDITOR_TEXT, TO_CONSOLE};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use reachmap_core::parse::Input;
use reachmap_kubectl::files::bundled;
use reachmap_kubectl::{Console, Tried};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Element, Event, HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, KeyboardEvent,
};

/// The most entries the log keeps (older ones scroll away, as in a terminal).
const MAX_ENTRIES: usize = 200;
/// How long typing must pause before the ways to reach a Service follow an edit.
const REFRESH_DELAY_MS: u32 = 300;

/// What the console keeps.
struct State {
    /// The text (the editor's, as of the last use), the session, the history; and the text's
    /// analysis, kept until the text changes.
    console: Console,
    /// The flows the log's entries tried, by entry id (for their buttons).
    tried: VecDeque<(u64, Tried)>,
    next_id: u64,
    /// The ways to reach a Service: shown (the list is open), the Service chosen, the plans.
    reach_open: bool,
    reach_chosen: String,
    reach_plans: Vec<Vec<String>>,
    /// Edits seen, so that only the last of a burst redraws the ways.
    refreshes: u64,
}

/// The pane and what the console keeps.
#[derive(Clone)]
struct Pane {
    host: Element,
    state: Rc<RefCell<State>>,
}

/// Starts the console in the page's pane (`section.console`), once.
pub fn start() {
    let Some(host) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("section.console").ok().flatten())
    else {
        return;
    };
    if host.get_attribute("data-ready").is_some() {
        return;
    }
    let console = Pane {
        host: host.clone(),
        state: Rc::new(RefCell::new(State {
            console: Console::new("", Vec::new()),
            tried: VecDeque::new(),
            next_id: 0,
            reach_open: false,
            reach_chosen: String::new(),
            reach_plans: Vec::new(),
            refreshes: 0,
        })),
    };
    // The pane's listeners live as long as the page.
    let listen = |event: &'static str, options: EventListenerOptions, on: fn(&Pane, &Event)| {
        let c = console.clone();
        EventListener::new_with_options(&host, event, options, move |ev| on(&c, ev)).forget();
    };
    // Keys may be taken from the browser (Enter, Tab, Up, Down): not a passive listener.
    listen(
        "keydown",
        EventListenerOptions::enable_prevent_default(),
        Pane::keydown,
    );
    listen("click", EventListenerOptions::default(), Pane::clicked);
    listen("change", EventListenerOptions::default(), Pane::changed);
    // `toggle` does not bubble: listened to while capturing.
    listen(
        "toggle",
        EventListenerOptions::run_in_capture_phase(),
        Pane::toggled,
    );
    // An edit: the ways follow once typing pauses (reading a large text on every key would slow
    // the editor).
    if let Some(w) = web_sys::window() {
        let c = console.clone();
        EventListener::new(&w, TO_CONSOLE, move |ev| {
            if receive(ev) == Some(Message::TextChanged) {
                c.refresh_later();
            }
        })
        .forget();
    }
    if let Some(input) = console.part::<HtmlInputElement>("console-line") {
        input.set_read_only(false);
        input.set_placeholder("kubectl get pods");
    }
    let _ = host.set_attribute("data-ready", "");
    console.refresh_reach();
}

/// A flow a command tried, as the page takes it.
fn flow(t: &Tried) -> Flow {
    Flow {
        from: t.from.clone(),
        to: t.to.clone(),
        port: t.port.clone(),
    }
}

/// The closest element matching `selector` where an event happened.
fn closest(ev: &Event, selector: &str) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

impl Pane {
    /// A part of the pane, by its class.
    fn part<T: JsCast>(&self, class: &str) -> Option<T> {
        self.host
            .query_selector(&format!(".{class}"))
            .ok()
            .flatten()?
            .dyn_into::<T>()
            .ok()
    }

    /// The manifests: the editor's text.
    fn editor_text() -> String {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(EDITOR_ID))
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
            .map(|t| {
                // The whole text: the textarea's value may be a window of a large one.
                js_sys::Reflect::get(&t, &JsValue::from_str(EDITOR_TEXT))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_else(|| t.value())
            })
            .unwrap_or_default()
    }

    /// The console, given the editor's text and the files `-f` may name.
    fn console(&self) -> std::cell::RefMut<'_, Console> {
        let mut state = self.state.borrow_mut();
        state.console.set_text(&Self::editor_text());
        state.console.set_files(Self::files());
        std::cell::RefMut::map(state, |s| &mut s.console)
    }

    /// The files `-f` can name: the ones the person opened, then the bundled examples.
    fn files() -> Vec<Input> {
        let mut files = opened();
        files.extend(bundled());
        files
    }

    /// A key in the pane: only the command line's count.
    fn keydown(&self, ev: &Event) {
        if let Some(k) = ev.dyn_ref::<KeyboardEvent>() {
            if closest(ev, "input.console-line").is_some() {
                self.key(k);
            }
        }
    }

    /// Another Service chosen in the ways' picker.
    fn changed(&self, ev: &Event) {
        if let Some(s) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        {
            self.state.borrow_mut().reach_chosen = s.value();
            self.refresh_reach();
        }
    }

    /// The ways' list opened or closed.
    fn toggled(&self, ev: &Event) {
        if let Some(d) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlDetailsElement>().ok())
        {
            self.state.borrow_mut().reach_open = d.open();
            self.refresh_reach();
        }
    }

    /// Keys in the command line: Enter runs, Up/Down recall, Tab completes.
    fn key(&self, ev: &KeyboardEvent) {
        let Some(input) = self.part::<HtmlInputElement>("console-line") else {
            return;
        };
        match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                let typed = input.value();
                input.set_value("");
                self.offer(&[]);
                let line = self.state.borrow_mut().console.enter(&typed);
                match line {
                    Some(line) => self.execute(&[line]),
                    None => self.show_prompt(),
                }
            }
            "ArrowUp" | "ArrowDown" => {
                let line = self
                    .state
                    .borrow_mut()
                    .console
                    .recall(ev.key() == "ArrowUp");
                if let Some(line) = line {
                    ev.prevent_default();
                    input.set_value(&line);
                }
            }
            // Tab completes only when there is something to complete, so that keyboard users
            // still leave the field with Tab.
            "Tab" if !ev.shift_key() && !input.value().trim().is_empty() => {
                ev.prevent_default();
                let tab = self.console().complete(&input.value());
                self.offer(if tab.candidates.len() > 1 {
                    &tab.candidates
                } else {
                    &[]
                });
                if let Some(done) = tab.line {
                    input.set_value(&done);
                }
            }
            _ => {}
        }
    }

    /// Runs command lines as if typed, in order, and shows each.
    fn execute(&self, lines: &[String]) {
        for line in lines {
            if line.trim() == "clear" {
                if let Some(log) = self.part::<Element>("console-log") {
                    log.set_inner_html("");
                }
                self.state.borrow_mut().tried.clear();
                continue;
            }
            let (prompt, outcome) = {
                let mut console = self.console();
                let prompt = console.session().prompt();
                (prompt, console.run(line))
            };
            if let Some(new) = &outcome.text {
                send(&Message::Text(new.clone()));
            }
            if let Some(t) = &outcome.tried {
                send(&Message::Flow(flow(t)));
            }
            let html = {
                let mut state = self.state.borrow_mut();
                let id = state.next_id;
                state.next_id += 1;
                if let Some(t) = outcome.tried.clone() {
                    state.tried.push_back((id, t));
                    if state.tried.len() > MAX_ENTRIES {
                        state.tried.pop_front();
                    }
                }
                console_html::entry(id, prompt, line, &outcome)
            };
            if let Some(log) = self.part::<Element>("console-log") {
                let _ = log.insert_adjacent_html("beforeend", &html);
                while log.child_element_count() as usize > MAX_ENTRIES {
                    if let Some(first) = log.first_element_child() {
                        first.remove();
                    }
                }
                log.set_scroll_top(log.scroll_height());
            }
        }
        self.show_prompt();
        self.refresh_reach();
    }

    /// The prompt shows where the next line goes: `$ `, `/ # ` in a pod, `> ` after a `\`.
    fn show_prompt(&self) {
        let prompt = self.state.borrow().console.prompt();
        if let Some(label) = self.part::<HtmlElement>("console-prompt-now") {
            label.set_text_content(Some(prompt));
        }
    }

    /// Completions offered for the last Tab (none: hidden).
    fn offer(&self, words: &[String]) {
        if let Some(p) = self.part::<HtmlElement>("console-offered") {
            p.set_text_content(Some(&words.join("  ")));
            p.set_hidden(words.is_empty());
        }
    }

    /// A click: an entry's flow button shows its flow in the Policies view; a way's Try button
    /// types its commands.
    fn clicked(&self, ev: &Event) {
        let attr = |selector: &str, name: &str| {
            closest(ev, selector)
                .and_then(|b| b.get_attribute(name))
                .and_then(|v| v.parse::<u64>().ok())
        };
        if let Some(id) = attr("button[data-entry]", "data-entry") {
            let tried = self
                .state
                .borrow()
                .tried
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, t)| t.clone());
            if let Some(t) = tried {
                send(&Message::ShowFlow(flow(&t)));
            }
        } else if let Some(i) = attr("button[data-way]", "data-way") {
            let plan = self.state.borrow().reach_plans.get(i as usize).cloned();
            if let Some(plan) = plan {
                self.execute(&plan);
            }
        }
    }

    /// Redraws the ways after `REFRESH_DELAY_MS` without another call.
    fn refresh_later(&self) {
        let generation = {
            let mut state = self.state.borrow_mut();
            state.refreshes += 1;
            state.refreshes
        };
        let c = self.clone();
        Timeout::new(REFRESH_DELAY_MS, move || {
            if c.state.borrow().refreshes == generation {
                c.refresh_reach();
            }
        })
        .forget();
    }

    /// Redraws the ways to reach a Service, while the list is open (closed, it costs nothing:
    /// the page sends an event on every edit).
    fn refresh_reach(&self) {
        let (chosen, open) = {
            let state = self.state.borrow();
            (state.reach_chosen.clone(), state.reach_open)
        };
        if !open {
            return;
        }
        let list = self.console().services();
        let current = Some(chosen)
            .filter(|k| list.contains(k))
            .or_else(|| list.first().cloned());
        if let Some(select) = self.part::<HtmlSelectElement>("reach-service") {
            select.set_inner_html(&console_html::options(&list, current.as_deref()));
        }
        if let Some(pick) = self.part::<HtmlElement>("reach-pick") {
            pick.set_hidden(list.is_empty());
        }
        if let Some(none) = self.part::<HtmlElement>("reach-none") {
            none.set_hidden(!list.is_empty());
        }
        let index = current.and_then(|k| list.iter().position(|s| *s == k));
        let shown = index
            .map(|i| self.state.borrow_mut().console.ways(i))
            .unwrap_or_default();
        if let Some(ul) = self.part::<Element>("ways") {
            ul.set_inner_html(&console_html::ways(&shown));
        }
        let mut state = self.state.borrow_mut();
        let plans = shown
            .iter()
            .map(|w| w.plan(state.console.session()))
            .collect();
        state.reach_plans = plans;
    }
}
