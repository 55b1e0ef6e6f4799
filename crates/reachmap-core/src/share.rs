//! Share links: the page's whole text carried in a URL fragment, so nothing is sent to a server.
//!
//! A link is `v1.` followed by the text compressed with zlib (deflate with a header and an
//! Adler-32 checksum, via `miniz_oxide`, pure Rust and small in wasm) and written in base64url
//! without padding, whose alphabet (`A-Z a-z 0-9 - _`) needs no escaping in a fragment. The
//! `v1.` prefix lets a later format be told apart from this one.
//!
//! [`decode`] takes whatever is in the address bar, so it treats its input as hostile: it never
//! panics, bounds its work by [`MAX_LINK_LEN`] before decoding and by [`MAX_TEXT_LEN`] while
//! inflating (a decompression bomb stops at the limit), and says in a [`ShareError`] why a
//! link is refused. The checksum makes a link that was altered fail rather than open as
//! different text.
//!
//! [`decode`]: crate::share::decode
//! [`MAX_LINK_LEN`]: crate::share::MAX_LINK_LEN
//! [`MAX_TEXT_LEN`]: crate::share::MAX_TEXT_LEN
//! [`ShareError`]: crate::share::ShareError

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use std::fmt;

/// The prefix of every link this version writes.
pub const PREFIX: &str = "v1.";

/// The longest link [`decode`] reads, in bytes (prefix included): 2 MiB, Chromium's longest
/// URL, so a longer one could not have come through an address bar anyway.
pub const MAX_LINK_LEN: usize = 2 * 1024 * 1024;

/// The largest text [`decode`] gives back, in bytes: 8 MiB (a share link carries manifests
/// people write, not cluster dumps, which the parser's own limit allows). Inflating stops
/// there, so a small link that would inflate to gigabytes costs at most this much memory.
pub const MAX_TEXT_LEN: usize = 8 << 20;

/// Why a share link was refused. Each variant is one kind of failure; `Display` gives the
/// sentence to show a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment does not start with `v<number>.`: not a share link at all (for example a
    /// plain `#section` anchor).
    NotAShareLink,
    /// A share link of a format this version does not know (`v2.` and later).
    UnknownVersion {
        /// The digits after `v`.
        version: String,
    },
    /// The link is longer than [`MAX_LINK_LEN`]; it was not decoded.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The compressed data ends early: the link was cut off, typically when it was copied.
    Truncated,
    /// The link holds characters or bytes its format never has, or its checksum does not
    /// match: it was altered.
    Corrupt,
    /// The text would be larger than [`MAX_TEXT_LEN`] once decompressed.
    TooLarge,
    /// The decompressed bytes are not UTF-8 text.
    NotUtf8,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotAShareLink => {
                write!(f, "This address does not hold a Reachmap share link.")
            }
            ShareError::UnknownVersion { version } => write!(
                f,
                "This share link has format v{version}, which this version of Reachmap cannot \
                 read; it was made by a newer one."
            ),
            ShareError::TooLong { len } => write!(
                f,
                "This share link is {len} bytes long, more than the {} bytes Reachmap reads.",
                MAX_LINK_LEN
            ),
            ShareError::Truncated => write!(
                f,
                "This share link is incomplete: it was cut off, probably when it was copied."
            ),
            ShareError::Corrupt => write!(
                f,
                "This share link is damaged: some of its characters were changed, so it \
                 cannot be read."
            ),
            ShareError::TooLarge => write!(
                f,
                "This share link holds more than {} MiB of text, more than Reachmap opens.",
                MAX_TEXT_LEN / (1024 * 1024)
            ),
            ShareError::NotUtf8 => {
                write!(f, "This share link does not hold text (it is not UTF-8).")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// The share link of `text`: `v1.` and the text compressed, in base64url without padding.
///
/// Always succeeds; a text longer than [`MAX_TEXT_LEN`], or one whose link is longer than
/// [`MAX_LINK_LEN`], gives a link that [`decode`] refuses. Use [`encode_checked`] to learn that
/// before offering the link.
pub fn encode(text: &str) -> String {
    // Level 9: the best ratio miniz offers short of its slow level 10; a 500-pod cluster
    // compresses in a few milliseconds.
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 9);
    let mut link = String::with_capacity(PREFIX.len() + compressed.len().div_ceil(3) * 4);
    link.push_str(PREFIX);
    base64url_encode(&compressed, &mut link);
    link
}

