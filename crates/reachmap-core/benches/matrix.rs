//! Criterion benchmarks of the library on synthetic clusters (see `src/synth.rs`):
//! `reachmap_core::parse` of the manifest text, and `reachmap_core::analysis::matrix` on the parsed
//! model with the seven probes `benches/cli.sh` uses.
//!
//! ```text
//! cargo bench --bench matrix
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use reachmap_core::analysis::{matrix, Probe};
use std::hint::black_box;
use std::time::Duration;

const PORTS: &str = "TCP/80,TCP/443,TCP/8080,TCP/9090,TCP/9100,UDP/53,SCTP/9";

/// The inputs: (label, spec), the same as `benches/cli.sh`'s first two cases.
fn inputs() -> Vec<(&'static str, String)> {
    [("2k", 2000, 300, 20, 200), ("5k", 5000, 1000, 50, 500)]
        .into_iter()
        .map(|(label, pods, policies, namespaces, services)| {
            let spec = reachmap_synth::Spec {
                pods,
                policies,
                namespaces,
                services,
                seed: 1,
            };
            (label, reachmap_synth::generate(&spec))
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let probes: Vec<Probe> = PORTS.split(',').map(|p| p.parse().unwrap()).collect();
    let inputs = inputs();

    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for (label, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), text, |b, text| {
            b.iter(|| reachmap_core::parse(black_box(text)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("matrix");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for (label, text) in &inputs {
        let parsed = reachmap_core::parse(text);
        group.bench_with_input(
            BenchmarkId::from_parameter(label),
            &parsed.model,
            |b, model| b.iter(|| matrix(black_box(model), &probes)),
        );
    }
    group.finish();
}

criterion_group!(matrix_benches, benches);
criterion_main!(matrix_benches);
