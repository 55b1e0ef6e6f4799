//! A document's value and the position of every node, in one pass over yaml-rust2's events: the
//! fast reader of YAML. It reads what manifests and dumps are made of — mappings with scalar
//! keys, sequences, scalars — into exactly the value serde_yaml gives (`scalar` resolves plain
//! scalars as serde_yaml does), and leaves anything else to serde_yaml by returning `None`: a
//! syntax error (serde_yaml words it as go-yaml does), an anchor, an alias, a tag, a complex
//! key, a duplicate key, a merge key (`<<`), deep nesting, a second document.
//!
//! `metadata.managedFields` of an object (the document, or an item of its `items`) is read but
//! not kept: nothing reads it, and kubectl leaves it out of `-o yaml` too.

use super::marks::Marks;
use super::resolve::is_yaml11_only_boolean;
use super::scalar;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// A document read: its value and where each node is.
pub(crate) struct Built {
    pub value: Value,
    pub marks: Marks,
}

/// Nesting deeper than this is left to serde_yaml, whose own limit (128) then speaks.
const MAX_DEPTH: usize = 100;

/// What a container is to the object it belongs to, to find `metadata.managedFields`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Other,
    /// The document's root mapping: an object, or a List.
    Root,
    /// The root's `items`.
    Items,
    /// An item of the root's `items`.
    Item,
    /// An object's `metadata`.
    Metadata,
}

enum Frame {
    Map {
        map: Mapping,
        node: u32,
        role: Role,
        /// The key read, waiting for its value, with its position.
        key: Option<(Value, (u32, u32))>,
        /// The node takes its first key's position (a mapping in a sequence, the root).
        at_first_key: bool,
        /// Its `managedFields` was read past (a second one is a duplicate key).
        skipped: bool,
    },
    Seq {
        items: Vec<Value>,
        node: u32,
        role: Role,
    },
}

/// Whether a plain scalar starts as the YAML spec allows (not with an indicator; `-` only
/// before a character that is no space and no flow indicator; `?` and `:`, which libyaml takes
/// in fewer places, never): libyaml refuses the others where yaml-rust2 takes some
/// (`{a: >}`, `[:x]`), so those documents are serde_yaml's.
fn starts_plainly(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        None => true,
        Some('?' | ':') => false,
        Some('-') => chars
            .next()
            .is_some_and(|c| !c.is_whitespace() && !",[]{}".contains(c)),
        Some(c) => !">|%@`!&*'\"#{}[],".contains(c),
    }
}

/// Reads one document's text; `None` leaves it to serde_yaml.
pub(crate) fn read(text: &str) -> Option<Built> {
    // A document end marker (`...`) the split left in (`... # note`): libyaml and yaml-rust2
    // read what follows it differently.
    if text.starts_with("...") || text.contains("\n...") {
        return None;
    }
    let mut parser = Parser::new_from_str(text);
    let mut marks = Marks::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    // A document has ended (`...`): anything after it is a second one, or libyaml refuses it.
    let mut ended = false;
    // The last scalar was a block scalar (`|`, `>`): ending the text without a line break,
    // libyaml leaves its last line break out and yaml-rust2 does not.
    let mut last_block = false;
    loop {
        let (event, mark) = parser.next_token().ok()?;
        let at = (mark.line() as u32, mark.col() as u32 + 1);
        match event {
            Event::StreamEnd => break,
            _ if ended => return None,
            Event::DocumentEnd => ended = true,
            Event::Nothing | Event::StreamStart | Event::DocumentStart => {}
            Event::Alias(_) => return None,
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let plain = style == TScalarStyle::Plain;
                last_block = matches!(style, TScalarStyle::Literal | TScalarStyle::Folded);
                // An empty block scalar: yaml-rust2 keeps a line break libyaml does not.
                if last_block && text.bytes().all(|b| b == b'\n') {
                    return None;
                }
                if plain && !starts_plainly(&text) {
                    return None;
                }
                // A key of the mapping being read?
                if let Some(Frame::Map {
                    map,
                    key: key @ None,
                    node,
                    at_first_key,
                    role,
                    skipped,
                }) = stack.last_mut()
                {
                    // A merge key, an empty key (`: v`) and a block scalar as a key (`? |`):
                    // libyaml reads the last two otherwise.
                    if text.is_empty() || (plain && text == "<<") || last_block {
                        return None;
                    }
                    let k = if plain {
                        scalar::plain_owned(text)?
                    } else {
                        Value::String(text)
                    };
                    if map.contains_key(&k) {
                        return None;
                    }
                    if *at_first_key && map.is_empty() && !*skipped {
                        marks.set(*node, at);
                    }
                    // An object's managedFields: read past, kept nowhere.
                    if *role == Role::Metadata && k.as_str() == Some("managedFields") {
                        if *skipped {
                            return None;
                        }
                        *skipped = true;
                        skip(&mut parser)?;
                        continue;
                    }
                    *key = Some((k, at));
                    continue;
                }
                // A document that is one scalar is no object; libyaml and yaml-rust2 end a
                // block scalar there differently, so serde_yaml says what it is.
                if stack.is_empty() {
                    return None;
                }
                let yaml11 = plain && is_yaml11_only_boolean(&text);
                let value = if plain {
                    scalar::plain_owned(text)?
                } else {
                    Value::String(text)
                };
                marks.leaf(value_at(&stack, at), yaml11);
                add(&mut stack, &mut root, value)?;
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                let role = match stack.last() {
                    None => Role::Root,
                    // A container as a key: left to serde_yaml.
                    Some(Frame::Map { key: None, .. }) => return None,
                    Some(Frame::Map {
                        key: Some((k, _)),
                        role,
                        ..
                    }) => match (role, k.as_str()) {
                        (Role::Root, Some("items")) => Role::Items,
                        (Role::Root | Role::Item, Some("metadata")) => Role::Metadata,
                        _ => Role::Other,
                    },
                    Some(Frame::Seq {
                        role: Role::Items, ..
                    }) => Role::Item,
                    Some(Frame::Seq { .. }) => Role::Other,
                };
                let at_first_key = !matches!(stack.last(), Some(Frame::Map { .. }));
                let node = marks.open(value_at(&stack, at));
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Map {
                        map: Mapping::new(),
                        node,
                        role,
                        key: None,
                        at_first_key,
                        skipped: false,
                    },
                    _ => Frame::Seq {
                        items: Vec::new(),
                        node,
                        role,
                    },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, node) = match stack.pop()? {
                    Frame::Map { map, node, key, .. } => {
                        if key.is_some() {
                            return None;
                        }
                        (Value::Mapping(map), node)
                    }
                    Frame::Seq { items, node, .. } => (Value::Sequence(items), node),
                };
                marks.close(node);
                add(&mut stack, &mut root, value)?;
            }
        }
    }
    if !stack.is_empty() || (last_block && !text.ends_with('\n')) {
        return None;
    }
    // An empty document (comments, markers) is serde_yaml's to read: it costs nothing, and
    // libyaml refuses some that yaml-rust2 takes (`... # x`).
    Some(Built {
        value: root?,
        marks,
    })
}

