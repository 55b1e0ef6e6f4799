//! Documents read before, kept by their text: parsing an edited text again reads only the
//! documents that changed (the page's analysis worker keeps one `ReadCache` for the texts it is
//! sent, one keystroke apart). Reading a document (YAML to value and positions) is what costs;
//! what follows it (objects, duplicates, owners, the model) depends on the other documents and
//! runs again each time. A document is found by its whole text, compared byte for byte, so a
//! cached reading is the reading that text gets. Only texts of more than one document use it: a
//! text of one document (a `kubectl get -o yaml` List) changes with every edit.

use crate::yaml::document::{self, Read, Unread};
use std::collections::HashMap;
use std::rc::Rc;

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
        self.next.clear();
    }

    /// The reading of the document `text`: kept, or read now and kept.
    pub(crate) fn read(&mut self, text: &str) -> Reading {
        if let Some(reading) = self.next.get(text) {
            return reading.clone();
        }
        let reading = self.last.remove(text).unwrap_or_else(|| {
            self.fresh += 1;
            Rc::new(document::read(text))
        });
        self.next.insert(text.to_string(), reading.clone());
        reading
    }

    /// The parse ended: only its readings are kept.
    pub(crate) fn finish(&mut self) {
        self.last = std::mem::take(&mut self.next);
    }

    /// The parse ended without using the cache (a text of one document): nothing is kept.
    pub(crate) fn clear(&mut self) {
        self.last.clear();
        self.next.clear();
    }

    /// How many documents the last parse with this cache read afresh (the others were kept).
    pub fn fresh(&self) -> usize {
        self.fresh
    }

    /// How many documents' readings it keeps.
    pub fn len(&self) -> usize {
        self.last.len()
    }

    /// Whether it keeps none.
    pub fn is_empty(&self) -> bool {
        self.last.is_empty()
    }
}
