//! Where each node of a document's value is, kept by the fast readers as they build the value
//! (`build`, `json`) so that no second pass over the text is needed: one position per node in
//! pre-order (the order the value's mappings and sequences keep), with each subtree's size, so
//! a field path is found by walking the value. A position is what `parse::locate::Locator`
//! gives the same path: a mapping's value is at its key, a mapping in a sequence (and the
//! document's root mapping) at its first key, anything else at its first character.

use crate::parse::locate::{push_step, Step};
use serde_yaml::Value;
use std::cell::Cell;

/// The positions of one document's nodes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Per node, in pre-order: the 1-based line within the document's text, 1-based column.
    at: Vec<(u32, u32)>,
    /// Per node: the nodes in its subtree, itself included.
    size: Vec<u32>,
    /// The nodes that are plain scalars YAML 1.1 reads as booleans (`yes`, `off`, …) where
    /// serde_yaml reads strings, in pre-order.
    yaml11_booleans: Vec<u32>,
    /// The last items found in the last few sequences (sequence node, index, item node), most
    /// recent first: a List's items are read in order, so finding the next one starts there,
    /// also after a path inside an item (`items[7].spec.ingress[0]`) went through a nested
    /// sequence.
    last_items: Cell<[(u32, usize, u32); ITEM_CACHE]>,
}

/// How many sequences `Marks::item` remembers a position in: a List's items, and the nested
/// lists a path inside one item goes through (rules, their peers and ports).
const ITEM_CACHE: usize = 4;

impl Marks {
    /// A node opens at `at`: its number. Close it with `close` once its children are added.
    pub(crate) fn open(&mut self, at: (u32, u32)) -> u32 {
        let id = self.at.len() as u32;
        self.at.push(at);
        self.size.push(1);
        id
    }

    /// The node `id` is complete: its subtree is every node added since.
    pub(crate) fn close(&mut self, id: u32) {
        self.size[id as usize] = self.at.len() as u32 - id;
    }

    /// A scalar node at `at`; `yaml11_boolean` when it is a plain `yes`, `no`, ….
    pub(crate) fn leaf(&mut self, at: (u32, u32), yaml11_boolean: bool) {
        let id = self.open(at);
        if yaml11_boolean {
            self.yaml11_booleans.push(id);
        }
    }

    /// Moves the node `id`'s position (a mapping in a sequence takes its first key's).
    pub(crate) fn set(&mut self, id: u32, at: (u32, u32)) {
        self.at[id as usize] = at;
    }

    /// The position of `path` in `root` (the value these marks were kept for), or of its
    /// nearest ancestor that exists.
    pub fn find(&self, root: &Value, path: &str) -> Option<(u32, u32)> {
        let (id, _) = self.walk(root, path)?;
        self.at.get(id as usize).copied()
    }

    /// Whether the value at `path` is an unquoted `yes`/`no`/`on`/`off`/`y`/`n`.
    pub fn is_yaml11_boolean(&self, root: &Value, path: &str) -> bool {
        if self.yaml11_booleans.is_empty() {
            return false;
        }
        match self.walk(root, path) {
            Some((id, true)) => self.yaml11_booleans.binary_search(&id).is_ok(),
            _ => false,
        }
    }

    /// The node at `path`, if there is one.
    pub(crate) fn node_of(&self, root: &Value, path: &str) -> Option<u32> {
        match self.walk(root, path)? {
            (id, true) => Some(id),
            _ => None,
        }
    }

    /// These marks with the leaf `node`, a child of the root (a List's `items` read as
    /// nothing), made a sequence at its place whose items are `items`' nodes, each moved down
    /// by its line shift: the marks the whole List's reading keeps (`list_items`).
    pub(crate) fn with_items<'m>(
        &self,
        node: u32,
        items: impl Iterator<Item = (&'m Marks, u32)>,
    ) -> Option<Marks> {
        let k = node as usize;
        if k == 0 || self.size.get(k) != Some(&1) {
            return None;
        }
        let mut out = Marks::default();
        out.at.extend_from_slice(&self.at[..=k]);
        out.size.extend_from_slice(&self.size[..=k]);
        out.yaml11_booleans
            .extend(self.yaml11_booleans.iter().filter(|&&b| b < node));
        for (item, shift) in items {
            let first = out.at.len() as u32;
            out.at
                .extend(item.at.iter().map(|&(line, column)| (line + shift, column)));
            out.size.extend_from_slice(&item.size);
            out.yaml11_booleans
                .extend(item.yaml11_booleans.iter().map(|b| b + first));
        }
        let added = out.at.len() as u32 - node - 1;
        out.size[k] = added + 1;
        out.size[0] += added;
        out.at.extend_from_slice(&self.at[k + 1..]);
        out.size.extend_from_slice(&self.size[k + 1..]);
        out.yaml11_booleans.extend(
            self.yaml11_booleans
                .iter()
                .filter(|&&b| b > node)
                .map(|b| b + added),
        );
        Some(out)
    }

    /// The node at `path`, or its nearest existing ancestor (then `false`).
    fn walk(&self, root: &Value, path: &str) -> Option<(u32, bool)> {
        if self.at.is_empty() {
            return None;
        }
        let (mut id, mut value, mut rest) = (0u32, root, path);
        let mut step = String::new();
        loop {
            if rest.is_empty() {
                return Some((id, true));
            }
            let next = match value {
                Value::Mapping(map) => {
                    let mut child = id + 1;
                    let mut found = None;
                    for (k, v) in map {
                        if let Value::String(k) = k {
                            // The path so far with this key's step, as the reader formats it.
                            step.clear();
                            step.push_str(&path[..path.len() - rest.len()]);
                            push_step(&mut step, &Step::Key(k.clone()));
                            if let Some(after) = after_step(path, &step) {
                                found = Some((child, v, after));
                                break;
                            }
                        }
                        child += self.size.get(child as usize)?;
                    }
                    found
                }
                Value::Sequence(items) => index_step(rest).and_then(|(index, after)| {
                    Some((self.item(id, index)?, items.get(index)?, after))
                }),
                _ => None,
            };
            match next {
                Some((child, v, after)) => (id, value, rest) = (child, v, after),
                None => return Some((id, false)),
            }
        }
    }

    /// The node of item `index` of the sequence node `seq` (which must have that many items).
    fn item(&self, seq: u32, index: usize) -> Option<u32> {
        let mut cache = self.last_items.get();
        let known = cache
            .iter()
            .position(|&(s, i, node)| s == seq && i <= index && node > 0);
        let (mut node, mut i) = match known {
            Some(k) => (cache[k].2, cache[k].1),
            None => (seq + 1, 0),
        };
        while i < index {
            node += self.size.get(node as usize)?;
            i += 1;
        }
        // This sequence's entry (or the oldest) moves to the front.
        let slot = cache
            .iter()
            .position(|&(s, _, _)| s == seq)
            .unwrap_or(ITEM_CACHE - 1);
        cache.copy_within(0..slot, 1);
        cache[0] = (seq, index, node);
        self.last_items.set(cache);
        Some(node)
    }
}

/// The rest of `path` after its first step when that step is `step`.
fn after_step<'p>(path: &'p str, step: &str) -> Option<&'p str> {
    let rest = path.strip_prefix(step)?;
    (rest.is_empty() || rest.starts_with(['.', '['])).then_some(rest)
}

/// `[index]` at the start of a path, and the rest.
fn index_step(path: &str) -> Option<(usize, &str)> {
    let inner = path.strip_prefix('[')?;
    let end = inner.find(']')?;
    let index = inner[..end].parse().ok()?;
    Some((index, &inner[end + 1..]))
}
