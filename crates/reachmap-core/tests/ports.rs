//! Any-port verdicts: `PortMatrix` for `PortChoice::Any` must equal the OR of the verdicts over
//! every port of every protocol, and for one probe it must equal `explain`.

mod common;

use proptest::prelude::*;
use reachmap_core::analysis::{
    explain, matrix, representative_probes, Endpoint, PortChoice, PortMatrix, Probe, Verdict,
};
use reachmap_core::model::{Model, Protocol};
use reachmap_core::{parse_inputs, Input, Severity};

const PROTOCOLS: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp];

/// Every probe there is: 3 × 65535.
fn every_probe() -> Vec<Probe> {
    PROTOCOLS
        .iter()
        .flat_map(|p| (1..=65535u16).map(move |n| Probe::new(*p, n)))
        .collect()
}

/// Checks `Any` against the OR over `probes` (evaluated by the fast matrix, itself checked
/// against `explain` elsewhere) for every ordered pair of distinct groups.
fn check_any(model: &Model, probes: &[Probe], what: &str) {
    let any = PortMatrix::new(model, PortChoice::Any);
    let all = matrix(model, probes);
    let n = model.groups.len();
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let expected = (0..probes.len()).any(|p| all.allowed(p, a, b));
            assert_eq!(
                any.allowed(a, b),
                expected,
                "{what}: {} → {} any port",
                model.groups[a].endpoint(),
                model.groups[b].endpoint()
            );
            // The witness is a port it is really allowed on.
            match any.witness(a, b, &[]) {
                Some(w) => assert_eq!(
                    explain(model, Endpoint::Group(a), Endpoint::Group(b), w).verdict,
                    Verdict::Allowed,
                    "{what}: witness {w}"
                ),
                None => assert!(!expected),
            }
        }
    }
}

fn scenarios() -> Vec<(String, Model)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/netpol_scenarios");
    let cluster = std::fs::read_to_string(format!("{dir}/_cluster.yaml")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('_'))
        .collect();
    names.sort();
    assert!(names.len() > 30);
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
            // Objects a scenario redefines come out as duplicates here; whatever the model
            // holds, both sides of the comparison see the same one.
            let parsed = parse_inputs(&[
                Input {
                    name: "_cluster.yaml".into(),
                    text: cluster.clone(),
                },
                Input {
                    name: name.clone(),
                    text,
                },
            ]);
            (name, parsed.model)
        })
        .collect()
}

/// The scenarios' policies use ports 80, 81, named ports and ranges. Checked against every
/// port from 1 to 1100, the last ports of the range, a stride through the rest, and the ports
/// around every container port, on all three protocols (the exhaustive check over all 196,605
/// probes is the property test below).
#[test]
fn any_port_equals_or_over_ports_on_every_scenario() {
    for (name, model) in scenarios() {
        let mut probes = Vec::new();
        for p in PROTOCOLS {
            probes.extend((1..=1100u16).map(|n| Probe::new(p, n)));
            probes.extend((1101..65500u16).step_by(89).map(|n| Probe::new(p, n)));
            probes.extend((65500..=65535u16).map(|n| Probe::new(p, n)));
            for g in &model.groups {
                for cp in &g.ports {
                    let around = cp.port.saturating_sub(1).max(1)..=cp.port.saturating_add(1);
                    probes.extend(around.map(|n| Probe::new(p, n)));
                }
            }
        }
        probes.sort();
        probes.dedup();
        check_any(&model, &probes, &name);
    }
}

/// For one probe, `PortMatrix` is `explain`, on every scenario and pair.
#[test]
fn single_probe_equals_explain_on_every_scenario() {
    let probes = [
        Probe::tcp(80),
        Probe::tcp(81),
        Probe::new(Protocol::Udp, 80),
        Probe::new(Protocol::Sctp, 81),
        Probe::tcp(443),
    ];
    for (name, model) in scenarios() {
        for probe in probes {
            let m = PortMatrix::new(&model, PortChoice::Probe(probe));
            for a in 0..model.groups.len() {
                for b in 0..model.groups.len() {
                    if a == b {
                        continue;
                    }
                    let e = explain(&model, Endpoint::Group(a), Endpoint::Group(b), probe);
                    assert_eq!(
                        m.allowed(a, b),
                        e.verdict == Verdict::Allowed,
                        "{name}: {} → {} {probe}",
                        model.groups[a].endpoint(),
                        model.groups[b].endpoint()
                    );
                }
            }
        }
    }
}

#[test]
fn representatives_cut_at_every_interval_a_policy_can_draw() {
    let text = format!(
        "{}{}{}",
        common::pod("default", "web", &[("app", "web")], &[("http", 8080)]),
        common::pod("default", "client", &[("app", "client")], &[("metrics", 9100)]),
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 1000\n      endPort: 2000\n    - port: http\n    - protocol: UDP\n      port: 53\n    - protocol: SCTP\n"
    );
    let parsed = common::parse_clean(&text);
    let reps: Vec<String> = representative_probes(&parsed.model)
        .iter()
        .map(|p| p.to_string())
        .collect();
    // 9100 is named `metrics`, which no policy names: it cannot change a verdict.
    assert_eq!(
        reps,
        [
            "TCP/1", "TCP/1000", "TCP/2001", "TCP/8080", "TCP/8081", "UDP/1", "UDP/53", "UDP/54",
            "SCTP/1"
        ]
    );
}

