//! The cluster-wide tiers, one sentence of the API at a time (ClusterNetworkPolicy v1alpha2,
//! AdminNetworkPolicy/BaselineAdminNetworkPolicy v1alpha1): what the conformance suite does
//! not pin down (Pass in the Baseline tier, ties, Accept over a NetworkPolicy's isolation,
//! ranges, named ports per pod, `networks` over pod IPs). Every verdict is also the fast
//! matrix's (`common::flow` checks it).

mod common;
use common::{flow, parse_clean};
use reachmap_core::analysis::Verdict::{self, Allowed, Denied, Depends};

/// Namespaces a {team: a} and b {team: b}; a/web-0 (http=8080/TCP, dns=53/UDP, IP 10.0.1.10),
/// a/web-1 (http=8081/TCP, 10.0.1.11), b/cli-0 (http=9090/TCP, 10.0.2.10), b/noip (no IP).
const CLUSTER: &str = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: a}}\n---
apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: b}}\n---
apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, namespace: a, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]}]}
status: {podIP: 10.0.1.10}\n---
apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, namespace: a, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8081}]}]}
status: {podIP: 10.0.1.11}\n---
apiVersion: v1\nkind: Pod\nmetadata: {name: cli-0, namespace: b, labels: {app: cli}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 9090}]}]}
status: {podIP: 10.0.2.10}\n---
apiVersion: v1\nkind: Pod\nmetadata: {name: noip, namespace: b, labels: {app: noip}}
spec: {containers: [{name: c}]}\n---\n";

/// A ClusterNetworkPolicy of a tier and priority; `subject` and `rules` as YAML flow text.
fn cnp(name: &str, tier: &str, priority: u32, subject: &str, rules: &str) -> String {
    format!("apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {{name: {name}}}\nspec:\n  tier: {tier}\n  priority: {priority}\n  subject: {subject}\n{rules}---\n")
}

const TEAM_A: &str = "{namespaces: {matchLabels: {team: a}}}";
const TEAM_B: &str = "{namespaces: {matchLabels: {team: b}}}";
const FROM_B: &str = "from: [{namespaces: {matchLabels: {team: b}}}]";

fn ingress(action: &str, extra: &str) -> String {
    format!("  ingress:\n  - {{action: {action}, {FROM_B}{extra}}}\n")
}

/// NetworkPolicy in `a` selecting app=web, ingress only from namespaces with team=`from`.
fn np(from: &str) -> String {
    format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: web, namespace: a}}\nspec:\n  podSelector: {{matchLabels: {{app: web}}}}\n  ingress:\n  - from: [{{namespaceSelector: {{matchLabels: {{team: {from}}}}}}}]\n---\n")
}

fn verdict(policies: &str, from: &str, to: &str, probe: &str) -> Verdict {
    let parsed = parse_clean(&format!("{CLUSTER}{policies}"));
    flow(&parsed, from, to, probe).verdict
}

#[test]
fn pass_and_the_order_of_tiers() {
    let pass = cnp("pass-b", "Admin", 10, TEAM_A, &ingress("Pass", ""));
    let base_deny = cnp("base", "Baseline", 10, TEAM_A, &ingress("Deny", ""));
    let q = |p: &str| verdict(p, "b/cli-0", "a/web-0", "TCP/8080");
    // P1: Pass, no NetworkPolicy: the Baseline tier denies.
    assert_eq!(q(&format!("{pass}{base_deny}")), Denied);
    // P2: a NetworkPolicy that admits b decides; Baseline is not reached.
    assert_eq!(q(&format!("{pass}{base_deny}{}", np("b"))), Allowed);
    // P3: a NetworkPolicy that isolates without admitting b denies, whatever Baseline says.
    let base_accept = cnp("base", "Baseline", 10, TEAM_A, &ingress("Accept", ""));
    assert_eq!(q(&format!("{pass}{base_accept}{}", np("c"))), Denied);
    // P4: Pass skips every later Admin policy.
    let admin_deny = cnp("deny-b", "Admin", 20, TEAM_A, &ingress("Deny", ""));
    assert_eq!(q(&format!("{pass}{admin_deny}")), Allowed);
    // P5: a lower priority number comes first.
    let deny_first = cnp("deny-b", "Admin", 5, TEAM_A, &ingress("Deny", ""));
    assert_eq!(q(&format!("{pass}{deny_first}")), Denied);
    // P6: Pass in the Baseline tier leaves it: the default allows.
    let rules =
        format!("  ingress:\n  - {{action: Pass, {FROM_B}}}\n  - {{action: Deny, {FROM_B}}}\n");
    assert_eq!(q(&cnp("base", "Baseline", 10, TEAM_A, &rules)), Allowed);
    // P7: across Baseline policies too.
    let base_pass = cnp("base-pass", "Baseline", 5, TEAM_A, &ingress("Pass", ""));
    assert_eq!(q(&format!("{base_pass}{base_deny}")), Allowed);
}

