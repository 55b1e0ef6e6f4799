//! The one flow a person chose — in words, so that it survives edits of the text — and its
//! answer against the current analysis: the verdict, the words `reachmap explain` prints, and
//! the port the answer is about.

use super::matrix_html::verdict_mark;
use reachmap_core::analysis::QueryPart;
use reachmap_core::analysis::{Analysis, FlowQuery, FlowTarget, Probe, QueryError, Verdict};
use reachmap_core::model::Model;
use reachmap_core::report::answer_linked;
use serde::{Deserialize, Serialize};

/// The chosen flow's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowShown {
    /// The verdict's icon and word (`matrix_html::verdict_mark`).
    pub icon: String,
    pub word: String,
    /// What `reachmap explain` prints.
    pub text: String,
    /// The references to policies and rules in `text` (`report::answer_linked`), in order.
    pub links: Vec<RuleLinkShown>,
}

/// One reference in an explanation: a link that puts the editor's cursor on a policy or rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleLinkShown {
    /// Byte offsets of the link's words in `FlowShown::text`.
    pub start: usize,
    pub end: usize,
    /// The field path (`spec.ingress[0].from[0]`); empty for the policy itself.
    pub path: String,
    /// Where the editor's cursor goes (1-based, in characters).
    pub line: u32,
    pub column: u32,
}

/// A flow the person asks about, in the words `FlowQuery::parse` reads, so that it survives
/// edits of the text (it is read again against each new model).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowWords {
    pub from: String,
    /// An endpoint, or a Service port `ns/service:port`.
    pub to: String,
    /// `PROTOCOL/PORT`; ignored for a Service port.
    pub port: String,
}

impl FlowWords {
    /// Whether both ends are chosen (the port has a default).
    pub fn is_complete(&self) -> bool {
        !self.from.is_empty() && !self.to.is_empty()
    }
}

/// The answer to the flow the person chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowResult {
    pub query: FlowQuery,
    pub verdict: Verdict,
    /// `report::answer_text`: the same words as `reachmap explain`.
    pub text: String,
    /// Its references to policies and rules in the editor's text, as links.
    pub links: Vec<RuleLinkShown>,
    /// The port the answer is about (the chosen one, or the default for the destination);
    /// empty for a Service port.
    pub port: String,
}

/// The port a flow to `to` is asked about when none is chosen: the destination's first
/// declared container port, else TCP/80 (the CLI's default probe).
pub fn default_port(model: &Model, to: &str) -> String {
    model
        .group(to)
        .and_then(|g| model.groups[g].ports.first())
        .map(|p| Probe::new(p.protocol, p.port).to_string())
        .unwrap_or_else(|| Probe::tcp(80).to_string())
}

/// Answers `words` against the analysis (its cached answer, shared with the diagrams); an
/// error, naming the part that no longer fits the text, when the words do not.
pub fn flow_result(a: &Analysis, words: &FlowWords) -> Result<FlowResult, QueryError> {
    let model = a.model();
    let port = if words.port.is_empty() {
        default_port(model, &words.to)
    } else {
        words.port.clone()
    };
    let query = FlowQuery::parse(model, &words.from, &words.to, Some(&port))?;
    let port = match query.to {
        FlowTarget::ServicePort { .. } => String::new(),
        FlowTarget::Endpoint(_) => port,
    };
    let answer = a.answer(&query);
    let linked = answer_linked(model, &answer);
    let links = linked
        .links
        .into_iter()
        // The page reads one input, the editor's (source 0): every reference is in it.
        .filter(|l| l.location.source == 0)
        .map(|l| RuleLinkShown {
            start: l.start,
            end: l.end,
            path: l.path,
            line: l.location.line,
            column: l.location.column,
        })
        .collect();
    Ok(FlowResult {
        query,
        verdict: answer.verdict(),
        text: linked.text,
        links,
        port,
    })
}

/// The error with its word named as the page's control is (`From: …`, not `--from: …`).
pub fn page_words(e: &QueryError) -> String {
    e.sentence(match e.part {
        QueryPart::From => "From",
        QueryPart::To => "To",
        QueryPart::Port => "Port",
    })
}

