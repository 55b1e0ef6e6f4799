//! Helpers shared by the integration tests: parse or analyse a manifest text and ask for
//! verdicts.
#![allow(dead_code)]

use reachmap_core::analysis::{explain, matrix, Analysis, Endpoint, Explanation, Probe, Verdict};
use reachmap_core::{parse, Diagnostic, Parsed, Severity};

/// Parses and fails the test on any error diagnostic, printing them all.
pub fn parse_clean(text: &str) -> Parsed {
    let parsed = parse(text);
    assert_no_errors(&parsed);
    parsed
}

/// Analyses (as the page, the CLI and the scene do) and fails the test on any error
/// diagnostic of the parser, printing them all.
pub fn analyse_clean(text: &str) -> Analysis {
    let analysis = Analysis::of(text);
    assert_no_errors(&analysis.parsed);
    analysis
}

fn assert_no_errors(parsed: &Parsed) {
    let errors = errors(parsed);
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
}

/// The error diagnostics of a parse.
pub fn errors(parsed: &Parsed) -> Vec<&Diagnostic> {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

pub fn endpoint(parsed: &Parsed, name: &str) -> Endpoint {
    Endpoint::parse(&parsed.model, name).unwrap_or_else(|e| panic!("{e}"))
}

/// The explanation of one flow; also checks that the fast matrix agrees with it for pod pairs.
pub fn flow(parsed: &Parsed, from: &str, to: &str, probe: &str) -> Explanation {
    let probe: Probe = probe.parse().unwrap();
    let (f, t) = (endpoint(parsed, from), endpoint(parsed, to));
    let e = explain(&parsed.model, f, t, probe);
    if let (Endpoint::Group(a), Endpoint::Group(b)) = (f, t) {
        let m = matrix(&parsed.model, &[probe]);
        assert_eq!(
            m.allowed(0, a, b),
            e.verdict == Verdict::Allowed,
            "matrix and reference disagree on {from} → {to} {probe}"
        );
    }
    e
}

pub fn verdict(parsed: &Parsed, from: &str, to: &str, probe: &str) -> Verdict {
    flow(parsed, from, to, probe).verdict
}

/// A bare pod in YAML, with labels and TCP container ports `name:number`.
pub fn pod(ns: &str, name: &str, labels: &[(&str, &str)], ports: &[(&str, u16)]) -> String {
    let mut s =
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n");
    if !labels.is_empty() {
        s.push_str("  labels:\n");
        for (k, v) in labels {
            s.push_str(&format!("    {k}: \"{v}\"\n"));
        }
    }
    s.push_str("spec:\n  containers:\n  - name: c\n    image: nginx\n");
    if !ports.is_empty() {
        s.push_str("    ports:\n");
        for (n, p) in ports {
            if n.is_empty() {
                s.push_str(&format!("    - containerPort: {p}\n"));
            } else {
                s.push_str(&format!("    - containerPort: {p}\n      name: {n}\n"));
            }
        }
    }
    s.push_str("---\n");
    s
}

pub fn namespace(name: &str, labels: &[(&str, &str)]) -> String {
    let mut s = format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
    if !labels.is_empty() {
        s.push_str("  labels:\n");
        for (k, v) in labels {
            s.push_str(&format!("    {k}: \"{v}\"\n"));
        }
    }
    s.push_str("---\n");
    s
}

pub fn read_example(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}