#[test]
fn rule_order_and_the_network_policy_tier() {
    let deny_then_accept = format!(
        "  ingress:\n  - {{action: Deny, {FROM_B}}}\n  - {{action: Accept, {FROM_B}, protocols: [{{tcp: {{destinationPort: {{number: 8080}}}}}}]}}\n"
    );
    let q = |p: &str, probe: &str| verdict(p, "b/cli-0", "a/web-0", probe);
    // R1: the first matching rule decides; there is no most specific rule.
    assert_eq!(
        q(
            &cnp("x", "Admin", 10, TEAM_A, &deny_then_accept),
            "TCP/8080"
        ),
        Denied
    );
    // R8: Deny over a NetworkPolicy that allows; D2: Accept over one that isolates.
    let deny = cnp("x", "Admin", 1000, TEAM_A, &ingress("Deny", ""));
    assert_eq!(q(&format!("{deny}{}", np("b")), "TCP/8080"), Denied);
    let accept = cnp("x", "Admin", 10, TEAM_A, &ingress("Accept", ""));
    assert_eq!(q(&format!("{accept}{}", np("c")), "TCP/8080"), Allowed);
    // D3: Baseline comes after the NetworkPolicy tier.
    let base = cnp("x", "Baseline", 10, TEAM_A, &ingress("Accept", ""));
    assert_eq!(q(&format!("{base}{}", np("c")), "TCP/8080"), Denied);
    // No implicit isolation: a policy whose rules do not match changes nothing.
    let other = cnp(
        "x",
        "Admin",
        10,
        TEAM_A,
        &ingress(
            "Deny",
            ", protocols: [{udp: {destinationPort: {number: 9}}}]",
        ),
    );
    assert_eq!(q(&other, "TCP/8080"), Allowed);
    // D1: an egress Accept does not bypass the destination's ingress.
    let out = cnp(
        "out",
        "Admin",
        10,
        TEAM_B,
        "  egress:\n  - {action: Accept, to: [{namespaces: {}}]}\n",
    );
    let deny_in = cnp("in", "Admin", 20, TEAM_A, &ingress("Deny", ""));
    assert_eq!(q(&format!("{out}{deny_in}"), "TCP/8080"), Denied);
}

