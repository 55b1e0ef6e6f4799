//! The cluster DNS as an implied destination: a pod whose egress policies do not admit UDP/53
//! to kube-dns in kube-system cannot look names up, and a finding says so.

use reachmap_core::analysis::{dns, Analysis, Verdict};
use reachmap_core::Code;

const WEB: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
";

const DENY_ALL: &str = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
";

fn policy(name: &str, egress: &str) -> String {
    format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\nspec:\n  podSelector: {{}}\n  policyTypes: [Egress]\n  egress:\n{egress}---\n")
}

/// The DNS verdict of default/web, and the no-dns findings' messages.
fn dns_of(text: &str) -> (Verdict, Vec<String>) {
    let a = Analysis::of(text);
    let g = a.model().group("default/web").expect("web");
    let findings = a
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::NoDns)
        .map(|d| format!("{}: {}", d.object, d.message))
        .collect();
    (dns::lookup(a.model(), g).verdict, findings)
}

#[test]
fn without_egress_policies_lookups_work() {
    assert_eq!(dns_of(WEB), (Verdict::Allowed, vec![]));
}

#[test]
fn default_deny_all_blocks_lookups_and_a_finding_says_so() {
    let (verdict, findings) = dns_of(&format!("{WEB}{DENY_ALL}"));
    assert_eq!(verdict, Verdict::Denied);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0].starts_with("NetworkPolicy default/default-deny-all: isolates the egress of default/web, but no policy admits UDP/53 to the cluster DNS"),
        "{}",
        findings[0]
    );
    let a = Analysis::of(&format!("{WEB}{DENY_ALL}"));
    let words = dns::lookup(a.model(), 0).words;
    assert!(
        words.starts_with("default/web → kube-system/coredns[Deployment] UDP/53: denied"),
        "{words}"
    );
}

#[test]
fn an_egress_rule_to_kube_dns_admits_lookups() {
    let allow = policy(
        "allow-dns",
        "  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports:\n    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: 53}\n",
    );
    assert_eq!(
        dns_of(&format!("{WEB}{DENY_ALL}{allow}")),
        (Verdict::Allowed, vec![])
    );
    // The named port `dns` is the DNS pods' own.
    let named = policy(
        "allow-dns",
        "  - ports:\n    - {protocol: UDP, port: dns}\n",
    );
    assert_eq!(
        dns_of(&format!("{WEB}{DENY_ALL}{named}")),
        (Verdict::Allowed, vec![])
    );
}

#[test]
fn only_tcp_53_or_the_wrong_namespace_still_blocks_lookups() {
    let tcp = policy("tcp-only", "  - ports:\n    - {protocol: TCP, port: 53}\n");
    assert_eq!(dns_of(&format!("{WEB}{tcp}")).0, Verdict::Denied);
    let same_ns = policy(
        "same-namespace",
        "  - to:\n    - podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports:\n    - {protocol: UDP, port: 53}\n",
    );
    assert_eq!(dns_of(&format!("{WEB}{same_ns}")).0, Verdict::Denied);
}

#[test]
fn an_ip_block_on_port_53_makes_it_depend_on_the_dns_address() {
    let block = policy(
        "cidr",
        "  - to:\n    - ipBlock: {cidr: 10.0.0.0/8}\n    ports:\n    - {protocol: UDP, port: 53}\n",
    );
    assert_eq!(
        dns_of(&format!("{WEB}{DENY_ALL}{block}")),
        (Verdict::Depends, vec![])
    );
}

#[test]
fn the_manifests_own_dns_pods_are_used_with_their_policies() {
    let coredns = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: coredns-x\n  namespace: kube-system\n  labels: {k8s-app: kube-dns}\nspec:\n  containers: [{name: coredns, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]\n---\n";
    let lock_dns = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: kube-system\nspec:\n  podSelector: {}\n---\n";
    // web's egress is open, but kube-system's policy isolates the DNS pods' ingress.
    assert_eq!(
        dns_of(&format!("{WEB}{coredns}{lock_dns}")).0,
        Verdict::Denied
    );
    assert_eq!(dns_of(&format!("{WEB}{coredns}")).0, Verdict::Allowed);
}
