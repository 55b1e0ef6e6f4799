//! Properties every layout must have, on random graphs (self-loops, parallel edges, first and
//! last columns, ungrouped nodes included) and on the fixtures.

mod layered_graphs;

use reachmap_core::scene::layered::{
    focus, layout, metrics, Column, Graph, Layout, Options, Point, Rect,
};

/// Which side of `r` the point `p` is on, if it is on a side (corners excluded).
fn side(p: Point, r: &Rect) -> Option<char> {
    let inside_y = r.y < p.y && p.y < r.bottom();
    if p.x == r.x && inside_y {
        Some('L')
    } else if p.x == r.right() && inside_y {
        Some('R')
    } else {
        None
    }
}

fn check(g: &Graph, l: &Layout, what: &str) {
    assert_eq!(l.nodes.len(), g.nodes.len(), "{what}: one box per node");
    assert_eq!(l.edges.len(), g.edges.len(), "{what}: one line per edge");
    for (n, r) in g.nodes.iter().zip(&l.nodes) {
        assert_eq!(r.width, n.width, "{what}: width kept");
        assert!(r.height >= n.height, "{what}: height kept or grown");
        assert!(
            r.x >= 0 && r.y >= 0 && r.right() <= l.width && r.bottom() <= l.height,
            "{what}: in the drawing"
        );
    }
    let lines = metrics::lines(l);
    let m = metrics::measure(l);
    assert_eq!(m.box_overlaps, 0, "{what}: boxes overlap");
    assert_eq!(
        metrics::shared_pairs(&lines),
        Vec::<(usize, usize)>::new(),
        "{what}: shared pieces"
    );
    assert_eq!(m.edges_through_boxes, 0, "{what}: an edge crosses a box");
    for (i, (e, pts)) in g.edges.iter().zip(&l.edges).enumerate() {
        assert!(pts.len() >= 2, "{what}: edge {i} drawn");
        for w in pts.windows(2) {
            assert!(
                w[0].x == w[1].x || w[0].y == w[1].y,
                "{what}: edge {i} not orthogonal: {pts:?}"
            );
            assert!(w[0] != w[1], "{what}: edge {i} repeats a point");
        }
        let (a, b) = (&l.nodes[e.from], &l.nodes[e.to]);
        let (start, end) = (pts[0], pts[pts.len() - 1]);
        let (s, t) = (side(start, a), side(end, b));
        match (s, t) {
            (Some('R'), Some('L')) => assert!(a.right() < b.x, "{what}: edge {i} goes right"),
            (Some('L'), Some('R')) => assert!(b.right() < a.x, "{what}: edge {i} goes left"),
            (Some('R'), Some('R')) => assert!(
                a.x < b.right() && b.x < a.right(),
                "{what}: turn {i} in one column"
            ),
            _ => panic!(
                "{what}: edge {i} does not start and end on its boxes' sides: {pts:?} {a:?} {b:?}"
            ),
        }
        // The first and last pieces leave the box outwards.
        let out = |p: Point, q: Point, r: &Rect| {
            (p.x == r.x && q.x < p.x) || (p.x == r.right() && q.x > p.x)
        };
        assert!(
            out(start, pts[1], a) && out(end, pts[pts.len() - 2], b),
            "{what}: edge {i} enters its box"
        );
        for p in pts {
            assert!(
                p.x >= 0 && p.y >= 0 && p.x <= l.width && p.y <= l.height,
                "{what}: edge {i} in the drawing"
            );
        }
    }
    let frames: Vec<(usize, Rect)> = l
        .groups
        .iter()
        .enumerate()
        .filter_map(|(k, f)| f.map(|f| (k, f)))
        .collect();
    for (k, f) in &frames {
        for (n, r) in g.nodes.iter().zip(&l.nodes) {
            if n.group == Some(*k) {
                assert!(f.contains(r), "{what}: member outside its frame {k}");
            } else {
                assert!(!f.overlaps(r), "{what}: foreign node in frame {k}");
            }
        }
        for (j, h) in &frames {
            assert!(
                j == k || !f.overlaps(h),
                "{what}: frames {k} and {j} overlap"
            );
        }
    }
    for k in 0..g.groups.len() {
        let has = g.nodes.iter().any(|n| n.group == Some(k));
        assert_eq!(l.groups[k].is_some(), has, "{what}: frame {k} iff members");
    }
    // First and last columns hold their groups alone.
    let col = |v: usize| {
        g.nodes[v]
            .group
            .map_or(Column::Free, |k| g.groups[k].column)
    };
    for v in 0..g.nodes.len() {
        for w in 0..g.nodes.len() {
            if col(v) == Column::First && col(w) != Column::First {
                assert!(
                    l.nodes[v].right() < l.nodes[w].x,
                    "{what}: first column not leftmost"
                );
            }
            if col(v) == Column::Last && col(w) != Column::Last {
                assert!(
                    l.nodes[w].right() < l.nodes[v].x,
                    "{what}: last column not rightmost"
                );
            }
        }
    }
}

