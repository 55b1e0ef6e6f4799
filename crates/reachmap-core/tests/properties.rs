//! Properties on random clusters (namespaces, pods with labels, named ports and IPs, with a
//! dump's noise — owners, `pod-template-hash` labels no selector reads, distinct IPs — and
//! policies with every kind of peer and port):
//! - the fast class matrix gives exactly the verdicts of the direct per-pair reference
//!   evaluator (`explain`), for every ordered pair and probe;
//! - every object written is in the model, and reading each document as its own input gives
//!   the same analysis as reading the file;
//! - adding an allow rule to a policy never removes an allowed flow;
//! - with cluster-wide policies of both tiers and both API versions besides (ties of one
//!   priority, Pass, `networks` over pods with and without IPs), the fast matrix still gives
//!   exactly `explain`'s verdicts, `depends` included, and grouping pods changes no pod's.

use proptest::prelude::*;
use reachmap_core::analysis::{explain, matrix, Endpoint, Probe};
use reachmap_core::model::Protocol;
use reachmap_core::{parse, parse_inputs, report, Input, Parsed, Severity};

#[path = "properties/cluster_gen.rs"]
mod cluster_gen;
use cluster_gen::{cluster_policy, cluster_yaml};

const NAMESPACES: &[&str] = &["a", "b", "c"];
// Quoted: an unquoted `y` is a boolean to kubectl (YAML 1.1).
const VALUES: &[&str] = &["\"x\"", "\"y\"", "\"z\""];

#[derive(Debug, Clone)]
struct Pod {
    ns: usize,
    app: usize,
    tier: Option<usize>,
    named: Option<u16>,
    ip: Option<u8>,
    /// A dump's noise: the Deployment `d0`/`d1` owning it through a ReplicaSet whose
    /// `pod-template-hash` (which no selector reads) is one of two, so pods group into
    /// endpoints, and split where policies tell them apart.
    owner: Option<(u8, bool)>,
}

#[derive(Debug, Clone)]
enum PeerSpec {
    Pods(Option<usize>, Option<Option<usize>>),
    Block(u8),
}

#[derive(Debug, Clone)]
struct RuleSpec {
    peers: Vec<PeerSpec>,
    ports: Vec<(bool, u8)>, // (udp, which port: 0 = 80, 1 = 81, 2 = named `web`, 3 = 80-90)
}

#[derive(Debug, Clone)]
struct PolicySpec {
    ns: usize,
    selector: Option<usize>,
    ingress: Option<Vec<RuleSpec>>,
    egress: Option<Vec<RuleSpec>>,
    types: u8, // 0 = default, 1 = Ingress, 2 = Egress, 3 = both
}

fn pod() -> impl Strategy<Value = Pod> {
    (
        0..3usize,
        0..3usize,
        proptest::option::of(0..3usize),
        proptest::option::of(prop_oneof![Just(80u16), Just(85), Just(81)]),
        proptest::option::of(0..8u8),
        proptest::option::of((0..2u8, any::<bool>())),
    )
        .prop_map(|(ns, app, tier, named, ip, owner)| Pod {
            ns,
            app,
            tier,
            named,
            ip,
            owner,
        })
}

fn peer() -> impl Strategy<Value = PeerSpec> {
    prop_oneof![
        4 => (proptest::option::of(0..3usize), proptest::option::of(proptest::option::of(0..3usize)))
            .prop_map(|(p, n)| PeerSpec::Pods(p, n)),
        1 => (0..3u8).prop_map(PeerSpec::Block),
    ]
}

fn rule() -> impl Strategy<Value = RuleSpec> {
    (
        proptest::collection::vec(peer(), 0..3),
        proptest::collection::vec((any::<bool>(), 0..4u8), 0..3),
    )
        .prop_map(|(peers, ports)| RuleSpec { peers, ports })
}

fn policy() -> impl Strategy<Value = PolicySpec> {
    (
        0..3usize,
        proptest::option::of(0..3usize),
        proptest::option::of(proptest::collection::vec(rule(), 0..3)),
        proptest::option::of(proptest::collection::vec(rule(), 0..3)),
        0..4u8,
    )
        .prop_map(|(ns, selector, ingress, egress, types)| PolicySpec {
            ns,
            selector,
            ingress,
            egress,
            types,
        })
}

