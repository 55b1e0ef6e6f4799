//! Test graphs: Online Boutique's policy flows, a three-namespace dump, random graphs.
//!
//! Shared by the tests, the examples (timing, comparison with Graphviz) and the comparison
//! crate, each of which includes this file by path. Each graph comes with names for its nodes
//! and groups, for DOT output and SVG pictures.
#![allow(dead_code)]

use reachmap_core::scene::layered::{Column, Edge, Graph, GroupSpec, Node};

pub const NODE_W: i32 = 200;
pub const NODE_H: i32 = 70;

/// A graph with names, as a caller would build it.
pub struct Named {
    pub graph: Graph,
    pub names: Vec<String>,
    pub group_names: Vec<String>,
}

impl Named {
    fn new() -> Named {
        Named {
            graph: Graph::default(),
            names: Vec::new(),
            group_names: Vec::new(),
        }
    }

    fn group(&mut self, name: &str, column: Column) -> usize {
        self.graph.groups.push(GroupSpec {
            column,
            ..GroupSpec::default()
        });
        self.group_names.push(name.to_string());
        self.graph.groups.len() - 1
    }

    fn node(&mut self, name: &str, group: Option<usize>) -> usize {
        self.graph.nodes.push(Node {
            width: NODE_W,
            height: NODE_H,
            group,
        });
        self.names.push(name.to_string());
        self.graph.nodes.len() - 1
    }

    fn id(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no node {name}"))
    }

    fn edge(&mut self, from: &str, to: &str) {
        let (from, to) = (self.id(from), self.id(to));
        self.graph.edges.push(Edge { from, to });
    }
}

const BOUTIQUE: [&str; 12] = [
    "frontend",
    "cartservice",
    "productcatalogservice",
    "currencyservice",
    "paymentservice",
    "shippingservice",
    "emailservice",
    "checkoutservice",
    "recommendationservice",
    "adservice",
    "redis-cart",
    "loadgenerator",
];

/// The service-to-service flows of Online Boutique (17 edges), with one "outside" source.
pub fn boutique_core() -> Named {
    let mut g = Named::new();
    let out = g.group("outside", Column::First);
    let ns = g.group("default", Column::Free);
    g.node("outside", Some(out));
    for s in BOUTIQUE {
        g.node(s, Some(ns));
    }
    boutique_service_edges(&mut g);
    g.edge("loadgenerator", "frontend");
    g.edge("outside", "frontend");
    g
}

fn boutique_service_edges(g: &mut Named) {
    for to in [
        "adservice",
        "cartservice",
        "checkoutservice",
        "currencyservice",
        "productcatalogservice",
        "recommendationservice",
        "shippingservice",
    ] {
        g.edge("frontend", to);
    }
    for to in [
        "cartservice",
        "currencyservice",
        "emailservice",
        "paymentservice",
        "productcatalogservice",
        "shippingservice",
    ] {
        g.edge("checkoutservice", to);
    }
    g.edge("recommendationservice", "productcatalogservice");
    g.edge("cartservice", "redis-cart");
}

/// What Online Boutique's network-policies.yaml allows as a whole (39 edges): the frontend
/// accepts traffic from everyone (every pod and outside), every pod may send anywhere
/// (including outside), each service accepts its callers. Outside is two nodes: where ingress
/// comes from (first column) and where egress goes (last column).
pub fn boutique_whole() -> Named {
    let mut g = Named::new();
    let inside = g.group("outside (ingress)", Column::First);
    let ns = g.group("default", Column::Free);
    let egress = g.group("outside (egress)", Column::Last);
    g.node("outside-in", Some(inside));
    for s in BOUTIQUE {
        g.node(s, Some(ns));
    }
    g.node("outside-out", Some(egress));
    g.edge("outside-in", "frontend");
    for s in BOUTIQUE {
        if s != "frontend" {
            g.edge(s, "frontend");
        }
    }
    boutique_service_edges(&mut g);
    for s in BOUTIQUE {
        g.edge(s, "outside-out");
    }
    g
}

