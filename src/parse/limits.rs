//! Limits checked before a document reaches the YAML parser, whose cost grows with the square
//! of the nesting depth: a pasted `[[[[…` must get a clear answer at once, not hang the page.

/// Deeper flow nesting than any manifest has; serde_yaml stops at 128 levels anyway.
pub const MAX_FLOW_DEPTH: usize = 200;

/// The 1-based line and column where flow nesting (`[`, `{`) first exceeds `limit`, skipping
/// quoted strings and comments.
pub fn flow_depth_exceeded(text: &str, limit: usize) -> Option<(u32, u32)> {
    let mut depth = 0usize;
    for (line_no, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '\'' | '"' if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
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
}
