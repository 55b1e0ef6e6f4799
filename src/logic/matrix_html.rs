//! The Matrix view's panes as HTML: the cells in view and the heads in view, written by plain
//! code rather than one Leptos view per cell (the page's wasm stays small, and a screenful of
//! cells is one string). Every manifest string is escaped (`svg::escape` serves HTML too).
//! Places and sizes are `data-x`, `data-y`, `data-w`, `data-h` attributes in pixels, which the
//! page applies through the CSSOM: the Content-Security-Policy refuses `style` attributes.

use super::matrix::{cell, window, Axis, Mark, MatrixData, CELL_H, CELL_W};
use reachmap_core::analysis::Verdict;
use reachmap_core::svg::escape;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The header panes' sizes: the row heads' width, the column heads' height (namespace band
/// and names), and the band's thickness.
pub const ROW_HEAD_W: i32 = 220;
pub const COL_HEAD_H: i32 = 130;
const BAND: i32 = 24;

/// Where the cells' pane is scrolled to and how large it is, in pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Viewport {
    pub top: i32,
    pub left: i32,
    pub width: i32,
    pub height: i32,
}

/// A verdict as a shape and a word (the word is the cell's class).
pub fn verdict_mark(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Allowed => ("✓", "allowed"),
        Verdict::Denied => ("✗", "denied"),
        Verdict::Depends => ("?", "depends"),
    }
}

/// The cells in view, each a button at its place; only `current` is in the tab order.
pub fn cells(data: &MatrixData, axis: &Axis, v: Viewport, current: (usize, usize)) -> String {
    let n = axis.entries.len();
    let (r0, rows) = window(v.top, v.height, CELL_H, n);
    let (c0, cols) = window(v.left, v.width, CELL_W, n);
    let mut out = String::with_capacity(rows * cols * 200);
    for r in r0..r0 + rows {
        for c in c0..c0 + cols {
            let cell = cell(data, axis, r, c);
            let (x, y) = (c as i32 * CELL_W, r as i32 * CELL_H);
            let name = escape(&cell.name);
            let (icon, word) = match cell.mark {
                Mark::Same => {
                    let _ = write!(
                        out,
                        r#"<span class="cell self" data-x="{x}" data-y="{y}" title="{name}">—</span>"#
                    );
                    continue;
                }
                // A half-filled circle: allowed, but on some ports only.
                Mark::SomePorts => ("◐".to_string(), "allowed some-ports"),
                Mark::Verdict(v) => {
                    let (icon, word) = verdict_mark(v);
                    (icon.to_string(), word)
                }
                Mark::Count { allowed, pairs } => (
                    allowed.to_string(),
                    match allowed {
                        0 => "denied",
                        x if x == pairs => "allowed",
                        _ => "some",
                    },
                ),
            };
            let tab = if current == (r, c) { 0 } else { -1 };
            let _ = write!(
                out,
                r#"<button type="button" class="cell {word}" data-x="{x}" data-y="{y}" aria-label="{name}" title="{name}" data-r="{r}" data-c="{c}" tabindex="{tab}">{icon}</button>"#
            );
        }
    }
    out
}

