//! The answer to a flow query in words: one explanation, or the flow through a Service.

use super::{explanation_text, service_flow_text};
use crate::analysis::FlowAnswer;
use crate::model::Model;

/// What `reachmap explain` prints and the page's explanation panel shows.
pub fn answer_text(model: &Model, answer: &FlowAnswer) -> String {
    match answer {
        FlowAnswer::Single(e) => explanation_text(model, e),
        FlowAnswer::Service(flow) => service_flow_text(model, flow),
    }
}
