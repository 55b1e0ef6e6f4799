//! Properties of `analysis::diff` on synthetic clusters (reachmap-synth) and versions of them
//! with random documents dropped (pods, workloads, Services, policies, namespaces):
//! - diff(A, A) is empty;
//! - the rows of diff(A, B) are exactly the flows whose verdict differs: pod to pod as `probe`
//!   prints it (`report::probe_tsv` of `matrix`), from and to outside as `explain` gives it, to
//!   a Service port as `service_flow` gives it; `absent` where an end exists on one side only;
//! - diff(B, A) is diff(A, B) with before and after swapped.

use proptest::prelude::*;
use reachmap_core::analysis::diff::{interval, OUTSIDE};
use reachmap_core::analysis::{
    diff, explain, matrix, service_flow, Analysis, DiffPorts, Endpoint, Probe, Seen,
};
use reachmap_core::report;
use reachmap_synth::{generate, Spec};
use std::collections::{BTreeMap, BTreeSet};

/// A flow and its verdicts before and after.
type Change = (String, String, String, Seen, Seen);

fn cluster(seed: u64) -> String {
    generate(&Spec {
        pods: 14,
        policies: 6,
        namespaces: 2,
        services: 4,
        seed,
    })
}

/// The text without the documents whose bit is set in `drop` (document i, bit i % 64).
fn without(text: &str, drop: u64) -> String {
    text.split("\n---\n")
        .enumerate()
        .filter(|(i, _)| drop & (1 << (i % 64)) == 0)
        .map(|(_, d)| d)
        .collect::<Vec<_>>()
        .join("\n---\n")
}

/// Every verdict of one version, by (from, to, probe label), computed the way each command
/// computes it.
/// `label` names a probe as the diff does (an interval over any port, else the probe).
fn verdicts(
    a: &Analysis,
    probes: &[Probe],
    label: &dyn Fn(Probe) -> String,
) -> BTreeMap<(String, String, String), Seen> {
    let model = a.model();
    let mut out = BTreeMap::new();
    // Pod to pod: what `reachmap probe` prints.
    let tsv = report::probe_tsv(model, &matrix(model, probes));
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let probe: Probe = f[2].parse().unwrap();
        let seen = if f[3] == "allowed" {
            Seen::Allowed
        } else {
            Seen::Denied
        };
        out.insert((f[0].to_string(), f[1].to_string(), label(probe)), seen);
    }
    // From and to outside: `explain`.
    for (g, group) in model.groups.iter().enumerate() {
        for &p in probes {
            let name = group.endpoint();
            let to = explain(model, Endpoint::Outside(None), Endpoint::Group(g), p).verdict;
            let from = explain(model, Endpoint::Group(g), Endpoint::Outside(None), p).verdict;
            out.insert((OUTSIDE.into(), name.clone(), label(p)), to.into());
            out.insert((name, OUTSIDE.into(), label(p)), from.into());
        }
    }
    // To a Service port: `service_flow` from every endpoint and from outside.
    let mut clients: Vec<(String, Endpoint)> = (0..model.groups.len())
        .map(|g| (model.groups[g].endpoint(), Endpoint::Group(g)))
        .collect();
    clients.push((OUTSIDE.into(), Endpoint::Outside(None)));
    for report in &a.reports {
        let s = &model.services[report.service];
        for (i, sp) in s.ports.iter().enumerate() {
            let to = format!("{}:{}", s.key(), sp.port);
            let probe = Probe::new(sp.protocol, sp.port).to_string();
            for (name, client) in &clients {
                let v = service_flow(model, report, *client, i).verdict;
                out.entry((name.clone(), to.clone(), probe.clone()))
                    .or_insert(v.into());
            }
        }
    }
    out
}

/// The flows whose verdict differs, `absent` where one version has no such flow.
fn expected(
    a: &Analysis,
    b: &Analysis,
    probes: &[Probe],
    label: &dyn Fn(Probe) -> String,
) -> BTreeSet<Change> {
    let (va, vb) = (verdicts(a, probes, label), verdicts(b, probes, label));
    let keys: BTreeSet<&(String, String, String)> = va.keys().chain(vb.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let before = va.get(k).copied().unwrap_or(Seen::Absent);
            let after = vb.get(k).copied().unwrap_or(Seen::Absent);
            (before != after).then(|| (k.0.clone(), k.1.clone(), k.2.clone(), before, after))
        })
        .collect()
}

