//! A `kubectl get … -o yaml` dump read one item at a time: such a dump is one document, a List
//! whose `items:` is a block sequence at column 0, so an edit of one object changes the whole
//! document's text. `cut` finds the items' texts (each the lines from its `- ` to the next
//! item, the `- ` made two spaces: the same mapping, on the same lines and columns) and the
//! skeleton (the document with the items' lines left empty, so every other line keeps its
//! number); `read` reads each with the fast reader and puts the value and positions together,
//! exactly as the fast reader gives them for the whole document (`tests/list_items.rs` and the
//! unit tests compare both), so that a `ReadCache` reads again only the items whose text
//! changed. Anything else (a shape that is not kubectl's, an item the fast reader leaves to
//! serde_yaml, an item that is itself a List) gives `None`: the whole document is read as before.

use super::build::{self, Built};
use super::json::looks_like_json;
use super::limits::{flow_scan, Flow, MAX_FLOW_DEPTH};
use serde_yaml::Value;

/// One item's text and where it starts.
pub(crate) struct ItemText {
    /// Its lines, its `- ` made two spaces.
    pub text: String,
    /// The document's line (0-based) its first line is.
    pub first_line: u32,
}

/// A List document cut into the lines around its items and the items.
pub(crate) struct ListCut {
    /// The document with every line of `items:`'s sequence left empty.
    pub skeleton: String,
    pub items: Vec<ItemText>,
}

/// Cuts a document written as kubectl writes a List; `None` for any other shape.
pub(crate) fn cut(text: &str) -> Option<ListCut> {
    // Most texts hold no `items:` line at column 0: they are no List, known without copying.
    if text.contains('\r') || !(text.starts_with("items:\n") || text.contains("\nitems:\n")) {
        return None;
    }
    let mut skeleton = String::with_capacity(text.len() / 8);
    let mut items: Vec<ItemText> = Vec::new();
    // 0: before `items:`, 1: in its sequence, 2: after it.
    let mut state = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let in_items = state == 1
            && (body.is_empty()
                || body.starts_with("- ")
                || body.starts_with("  ")
                || body.starts_with('#'));
        if in_items {
            if let Some(rest) = body.strip_prefix("- ") {
                let mut text = String::with_capacity(line.len() * 16);
                text.push_str("  ");
                text.push_str(rest);
                if line.ends_with('\n') {
                    text.push('\n');
                }
                items.push(ItemText {
                    text,
                    first_line: n as u32,
                });
            } else if let Some(item) = items.last_mut() {
                item.text.push_str(line);
            } else if !(body.is_empty() || body.starts_with('#')) {
                // Something before the first item that is no item.
                return None;
            }
            if line.ends_with('\n') {
                skeleton.push('\n');
            }
            continue;
        }
        if state == 1 {
            state = 2;
        }
        if state == 0 && body == "items:" {
            state = 1;
        }
        skeleton.push_str(line);
    }
    (!items.is_empty()).then_some(ListCut { skeleton, items })
}

/// Whether the fast reader would read `text` at all (`document::read`'s own conditions).
pub(crate) fn fast_reader_reads(text: &str) -> bool {
    // The check that looks at the first bytes only comes first: a JSON dump is not scanned.
    !looks_like_json(text)
        && flow_scan(text, MAX_FLOW_DEPTH) == Flow::OneLine
        && !super::document::only_libyaml_reads(text)
}

/// What reading a document item by item gave.
pub(crate) enum ByItems {
    /// The document is no List written as kubectl writes one.
    NoList,
    /// It is, but it does not read item by item (read it whole): an item, or the lines
    /// around them, do not read with the fast reader, or read otherwise than the whole would.
    Unread,
    /// The value and positions the fast reader gives the whole document.
    Read(Box<Built>),
}

/// The List document `text` read item by item, `item` reading (or finding kept) each item's
/// text.
pub(crate) fn read(
    text: &str,
    item: &mut dyn FnMut(&str) -> Option<std::rc::Rc<Built>>,
) -> ByItems {
    // The cut first: it gives up at once on a text that is no List, before any scan.
    match cut(text) {
        None => ByItems::NoList,
        Some(cut) => {
            read_cut(text, &cut, item).map_or(ByItems::Unread, |b| ByItems::Read(Box::new(b)))
        }
    }
}

