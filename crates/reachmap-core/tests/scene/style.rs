//! The stylesheet: colours that pass WCAG AA in both themes, every class styled, every
//! arrowhead defined, the text sizes the layout measures with.

use reachmap_core::scene::{self, text, Class};
use std::collections::BTreeMap;

/// WCAG 2 relative luminance and contrast, from `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    let c = |shift: u32| {
        let s = ((v >> shift) & 0xff) as f64 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(16) + 0.7152 * c(8) + 0.0722 * c(0)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The two palettes of the stylesheet: light (first `:root`) and dark.
fn palettes() -> [BTreeMap<String, String>; 2] {
    let css = scene::style::SCENE_CSS;
    let dark_at = css.find("@media (prefers-color-scheme: dark)").unwrap();
    let read = |part: &str| -> BTreeMap<String, String> {
        part.lines()
            .filter_map(|l| {
                let l = l.trim();
                let (k, v) = l.strip_prefix("--rm-")?.split_once(':')?;
                Some((k.to_string(), v.trim().trim_end_matches(';').to_string()))
            })
            .collect()
    };
    [read(&css[..dark_at]), read(&css[dark_at..])]
}

#[test]
fn colours_pass_wcag_aa_in_both_themes() {
    // (text colour, background it is drawn on, minimum ratio)
    let pairs = [
        ("text", "bg", 4.5),
        ("muted", "bg", 4.5),
        ("text", "pod", 4.5),
        ("muted", "pod", 4.5),
        ("text", "service", 4.5),
        ("muted", "service", 4.5),
        ("warning", "service", 4.5),
        ("text", "access", 4.5),
        ("muted", "access", 4.5),
        ("text", "outside", 4.5),
        ("muted", "outside", 4.5),
        ("text", "frame", 4.5),
        ("muted", "frame", 4.5),
        // A refused object's error, on its greyed box.
        ("warning", "frame", 4.5),
        ("frame-text", "frame", 4.5),
        ("frame-text", "outside-frame", 4.5),
        ("badge-text", "badge", 4.5),
        ("isolated-text", "isolated", 4.5),
        // Glyphs are text too.
        ("allowed", "bg", 4.5),
        ("denied", "bg", 4.5),
        ("depends", "bg", 4.5),
        ("allowed", "frame", 4.5),
        ("denied", "frame", 4.5),
        ("depends", "frame", 4.5),
        // Lines and borders: 3:1 against what they cross.
        ("selects", "bg", 3.0),
        ("reaches", "bg", 3.0),
        ("selects", "frame", 3.0),
        ("focus", "bg", 3.0),
        ("pod-line", "frame", 3.0),
        ("service-line", "bg", 3.0),
        ("access-line", "bg", 3.0),
        ("outside-line", "outside-frame", 3.0),
        ("frame-line", "bg", 3.0),
    ];
    for (theme, p) in ["light", "dark"].iter().zip(palettes()) {
        for (fg, bg, min) in pairs {
            let r = contrast(&p[fg], &p[bg]);
            println!("{theme}: {fg} on {bg}: {r:.2}");
            assert!(
                r >= min,
                "{theme}: {fg} {} on {bg} {}: {r:.2} < {min}",
                p[fg],
                p[bg]
            );
        }
    }
}

#[test]
fn every_class_is_styled_and_every_marker_defined() {
    let css = scene::style::SCENE_CSS;
    for c in [
        Class::Namespace,
        Class::OutsideFrame,
        Class::Node,
        Class::Pod,
        Class::Workload,
        Class::Service,
        Class::Outside,
        Class::Access,
        Class::Title,
        Class::Detail,
        Class::Badge,
        Class::BadgeText,
        Class::Warning,
        Class::Isolated,
        Class::Edge,
        Class::Selects,
        Class::Allowed,
        Class::Denied,
        Class::Depends,
        Class::Broken,
        Class::EdgeLabel,
        Class::Glyph,
        Class::Bundle,
        Class::Focus,
        Class::Related,
        Class::Dim,
        Class::Note,
        Class::Canvas,
        Class::Heading,
        Class::Rejected,
    ] {
        assert!(
            css.contains(&format!(".{}", c.name())),
            "{} unstyled",
            c.name()
        );
    }
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    // The stylesheet goes inside <style> as text: nothing XML would read as markup.
    assert!(!css.contains('<') && !css.contains('&'));
    for id in [
        "rm-arrow-allowed",
        "rm-arrow-denied",
        "rm-arrow-depends",
        "rm-arrow-broken",
        "rm-arrow-selects",
        "rm-arrow-reaches",
        "rm-arrow-dim",
    ] {
        assert!(scene::style::DEFS.contains(&format!("id=\"{id}\"")), "{id}");
        assert!(css.contains(&format!("#{id}")), "{id} has no colour");
    }
    // The sizes the layout measures text with are the stylesheet's.
    for (class, size) in [
        (Class::Title, text::TITLE_SIZE),
        (Class::Detail, text::DETAIL_SIZE),
        (Class::BadgeText, text::BADGE_SIZE),
        (Class::EdgeLabel, text::LABEL_SIZE),
        (Class::Note, text::NOTE_SIZE),
        (Class::Glyph, text::GLYPH_SIZE),
    ] {
        let rule = format!("text.{} {{ font-size: {size}px;", class.name());
        assert!(css.contains(&rule), "missing `{rule}`");
    }
}
