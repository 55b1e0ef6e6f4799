//! Criterion benchmarks of the page's text helpers on a 500-pod synthetic cluster (the input
//! `benches/page.sh` types into): `highlight::yaml_html`, which runs on every keystroke, the
//! same for a window of 100 lines (`yaml_html_lines`), and `share::encode` / `share::decode`;
//! and what the page's analysis worker does after a keystroke in one document of a 5,000-pod
//! text: the whole analysis with every document read again (`Analysis::of_with`) and with
//! the unchanged documents' readings kept (`Analysis::of_cached`).
//!
//! ```text
//! cargo bench --bench text
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use reachmap_core::analysis::Analysis;
use reachmap_core::parse::{ParseOptions, ReadCache};
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

/// Benchmarks a keystroke's analysis in `group`: the two `texts` (a keystroke apart) analysed
/// in turn, as the worker does while a person types, reading everything afresh (`whole`) and
/// with `cache` keeping what did not change (`kept`).
fn keystroke(
    c: &mut Criterion,
    group: &str,
    [whole, kept]: [&str; 2],
    texts: &[String; 2],
    cache: &mut ReadCache,
) {
    let options = ParseOptions::page();
    let mut group = c.benchmark_group(group);
    group.sample_size(10);
    let mut turn = 0;
    group.bench_function(whole, |b| {
        b.iter(|| {
            turn ^= 1;
            Analysis::of_with(black_box(&texts[turn]), &options)
        })
    });
    Analysis::of_cached(&texts[0], &options, cache);
    group.bench_function(kept, |b| {
        b.iter(|| {
            turn ^= 1;
            Analysis::of_cached(black_box(&texts[turn]), &options, cache)
        })
    });
    group.finish();
}

/// A keystroke's analysis: the text with one character typed into its middle document.
fn edit_benches(c: &mut Criterion) {
    let text = reachmap_synth::generate(&reachmap_synth::Spec {
        pods: 5000,
        policies: 1000,
        namespaces: 50,
        services: 500,
        seed: 1,
    });
    let middle = text[text.len() / 2..].find("\n---\n").expect("documents") + text.len() / 2;
    // Two texts a keystroke apart, analysed in turn, as the worker does while a person types.
    let texts = [
        text.clone(),
        format!("{}#{}", &text[..middle], &text[middle..]),
    ];
    let mut cache = ReadCache::default();
    keystroke(
        c,
        "keystroke-5000-pods",
        [
            "analysis-reading-every-document",
            "analysis-reading-changed-documents",
        ],
        &texts,
        &mut cache,
    );
    println!(
        "5,000-pod text: {} bytes, {} documents kept, {} read afresh per keystroke",
        text.len(),
        cache.len(),
        cache.fresh()
    );
}

/// A keystroke's analysis in a 5,040-pod `kubectl get -A -o yaml` dump (one List document):
/// every item read again, or only the item that changed.
fn dump_edit_benches(c: &mut Criterion) {
    let text = reachmap_synth::dump(
        &reachmap_synth::DumpSpec::with_pods(5040, 10),
        reachmap_synth::DumpFormat::Yaml,
    );
    let middle = text[text.len() / 2..].find("\n- ").expect("items") + text.len() / 2;
    let options = ParseOptions::page();
    let texts = [
        text.clone(),
        format!("{}\n#{}", &text[..middle], &text[middle..]),
    ];
    let started = std::time::Instant::now();
    Analysis::of_with(&texts[0], &options);
    let whole = started.elapsed();
    let mut cache = ReadCache::default();
    let started = std::time::Instant::now();
    Analysis::of_cached(&texts[0], &options, &mut cache);
    let first = started.elapsed();
    println!(
        "5,040-pod dump: {} bytes; first analysis {whole:.2?} read whole, {first:.2?} item by item ({} items kept)",
        text.len(),
        cache.items()
    );
    keystroke(
        c,
        "keystroke-dump-5040-pods",
        [
            "analysis-reading-every-item",
            "analysis-reading-changed-items",
        ],
        &texts,
        &mut cache,
    );
    println!("items read afresh per keystroke: {}", cache.fresh_items());
}

criterion_group!(text, benches, edit_benches, dump_edit_benches);
criterion_main!(text);
