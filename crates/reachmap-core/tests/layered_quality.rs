//! The figures the layout must reach on the fixtures (see COMPARISON.md for Graphviz's).

mod layered_graphs;

use reachmap_core::scene::layered::{layout, metrics, Edge, Graph, Node, Options};

#[test]
fn boutique_whole_beats_dot() {
    let m = metrics::measure(&layout(
        &layered_graphs::boutique_whole().graph,
        &Options::default(),
    ));
    assert_eq!(m.shared, 0);
    // dot -Tplain on the same graph (COMPARISON.md): 35 crossings, 1 shared pair.
    assert!(m.crossings < 35, "{m:?}");
}

#[test]
fn boutique_core_beats_dot() {
    let m = metrics::measure(&layout(
        &layered_graphs::boutique_core().graph,
        &Options::default(),
    ));
    assert_eq!(m.shared, 0);
    assert!(m.crossings < 8, "{m:?}");
}

#[test]
fn three_namespaces_beats_dot() {
    let m = metrics::measure(&layout(
        &layered_graphs::three_namespaces().graph,
        &Options::default(),
    ));
    assert_eq!(m.shared, 0);
    assert!(m.crossings < 8041, "{m:?}");
}

#[test]
fn a_box_with_two_incoming_edges_makes_the_preferred_one_straight() {
    // Two sources in one column, one target: the target cannot be level with both. Each
    // edge in turn preferred is the straight one; the other bends twice.
    for preferred in [0, 1] {
        let node = Node {
            width: 100,
            height: 40,
            group: None,
        };
        let g = Graph {
            nodes: vec![node.clone(), node.clone(), node],
            edges: vec![Edge { from: 0, to: 2 }, Edge { from: 1, to: 2 }],
            groups: Vec::new(),
            preferred: (0..2).map(|e| e == preferred).collect(),
        };
        let l = layout(&g, &Options::default());
        let bends: Vec<usize> = metrics::lines(&l).iter().map(metrics::bends).collect();
        let mut want = [2, 2];
        want[preferred] = 0;
        assert_eq!(bends, want, "preferred {preferred}: {:?}", l.edges);
    }
}