#[test]
fn ports_ranges_and_named_ports() {
    let range = ", protocols: [{tcp: {destinationPort: {range: {start: 8080, end: 8081}}}}]";
    let p = cnp("x", "Admin", 10, TEAM_A, &ingress("Deny", range));
    let q = |p: &str, to: &str, probe: &str| verdict(p, "b/cli-0", to, probe);
    for (probe, v) in [
        ("TCP/8079", Allowed),
        ("TCP/8080", Denied),
        ("TCP/8081", Denied),
        ("TCP/8082", Allowed),
        ("UDP/8080", Allowed),
    ] {
        assert_eq!(q(&p, "a/web-0", probe), v, "{probe}");
    }
    // N1: each destination pod resolves the name on its own.
    let named = cnp(
        "x",
        "Admin",
        10,
        TEAM_A,
        &ingress("Deny", ", protocols: [{destinationNamedPort: http}]"),
    );
    assert_eq!(q(&named, "a/web-0", "TCP/8080"), Denied);
    assert_eq!(q(&named, "a/web-1", "TCP/8081"), Denied);
    assert_eq!(q(&named, "a/web-0", "TCP/8081"), Allowed);
    // N2: in egress too, on the destination (not the client's own `http`, 9090).
    let eg = cnp("x", "Admin", 10, TEAM_B, "  egress:\n  - {action: Deny, to: [{namespaces: {matchLabels: {team: a}}}], protocols: [{destinationNamedPort: http}]}\n");
    assert_eq!(q(&eg, "a/web-0", "TCP/8080"), Denied);
    assert_eq!(q(&eg, "a/web-0", "TCP/9090"), Allowed);
    // N3: with the container port's protocol.
    let dns = cnp(
        "x",
        "Admin",
        10,
        TEAM_A,
        &ingress("Deny", ", protocols: [{destinationNamedPort: dns}]"),
    );
    assert_eq!(q(&dns, "a/web-0", "UDP/53"), Denied);
    assert_eq!(q(&dns, "a/web-0", "TCP/53"), Allowed);
    // v1alpha1: portNumber defaults to TCP.
    let anp = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: x}\nspec:\n  priority: 1\n  subject: {namespaces: {matchLabels: {team: a}}}\n  ingress:\n  - {action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {port: 53}}]}\n";
    assert_eq!(q(anp, "a/web-0", "TCP/53"), Denied);
    assert_eq!(q(anp, "a/web-0", "UDP/53"), Allowed);
}

#[test]
fn networks_match_pod_ips_and_what_is_not_known_depends() {
    let to = |nets: &str| {
        cnp(
            "x",
            "Admin",
            10,
            TEAM_B,
            &format!("  egress:\n  - {{action: Deny, to: [{{networks: [{nets}]}}]}}\n"),
        )
    };
    let q = |p: &str, from: &str, to: &str| verdict(p, from, to, "TCP/8080");
    // I1: a pod IP inside the CIDR.
    assert_eq!(q(&to("10.0.1.0/24"), "b/cli-0", "a/web-0"), Denied);
    assert_eq!(q(&to("10.0.1.11/32"), "b/cli-0", "a/web-0"), Allowed);
    // A pod whose IP the manifests do not give: depends, unless every address is meant.
    assert_eq!(q(&to("10.0.0.0/8"), "b/cli-0", "a/web-0"), Denied);
    let to_noip = cnp(
        "to-10",
        "Admin",
        10,
        TEAM_A,
        "  egress:\n  - {action: Deny, to: [{networks: [10.0.0.0/8]}]}\n",
    );
    assert_eq!(q(&to_noip, "a/web-0", "b/noip"), Depends);
    assert_eq!(q(&to("0.0.0.0/0, '::/0'"), "b/noip", "a/web-0"), Denied);
    // Nodes peers are not evaluated: a pod that is not host-networked is never a node.
    let nodes = cnp(
        "to-nodes",
        "Admin",
        10,
        TEAM_B,
        "  egress:\n  - {action: Deny, to: [{nodes: {}}]}\n",
    );
    assert_eq!(q(&nodes, "b/cli-0", "a/web-0"), Allowed);
}

