//! The console: a simulated `kubectl` over the manifests (`crate::kubectl`), one command per
//! line, with history (Up/Down), completion (Tab) and `\\` continuations. The pane is thin: it
//! sends each line with the text to the console's worker (`console_client`, which runs
//! `kubectl::run`), writes the new text back (so the editor and the diagrams follow), and
//! shows the output. Lines run one at a time, in order. A flow a command tried (`wget`,
//! `curl`) becomes the page's chosen flow, highlighted in the Policies view with its
//! explanation.

use super::console_client::{ask, warm};
use super::explanation::verdict_mark;
use super::reach_list::ReachList;
use super::state::{use_ui, FlowWords, Ui};
use super::tab::Tab;
use crate::kubectl::wire::{decode_completions, decode_outcome, Request};
use crate::kubectl::{words::continues, Outcome, Session, Tried};
use leptos::ev::KeyboardEvent;
use leptos::html::{Div, Input as InputElement};
use leptos::prelude::*;
use std::collections::VecDeque;

/// The most entries the log keeps (older ones scroll away, as in a terminal).
const MAX_ENTRIES: usize = 200;
/// The most commands the history keeps.
const MAX_HISTORY: usize = 500;

/// One command and what it printed.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: u64,
    prompt: &'static str,
    line: String,
    output: String,
    ok: bool,
    yaml: Option<String>,
    tried: Option<Tried>,
}

/// The console's own state (the text stays in `Ui`).
#[derive(Clone, Copy)]
pub struct Console {
    session: RwSignal<Session>,
    log: RwSignal<Vec<Entry>>,
    next_id: StoredValue<u64>,
    history: StoredValue<Vec<String>>,
    /// Where Up/Down is in the history (`None`: at the new line).
    cursor: StoredValue<Option<usize>>,
    /// The lines of a command continued with `\\`.
    pending: RwSignal<String>,
    /// Completions offered for the last Tab.
    offered: RwSignal<Vec<String>>,
    input: NodeRef<InputElement>,
    log_box: NodeRef<Div>,
    /// Lines waiting to run, and whether one is running.
    queue: StoredValue<VecDeque<String>>,
    pub busy: RwSignal<bool>,
}

impl Console {
    fn new() -> Console {
        Console {
            session: RwSignal::new(Session::default()),
            log: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            history: StoredValue::new(Vec::new()),
            cursor: StoredValue::new(None),
            pending: RwSignal::new(String::new()),
            offered: RwSignal::new(Vec::new()),
            input: NodeRef::new(),
            log_box: NodeRef::new(),
            queue: StoredValue::new(VecDeque::new()),
            busy: RwSignal::new(false),
        }
    }

    /// The session, tracked: what depends on it (the ways to reach a Service) follows it.
    pub fn session_now(&self) -> Session {
        self.session.get()
    }

    /// Runs command lines as if typed, one after the other, after any still running.
    pub fn execute(&self, ui: Ui, lines: impl IntoIterator<Item = String>) {
        self.queue.update_value(|q| q.extend(lines));
        if !self.busy.get_untracked() {
            self.next(ui);
        }
    }

    /// Runs the next waiting line, if any.
    fn next(&self, ui: Ui) {
        let Some(line) = self.queue.try_update_value(|q| q.pop_front()).flatten() else {
            self.busy.set(false);
            return;
        };
        if line.trim() == "clear" {
            self.log.set(Vec::new());
            return self.next(ui);
        }
        self.busy.set(true);
        self.send(ui, line, 0);
    }