fn yaml(pods: &[Pod], policies: &[PolicySpec]) -> String {
    let mut s = String::new();
    for (i, ns) in NAMESPACES.iter().enumerate() {
        s.push_str(&format!(
            "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}, labels: {{n: {}}}}}\n---\n",
            VALUES[i]
        ));
    }
    for (i, p) in pods.iter().enumerate() {
        let tier = p
            .tier
            .map(|t| format!(", tier: {}", VALUES[t]))
            .unwrap_or_default();
        let named = p
            .named
            .map(|n| format!(", {{name: web, containerPort: {n}}}"))
            .unwrap_or_default();
        // Each pod its own address, in one of eight /24s (which ipBlocks tell apart).
        let ip =
            p.ip.map(|o| format!("\nstatus: {{podIP: 10.0.{o}.{}}}", i + 1))
                .unwrap_or_default();
        let (owner, hash) = match p.owner {
            Some((d, new)) => {
                let hash = if new { "5c8f7" } else { "9bd4k" };
                (
                    format!(", ownerReferences: [{{apiVersion: apps/v1, kind: ReplicaSet, name: d{d}-{hash}, uid: u{d}, controller: true}}]"),
                    format!(", pod-template-hash: {hash}"),
                )
            }
            None => Default::default(),
        };
        s.push_str(&format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: {}, labels: {{app: {}{tier}{hash}}}{owner}}}\nspec: {{containers: [{{name: c, ports: [{{containerPort: 80}}{named}]}}]}}{ip}\n---\n",
            NAMESPACES[p.ns], VALUES[p.app]
        ));
    }
    for (i, p) in policies.iter().enumerate() {
        let sel = p
            .selector
            .map(|v| format!("{{matchLabels: {{app: {}}}}}", VALUES[v]))
            .unwrap_or("{}".into());
        s.push_str(&format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: np{i}, namespace: {}}}\nspec:\n  podSelector: {sel}\n", NAMESPACES[p.ns]));
        match p.types {
            1 => s.push_str("  policyTypes: [Ingress]\n"),
            2 => s.push_str("  policyTypes: [Egress]\n"),
            3 => s.push_str("  policyTypes: [Ingress, Egress]\n"),
            _ => {}
        }
        for (key, peers_key, rules) in
            [("ingress", "from", &p.ingress), ("egress", "to", &p.egress)]
        {
            let Some(rules) = rules else { continue };
            s.push_str(&format!(
                "  {key}:{}\n",
                if rules.is_empty() { " []" } else { "" }
            ));
            for r in rules {
                s.push_str("  - {}\n");
                let mut body = Vec::new();
                if !r.peers.is_empty() {
                    let peers: Vec<String> = r
                        .peers
                        .iter()
                        .map(|peer| match peer {
                            PeerSpec::Pods(pods, nss) => {
                                let mut parts = Vec::new();
                                if let Some(v) = pods {
                                    parts.push(format!(
                                        "podSelector: {{matchLabels: {{app: {}}}}}",
                                        VALUES[*v]
                                    ));
                                }
                                match nss {
                                    Some(Some(v)) => parts.push(format!(
                                        "namespaceSelector: {{matchLabels: {{n: {}}}}}",
                                        VALUES[*v]
                                    )),
                                    Some(None) => parts.push("namespaceSelector: {}".into()),
                                    None => {}
                                }
                                if parts.is_empty() {
                                    parts.push("podSelector: {}".into());
                                }
                                format!("{{{}}}", parts.join(", "))
                            }
                            PeerSpec::Block(b) => match b {
                                0 => "{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}}".into(),
                                1 => "{ipBlock: {cidr: 10.0.4.0/22}}".into(),
                                _ => "{ipBlock: {cidr: 0.0.0.0/0}}".into(),
                            },
                        })
                        .collect();
                    body.push(format!("{peers_key}: [{}]", peers.join(", ")));
                }
                if !r.ports.is_empty() {
                    let ports: Vec<String> = r
                        .ports
                        .iter()
                        .map(|(udp, which)| {
                            let proto = if *udp { "UDP" } else { "TCP" };
                            match which {
                                0 => format!("{{protocol: {proto}, port: 80}}"),
                                1 => format!("{{protocol: {proto}, port: 81}}"),
                                2 => format!("{{protocol: {proto}, port: web}}"),
                                _ => format!("{{protocol: {proto}, port: 80, endPort: 90}}"),
                            }
                        })
                        .collect();
                    body.push(format!("ports: [{}]", ports.join(", ")));
                }
                if !body.is_empty() {
                    s.truncate(s.len() - "{}\n".len());
                    s.push_str(&format!("{{{}}}\n", body.join(", ")));
                }
            }
        }
        s.push_str("---\n");
    }
    s
}

const PROBES: [Probe; 4] = [
    Probe {
        protocol: Protocol::Tcp,
        port: 80,
    },
    Probe {
        protocol: Protocol::Tcp,
        port: 81,
    },
    Probe {
        protocol: Protocol::Tcp,
        port: 85,
    },
    Probe {
        protocol: Protocol::Udp,
        port: 80,
    },
];