/// Where a value starting at `at` is, as `Locator` says it: at its key in a mapping.
fn value_at(stack: &[Frame], at: (u32, u32)) -> (u32, u32) {
    match stack.last() {
        Some(Frame::Map {
            key: Some((_, key_at)),
            ..
        }) => *key_at,
        _ => at,
    }
}

/// Puts a complete value where it belongs: its mapping's key, its sequence, or the root.
fn add(stack: &mut [Frame], root: &mut Option<Value>, value: Value) -> Option<()> {
    match stack.last_mut() {
        Some(Frame::Map { map, key, .. }) => {
            let (k, _) = key.take()?;
            map.insert(k, value);
        }
        Some(Frame::Seq { items, .. }) => items.push(value),
        None => {
            if root.is_some() {
                return None;
            }
            *root = Some(value);
        }
    }
    Some(())
}

/// An open container while skipping: a mapping's keys so far and whether a key comes next.
enum Open {
    Map {
        keys: BTreeSet<String>,
        expect_key: bool,
    },
    Seq,
}

/// A node is complete: its mapping now expects the other of key and value.
fn complete(open: &mut [Open]) {
    if let Some(Open::Map { expect_key, .. }) = open.last_mut() {
        *expect_key = !*expect_key;
    }
}

/// Reads past one value (a scalar or a whole container), building nothing, but refusing what
/// the whole reader refuses (so a skipped subtree cannot hide a duplicate key or an alias).
fn skip(parser: &mut Parser<std::str::Chars<'_>>) -> Option<()> {
    let mut open: Vec<Open> = Vec::new();
    loop {
        let (event, _) = parser.next_token().ok()?;
        let is_key = matches!(
            open.last(),
            Some(Open::Map {
                expect_key: true,
                ..
            })
        );
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                if let (true, Some(Open::Map { keys, .. })) = (is_key, open.last_mut()) {
                    if text.is_empty() || (style == TScalarStyle::Plain && text == "<<") {
                        return None;
                    }
                    // Keys compare as values; a plain key that is not a string to serde_yaml
                    // (`1`, `true`) is left to serde_yaml rather than compared here.
                    let k = if style == TScalarStyle::Plain {
                        match scalar::plain_owned(text)? {
                            Value::String(s) => s,
                            _ => return None,
                        }
                    } else {
                        text
                    };
                    if !keys.insert(k) {
                        return None;
                    }
                }
                complete(&mut open);
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || is_key || open.len() >= MAX_DEPTH {
                    return None;
                }
                open.push(match event {
                    Event::MappingStart(..) => Open::Map {
                        keys: BTreeSet::new(),
                        expect_key: true,
                    },
                    _ => Open::Seq,
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop()?;
                complete(&mut open);
            }
            _ => return None,
        }
        if open.is_empty() {
            return Some(());
        }
    }
}