#[test]
fn policies_of_one_priority_that_disagree_make_the_verdict_depend() {
    let accept = cnp("accept-b", "Admin", 10, TEAM_A, &ingress("Accept", ""));
    let deny = cnp("deny-b", "Admin", 10, TEAM_A, &ingress("Deny", ""));
    let text = format!("{CLUSTER}{accept}{deny}");
    let parsed = parse_clean(&text);
    let e = flow(&parsed, "b/cli-0", "a/web-0", "TCP/8080");
    assert_eq!(e.verdict, Depends, "R4: a tie is implementation-defined");
    // R5: a tie that agrees decides.
    let deny2 = cnp("deny-b2", "Admin", 10, TEAM_A, &ingress("Deny", ""));
    assert_eq!(
        verdict(&format!("{deny}{deny2}"), "b/cli-0", "a/web-0", "TCP/8080"),
        Denied
    );
    // R6: a tie of policies that select different pods is none.
    let other = cnp("accept-a", "Admin", 10, TEAM_B, &ingress("Accept", ""));
    assert_eq!(
        verdict(&format!("{deny}{other}"), "b/cli-0", "a/web-0", "TCP/8080"),
        Denied
    );
    // R7: Admin and Baseline of one number are no tie: Admin first.
    let base = cnp("base", "Baseline", 10, TEAM_A, &ingress("Accept", ""));
    assert_eq!(
        verdict(&format!("{deny}{base}"), "b/cli-0", "a/web-0", "TCP/8080"),
        Denied
    );
    // In the Baseline tier, Accept and Pass both end in allowing: no doubt about the verdict.
    let b1 = cnp("b1", "Baseline", 3, TEAM_A, &ingress("Accept", ""));
    let b2 = cnp("b2", "Baseline", 3, TEAM_A, &ingress("Pass", ""));
    assert_eq!(
        verdict(&format!("{b1}{b2}"), "b/cli-0", "a/web-0", "TCP/8080"),
        Allowed
    );
}

#[test]
fn explanations_walk_the_tiers_in_words() {
    let words = |policies: &str, to: &str, probe: &str| {
        let parsed = parse_clean(&format!("{CLUSTER}{policies}"));
        let e = flow(&parsed, "b/cli-0", to, probe);
        reachmap_core::report::explanation_text(&parsed.model, &e)
    };
    let accept = cnp("accept-client", "Admin", 10, TEAM_A, &format!("  ingress:\n  - {{name: accept-80, action: Accept, {FROM_B}, protocols: [{{tcp: {{destinationPort: {{number: 8080}}}}}}]}}\n"));
    let text = words(&accept, "a/web-0", "TCP/8080");
    assert!(text.contains("ingress of a/web-0: Admin tier: accept-client rule accept-80 (ingress[0], priority 10) accepts b/cli-0 on TCP/8080 — decided"), "{text}");
    assert!(text.contains("egress of b/cli-0: Admin tier: no Admin policy selects it → NetworkPolicy tier: no NetworkPolicy isolates it → Baseline tier: no Baseline policy selects it → allowed (no tier decides)"), "{text}");
    let pass = cnp(
        "pass-from-b",
        "Admin",
        10,
        TEAM_A,
        &format!("  ingress:\n  - {{name: pass-b, action: Pass, {FROM_B}}}\n"),
    );
    let text = words(&format!("{pass}{}", np("b")), "a/web-0", "TCP/8080");
    assert!(text.contains("ingress of a/web-0: Admin tier: pass-from-b rule pass-b (ingress[0], priority 10) passes → NetworkPolicy tier: isolated by a/web\n    allowed by a/web ingress[0].from[0]"), "{text}");
    let base = cnp("base", "Baseline", 3, TEAM_A, &ingress("Deny", ""));
    let text = words(&format!("{pass}{base}"), "a/web-0", "TCP/8080");
    assert!(text.contains("passes → NetworkPolicy tier: no NetworkPolicy isolates it → Baseline tier: base rule ingress[0] (priority 3) denies b/cli-0 on TCP/8080 — decided"), "{text}");
    let tie = cnp("accept-b", "Admin", 10, TEAM_A, &ingress("Accept", ""))
        + &cnp("deny-b", "Admin", 10, TEAM_A, &ingress("Deny", ""));
    let text = words(&tie, "a/web-0", "TCP/8080");
    assert!(
        text.starts_with("b/cli-0 → a/web-0 TCP/8080: depends"),
        "{text}"
    );
    assert!(text.contains("Admin tier: ambiguous — policies of the same priority 10 disagree: accept-b rule ingress[0] (priority 10) accepts, while deny-b rule ingress[0] (priority 10) denies"), "{text}");
    let banp = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  egress:\n  - {name: no-b, action: Deny, to: [{networks: [10.0.0.0/8]}]}\n";
    let text = words(banp, "b/noip", "TCP/80");
    assert!(text.contains("Baseline tier: default rule no-b (egress[0]) may match or not (the manifests do not give b/noip's pod IP"), "{text}");
}

