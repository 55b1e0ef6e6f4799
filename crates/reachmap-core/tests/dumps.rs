//! Real clusters (issue 10): `kubectl get … -A -o yaml|json` dumps read as the cluster they
//! show — one endpoint per workload, the verdicts of the same cluster written as manifests —
//! and a JSON text gives the same diagnostics, model and verdicts whether it takes the JSON
//! fast path or the YAML path.

mod common;

use common::*;
use reachmap_core::analysis::{matrix, Probe};
use reachmap_core::{parse, report, Parsed, Severity};
use reachmap_synth::{dump, DumpFormat, DumpSpec};
use serde_yaml::Value;

fn spec(namespaces: usize) -> DumpSpec {
    DumpSpec {
        namespaces,
        replicas: 3,
        nodes: 4,
        seed: 11,
    }
}

const PROBES: [Probe; 4] = [
    Probe {
        protocol: reachmap_core::model::Protocol::Tcp,
        port: 8080,
    },
    Probe {
        protocol: reachmap_core::model::Protocol::Tcp,
        port: 6379,
    },
    Probe {
        protocol: reachmap_core::model::Protocol::Tcp,
        port: 80,
    },
    Probe {
        protocol: reachmap_core::model::Protocol::Tcp,
        port: 9555,
    },
];

#[test]
fn a_dump_is_one_endpoint_per_workload_without_error() {
    for format in [DumpFormat::Yaml, DumpFormat::Json, DumpFormat::TypedLists] {
        let p = parse_clean(&dump(&spec(3), format));
        let endpoints: Vec<String> = p.model.groups.iter().map(|g| g.endpoint()).collect();
        // 12 Boutique apps per shop (the third shop's redis-cart a StatefulSet), CoreDNS and
        // kube-proxy.
        assert_eq!(endpoints.len(), 3 * 12 + 2, "{format:?}: {endpoints:?}");
        assert!(endpoints.contains(&"kube-system/coredns[Deployment]".to_string()));
        assert!(endpoints.contains(&"kube-system/kube-proxy[DaemonSet]".to_string()));
        assert!(endpoints.contains(&"shop-2/redis-cart[StatefulSet]".to_string()));
        assert!(endpoints.contains(&"shop-0/frontend[Deployment]".to_string()));
        let frontend = &p.model.groups[p.model.group("shop-0/frontend[Deployment]").unwrap()];
        assert_eq!((frontend.replicas, frontend.pods.len()), (3, 3));
        assert!(frontend
            .pods
            .iter()
            .all(|pod| pod.ips.len() == 1 && pod.node.is_some() && pod.ready.is_some()));
        assert!(p.model.groups.iter().all(|g| g.part.is_none()));
        // The console's values leave managedFields out, as kubectl's -o yaml does.
        assert!(p
            .objects()
            .all(|o| o.value["metadata"].get("managedFields").is_none()));
    }
}

/// The Boutique's manifests and policies in each shop of the dump, its namespaces with the
/// dump's labels: the same cluster, as people write it.
fn as_manifests(dumped: &Parsed, shops: usize) -> String {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/examples/online-boutique"
    );
    let mut docs: Vec<Value> = Vec::new();
    for file in ["kubernetes-manifests.yaml", "network-policies.yaml"] {
        let text = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        for doc in text.split("\n---") {
            if let Ok(v @ Value::Mapping(_)) = serde_yaml::from_str::<Value>(doc) {
                docs.push(v);
            }
        }
    }
    let mut out = String::new();
    for n in 0..shops {
        let ns = format!("shop-{n}");
        let labels = &dumped.model.namespace(&ns).unwrap().labels;
        out.push_str(&format!(
            "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n"
        ));
        for (k, v) in labels {
            out.push_str(&format!("    {k}: \"{v}\"\n"));
        }
        for doc in &docs {
            let mut doc = doc.clone();
            doc["metadata"]["namespace"] = Value::from(ns.as_str());
            out.push_str("---\n");
            out.push_str(&serde_yaml::to_string(&doc).unwrap());
        }
    }
    out
}

#[test]
fn a_dumps_verdicts_are_those_of_the_same_cluster_written_as_manifests() {
    let dumped = parse_clean(&dump(&spec(2), DumpFormat::Yaml));
    let written = parse_clean(&as_manifests(&dumped, 2));
    let (md, mw) = (
        matrix(&dumped.model, &PROBES),
        matrix(&written.model, &PROBES),
    );
    let mut compared = 0;
    for (a, ga) in written.model.groups.iter().enumerate() {
        for (b, gb) in written.model.groups.iter().enumerate() {
            if a == b {
                continue;
            }
            let da = dumped.model.group(&ga.endpoint()).unwrap();
            let db = dumped.model.group(&gb.endpoint()).unwrap();
            for (p, probe) in PROBES.iter().enumerate() {
                assert_eq!(
                    md.allowed(p, da, db),
                    mw.allowed(p, a, b),
                    "{} → {} {probe}",
                    ga.endpoint(),
                    gb.endpoint(),
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 24 * 23 * PROBES.len());
}

/// A JSON dump with mistakes in it: a port out of range, a label value the API server
/// refuses, a protocol in lower case, a List item without kind.
fn broken_json() -> String {
    let text = dump(&spec(1), DumpFormat::Json);
    let text = text.replacen("\"containerPort\": 8080", "\"containerPort\": 80800", 1);
    let text = text.replacen("\"app\": \"cartservice\"", "\"app\": \"cart service\"", 1);
    let text = text.replacen("\"protocol\": \"TCP\"", "\"protocol\": \"tcp\"", 1);
    text.replacen("\"kind\": \"Namespace\",", "", 1)
}

#[test]
fn json_read_by_the_fast_path_and_by_the_yaml_path_says_the_same() {
    for json in [dump(&spec(2), DumpFormat::Json), broken_json()] {
        let fast = parse(&json);
        // A comment after the document: no longer JSON, so it takes the YAML path, and every
        // line and column stays where it was.
        let slow = parse(&format!("{json}# read as YAML\n"));
        assert_eq!(fast.diagnostics, slow.diagnostics);
        assert_eq!(fast.model, slow.model);
        let values = |p: &Parsed| {
            p.documents
                .iter()
                .map(|d| d.value.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&fast), values(&slow));
        let (mf, ms) = (matrix(&fast.model, &PROBES), matrix(&slow.model, &PROBES));
        assert_eq!(
            report::probe_tsv(&fast.model, &mf),
            report::probe_tsv(&slow.model, &ms)
        );
    }
    let broken = parse(&broken_json());
    let errors: Vec<String> = broken
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.path))
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
}
