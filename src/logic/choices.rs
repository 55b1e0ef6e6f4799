//! What the pickers offer for the current model: endpoints, Service ports, probes and
//! namespaces, and the lists the port selects show.

use super::flow::default_port;
use reachmap_core::analysis::{representative_probes, PortChoice, Probe};
use reachmap_core::model::Model;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the pickers offer for one model. Plain data: the analysis worker computes it and sends
/// it to the page (`crate::worker_bridge`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// Pod endpoints (`ns/name`, `ns/name[Kind]`), in model order.
    pub endpoints: Vec<String>,
    /// Each endpoint's default port (`flow::default_port`), in the same order: the flow
    /// picker shows it without the model.
    pub default_ports: Vec<String>,
    /// Service ports as `(words, label)`: `ns/svc:http` and `ns/svc:80 (http)`.
    pub service_ports: Vec<(String, String)>,
    /// Probes worth choosing: every declared container port and every representative probe.
    #[serde(with = "probe_words")]
    pub probes: Vec<Probe>,
    /// Each probe's label in the flow picker's port list (`probe_label`), in the
    /// same order.
    pub probe_labels: Vec<String>,
    pub namespaces: Vec<String>,
}

impl Choices {
    pub fn of(model: &Model) -> Choices {
        let mut probes: BTreeSet<Probe> = representative_probes(model).into_iter().collect();
        for g in &model.groups {
            for p in &g.ports {
                probes.insert(Probe::new(p.protocol, p.port));
            }
        }
        let service_ports = model
            .services
            .iter()
            .flat_map(|s| {
                s.ports.iter().map(move |p| {
                    let word = p.name.clone().unwrap_or_else(|| p.port.to_string());
                    let label = match &p.name {
                        Some(n) => format!("{}:{} ({n})", s.key(), p.port),
                        None => format!("{}:{}", s.key(), p.port),
                    };
                    (format!("{}:{word}", s.key()), label)
                })
            })
            .collect();
        let endpoints: Vec<String> = model.groups.iter().map(|g| g.endpoint()).collect();
        let probes: Vec<Probe> = probes.into_iter().collect();
        Choices {
            probe_labels: probes.iter().map(|p| probe_label(model, *p)).collect(),
            default_ports: endpoints.iter().map(|e| default_port(model, e)).collect(),
            endpoints,
            service_ports,
            probes,
            namespaces: model.namespaces.iter().map(|n| n.name.clone()).collect(),
        }
    }

    /// The port a flow to `to` is asked about when none is chosen: `flow::default_port` of
    /// the model these choices are of.
    pub fn default_port(&self, to: &str) -> String {
        self.endpoints
            .iter()
            .position(|e| e == to)
            .map(|i| self.default_ports[i].clone())
            .unwrap_or_else(|| Probe::tcp(80).to_string())
    }

    /// The port list's label of a probe's words: its own for a listed probe; a probe no
    /// container declares (every declared port is listed) is "another TCP port".
    pub fn probe_label(&self, words: &str) -> String {
        let Ok(probe) = words.parse::<Probe>() else {
            return String::new();
        };
        match self.probes.iter().position(|p| *p == probe) {
            Some(i) => self.probe_labels[i].clone(),
            None => format!("another {} port", probe.protocol),
        }
    }

    /// Whether `to` names a Service port (its port then comes from each backend).
    pub fn is_service_port(&self, to: &str) -> bool {
        self.service_ports.iter().any(|(word, _)| word == to)
    }

    /// The probes the view's port select lists after "any port": the chosen probe stays
    /// listed even when the text no longer has it.
    pub fn view_probes(&self, chosen: PortChoice) -> Vec<Probe> {
        let mut probes = self.probes.clone();
        if let PortChoice::Probe(p) = chosen {
            if !probes.contains(&p) {
                probes.push(p);
            }
        }
        probes
    }

    /// The namespaces drawn when `hidden` are hidden: `None` for all of them.
    pub fn shown_namespaces(&self, hidden: &BTreeSet<String>) -> Option<BTreeSet<String>> {
        if hidden.is_empty() {
            return None;
        }
        Some(
            self.namespaces
                .iter()
                .filter(|n| !hidden.contains(*n))
                .cloned()
                .collect(),
        )
    }

    /// How many namespaces `hidden` leaves drawn.
    pub fn shown_count(&self, hidden: &BTreeSet<String>) -> usize {
        self.namespaces
            .iter()
            .filter(|n| !hidden.contains(*n))
            .count()
    }
}

