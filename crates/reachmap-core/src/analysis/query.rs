//! One flow a person asks about — from an endpoint, to an endpoint or a Service port, on a
//! port — read from the words the CLI and the page take, and answered with its explanation.

use super::flow::{parse_service_port, service_flow, ServiceFlow};
use super::policy::{Endpoint, Explanation, Verdict};
use super::probe::Probe;
use super::services::ServiceReport;
use super::to_itself::explain_direct;
use crate::model::Model;
use serde::Serialize;

/// Where a flow goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum FlowTarget {
    /// A pod group or an outside address, on one probe.
    Endpoint(Endpoint),
    /// A Service port: indices into `Model::services` and that Service's `ports`.
    ServicePort {
        /// Index into `Model::services`.
        service: usize,
        /// Index into that Service's `ports`.
        port: usize,
    },
}

/// Which of a flow's words a `QueryError` is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryPart {
    /// The source (`--from`).
    From,
    /// The destination (`--to`).
    To,
    /// The probe (`--port`).
    Port,
}

impl QueryPart {
    /// How the CLI names it: its flag (`--from`).
    pub fn flag(self) -> &'static str {
        match self {
            QueryPart::From => "--from",
            QueryPart::To => "--to",
            QueryPart::Port => "--port",
        }
    }
}

/// What is wrong with a `QueryError`'s word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryErrorKind {
    /// It names nothing it could: why, in a sentence.
    Invalid(String),
    /// No port, for a destination that is not a Service port.
    MissingPort,
}

/// Why `FlowQuery::parse` refused a flow: which word (the CLI and the page name it each in
/// their own terms: a flag, a control's label) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// Which word is wrong.
    pub part: QueryPart,
    /// What is wrong with it.
    pub kind: QueryErrorKind,
}

impl QueryError {
    fn invalid(part: QueryPart, why: impl ToString) -> QueryError {
        QueryError {
            part,
            kind: QueryErrorKind::Invalid(why.to_string()),
        }
    }

    /// The sentence with the word named `name`: the CLI's `--from: …` is
    /// `sentence(part.flag())`, the page's `From: …` `sentence("From")`.
    pub fn sentence(&self, name: &str) -> String {
        match &self.kind {
            QueryErrorKind::Invalid(why) => format!("{name}: {why}"),
            QueryErrorKind::MissingPort => {
                format!("{name} is required unless --to is a Service port (namespace/service:port)")
            }
        }
    }
}

/// As the CLI prints it.
impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentence(self.part.flag()))
    }
}

impl std::error::Error for QueryError {}

/// A flow to explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct FlowQuery {
    /// The sender: a pod group or an outside address.
    pub from: Endpoint,
    /// The receiver: an endpoint, or a Service port (answered through its backends).
    pub to: FlowTarget,
    /// The protocol/port; `None` for a Service port (each backend has its own targetPort).
    pub probe: Option<Probe>,
}

impl FlowQuery {
    /// Reads a flow as the CLI's `explain` takes it: `from` an endpoint (`ns/name`,
    /// `ns/name[Kind]`, an IP address, `outside`); `to` the same or a Service port
    /// `ns/service:port`; `port` a probe (`TCP/80`, `80`), required unless `to` is a Service
    /// port (and then ignored). An error says which word is wrong (`QueryError`); as text, it
    /// is the sentence the CLI prints.
    pub fn parse(
        model: &Model,
        from: &str,
        to: &str,
        port: Option<&str>,
    ) -> Result<FlowQuery, QueryError> {
        let from =
            Endpoint::parse(model, from).map_err(|e| QueryError::invalid(QueryPart::From, e))?;
        if let Some(target) = parse_service_port(model, to) {
            let (service, port) = target.map_err(|e| QueryError::invalid(QueryPart::To, e))?;
            return Ok(FlowQuery {
                from,
                to: FlowTarget::ServicePort { service, port },
                probe: None,
            });
        }
        let to = Endpoint::parse(model, to).map_err(|e| QueryError::invalid(QueryPart::To, e))?;
        let port = port
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .ok_or(QueryError {
                part: QueryPart::Port,
                kind: QueryErrorKind::MissingPort,
            })?;
        let probe: Probe = port
            .parse()
            .map_err(|e| QueryError::invalid(QueryPart::Port, e))?;
        Ok(FlowQuery {
            from,
            to: FlowTarget::Endpoint(to),
            probe: Some(probe),
        })
    }

