//! What comparing versions costs, on synthetic clusters (reachmap-synth) of growing size:
//! `cargo run --release -p reachmap-core --example diff_timing`. Per cluster: the analysis
//! (`Analysis::of`, which includes the redundant-rule check), the redundant-rule check alone,
//! and `analysis::diff` against the same cluster with every fifth NetworkPolicy removed. The
//! best of 3 runs, in milliseconds; BENCHMARKS.md quotes the figures.

use reachmap_core::analysis::redundancy::redundant_rules;
use reachmap_core::analysis::{diff, Analysis, DiffPorts};
use reachmap_synth::{generate, Spec};
use std::time::Instant;

fn best<T>(f: &mut dyn FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        out = Some(v);
    }
    (best, out.expect("ran"))
}

/// The text without every fifth NetworkPolicy document.
fn fewer_policies(text: &str) -> String {
    let mut n = 0;
    text.split("\n---\n")
        .filter(|d| {
            if d.contains("kind: NetworkPolicy") {
                n += 1;
                n % 5 != 0
            } else {
                true
            }
        })
        .collect::<Vec<_>>()
        .join("\n---\n")
}

fn main() {
    println!("| pods | groups | policies | rules | Analysis::of | redundant rules | findings | diff (any port) | rows |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for pods in [50, 100, 200, 400, 1000] {
        let spec = Spec {
            pods,
            policies: pods / 5,
            namespaces: 5,
            services: pods / 5,
            seed: 1,
        };
        let text = generate(&spec);
        let (t_of, a) = best(&mut || Analysis::of(&text));
        let (t_red, found) = best(&mut || redundant_rules(a.model(), &a.reports));
        let b = Analysis::of(&fewer_policies(&text));
        let (t_diff, d) = best(&mut || diff(&a, &b, &DiffPorts::Any));
        let rules: usize = a
            .model()
            .policies
            .iter()
            .map(|p| p.ingress.len() + p.egress.len())
            .sum();
        let what = match found.first() {
            Some(f) if f.code == reachmap_core::Code::Limit => "not made (budget)".to_string(),
            _ => format!("{} redundant", found.len()),
        };
        println!(
            "| {pods} | {} | {} | {rules} | {t_of:.1} ms | {t_red:.1} ms | {what} | {t_diff:.1} ms | {} |",
            a.model().groups.len(),
            a.model().policies.len(),
            d.rows.len()
        );
    }
}