/// Probes as their words (`TCP/80`) in messages: the core's `Probe` is not `Deserialize`.
mod probe_words {
    use reachmap_core::analysis::Probe;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(probes: &[Probe], s: S) -> Result<S::Ok, S::Error> {
        let words: Vec<String> = probes.iter().map(Probe::to_string).collect();
        words.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Probe>, D::Error> {
        let words = Vec::<String>::deserialize(d)?;
        words
            .iter()
            .map(|w| w.parse().map_err(serde::de::Error::custom))
            .collect()
    }
}

/// What the port list says of a probe: the containers that declare it, or, for a probe that
/// only stands for the ports a policy treats alike, "another TCP port".
pub fn probe_label(model: &Model, probe: Probe) -> String {
    let declared: Vec<String> = model
        .groups
        .iter()
        .filter_map(|g| {
            let p = g
                .ports
                .iter()
                .find(|p| p.protocol == probe.protocol && p.port == probe.port)?;
            Some(match &p.name {
                Some(name) => format!("{name} on {}", g.endpoint()),
                None => format!("on {}", g.endpoint()),
            })
        })
        .collect();
    match declared.as_slice() {
        [] => format!("another {} port", probe.protocol),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::parse;

    #[test]
    fn ports_are_labelled_by_who_declares_them_or_as_another_port() {
        let a = crate::logic::reference_example("port-allow");
        let model = a.model();
        assert_eq!(
            probe_label(model, Probe::tcp(8080)),
            "http on default/backend"
        );
        assert_eq!(probe_label(model, Probe::tcp(80)), "on default/frontend");
        assert_eq!(probe_label(model, Probe::tcp(8081)), "another TCP port");
    }

    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec:\n  containers:\n  - {name: c, image: i, ports: [{name: http, containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{name: h, port: 80, targetPort: http}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop}\nspec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 9000}]}]\n";

    #[test]
    fn offers_endpoints_service_ports_probes_and_namespaces() {
        let c = Choices::of(&parse(TEXT).model);
        assert_eq!(c.endpoints, ["shop/web"]);
        assert_eq!(
            c.service_ports,
            [
                ("shop/db:5432".to_string(), "shop/db:5432".to_string()),
                ("shop/web:h".to_string(), "shop/web:80 (h)".to_string()),
            ]
        );
        // Declared container ports and the policy's edges, each once, sorted.
        for p in ["TCP/8080", "TCP/9000", "TCP/9001", "TCP/1", "UDP/1"] {
            assert!(c.probes.contains(&p.parse().unwrap()), "{p}");
        }
        let mut sorted = c.probes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(c.probes, sorted);
        assert_eq!(c.namespaces, ["shop"]);
        // The default port, as `flow::default_port` gives it, without the model.
        assert_eq!(c.default_ports, ["TCP/8080"]);
        assert_eq!(c.default_port("shop/web"), "TCP/8080");
        assert_eq!(c.default_port("outside"), "TCP/80");
        let words = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Choices>(&words).unwrap(), c);
        assert!(c.is_service_port("shop/web:h") && !c.is_service_port("shop/web"));
    }

    #[test]
    fn an_empty_text_offers_the_representative_probes_only() {
        let c = Choices::of(&parse("").model);
        assert!(c.endpoints.is_empty() && c.service_ports.is_empty());
        assert_eq!(c.probes.len(), 3, "one per protocol: {:?}", c.probes);
    }

    #[test]
    fn the_chosen_probe_stays_listed() {
        let c = Choices::of(&parse(TEXT).model);
        assert_eq!(c.view_probes(PortChoice::Any), c.probes);
        let gone = Probe::tcp(5432);
        let listed = c.view_probes(PortChoice::Probe(gone));
        assert_eq!(listed.last(), Some(&gone));
        assert_eq!(listed.len(), c.probes.len() + 1);
        let there = Probe::tcp(8080);
        assert_eq!(c.view_probes(PortChoice::Probe(there)), c.probes);
    }

    #[test]
    fn hidden_namespaces_are_left_out_of_the_drawing() {
        let c = Choices {
            namespaces: vec!["a".into(), "b".into(), "c".into()],
            ..Choices::default()
        };
        assert_eq!(c.shown_namespaces(&BTreeSet::new()), None);
        assert_eq!(c.shown_count(&BTreeSet::new()), 3);
        // A hidden namespace the text no longer has hides nothing.
        let hidden: BTreeSet<String> = ["b".to_string(), "gone".to_string()].into();
        assert_eq!(
            c.shown_namespaces(&hidden),
            Some(["a".to_string(), "c".to_string()].into())
        );
        assert_eq!(c.shown_count(&hidden), 2);
    }
}
