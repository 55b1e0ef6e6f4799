//! Cluster-wide policies for the property tests: both tiers, both API versions, few priorities
//! (so ties happen), Pass, `networks` (pods with and without IPs), ranges and named ports.

use super::VALUES;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct ClusterRuleSpec {
    action: u8,              // 0 Accept/Allow, 1 Deny, 2 Pass
    peers: Vec<(u8, usize)>, // (0 namespaces n=v, 1 all namespaces, 2 pods app=v in all namespaces, 3 networks)
    ports: Vec<u8>,          // 0 TCP/80, 1 UDP/80, 2 TCP/80-90, 3 named `web`
}

#[derive(Debug, Clone)]
pub struct ClusterSpec {
    kind: u8, // 0 CNP Admin, 1 CNP Baseline, 2 ANP, 3 BANP (the first; CNP Baseline after)
    priority: u32,
    subject: Option<usize>, // pods app=v in all namespaces, or `None`: namespaces {}
    ingress: Vec<ClusterRuleSpec>,
    egress: Vec<ClusterRuleSpec>,
}

fn cluster_rule() -> impl Strategy<Value = ClusterRuleSpec> {
    (
        0..3u8,
        proptest::collection::vec((0..4u8, 0..3usize), 1..3),
        proptest::collection::vec(0..4u8, 0..2),
    )
        .prop_map(|(action, peers, ports)| ClusterRuleSpec {
            action,
            peers,
            ports,
        })
}

pub fn cluster_policy() -> impl Strategy<Value = ClusterSpec> {
    (
        0..4u8,
        0..3u32, // few priorities: ties happen
        proptest::option::of(0..3usize),
        proptest::collection::vec(cluster_rule(), 0..3),
        proptest::collection::vec(cluster_rule(), 0..3),
    )
        .prop_map(|(kind, priority, subject, ingress, egress)| ClusterSpec {
            kind,
            priority,
            subject,
            ingress,
            egress,
        })
}

pub fn cluster_yaml(policies: &[ClusterSpec]) -> String {
    let mut s = String::new();
    let mut banp = false;
    for (i, p) in policies.iter().enumerate() {
        let (kind, tier) = match p.kind {
            3 if !banp => {
                banp = true;
                ("BaselineAdminNetworkPolicy", "")
            }
            0 => ("ClusterNetworkPolicy", "Admin"),
            2 => ("AdminNetworkPolicy", ""),
            _ => ("ClusterNetworkPolicy", "Baseline"),
        };
        let v1 = kind != "ClusterNetworkPolicy";
        let name = if kind == "BaselineAdminNetworkPolicy" {
            "default".to_string()
        } else {
            format!("c{i}")
        };
        let version = if v1 { "v1alpha1" } else { "v1alpha2" };
        s.push_str(&format!("apiVersion: policy.networking.k8s.io/{version}\nkind: {kind}\nmetadata: {{name: {name}}}\nspec:\n"));
        if !tier.is_empty() {
            s.push_str(&format!("  tier: {tier}\n"));
        }
        if kind != "BaselineAdminNetworkPolicy" {
            s.push_str(&format!("  priority: {}\n", p.priority));
        }
        match p.subject {
            Some(v) => s.push_str(&format!("  subject: {{pods: {{namespaceSelector: {{}}, podSelector: {{matchLabels: {{app: {}}}}}}}}}\n", VALUES[v])),
            None => s.push_str("  subject: {namespaces: {}}\n"),
        }
        for (key, peers_key, rules) in
            [("ingress", "from", &p.ingress), ("egress", "to", &p.egress)]
        {
            if rules.is_empty() {
                continue;
            }
            s.push_str(&format!("  {key}:\n"));
            for r in rules {
                let action = match (r.action, v1) {
                    (0, true) => "Allow",
                    (0, false) => "Accept",
                    (1, _) => "Deny",
                    _ if kind == "BaselineAdminNetworkPolicy" => "Deny",
                    _ => "Pass",
                };
                let peers: Vec<String> = r.peers.iter().map(|(what, v)| match what {
                    0 => format!("{{namespaces: {{matchLabels: {{n: {}}}}}}}", VALUES[*v]),
                    1 => "{namespaces: {}}".to_string(),
                    3 if key == "egress" => match v {
                        0 => "{networks: [10.0.0.0/16]}".to_string(),
                        1 => "{networks: [10.0.4.0/22, 10.0.2.0/24]}".to_string(),
                        _ => "{networks: [0.0.0.0/0, '::/0']}".to_string(),
                    },
                    _ => format!("{{pods: {{namespaceSelector: {{}}, podSelector: {{matchLabels: {{app: {}}}}}}}}}", VALUES[*v]),
                }).collect();
                // A named port may not go with networks (the CRD's rule).
                let networks = peers.iter().any(|p| p.contains("networks"));
                let ports: Vec<String> = r
                    .ports
                    .iter()
                    .filter(|w| !(networks && **w == 3))
                    .map(|w| {
                        match (w, v1) {
                            (0, false) => "{tcp: {destinationPort: {number: 80}}}",
                            (1, false) => "{udp: {destinationPort: {number: 80}}}",
                            (2, false) => "{tcp: {destinationPort: {range: {start: 80, end: 90}}}}",
                            (_, false) => "{destinationNamedPort: web}",
                            (0, true) => "{portNumber: {port: 80}}",
                            (1, true) => "{portNumber: {protocol: UDP, port: 80}}",
                            (2, true) => "{portRange: {start: 80, end: 90}}",
                            (_, true) => "{namedPort: web}",
                        }
                        .to_string()
                    })
                    .collect();
                s.push_str(&format!(
                    "  - {{action: {action}, {peers_key}: [{}]",
                    peers.join(", ")
                ));
                if !ports.is_empty() {
                    s.push_str(&format!(
                        ", {}: [{}]",
                        if v1 { "ports" } else { "protocols" },
                        ports.join(", ")
                    ));
                }
                s.push_str("}\n");
            }
        }
        s.push_str("---\n");
    }
    s
}
