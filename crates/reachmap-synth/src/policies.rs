//! The NetworkPolicies of a synthetic cluster: every shape the API allows, drawn over the
//! apps, namespaces and labels `generate` placed.

use super::{App, Ns, Rng, APPS, ROLES, TIERS};
use std::fmt::Write;

/// Writes `ports:` entries for a destination app at `indent`: one of its ports, by name or by
/// number. Nothing for an app without ports (then the rule allows every port).
fn app_ports(out: &mut String, rng: &mut Rng, app: &App, indent: &str) {
    if app.ports.is_empty() {
        return;
    }
    let (name, port, protocol) = rng.pick(app.ports);
    put!(out, "{indent}ports:");
    put!(out, "{indent}- protocol: {protocol}");
    if rng.chance(50) {
        put!(out, "{indent}  port: {name}");
    } else {
        put!(out, "{indent}  port: {port}");
    }
}

/// `matchLabels` of one label at `indent` (the line holding the selector's key is the caller's).
fn match_app(out: &mut String, indent: &str, key: &str, value: &str) {
    put!(out, "{indent}matchLabels:");
    put!(out, "{indent}  {key}: {value}");
}

/// The DNS egress rule: to coredns in `ns-0`, UDP and TCP 53.
fn dns_rule(out: &mut String) {
    put!(out, "  - to:");
    put!(out, "    - namespaceSelector:");
    put!(out, "        matchLabels:");
    put!(out, "          kubernetes.io/metadata.name: ns-0");
    put!(out, "      podSelector:");
    put!(out, "        matchLabels:");
    put!(out, "          app: coredns");
    put!(out, "    ports:");
    put!(out, "    - protocol: UDP");
    put!(out, "      port: 53");
    put!(out, "    - protocol: TCP");
    put!(out, "      port: dns-tcp");
}

