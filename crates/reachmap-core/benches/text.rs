//! Criterion benchmarks of the page's text helpers on a 500-pod synthetic cluster (the input
//! `benches/page.sh` types into): `highlight::yaml_html`, which runs on every keystroke, the
//! same for a window of 100 lines (`yaml_html_lines`), and `share::encode` / `share::decode`.
//!
//! ```text
//! cargo bench --bench text
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use reachmap_core::{highlight, share};
use std::hint::black_box;

/// 500 pods, 100 policies, 10 namespaces, 50 Services: the page benchmark's input.
fn input() -> String {
    reachmap_synth::generate(&reachmap_synth::Spec {
        pods: 500,
        policies: 100,
        namespaces: 10,
        services: 50,
        seed: 1,
    })
}

fn benches(c: &mut Criterion) {
    let text = input();
    let link = share::encode(&text);
    println!(
        "500-pod input: {} bytes, {} lines; highlighted HTML {} bytes; share link {} bytes",
        text.len(),
        text.lines().count(),
        highlight::yaml_html(&text).len(),
        link.len()
    );
    let mut group = c.benchmark_group("text-500-pods");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("highlight", |b| {
        b.iter(|| highlight::yaml_html(black_box(&text)))
    });
    // What a page highlighting only the lines in view pays: the last 100 lines, every line
    // above them scanned but not written.
    let last = text.lines().count();
    group.bench_function("highlight-last-100-lines", |b| {
        b.iter(|| highlight::yaml_html_lines(black_box(&text), last - 100..last))
    });
    group.bench_function("share-encode", |b| {
        b.iter(|| share::encode(black_box(&text)))
    });
    group.bench_function("share-decode", |b| {
        b.iter(|| share::decode(black_box(&link)))
    });
    group.finish();
}

criterion_group!(text, benches);
criterion_main!(text);
