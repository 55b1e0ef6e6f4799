//! Prints a synthetic cluster as manifest text, or times the library on one.
//!
//! ```text
//! cargo run --release -p reachmap-synth -- --pods 2000 --policies 300 --namespaces 20 \
//!     --services 200 --seed 1 > cluster.yaml
//! cargo run --release -p reachmap-synth -- --time --in cluster.yaml
//! cargo run --release -p reachmap-synth -- --dump json --pods 5040 --replicas 10 > dump.json
//! ```
//!
//! Options (all optional):
//! - `--pods N --policies N --namespaces N --services N --seed S`: the cluster to generate
//!   (defaults: 100, 20, 5, 20, 1; `--services` defaults to a tenth of the pods when `--pods`
//!   is given).
//! - `--distinct`: every pod its own class to the policies (`generate_distinct`: one replica
//!   per Deployment, a unique label that the default denies read).
//! - `--time`: instead of printing the text, parse it and compute the matrix, and print one
//!   line of `key=value` figures: pods, groups, classes, policies, namespaces, errors,
//!   parse_ms, matrix_ms, and the allowed pairs per probe.
//! - `--in FILE`: with `--time`, read this file instead of generating one.
//! - `--dump yaml|json|typed`: instead of manifests, a real-looking `kubectl get … -A -o yaml`
//!   (or `-o json`, or the API server's typed lists) of Online Boutique shops with about
//!   `--pods` pods, `--replicas` pods per Deployment (default 4), over `--nodes` nodes
//!   (default 8); `--seed` as above.
//! - `--ports LIST`: with `--time`, the probes (default
//!   `TCP/80,TCP/443,TCP/8080,TCP/9090,TCP/9100,UDP/53,SCTP/9`).

use reachmap_core::analysis::{matrix, Probe};
use reachmap_core::Severity;
use std::process::exit;
use std::time::Instant;

const DEFAULT_PORTS: &str = "TCP/80,TCP/443,TCP/8080,TCP/9090,TCP/9100,UDP/53,SCTP/9";

fn usage(message: &str) -> ! {
    eprintln!("synth: {message}");
    eprintln!(
        "usage: synth [--pods N] [--policies N] [--namespaces N] [--services N] [--seed S] [--distinct] \
         [--time [--in FILE] [--ports LIST]] | [--dump yaml|json|typed [--pods N] [--replicas N] [--nodes N] [--seed S]]"
    );
    exit(2)
}

fn main() {
    let mut spec = reachmap_synth::Spec::default();
    let mut services_given = false;
    let mut time = false;
    let mut distinct = false;
    let mut input: Option<String> = None;
    let mut ports = DEFAULT_PORTS.to_string();
    let mut dump: Option<reachmap_synth::DumpFormat> = None;
    let (mut replicas, mut nodes) = (4usize, 8usize);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--time" {
            time = true;
            continue;
        }
        if arg == "--distinct" {
            distinct = true;
            continue;
        }
        if arg == "-h" || arg == "--help" {
            usage("prints a synthetic cluster");
        }
        let Some(value) = args.next() else {
            usage(&format!("`{arg}` needs a value"));
        };
        let number = || -> u64 {
            value
                .parse()
                .unwrap_or_else(|_| usage(&format!("`{arg} {value}`: not a number")))
        };
        match arg.as_str() {
            "--pods" => spec.pods = number() as usize,
            "--policies" => spec.policies = number() as usize,
            "--namespaces" => spec.namespaces = number() as usize,
            "--services" => {
                spec.services = number() as usize;
                services_given = true;
            }
            "--seed" => spec.seed = number(),
            "--in" => input = Some(value),
            "--ports" => ports = value,
            "--replicas" => replicas = (number() as usize).max(1),
            "--nodes" => nodes = (number() as usize).max(1),
            "--dump" => {
                dump = Some(match value.as_str() {
                    "yaml" => reachmap_synth::DumpFormat::Yaml,
                    "json" => reachmap_synth::DumpFormat::Json,
                    "typed" => reachmap_synth::DumpFormat::TypedLists,
                    _ => usage(&format!("`--dump {value}`: yaml, json or typed")),
                })
            }
            _ => usage(&format!("unknown option `{arg}`")),
        }
    }
    if !services_given && spec.pods != reachmap_synth::Spec::default().pods {
        spec.services = spec.pods / 10;
    }
    if let Some(format) = dump {
        let spec = reachmap_synth::DumpSpec {
            nodes,
            seed: spec.seed,
            ..reachmap_synth::DumpSpec::with_pods(spec.pods, replicas)
        };
        print!("{}", reachmap_synth::dump(&spec, format));
        return;
    }
    let text = match &input {
        Some(path) => std::fs::read_to_string(path)
            .unwrap_or_else(|e| usage(&format!("cannot read {path}: {e}"))),
        None if distinct => reachmap_synth::generate_distinct(&spec),
        None => reachmap_synth::generate(&spec),
    };
    if !time {
        print!("{text}");
        return;
    }
    let probes: Vec<Probe> = ports
        .split(',')
        .map(|p| p.trim().parse().unwrap_or_else(|e: String| usage(&e)))
        .collect();
    let start = Instant::now();
    let parsed = reachmap_core::parse(&text);
    let parse_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let m = matrix(&parsed.model, &probes);
    let matrix_ms = start.elapsed().as_secs_f64() * 1e3;
    let model = &parsed.model;
    let errors = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let pods: u64 = model.groups.iter().map(|g| g.replicas as u64).sum();
    let pairs: Vec<String> = (0..probes.len())
        .map(|p| format!("{}={}", probes[p], m.allowed_pairs(p)))
        .collect();
    println!(
        "bytes={} pods={pods} groups={} classes={} policies={} namespaces={} services={} \
         errors={errors} parse_ms={parse_ms:.1} matrix_ms={matrix_ms:.1} allowed_pairs={}",
        text.len(),
        model.groups.len(),
        m.members.len(),
        model.policies.len(),
        model.namespaces.len(),
        model.services.len(),
        pairs.join(",")
    );
}