/// [`encode`], refusing what [`decode`] would refuse: a text over [`MAX_TEXT_LEN`]
/// ([`ShareError::TooLarge`]) or a link over [`MAX_LINK_LEN`] ([`ShareError::TooLong`]).
pub fn encode_checked(text: &str) -> Result<String, ShareError> {
    if text.len() > MAX_TEXT_LEN {
        return Err(ShareError::TooLarge);
    }
    let link = encode(text);
    if link.len() > MAX_LINK_LEN {
        return Err(ShareError::TooLong { len: link.len() });
    }
    Ok(link)
}

/// The text of a share link. `link` is the URL fragment, with or without its leading `#`.
///
/// Never panics; refuses, with the reason, anything [`encode`] did not produce (see
/// [`ShareError`]).
pub fn decode(link: &str) -> Result<String, ShareError> {
    let link = link.strip_prefix('#').unwrap_or(link);
    if link.len() > MAX_LINK_LEN {
        return Err(ShareError::TooLong { len: link.len() });
    }
    let payload = strip_version(link)?;
    let compressed = base64url_decode(payload)?;
    let bytes = inflate_limited(&compressed, MAX_TEXT_LEN)?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotUtf8)
}

/// The payload after `v1.`, or why there is none.
fn strip_version(link: &str) -> Result<&str, ShareError> {
    let rest = link.strip_prefix('v').ok_or(ShareError::NotAShareLink)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // Nine digits keep the message short and bound what is echoed back to the person.
    if digits == 0 || digits > 9 || rest.as_bytes().get(digits) != Some(&b'.') {
        return Err(ShareError::NotAShareLink);
    }
    let (version, payload) = (&rest[..digits], &rest[digits + 1..]);
    if version != "1" {
        return Err(ShareError::UnknownVersion {
            version: version.to_string(),
        });
    }
    Ok(payload)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // n bytes of input give n + 1 characters; the rest would be padding, left out.
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
}

fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Base64url without padding. A character outside the alphabet is [`ShareError::Corrupt`]; a
/// length no whole number of bytes has (4k + 1) is [`ShareError::Truncated`], as a cut link
/// loses its tail. The unused low bits of a final partial group are ignored, so a link cut
/// inside a group decodes to a prefix of the data, which inflating then reports as truncated.
fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let input = text.as_bytes();
    if input.iter().any(|&c| sextet(c).is_none()) {
        return Err(ShareError::Corrupt);
    }
    if input.len() % 4 == 1 {
        return Err(ShareError::Truncated);
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 2);
    for group in input.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in group.iter().enumerate() {
            // Checked above: every character is in the alphabet.
            n |= sextet(c).unwrap_or(0) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..group.len() - 1]);
    }
    Ok(out)
}

/// Inflates a zlib stream into at most `limit` bytes, checking its Adler-32 and that nothing
/// follows the stream. miniz's `decompress_to_vec_zlib_with_limit` does the same growth but
/// ignores trailing bytes; a link with bytes appended was altered, so it is refused here.
fn inflate_limited(input: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut state = Box::<DecompressorOxide>::default();
    // One byte of room past the limit tells "exactly the limit" from "more than the limit".
    let cap = limit.saturating_add(1);
    // Start at a few times the input and double: linear total work, and never more than the
    // cap allocated.
    let mut out = vec![0u8; input.len().saturating_mul(4).clamp(64, cap)];
    let (mut in_pos, mut out_pos) = (0usize, 0usize);
    loop {
        let rest = input.get(in_pos..).unwrap_or(&[]);
        let (status, consumed, produced) = decompress(&mut state, rest, &mut out, out_pos, flags);
        in_pos = in_pos.saturating_add(consumed);
        out_pos = out_pos.saturating_add(produced);
        match status {
            TINFLStatus::Done if out_pos > limit => return Err(ShareError::TooLarge),
            TINFLStatus::Done if in_pos == input.len() => {
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::Done => return Err(ShareError::Corrupt),
            TINFLStatus::HasMoreOutput => {
                if out.len() >= cap {
                    return Err(ShareError::TooLarge);
                }
                let grown = out.len().saturating_mul(2).min(cap);
                out.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(ShareError::Truncated)
            }
            _ => return Err(ShareError::Corrupt),
        }
    }
}