#[test]
fn any_port_on_the_reference_examples() {
    let text = common::read_example("public/examples/reference/port-allow.yaml");
    let parsed = common::parse_clean(&text);
    let model = &parsed.model;
    let g = |n: &str| model.group(n).unwrap();
    let any = PortMatrix::new(model, PortChoice::Any);
    assert!(any.allowed(g("default/frontend"), g("default/backend")));
    assert!(!any.allowed(g("default/other"), g("default/backend")));
    // The example an explanation shows is the port the policy opens.
    assert_eq!(
        any.witness(g("default/frontend"), g("default/backend"), &[]),
        Some(Probe::tcp(8080))
    );
    let tcp80 = PortMatrix::new(model, PortChoice::Probe(Probe::tcp(80)));
    assert!(!tcp80.allowed(g("default/frontend"), g("default/backend")));
    assert_eq!(
        tcp80.witness(g("default/frontend"), g("default/backend"), &[]),
        None
    );
}

/// A small random cluster: two namespaces, three pods with named container ports, and up to
/// three policies whose rules name ports by number, range and name on all protocols.
fn small_cluster() -> impl Strategy<Value = String> {
    let proto = prop::sample::select(vec!["TCP", "UDP", "SCTP"]);
    let port_name = prop::sample::select(vec!["http", "dns"]);
    let number = prop::sample::select(vec![1u16, 2, 53, 80, 81, 1000, 65534, 65535]);
    let container_number = prop::sample::select(vec![7u16, 80, 443, 8080, 65535]);
    let pod = (
        prop::sample::select(vec!["a", "b"]),
        prop::sample::select(vec!["ns1", "ns2"]),
        // Container ports mostly apart from the numbers policies name, so that a named port
        // is the only cut at its number.
        proptest::collection::vec((port_name.clone(), container_number, proto.clone()), 1..3),
    );
    // Named ports weigh most: they are the cuts that depend on the pods.
    let port = prop_oneof![
        2 => (proto.clone(), number.clone()).prop_map(|(p, n)| format!("{{protocol: {p}, port: {n}}}")),
        2 => (proto.clone(), number.clone(), 0u16..2000).prop_map(|(p, n, w)| format!(
            "{{protocol: {p}, port: {n}, endPort: {}}}",
            n.saturating_add(w)
        )),
        5 => (proto.clone(), port_name).prop_map(|(p, n)| format!("{{protocol: {p}, port: {n}}}")),
        1 => proto.prop_map(|p| format!("{{protocol: {p}}}")),
    ];
    let rule = (
        prop::option::of(prop::sample::select(vec!["a", "b"])),
        proptest::collection::vec(port, 1..3),
    );
    let policy = (
        prop::sample::select(vec!["ns1", "ns2"]),
        prop::option::of(prop::sample::select(vec!["a", "b"])),
        any::<bool>(),
        proptest::collection::vec(rule, 0..3),
    );
    (
        proptest::collection::vec(pod, 3..=3),
        proptest::collection::vec(policy, 1..=3),
    )
        .prop_map(|(pods, policies)| {
            let mut s = String::new();
            for (i, (app, ns, ports)) in pods.iter().enumerate() {
                s.push_str(&format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: {ns}, labels: {{app: {app}}}}}\nspec:\n  containers:\n  - name: c\n    image: i\n    ports: ["));
                // Container port names must be unique within a pod.
                let mut seen = Vec::new();
                let mut first = true;
                for (name, n, proto) in ports {
                    if seen.contains(name) {
                        continue;
                    }
                    seen.push(*name);
                    if !first {
                        s.push_str(", ");
                    }
                    first = false;
                    s.push_str(&format!("{{name: {name}, containerPort: {n}, protocol: {proto}}}"));
                }
                s.push_str("]\n---\n");
            }
            for (i, (ns, app, egress, rules)) in policies.iter().enumerate() {
                let selector = app.map_or("{}".to_string(), |a| format!("{{matchLabels: {{app: {a}}}}}"));
                let dir = if *egress { "egress" } else { "ingress" };
                let peers = if *egress { "to" } else { "from" };
                s.push_str(&format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: n{i}, namespace: {ns}}}\nspec:\n  podSelector: {selector}\n  policyTypes: [{}]\n  {dir}:\n", if *egress { "Egress" } else { "Ingress" }));
                if rules.is_empty() {
                    s.push_str("  - {}\n");
                }
                for (peer, ports) in rules {
                    s.push_str("  - ports: [");
                    s.push_str(&ports.join(", "));
                    s.push_str("]\n");
                    if let Some(p) = peer {
                        s.push_str(&format!("    {peers}: [{{podSelector: {{matchLabels: {{app: {p}}}}}, namespaceSelector: {{}}}}]\n"));
                    }
                }
                s.push_str("---\n");
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Exhaustive: every port 1..=65535 of TCP, UDP and SCTP.
    #[test]
    fn any_port_is_the_or_over_every_port(text in small_cluster()) {
        let parsed = parse_inputs(&[Input { name: "t".into(), text: text.clone() }]);
        let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "generated invalid input: {errors:?}\n{text}");
        check_any(&parsed.model, &every_probe(), &text);
    }
}
