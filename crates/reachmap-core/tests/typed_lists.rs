//! Typed lists (`PodList`, `NamespaceList`, …), as the API server's list endpoints return them:
//! their items carry no `kind`, which the list's kind says (kubernetes/kubernetes#63676).

mod common;

use common::*;
use reachmap_core::analysis::Verdict::*;
use reachmap_core::{parse, Code, Severity};

/// The reproduction: a `NamespaceList` whose item `prod` carries `env: prod`, and a
/// policy admitting `namespaceSelector: {env: prod}`.
const REPRODUCTION: &str = "\
apiVersion: v1
kind: NamespaceList
metadata: {resourceVersion: \"1\"}
items:
- metadata:
    name: prod
    labels: {env: prod}
---
apiVersion: v1
kind: PodList
items:
- metadata: {name: client, namespace: prod, labels: {app: client}}
  spec: {containers: [{name: c, image: i}]}
- metadata: {name: server, namespace: default, labels: {app: server}}
  spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
- metadata: {name: from-prod, namespace: default}
  spec:
    podSelector: {matchLabels: {app: server}}
    ingress:
    - from:
      - namespaceSelector: {matchLabels: {env: prod}}
";

#[test]
fn items_of_typed_lists_are_of_the_kind_the_list_names() {
    let p = parse_clean(REPRODUCTION);
    let prod = p.model.namespace("prod").unwrap();
    assert!(!prod.implicit, "declared by the NamespaceList");
    assert_eq!(prod.labels.get("env").map(String::as_str), Some("prod"));
    assert_eq!(p.model.policies.len(), 1);
    assert_eq!(
        verdict(&p, "prod/client", "default/server", "TCP/80"),
        Allowed
    );
    let e = flow(&p, "prod/client", "default/server", "TCP/80");
    assert!(e.assumptions.is_empty(), "{:?}", e.assumptions);
    // The console sees the items with their kind too.
    let pod = p.find_object("Pod", Some("prod"), "client").unwrap();
    assert_eq!(pod.value["kind"], "Pod");
    assert_eq!(pod.value["apiVersion"], "v1");
}

#[test]
fn an_item_of_a_plain_list_without_kind_stays_an_error_at_its_place() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n  spec: {}\n";
    let p = parse(text);
    let errors: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::MissingField);
    assert_eq!((errors[0].location.line, errors[0].location.column), (4, 3));
}

#[test]
fn a_typed_lists_dump_reads_without_error() {
    let text = reachmap_synth::dump(
        &reachmap_synth::DumpSpec {
            namespaces: 2,
            replicas: 2,
            nodes: 2,
            seed: 3,
        },
        reachmap_synth::DumpFormat::TypedLists,
    );
    let p = parse_clean(&text);
    assert!(p.model.policies.len() > 2);
    assert!(p.model.namespace("shop-1").is_some_and(|n| !n.implicit));
}
