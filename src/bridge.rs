//! What the page and the console's module say to each other. The console (`app/console.rs`,
//! with the whole kubectl interpreter) is its own wasm, `reachmap-console`, loaded only when
//! the console is first used, so the page's first download stays small; the two talk through
//! DOM events on `window`, each carrying one `Message` as its detail (`encode`, `decode`: an
//! array of strings, the message's kind first). Plain data, tested natively; the events
//! themselves are `app/console_bridge.rs`.
//!
//! The console finds the manifests in the editor (`EDITOR_ID`), and the files the person
//! opened on `window` (`OPENED`): the page keeps them there rather than sending them, since
//! the console's module may load long after they were opened.

use reachmap_core::parse::Input;

/// The event that carries a message to the page.
pub const TO_PAGE: &str = "reachmap-console";
/// The event that carries a message to the console.
pub const TO_CONSOLE: &str = "reachmap-text";
/// Where the page puts the opened files (`encode_files`), for `kubectl create -f`.
pub const OPENED: &str = "reachmapOpened";
/// The module that starts the console, next to the page (trunk writes it: index.html).
pub const SCRIPT: &str = "./reachmap-console_loader.js";
/// The editor's `id`: the console reads the manifests from it.
pub const EDITOR_ID: &str = "editor";
/// The property of the editor's element that holds the whole text (its value may hold only a
/// window of a large one).
pub const EDITOR_TEXT: &str = "reachmapText";

/// A flow, in the words `FlowQuery::parse` reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    pub from: String,
    pub to: String,
    /// `PROTOCOL/PORT`, empty for a Service port.
    pub port: String,
}

/// One message between the page and the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// To the page: a command changed the manifests; this is the new text (the page takes it
    /// as an edit, so the view choices stay).
    Text(String),
    /// To the page: a command tried this flow (`wget`, `curl`): it becomes the chosen flow,
    /// highlighted and explained.
    Flow(Flow),
    /// To the page: the same, and the Policies view shown (a log entry's button).
    ShowFlow(Flow),
    /// To the console: the text changed otherwise (an edit, an example), so its ways to reach
    /// a Service follow.
    TextChanged,
}

impl Message {
    /// The event that carries it.
    pub fn event(&self) -> &'static str {
        match self {
            Message::TextChanged => TO_CONSOLE,
            _ => TO_PAGE,
        }
    }

    /// The event's detail: the kind, then the fields in order.
    pub fn encode(&self) -> Vec<String> {
        let flow =
            |kind: &str, f: &Flow| vec![kind.into(), f.from.clone(), f.to.clone(), f.port.clone()];
        match self {
            Message::Text(text) => vec!["text".into(), text.clone()],
            Message::Flow(f) => flow("flow", f),
            Message::ShowFlow(f) => flow("show", f),
            Message::TextChanged => vec!["text-changed".into()],
        }
    }

    /// A message from an event's detail; `None` for anything `encode` does not write.
    pub fn decode(fields: &[String]) -> Option<Message> {
        let flow = |from: &String, to: &String, port: &String| Flow {
            from: from.clone(),
            to: to.clone(),
            port: port.clone(),
        };
        match fields {
            [kind, text] if kind == "text" => Some(Message::Text(text.clone())),
            [kind, from, to, port] if kind == "flow" => Some(Message::Flow(flow(from, to, port))),
            [kind, from, to, port] if kind == "show" => {
                Some(Message::ShowFlow(flow(from, to, port)))
            }
            [kind] if kind == "text-changed" => Some(Message::TextChanged),
            _ => None,
        }
    }
}

/// The opened files as `OPENED` holds them: name, text, name, text…
pub fn encode_files(files: &[Input]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| [f.name.clone(), f.text.clone()])
        .collect()
}

/// The files `encode_files` wrote (a name without its text is dropped).
pub fn decode_files(fields: &[String]) -> Vec<Input> {
    fields
        .chunks_exact(2)
        .map(|pair| Input {
            name: pair[0].clone(),
            text: pair[1].clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        Flow {
            from: "default/busybox".into(),
            to: "default/nginx:80".into(),
            port: String::new(),
        }
    }

    #[test]
    fn every_message_round_trips() {
        for m in [
            Message::Text("kind: Pod\n---\n".into()),
            Message::Text(String::new()),
            Message::Flow(flow()),
            Message::ShowFlow(Flow {
                port: "TCP/80".into(),
                ..flow()
            }),
            Message::TextChanged,
        ] {
            assert_eq!(Message::decode(&m.encode()), Some(m.clone()), "{m:?}");
        }
    }

    #[test]
    fn each_goes_one_way() {
        assert_eq!(Message::TextChanged.event(), TO_CONSOLE);
        assert_eq!(Message::Flow(flow()).event(), TO_PAGE);
        assert_eq!(Message::Text("x".into()).event(), TO_PAGE);
    }

    #[test]
    fn anything_else_is_no_message() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Message::decode(&[]), None);
        assert_eq!(Message::decode(&words(&["text"])), None);
        assert_eq!(Message::decode(&words(&["flow", "a", "b"])), None);
        assert_eq!(Message::decode(&words(&["show", "a", "b", "c", "d"])), None);
        assert_eq!(Message::decode(&words(&["frob", "x"])), None);
    }

    #[test]
    fn opened_files_round_trip() {
        let files = vec![
            Input {
                name: "a.yaml".into(),
                text: "kind: Pod\n".into(),
            },
            Input {
                name: "b.yaml".into(),
                text: String::new(),
            },
        ];
        assert_eq!(decode_files(&encode_files(&files)), files);
        assert!(decode_files(&["lonely.yaml".to_string()]).is_empty());
    }
}