    /// Sends one line with the current text; when the answer comes back after the text was
    /// edited, a command that changes the text runs again on the new text, so no edit is lost.
    fn send(&self, ui: Ui, line: String, attempt: u32) {
        let console = *self;
        let text = ui.text.get_untracked();
        let prompt = self.session.with_untracked(Session::prompt);
        let request = Request::Run {
            text: text.clone(),
            line: line.clone(),
            session: self.session.get_untracked(),
            files: ui.opened.get_untracked(),
        };
        ask(&request, move |answer| {
            let outcome = match answer.map(|fields| decode_outcome(&fields)) {
                Ok(Some(o)) => o,
                Ok(None) => Outcome::fail(
                    &Session::default(),
                    "the console's worker gave an answer it could not read",
                ),
                Err(e) => Outcome::fail(&console.session.get_untracked(), format!("reachmap: {e}")),
            };
            let edited = ui.text.with_untracked(|now| *now != text);
            if outcome.text.is_some() && edited && attempt < 3 {
                return console.send(ui, line, attempt + 1);
            }
            console.show(ui, prompt, line, outcome);
            console.next(ui);
        });
    }

    /// Applies what a command did and adds it to the log.
    fn show(&self, ui: Ui, prompt: &'static str, line: String, outcome: Outcome) {
        if let Some(new_text) = outcome.text {
            ui.edit_text(new_text);
        }
        if let Some(t) = &outcome.tried {
            ui.flow.set(flow_words(t));
        }
        self.session.set(outcome.session);
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let entry = Entry {
            id,
            prompt,
            line,
            output: outcome.output,
            ok: outcome.ok,
            yaml: outcome.yaml,
            tried: outcome.tried,
        };
        self.log.update(|log| {
            log.push(entry);
            if log.len() > MAX_ENTRIES {
                log.drain(..log.len() - MAX_ENTRIES);
            }
        });
        let log_box = self.log_box;
        request_animation_frame(move || {
            if let Some(el) = log_box.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    /// Enter: runs the line (or keeps it, when it ends in `\\`), and remembers it.
    fn submit(&self, ui: Ui, typed: String) {
        self.offered.set(Vec::new());
        if continues(&typed) {
            self.pending.update(|p| {
                p.push_str(&typed);
                p.push('\n');
            });
            return;
        }
        let line = format!("{}{typed}", self.pending.get_untracked());
        self.pending.set(String::new());
        if !line.trim().is_empty() {
            self.history.update_value(|h| {
                if h.last() != Some(&line) {
                    h.push(line.clone());
                }
                if h.len() > MAX_HISTORY {
                    h.remove(0);
                }
            });
        }
        self.cursor.set_value(None);
        self.execute(ui, [line]);
    }

    /// Up/Down: the previous or next command of the history.
    fn recall(&self, older: bool) -> Option<String> {
        let history = self.history.get_value();
        if history.is_empty() {
            return None;
        }
        let next = match (self.cursor.get_value(), older) {
            (None, true) => Some(history.len() - 1),
            (None, false) => return None,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.cursor.set_value(next);
        Some(next.map(|i| history[i].clone()).unwrap_or_default())
    }

    /// Tab: asks for the candidates; when they come and the line is still the same, completes
    /// their common prefix (one candidate: the whole word and a space); several are listed.
    fn complete(&self, ui: Ui, line: String) {
        let console = *self;
        let request = Request::Complete {
            text: ui.text.get_untracked(),
            line: line.clone(),
            session: self.session.get_untracked(),
        };
        ask(&request, move |answer| {
            let Ok(fields) = answer else { return };
            let candidates = decode_completions(&fields);
            let Some(input) = console.input.get_untracked() else {
                return;
            };
            if input.value() != line {
                return;
            }
            console.offered.set(if candidates.len() > 1 {
                candidates.clone()
            } else {
                Vec::new()
            });
            if let Some(done) = completed(&line, &candidates) {
                input.set_value(&done);
            }
        });
    }
}

/// The line with its last word completed from `candidates`, if that adds anything.
fn completed(line: &str, candidates: &[String]) -> Option<String> {
    let typed = if line.ends_with(char::is_whitespace) {
        ""
    } else {
        line.rsplit(char::is_whitespace).next().unwrap_or("")
    };
    let common = common_prefix(candidates);
    let whole = candidates.len() == 1;
    if common.len() <= typed.len() && !whole {
        return None;
    }
    let mut out = line[..line.len() - typed.len()].to_string();
    out.push_str(&common);
    if whole {
        out.push(' ');
    }
    Some(out)
}

/// The flow words the page's flow picker reads.
fn flow_words(t: &Tried) -> FlowWords {
    FlowWords {
        from: t.from.clone(),
        to: t.to.clone(),
        port: t.port.clone(),
    }
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for w in &words[1..] {
        end = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

/// The console's state, for the components inside it.
pub fn use_console() -> Console {
    expect_context::<Console>()
}

/// `<section aria-label="kubectl">`: the log, the prompt and the ways to reach a Service.
#[component]
pub fn ConsolePane() -> impl IntoView {
    let ui = use_ui();
    let console = Console::new();
    provide_context(console);
    let on_keydown = move |ev: KeyboardEvent| {
        let Some(input) = console.input.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                let typed = input.value();
                input.set_value("");
                console.submit(ui, typed);
            }
            "ArrowUp" | "ArrowDown" => {
                if let Some(line) = console.recall(ev.key() == "ArrowUp") {
                    ev.prevent_default();
                    input.set_value(&line);
                }
            }
            // Tab completes only when there is something to complete, so that keyboard users
            // still leave the field with Tab.
            "Tab" if !ev.shift_key() && !input.value().trim().is_empty() => {
                ev.prevent_default();
                console.complete(ui, input.value());
            }
            _ => {}
        }
    };
    let prompt = move || {
        if console.pending.with(String::is_empty) {
            console.session.with(Session::prompt)
        } else {
            "> "
        }
    };
    view! {
        <section class="console" aria-label="kubectl" data-testid="console">
            <div class="console-head">
                <h2 class="panel-title">"kubectl"</h2>
                <span class="muted console-note">
                    "A simulated one-node cluster (minikube, 192.168.64.2): cluster IPs, pod names and IPs, nodePorts and ages are assigned by Reachmap. Try "
                    <code>"help"</code>
                    "."
                </span>
            </div>
            <div class="console-log" node_ref=console.log_box role="log" aria-label="kubectl output" aria-busy=move || console.busy.get().to_string() data-testid="console-log">
                <For each=move || console.log.get() key=|e| e.id let:entry>
                    <ConsoleEntry entry=entry/>
                </For>
            </div>
            {move || {
                let offered = console.offered.get();
                (!offered.is_empty())
                    .then(|| view! { <p class="console-offered" data-testid="console-completions">{offered.join("  ")}</p> })
            }}
            <div class="console-input">
                <label for="console-line" class="console-prompt">{prompt}</label>
                <input
                    id="console-line"
                    node_ref=console.input
                    type="text"
                    aria-label="kubectl command"
                    data-testid="console-input"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    placeholder="kubectl get pods"
                    on:keydown=on_keydown
                    on:focus=|_| warm()
                />
            </div>
            <ReachList/>
        </section>
    }
}

/// One command of the log: what was typed, what it printed, the YAML it wrote, and the flow it
/// tried.
#[component]
fn ConsoleEntry(entry: Entry) -> impl IntoView {
    let ui = use_ui();
    let out_class = if entry.ok {
        "console-out"
    } else {
        "console-out failed"
    };
    let tried = entry.tried.clone().map(|t| {
        let (icon, word) = verdict_mark(t.verdict);
        let words = flow_words(&t);
        view! {
            <button
                type="button"
                class=format!("console-flow {word}")
                on:click=move |_| {
                    ui.flow.set(words.clone());
                    ui.tab.set(Tab::Policies);
                }
            >
                <span aria-hidden="true">{icon}</span>
                {format!(" {word}: show {} → {} in the Policies view", t.from, t.to)}
            </button>
        }
    });
    let yaml = entry.yaml.clone().map(|y| {
        view! {
            <details class="console-yaml">
                <summary>"YAML written to the manifests"</summary>
                <pre>{y}</pre>
            </details>
        }
    });
    view! {
        <div class="console-entry" data-testid="console-entry">
            <pre class="console-cmd"><span class="console-prompt">{entry.prompt}</span>{entry.line}</pre>
            {(!entry.output.is_empty()).then(|| view! { <pre class=out_class data-testid="console-output">{entry.output}</pre> })}
            {yaml}
            {tried}
        </div>
    }
}
