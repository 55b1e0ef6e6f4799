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
