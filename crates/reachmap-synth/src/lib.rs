//! Synthetic clusters for benchmarks and tests: a deterministic generator of manifest text.
//!
//! [`generate`] turns a [`Spec`] (how many pods, policies, namespaces and Services, and a seed)
//! into multi-document YAML that reads like a real cluster: labelled namespaces, Deployments
//! with replicas and some bare Pods, pod labels drawn from small vocabularies so that many pods
//! share them (and so fall into the same equivalence class), named container ports, Services
//! selecting by `app`, and NetworkPolicies of every shape the API allows (default deny,
//! pod/namespace selectors alone and together, `matchExpressions`, named and numeric ports,
//! `endPort` ranges, DNS egress, `ipBlock` with `except`, IPv6).
//!
//! The same spec always gives the same text: the generator has its own small PRNG
//! (splitmix64) and iterates over nothing unordered. Every object it writes is one the API
//! server accepts, so `parse` reports no error for it.

/// Appends one formatted line (writing to a `String` cannot fail). Defined before the
/// modules, which use it too.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

mod boutique;
mod dump;
mod policies;
pub use boutique::{boutique, three_namespace_dump};
pub use dump::{dump, DumpFormat, DumpSpec};

use std::fmt::Write;

/// The size and seed of a synthetic cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Spec {
    /// Total number of pods: the replicas of every Deployment plus the bare Pods. A pod
    /// group (one Deployment or one bare Pod) holds 1 to 4 of them, so there are about
    /// `pods / 2` groups.
    pub pods: usize,
    /// Number of NetworkPolicies, spread over the namespaces; each namespace's first one is a
    /// default deny.
    pub policies: usize,
    /// Number of namespaces, `ns-0` to `ns-{n-1}` (at least 1 is used).
    pub namespaces: usize,
    /// Number of Services, each selecting an `app` that runs in its namespace.
    pub services: usize,
    /// The seed: the same spec and seed always give the same text.
    pub seed: u64,
}

impl Default for Spec {
    /// A small cluster: 100 pods, 20 policies, 5 namespaces, 20 Services, seed 1.
    fn default() -> Spec {
        Spec {
            pods: 100,
            policies: 20,
            namespaces: 5,
            services: 20,
            seed: 1,
        }
    }
}

/// splitmix64: tiny, fast, and good enough to draw shapes from.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_CAFE_F00D_D00D)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }

    /// True with the given chance in percent.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// A container port of an app: name, number, protocol.
type Port = (&'static str, u16, &'static str);

/// An app: its `app` label, `tier` and `role`, and its container ports.
struct App {
    name: &'static str,
    tier: &'static str,
    role: &'static str,
    ports: &'static [Port],
}

const HTTP: Port = ("http", 8080, "TCP");
const GRPC: Port = ("grpc", 9090, "TCP");
const METRICS: Port = ("metrics", 9100, "TCP");

#[rustfmt::skip]
const APPS: &[App] = &[
    App { name: "frontend", tier: "web", role: "server", ports: &[HTTP, METRICS] },
    App { name: "gateway", tier: "web", role: "proxy", ports: &[HTTP, ("https", 8443, "TCP"), METRICS] },
    App { name: "checkout", tier: "api", role: "server", ports: &[HTTP, GRPC, METRICS] },
    App { name: "cart", tier: "api", role: "server", ports: &[GRPC, METRICS] },
    App { name: "payments", tier: "api", role: "server", ports: &[GRPC, HTTP] },
    App { name: "catalog", tier: "api", role: "server", ports: &[HTTP] },
    App { name: "search", tier: "api", role: "server", ports: &[HTTP, GRPC] },
    App { name: "auth", tier: "api", role: "server", ports: &[HTTP, GRPC, METRICS] },
    App { name: "orders", tier: "backend", role: "server", ports: &[GRPC, METRICS] },
    App { name: "shipping", tier: "backend", role: "server", ports: &[GRPC] },
    App { name: "email", tier: "backend", role: "worker", ports: &[HTTP] },
    App { name: "worker", tier: "backend", role: "worker", ports: &[METRICS] },
    App { name: "redis", tier: "cache", role: "db", ports: &[("redis", 6379, "TCP")] },
    App { name: "memcached", tier: "cache", role: "db", ports: &[("memcache", 11211, "TCP")] },
    App { name: "postgres", tier: "data", role: "db", ports: &[("postgres", 5432, "TCP"), ("metrics", 9187, "TCP")] },
    App { name: "kafka", tier: "data", role: "db", ports: &[("kafka", 9092, "TCP"), METRICS] },
    App { name: "prometheus", tier: "infra", role: "monitor", ports: &[("web", 9090, "TCP")] },
    App { name: "coredns", tier: "infra", role: "server", ports: &[("dns", 53, "UDP"), ("dns-tcp", 53, "TCP"), ("metrics", 9153, "TCP")] },
    App { name: "telemetry", tier: "infra", role: "monitor", ports: &[("echo", 9, "SCTP"), ("otlp", 4317, "TCP"), METRICS] },
];