    /// The words `parse` reads back: `(from, to, port)`, port empty for a Service port.
    pub fn words(&self, model: &Model) -> (String, String, String) {
        let from = endpoint_word(model, self.from);
        match self.to {
            FlowTarget::Endpoint(to) => (
                from,
                endpoint_word(model, to),
                self.probe.map(|p| p.to_string()).unwrap_or_default(),
            ),
            FlowTarget::ServicePort { service, port } => {
                let s = &model.services[service];
                let p = &s.ports[port];
                let port_word = p.name.clone().unwrap_or_else(|| p.port.to_string());
                (from, format!("{}:{port_word}", s.key()), String::new())
            }
        }
    }
}

/// An endpoint as `Endpoint::parse` reads it back.
pub fn endpoint_word(model: &Model, e: Endpoint) -> String {
    match e {
        Endpoint::Group(g) => model.groups[g].endpoint(),
        Endpoint::Outside(Some(ip)) => ip.to_string(),
        Endpoint::Outside(None) => "outside".into(),
    }
}

/// The answer to a flow query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FlowAnswer {
    /// Endpoint to endpoint on one probe.
    Single(Explanation),
    /// Through a Service port, to each backend on its resolved targetPort.
    Service(ServiceFlow),
}

impl FlowAnswer {
    /// The flow's overall verdict (for a Service port, that of its backends together).
    pub fn verdict(&self) -> Verdict {
        match self {
            FlowAnswer::Single(e) => e.verdict,
            FlowAnswer::Service(f) => f.verdict,
        }
    }
}

/// Answers a flow query. `reports` are `analyze_services(model)`.
pub fn answer(model: &Model, reports: &[ServiceReport], q: &FlowQuery) -> FlowAnswer {
    match q.to {
        FlowTarget::Endpoint(to) => {
            // `parse` always sets a probe for an endpoint target; a hand-built query without
            // one asks about TCP/80, the default probe everywhere else.
            let probe = q.probe.unwrap_or(Probe::tcp(80));
            FlowAnswer::Single(explain_direct(model, q.from, to, probe))
        }
        FlowTarget::ServicePort { service, port } => {
            match reports.iter().find(|r| r.service == service) {
                Some(report) => FlowAnswer::Service(service_flow(model, report, q.from, port)),
                // Reports of another model: analyse this one rather than answer wrongly.
                None => {
                    let fresh = super::services::analyze_services(model);
                    FlowAnswer::Service(service_flow(model, &fresh[service], q.from, port))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers:\n  - {name: c, image: i, ports: [{name: http, containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: h, port: 80, targetPort: http}]\n";

    #[test]
    fn parses_endpoints_and_service_ports_and_reads_back() {
        let model = crate::parse(TEXT).model;
        let q = FlowQuery::parse(&model, "outside", "default/web", Some("TCP/8080")).unwrap();
        assert_eq!(q.to, FlowTarget::Endpoint(Endpoint::Group(0)));
        assert_eq!(q.probe, Some(Probe::tcp(8080)));
        assert_eq!(
            q.words(&model),
            ("outside".into(), "default/web".into(), "TCP/8080".into())
        );
        let q = FlowQuery::parse(&model, "default/web", "default/web:80", None).unwrap();
        assert_eq!(
            q.to,
            FlowTarget::ServicePort {
                service: 0,
                port: 0
            }
        );
        assert_eq!(q.words(&model).1, "default/web:h");
        let reports = crate::analysis::analyze_services(&model);
        match answer(&model, &reports, &q) {
            FlowAnswer::Service(f) => {
                assert_eq!(f.backends[0].target, Some(Probe::tcp(8080)));
                assert_eq!(f.verdict, Verdict::Allowed);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_are_the_cli_sentences() {
        let model = crate::parse(TEXT).model;
        let err = |from, to, port| FlowQuery::parse(&model, from, to, port).unwrap_err();
        let e = err("default/nobody", "default/web", Some("80"));
        assert_eq!(e.part, QueryPart::From);
        assert!(e
            .to_string()
            .starts_with("--from: no pod or workload is named `default/nobody`"));
        let e = err("outside", "default/web", None);
        assert_eq!(
            (e.part, &e.kind),
            (QueryPart::Port, &QueryErrorKind::MissingPort)
        );
        assert_eq!(
            e.to_string(),
            "--port is required unless --to is a Service port (namespace/service:port)"
        );
        assert_eq!(
            e.sentence("Port"),
            "Port is required unless --to is a Service port (namespace/service:port)"
        );
        let e = err("outside", "default/web:443", None);
        assert_eq!(e.part, QueryPart::To);
        assert!(e
            .to_string()
            .starts_with("--to: service default/web has no port `443`"));
        assert!(err("outside", "default/web", Some("TCP/0"))
            .to_string()
            .starts_with("--port: `0`"));
    }
}
