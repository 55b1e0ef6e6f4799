//! Words with links: an explanation's text, and where in it a policy or one of its rules is
//! named, with that place in the manifests. The page makes each reference a link that puts
//! the editor's cursor there; `explain` prints the text alone. The text is written once, by
//! the same code for both, so the words cannot differ.

use crate::diag::Location;
use serde::Serialize;
use std::fmt;

/// A text and the references in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Linked {
    /// The words, exactly as `reachmap explain` prints them.
    pub text: String,
    /// The references, in the order of the text; they never overlap nor cross a line.
    pub links: Vec<TextLink>,
}

/// One reference in a `Linked` text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextLink {
    /// Byte offset in `Linked::text` where the words that are the reference start.
    pub start: usize,
    /// Byte offset where they end (exclusive).
    pub end: usize,
    /// The field path referred to within its object (`spec.ingress[0].from[1]`); empty for
    /// the object itself.
    pub path: String,
    /// Where it is in the manifests.
    pub location: Location,
}

impl Linked {
    /// The words of the link, as they read in the text.
    pub fn words(&self, link: &TextLink) -> &str {
        &self.text[link.start..link.end]
    }

    /// Writes `words` as a reference to `path` at `location`.
    pub fn link(&mut self, words: &str, path: String, location: Location) {
        let start = self.text.len();
        self.text.push_str(words);
        self.links.push(TextLink {
            start,
            end: self.text.len(),
            path,
            location,
        });
    }

    /// Appends `other`, its links moved along.
    pub fn append(&mut self, other: &Linked) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.links.extend(other.links.iter().map(|l| TextLink {
            start: l.start + shift,
            end: l.end + shift,
            ..l.clone()
        }));
    }

    /// Appends `inner` line by line, its first line after `first`, the others after `rest`,
    /// its links moved along.
    pub fn push_indented(&mut self, inner: &Linked, first: &str, rest: &str) {
        let mut links = inner.links.iter().peekable();
        let mut line_start = 0;
        for (i, piece) in inner.text.split_inclusive('\n').enumerate() {
            let line = piece.strip_suffix('\n').unwrap_or(piece);
            self.text.push_str(if i == 0 { first } else { rest });
            let line_end = line_start + line.len();
            while let Some(link) = links.next_if(|l| l.end <= line_end) {
                let moved = self.text.len() + link.start - line_start;
                self.links.push(TextLink {
                    start: moved,
                    end: moved + (link.end - link.start),
                    ..link.clone()
                });
            }
            self.text.push_str(line);
            self.text.push('\n');
            line_start += piece.len();
        }
    }
}

impl fmt::Write for Linked {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    fn at(line: u32) -> Location {
        Location {
            line,
            column: 3,
            ..Location::default()
        }
    }

    #[test]
    fn links_keep_their_words_when_indented() {
        let mut inner = Linked::default();
        let _ = write!(inner, "first ");
        inner.link("ns/a", String::new(), at(1));
        let _ = writeln!(inner, " ends");
        let _ = write!(inner, "  then ");
        inner.link("ns/a ingress[0]", "spec.ingress[0]".into(), at(7));
        let _ = writeln!(inner, ":");
        assert_eq!(inner.words(&inner.links[0]), "ns/a");
        let mut outer = Linked::default();
        let _ = writeln!(outer, "head");
        outer.push_indented(&inner, "  via: ", "  ");
        assert_eq!(
            outer.text,
            "head\n  via: first ns/a ends\n    then ns/a ingress[0]:\n"
        );
        let words: Vec<&str> = outer.links.iter().map(|l| outer.words(l)).collect();
        assert_eq!(words, ["ns/a", "ns/a ingress[0]"]);
        assert_eq!(outer.links[1].location, at(7));
        assert_eq!(outer.links[1].path, "spec.ingress[0]");
    }
}
