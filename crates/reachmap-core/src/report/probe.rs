//! The connectivity matrix as TSV (an exact contract), a truth table, JSON, or a summary.

use super::clean;
use crate::analysis::{Matrix, Verdict};
use crate::model::Model;
use serde::Serialize;
use std::fmt::Write;

/// Every pod group's endpoint name, safe for a terminal, in model order.
fn endpoint_names(model: &Model) -> Vec<String> {
    model.groups.iter().map(|g| clean(&g.endpoint())).collect()
}

/// One line per ordered pair of distinct pod endpoints and per probe:
/// `from<TAB>to<TAB>probe<TAB>verdict`, sorted bytewise.
pub fn probe_tsv(model: &Model, m: &Matrix) -> String {
    let names = endpoint_names(model);
    let mut lines = Vec::with_capacity(names.len() * names.len() * m.probes.len());
    for (pi, probe) in m.probes.iter().enumerate() {
        let probe = probe.to_string();
        for (a, from) in names.iter().enumerate() {
            for (b, to) in names.iter().enumerate() {
                if a == b {
                    continue;
                }
                let verdict = m.verdict(pi, a, b);
                lines.push(format!("{from}\t{to}\t{probe}\t{verdict}\n"));
            }
        }
    }
    lines.sort_unstable();
    lines.concat()
}

/// A truth table per probe, as cyclonus prints them: `.` allowed, `X` denied (`?` depends, with
/// cluster policies), rows are sources.
pub fn probe_table(model: &Model, m: &Matrix) -> String {
    let names = endpoint_names(model);
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (pi, probe) in m.probes.iter().enumerate() {
        let depends = if model.cluster_policies.is_empty() {
            ""
        } else {
            ", ? depends"
        };
        let _ = writeln!(
            out,
            "{probe}  (rows: from, columns: to; . allowed, X denied{depends})"
        );
        // Column headers are numbered; the key below names them.
        let _ = write!(out, "{:width$} ", "");
        for i in 0..names.len() {
            let _ = write!(out, "{:>3}", i + 1);
        }
        out.push('\n');
        for (a, from) in names.iter().enumerate() {
            let _ = write!(out, "{from:width$} ");
            for b in 0..names.len() {
                let cell = if a == b {
                    "-"
                } else {
                    match m.verdict(pi, a, b) {
                        Verdict::Allowed => ".",
                        Verdict::Denied => "X",
                        Verdict::Depends => "?",
                    }
                };
                let _ = write!(out, "{cell:>3}");
            }
            out.push('\n');
        }
        for (i, name) in names.iter().enumerate() {
            let _ = writeln!(out, "  {:>3} {name}", i + 1);
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonProbe {
    probe: String,
    allowed: Vec<[String; 2]>,
    denied: Vec<[String; 2]>,
    /// Only cluster policies make a pair of pods depend.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    depends: Vec<[String; 2]>,
}

/// Per probe, the allowed and denied pairs.
pub fn probe_json(model: &Model, m: &Matrix) -> String {
    let names: Vec<String> = model.groups.iter().map(|g| g.endpoint()).collect(); // JSON escapes itself
    let probes: Vec<JsonProbe> = m
        .probes
        .iter()
        .enumerate()
        .map(|(pi, probe)| {
            let mut p = JsonProbe {
                probe: probe.to_string(),
                allowed: Vec::new(),
                denied: Vec::new(),
                depends: Vec::new(),
            };
            for (a, from) in names.iter().enumerate() {
                for (b, to) in names.iter().enumerate() {
                    if a != b {
                        let pair = [from.clone(), to.clone()];
                        match m.verdict(pi, a, b) {
                            Verdict::Allowed => p.allowed.push(pair),
                            Verdict::Denied => p.denied.push(pair),
                            Verdict::Depends => p.depends.push(pair),
                        }
                    }
                }
            }
            p
        })
        .collect();
    serde_json::to_string_pretty(&probes).expect("matrix serializes") + "\n"
}

/// Per probe: how many pairs are allowed and denied, and the most reachable pods.
pub fn probe_summary(model: &Model, m: &Matrix) -> String {
    let n = model.groups.len() as u64;
    let pairs = n * n.saturating_sub(1);
    let mut out = format!(
        "{} pod endpoints ({} pods), {} classes of pods no policy tells apart, {} policies, {} ordered pairs per probe\n",
        n,
        model.groups.iter().map(|g| g.replicas as u64).sum::<u64>(),
        m.members.len(),
        model.policies.len(),
        pairs
    );
    for (pi, probe) in m.probes.iter().enumerate() {
        let allowed = m.allowed_pairs(pi);
        let pct = if pairs == 0 {
            0.0
        } else {
            allowed as f64 * 100.0 / pairs as f64
        };
        let _ = writeln!(
            out,
            "{probe}: {allowed} allowed ({pct:.1}%), {} denied",
            pairs - allowed
        );
        let sources = m.sources_per_group(pi);
        let mut top: Vec<(u64, usize)> = sources.iter().enumerate().map(|(g, s)| (*s, g)).collect();
        top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let shown: Vec<String> = top
            .iter()
            .take(5)
            .filter(|(s, _)| *s > 0)
            .map(|(s, g)| format!("{} ({s})", clean(&model.groups[*g].endpoint())))
            .collect();
        if !shown.is_empty() {
            let _ = writeln!(
                out,
                "  reachable from the most sources: {}",
                shown.join(", ")
            );
        }
    }
    out
}
