//! Bytes read from a file, as text: one check for the CLI's files and the page's opened or
//! dropped ones. Text is UTF-8 with no NUL byte; anything else (an image, an archive, a UTF-16
//! export) is refused with the first byte at fault and its place.

use std::fmt;

/// Why some bytes are not text: the first byte that is not UTF-8, or the first NUL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotText {
    /// Its offset from the start of the file.
    pub offset: usize,
    /// The byte at fault: a NUL, or the first byte of a sequence that is not UTF-8.
    pub byte: u8,
    /// Its line (1-based) and column (1-based, in characters), as diagnostics count them.
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { offset, byte, .. } = self;
        if *byte == 0 {
            write!(
                f,
                "byte 0x00 at offset {offset} is a NUL, which text never holds"
            )
        } else {
            write!(f, "byte 0x{byte:02x} at offset {offset} is not UTF-8")
        }
    }
}

/// The bytes as text, or the first byte that shows they are not text.
pub fn text_of(bytes: &[u8]) -> Result<&str, NotText> {
    let (valid, invalid_at) = match std::str::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.valid_up_to();
            (
                std::str::from_utf8(&bytes[..at]).unwrap_or_default(),
                Some(at),
            )
        }
    };
    let Some(offset) = valid.find('\0').or(invalid_at) else {
        return Ok(valid);
    };
    let before = &valid[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Err(NotText {
        offset,
        byte: bytes[offset],
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    })
}
