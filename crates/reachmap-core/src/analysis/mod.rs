//! The analysis: which pods each Service reaches, and which traffic the NetworkPolicies allow.
//! Every function here is pure over the model; `Analysis` (in `whole`) holds one input's
//! results and is what the scene, the CLI and the page start from.

pub mod bits;
pub mod breakdown;
pub mod diff;
pub mod dns;
pub mod endpoints;
pub mod flow;
pub mod matrix;
mod matrix_tiers;
pub mod policy;
pub mod port_ranges;
pub mod ports;
pub mod probe;
pub mod query;
pub mod redundancy;
pub mod route;
pub mod services;
pub mod terms;
pub mod tiers;
mod tiers_findings;
pub mod to_itself;
mod whole;

pub use diff::{diff, diff_models, Diff, DiffPorts, DiffRow, PolicyChange, Seen, Version};
pub use endpoints::Backend;
pub use endpoints::ServiceEndpoint;
pub use flow::{
    node_service_flow, parse_service_port, service_flow, BackendFlow, NodeBackendFlow,
    NodeServiceFlow, ServiceFlow, NODE_TRAFFIC_RULE,
};
pub use matrix::{matrix, Matrix};
pub use policy::{explain, Endpoint, Explanation, Match, RuleRef, Side, Verdict};
pub use port_ranges::PortRange;
pub use ports::{representative_probes, PortChoice, PortMatrix};
pub use probe::Probe;
pub use query::{answer, FlowAnswer, FlowQuery, FlowTarget, QueryError, QueryErrorKind, QueryPart};
pub use services::{analyze_services, Access, PortReport, ServiceReport};
pub use whole::Analysis;

use crate::diag::Diagnostic;
use crate::model::Model;
use crate::parse::Parsed;

/// Everything to tell a person about the input, in reading order: the parser's diagnostics and
/// the analysis's findings together (what `reachmap check` prints and the page lists).
pub fn all_diagnostics(parsed: &Parsed, services: &[ServiceReport]) -> Vec<Diagnostic> {
    let mut all = parsed.diagnostics.clone();
    all.extend(findings(&parsed.model, services));
    crate::diag::sort(&mut all);
    all
}

/// What `reachmap check` reports: the analysis's diagnostics and the redundant rules
/// (`redundancy`), in reading order. The redundant-rule check is asked for here rather than
/// made by every analysis: it compares the model with a variant per rule, which the page, which
/// analyses on every edit, does not pay for (nor carry in its wasm) until it asks.
pub fn check_diagnostics(analysis: &Analysis) -> Vec<Diagnostic> {
    let mut all = analysis.diagnostics.clone();
    all.extend(redundancy::redundant_rules(
        analysis.model(),
        &analysis.reports,
    ));
    crate::diag::sort(&mut all);
    all
}

/// Everything the analysis finds that is not a verdict: Service findings, the assumptions
/// verdicts rest on, and pods whose policies leave them without DNS.
pub fn findings(model: &Model, services: &[ServiceReport]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = services
        .iter()
        .flat_map(|s| s.findings.iter().cloned())
        .collect();
    out.extend(policy::assumptions(model));
    out.extend(tiers_findings::findings(model));
    out.extend(dns::findings(model));
    crate::diag::sort(&mut out);
    out
}
