//! The Policies view held to one measure of readability (`scene::readability`, the layout
//! engine's metrics over the scene's lines and boxes) on the reference inputs: no two lines
//! along one stretch, no box over another, and fewer crossings than Graphviz `dot` draws on
//! the same boxes and edges (its figures come from `bash benches/layout.sh`; the tests do not
//! run it).

use super::{boutique, build, dump, focus, reference, view};
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, readability, Level, SceneOptions, View};

/// `dot`'s crossings on the same edges (benches/layout.sh; see BENCHMARKS.md).
const DOT_BOUTIQUE: usize = 9;
const DOT_THREE_SHOPS_WORKLOADS: usize = 92;
const DOT_DUMP: usize = 1;

fn measured(s: &scene::Scene) -> readability::Metrics {
    let m = readability::measure(s);
    assert_eq!((m.shared, m.box_overlaps, m.edges_through_boxes), (0, 0, 0));
    m
}

#[test]
fn reference_examples_share_no_stretch_and_overlap_no_box() {
    for name in [
        "nginx-service.yaml",
        "run-expose.yaml",
        "deployment-service.yaml",
        "api-allow.yaml",
        "default-deny-all.yaml",
        "port-allow.yaml",
    ] {
        let text = reference(name);
        measured(&build(&text, &view(View::Policies)));
        let analysis = Analysis::of(&text);
        for g in &analysis.model().groups {
            let options = SceneOptions {
                show_denied: true,
                ..focus(&g.endpoint())
            };
            assert_eq!(measured(&build(&text, &options)).crossings, 0, "{name}");
        }
    }
}

#[test]
fn the_boutique_draws_fewer_crossings_than_dot() {
    let m = measured(&build(&boutique(), &view(View::Policies)));
    assert!(m.crossings < DOT_BOUTIQUE, "{m:?}");
    let m = measured(&build(&boutique(), &focus("default/frontend[Deployment]")));
    assert_eq!(m.crossings, 0);
    assert!(m.max_bends <= 2, "{m:?}");
}

#[test]
fn three_boutiques_fold_cleanly_and_draw_whole_with_fewer_crossings_than_dot() {
    let text = reachmap_synth::boutique(&["shop-0", "shop-1", "shop-2"]);
    let m = measured(&build(&text, &view(View::Policies)));
    assert_eq!(m.crossings, 0, "{m:?}");
    let whole = SceneOptions {
        level: Some(Level::Workload),
        ..view(View::Policies)
    };
    let m = measured(&build(&text, &whole));
    assert!(m.crossings < DOT_THREE_SHOPS_WORKLOADS, "{m:?}");
}

#[test]
fn a_real_dump_is_drawn_whole_folded() {
    let s = scene::build(&Analysis::of(&dump()), &view(View::Policies));
    let m = measured(&s);
    // dot draws its splines with one crossing on these 21 counted edges. With every namespace
    // talking to every other, the greedy's sequence (kube-system last) drew four; the one
    // with kube-system among the shops (which `layered::sequence` finds), one, as dot.
    assert!(m.crossings <= DOT_DUMP, "{m:?}");
}
