//! Positions in the editor's text: diagnostics count lines and columns in characters, the
//! textarea's selection counts UTF-16 code units.

/// The UTF-16 offset of 1-based `line` and `column` (in characters) in `text`, clamped to the
/// line's end and the text's end.
pub fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset: u32 = 0;
    let mut current = 1;
    let mut chars = text.chars().peekable();
    while current < line {
        match chars.next() {
            Some('\n') => {
                offset += 1;
                current += 1;
            }
            Some(c) => offset += c.len_utf16() as u32,
            None => return offset,
        }
    }
    for _ in 1..column.max(1) {
        match chars.peek() {
            Some('\n') | None => break,
            Some(c) => {
                offset += c.len_utf16() as u32;
                chars.next();
            }
        }
    }
    offset
}

/// How many lines the editor shows for `text` (a final newline starts an empty last line).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_offsets_count_utf16_units() {
        let text = "ab\néx\n😀y\n";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 1, 2), 1);
        assert_eq!(utf16_offset(text, 2, 1), 3);
        assert_eq!(utf16_offset(text, 2, 2), 4);
        // The emoji is one character, two UTF-16 units.
        assert_eq!(utf16_offset(text, 3, 2), 8);
    }

    #[test]
    fn places_past_a_line_or_the_text_are_clamped() {
        let text = "ab\ncd";
        assert_eq!(utf16_offset(text, 1, 99), 2, "the end of line 1");
        assert_eq!(utf16_offset(text, 9, 1), 5, "the end of the text");
        assert_eq!(utf16_offset(text, 1, 0), 0, "column 0 reads as 1");
    }

    #[test]
    fn a_final_newline_starts_an_empty_last_line() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\n"), 2);
        assert_eq!(line_count("a\nb\n\n"), 4);
    }
}
