//! What the API server rejects of cluster-wide policies (the CRDs' schemas and CEL rules of
//! policy.networking.k8s.io v1alpha2 and v1alpha1): each is an error at its field, with its
//! line, and the object is left out of the analysis.

mod common;

use reachmap_core::{parse, Severity};

const CNP: &str = "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: p\nspec:\n";
const ANP: &str = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: p\nspec:\n";
const BANP: &str = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: default\nspec:\n";
const HEAD: &str = "  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n";

fn rules(n: usize, rule: &str) -> String {
    (0..n).map(|_| format!("  - {rule}\n")).collect()
}

#[test]
fn rejected_objects_are_located_and_left_out() {
    let deny_all = "{action: Deny, from: [{namespaces: {}}]}";
    let peers26 = format!(
        "{{action: Deny, from: [{}]}}",
        vec!["{namespaces: {}}"; 26].join(", ")
    );
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("no tier", format!("{CNP}  priority: 1\n  subject: {{namespaces: {{}}}}\n"), "spec", "`spec.tier` is required"),
        ("unknown tier", format!("{CNP}  tier: Override\n  priority: 1\n  subject: {{namespaces: {{}}}}\n"), "spec.tier", "Admin or Baseline"),
        ("priority out of range", format!("{CNP}  tier: Admin\n  priority: 1001\n  subject: {{namespaces: {{}}}}\n"), "spec.priority", "from 0 to 1000"),
        ("negative priority", format!("{ANP}  priority: -1\n  subject: {{namespaces: {{}}}}\n"), "spec.priority", "from 0 to 1000"),
        ("subject with both", format!("{CNP}  tier: Admin\n  priority: 1\n  subject: {{namespaces: {{}}, pods: {{podSelector: {{}}}}}}\n"), "spec.subject", "exactly one field"),
        ("subject with neither", format!("{CNP}  tier: Admin\n  priority: 1\n  subject: {{}}\n"), "spec.subject", "exactly one of"),
        ("empty peer list", format!("{CNP}{HEAD}  ingress:\n  - {{action: Deny, from: []}}\n"), "spec.ingress[0]", "at least one peer"),
        ("action Allow in v1alpha2", format!("{CNP}{HEAD}  ingress:\n  - {{action: Allow, from: [{{namespaces: {{}}}}]}}\n"), "spec.ingress[0].action", "Accept, Deny, Pass"),
        ("named port with networks", format!("{CNP}{HEAD}  egress:\n  - {{action: Deny, to: [{{networks: [10.0.0.0/8]}}], protocols: [{{destinationNamedPort: web}}]}}\n"), "spec.egress[0]", "named port cannot be used"),
        ("26 rules", format!("{CNP}{HEAD}  ingress:\n{}", rules(26, deny_all)), "spec.ingress", "at most 25"),
        ("26 peers", format!("{CNP}{HEAD}  ingress:\n{}", rules(1, &peers26)), "spec.ingress[0].from", "at most 25"),
        ("range start not below end", format!("{CNP}{HEAD}  ingress:\n  - {{action: Deny, from: [{{namespaces: {{}}}}], protocols: [{{tcp: {{destinationPort: {{range: {{start: 80, end: 80}}}}}}}}]}}\n"), "spec.ingress[0].protocols[0].tcp.destinationPort.range", "less than End"),
        ("tcp without destinationPort", format!("{CNP}{HEAD}  ingress:\n  - {{action: Deny, from: [{{namespaces: {{}}}}], protocols: [{{tcp: {{}}}}]}}\n"), "spec.ingress[0].protocols[0].tcp", "needs `destinationPort`"),
        ("networks in ingress", format!("{CNP}{HEAD}  ingress:\n  - {{action: Deny, from: [{{networks: [10.0.0.0/8]}}]}}\n"), "spec.ingress[0].from[0].networks", "not a field"),
        ("bad CIDR", format!("{CNP}{HEAD}  egress:\n  - {{action: Deny, to: [{{networks: [10.0.0.0/33]}}]}}\n"), "spec.egress[0].to[0].networks[0]", "not a valid CIDR"),
        ("v1alpha1 pods without namespaceSelector", format!("{ANP}  priority: 1\n  subject: {{pods: {{podSelector: {{}}}}}}\n"), "spec.subject.pods", "namespaceSelector` is required"),
        ("BANP not named default", BANP.replace("name: default", "name: other") + "  subject: {namespaces: {}}\n", "metadata.name", "metadata.name=\"default\""),
        ("BANP with Pass", format!("{BANP}  subject: {{namespaces: {{}}}}\n  ingress:\n  - {{action: Pass, from: [{{namespaces: {{}}}}]}}\n"), "spec.ingress[0].action", "Allow, Deny"),
        ("BANP with domainNames", format!("{BANP}  subject: {{namespaces: {{}}}}\n  egress:\n  - {{action: Allow, to: [{{domainNames: [example.com]}}]}}\n"), "spec.egress[0].to[0].domainNames", "not a field"),
        ("wrong apiVersion", CNP.replace("v1alpha2", "v1alpha1") + HEAD, "apiVersion", "does not serve"),
    ];
    for (name, text, path, fragment) in cases {
        let parsed = parse(&text);
        let hit = parsed.diagnostics.iter().find(|d| {
            d.severity == Severity::Error && d.path == path && d.message.contains(fragment)
        });
        assert!(
            hit.is_some(),
            "{name}: no error at {path} saying {fragment:?}: {:#?}",
            parsed.diagnostics
        );
        // Every field but apiVersion is below line 1 in these texts.
        assert!(
            hit.unwrap().location.line > 1 || path == "apiVersion",
            "{name}: located"
        );
        assert!(parsed.model.cluster_policies.is_empty(), "{name}: left out");
    }
}

#[test]
fn valid_objects_are_read_with_what_they_mean() {
    let text = format!(
        "{CNP}  tier: Baseline\n  priority: 0\n  subject: {{pods: {{podSelector: {{}}}}}}\n  egress:\n  - {{name: r, action: Pass, to: [{{domainNames: ['*.example.com']}}, {{nodes: {{}}}}], protocols: [{{udp: {{destinationPort: {{number: 53}}}}}}]}}\n---\n{BANP}  subject: {{namespaces: {{}}}}\n  ingress:\n  - {{action: Deny, from: [{{pods: {{namespaceSelector: {{}}, podSelector: {{}}}}}}], ports: [{{portRange: {{start: 9000, end: 8000}}}}, {{portNumber: {{protocol: ICMP, port: 1}}}}]}}\n"
    );
    let parsed = parse(&text);
    let errors = common::errors(&parsed);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(parsed.model.cluster_policies.len(), 2);
    // What v1alpha1 admits but means nothing is said.
    let warned = |fragment: &str| {
        parsed
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning && d.message.contains(fragment))
    };
    assert!(warned("is empty: start is above end"));
    assert!(warned("protocol `ICMP`"));
}
