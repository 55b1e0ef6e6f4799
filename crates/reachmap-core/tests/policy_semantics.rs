//! One table test per sentence of the NetworkPolicy semantics (networking.k8s.io/v1), each
//! written so that a wrong verdict fails it. Every pod-to-pod verdict is also checked against
//! the fast matrix by `common::flow`.

mod common;

use common::*;
use reachmap_core::analysis::{Side, Verdict::*};

const POLICY: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n";

/// Pods a (app=a) and b (app=b) in `default`, c (app=c) in namespace `other` (labelled team=x),
/// all with TCP ports web:80 and 8080, then the policies given.
fn cluster(policies: &str) -> reachmap_core::Parsed {
    let mut text = namespace("other", &[("team", "x")]);
    text.push_str(&pod(
        "default",
        "a",
        &[("app", "a")],
        &[("web", 80), ("", 8080)],
    ));
    text.push_str(&pod(
        "default",
        "b",
        &[("app", "b")],
        &[("web", 80), ("", 8080)],
    ));
    text.push_str(&pod(
        "other",
        "c",
        &[("app", "c")],
        &[("web", 80), ("", 8080)],
    ));
    text.push_str(policies);
    parse_clean(&text)
}

fn policy(name: &str, ns: &str, spec: &str) -> String {
    format!("{POLICY}metadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{spec}\n---\n")
}

#[test]
fn without_policies_everything_is_allowed() {
    let p = cluster("");
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "default/a", "other/c", "UDP/53"), Allowed);
    assert_eq!(verdict(&p, "outside", "default/a", "TCP/80"), Allowed);
}

#[test]
fn a_policy_isolates_only_the_pods_it_selects_in_its_namespace() {
    let p = cluster(&policy(
        "deny-b",
        "default",
        "  podSelector:\n    matchLabels: {app: b}",
    ));
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "default/b", "default/a", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "default/b", "other/c", "TCP/80"), Allowed);
}

#[test]
fn policy_types_default_to_ingress_only_without_egress_rules() {
    // No policyTypes and `egress: []`: Ingress only (egress needs at least one rule).
    let p = cluster(&policy("p", "default", "  podSelector: {}\n  egress: []"));
    assert_eq!(verdict(&p, "default/a", "other/c", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/80"), Denied);
}

#[test]
fn policy_types_default_adds_egress_when_there_are_egress_rules() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {}\n  egress:\n  - to:\n    - podSelector: {matchLabels: {app: b}}",
    ));
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Denied); // b's ingress is isolated too
    assert_eq!(verdict(&p, "default/a", "other/c", "TCP/80"), Denied); // egress isolated
}

#[test]
fn egress_only_policy_types_leave_ingress_open() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {}\n  policyTypes: [Egress]",
    ));
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "default/a", "other/c", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Denied);
}

#[test]
fn empty_pod_selector_selects_every_pod_of_the_namespace_only() {
    let p = cluster(&policy(
        "deny",
        "default",
        "  podSelector: {}\n  policyTypes: [Ingress]",
    ));
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "default/a", "other/c", "TCP/80"), Allowed);
}

#[test]
fn pod_selector_peer_alone_means_the_policys_own_namespace() {
    // c in `other` has no app=a, but a pod of another namespace with app=a must not match either.
    let mut extra = pod("other", "a2", &[("app", "a")], &[]);
    extra.push_str(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: a}}",
    ));
    let p = cluster(&extra);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "other/a2", "default/b", "TCP/80"), Denied);
}

#[test]
fn namespace_selector_alone_means_every_pod_of_matching_namespaces() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: x}}",
    ));
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Denied);
}

#[test]
fn pod_and_namespace_selector_in_one_peer_is_an_and() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: x}}\n      podSelector: {matchLabels: {app: a}}",
    ));
    // c is in team=x but is not app=a; a is app=a but in `default` (no team label).
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Denied);
}

#[test]
fn separate_peers_are_an_or() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: x}}\n    - podSelector: {matchLabels: {app: a}}",
    ));
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "outside", "default/b", "TCP/80"), Denied);
}

#[test]
fn empty_namespace_selector_matches_every_namespace() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - namespaceSelector: {}",
    ));
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Allowed);
    // Pods only: not outside addresses.
    assert_eq!(verdict(&p, "outside", "default/b", "TCP/80"), Denied);
}

#[test]
fn match_labels_and_match_expressions_combine_with_and() {
    let mut extra = pod("default", "d", &[("app", "a"), ("tier", "db")], &[]);
    extra.push_str(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app: a}\n        matchExpressions:\n        - {key: tier, operator: NotIn, values: [db]}",
    ));
    let p = cluster(&extra);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Allowed); // no tier: NotIn holds
    assert_eq!(verdict(&p, "default/d", "default/b", "TCP/80"), Denied);
}

