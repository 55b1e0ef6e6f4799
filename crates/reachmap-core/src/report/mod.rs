//! Text output of the analysis, shared by the CLI and the page: the same words everywhere.

mod answer;
mod diagnostics;
mod diff;
mod explain;
mod linked;
mod network_side;
mod probe;
mod services;
mod services_json;
mod services_tiers;
mod tiers;

pub use answer::{answer_linked, answer_text};
pub use diagnostics::{diagnostics_json, diagnostics_summary, diagnostics_text, format_diagnostic};
pub use diff::{diff_json, diff_md, diff_text, diff_tsv};
pub use explain::{
    explanation_linked, explanation_text, flow_line, service_flow_linked, service_flow_text,
};
pub use linked::{Linked, TextLink};
pub use probe::{probe_json, probe_summary, probe_table, probe_tsv};
pub use services::services_text;
pub use services_json::services_json;
pub use tiers::{tier_decisions, DecidingTier, TierDecision};

/// Makes a manifest string safe to print on a terminal: control characters (which could move
/// the cursor or recolour the screen) are shown as escapes, everything else as written.
pub fn clean(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `a`, `a and b`, `a, b and c`: names in a sentence.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
