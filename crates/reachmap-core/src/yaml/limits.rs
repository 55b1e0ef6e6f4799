//! Limits checked before a text reaches the YAML parser, so that hostile or mistaken input gets
//! a clear answer at once instead of hanging the page:
//! - the whole input's size (`ParseOptions::max_input_bytes`, by default `MAX_INPUT_BYTES`);
//! - flow nesting, whose cost in the parser grows with the square of the depth (`[[[[…`);
//! - alias expansion ("billion laughs"): serde_yaml expands every `*alias` into a copy, and its
//!   own guard counts jumps, not copied nodes, so 20,000 aliases of a 20,000-item list (100 KB
//!   of text) would build 400 million nodes.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};

/// The most text read in all, over every input, by default (the CLI's; `--max-input-bytes`
/// changes it): a `kubectl get … -A -o json` of a 50,000-pod cluster with its managed fields
/// is about 700 MB.
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// The most the page reads: a tab of a browser holds the text several times over (the editor,
/// the worker's copy, the values), and 256 MiB of dump is already a 20,000-pod cluster.
pub const PAGE_MAX_INPUT_BYTES: usize = 256 << 20;

/// Deeper flow nesting than any manifest has; serde_yaml stops at 128 levels anyway.
pub const MAX_FLOW_DEPTH: usize = 200;

/// The most nodes that aliases may add to one document once expanded. Manifests use anchors
/// for a few shared labels or env lists: thousands of nodes at most.
pub const MAX_ALIAS_NODES: u64 = 1_000_000;

/// Where alias expansion first passes `limit` added nodes: the 1-based line and column of that
/// alias. Anchors are sized as they close, so an alias of an alias counts its whole expansion.
pub(crate) fn alias_expansion_exceeded(text: &str, limit: u64) -> Option<(u32, u32)> {
    // Most documents have no alias at all: skip the event pass.
    if !text.contains('*') || !text.contains('&') {
        return None;
    }
    // The expanded size of each anchor, and the open containers: (anchor id, nodes so far).
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    let mut open: Vec<(usize, u64)> = vec![(0, 0)];
    let mut added = 0u64;
    let mut parser = Parser::new_from_str(text);
    while let Ok((event, mark)) = parser.next_token() {
        match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Scalar(_, _, anchor, _) => {
                if anchor != 0 {
                    sizes.insert(anchor, 1);
                }
                if let Some(top) = open.last_mut() {
                    top.1 += 1;
                }
            }
            Event::Alias(anchor) => {
                let size = sizes.get(&anchor).copied().unwrap_or(1);
                added = added.saturating_add(size);
                if added > limit {
                    return Some((mark.line() as u32, mark.col() as u32 + 1));
                }
                if let Some(top) = open.last_mut() {
                    top.1 = top.1.saturating_add(size);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
            }
            // The outermost frame stands for the document itself and is never closed.
            Event::SequenceEnd | Event::MappingEnd if open.len() > 1 => {
                let (anchor, size) = open.pop().unwrap_or((0, 0));
                if anchor != 0 {
                    sizes.insert(anchor, size);
                }
                if let Some(top) = open.last_mut() {
                    top.1 = top.1.saturating_add(size);
                }
            }
            _ => {}
        }
    }
    None
}

/// What a scan of a document's flow collections (`[`, `{`) found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Nesting first exceeds the limit at this 1-based line and column.
    TooDeep(u32, u32),
    /// A flow collection goes on past the end of a line (JSON, or YAML written so): the fast
    /// YAML reader leaves those to serde_yaml, as libyaml and yaml-rust2 differ on some.
    Multiline,
    /// Every flow collection closes on the line it opens.
    OneLine,
}

