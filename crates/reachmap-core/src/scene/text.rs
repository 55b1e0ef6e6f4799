//! How wide text is drawn, so boxes fit their text and long text is cut with … in the drawing
//! (the full text stays in the tooltip).
//!
//! The stylesheet draws the diagram in DejaVu Sans or Verdana (Verdana's advance widths are
//! close to DejaVu Sans's, and wider fonts are not in the stack), so the advance widths below,
//! DejaVu Sans's own in 1/2048 em, bound what a browser draws. Bold adds at most 15 %.
//! Characters outside the table count as a full em, wider than any Latin glyph.

/// Font sizes in pixels, one per kind of text; the stylesheet uses the same numbers.
/// This one: a box's name (`Class::Title`), bold.
pub const TITLE_SIZE: i32 = 13;
/// A box's further lines (`Class::Detail`), and warnings in bold.
pub const DETAIL_SIZE: i32 = 11;
/// A badge's text (`Class::BadgeText`), bold.
pub const BADGE_SIZE: i32 = 10;
/// An edge's label (`Class::EdgeLabel`).
pub const LABEL_SIZE: i32 = 11;
/// A namespace or outside frame's name, bold.
pub const FRAME_SIZE: i32 = 12;
/// A note on the canvas (`Class::Note`).
pub const NOTE_SIZE: i32 = 12;
/// A verdict mark (`Class::Glyph`: ✓, ✗, ✓?), bold.
pub const GLYPH_SIZE: i32 = 13;

/// The size and weight the stylesheet gives a text of these classes.
pub fn style(classes: &[super::Class]) -> (i32, bool) {
    use super::Class;
    let has = |c: Class| classes.contains(&c);
    if has(Class::Heading) {
        (14, true)
    } else if has(Class::Title) {
        (TITLE_SIZE, true)
    } else if has(Class::BadgeText) {
        (BADGE_SIZE, true)
    } else if has(Class::Warning) {
        (DETAIL_SIZE, true)
    } else if has(Class::Glyph) {
        (GLYPH_SIZE, true)
    } else if has(Class::EdgeLabel) {
        (LABEL_SIZE, false)
    } else if has(Class::Note) {
        (NOTE_SIZE, false)
    } else {
        (DETAIL_SIZE, false)
    }
}

/// Advance widths of ASCII 32..=126 in DejaVu Sans, 1/2048 em.
#[rustfmt::skip]
const ASCII: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
    1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
    1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];

fn advance(c: char) -> u32 {
    match c {
        ' '..='~' => ASCII[c as usize - 32] as u32,
        '→' | '×' | '✓' | '✗' | '⚠' => 1716,
        _ => 2048,
    }
}

/// The drawn width of `text` at `size` pixels, rounded up.
pub fn width(text: &str, size: i32, bold: bool) -> i32 {
    let units: u64 = text.chars().map(|c| advance(c) as u64).sum();
    let scale = if bold { 115 } else { 100 };
    (units * size as u64 * scale).div_ceil(2048 * 100) as i32
}

/// `text` cut to fit in `max` pixels, ending in … when cut.
pub fn fit(text: &str, max: i32, size: i32, bold: bool) -> String {
    if width(text, size, bold) <= max {
        return text.to_string();
    }
    let budget = max - width("…", size, bold);
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]), size, bold);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A dotted name (a DNS name) broken into lines of at most `max` pixels, each line after the
/// first starting at a dot. A part too long for a line stays whole (the box cuts it with …).
pub fn wrap_at_dots(text: &str, max: i32, size: i32) -> Vec<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' && i > start {
            parts.push(&text[start..i]);
            start = i;
        }
    }
    parts.push(&text[start..]);
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if width(&format!("{line}{part}"), size, false) <= max => {
                line.push_str(part)
            }
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_cuts() {
        assert_eq!(fit("nginx", 100, 13, true), "nginx");
        let long = "a-very-long-deployment-name-that-goes-on-and-on";
        let cut = fit(long, 100, 13, true);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 13, true) <= 100);
        assert!(width("mmm", 13, false) > width("iii", 13, false));
        assert_eq!(fit("x", 0, 13, false), "…");
    }

    #[test]
    fn wraps_dns_names_at_dots() {
        let lines = wrap_at_dots(
            "productcatalogservice.default.svc.cluster.local:3550",
            220,
            11,
        );
        assert!(lines.len() > 1);
        assert_eq!(
            lines.concat(),
            "productcatalogservice.default.svc.cluster.local:3550"
        );
        assert!(lines[1..].iter().all(|l| l.starts_with('.')));
        assert!(lines.iter().all(|l| width(l, 11, false) <= 220));
        assert_eq!(wrap_at_dots("short.name", 220, 11), vec!["short.name"]);
    }
}
