//! NetworkPolicies.

use super::writer::PrefixWriter;
use super::{or_none, seq};
use crate::objects::{Obj, Source};
use crate::selector::{self, scalar};
use crate::sim::clock::go_string;
use crate::Ctx;
use reachmap_core::model::{NetworkPolicy, Peer, Rule};

pub(super) fn policy(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let Source::Policy(i) = obj.source else {
        return;
    };
    let p: &NetworkPolicy = &ctx.parsed.model.policies[i];
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.line(
        0,
        format!("Created on:\t{}", go_string(obj.age_seconds(ctx))),
    );
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, "Spec:");
    if p.pod_selector.is_empty() {
        w.line(
            0,
            "  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)",
        );
    } else {
        w.line(
            0,
            format!("  PodSelector:     {}", selector::format(&p.pod_selector)),
        );
    }
    if p.isolates_ingress {
        w.line(1, "Allowing ingress traffic:");
        rules(w, &p.ingress, false);
    } else {
        w.line(1, "Not affecting ingress traffic");
    }
    if p.isolates_egress {
        w.line(1, "Allowing egress traffic:");
        rules(w, &p.egress, true);
    } else {
        w.line(1, "Not affecting egress traffic");
    }
    // As written (in their order), else the API server's defaults.
    let written: Vec<String> = seq(
        obj.doc(ctx).and_then(|d| d.value.get("spec")),
        "policyTypes",
    )
    .into_iter()
    .filter_map(scalar)
    .collect();
    let types: Vec<String> = if written.is_empty() {
        [
            (p.isolates_ingress, "Ingress"),
            (p.isolates_egress, "Egress"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, t)| t.to_string())
        .collect()
    } else {
        written
    };
    w.line(1, format!("Policy Types: {}", or_none(types.join(", "))));
}

/// `printNetworkPolicySpecIngressFrom` / `…EgressTo`.
fn rules(w: &mut PrefixWriter, rules: &[Rule], egress: bool) {
    let (word, any, isolated) = if egress {
        ("To", "traffic not restricted by destination", "egress")
    } else {
        ("From", "traffic not restricted by source", "ingress")
    };
    if rules.is_empty() {
        return w.line(
            0,
            format!("    <none> (Selected pods are isolated for {isolated} connectivity)"),
        );
    }
    for (i, rule) in rules.iter().enumerate() {
        if rule.ports.is_empty() {
            w.line(0, "    To Port: <any> (traffic allowed to all ports)");
        }
        for p in &rule.ports {
            let port = p.port.as_ref().map(|p| p.to_string()).unwrap_or_default();
            match p.end_port {
                None => w.line(0, format!("    To Port: {port}/{}", p.protocol)),
                Some(end) => w.line(0, format!("    To Port Range: {port}-{end}/{}", p.protocol)),
            }
        }
        peer_lines(w, &rule.peers, word, any);
        if i + 1 < rules.len() {
            w.line(0, "    ----------");
        }
    }
}

/// `metav1.FormatLabelSelector` of a NetworkPolicy peer's selector.
fn peer_lines(w: &mut PrefixWriter, peers: &[Peer], word: &str, any: &str) {
    if peers.is_empty() {
        return w.line(0, format!("    {word}: <any> ({any})"));
    }
    for peer in peers {
        w.line(0, format!("    {word}:"));
        match peer {
            Peer::Pods { pods, namespaces } => {
                if let Some(ns) = namespaces {
                    w.line(
                        1,
                        format!("    NamespaceSelector: {}", selector::format(ns)),
                    );
                }
                if let Some(p) = pods {
                    w.line(1, format!("    PodSelector: {}", selector::format(p)));
                }
            }
            Peer::IpBlock(b) => {
                w.line(1, "    IPBlock:");
                w.line(2, format!("    CIDR: {}", b.cidr));
                let except: Vec<String> = b.except.iter().map(|e| e.to_string()).collect();
                w.line(2, format!("    Except: {}", except.join(", ")));
            }
        }
    }
}