/// Three namespaces of twelve workloads with namespace-wide rules (web → api → data, metrics
/// scraping back, egress), about 300 edges with cycles.
pub fn three_namespaces() -> Named {
    let mut g = Named::new();
    let inside = g.group("outside (ingress)", Column::First);
    let nss: Vec<usize> = ["web", "api", "data"]
        .iter()
        .map(|n| g.group(n, Column::Free))
        .collect();
    let egress = g.group("outside (egress)", Column::Last);
    g.node("outside-in", Some(inside));
    for (k, ns) in ["web", "api", "data"].iter().enumerate() {
        for i in 0..12 {
            g.node(&format!("{ns}-{i}"), Some(nss[k]));
        }
    }
    g.node("outside-out", Some(egress));
    let n = |ns: &str, i: usize| format!("{ns}-{i}");
    let add = |g: &mut Named, a: String, b: String| {
        if a != b {
            g.edge(&a, &b)
        }
    };
    for i in 0..3 {
        add(&mut g, "outside-in".into(), n("web", i));
    }
    // Gateways reach every web workload.
    for i in 0..3 {
        for j in 3..12 {
            add(&mut g, n("web", i), n("web", j));
        }
    }
    // api allows the web tier "frontend" pods namespace-wide.
    for i in 3..6 {
        for j in 0..12 {
            add(&mut g, n("web", i), n("api", j));
        }
    }
    // Four api pods allow the whole api namespace.
    for i in 0..12 {
        for j in 0..4 {
            add(&mut g, n("api", i), n("api", j));
        }
    }
    for i in 0..6 {
        for j in 0..4 {
            add(&mut g, n("api", i), n("data", j));
        }
    }
    // data 4..7 allow the api namespace.
    for i in 0..12 {
        for j in 4..8 {
            add(&mut g, n("api", i), n("data", j));
        }
    }
    for i in 0..8 {
        for j in 8..12 {
            add(&mut g, n("data", i), n("data", j));
        }
    }
    // Metrics scraper in data reaches everything in web and api.
    for ns in ["web", "api"] {
        for j in 0..12 {
            add(&mut g, n("data", 11), n(ns, j));
        }
    }
    for i in 6..9 {
        for j in 8..12 {
            add(&mut g, n("web", i), n("data", j));
        }
    }
    for i in 6..12 {
        add(&mut g, n("api", i), "outside-out".into());
    }
    for i in 8..12 {
        add(&mut g, n("data", i), "outside-out".into());
    }
    g
}

/// SplitMix64: a small deterministic generator, so tests need no crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A random graph: `n` nodes of random sizes, `m` edges (self-loops and parallel edges
/// included), `groups` free groups plus, with `outside`, a first and a last column.
pub fn random(seed: u64, n: usize, m: usize, groups: usize, outside: bool) -> Named {
    let mut rng = Rng::new(seed);
    let mut g = Named::new();
    let free: Vec<usize> = (0..groups)
        .map(|k| g.group(&format!("g{k}"), Column::Free))
        .collect();
    let pinned = if outside {
        Some((g.group("in", Column::First), g.group("out", Column::Last)))
    } else {
        None
    };
    for i in 0..n {
        let group = match (rng.below(10), pinned) {
            (0, Some((a, _))) => Some(a),
            (1, Some((_, b))) => Some(b),
            (2, _) => None,
            _ if !free.is_empty() => Some(free[rng.below(free.len())]),
            _ => None,
        };
        g.graph.nodes.push(Node {
            width: 40 + rng.below(160) as i32,
            height: 20 + rng.below(60) as i32,
            group,
        });
        g.names.push(format!("n{i}"));
    }
    for _ in 0..m {
        let from = rng.below(n);
        let to = if rng.below(30) == 0 {
            from
        } else {
            rng.below(n)
        };
        g.graph.edges.push(Edge { from, to });
        if rng.below(40) == 0 {
            g.graph.edges.push(Edge { from, to });
        }
    }
    g
}

/// A cluster-like graph: `namespaces` of `per` workloads in tiers (gateway, services, stores),
/// calls mostly down one or two tiers within a namespace, some to a shared namespace of
/// platform services (DNS, metrics, auth), some to outside; about `m` edges in all.
pub fn cluster(seed: u64, namespaces: usize, per: usize, m: usize) -> Named {
    let mut rng = Rng::new(seed);
    let mut g = Named::new();
    let inside = g.group("outside (ingress)", Column::First);
    let egress = g.group("outside (egress)", Column::Last);
    g.node("outside-in", Some(inside));
    g.node("outside-out", Some(egress));
    let shared = g.group("platform", Column::Free);
    let platform: Vec<usize> = (0..8)
        .map(|i| g.node(&format!("platform-{i}"), Some(shared)))
        .collect();
    let mut tiers: Vec<Vec<Vec<usize>>> = Vec::new();
    for k in 0..namespaces {
        let ns = g.group(&format!("ns{k}"), Column::Free);
        let mut t = vec![Vec::new(); 4];
        for i in 0..per {
            let tier = if i == 0 { 0 } else { 1 + rng.below(3) };
            t[tier].push(g.node(&format!("ns{k}-{i}"), Some(ns)));
        }
        tiers.push(t);
    }
    let pick = |rng: &mut Rng, v: &Vec<usize>| {
        if v.is_empty() {
            None
        } else {
            Some(v[rng.below(v.len())])
        }
    };
    while g.graph.edges.len() < m {
        let t = &tiers[rng.below(namespaces)];
        let r = rng.below(100);
        let tier = 1 + rng.below(3);
        let (from, to) = if r < 5 {
            (Some(0), pick(&mut rng, &t[0]))
        } else if r < 15 {
            (
                pick(&mut rng, &t[tier]),
                Some(platform[rng.below(platform.len())]),
            )
        } else if r < 20 {
            (pick(&mut rng, &t[tier]), Some(1))
        } else {
            let a = rng.below(3);
            let b = (a + 1 + rng.below(2)).min(3);
            (pick(&mut rng, &t[a]), pick(&mut rng, &t[b]))
        };
        if let (Some(from), Some(to)) = (from, to) {
            if from != to {
                g.graph.edges.push(Edge { from, to });
            }
        }
    }
    g
}
