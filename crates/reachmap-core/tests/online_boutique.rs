//! Google's Online Boutique (Apache-2.0, see public/examples/online-boutique/NOTICE): every
//! Service selects its pods, every call of the demo's architecture is allowed, the rest denied.

mod common;

use common::*;
use reachmap_core::analysis::{matrix, service_flow, Analysis, Endpoint, Probe, Verdict};
use reachmap_core::Input;

/// Both files analysed together, as `reachmap` and the page's example read them.
fn boutique() -> Analysis {
    let inputs: Vec<Input> = ["kubernetes-manifests.yaml", "network-policies.yaml"]
        .iter()
        .map(|f| Input {
            name: f.to_string(),
            text: read_example(&format!("public/examples/online-boutique/{f}")),
        })
        .collect();
    let a = Analysis::of_inputs(&inputs);
    assert!(
        a.parsed
            .diagnostics
            .iter()
            .all(|d| d.severity == reachmap_core::Severity::Info),
        "{:#?}",
        a.parsed.diagnostics
    );
    a
}

fn dep(name: &str) -> String {
    format!("default/{name}[Deployment]")
}

/// The calls the demo makes: (client, server, port).
const CALLS: &[(&str, &str, u16)] = &[
    ("frontend", "productcatalogservice", 3550),
    ("frontend", "currencyservice", 7000),
    ("frontend", "cartservice", 7070),
    ("frontend", "recommendationservice", 8080),
    ("frontend", "shippingservice", 50051),
    ("frontend", "checkoutservice", 5050),
    ("frontend", "adservice", 9555),
    ("checkoutservice", "paymentservice", 50051),
    ("checkoutservice", "emailservice", 8080),
    ("checkoutservice", "shippingservice", 50051),
    ("checkoutservice", "currencyservice", 7000),
    ("checkoutservice", "cartservice", 7070),
    ("checkoutservice", "productcatalogservice", 3550),
    ("cartservice", "redis-cart", 6379),
    ("recommendationservice", "productcatalogservice", 3550),
    ("loadgenerator", "frontend", 8080),
];

#[test]
fn model_has_the_demo_shape() {
    let p = boutique().parsed;
    assert_eq!(p.model.groups.len(), 12);
    assert_eq!(p.model.services.len(), 12);
    assert_eq!(p.model.policies.len(), 13);
}

#[test]
fn every_service_selects_its_pods_and_resolves_its_ports() {
    let a = boutique();
    for r in &a.reports {
        let s = &a.model().services[r.service];
        assert!(!r.backends.is_empty(), "{} selects nothing", s.key());
        for port in &r.ports {
            assert!(port.resolved.iter().all(Option::is_some), "{}", s.key());
        }
        assert!(r.findings.is_empty(), "{}: {:?}", s.key(), r.findings);
    }
}

#[test]
fn every_call_of_the_architecture_is_allowed() {
    let p = boutique().parsed;
    for (client, server, port) in CALLS {
        assert_eq!(
            verdict(&p, &dep(client), &dep(server), &format!("TCP/{port}")),
            Verdict::Allowed,
            "{client} → {server}:{port}"
        );
    }
}

#[test]
fn every_other_pod_pair_is_denied_on_the_servers_ports() {
    let p = boutique().parsed;
    let ports: Vec<u16> = CALLS.iter().map(|c| c.2).collect();
    let probes: Vec<Probe> = ports.iter().map(|n| Probe::tcp(*n)).collect();
    let m = matrix(&p.model, &probes);
    for (a, ga) in p.model.groups.iter().enumerate() {
        for (b, gb) in p.model.groups.iter().enumerate() {
            if a == b {
                continue;
            }
            for (pi, probe) in probes.iter().enumerate() {
                let expected = CALLS.iter().any(|(c, s, port)| {
                    ga.name == *c && gb.name == *s && *port == probe.port
                })
                    // The frontend admits every source on every port (`ingress: [{}]`).
                    || gb.name == "frontend";
                assert_eq!(
                    m.allowed(pi, a, b),
                    expected,
                    "{} → {} {probe}",
                    ga.endpoint(),
                    gb.endpoint()
                );
            }
        }
    }
}

#[test]
fn outside_reaches_the_frontend_through_its_load_balancer() {
    let a = boutique();
    let (p, reports) = (&a.parsed, &a.reports);
    let lb = p
        .model
        .services
        .iter()
        .position(|s| s.name == "frontend-external")
        .unwrap();
    let flow = service_flow(&p.model, &reports[lb], Endpoint::Outside(None), 0);
    assert_eq!(flow.verdict, Verdict::Allowed);
    let cart = p
        .model
        .services
        .iter()
        .position(|s| s.name == "cartservice")
        .unwrap();
    let from_ad = endpoint(p, &dep("adservice"));
    assert_eq!(
        service_flow(&p.model, &reports[cart], from_ad, 0).verdict,
        Verdict::Denied
    );
}