/// Scans the flow collections of a document, skipping quoted strings and comments (as a line
/// shows them: a quote opens after a space, `[`, `{`, `,` or `:`, and ends at its line).
pub(crate) fn flow_scan(text: &str, limit: usize) -> Flow {
    let mut depth = 0usize;
    let mut multiline = false;
    // Bytes, not characters: every character the scan looks for is ASCII, and no byte of a
    // multi-byte character is. Lines and closing quotes are found with `str::find`, which
    // searches a word at a time.
    for (line_no, line) in text.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let c = bytes[at];
            // The common case, quickly: a byte that is none of `'"#[]{}`.
            if !matches!(c, b'\'' | b'"' | b'#' | b'[' | b']' | b'{' | b'}') {
                at += 1;
                continue;
            }
            let prev = if at == 0 { b' ' } else { bytes[at - 1] };
            match c {
                b'\'' | b'"' if matches!(prev, b' ' | b'[' | b'{' | b',' | b':') => {
                    // Inside quotes until the same quote, or the end of the line.
                    match line[at + 1..].find(c as char) {
                        Some(len) => at += len + 1,
                        None => break,
                    }
                }
                b'#' if prev == b' ' || at == 0 => break,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > limit {
                        // The column in characters, as people count them.
                        let column = line[..at].chars().count();
                        return Flow::TooDeep(line_no as u32 + 1, column as u32 + 1);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            at += 1;
        }
        multiline |= depth > 0;
    }
    if multiline {
        Flow::Multiline
    } else {
        Flow::OneLine
    }
}

/// The 1-based line and column where flow nesting (`[`, `{`) first exceeds `limit`.
#[cfg(test)]
fn flow_depth_exceeded(text: &str, limit: usize) -> Option<(u32, u32)> {
    match flow_scan(text, limit) {
        Flow::TooDeep(line, column) => Some((line, column)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_deep_nesting_and_ignores_strings_and_comments() {
        assert_eq!(flow_depth_exceeded("a: [[[", 2), Some((1, 6)));
        assert_eq!(flow_depth_exceeded("a: [[]]\nb: [[]]", 2), None);
        assert_eq!(
            flow_depth_exceeded("a: '[[[['\nb: \"{{{{\" # [[[[", 2),
            None
        );
    }

    #[test]
    fn tells_flow_collections_that_go_on_past_a_line() {
        assert_eq!(flow_scan("a: [1, 2]\nb: {c: d}\n", 10), Flow::OneLine);
        assert_eq!(flow_scan("a: [1,\n  2]\n", 10), Flow::Multiline);
        assert_eq!(flow_scan("{\n  \"a\": 1\n}\n", 10), Flow::Multiline);
        assert_eq!(flow_scan("é: [[[", 2), Flow::TooDeep(1, 6));
    }

    #[test]
    fn counts_what_aliases_would_copy() {
        // Each `*a` copies the 4-node list (the sequence and its three items).
        let text = "a: &a [x, y, z]\nb: [*a, *a]\nc: *a\n";
        assert_eq!(alias_expansion_exceeded(text, 12), None);
        assert_eq!(alias_expansion_exceeded(text, 11), Some((3, 4)));
        // An alias of a list of aliases counts their expansion.
        let nested = "a: &a [x, y]\nb: &b [*a, *a]\nc: *b\n";
        assert_eq!(alias_expansion_exceeded(nested, 13), None);
        assert_eq!(alias_expansion_exceeded(nested, 12), Some((3, 4)));
    }

    /// The scan as it was written over characters, before it worked on bytes.
    fn by_characters(text: &str, limit: usize) -> Option<(u32, u32)> {
        let mut depth = 0usize;
        for (line_no, line) in text.lines().enumerate() {
            let mut quote: Option<char> = None;
            let mut prev = ' ';
            for (col, c) in line.chars().enumerate() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None => match c {
                        '\'' | '"' if matches!(prev, ' ' | '[' | '{' | ',' | ':') => {
                            quote = Some(c)
                        }
                        '#' if prev == ' ' || col == 0 => break,
                        '[' | '{' => {
                            depth += 1;
                            if depth > limit {
                                return Some((line_no as u32 + 1, col as u32 + 1));
                            }
                        }
                        ']' | '}' => depth = depth.saturating_sub(1),
                        _ => {}
                    },
                }
                prev = c;
            }
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_is_the_character_scan(parts in proptest::collection::vec(0..14usize, 0..60)) {
            const BITS: [&str; 14] = ["[", "]", "{", "}", "'", "\"", "#", " ", "\n", "é", "a", ":", ",", "\r\n"];
            let text: String = parts.iter().map(|&i| BITS[i]).collect();
            proptest::prop_assert_eq!(flow_depth_exceeded(&text, 3), by_characters(&text, 3));
        }
    }
}