fn changes(d: &reachmap_core::analysis::Diff) -> BTreeSet<Change> {
    d.rows
        .iter()
        .map(|r| {
            (
                r.from.clone(),
                r.to.clone(),
                r.probe.clone(),
                r.before,
                r.after,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn diff_rows_are_exactly_the_changed_verdicts(seed in 0..1000u64, drop_a in any::<u64>(), drop_b in any::<u64>()) {
        let text = cluster(seed);
        // Sparse drops: most documents stay, so most flows are in both versions.
        let a = Analysis::of(&without(&text, drop_a & drop_b.rotate_left(7) & 0x5555_5555_5555_5555));
        let b = Analysis::of(&without(&text, drop_b & drop_a.rotate_left(13)));
        prop_assert!(diff(&a, &a, &DiffPorts::Any).is_empty());
        let d = diff(&a, &b, &DiffPorts::Any);
        prop_assert_eq!(changes(&d), expected(&a, &b, &d.probes, &|p| interval(&d.probes, p)));
        prop_assert_eq!(d.rows.len(), changes(&d).len(), "one row per flow");
        let back = diff(&b, &a, &DiffPorts::Any);
        let swapped: BTreeSet<Change> = changes(&back)
            .into_iter()
            .map(|(f, t, p, x, y)| (f, t, p, y, x))
            .collect();
        prop_assert_eq!(swapped, changes(&d));
        let backends = |d: &reachmap_core::analysis::Diff| -> Vec<Vec<String>> { d.rows.iter().map(|r| r.backends.clone()).collect() };
        prop_assert_eq!(backends(&back), backends(&d));
    }

    #[test]
    fn chosen_probes_are_the_probes_verdicts(seed in 0..1000u64, drop in any::<u64>()) {
        let text = cluster(seed);
        let a = Analysis::of(&text);
        let b = Analysis::of(&without(&text, drop & 0x0f0f_0f0f_0f0f_0f0f));
        let probes = vec![Probe::tcp(80), Probe::tcp(8080), "UDP/53".parse().unwrap()];
        let d = diff(&a, &b, &DiffPorts::Probes(probes.clone()));
        // Over chosen probes, rows are labelled by the probe; Service rows only for those ports.
        let want: BTreeSet<Change> = expected(&a, &b, &probes, &|p| p.to_string())
            .into_iter()
            .filter(|c| probes.iter().any(|p| p.to_string() == c.2))
            .collect();
        prop_assert_eq!(changes(&d), want);
    }
}

#[test]
fn the_versions_compared_do_differ() {
    // The same drops as above on a few seeds: most pairs of versions change some flows.
    let mut changed = 0;
    for seed in 0..8 {
        let text = cluster(seed);
        let a = Analysis::of(&text);
        let b = Analysis::of(&without(&text, 0x0f0f_0f0f_0f0f_0f0f >> seed));
        changed += usize::from(!diff(&a, &b, &DiffPorts::Any).is_empty());
    }
    assert!(changed >= 6, "only {changed} of 8 versions differ");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The redundant-rule finding (which compares endpoint verdicts only, and stops at the first
    /// difference) names exactly the judged rules whose removal leaves `diff` empty, Service
    /// rows included.
    #[test]
    fn redundant_rules_are_those_whose_removal_diff_finds_nothing(seed in 0..1000u64) {
        use reachmap_core::analysis::redundancy::redundant_rules;
        use reachmap_core::analysis::{diff_models, Version};
        use reachmap_core::model::Peer;
        let a = Analysis::of(&cluster(seed));
        let model = a.model();
        let found: BTreeSet<String> = redundant_rules(model, &a.reports)
            .into_iter()
            .filter(|d| d.code == reachmap_core::Code::RedundantRule)
            .map(|d| format!("{} {}", d.object, d.path))
            .collect();
        let mut want = BTreeSet::new();
        for (pi, p) in model.policies.iter().enumerate() {
            if !model.groups.iter().any(|g| g.namespace == p.namespace && p.pod_selector.matches(&g.labels)) {
                continue;
            }
            for egress in [false, true] {
                let rules = if egress { &p.egress } else { &p.ingress };
                for ri in 0..rules.len() {
                    let ip_block = rules[ri].peers.iter().any(|x| matches!(x, Peer::IpBlock(_)));
                    if ip_block || (egress && rules.len() == 1) {
                        continue;
                    }
                    let mut without = model.clone();
                    let list = if egress { &mut without.policies[pi].egress } else { &mut without.policies[pi].ingress };
                    list.remove(ri);
                    let d = diff_models(Version::new(model, &a.reports), Version::new(&without, &a.reports), &DiffPorts::Any);
                    if d.is_empty() {
                        let side = if egress { "egress" } else { "ingress" };
                        want.insert(format!("NetworkPolicy {} spec.{side}[{ri}]", p.key()));
                    }
                }
            }
        }
        prop_assert_eq!(found, want);
    }
}

#[test]
fn some_synthetic_clusters_have_redundant_rules_and_some_do_not() {
    use reachmap_core::analysis::redundancy::redundant_rules;
    let with: Vec<bool> = (0..10)
        .map(|seed| {
            let a = Analysis::of(&cluster(seed));
            redundant_rules(a.model(), &a.reports)
                .iter()
                .any(|d| d.code == reachmap_core::Code::RedundantRule)
        })
        .collect();
    assert!(with.contains(&true) && with.contains(&false), "{with:?}");
}
