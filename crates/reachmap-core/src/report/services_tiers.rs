//! The cluster-wide tiers in the services report: for each Service port, the flows into its
//! backends that a cluster policy decided, from each pod group of the input and from any
//! outside address, in `explain`'s words (`tier_decisions`).

use super::clean;
use super::tiers::{tier_decisions, TierDecision};
use crate::analysis::{service_flow, Endpoint, ServiceReport, Verdict};
use crate::model::Model;
use std::fmt::Write;

/// A port lists this many flows a cluster tier decided, then how many more there are.
const FLOWS_LISTED: usize = 10;

/// A flow into a backend of a Service port that a cluster tier decided (on one side or both).
pub(super) struct TierFlow {
    pub from: String,
    pub to: String,
    /// The port at the backend, `TCP/8200`.
    pub probe: String,
    pub verdict: Verdict,
    /// Each side a cluster tier decided, in `explain`'s words.
    pub decisions: Vec<TierDecision>,
}

/// The flows into port `port`'s backends that a cluster tier decided, from each pod group of
/// the input and from any outside address, in client order. None without cluster policies.
pub(super) fn port_tier_flows(model: &Model, r: &ServiceReport, port: usize) -> Vec<TierFlow> {
    if model.cluster_policies.is_empty() {
        return Vec::new();
    }
    let clients = (0..model.groups.len())
        .map(Endpoint::Group)
        .chain([Endpoint::Outside(None)]);
    let mut flows = Vec::new();
    for client in clients {
        let flow = service_flow(model, r, client, port);
        for e in flow.backends.iter().filter_map(|b| b.explanation.as_ref()) {
            let decisions = tier_decisions(model, e);
            if !decisions.is_empty() {
                flows.push(TierFlow {
                    from: e.from.name(model),
                    to: e.to.name(model),
                    probe: e.probe.to_string(),
                    verdict: e.verdict,
                    decisions,
                });
            }
        }
    }
    flows
}

/// The lines under a Service port: `decided by a cluster tier: shop/api → payments/vault
/// TCP/8200: allowed — ingress of payments/vault: Admin tier: …`. Nothing without cluster
/// policies.
pub(super) fn port_tiers_text(out: &mut String, model: &Model, r: &ServiceReport, port: usize) {
    let flows = port_tier_flows(model, r, port);
    for f in flows.iter().take(FLOWS_LISTED) {
        let words: Vec<&str> = f.decisions.iter().map(|d| d.words.as_str()).collect();
        let line = format!(
            "{} — {}",
            super::flow_line(&f.from, &f.to, &f.probe, f.verdict),
            words.join("; ")
        );
        let _ = writeln!(out, "    decided by a cluster tier: {}", clean(&line));
    }
    if flows.len() > FLOWS_LISTED {
        let _ = writeln!(
            out,
            "    and {} more flows decided by a cluster tier (`reachmap explain` shows each)",
            flows.len() - FLOWS_LISTED
        );
    }
}