/// One NetworkPolicy: the `ordinal`-th of its namespace, the `k`-th overall (for its name).
pub(super) fn policy(
    out: &mut String,
    rng: &mut Rng,
    namespaces: &[Ns],
    ns: &Ns,
    ordinal: usize,
    k: usize,
    distinct: bool,
) {
    let dst = &APPS[rng.pick(&ns.apps)];
    let src = &APPS[rng.pick(&ns.apps)];
    let header = |out: &mut String, name: &str| {
        put!(out, "---");
        put!(out, "apiVersion: networking.k8s.io/v1");
        put!(out, "kind: NetworkPolicy");
        put!(out, "metadata:");
        put!(out, "  name: {name}-{k}");
        put!(out, "  namespace: {}", ns.name);
        put!(out, "spec:");
    };
    let select_dst = |out: &mut String| {
        put!(out, "  podSelector:");
        match_app(out, "    ", "app", dst.name);
    };
    if ordinal == 0 {
        header(out, "default-deny");
        if distinct {
            put!(out, "  podSelector:");
            put!(out, "    matchExpressions:");
            put!(out, "    - {{key: instance, operator: Exists}}");
        } else {
            put!(out, "  podSelector: {{}}");
        }
        put!(out, "  policyTypes:");
        put!(out, "  - Ingress");
        if ns.deny_egress {
            put!(out, "  - Egress");
        }
        return;
    }
    if ordinal == 1 && ns.deny_egress {
        header(out, "allow-dns");
        put!(out, "  podSelector: {{}}");
        put!(out, "  policyTypes:");
        put!(out, "  - Egress");
        put!(out, "  egress:");
        dns_rule(out);
        return;
    }
    let other = &namespaces[rng.below(namespaces.len())];
    match rng.below(12) {
        // From pods of another app in the namespace, to one port.
        0..=2 => {
            header(out, &format!("allow-{}-from-{}", dst.name, src.name));
            select_dst(out);
            put!(out, "  policyTypes:");
            put!(out, "  - Ingress");
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - podSelector:");
            match_app(out, "        ", "app", src.name);
            app_ports(out, rng, dst, "    ");
        }
        // From whole namespaces, by team or env.
        3 => {
            header(out, &format!("allow-{}-from-team", dst.name));
            select_dst(out);
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - namespaceSelector:");
            if rng.chance(50) {
                match_app(out, "        ", "team", other.team);
            } else {
                match_app(out, "        ", "env", other.env);
            }
            app_ports(out, rng, dst, "    ");
        }
        // Namespace and pod selector in one peer (AND), plus a second peer (OR).
        4 => {
            header(out, &format!("allow-{}-from-tier", dst.name));
            select_dst(out);
            put!(out, "  policyTypes:");
            put!(out, "  - Ingress");
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - namespaceSelector:");
            match_app(out, "        ", "env", other.env);
            put!(out, "      podSelector:");
            match_app(out, "        ", "tier", rng.pick(TIERS));
            put!(out, "    - podSelector:");
            match_app(out, "        ", "role", rng.pick(ROLES));
            app_ports(out, rng, dst, "    ");
        }
        // matchExpressions everywhere.
        5 => {
            header(out, "allow-by-expressions");
            put!(out, "  podSelector:");
            put!(out, "    matchExpressions:");
            put!(out, "    - key: tier");
            put!(out, "      operator: In");
            put!(out, "      values: [{}, {}]", dst.tier, rng.pick(TIERS));
            put!(out, "    - key: version");
            put!(out, "      operator: NotIn");
            put!(out, "      values: [canary]");
            put!(out, "  policyTypes:");
            put!(out, "  - Ingress");
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - podSelector:");
            put!(out, "        matchExpressions:");
            put!(out, "        - key: role");
            put!(out, "          operator: NotIn");
            put!(out, "          values: [worker, db]");
            put!(out, "        - key: app");
            put!(out, "          operator: Exists");
            put!(out, "      namespaceSelector:");
            put!(out, "        matchExpressions:");
            put!(out, "        - key: env");
            put!(out, "          operator: In");
            put!(out, "          values: [prod, staging]");
            put!(out, "        - key: quarantine");
            put!(out, "          operator: DoesNotExist");
            put!(out, "    ports:");
            put!(out, "    - port: http");
            put!(out, "    - port: grpc");
        }
        // Port ranges.
        6 => {
            header(out, &format!("allow-{}-range", dst.name));
            select_dst(out);
            put!(out, "  policyTypes:");
            put!(out, "  - Ingress");
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - namespaceSelector: {{}}");
            put!(out, "      podSelector:");
            match_app(out, "        ", "app", src.name);
            put!(out, "    ports:");
            let start = rng.pick(&[8000u16, 8080, 9000, 9090]);
            put!(out, "    - protocol: TCP");
            put!(out, "      port: {start}");
            put!(out, "      endPort: {}", start + rng.below(200) as u16);
        }
        // Egress to another app, and DNS.
        7 => {
            header(out, &format!("egress-{}-to-{}", src.name, dst.name));
            put!(out, "  podSelector:");
            match_app(out, "    ", "app", src.name);
            put!(out, "  policyTypes:");
            put!(out, "  - Egress");
            put!(out, "  egress:");
            put!(out, "  - to:");
            put!(out, "    - podSelector:");
            match_app(out, "        ", "app", dst.name);
            app_ports(out, rng, dst, "    ");
            dns_rule(out);
        }
        // ipBlock with except, both directions.
        8 => {
            header(out, &format!("allow-{}-cidr", dst.name));
            select_dst(out);
            put!(out, "  policyTypes:");
            put!(out, "  - Ingress");
            put!(out, "  - Egress");
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - ipBlock:");
            put!(out, "        cidr: \"10.0.0.0/8\"");
            put!(out, "        except:");
            put!(out, "        - \"10.{}.0.0/16\"", 100 + rng.below(3));
            put!(out, "        - \"10.250.{}.0/24\"", rng.below(256));
            app_ports(out, rng, dst, "    ");
            put!(out, "  egress:");
            put!(out, "  - to:");
            put!(out, "    - ipBlock:");
            put!(out, "        cidr: \"0.0.0.0/0\"");
            put!(out, "        except:");
            put!(out, "        - \"10.0.0.0/8\"");
            put!(out, "        - \"172.16.0.0/12\"");
            put!(out, "        - \"192.168.0.0/16\"");
            put!(out, "    ports:");
            put!(out, "    - protocol: TCP");
            put!(out, "      port: 443");
            dns_rule(out);
        }
        // IPv6 ipBlock.
        9 => {
            header(out, &format!("allow-{}-v6", dst.name));
            select_dst(out);
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - ipBlock:");
            put!(out, "        cidr: \"fd00::/8\"");
            put!(out, "        except:");
            put!(out, "        - \"fd00:{:x}::/32\"", 1 + rng.below(0xfff));
        }
        // Prometheus in any namespace scrapes metrics.
        10 => {
            header(out, "allow-metrics-scrape");
            put!(out, "  podSelector: {{}}");
            put!(out, "  policyTypes:");
            put!(out, "  - Ingress");
            put!(out, "  ingress:");
            put!(out, "  - from:");
            put!(out, "    - namespaceSelector: {{}}");
            put!(out, "      podSelector:");
            match_app(out, "        ", "app", "prometheus");
            put!(out, "    ports:");
            put!(out, "    - port: metrics");
            put!(out, "    - protocol: SCTP");
            put!(out, "      port: 9");
        }
        // Open to everyone, or to everything in the namespace.
        _ => {
            header(out, &format!("allow-all-{}", dst.name));
            select_dst(out);
            put!(out, "  ingress:");
            if rng.chance(50) {
                put!(out, "  - {{}}");
            } else {
                put!(out, "  - from:");
                put!(out, "    - podSelector: {{}}");
            }
        }
    }
}