#[test]
fn random_graphs_have_every_property() {
    let opts = Options::default();
    // LAYERED_SEEDS=5000 cargo test --release --test properties: a longer run.
    let seeds = std::env::var("LAYERED_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150u64);
    for seed in 0..seeds {
        let mut rng = layered_graphs::Rng::new(seed ^ 0xABCD);
        let n = 1 + rng.below(if seed % 10 == 9 { 80 } else { 30 });
        let m = rng.below(3 * n + 1);
        let groups = rng.below(4);
        let g = layered_graphs::random(seed, n, m, groups, seed % 3 != 0);
        let l = layout(&g.graph, &opts);
        check(
            &g.graph,
            &l,
            &format!("seed {seed} ({n} nodes, {m} edges, {groups} groups)"),
        );
        assert_eq!(l, layout(&g.graph, &opts), "seed {seed}: deterministic");
    }
}

#[test]
fn dense_and_odd_graphs() {
    let opts = Options::default();
    let mut cases = vec![
        ("empty", Graph::default()),
        ("three namespaces", layered_graphs::three_namespaces().graph),
        ("boutique whole", layered_graphs::boutique_whole().graph),
    ];
    let mut lonely = layered_graphs::random(1, 5, 0, 2, true).graph;
    lonely
        .edges
        .push(reachmap_core::scene::layered::Edge { from: 0, to: 0 });
    cases.push(("self-loop only", lonely));
    for seed in 0..6 {
        cases.push((
            "dense",
            layered_graphs::random(100 + seed, 25, 200, 2, true).graph,
        ));
    }
    for (name, g) in &cases {
        check(g, &layout(g, &opts), name);
    }
}

#[test]
fn edges_to_missing_nodes_are_not_drawn() {
    let mut g = layered_graphs::boutique_core().graph;
    g.edges
        .push(reachmap_core::scene::layered::Edge { from: 0, to: 999 });
    let l = layout(&g, &Options::default());
    assert!(l.edges.last().is_some_and(|e| e.is_empty()));
}

#[test]
fn focus_has_no_crossings() {
    let opts = Options::default();
    let mut graphs = vec![
        layered_graphs::boutique_whole(),
        layered_graphs::three_namespaces(),
        layered_graphs::boutique_core(),
    ];
    for seed in 0..10 {
        graphs.push(layered_graphs::random(200 + seed, 20, 60, 3, true));
    }
    for g in &graphs {
        for v in 0..g.graph.nodes.len() {
            let f = focus(&g.graph, v, &opts);
            let m = metrics::measure(&f.layout);
            assert_eq!(
                (m.crossings, m.shared, m.box_overlaps),
                (0, 0, 0),
                "focus on {}",
                g.names[v]
            );
            for (i, &e) in f.edges.iter().enumerate() {
                let orig = g.graph.edges[e];
                let drawn = f.layout.edges[i].clone();
                assert!(orig.from == v || orig.to == v);
                assert!(drawn.len() >= 2);
            }
        }
    }
}