/// Index of `coredns` in `APPS`: it runs in `ns-0`, and DNS egress rules allow it.
const COREDNS: usize = 17;
/// Apps that `ns-0` always runs (coredns, prometheus, telemetry).
const PLATFORM: &[usize] = &[17, 16, 18];

#[rustfmt::skip]
const TEAMS: &[&str] = &[
    "storefront", "payments", "platform", "data", "identity", "growth", "search", "logistics",
];
const ENVS: &[&str] = &["prod", "prod", "staging", "dev"];
const VERSIONS: &[&str] = &["v1", "v1", "v1", "v2", "v2", "canary"];
const TIERS: &[&str] = &["web", "api", "backend", "cache", "data", "infra"];
const ROLES: &[&str] = &["server", "worker", "db", "proxy", "monitor"];

/// One namespace: its labels and the apps that run in it.
struct Ns {
    name: String,
    team: &'static str,
    env: &'static str,
    apps: Vec<usize>,
    /// Its default deny also isolates egress (so it gets a DNS allowance too).
    deny_egress: bool,
    /// A service mesh injects a proxy sidecar (with its own port) into every pod.
    mesh: bool,
}

/// Generates the manifests of a synthetic cluster as multi-document YAML.
///
/// The text holds, in order: `spec.namespaces` Namespaces (at least 1), Deployments and bare
/// Pods totalling `spec.pods` pods, `spec.services` Services, and `spec.policies`
/// NetworkPolicies. It is a pure function of `spec`.
pub fn generate(spec: &Spec) -> String {
    generate_cluster(spec, false)
}

/// Like [`generate`], but every pod is its own class to the policies: one replica per
/// Deployment, a unique `instance` label on every pod, and each namespace's default deny
/// selects by that label (`instance` Exists, which every pod has, so the verdicts are those of
/// `podSelector: {}`) — so the policies read it, and no two pods are alike. The worst case of
/// the matrix: as many classes as pods.
pub fn generate_distinct(spec: &Spec) -> String {
    generate_cluster(spec, true)
}

fn generate_cluster(spec: &Spec, distinct: bool) -> String {
    let mut rng = Rng::new(spec.seed);
    let mut out = String::with_capacity(600 * (spec.pods / 2 + spec.policies + spec.services + 8));
    let namespaces = namespaces(&mut rng, spec.namespaces.max(1));
    for ns in &namespaces {
        put!(out, "---");
        put!(out, "apiVersion: v1");
        put!(out, "kind: Namespace");
        put!(out, "metadata:");
        put!(out, "  name: {}", ns.name);
        put!(out, "  labels:");
        put!(out, "    team: {}", ns.team);
        put!(out, "    env: {}", ns.env);
    }
    workloads(&mut out, &mut rng, &namespaces, spec.pods, distinct);
    for k in 0..spec.services {
        service(&mut out, &mut rng, &namespaces, k);
    }
    for k in 0..spec.policies {
        let ns = &namespaces[k % namespaces.len()];
        let ordinal = k / namespaces.len();
        policies::policy(&mut out, &mut rng, &namespaces, ns, ordinal, k, distinct);
    }
    out
}

fn namespaces(rng: &mut Rng, n: usize) -> Vec<Ns> {
    (0..n)
        .map(|i| {
            let mut apps: Vec<usize> = if i == 0 {
                PLATFORM.to_vec()
            } else {
                Vec::new()
            };
            let want = apps.len() + 4 + rng.below(5);
            while apps.len() < want {
                let a = rng.below(APPS.len());
                if a != COREDNS && !apps.contains(&a) {
                    apps.push(a);
                }
            }
            Ns {
                name: format!("ns-{i}"),
                team: if i == 0 { "platform" } else { rng.pick(TEAMS) },
                env: if i == 0 { "prod" } else { rng.pick(ENVS) },
                apps,
                deny_egress: i % 3 == 1,
                mesh: rng.chance(30),
            }
        })
        .collect()
}

