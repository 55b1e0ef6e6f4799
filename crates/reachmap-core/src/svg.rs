//! A scene as a standalone SVG document: the stylesheet and arrowheads inline, no external
//! reference, a `<title>` and `<desc>`, one element per shape (as the page draws them), every
//! manifest string escaped so the result is well-formed XML 1.0 whatever the input holds.

use crate::scene::style::{DEFS, SCENE_CSS};
use crate::scene::{class_attr, Action, Anchor, Class, Scene, Shape};
use std::fmt::Write;

/// The SVG document of a scene. The page's "Export SVG" and `reachmap render` both call this.
pub fn render(scene: &Scene) -> String {
    let mut out = String::with_capacity(4096 + scene.shapes.len() * 256);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="rm-svg-title rm-svg-desc" data-view="{view}">"#,
        w = scene.width,
        h = scene.height,
        view = scene.view.name(),
    );
    out.push('\n');
    let _ = writeln!(
        out,
        r#"<title id="rm-svg-title">{}</title>"#,
        escape(&scene.title)
    );
    let _ = writeln!(
        out,
        r#"<desc id="rm-svg-desc">{}</desc>"#,
        escape(&scene.description)
    );
    let _ = writeln!(out, "<style>\n{SCENE_CSS}</style>");
    let _ = writeln!(out, "<defs>{DEFS}</defs>");
    for shape in &scene.shapes {
        shape_xml(&mut out, shape, 0, false);
    }
    out.push_str("</svg>\n");
    out
}

/// The inside of the page's `<svg>` element: the same shapes as `render`, each group that
/// acts on a click also a button (focusable, named by its title) for the keyboard and screen
/// readers. The stylesheet is the `<style>` element's whole text, as the page's
/// Content-Security-Policy hashes it (scripts/csp.mjs).
pub fn page_markup(scene: &Scene) -> String {
    let mut out = String::with_capacity(4096 + scene.shapes.len() * 300);
    let _ = write!(
        out,
        "<title>{}</title><desc>{}</desc><style>{SCENE_CSS}</style><defs>{DEFS}</defs>",
        escape(&scene.title),
        escape(&scene.description)
    );
    for shape in &scene.shapes {
        shape_xml(&mut out, shape, 0, true);
    }
    out
}

fn shape_xml(out: &mut String, shape: &Shape, depth: usize, page: bool) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    match shape {
        Shape::Group(g) => {
            let _ = write!(
                out,
                r#"<g class="{}" data-id="{}""#,
                class_attr(&g.classes),
                escape(&g.id)
            );
            let title = escape(&g.title);
            if let Some(a) = &g.action {
                let _ = write!(out, r#" data-action="{}""#, escape(&action_text(a)));
                if page {
                    let _ = write!(out, r#" tabindex="0" role="button" aria-label="{title}""#);
                }
            }
            let _ = writeln!(out, "><title>{title}</title>");
            for child in &g.children {
                shape_xml(out, child, depth + 1, page);
            }
            for _ in 0..depth {
                out.push_str("  ");
            }
            out.push_str("</g>\n");
        }
        Shape::Rect(r) => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}""#,
                r.x, r.y, r.width, r.height
            );
            if r.radius > 0 {
                let _ = write!(out, r#" rx="{}""#, r.radius);
            }
            let _ = writeln!(out, r#" class="{}"/>"#, class_attr(&r.classes));
        }
        Shape::Text(t) => {
            let _ = write!(out, r#"<text x="{}" y="{}""#, t.x, t.y);
            if t.anchor != Anchor::Start {
                let _ = write!(out, r#" text-anchor="{}""#, t.anchor.name());
            }
            let _ = writeln!(
                out,
                r#" class="{}">{}</text>"#,
                class_attr(&t.classes),
                escape(&t.text)
            );
        }
        Shape::Path(p) => {
            let _ = write!(
                out,
                r#"<path d="{}" class="{}""#,
                p.data(),
                class_attr(&p.classes)
            );
            if let Some(m) = p.marker() {
                let _ = write!(out, r#" marker-end="url(#{m})""#);
            }
            out.push_str("/>\n");
            // On the page, an arrow is clickable a few pixels either side of its thin line: an
            // unpainted wide copy over it takes the pointer (the page's stylesheet sizes it).
            if page && p.classes.contains(&Class::Edge) {
                let _ = writeln!(out, r#"<path d="{}" class="rm-hit"/>"#, p.data());
            }
        }
        Shape::Circle(c) => {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" class="{}"/>"#,
                c.x,
                c.y,
                c.r,
                class_attr(&c.classes)
            );
        }
    }
}

/// What a click does, as the CLI would ask it: `select default/nginx`,
/// `explain --from A --to B --port TCP/80`, `expand shop-0,shop-1`.
pub fn action_text(a: &Action) -> String {
    match a {
        Action::Select(what) => format!("select {what}"),
        Action::Explain { from, to, port } if port.is_empty() => {
            format!("explain --from {from} --to {to}")
        }
        Action::Explain { from, to, port } => {
            format!("explain --from {from} --to {to} --port {port}")
        }
        Action::Expand(namespaces) => format!("expand {}", namespaces.join(",")),
    }
}

/// Escapes text for XML content and attribute values alike. Characters XML 1.0 does not allow
/// (control characters other than tab and line breaks, U+FFFE, U+FFFF) are written as visible
/// escapes (`\u{1}`), and so are tab and line breaks, which attributes would turn into spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.extend(c.escape_default())
            }
            c => out.push(c),
        }
    }
    out
}
