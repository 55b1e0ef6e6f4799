//! The answer to a flow query in words: one explanation, or the flow through a Service.

use super::explain::{explanation_linked, service_flow_linked};
use super::linked::Linked;
use crate::analysis::FlowAnswer;
use crate::model::Model;

/// What `reachmap explain` prints and the page's explanation panel shows.
pub fn answer_text(model: &Model, answer: &FlowAnswer) -> String {
    answer_linked(model, answer).text
}

/// `answer_text` with its references to policies and rules, each with its place in the
/// manifests: the page's explanation panel makes them links to the editor.
pub fn answer_linked(model: &Model, answer: &FlowAnswer) -> Linked {
    match answer {
        FlowAnswer::Single(e) => explanation_linked(model, e),
        FlowAnswer::Service(flow) => service_flow_linked(model, flow),
    }
}
