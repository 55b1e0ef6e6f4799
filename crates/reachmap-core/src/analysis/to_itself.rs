//! A pod and itself: the one flow no policy governs, and the way back to it through its own
//! Service (hairpin), which only the cluster-wide tiers are defined to govern.
//!
//! Network Policies: the entities a pod can communicate with are "Other pods that are allowed
//! (exception: a pod cannot block access to itself)". The Network Policy API (API overview):
//! "ClusterNetworkPolicy is logically enforced outside the Pod network namespace": a Pod
//! connecting to its own Pod IP is not subject to it, one reaching itself through a Service IP
//! is. Whether NetworkPolicies apply to that hairpin is not defined (kubernetes-sigs/
//! network-policy-api#343 lists it as implementation-defined).

use super::policy::{explain, Endpoint, Explanation, Match, Verdict};
use super::probe::Probe;
use super::tiers;
use crate::model::Model;

/// Network Policies: what a pod can always reach.
pub const SELF_RULE: &str = "a pod cannot block access to itself";

/// The Network Policy API, API overview: cluster policies and a pod's own address.
pub const SELF_CLUSTER_RULE: &str = "A Pod connecting to its own Pod IP is not subject to CNP.";

/// The Network Policy API, API overview: cluster policies and a Service that sends a pod's
/// connection back to it.
pub const HAIRPIN_CLUSTER_RULE: &str = "A Pod connecting to a Service IP that the service proxy load-balances back to the same Pod is subject to ClusterNetworkPolicy.";

/// Whether `from` → `to` is one pod and itself: a pod group of a single pod.
pub fn is_one_pod(model: &Model, from: Endpoint, to: Endpoint) -> bool {
    from == to && matches!(to, Endpoint::Group(g) if model.groups[g].replicas == 1)
}

/// `explain` for traffic straight to a pod's own address (not through a Service): a single
/// pod reaching itself is allowed whatever the rules say, and the explanation says why.
pub fn explain_direct(model: &Model, from: Endpoint, to: Endpoint, probe: Probe) -> Explanation {
    let mut e = explain(model, from, to, probe);
    if e.verdict != Verdict::Allowed && is_one_pod(model, from, to) {
        e.verdict = Verdict::Allowed;
        let cluster = if e.egress_tiers.is_some() || e.ingress_tiers.is_some() {
            format!("; nor do cluster policies: \"{SELF_CLUSTER_RULE}\" (Network Policy API, API overview)")
        } else {
            String::new()
        };
        e.assumptions.push(format!(
            "the pod connects to its own address, which the rules above do not govern: \"{SELF_RULE}\" (Kubernetes documentation, Network Policies){cluster}"
        ));
    }
    e
}

/// A single pod reaching itself through its Service (`e`, the rules' verdict for the pod and
/// itself, not allowed): denied where a cluster tier denies it before or without any
/// NetworkPolicy, else it depends (whether NetworkPolicies apply to it is not defined).
pub fn hairpin(e: &mut Explanation, rewrite_rule: &str) {
    // The NetworkPolicy tier's answer is unknown here; what the cluster tiers decide alone.
    let cluster_denies = [(&e.egress_tiers, &e.egress), (&e.ingress_tiers, &e.ingress)]
        .into_iter()
        .any(|(walk, side)| {
            walk.as_ref()
                .is_some_and(|w| tiers::side_allows(w, Match::Partly, side.isolated()) == Match::No)
        });
    if cluster_denies {
        e.verdict = Verdict::Denied;
        e.assumptions.push(format!("the connection lands on the client pod itself (hairpin), and cluster policies govern that: \"{HAIRPIN_CLUSTER_RULE}\" (Network Policy API, API overview); a cluster tier above denies it"));
    } else {
        e.verdict = Verdict::Depends;
        e.assumptions.push(format!("the connection lands on the client pod itself (hairpin): \"{SELF_RULE}\" (Kubernetes documentation, Network Policies), but the rules above would stop it, and whether the network plugin applies them to traffic that left the pod and came back with a rewritten source is not defined: \"{rewrite_rule}\""));
    }
}