/// The heads in view across the top (`across`, at horizontal scroll `at` of `size` pixels) or
/// down the side: a band per namespace run with its fold button, and the names.
pub fn heads(
    data: &MatrixData,
    axis: &Axis,
    folded: &BTreeSet<String>,
    (at, size): (i32, i32),
    across: bool,
) -> String {
    let cell = if across { CELL_W } else { CELL_H };
    let (first, count) = window(at, size, cell, axis.entries.len());
    let mut out = String::new();
    let mut i = first;
    while i < first + count {
        let ns = &axis.namespaces[i];
        let mut end = i + 1;
        while end < first + count && axis.namespaces[end] == *ns {
            end += 1;
        }
        let (start, length) = (i as i32 * cell, (end - i) as i32 * cell);
        let (mark, verb, expanded) = if folded.contains(ns) {
            ("▸", "Open", "false")
        } else {
            ("▾", "Fold", "true")
        };
        let place = if across {
            format!(
                r#"ns-band ns-band-col" data-x="{start}" data-y="0" data-w="{length}" data-h="{BAND}"#
            )
        } else {
            format!(
                r#"ns-band ns-band-row" data-x="0" data-y="{start}" data-w="{BAND}" data-h="{length}"#
            )
        };
        let ns = escape(ns);
        let _ = write!(
            out,
            r#"<button type="button" class="{place}" data-ns="{ns}" title="{verb} namespace {ns}" aria-label="{verb} namespace {ns}" aria-expanded="{expanded}">{mark} {ns}</button>"#
        );
        i = end;
    }
    for i in first..first + count {
        let (full, short) = (escape(&axis.name(data, i)), escape(&axis.short(data, i)));
        let at = i as i32 * cell;
        let _ = if across {
            write!(
                out,
                r#"<div class="col-head" data-x="{at}" data-y="{BAND}" title="{full}"><span>{short}</span></div>"#
            )
        } else {
            let width = ROW_HEAD_W - BAND - 6;
            write!(
                out,
                r#"<div class="row-head" data-x="{BAND}" data-y="{at}" data-w="{width}" title="{full}">{short}</div>"#
            )
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::analysis::{Analysis, PortChoice};

    fn shops(n: usize) -> Analysis {
        let root = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/examples/online-boutique/"
        );
        let read = |f: &str| std::fs::read_to_string(format!("{root}{f}")).unwrap();
        let mut text = String::new();
        for i in 0..n {
            for t in [
                read("kubernetes-manifests.yaml"),
                read("network-policies.yaml"),
            ] {
                text.push_str(&t.replace(
                    "\nmetadata:\n",
                    &format!("\nmetadata:\n  namespace: s{i}\n"),
                ));
                text.push_str("\n---\n");
            }
        }
        Analysis::of(&text)
    }

    #[test]
    fn only_the_cells_in_view_are_written_and_one_is_in_the_tab_order() {
        // 42 namespaces of 12 pod groups: 504 × 504 cells.
        let a = shops(42);
        let data = MatrixData::of(a.model(), &a.port_matrix(PortChoice::Any));
        let model = &data;
        let axis = Axis::of(model, &BTreeSet::new(), &BTreeSet::new(), "");
        assert_eq!(axis.entries.len(), 504);
        let v = Viewport {
            top: 300 * CELL_H,
            left: 100 * CELL_W,
            width: 900,
            height: 600,
        };
        let html = cells(model, &axis, v, (301, 101));
        let buttons = html.matches("<button").count();
        assert!((500..1500).contains(&buttons), "{buttons}");
        assert_eq!(html.matches(r#"tabindex="0""#).count(), 1);
        assert!(html.contains(r#"data-r="301" data-c="101" tabindex="0""#));
        assert!(!html.contains(r#"data-r="0""#));
        let name = cell(model, &axis, 301, 101).name;
        assert!(name.ends_with("any port: allowed") || name.ends_with("any port: denied"));
        assert!(html.contains(&format!("aria-label=\"{}\"", escape(&name))));
    }

    #[test]
    fn heads_carry_the_fold_buttons_and_escape_names() {
        let a = shops(2);
        let data = MatrixData::of(a.model(), &a.port_matrix(PortChoice::Any));
        let model = &data;
        let folded: BTreeSet<String> = ["s1".into()].into();
        let axis = Axis::of(model, &BTreeSet::new(), &folded, "");
        let html = heads(model, &axis, &folded, (0, 2000), true);
        assert!(html.contains(r#"data-ns="s0" title="Fold namespace s0""#));
        assert!(html.contains(r#"aria-label="Open namespace s1" aria-expanded="false">▸ s1"#));
        assert!(html.contains(r#"title="s0/frontend[Deployment]"><span>frontend</span>"#));
        assert!(html.contains("<span>s1 (12)</span>"));
        let down = heads(model, &axis, &folded, (0, 2000), false);
        assert!(down.contains("ns-band-row") && down.contains("row-head"));
    }
}
