//! The Policies view held to one measure of readability (`scene::readability`, the layout
//! engine's metrics over the scene's lines and boxes) on the reference inputs: no two lines
//! along one stretch, no box over another, and fewer crossings than Graphviz `dot` draws on
//! the same boxes and edges, or as few where no drawing can have fewer (its figures come from
//! `bash benches/layout.sh`; the tests do not run it).

use super::{boutique, build, dump, focus, reference, view};
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, readability, Level, SceneOptions, View};

/// `dot`'s crossings on the same edges (benches/layout.sh; see docs/benchmarks/layout.md).
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
    // dot draws its splines with one crossing on these 21 counted edges, and no drawing of
    // them can do with none: the outside where flows come from, kube-system and the outside
    // where flows go each have edges with all three shops, a K3,3, which no drawing in the
    // plane has without a crossing (boxes are disjoint and lines avoid them, so shrinking each
    // box to a point leaves a drawing of the graph). The greedy's sequence (kube-system last)
    // drew four; the one with kube-system among the shops (`layered::sequence`), one.
    let d = readability::drawing(&s);
    let (sides, shops) = utility_graph(&d).expect("a K3,3 among the folded boxes");
    let names = |b: [usize; 3]| b.map(|b| d.box_ids[b].clone());
    assert_eq!(
        (names(sides), names(shops)),
        (
            ["outside:any", "ns:kube-system", "outside:any@right"].map(String::from),
            ["ns:shop-0", "ns:shop-1", "ns:shop-2"].map(String::from)
        )
    );
    assert_eq!(m.crossings, DOT_DUMP, "{m:?}");
}

/// Two disjoint triples of boxes with a drawn edge (either way) between each box of one and
/// each of the other: a K3,3, so at least one crossing in any drawing. The first found, by
/// box index (brute force: for the few boxes of a folded drawing).
fn utility_graph(d: &readability::Drawing) -> Option<([usize; 3], [usize; 3])> {
    let n = d.boxes.len();
    let mut joined = vec![vec![false; n]; n];
    for e in &d.edges {
        if let (Some(a), Some(b)) = (e.from, e.to) {
            joined[a][b] = true;
            joined[b][a] = true;
        }
    }
    let triples = || {
        (0..n).flat_map(move |a| (a + 1..n).flat_map(move |b| (b + 1..n).map(move |c| [a, b, c])))
    };
    for one in triples() {
        for other in triples().filter(|t| t.iter().all(|v| !one.contains(v))) {
            if one.iter().all(|&a| other.iter().all(|&b| joined[a][b])) && one[0] < other[0] {
                return Some((one, other));
            }
        }
    }
    None
}
