//! The Policies view's readability on the reference cases, beside Graphviz `dot` on the same
//! boxes, frames and edges: `bash benches/layout.sh` (which installs graphviz when missing),
//! or `cargo run --release -p reachmap-core --example layout_figures -- [folder]`.
//!
//! Each case is built as the page and `reachmap render` build it (`scene::build`), measured
//! with `scene::readability`, then handed to `dot` as a graph: one box per node of the size
//! drawn, one cluster per frame, the drawn edges between the boxes their ends lie on, left to
//! right. Dot's splines are sampled (16 points per Bézier piece) and measured the same way, so
//! its "bends" count sample points and mean nothing. The `.dot` and `.plain` files go to the
//! folder (default `target/layout`). Without `dot` on the PATH only our rows are printed.

use reachmap_core::analysis::Analysis;
use reachmap_core::scene::layered::metrics::{self, Line, Metrics};
use reachmap_core::scene::layered::Rect;
use reachmap_core::scene::readability::{self, Drawing};
use reachmap_core::scene::{self, Level, SceneOptions, View};
use std::fmt::Write;
use std::process::Command;
use std::time::Instant;

fn read(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read_to_string(format!("{root}{path}")).expect("an example file")
}

fn boutique() -> String {
    read("public/examples/online-boutique/kubernetes-manifests.yaml")
        + "\n---\n"
        + &read("public/examples/online-boutique/network-policies.yaml")
}

fn policies() -> SceneOptions {
    SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    }
}

/// The cases: a name, the text, the options.
fn cases() -> Vec<(String, String, SceneOptions)> {
    let dump = reachmap_synth::three_namespace_dump();
    let focus = SceneOptions {
        focus: Some("default/frontend[Deployment]".into()),
        ..policies()
    };
    let mut out = vec![
        (
            "api-allow".to_string(),
            read("public/examples/reference/api-allow.yaml"),
            policies(),
        ),
        ("boutique whole".into(), boutique(), policies()),
        ("boutique focus on frontend".into(), boutique(), focus),
        (
            "boutique in 3 namespaces".into(),
            reachmap_synth::boutique(&["shop-0", "shop-1", "shop-2"]),
            policies(),
        ),
        ("dump of 3 namespaces".into(), dump.clone(), policies()),
    ];
    out.extend(extra_cases(&dump));
    out
}

/// The same inputs at a chosen level: the realistic 36-workload case and the dump drawn whole,
/// and the dump opened one namespace at a time.
fn extra_cases(dump: &str) -> Vec<(String, String, SceneOptions)> {
    vec![
        (
            "boutique in 3 namespaces, workload level".into(),
            reachmap_synth::boutique(&["shop-0", "shop-1", "shop-2"]),
            SceneOptions {
                level: Some(Level::Workload),
                ..policies()
            },
        ),
        (
            "dump of 3 namespaces, workload level".into(),
            dump.to_string(),
            SceneOptions {
                level: Some(Level::Workload),
                ..policies()
            },
        ),
        (
            "dump of 3 namespaces, shop-0 open".into(),
            dump.to_string(),
            SceneOptions {
                expand: ["shop-0".to_string()].into(),
                ..policies()
            },
        ),
    ]
}

/// The drawing as a DOT graph: left to right, one cluster per frame, boxes of the drawn size.
fn to_dot(d: &Drawing) -> String {
    let mut s = String::from("digraph G {\n  rankdir=LR;\n  node [shape=box, fixedsize=true];\n");
    let node = |s: &mut String, i: usize| {
        let r = &d.boxes[i];
        let _ = writeln!(
            s,
            "  n{i} [label=\"\", width={:.3}, height={:.3}];",
            r.width as f64 / 72.0,
            r.height as f64 / 72.0
        );
    };
    let frame_of: Vec<Option<usize>> = (0..d.boxes.len()).map(|b| d.frame_of(b)).collect();
    for f in 0..d.frames.len() {
        let _ = writeln!(
            s,
            "  subgraph cluster_{f} {{\n    label=\"{}\";",
            d.frames[f].0
        );
        for b in (0..d.boxes.len()).filter(|&b| frame_of[b] == Some(f)) {
            node(&mut s, b);
        }
        s.push_str("  }\n");
    }
    for b in (0..d.boxes.len()).filter(|&b| frame_of[b].is_none()) {
        node(&mut s, b);
    }
    for e in &d.edges {
        if let (Some(a), Some(b)) = (e.from, e.to) {
            let _ = writeln!(s, "  n{a} -> n{b};");
        }
    }
    s.push_str("}\n");
    s
}