#[test]
fn check_finds_empty_subjects_shadowed_rules_and_ties() {
    let findings = |policies: &str| {
        let analysis = common::analyse_clean(&format!("{CLUSTER}{policies}"));
        analysis.diagnostics
    };
    let nobody = cnp(
        "nobody",
        "Admin",
        1,
        "{namespaces: {matchLabels: {team: z}}}",
        &ingress("Deny", ""),
    );
    let f = findings(&nobody);
    assert!(
        f.iter()
            .any(|d| d.code == reachmap_core::Code::SelectsNothing
                && d.message
                    .contains("ClusterNetworkPolicy nobody selects no pod here")),
        "{f:#?}"
    );
    // A broad Deny at priority 1 hides a narrower Accept at priority 2 for the same pods.
    let broad = cnp(
        "broad",
        "Admin",
        1,
        "{namespaces: {}}",
        "  ingress:\n  - {action: Deny, from: [{namespaces: {}}]}\n",
    );
    let narrow = cnp(
        "narrow",
        "Admin",
        2,
        TEAM_A,
        &ingress(
            "Accept",
            ", protocols: [{tcp: {destinationPort: {number: 8080}}}]",
        ),
    );
    let f = findings(&format!("{broad}{narrow}"));
    assert!(f.iter().any(|d| d.path == "spec.ingress[0]" && d.message.contains("ingress[0] of ClusterNetworkPolicy narrow never decides a flow here: ClusterNetworkPolicy broad ingress[0] (priority 1) comes first")), "{f:#?}");
    // Reversed, nothing is hidden.
    let broad_later = cnp(
        "broad",
        "Admin",
        3,
        "{namespaces: {}}",
        "  ingress:\n  - {action: Deny, from: [{namespaces: {}}]}\n",
    );
    assert!(!findings(&format!("{broad_later}{narrow}"))
        .iter()
        .any(|d| d.message.contains("never decides")));
    // A tie that disagrees.
    let tie = cnp("accept-b", "Admin", 10, TEAM_A, &ingress("Accept", ""))
        + &cnp("deny-b", "Admin", 10, TEAM_A, &ingress("Deny", ""));
    let f = findings(&tie);
    assert!(f.iter().any(|d| d.message.contains("ClusterNetworkPolicy accept-b and ClusterNetworkPolicy deny-b are both Admin tier with priority 10 and disagree on b/cli-0 → a/web-")), "{f:#?}");
    let agree = cnp("deny-a", "Admin", 10, TEAM_A, &ingress("Deny", ""))
        + &cnp("deny-b", "Admin", 10, TEAM_A, &ingress("Deny", ""));
    assert!(!findings(&agree)
        .iter()
        .any(|d| d.message.contains("disagree")));
}

#[test]
fn the_policies_view_badges_pods_with_their_tiers_and_draws_what_the_tiers_decide() {
    use reachmap_core::scene::{build, SceneOptions, View};
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/examples/cluster-tiers/guardrail.yaml"
    ))
    .unwrap();
    let analysis = common::analyse_clean(&text);
    let options = SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    };
    let svg = reachmap_core::svg::render(&build(&analysis, &options));
    assert!(svg.contains("rm-admin-tier\">Admin tier<"), "Admin badge");
    assert!(
        svg.contains("rm-baseline-tier\">Baseline tier<"),
        "Baseline badge"
    );
    assert!(svg.contains("Admin tier: ClusterNetworkPolicy protect-payments (priority 10)."));
    assert!(svg.contains("Flows that policy rules (cluster tiers and NetworkPolicies) admit"));
    // dev/debug → payments/vault is denied by the Admin tier: no allowed edge between them.
    assert!(!svg.contains("dev/debug → payments/vault TCP/8200: allowed"));
}
