//! The cluster-wide tiers in the services report: for each Service port, the flows into its
//! backends that a cluster policy decided, from each pod group of the input and from any
//! outside address, in `explain`'s words (`tier_decisions`).

use super::clean;
use super::tiers::tier_decisions;
use crate::analysis::{service_flow, Endpoint, ServiceReport};
use crate::model::Model;
use std::fmt::Write;

/// A port lists this many flows a cluster tier decided, then how many more there are.
const FLOWS_LISTED: usize = 10;

/// The lines under a Service port: `decided by a cluster tier: shop/api → payments/vault
/// TCP/8200: allowed — ingress of payments/vault: Admin tier: …`. Nothing without cluster
/// policies.
pub(super) fn port_tiers_text(out: &mut String, model: &Model, r: &ServiceReport, port: usize) {
    if model.cluster_policies.is_empty() {
        return;
    }
    let clients = (0..model.groups.len())
        .map(Endpoint::Group)
        .chain([Endpoint::Outside(None)]);
    let mut lines = Vec::new();
    for client in clients {
        let flow = service_flow(model, r, client, port);
        for e in flow.backends.iter().filter_map(|b| b.explanation.as_ref()) {
            let decisions = tier_decisions(model, e);
            if decisions.is_empty() {
                continue;
            }
            let words: Vec<&str> = decisions.iter().map(|d| d.words.as_str()).collect();
            lines.push(format!(
                "{} — {}",
                super::flow_line(
                    &e.from.name(model),
                    &e.to.name(model),
                    &e.probe.to_string(),
                    e.verdict
                ),
                words.join("; ")
            ));
        }
    }
    for line in lines.iter().take(FLOWS_LISTED) {
        let _ = writeln!(out, "    decided by a cluster tier: {}", clean(line));
    }
    if lines.len() > FLOWS_LISTED {
        let _ = writeln!(
            out,
            "    and {} more flows decided by a cluster tier (`reachmap explain` shows each)",
            lines.len() - FLOWS_LISTED
        );
    }
}
