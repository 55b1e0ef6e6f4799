//! A denial broken down rule by rule: per isolating policy, each rule's peers and ports with
//! what matched and what did not, each with a link to its place (path and line).

use reachmap_core::analysis::breakdown::breakdown;
use reachmap_core::analysis::policy::Direction;
use reachmap_core::analysis::{explain, Endpoint, Match, Probe};
use reachmap_core::parse;
use std::fs;

fn explained(text: &str, from: &str, to: &str, probe: Probe) -> (reachmap_core::Parsed, String) {
    let p = parse(text);
    let e = explain(
        &p.model,
        Endpoint::parse(&p.model, from).unwrap(),
        Endpoint::parse(&p.model, to).unwrap(),
        probe,
    );
    let words = reachmap_core::report::explanation_text(&p.model, &e);
    (p, words)
}

#[test]
fn api_allow_says_which_labels_the_rule_wants_and_which_the_pod_has() {
    let text = fs::read_to_string("../../public/examples/reference/api-allow.yaml").unwrap();
    let p = parse(&text);
    let e = explain(
        &p.model,
        Endpoint::parse(&p.model, "default/nginx").unwrap(),
        Endpoint::parse(&p.model, "default/payment-processor").unwrap(),
        Probe::tcp(80),
    );
    let sides = breakdown(&p.model, &e);
    assert_eq!(sides.len(), 1);
    assert_eq!(sides[0].direction, Direction::Ingress);
    let rule = &sides[0].policies[0].rules[0];
    let peer = &rule.peers[0];
    assert_eq!(peer.admits, Match::No);
    assert_eq!(
        peer.words,
        "pods with app=coffeeshop in default; default/nginx has run=nginx"
    );
    assert_eq!(peer.link.path, "spec.ingress[0].from[0]");
    // The link leads to the `from` entry's own line.
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("- podSelector"))
        .unwrap() as u32
        + 1;
    assert_eq!(peer.link.location.line, line);
    assert_eq!(rule.link.path, "spec.ingress[0]");
    assert!(rule.ports.is_empty());
    // An allowed flow has nothing to break down.
    let ok = explain(
        &p.model,
        Endpoint::parse(&p.model, "default/coffeeshop").unwrap(),
        Endpoint::parse(&p.model, "default/payment-processor").unwrap(),
        Probe::tcp(80),
    );
    assert!(breakdown(&p.model, &ok).is_empty());
}

const WEB: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]
---
apiVersion: v1
kind: Pod
metadata:
  name: client
  labels: {app: client}
spec:
  containers: [{name: c, image: busybox}]
---
";

fn policy(ingress: &str) -> String {
    format!("{WEB}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {{matchLabels: {{app: web}}}}\n  ingress:\n{ingress}")
}

#[test]
fn a_misspelt_named_port_says_which_names_the_pod_has() {
    let (_, words) = explained(
        &policy("  - ports:\n    - port: htpp\n"),
        "default/client",
        "default/web",
        Probe::tcp(80),
    );
    assert!(
        words.contains("✗ ports[0] (line 25): named port `htpp`; default/web has no TCP port of that name (it has `http`)"),
        "{words}"
    );
    assert!(words.contains("✓ every source (no `from`)"), "{words}");
}

#[test]
fn a_port_rule_says_which_port_it_admits() {
    let (_, words) = explained(
        &policy("  - from:\n    - podSelector: {}\n    ports:\n    - port: 8080\n"),
        "default/client",
        "default/web",
        Probe::tcp(80),
    );
    assert!(
        words.contains("✓ from[0] (line 25): every pod in default; default/client is one"),
        "{words}"
    );
    assert!(
        words.contains("✗ ports[0] (line 27): TCP port 8080 only; the flow is TCP/80"),
        "{words}"
    );
}

#[test]
fn a_namespace_selector_says_where_the_pod_is() {
    let (_, words) = explained(
        &policy("  - from:\n    - namespaceSelector: {matchLabels: {team: a}}\n"),
        "default/client",
        "default/web",
        Probe::tcp(80),
    );
    assert!(
        words.contains("✗ from[0] (line 25): every pod in namespaces with team=a; default/client is in namespace default, labelled kubernetes.io/metadata.name=default"),
        "{words}"
    );
}

#[test]
fn a_policy_without_rules_admits_nothing_and_egress_is_broken_down_too() {
    let text = format!("{WEB}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {{}}\n  policyTypes: [Ingress, Egress]\n");
    let (p, words) = explained(&text, "default/client", "default/web", Probe::tcp(80));
    assert!(
        words.contains("default/deny has no egress rules: it admits nothing"),
        "{words}"
    );
    assert!(
        words.contains("default/deny has no ingress rules: it admits nothing"),
        "{words}"
    );
    let e = explain(
        &p.model,
        Endpoint::parse(&p.model, "default/client").unwrap(),
        Endpoint::parse(&p.model, "default/web").unwrap(),
        Probe::tcp(80),
    );
    let sides = breakdown(&p.model, &e);
    assert_eq!(
        sides.iter().map(|s| s.direction).collect::<Vec<_>>(),
        [Direction::Egress, Direction::Ingress]
    );
}
