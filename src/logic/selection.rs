//! The selection panel's rows: for the selected pod group, every flow into it (ingress, from
//! each other group) and out of it (egress, to each), with its verdict on the view's ports and
//! the rule that decides it. Each row carries the words of its flow, so a click explains it.
//! The analysis worker makes the rows (`Engine::work`) and sends them as plain data.

use super::flow::{default_port, FlowWords};
use super::matrix::some_ports_words;
use super::matrix_html::verdict_mark;
use reachmap_core::analysis::{
    Analysis, Endpoint, Explanation, FlowAnswer, FlowQuery, FlowTarget, Match, PortChoice,
    PortMatrix, Probe, Side, Verdict,
};
use reachmap_core::model::Model;
use serde::{Deserialize, Serialize};

/// Rows listed per direction; the rest are counted (a large input has thousands).
pub const LISTED: usize = 50;

/// One flow of the selection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The other end: the source of an ingress row, the destination of an egress row.
    pub peer: String,
    /// The verdict's icon and word (`matrix_html::verdict_mark`).
    pub icon: String,
    pub word: String,
    /// The ports the verdict is about: `TCP/8080`, `any port`, `TCP/8080 only`.
    pub ports: String,
    /// What decides it, in words.
    pub rule: String,
    /// The flow a click explains.
    pub flow: FlowWords,
}

/// Both directions' rows, and how many of each were left out beyond `LISTED`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rows {
    pub selected: String,
    pub ingress: Vec<Row>,
    pub egress: Vec<Row>,
    pub more_ingress: usize,
    pub more_egress: usize,
}

/// The rows for `selected` (a pod group's endpoint word) on the ports `m` was computed for;
/// `None` when the selection is not a pod group (a Service).
pub fn rows(a: &Analysis, m: &PortMatrix, selected: &str) -> Option<Rows> {
    let model = a.model();
    let s = model.group(selected)?;
    let peers: Vec<usize> = (0..model.groups.len())
        // A bare pod and itself is no flow; two pods of one workload are.
        .filter(|&g| g != s || model.groups[s].owner.is_some())
        .collect();
    let mut out = Rows {
        selected: model.groups[s].endpoint(),
        more_ingress: peers.len().saturating_sub(LISTED),
        more_egress: peers.len().saturating_sub(LISTED),
        ..Rows::default()
    };
    for &g in peers.iter().take(LISTED) {
        out.ingress.push(row(a, m, g, s, g));
        out.egress.push(row(a, m, s, g, g));
    }
    Some(out)
}

fn row(a: &Analysis, m: &PortMatrix, from: usize, to: usize, peer: usize) -> Row {
    let model = a.model();
    let (from_word, to_word) = (model.groups[from].endpoint(), model.groups[to].endpoint());
    let fallback: Probe = default_port(model, &to_word)
        .parse()
        .unwrap_or(Probe::tcp(80));
    let probe = match m.choice {
        PortChoice::Probe(p) => p,
        // Any port: one the flow is allowed on (the destination's own first), else its default.
        PortChoice::Any => m.witness(from, to, &[fallback]).unwrap_or(fallback),
    };
    let query = FlowQuery {
        from: Endpoint::Group(from),
        to: FlowTarget::Endpoint(Endpoint::Group(to)),
        probe: Some(probe),
    };
    let answer = a.answer(&query);
    let (verdict, rule) = match answer.as_ref() {
        FlowAnswer::Single(e) => (e.verdict, deciding_rule(model, e)),
        FlowAnswer::Service(f) => (f.verdict, String::new()),
    };
    let ports = match m.choice {
        PortChoice::Probe(p) => p.to_string(),
        PortChoice::Any if verdict == Verdict::Allowed => {
            some_ports_words(m, from, to).map_or_else(|| "any port".into(), |r| format!("{r} only"))
        }
        PortChoice::Any => "any port".into(),
    };
    let (icon, word) = verdict_mark(verdict);
    Row {
        peer: model.groups[peer].endpoint(),
        icon: icon.into(),
        word: word.into(),
        ports,
        rule,
        flow: FlowWords {
            from: from_word,
            to: to_word,
            port: probe.to_string(),
        },
    }
}

