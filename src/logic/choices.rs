//! What the pickers offer for the current model: endpoints, Service ports, probes and
//! namespaces, and the lists the port selects show.

use reachmap_core::analysis::{representative_probes, PortChoice, Probe};
use reachmap_core::model::Model;
use std::collections::BTreeSet;

/// What the pickers offer for one model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// Pod endpoints (`ns/name`, `ns/name[Kind]`), in model order.
    pub endpoints: Vec<String>,
    /// Service ports as `(words, label)`: `ns/svc:http` and `ns/svc:80 (http)`.
    pub service_ports: Vec<(String, String)>,
    /// Probes worth choosing: every declared container port and every representative probe.
    pub probes: Vec<Probe>,
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
        Choices {
            endpoints: model.groups.iter().map(|g| g.endpoint()).collect(),
            service_ports,
            probes: probes.into_iter().collect(),
            namespaces: model.namespaces.iter().map(|n| n.name.clone()).collect(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::parse;

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