#[test]
fn match_expression_operators() {
    for (expr, a_allowed) in [
        ("{key: app, operator: In, values: [a, z]}", true),
        ("{key: app, operator: In, values: [z]}", false),
        ("{key: app, operator: Exists}", true),
        ("{key: app, operator: DoesNotExist}", false),
        ("{key: tier, operator: DoesNotExist}", true),
    ] {
        let p = cluster(&policy(
            "p",
            "default",
            &format!("  podSelector: {{matchLabels: {{app: b}}}}\n  ingress:\n  - from:\n    - podSelector:\n        matchExpressions:\n        - {expr}"),
        ));
        let expected = if a_allowed { Allowed } else { Denied };
        assert_eq!(
            verdict(&p, "default/a", "default/b", "TCP/80"),
            expected,
            "{expr}"
        );
    }
}

#[test]
fn a_rule_without_from_matches_every_peer_including_outside() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - ports:\n    - port: 80",
    ));
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "203.0.113.7", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "outside", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "outside", "default/b", "TCP/8080"), Denied);
}

#[test]
fn a_rule_without_ports_matches_every_port_and_protocol() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: a}}",
    ));
    for probe in ["TCP/80", "TCP/1", "UDP/53", "SCTP/9999"] {
        assert_eq!(
            verdict(&p, "default/a", "default/b", probe),
            Allowed,
            "{probe}"
        );
    }
}

#[test]
fn empty_ingress_list_admits_nothing_and_one_empty_rule_admits_everything() {
    let deny = cluster(&policy("p", "default", "  podSelector: {}\n  ingress: []"));
    assert_eq!(verdict(&deny, "default/a", "default/b", "TCP/80"), Denied);
    let absent = cluster(&policy(
        "p",
        "default",
        "  podSelector: {}\n  policyTypes: [Ingress]",
    ));
    assert_eq!(verdict(&absent, "default/a", "default/b", "TCP/80"), Denied);
    let all = cluster(&policy(
        "p",
        "default",
        "  podSelector: {}\n  ingress: [{}]",
    ));
    assert_eq!(verdict(&all, "default/a", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&all, "outside", "default/b", "UDP/9"), Allowed);
}

#[test]
fn policies_are_additive() {
    let mut two = policy(
        "deny",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  policyTypes: [Ingress]",
    );
    two.push_str(&policy(
        "allow-a",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: a}}",
    ));
    let p = cluster(&two);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Denied);
    let e = flow(&p, "default/a", "default/b", "TCP/80");
    match &e.ingress {
        Side::Isolated {
            policies,
            admitted_by: Some(r),
            ..
        } => {
            assert_eq!(policies.len(), 2);
            assert_eq!(p.model.policies[r.policy].name, "allow-a");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn both_sides_must_allow() {
    // a may send only to c (egress); b admits a (ingress). a → b is still denied.
    let mut two = policy(
        "a-egress",
        "default",
        "  podSelector: {matchLabels: {app: a}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {team: x}}",
    );
    two.push_str(&policy(
        "b-ingress",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: a}}",
    ));
    let p = cluster(&two);
    assert_eq!(verdict(&p, "default/a", "default/b", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "default/a", "other/c", "TCP/80"), Allowed);
    let text = reachmap_core::report::explanation_text(
        &p.model,
        &flow(&p, "default/a", "default/b", "TCP/80"),
    );
    assert!(
        text.contains("egress of default/a: isolated by default/a-egress"),
        "{text}"
    );
    assert!(
        text.contains("no egress rule of these policies admits default/b on TCP/80"),
        "{text}"
    );
    assert!(
        text.contains("allowed by default/b-ingress ingress[0].from[0]"),
        "{text}"
    );
}

#[test]
fn named_ports_resolve_on_the_destination_pod() {
    // web is 80 on a and b, 8081 on d.
    let mut extra = pod("default", "d", &[("app", "b")], &[("web", 8081)]);
    extra.push_str(&policy(
        "p",
        "default",
        "  podSelector: {}\n  ingress:\n  - ports:\n    - port: web",
    ));
    let p = cluster(&extra);
    assert_eq!(verdict(&p, "other/c", "default/b", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/d", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "other/c", "default/d", "TCP/8081"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/b", "UDP/80"), Denied); // a TCP port
}

#[test]
fn named_ports_in_egress_rules_are_the_destinations_ports() {
    let mut extra = pod("other", "e", &[("app", "e")], &[("web", 9000)]);
    extra.push_str(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: a}}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - port: web",
    ));
    let p = cluster(&extra);
    assert_eq!(verdict(&p, "default/a", "other/e", "TCP/9000"), Allowed);
    assert_eq!(verdict(&p, "default/a", "other/e", "TCP/80"), Denied); // a's own web is 80: irrelevant
    assert_eq!(verdict(&p, "default/a", "other/c", "TCP/80"), Allowed);
    // An outside address has no named ports.
    assert_eq!(verdict(&p, "default/a", "1.2.3.4", "TCP/80"), Denied);
}