/// The answer to `words` as the page shows it, with its query; the words why they do not fit.
pub fn shown_flow(a: &Analysis, words: &FlowWords) -> Result<(FlowQuery, FlowShown), String> {
    flow_result(a, words)
        .map(|r| {
            let (icon, word) = verdict_mark(r.verdict);
            (
                r.query,
                FlowShown {
                    icon: icon.into(),
                    word: word.into(),
                    text: r.text,
                    links: r.links,
                },
            )
        })
        .map_err(|e| page_words(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::report::answer_text;
    use std::sync::Arc;

    /// api-allow: only the coffeeshop may reach the payment processor; nginx declares port 80,
    /// the payment processor 8080, behind a Service.
    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: coffeeshop, labels: {app: coffeeshop}}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: pay, labels: {app: pay}}\nspec:\n  containers:\n  - {name: c, image: i, ports: [{name: http, containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: pay}\nspec:\n  selector: {app: pay}\n  ports: [{name: web, port: 80, targetPort: http}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api-allow}\nspec:\n  podSelector: {matchLabels: {app: pay}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: coffeeshop}}}]}]\n";

    fn words(from: &str, to: &str, port: &str) -> FlowWords {
        FlowWords {
            from: from.into(),
            to: to.into(),
            port: port.into(),
        }
    }

    #[test]
    fn a_flow_needs_both_ends_but_not_a_port() {
        assert!(!FlowWords::default().is_complete());
        assert!(!words("default/a", "", "TCP/80").is_complete());
        assert!(words("default/a", "default/b", "").is_complete());
    }

    #[test]
    fn the_default_port_is_the_destinations_first_declared_port() {
        let a = Analysis::of(TEXT);
        assert_eq!(default_port(a.model(), "default/pay"), "TCP/8080");
        assert_eq!(default_port(a.model(), "default/coffeeshop"), "TCP/80");
        assert_eq!(default_port(a.model(), "outside"), "TCP/80");
    }

    #[test]
    fn answers_with_the_clis_words_on_the_default_port() {
        let a = Analysis::of(TEXT);
        let r = flow_result(&a, &words("default/coffeeshop", "default/pay", "")).unwrap();
        assert_eq!(r.verdict, Verdict::Allowed);
        assert_eq!(r.port, "TCP/8080");
        let q = FlowQuery::parse(
            a.model(),
            "default/coffeeshop",
            "default/pay",
            Some("TCP/8080"),
        )
        .unwrap();
        assert_eq!(r.query, q);
        assert_eq!(r.text, answer_text(a.model(), &a.answer(&q)));
        // The answer is the analysis's own: the diagrams ask for it again without recomputing.
        assert!(Arc::ptr_eq(&a.answer(&q), &a.answer(&r.query)));
        let denied = flow_result(&a, &words("outside", "default/pay", "TCP/8080")).unwrap();
        assert_eq!(denied.verdict, Verdict::Denied);
    }

    #[test]
    fn a_service_port_has_no_port_of_its_own() {
        let a = Analysis::of(TEXT);
        let r = flow_result(
            &a,
            &words("default/coffeeshop", "default/pay:web", "UDP/53"),
        );
        let r = r.unwrap();
        assert_eq!(r.port, "");
        assert!(matches!(r.query.to, FlowTarget::ServicePort { .. }));
        assert_eq!(r.verdict, Verdict::Allowed);
    }

    #[test]
    fn words_that_no_longer_fit_the_text_say_why() {
        let a = Analysis::of(TEXT);
        let e = flow_result(&a, &words("default/gone", "default/pay", "")).unwrap_err();
        assert_eq!(e.part, QueryPart::From);
        assert!(
            e.to_string()
                .starts_with("--from: no pod or workload is named `default/gone`"),
            "{e}"
        );
        let e = flow_result(&a, &words("default/coffeeshop", "default/pay", "TCP/0")).unwrap_err();
        assert_eq!(e.part, QueryPart::Port);
        assert!(e.to_string().starts_with("--port:"), "{e}");
    }
}