/// The endpoint (index into `model.groups`) that holds pod `p{i}`.
fn group_of(parsed: &Parsed, i: usize) -> usize {
    let name = format!("p{i}");
    parsed
        .model
        .groups
        .iter()
        .position(|g| g.pods.iter().any(|p| p.name == name))
        .expect("every pod is in one endpoint")
}

/// Every pod is in exactly one endpoint, and an endpoint's pods all belong to it.
fn check_grouping(parsed: &Parsed, pods: &[Pod]) -> Result<(), TestCaseError> {
    let model = &parsed.model;
    let held: usize = model.groups.iter().map(|g| g.pods.len()).sum();
    prop_assert_eq!(held, pods.len());
    for (i, p) in pods.iter().enumerate() {
        let g = &model.groups[group_of(parsed, i)];
        prop_assert_eq!(&g.namespace, NAMESPACES[p.ns]);
        match p.owner {
            Some((d, _)) => prop_assert_eq!(g.name.clone(), format!("d{d}")),
            None => prop_assert_eq!(g.name.clone(), format!("p{i}")),
        }
    }
    Ok(())
}

/// Parses generated text, which must be free of errors.
fn parse_valid(text: &str) -> Result<Parsed, TestCaseError> {
    let parsed = parse(text);
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    prop_assert!(
        errors.is_empty(),
        "generator made invalid input: {:#?}\n{}",
        errors,
        text
    );
    Ok(parsed)
}

/// Whether a generated policy isolates its pods for ingress (`ingress`) or egress: explicit
/// policyTypes, or by default Ingress always and Egress when it has egress rules (the API
/// server's defaulting tests `len(spec.egress) != 0`: `egress: []` is no rule).
fn isolates(p: &PolicySpec, ingress: bool) -> bool {
    match (p.types, ingress) {
        (0, true) => true,
        (0, false) => p.egress.as_ref().is_some_and(|rules| !rules.is_empty()),
        (1, i) => i,
        (2, i) => !i,
        _ => true,
    }
}

