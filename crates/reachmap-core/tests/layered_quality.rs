//! The figures the layout must reach on the fixtures (see COMPARISON.md for Graphviz's).

mod layered_graphs;

use reachmap_core::scene::layered::{layout, metrics, Options};

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