/// Deployments (1 to 4 replicas) and bare Pods (some with `status.podIP`) until `pods` pods.
fn workloads(out: &mut String, rng: &mut Rng, namespaces: &[Ns], pods: usize, distinct: bool) {
    let mut remaining = pods;
    let mut k = 0usize;
    while remaining > 0 {
        // Every namespace gets one workload first; then smaller indices get more.
        let ns = if k < namespaces.len() {
            &namespaces[k]
        } else {
            let a = rng.below(namespaces.len());
            let b = rng.below(namespaces.len());
            &namespaces[a.min(b)]
        };
        let app = &APPS[ns.apps[if k < namespaces.len() {
            0
        } else {
            rng.below(ns.apps.len())
        }]];
        let version = rng.pick(VERSIONS);
        let role = if rng.chance(3) {
            rng.pick(ROLES)
        } else {
            app.role
        };
        let sidecar = ns.mesh;
        let bare = rng.chance(15);
        let replicas = if bare || distinct {
            1
        } else {
            (1 + rng.below(4)).min(remaining)
        };
        remaining -= replicas;
        let labels = |out: &mut String, indent: &str| {
            put!(out, "{indent}app: {}", app.name);
            put!(out, "{indent}tier: {}", app.tier);
            put!(out, "{indent}role: {role}");
            put!(out, "{indent}version: {version}");
            if distinct {
                put!(out, "{indent}instance: i{k}");
            }
        };
        put!(out, "---");
        if bare {
            put!(out, "apiVersion: v1");
            put!(out, "kind: Pod");
            put!(out, "metadata:");
            put!(out, "  name: {}-pod-{k}", app.name);
            put!(out, "  namespace: {}", ns.name);
            put!(out, "  labels:");
            labels(out, "    ");
            put!(out, "spec:");
            containers(out, app, sidecar, "  ");
            if rng.chance(30) {
                put!(out, "status:");
                put!(
                    out,
                    "  podIP: 10.{}.{}.{}",
                    100 + (k >> 16) % 100,
                    (k >> 8) & 255,
                    k & 255
                );
            }
        } else {
            put!(out, "apiVersion: apps/v1");
            put!(out, "kind: Deployment");
            put!(out, "metadata:");
            put!(out, "  name: {}-{version}-{k}", app.name);
            put!(out, "  namespace: {}", ns.name);
            put!(out, "  labels:");
            put!(out, "    app: {}", app.name);
            put!(out, "spec:");
            put!(out, "  replicas: {replicas}");
            put!(out, "  selector:");
            put!(out, "    matchLabels:");
            put!(out, "      app: {}", app.name);
            put!(out, "      version: {version}");
            put!(out, "  template:");
            put!(out, "    metadata:");
            put!(out, "      labels:");
            labels(out, "        ");
            put!(out, "    spec:");
            containers(out, app, sidecar, "      ");
        }
        k += 1;
    }
}

/// `containers:` of a pod spec at `indent`: the app's container, and maybe a proxy sidecar.
fn containers(out: &mut String, app: &App, sidecar: bool, indent: &str) {
    put!(out, "{indent}containers:");
    put!(out, "{indent}- name: {}", app.name);
    put!(
        out,
        "{indent}  image: registry.example.com/{}:1.0",
        app.name
    );
    if !app.ports.is_empty() {
        put!(out, "{indent}  ports:");
        for (name, port, protocol) in app.ports {
            put!(out, "{indent}  - name: {name}");
            put!(out, "{indent}    containerPort: {port}");
            if *protocol != "TCP" {
                put!(out, "{indent}    protocol: {protocol}");
            }
        }
    }
    if sidecar {
        put!(out, "{indent}- name: proxy");
        put!(out, "{indent}  image: registry.example.com/proxy:1.0");
        put!(out, "{indent}  ports:");
        put!(out, "{indent}  - name: proxy-admin");
        put!(out, "{indent}    containerPort: 15000");
    }
}

