//! A pod and itself. Network Policies: "a pod cannot block access to itself". The Network
//! Policy API (API overview): "A Pod connecting to its own Pod IP is not subject to CNP", but
//! "A Pod connecting to a Service IP that the service proxy load-balances back to the same Pod
//! is subject to ClusterNetworkPolicy". So a single pod reaching its own address is allowed
//! whatever the rules; reaching itself through its Service (hairpin) the cluster tiers decide,
//! and where they leave it to NetworkPolicies, whether those apply is not defined (depends).

mod common;

use common::*;
use reachmap_core::analysis::{answer, FlowQuery, Verdict};
use reachmap_core::report::answer_text;

/// `reachmap explain --from FROM --to TO [--port PORT]`: the verdict and the text.
fn explain(text: &str, from: &str, to: &str, port: Option<&str>) -> (Verdict, String) {
    let a = analyse_clean(text);
    let q = FlowQuery::parse(a.model(), from, to, port).unwrap_or_else(|e| panic!("{e}"));
    let flow = answer(a.model(), &a.reports, &q);
    (flow.verdict(), answer_text(a.model(), &flow))
}

fn vault(replicas: Option<u32>) -> String {
    let workload = match replicas {
        None => "apiVersion: v1\nkind: Pod\nmetadata: {name: vault, namespace: payments, labels: {app: vault}}\nspec:\n  containers: [{name: c, image: x, ports: [{containerPort: 80}]}]\n".to_string(),
        Some(n) => format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: vault, namespace: payments}}\nspec:\n  replicas: {n}\n  selector: {{matchLabels: {{app: vault}}}}\n  template:\n    metadata: {{labels: {{app: vault}}}}\n    spec:\n      containers: [{{name: c, image: x, ports: [{{containerPort: 80}}]}}]\n"),
    };
    format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: payments}}\n---\n{workload}---\napiVersion: v1\nkind: Service\nmetadata: {{name: vault-svc, namespace: payments}}\nspec:\n  selector: {{app: vault}}\n  ports: [{{port: 80}}]\n")
}

const DENY_ALL: &str = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: payments}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";

const ADMIN_DENY: &str = "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: deny-all}\nspec:\n  priority: 10\n  subject: {namespaces: {}}\n  ingress:\n  - name: deny\n    action: Deny\n    from: [{namespaces: {}}]\n";

const ADMIN_PASS: &str = "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: pass-all}\nspec:\n  priority: 10\n  subject: {namespaces: {}}\n  ingress:\n  - name: pass\n    action: Pass\n    from: [{namespaces: {}}]\n";

const BASELINE_DENY: &str = "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  ingress:\n  - name: deny\n    action: Deny\n    from: [{namespaces: {}}]\n";

#[test]
fn a_single_pod_reaches_its_own_address_whatever_the_rules_say() {
    for (what, rules, quote) in [
        (
            "NetworkPolicy deny-all",
            DENY_ALL,
            "a pod cannot block access to itself",
        ),
        (
            "Admin Deny",
            ADMIN_DENY,
            "A Pod connecting to its own Pod IP is not subject to CNP.",
        ),
    ] {
        for replicas in [None, Some(1)] {
            let text = format!("{}{rules}", vault(replicas));
            let (verdict, words) = explain(&text, "payments/vault", "payments/vault", Some("80"));
            assert_eq!(verdict, Verdict::Allowed, "{what}, {replicas:?}:\n{words}");
            assert!(words.contains(quote), "{what}: `{quote}` missing\n{words}");
        }
    }
}

#[test]
fn two_replicas_of_a_workload_are_two_pods_the_rules_govern() {
    let text = format!("{}{DENY_ALL}", vault(Some(2)));
    let (verdict, words) = explain(&text, "payments/vault", "payments/vault", Some("80"));
    assert_eq!(verdict, Verdict::Denied, "{words}");
    assert!(!words.contains("cannot block access to itself"), "{words}");
}

#[test]
fn through_its_service_a_pod_reaching_itself_is_the_cluster_tiers_to_decide() {
    let hairpin = |rules: &str| {
        explain(
            &format!("{}{rules}", vault(None)),
            "payments/vault",
            "payments/vault-svc:80",
            None,
        )
    };
    let subject = "A Pod connecting to a Service IP that the service proxy load-balances back to the same Pod is subject to ClusterNetworkPolicy.";
    // Admin Deny decides before any NetworkPolicy: denied.
    let (verdict, words) = hairpin(ADMIN_DENY);
    assert_eq!(verdict, Verdict::Denied, "{words}");
    assert!(words.contains(subject), "{words}");
    // Baseline Deny, no NetworkPolicy isolating the pod: denied.
    let (verdict, words) = hairpin(BASELINE_DENY);
    assert_eq!(verdict, Verdict::Denied, "{words}");
    assert!(words.contains(subject), "{words}");
    // Admin passes to a NetworkPolicy that would stop it: whether it applies is not defined.
    let (verdict, words) = hairpin(&format!("{ADMIN_PASS}{DENY_ALL}"));
    assert_eq!(verdict, Verdict::Depends, "{words}");
    assert!(
        words.contains("a pod cannot block access to itself"),
        "{words}"
    );
    // NetworkPolicies alone: depends, as before.
    let (verdict, _) = hairpin(DENY_ALL);
    assert_eq!(verdict, Verdict::Depends);
}