fn num(t: &str) -> f64 {
    t.parse().unwrap_or(0.0)
}

/// Boxes and sampled edges (in points, y down) from `dot -Tplain`.
fn parse_plain(text: &str) -> (Vec<Rect>, Vec<Line>, f64, f64) {
    let (mut boxes, mut lines, mut w, mut h) = (Vec::new(), Vec::new(), 0.0, 0.0);
    for line in text.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        match t.first().copied() {
            Some("graph") => {
                w = num(t[2]) * 72.0;
                h = num(t[3]) * 72.0;
            }
            Some("node") => {
                let (x, y) = (num(t[2]) * 72.0, h - num(t[3]) * 72.0);
                let (bw, bh) = (num(t[4]) * 72.0, num(t[5]) * 72.0);
                boxes.push(Rect {
                    x: (x - bw / 2.0).round() as i32,
                    y: (y - bh / 2.0).round() as i32,
                    width: bw.round() as i32,
                    height: bh.round() as i32,
                });
            }
            Some("edge") => {
                let n: usize = t[3].parse().unwrap_or(0);
                let pts: Vec<(f64, f64)> = (0..n)
                    .map(|i| (num(t[4 + 2 * i]) * 72.0, h - num(t[5 + 2 * i]) * 72.0))
                    .collect();
                let mut out = vec![pts[0]];
                for c in pts[1..].chunks(3).filter(|c| c.len() == 3) {
                    let p0 = *out.last().unwrap_or(&pts[0]);
                    for k in 1..=16 {
                        let s = k as f64 / 16.0;
                        let r = 1.0 - s;
                        let f = |a: f64, b: f64, c2: f64, d: f64| {
                            r * r * r * a
                                + 3.0 * r * r * s * b
                                + 3.0 * r * s * s * c2
                                + s * s * s * d
                        };
                        out.push((
                            f(p0.0, c[0].0, c[1].0, c[2].0),
                            f(p0.1, c[0].1, c[1].1, c[2].1),
                        ));
                    }
                }
                lines.push(out);
            }
            _ => {}
        }
    }
    (boxes, lines, w, h)
}

fn row(name: &str, who: &str, m: &Metrics, ms: f64) -> String {
    let per_edge = if m.edges == 0 {
        0.0
    } else {
        m.bends as f64 / m.edges as f64
    };
    format!(
        "| {name} | {who} | {} | {} | {} | {per_edge:.1} | {} | {:.0} | {} | {} | {:.0}×{:.0} | {ms:.1} |",
        m.edges,
        m.crossings,
        m.shared,
        m.max_bends,
        m.length,
        m.box_overlaps,
        m.edges_through_boxes,
        m.width,
        m.height
    )
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/layout".into());
    std::fs::create_dir_all(&dir).expect("the output folder");
    println!("| case | drawn by | edges | crossings | shared | bends per edge | most bends | length | box overlaps | edges through boxes | size | ms |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, text, options) in cases() {
        let analysis = Analysis::of(&text);
        // The best of 5 builds, each from a fresh analysis (the port matrix is part of it).
        let mut best = f64::MAX;
        for _ in 0..5 {
            let fresh = Analysis::of(&text);
            let start = Instant::now();
            let _ = scene::build(&fresh, &options);
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        }
        let s = scene::build(&analysis, &options);
        println!(
            "{}",
            row(&name, "reachmap", &readability::measure(&s), best)
        );
        let d = readability::drawing(&s);
        let file = format!("{dir}/{}.dot", name.replace(' ', "-"));
        std::fs::write(&file, to_dot(&d)).expect("write the .dot file");
        let start = Instant::now();
        let Ok(out) = Command::new("dot").args(["-Tplain", &file]).output() else {
            continue;
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        std::fs::write(file.replace(".dot", ".plain"), &text).expect("write the .plain file");
        let (boxes, lines, w, h) = parse_plain(&text);
        let m = metrics::measure_lines(&lines, &boxes, w, h);
        println!("{}", row(&name, "dot, same edges", &m, ms));
    }
}
