//! The Network Policy API's conformance suite (kubernetes-sigs/network-policy-api, Apache-2.0),
//! transcribed as static cases in `tests/tiers/` (see `tests/tiers/TRANSCRIPTION.md`): every
//! upstream expectation (`PokeServer` call) of the v1alpha2 ClusterNetworkPolicy suite and of
//! the v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy suite, each with the policies in
//! force at its step, over the suite's base cluster. Both evaluators must give each
//! expectation's answer: `explain` and the fast matrix.
//!
//! Reachmap does not evaluate `nodes` peers (which Nodes match, and their addresses, are not
//! something it reads): an expectation that only a `nodes` peer decides must come out
//! `depends`, never the opposite of upstream's answer.

mod common;

use reachmap_core::analysis::{explain, matrix, Endpoint, Probe, Verdict};
use reachmap_core::parse;
use serde_yaml::Value;

struct Tally {
    expectations: usize,
    passed: usize,
    /// `depends` where upstream's answer rests on a `nodes` peer.
    depends_on_nodes: usize,
    failures: Vec<String>,
}

/// The base cluster's text with the namespaces' labels a step changes.
fn base_with_labels(base: &str, labels: Option<&Value>) -> String {
    let Some(labels) = labels.and_then(Value::as_mapping) else {
        return base.to_string();
    };
    let mut docs = Vec::new();
    for doc in serde_yaml::Deserializer::from_str(base) {
        let mut value = Value::deserialize(doc).expect("base is YAML");
        let name = value["metadata"]["name"].as_str().map(str::to_string);
        if value["kind"] == "Namespace" {
            if let Some(new) = name.and_then(|n| labels.get(n.as_str())) {
                value["metadata"]["labels"] = new.clone();
            }
        }
        docs.push(serde_yaml::to_string(&value).unwrap());
    }
    docs.join("---\n")
}

use serde::Deserialize;

fn run(version: &str) -> Tally {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tiers/");
    let base = std::fs::read_to_string(format!("{dir}base-{version}.yaml")).unwrap();
    let cases: Value = serde_yaml::from_str(
        &std::fs::read_to_string(format!("{dir}cases-{version}.yaml")).unwrap(),
    )
    .unwrap();
    let mut tally = Tally {
        expectations: 0,
        passed: 0,
        depends_on_nodes: 0,
        failures: Vec::new(),
    };
    for test in cases["tests"].as_sequence().unwrap() {
        let name = test["name"].as_str().unwrap();
        let text = format!(
            "{}\n---\n{}",
            base_with_labels(&base, test.get("namespace_labels")),
            test["policies"].as_str().unwrap()
        );
        let parsed = parse(&text);
        let errors = common::errors(&parsed);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert!(
            !parsed.model.cluster_policies.is_empty(),
            "{name}: no cluster policy read"
        );
        for e in test["expect"].as_sequence().unwrap() {
            tally.expectations += 1;
            let endpoint =
                |key: &str| Endpoint::parse(&parsed.model, e[key].as_str().unwrap()).unwrap();
            let (from, to) = (endpoint("from"), endpoint("to"));
            let probe = Probe::new(
                reachmap_core::model::Protocol::parse(e["protocol"].as_str().unwrap()).unwrap(),
                e["port"].as_u64().unwrap() as u16,
            );
            let expected = if e["allowed"].as_bool().unwrap() {
                Verdict::Allowed
            } else {
                Verdict::Denied
            };
            let got = explain(&parsed.model, from, to, probe).verdict;
            let (Endpoint::Group(a), Endpoint::Group(b)) = (from, to) else {
                panic!("conformance probes are pod to pod");
            };
            let fast = matrix(&parsed.model, &[probe]).verdict(0, a, b);
            let nodes = e["needs"]
                .as_sequence()
                .is_some_and(|n| n.iter().any(|x| x == "node-peer"));
            let line = e["line"].as_u64().unwrap_or(0);
            if fast != got {
                tally.failures.push(format!(
                    "{name} (line {line}): matrix says {fast}, explain says {got}"
                ));
            } else if got == expected {
                tally.passed += 1;
            } else if got == Verdict::Depends && nodes {
                tally.depends_on_nodes += 1;
            } else {
                tally.failures.push(format!(
                    "{name} (line {line}): {} → {} {probe}: expected {expected}, got {got}",
                    e["from"].as_str().unwrap(),
                    e["to"].as_str().unwrap()
                ));
            }
        }
    }
    tally
}

fn check(version: &str, expectations: usize, passed: usize) {
    let t = run(version);
    println!(
        "{version}: {} expectations, {} pass, {} depend on a nodes peer, {} fail",
        t.expectations,
        t.passed,
        t.depends_on_nodes,
        t.failures.len()
    );
    assert!(
        t.failures.is_empty(),
        "{version}:\n{}",
        t.failures.join("\n")
    );
    assert_eq!(t.expectations, expectations, "{version}: transcribed");
    assert_eq!(t.passed, passed, "{version}: passing");
    assert_eq!(t.passed + t.depends_on_nodes, t.expectations);
}

#[test]
fn cluster_network_policy_v1alpha2_conformance() {
    check("v1alpha2", 301, 297);
}

#[test]
fn admin_network_policy_v1alpha1_conformance() {
    check("v1alpha1", 289, 285);
}