/// The fast matrix gives `explain`'s verdict (allowed, denied, depends) for every ordered pair
/// of endpoints and every probe.
fn matrix_equals_explain(parsed: &Parsed, text: &str) -> Result<(), TestCaseError> {
    let m = matrix(&parsed.model, &PROBES);
    let n = parsed.model.groups.len();
    for (pi, probe) in PROBES.iter().enumerate() {
        for a in 0..n {
            for b in 0..n {
                let reference = explain(
                    &parsed.model,
                    Endpoint::Group(a),
                    Endpoint::Group(b),
                    *probe,
                )
                .verdict;
                prop_assert_eq!(
                    m.verdict(pi, a, b),
                    reference,
                    "{} → {} {}\n{}",
                    parsed.model.groups[a].endpoint(),
                    parsed.model.groups[b].endpoint(),
                    probe,
                    text
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_object_is_kept_and_documents_read_alone_give_the_same_analysis(
        pods in proptest::collection::vec(pod(), 1..10),
        policies in proptest::collection::vec(policy(), 0..6),
    ) {
        let text = yaml(&pods, &policies);
        let whole = parse_valid(&text)?;
        check_grouping(&whole, &pods)?;
        prop_assert_eq!(whole.model.policies.len(), policies.len());
        prop_assert_eq!(whole.model.namespaces.len(), NAMESPACES.len());
        let inputs: Vec<Input> = text
            .split("---\n")
            .enumerate()
            .map(|(i, doc)| Input { name: format!("doc{i}.yaml"), text: doc.to_string() })
            .collect();
        let parts = parse_inputs(&inputs);
        let m1 = matrix(&whole.model, &PROBES);
        let m2 = matrix(&parts.model, &PROBES);
        prop_assert_eq!(report::probe_tsv(&whole.model, &m1), report::probe_tsv(&parts.model, &m2));
    }

    #[test]
    fn adding_an_allow_rule_never_removes_an_allowed_flow(
        pods in proptest::collection::vec(pod(), 1..10),
        policies in proptest::collection::vec(policy(), 1..6),
        which in any::<proptest::sample::Index>(),
        ingress in any::<bool>(),
        extra in rule(),
    ) {
        // Only to a policy that already isolates that direction: a first egress rule in a
        // policy without policyTypes makes it isolate egress, which removes flows by design.
        let i = which.index(policies.len());
        prop_assume!(isolates(&policies[i], ingress));
        let before = parse_valid(&yaml(&pods, &policies))?;
        let mut more = policies.clone();
        let rules = if ingress { &mut more[i].ingress } else { &mut more[i].egress };
        rules.get_or_insert_with(Vec::new).push(extra);
        let text = yaml(&pods, &more);
        let after = parse_valid(&text)?;
        let (m1, m2) = (matrix(&before.model, &PROBES), matrix(&after.model, &PROBES));
        // By pod: a rule that reads more may split an endpoint into parts.
        for (pi, probe) in PROBES.iter().enumerate() {
            for a in 0..pods.len() {
                for b in 0..pods.len() {
                    let (a1, b1) = (group_of(&before, a), group_of(&before, b));
                    let (a2, b2) = (group_of(&after, a), group_of(&after, b));
                    if a1 == b1 {
                        continue; // Pairs are of distinct endpoints.
                    }
                    prop_assert!(
                        !m1.allowed(pi, a1, b1) || a2 == b2 || m2.allowed(pi, a2, b2),
                        "p{} → p{} {} was allowed and no longer is\n{}",
                        a, b, probe, text
                    );
                }
            }
        }
    }

    #[test]
    fn fast_matrix_equals_the_reference_evaluator(
        pods in proptest::collection::vec(pod(), 1..10),
        policies in proptest::collection::vec(policy(), 0..6),
    ) {
        let text = yaml(&pods, &policies);
        let parsed = parse_valid(&text)?;
        check_grouping(&parsed, &pods)?;
        matrix_equals_explain(&parsed, &text)?;
    }

    #[test]
    fn fast_matrix_equals_the_reference_evaluator_with_cluster_tiers(
        pods in proptest::collection::vec(pod(), 1..10),
        policies in proptest::collection::vec(policy(), 0..4),
        cluster in proptest::collection::vec(cluster_policy(), 1..5),
    ) {
        let text = yaml(&pods, &policies) + &cluster_yaml(&cluster);
        let parsed = parse_valid(&text)?;
        check_grouping(&parsed, &pods)?;
        prop_assert_eq!(parsed.model.cluster_policies.len(), cluster.len());
        matrix_equals_explain(&parsed, &text)?;
    }

    #[test]
    fn grouping_pods_by_owner_never_changes_a_verdict_with_cluster_tiers(
        pods in proptest::collection::vec(pod(), 1..10),
        cluster in proptest::collection::vec(cluster_policy(), 1..4),
    ) {
        let bare: Vec<Pod> = pods.iter().map(|p| Pod { owner: None, ..p.clone() }).collect();
        let truth = parse_valid(&(yaml(&bare, &[]) + &cluster_yaml(&cluster)))?;
        let text = yaml(&pods, &[]) + &cluster_yaml(&cluster);
        let grouped = parse_valid(&text)?;
        let (mt, mg) = (matrix(&truth.model, &PROBES), matrix(&grouped.model, &PROBES));
        for (pi, probe) in PROBES.iter().enumerate() {
            for a in 0..pods.len() {
                for b in (0..pods.len()).filter(|&b| b != a) {
                    let (ga, gb) = (group_of(&grouped, a), group_of(&grouped, b));
                    prop_assert_eq!(
                        mg.verdict(pi, ga, gb),
                        mt.verdict(pi, group_of(&truth, a), group_of(&truth, b)),
                        "p{} → p{} {}\n{}", a, b, probe, text
                    );
                }
            }
        }
    }

    #[test]
    fn grouping_pods_by_owner_never_changes_a_pods_verdict(
        pods in proptest::collection::vec(pod(), 1..10),
        policies in proptest::collection::vec(policy(), 0..6),
    ) {
        // The truth: every pod its own bare Pod.
        let bare: Vec<Pod> = pods.iter().map(|p| Pod { owner: None, ..p.clone() }).collect();
        let truth = parse_valid(&yaml(&bare, &policies))?;
        let text = yaml(&pods, &policies);
        let grouped = parse_valid(&text)?;
        let (mt, mg) = (matrix(&truth.model, &PROBES), matrix(&grouped.model, &PROBES));
        for (pi, probe) in PROBES.iter().enumerate() {
            for a in 0..pods.len() {
                for b in 0..pods.len() {
                    if a == b {
                        continue;
                    }
                    let (ga, gb) = (group_of(&grouped, a), group_of(&grouped, b));
                    prop_assert_eq!(
                        mg.allowed(pi, ga, gb),
                        mt.allowed(pi, group_of(&truth, a), group_of(&truth, b)),
                        "p{} ({}) → p{} ({}) {}\n{}",
                        a, grouped.model.groups[ga].endpoint(), b, grouped.model.groups[gb].endpoint(), probe, text
                    );
                }
            }
        }
    }
}
