//! Documents read before, kept by their text: parsing an edited text again reads only the
//! documents that changed (the page's analysis worker keeps one `ReadCache` for the texts it is
//! sent, one keystroke apart). Reading a document (YAML to value and positions) is what costs;
//! what follows it (objects, duplicates, owners, the model) depends on the other documents and
//! runs again each time. A document is found by its whole text, compared byte for byte, so a
//! cached reading is the reading that text gets. Documents are kept for texts of more than one
//! document; a text of one document (a `kubectl get -o yaml` List) changes with every edit, so
//! there the List's items are kept instead, each by its text (`yaml::list_items`).

use crate::yaml::build::Built;
use crate::yaml::document::{self, Positions, Read, Unread};
use crate::yaml::list_items::{self, ByItems};
use std::collections::HashMap;
use std::rc::Rc;

/// The largest input whose readings are kept. Keeping them costs memory like a second copy of
/// the values: the 5,040-pod dump (31 MiB) analysed after a one-character edit takes 0.91 s
/// instead of 1.62 s natively, at a peak of 1.17 GB instead of 0.82 GB (both analyses alive).
/// Past this size an edit reads the whole input again, as without a cache.
pub const KEEP_UP_TO: usize = 32 << 20;

/// A document's reading, shared between the cache and the parse that uses it.
pub(crate) type Reading = Rc<Result<Read, Unread>>;

/// The readings of the documents of the last text parsed with it, by their text.
#[derive(Default)]
pub struct ReadCache {
    /// The last parse's readings; what this parse uses moves to `next`.
    last: HashMap<String, Reading>,
    next: HashMap<String, Reading>,
    /// Documents the last parse read afresh.
    fresh: usize,
    /// The items of List documents (a `kubectl get -o yaml` dump), by their text, read one by
    /// one (`yaml::list_items`), as the documents are.
    last_items: HashMap<String, Rc<Built>>,
    next_items: HashMap<String, Rc<Built>>,
    /// List items the last parse read afresh.
    fresh_items: usize,
    /// Whether this parse read a List item by item; whether it cut one into items at all
    /// (one of them may not have read); whether the parse before cut none either.
    read_by_items: bool,
    cut_items: bool,
    cut_none_before: bool,
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache")
            .field("documents", &self.last.len())
            .field("fresh", &self.fresh)
            .finish()
    }
}

impl ReadCache {
    /// A parse starts: the readings it does not use are dropped when it ends.
    pub(crate) fn start(&mut self) {
        self.fresh = 0;
        self.fresh_items = 0;
        self.read_by_items = false;
        self.cut_items = false;
        self.next.clear();
        self.next_items.clear();
    }

    /// The reading of the document `text`: with `keep` (a text of several documents) the one
    /// kept, or read now and kept for the next parse; without, read now. A List's items are
    /// kept either way.
    pub(crate) fn read(&mut self, text: &str, keep: bool) -> Reading {
        if !keep {
            // A text of one document changes with every edit: not looked up (hashing megabytes
            // for nothing), not kept; its List items are.
            self.fresh += 1;
            return Rc::new(self.read_afresh(text));
        }
        if let Some(reading) = self.next.get(text) {
            return reading.clone();
        }
        let reading = self.last.remove(text).unwrap_or_else(|| {
            self.fresh += 1;
            Rc::new(self.read_afresh(text))
        });
        self.next.insert(text.to_string(), reading.clone());
        reading
    }

    /// A document not kept: a List item by item (those kept, and the others read now), any
    /// other document whole.
    fn read_afresh(&mut self, text: &str) -> Result<Read, Unread> {
        let by_items = list_items::read(text, &mut |item| {
            if let Some(built) = self.next_items.get(item) {
                return Some(built.clone());
            }
            // Looked up, not taken: a parse whose List does not read by items (a flow mapping
            // opened and not yet closed) leaves them for the next (`finish`).
            let built = match self.last_items.get(item) {
                Some(built) => built.clone(),
                None => {
                    let built = Rc::new(crate::yaml::build::read(item)?);
                    self.fresh_items += 1;
                    built
                }
            };
            self.next_items.insert(item.to_string(), built.clone());
            Some(built)
        });
        self.cut_items |= !matches!(by_items, ByItems::NoList);
        match by_items {
            ByItems::Read(built) => {
                self.read_by_items = true;
                Ok(Read {
                    value: built.value,
                    positions: Positions::Marks(built.marks),
                })
            }
            ByItems::Unread | ByItems::NoList => document::read(text),
        }
    }

    /// The parse ended: only its readings are kept. Except for List items: while an edit
    /// leaves one item that does not read (a flow mapping opened and not yet closed), the List
    /// is read whole, and its items are kept with those read since, so that the keystroke that
    /// mends it reads only what changed. A parse that cuts no List (another text, or a List
    /// broken at its `items:`) keeps them too, but not two in a row.
    pub(crate) fn finish(&mut self) {
        self.last = std::mem::take(&mut self.next);
        let next_items = std::mem::take(&mut self.next_items);
        let keep_last = !self.read_by_items && (self.cut_items || !self.cut_none_before);
        if keep_last {
            self.last_items.extend(next_items);
        } else {
            self.last_items = next_items;
        }
        self.cut_none_before = !self.cut_items;
    }

    /// How many documents the last parse with this cache read afresh (the others were kept).
    pub fn fresh(&self) -> usize {
        self.fresh
    }

    /// How many List items the last parse read afresh (the others were kept).
    pub fn fresh_items(&self) -> usize {
        self.fresh_items
    }

    /// How many documents' readings it keeps.
    pub fn len(&self) -> usize {
        self.last.len()
    }

    /// How many List items' readings it keeps.
    pub fn items(&self) -> usize {
        self.last_items.len()
    }

    /// Whether it keeps none.
    pub fn is_empty(&self) -> bool {
        self.last.is_empty()
    }
}
