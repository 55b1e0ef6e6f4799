//! Line and column of every field of a document, by field path.
//!
//! serde_yaml gives values without positions, so a second, event-level pass over the same
//! text (yaml-rust2's parser, which never expands aliases) records where each node starts.

use crate::yaml::resolve::is_yaml11_only_boolean;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Formats a field path as Kubernetes does: `spec.ports[0].targetPort`, and
/// `metadata.labels["app.kubernetes.io/name"]` for keys that are not plain words.
pub fn format_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        push_step(&mut out, step);
    }
    out
}

/// Appends one step to a formatted path.
pub fn push_step(out: &mut String, step: &Step) {
    match step {
        Step::Index(i) => {
            out.push('[');
            out.push_str(&i.to_string());
            out.push(']');
        }
        Step::Key(k) => {
            let plain = !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if plain {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            } else {
                out.push('[');
                out.push_str(&format!("{k:?}"));
                out.push(']');
            }
        }
    }
}

/// Positions (1-based line within the document text, 1-based column) by formatted path.
#[derive(Clone, Debug, Default)]
pub struct Locator {
    positions: HashMap<String, (u32, u32)>,
    /// Paths of unquoted scalars that YAML 1.1 (kubectl's YAML) reads as booleans but YAML 1.2
    /// (serde_yaml) reads as strings: `yes`, `no`, `on`, `off`, `y`, `n`.
    yaml11_booleans: std::collections::HashSet<String>,
}

enum Frame {
    Map {
        key: Option<String>,
        expect_key: bool,
        /// The position of the key being read, for its value.
        key_at: (u32, u32),
        /// A block mapping's start event points past its first key, so a mapping that is a
        /// list item takes its position from its first key: the path waiting for it.
        pending: Option<String>,
    },
    Seq {
        index: usize,
    },
    /// A mapping or sequence used as a key: nothing inside it has a path.
    KeyNode,
}

impl Locator {
    /// Records the position of every node of the first document in `text`. A syntax error
    /// stops the pass; positions found before it are kept.
    pub fn new(text: &str) -> Locator {
        let mut positions = HashMap::new();
        let mut yaml11_booleans = std::collections::HashSet::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut path = String::new();
        // Path lengths to restore when a container closes.
        let mut path_marks: Vec<usize> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Ok((event, mark)) = parser.next_token() {
            let at = (mark.line() as u32, mark.col() as u32 + 1);
            let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
            match event {
                Event::StreamEnd | Event::DocumentEnd => break,
                Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..) => {
                    // Is this node a key of the enclosing mapping?
                    if let Some(Frame::Map {
                        key,
                        expect_key,
                        key_at,
                        pending,
                    }) = stack.last_mut()
                    {
                        if *expect_key {
                            *expect_key = false;
                            *key_at = at;
                            if let Some(p) = pending.take() {
                                positions.entry(p).or_insert(at);
                            }
                            match &event {
                                Event::Scalar(s, ..) => *key = Some(s.clone()),
                                _ => *key = None,
                            }
                            if opens {
                                stack.push(Frame::KeyNode);
                                path_marks.push(path.len());
                            }
                            continue;
                        }
                    }
                    let base = path.len();
                    let in_key_node = stack.iter().any(|f| matches!(f, Frame::KeyNode));
                    let mut pending = None;
                    let value_at = match stack.last() {
                        Some(Frame::Map {
                            key: Some(k),
                            key_at,
                            ..
                        }) => {
                            push_step(&mut path, &Step::Key(k.clone()));
                            Some(*key_at)
                        }
                        Some(Frame::Seq { index }) => {
                            push_step(&mut path, &Step::Index(*index));
                            if matches!(event, Event::MappingStart(..)) && !in_key_node {
                                pending = Some(path.clone());
                                None
                            } else {
                                Some(at)
                            }
                        }
                        None if matches!(event, Event::MappingStart(..)) => {
                            pending = Some(path.clone());
                            None
                        }
                        None => Some(at),
                        _ => None,
                    };
                    if let (Some(pos), false) = (value_at, in_key_node) {
                        positions.entry(path.clone()).or_insert(pos);
                    }
                    if let Event::Scalar(text, yaml_rust2::scanner::TScalarStyle::Plain, ..) =
                        &event
                    {
                        if !in_key_node && is_yaml11_only_boolean(text) {
                            yaml11_booleans.insert(path.clone());
                        }
                    }
                    if opens {
                        path_marks.push(base);
                        stack.push(match event {
                            Event::MappingStart(..) => Frame::Map {
                                key: None,
                                expect_key: true,
                                key_at: at,
                                pending,
                            },
                            _ => Frame::Seq { index: 0 },
                        });
                    } else {
                        path.truncate(base);
                        finish_value(&mut stack);
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    let frame = stack.pop();
                    if let Some(Frame::Map {
                        pending: Some(p),
                        key_at,
                        ..
                    }) = &frame
                    {
                        positions.entry(p.clone()).or_insert(*key_at);
                    }
                    let was_key = matches!(frame, Some(Frame::KeyNode));
                    if let Some(mark) = path_marks.pop() {
                        path.truncate(mark);
                    }
                    if !was_key {
                        finish_value(&mut stack);
                    }
                }
                _ => {}
            }
        }
        Locator {
            positions,
            yaml11_booleans,
        }
    }

    /// Whether the value at `path` is an unquoted `yes`/`no`/`on`/`off`/`y`/`n`.
    pub fn is_yaml11_boolean(&self, path: &str) -> bool {
        self.yaml11_booleans.contains(path)
    }

    /// The position of a path, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<(u32, u32)> {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(*pos);
            }
            if p.is_empty() {
                return None;
            }
            // Drop the last step: `.key`, `[i]` or `["key"]`.
            let cut = if p.ends_with(']') {
                p.rfind('[').unwrap_or(0)
            } else {
                p.rfind('.').unwrap_or(0)
            };
            p = &p[..cut];
        }
    }
}

/// After a value is complete: a mapping waits for its next key, a sequence moves on.
fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { expect_key, .. }) => *expect_key = true,
        Some(Frame::Seq { index }) => *index += 1,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_by_path() {
        let text = "kind: Service\nspec:\n  ports:\n  - port: 80\n    targetPort: web\n  selector: {app: x}\nmetadata:\n  labels:\n    app.kubernetes.io/name: n\n";
        let loc = Locator::new(text);
        assert_eq!(loc.find("kind"), Some((1, 1)));
        assert_eq!(loc.find("spec.ports[0]"), Some((4, 5)));
        assert_eq!(loc.find("spec.ports[0].targetPort"), Some((5, 5)));
        assert_eq!(loc.find("spec.selector.app"), Some((6, 14)));
        assert_eq!(
            loc.find("metadata.labels[\"app.kubernetes.io/name\"]"),
            Some((9, 5))
        );
        // A path that does not exist falls back to its nearest ancestor.
        assert_eq!(loc.find("spec.ports[0].nodePort"), Some((4, 5)));
        assert_eq!(loc.find("spec.ports[3]"), Some((3, 3)));
    }

    #[test]
    fn paths_format_like_kubernetes() {
        let steps = [
            Step::Key("spec".into()),
            Step::Key("ports".into()),
            Step::Index(0),
            Step::Key("targetPort".into()),
        ];
        assert_eq!(format_path(&steps), "spec.ports[0].targetPort");
    }
}