fn read_cut(
    text: &str,
    cut: &ListCut,
    item: &mut dyn FnMut(&str) -> Option<std::rc::Rc<Built>>,
) -> Option<Built> {
    if !fast_reader_reads(text) {
        return None;
    }
    let skeleton = build::read(&cut.skeleton)?;
    let mut value = skeleton.value;
    let map = value.as_mapping_mut()?;
    if map.get("items") != Some(&Value::Null) {
        return None;
    }
    let mut values = Vec::with_capacity(cut.items.len());
    let mut marks = Vec::with_capacity(cut.items.len());
    for it in &cut.items {
        let built = item(&it.text)?;
        // The fast reader treats a document's own `items` as a List's (their managedFields
        // dropped): an item that is itself a List is read with the whole document.
        let object = built.value.as_mapping()?;
        if object.contains_key("items") {
            return None;
        }
        values.push(built.value.clone());
        marks.push((built, it.first_line));
    }
    let items_node = skeleton.marks.node_of(&value, "items")?;
    let marks = skeleton.marks.with_items(
        items_node,
        marks.iter().map(|(b, shift)| (&b.marks, *shift)),
    )?;
    *value.as_mapping_mut()?.get_mut("items")? = Value::Sequence(values);
    Some(Built { value, marks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    const LIST: &str = "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: prod\n    labels:\n      env: prod\n# a comment\n\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: web\n    namespace: prod\n    managedFields:\n    - manager: kubectl\n  spec:\n    containers:\n    - name: c\n      image: nginx\n      ports: [{containerPort: 80}]\n    enabled: yes\nkind: List\nmetadata:\n  resourceVersion: \"\"\n";

    fn by_items(text: &str) -> Option<Built> {
        match read(text, &mut |t| build::read(t).map(Rc::new)) {
            ByItems::Read(built) => Some(*built),
            ByItems::NoList | ByItems::Unread => None,
        }
    }

    #[test]
    fn a_list_read_item_by_item_is_the_list_read_whole() {
        let whole = build::read(LIST).expect("the fast reader reads it");
        let parts = by_items(LIST).expect("cut into items");
        assert_eq!(parts.value, whole.value);
        assert_eq!(parts.marks, whole.marks);
        for path in [
            "items[1].spec.containers[0].ports[0].containerPort",
            "items[1].spec.enabled",
            "kind",
            "metadata.resourceVersion",
            "items[0].metadata.labels.env",
        ] {
            assert_eq!(
                parts.marks.find(&parts.value, path),
                whole.marks.find(&whole.value, path),
                "{path}"
            );
        }
        assert!(parts
            .marks
            .is_yaml11_boolean(&parts.value, "items[1].spec.enabled"));
        assert_eq!(
            parts.marks.find(&parts.value, "kind"),
            Some((24, 1)),
            "after the items"
        );
    }

    #[test]
    fn other_shapes_are_read_whole() {
        for (what, text) in [
            (
                "no items",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
            ),
            ("items in flow", "kind: List\nitems: [{kind: Pod}]\n"),
            ("indented items", "kind: List\nitems:\n  - kind: Pod\n"),
            (
                "an item as a bare dash",
                "kind: List\nitems:\n-\n  kind: Pod\n",
            ),
            ("an anchor", "kind: List\nitems:\n- &a\n  kind: Pod\n"),
            (
                "an item that is a List",
                "kind: List\nitems:\n- kind: List\n  items:\n  - kind: Pod\n",
            ),
            ("CRLF", "kind: List\r\nitems:\r\n- kind: Pod\r\n"),
            (
                "a syntax error in an item",
                "kind: List\nitems:\n- kind: Pod\n  x: [\n",
            ),
        ] {
            assert!(by_items(text).is_none(), "{what}");
        }
        // A List the cut reads: the same as whole.
        let text = "kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- kind: Service\n";
        let (a, b) = (by_items(text).unwrap(), build::read(text).unwrap());
        assert_eq!((a.value, a.marks), (b.value, b.marks));
    }
}
