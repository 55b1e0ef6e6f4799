//! Criterion benchmarks of the scene builders on a 500-pod synthetic cluster (`src/synth.rs`):
//! what the page runs on every change of the text, after parsing and the Service analysis.
//!
//! ```text
//! cargo bench --bench scene
//! ```

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{build, SceneOptions, View};
use std::hint::black_box;
use std::time::Duration;

fn benches(c: &mut Criterion) {
    let text = reachmap_synth::generate(&reachmap_synth::Spec {
        pods: 500,
        policies: 75,
        namespaces: 5,
        services: 50,
        seed: 1,
    });
    let analysis = Analysis::of(&text);
    let focus = analysis.model().groups.first().map(|g| g.endpoint());
    let cases = [
        ("services", SceneOptions::default()),
        (
            "policies",
            SceneOptions {
                view: View::Policies,
                ..SceneOptions::default()
            },
        ),
        (
            "policies-focus",
            SceneOptions {
                view: View::Policies,
                focus,
                ..SceneOptions::default()
            },
        ),
    ];
    let mut group = c.benchmark_group("scene-500-pods");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(4));
    // Each build on a new analysis (made outside the timing), as after an edit: the port matrix
    // the Policies view needs is part of what is measured, not a cached answer.
    for (name, options) in &cases {
        group.bench_function(*name, |b| {
            b.iter_batched_ref(
                || Analysis::of(&text),
                |analysis| build(black_box(analysis), options),
                BatchSize::LargeInput,
            )
        });
    }
    group.bench_function("svg-render-policies", |b| {
        let scene = build(&analysis, &cases[1].1);
        b.iter(|| reachmap_core::svg::render(black_box(&scene)))
    });
    group.finish();
}

criterion_group!(scene_benches, benches);
criterion_main!(scene_benches);