/// What decides a flow, briefly: the rules that admit it, the side no rule admits it on, or
/// that nothing isolates either end. (The explanation below says it in full.)
pub fn deciding_rule(model: &Model, e: &Explanation) -> String {
    let sides = [("egress", &e.egress), ("ingress", &e.ingress)];
    match e.verdict {
        Verdict::Allowed => {
            let rules: Vec<String> = sides
                .iter()
                .filter_map(|(_, side)| match side {
                    Side::Isolated {
                        admitted_by: Some(rule),
                        ..
                    } => Some(rule.describe(model)),
                    _ => None,
                })
                .collect();
            if rules.is_empty() {
                "no policy isolates either end".into()
            } else {
                rules.join("; ")
            }
        }
        Verdict::Denied | Verdict::Depends => sides
            .iter()
            .filter_map(|(dir, side)| match side {
                Side::Isolated { policies, .. } if side.allows() != Match::Yes => {
                    let names: Vec<String> =
                        policies.iter().map(|p| model.policies[*p].key()).collect();
                    Some(if side.allows() == Match::No {
                        format!("no {dir} rule of {} admits it", names.join(", "))
                    } else {
                        format!("{} admits only some outside addresses", names.join(", "))
                    })
                }
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::logic::reference_example as analysis;

    fn find<'a>(rows: &'a [Row], peer: &str) -> &'a Row {
        rows.iter().find(|r| r.peer == peer).unwrap()
    }

    #[test]
    fn the_selected_pods_flows_each_way_with_verdict_and_rule() {
        let a = analysis("api-allow");
        let m = a.port_matrix(PortChoice::Any);
        let r = rows(&a, &m, "default/payment-processor").unwrap();
        assert_eq!(r.selected, "default/payment-processor");
        assert_eq!(r.ingress.len(), 2, "{:?}", r.ingress);
        assert_eq!((r.more_ingress, r.more_egress), (0, 0));
        let coffee = find(&r.ingress, "default/coffeeshop");
        assert_eq!(coffee.word, verdict_mark(Verdict::Allowed).1);
        assert!(
            coffee.rule.contains("api-allow ingress[0].from[0]"),
            "{}",
            coffee.rule
        );
        assert_eq!(coffee.flow.from, "default/coffeeshop");
        assert_eq!(coffee.flow.to, "default/payment-processor");
        let nginx = find(&r.ingress, "default/nginx");
        assert_eq!(nginx.word, verdict_mark(Verdict::Denied).1);
        assert_eq!(nginx.rule, "no ingress rule of default/api-allow admits it");
        assert_eq!(nginx.ports, "any port");
        // Egress is not isolated.
        let out = find(&r.egress, "default/nginx");
        assert_eq!(out.word, verdict_mark(Verdict::Allowed).1);
        assert_eq!(out.rule, "no policy isolates either end");
        // A Service is not a pod group: no rows.
        assert!(rows(&a, &m, "svc:default/payment-processor").is_none());
    }

    #[test]
    fn some_ports_only_are_named_and_the_row_asks_about_one_of_them() {
        let a = analysis("port-allow");
        let m = a.port_matrix(PortChoice::Any);
        let r = rows(&a, &m, "default/backend").unwrap();
        let front = find(&r.ingress, "default/frontend");
        assert_eq!(front.word, verdict_mark(Verdict::Allowed).1);
        assert_eq!(front.ports, "TCP/8080 only");
        assert_eq!(front.flow.port, "TCP/8080");
        // The row's verdict is the explanation's a click shows.
        let shown = super::super::flow::flow_result(&a, &front.flow).unwrap();
        assert_eq!(verdict_mark(shown.verdict).1, front.word);
        let m80 = a.port_matrix(PortChoice::Probe(Probe::tcp(80)));
        let r = rows(&a, &m80, "default/backend").unwrap();
        let front = find(&r.ingress, "default/frontend");
        assert_eq!(
            (front.word.as_str(), front.ports.as_str()),
            (verdict_mark(Verdict::Denied).1, "TCP/80")
        );
    }
}