/// A Service for an app of a namespace, over some or all of its ports.
fn service(out: &mut String, rng: &mut Rng, namespaces: &[Ns], k: usize) {
    let ns = &namespaces[k % namespaces.len()];
    let app = &APPS[rng.pick(&ns.apps)];
    put!(out, "---");
    put!(out, "apiVersion: v1");
    put!(out, "kind: Service");
    put!(out, "metadata:");
    put!(out, "  name: {}-{k}", app.name);
    put!(out, "  namespace: {}", ns.name);
    put!(out, "spec:");
    match rng.below(10) {
        0 => put!(out, "  clusterIP: None"),
        1 => put!(out, "  type: NodePort"),
        _ => {}
    }
    put!(out, "  selector:");
    put!(out, "    app: {}", app.name);
    if rng.chance(30) {
        put!(out, "    tier: {}", app.tier);
    }
    put!(out, "  ports:");
    let count = 1 + rng.below(app.ports.len());
    for (name, port, protocol) in &app.ports[..count] {
        let front = match *name {
            "http" => 80,
            "https" => 443,
            _ => *port,
        };
        put!(out, "  - name: {name}");
        if *protocol != "TCP" {
            put!(out, "    protocol: {protocol}");
        }
        put!(out, "    port: {front}");
        if rng.chance(60) {
            put!(out, "    targetPort: {name}");
        } else {
            put!(out, "    targetPort: {port}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::diag::Severity;

    fn check(spec: &Spec) {
        let text = generate(spec);
        let parsed = reachmap_core::parse(&text);
        let errors: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{spec:?}: {errors:#?}");
        let warnings: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{spec:?}: {warnings:#?}");
        let model = &parsed.model;
        let pods: usize = model.groups.iter().map(|g| g.replicas as usize).sum();
        assert_eq!(pods, spec.pods);
        assert_eq!(model.policies.len(), spec.policies);
        assert_eq!(model.services.len(), spec.services);
        assert_eq!(model.namespaces.len(), spec.namespaces.max(1));
        assert!(model.namespaces.iter().all(|n| !n.implicit));
    }

    #[test]
    fn parses_without_errors() {
        for seed in [1, 2, 3, 42] {
            for (pods, policies, namespaces, services) in [
                (0, 0, 0, 0),
                (1, 1, 1, 1),
                (50, 12, 3, 10),
                (400, 120, 7, 60),
            ] {
                check(&Spec {
                    pods,
                    policies,
                    namespaces,
                    services,
                    seed,
                });
            }
        }
    }

    #[test]
    fn every_policy_shape_appears() {
        let text = generate(&Spec {
            pods: 200,
            policies: 200,
            namespaces: 4,
            services: 20,
            seed: 7,
        });
        for needle in [
            "podSelector: {}",
            "namespaceSelector: {}",
            "matchExpressions:",
            "operator: DoesNotExist",
            "endPort:",
            "except:",
            "fd00::/8",
            "protocol: UDP",
            "protocol: SCTP",
            "port: http",
            "port: 443",
            "- {}",
            "kind: Pod",
            "podIP:",
            "clusterIP: None",
        ] {
            assert!(text.contains(needle), "no `{needle}`");
        }
    }

    #[test]
    fn same_seed_same_text() {
        let spec = Spec {
            pods: 300,
            policies: 60,
            namespaces: 6,
            services: 30,
            seed: 9,
        };
        assert_eq!(generate(&spec), generate(&spec));
        assert_ne!(generate(&spec), generate(&Spec { seed: 10, ..spec }));
    }

    #[test]
    fn distinct_pods_are_each_their_own_class() {
        let spec = Spec {
            pods: 300,
            policies: 60,
            namespaces: 6,
            services: 30,
            seed: 3,
        };
        let parsed = reachmap_core::parse(&generate_distinct(&spec));
        assert!(parsed
            .diagnostics
            .iter()
            .all(|d| d.severity != reachmap_core::Severity::Error));
        let m = reachmap_core::analysis::matrix(
            &parsed.model,
            &[reachmap_core::analysis::Probe::tcp(8080)],
        );
        let pods: u32 = parsed.model.groups.iter().map(|g| g.replicas).sum();
        assert_eq!(pods as usize, spec.pods);
        assert_eq!(m.members.len(), spec.pods);
    }

    #[test]
    fn pods_share_classes() {
        let spec = Spec {
            pods: 1000,
            policies: 100,
            namespaces: 10,
            services: 50,
            seed: 3,
        };
        let parsed = reachmap_core::parse(&generate(&spec));
        let m = reachmap_core::analysis::matrix(
            &parsed.model,
            &[reachmap_core::analysis::Probe::tcp(8080)],
        );
        // Many groups share namespace, labels and ports.
        assert!(m.members.len() * 2 < parsed.model.groups.len());
    }
}