#[test]
fn protocol_defaults_to_tcp_and_end_port_makes_a_range() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {}\n  ingress:\n  - ports:\n    - port: 8000\n      endPort: 8100\n    - protocol: UDP\n      port: 53",
    ));
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/8000"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/8080"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/8100"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/8101"), Denied);
    assert_eq!(verdict(&p, "other/c", "default/a", "UDP/8080"), Denied);
    assert_eq!(verdict(&p, "other/c", "default/a", "UDP/53"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/53"), Denied);
}

#[test]
fn ip_blocks_match_outside_addresses_v4_and_v6_with_except() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [10.0.5.0/24]\n    - ipBlock:\n        cidr: 2001:db8::/32",
    ));
    assert_eq!(verdict(&p, "10.0.1.1", "default/a", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "10.0.5.9", "default/a", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "10.1.0.1", "default/a", "TCP/80"), Denied);
    assert_eq!(verdict(&p, "2001:db8::1", "default/a", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "2001:db9::1", "default/a", "TCP/80"), Denied);
    // "Any outside address" depends on which one: said, not guessed.
    assert_eq!(verdict(&p, "outside", "default/a", "TCP/80"), Depends);
    // Pods without a known IP do not match an ipBlock.
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/80"), Denied);
}

#[test]
fn ip_blocks_match_pods_that_carry_an_ip() {
    let text = format!(
        "{}status:\n  podIP: 10.0.1.5\n---\n{}",
        pod("other", "withip", &[("app", "x")], &[]).trim_end_matches("---\n"),
        policy(
            "p",
            "default",
            "  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.1.0/24}",
        )
    );
    let p = cluster(&text);
    assert_eq!(verdict(&p, "other/withip", "default/a", "TCP/80"), Allowed);
    assert_eq!(verdict(&p, "other/c", "default/a", "TCP/80"), Denied);
}

#[test]
fn egress_to_outside_addresses() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: a}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}\n    ports:\n    - {protocol: UDP, port: 53}",
    ));
    assert_eq!(verdict(&p, "default/a", "8.8.8.8", "UDP/53"), Allowed);
    assert_eq!(
        verdict(&p, "default/a", "169.254.169.254", "UDP/53"),
        Denied
    );
    assert_eq!(verdict(&p, "default/a", "8.8.8.8", "TCP/443"), Denied);
}

#[test]
fn undeclared_namespaces_carry_only_their_name_label_and_the_answer_says_so() {
    // `implicit` is used by a pod but not declared: its only label is its name.
    let mut extra = pod("implicit", "i", &[("app", "i")], &[]);
    extra.push_str(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: implicit}}\n    - namespaceSelector: {matchLabels: {team: x}}",
    ));
    extra.push_str(&policy(
        "team-only",
        "default",
        "  podSelector: {matchLabels: {app: a}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: x}}",
    ));
    let p = cluster(&extra);
    let ns = p.model.namespace("implicit").unwrap();
    assert!(ns.implicit);
    assert_eq!(ns.labels.len(), 1);
    // Declared namespaces get the name label too.
    assert_eq!(
        p.model
            .namespace("other")
            .unwrap()
            .labels
            .get("kubernetes.io/metadata.name")
            .map(String::as_str),
        Some("other")
    );
    assert_eq!(verdict(&p, "implicit/i", "default/b", "TCP/80"), Allowed);
    // Matched by name: no assumption needed.
    assert!(flow(&p, "implicit/i", "default/b", "TCP/80")
        .assumptions
        .is_empty());
    // Denied only because `implicit` is taken to have no `team` label: the answer says so.
    let e = flow(&p, "implicit/i", "default/a", "TCP/80");
    assert_eq!(e.verdict, Denied);
    assert!(
        e.assumptions
            .iter()
            .any(|a| a.contains("`implicit` is not declared")),
        "{:?}",
        e.assumptions
    );
    let findings = reachmap_core::analysis::findings(
        &p.model,
        &reachmap_core::analysis::analyze_services(&p.model),
    );
    assert!(findings
        .iter()
        .any(|f| f.code == reachmap_core::Code::Assumption));
}

#[test]
fn explanation_names_the_exact_rule_peer_and_port() {
    let p = cluster(&policy(
        "p",
        "default",
        "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: zzz}}\n  - from:\n    - podSelector: {matchLabels: {app: zzz}}\n    - podSelector: {matchLabels: {app: a}}\n    ports:\n    - port: 81\n    - port: 80",
    ));
    let e = flow(&p, "default/a", "default/b", "TCP/80");
    let text = reachmap_core::report::explanation_text(&p.model, &e);
    assert!(
        text.contains("allowed by default/p ingress[1].from[1].ports[1]"),
        "{text}"
    );
}
