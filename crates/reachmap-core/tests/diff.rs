//! `analysis::diff` on known changes: the reference example api-allow before and after its
//! coffeeshop rule, the Online Boutique after a policy removal and a port change, and
//! netpol-analyzer's documented minimal diff example (Apache-2.0, see tests/netpol_diff/NOTICE).

mod common;

use common::*;
use reachmap_core::analysis::{diff, Analysis, Diff, DiffPorts, DiffRow, PolicyChange, Seen};
use reachmap_core::Input;

fn row<'a>(d: &'a Diff, from: &str, to: &str, probe: &str) -> &'a DiffRow {
    d.rows
        .iter()
        .find(|r| r.from == from && r.to == to && r.probe == probe)
        .unwrap_or_else(|| panic!("no row {from} -> {to} {probe} in {:#?}", d.rows))
}

fn triples(d: &Diff) -> Vec<(&str, &str, &str, Seen, Seen)> {
    d.rows
        .iter()
        .map(|r| {
            (
                r.from.as_str(),
                r.to.as_str(),
                r.probe.as_str(),
                r.before,
                r.after,
            )
        })
        .collect()
}

const API_ALLOW: &str = "public/examples/reference/api-allow.yaml";
const COFFEESHOP_RULE: &str =
    "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: coffeeshop\n";

#[test]
fn api_allow_adding_the_coffeeshop_rule_opens_coffeeshop_only() {
    let after = read_example(API_ALLOW);
    assert!(after.ends_with(COFFEESHOP_RULE));
    let before = after.replace(COFFEESHOP_RULE, "  ingress: []\n");
    let d = diff(
        &analyse_clean(&before),
        &analyse_clean(&after),
        &DiffPorts::Any,
    );
    let (a, pp) = ("default/coffeeshop", "default/payment-processor");
    assert_eq!(
        triples(&d),
        vec![
            (a, pp, "SCTP/1-65535", Seen::Denied, Seen::Allowed),
            (a, pp, "TCP/1-65535", Seen::Denied, Seen::Allowed),
            (a, pp, "UDP/1-65535", Seen::Denied, Seen::Allowed),
        ]
    );
    assert_eq!(
        row(&d, a, pp, "TCP/1-65535").cause,
        "default/api-allow (changed) ingress: no rule admits -> default/api-allow (changed) ingress[0].from[0]"
    );
    assert_eq!(
        d.policies,
        vec![("default/api-allow".to_string(), PolicyChange::Changed)]
    );
    assert_eq!((d.opened(), d.closed()), (3, 0));
}

#[test]
fn api_allow_added_closes_everyone_but_coffeeshop() {
    let with = read_example(API_ALLOW);
    let policy_at = with.find("apiVersion: networking.k8s.io/v1").unwrap();
    let without = &with[..policy_at];
    let d = diff(
        &analyse_clean(without),
        &analyse_clean(&with),
        &DiffPorts::Probes(vec!["TCP/80".parse().unwrap()]),
    );
    assert_eq!(
        triples(&d),
        vec![
            (
                "default/nginx",
                "default/payment-processor",
                "TCP/80",
                Seen::Allowed,
                Seen::Denied
            ),
            (
                "outside",
                "default/payment-processor",
                "TCP/80",
                Seen::Allowed,
                Seen::Denied
            ),
        ]
    );
    assert_eq!(
        row(&d, "default/nginx", "default/payment-processor", "TCP/80").cause,
        "none -> default/api-allow (added) ingress: no rule admits"
    );
    assert_eq!(d.closed(), 2);
}

/// Both Online Boutique files, the policies' text changed by `edit`.
fn boutique(edit: &dyn Fn(&str) -> String) -> Analysis {
    let read = |f: &str| read_example(&format!("public/examples/online-boutique/{f}"));
    Analysis::of_inputs(&[
        Input {
            name: "kubernetes-manifests.yaml".into(),
            text: read("kubernetes-manifests.yaml"),
        },
        Input {
            name: "network-policies.yaml".into(),
            text: edit(&read("network-policies.yaml")),
        },
    ])
}

fn dep(name: &str) -> String {
    format!("default/{name}[Deployment]")
}

#[test]
fn boutique_without_the_cartservice_policy_closes_its_flows() {
    let before = boutique(&|t| t.to_string());
    let after = boutique(&|t| {
        let start = t.find("  name: cartservice\n").unwrap();
        let doc_start = t[..start].rfind("apiVersion:").unwrap();
        let doc_end = doc_start + t[doc_start..].find("\n---\n").unwrap() + 5;
        format!("{}{}", &t[..doc_start], &t[doc_end..])
    });
    let d = diff(&before, &after, &DiffPorts::Any);
    assert!(
        d.opened() == 0 && d.closed() == d.rows.len(),
        "{:#?}",
        d.rows
    );
    assert_eq!(
        d.policies,
        vec![("default/cartservice".to_string(), PolicyChange::Removed)]
    );
    let cart = dep("cartservice");
    let r = row(&d, &dep("frontend"), &cart, "TCP/7070");
    assert_eq!((r.before, r.after), (Seen::Allowed, Seen::Denied));
    assert_eq!(
        r.cause,
        "default/frontend egress[0] + default/cartservice (removed) ingress[0].from[0].ports[0] -> default/deny-all ingress: no rule admits"
    );
    // Its egress went with it: cartservice can no longer reach its Redis.
    row(&d, &cart, &dep("redis-cart"), "TCP/6379");
    // The Service level, with the backend concerned.
    let s = row(&d, &dep("frontend"), "default/cartservice:7070", "TCP/7070");
    assert_eq!(s.backends, vec![cart.clone()]);
    assert_eq!((s.before, s.after), (Seen::Allowed, Seen::Denied));
    // The other services' calls are untouched.
    assert!(d
        .rows
        .iter()
        .all(|r| r.from == cart || r.to == cart || r.to.starts_with("default/cartservice:")));
}

#[test]
fn boutique_policy_port_change_moves_the_allowed_port() {
    let before = boutique(&|t| t.to_string());
    let after = boutique(&|t| t.replace("     - port: 7070\n", "     - port: 7071\n"));
    let d = diff(
        &before,
        &after,
        &DiffPorts::Probes(vec![
            "TCP/7070".parse().unwrap(),
            "TCP/7071".parse().unwrap(),
        ]),
    );
    let (front, check, cart) = (dep("frontend"), dep("checkoutservice"), dep("cartservice"));
    for client in [&front, &check] {
        let closed = row(&d, client, &cart, "TCP/7070");
        assert_eq!((closed.before, closed.after), (Seen::Allowed, Seen::Denied));
        let opened = row(&d, client, &cart, "TCP/7071");
        assert_eq!((opened.before, opened.after), (Seen::Denied, Seen::Allowed));
        let svc = row(&d, client, "default/cartservice:7070", "TCP/7070");
        assert_eq!((svc.before, svc.after), (Seen::Allowed, Seen::Denied));
        assert_eq!(svc.backends, vec![cart.clone()]);
    }
    assert_eq!(d.rows.len(), 6, "{:#?}", d.rows);
}

fn netpol_example(version: &str) -> Analysis {
    let inputs: Vec<Input> = ["backend", "frontend", "netpols"]
        .iter()
        .map(|f| {
            let name = format!("crates/reachmap-core/tests/netpol_diff/{version}/{f}.yaml");
            Input {
                text: read_example(&name),
                name,
            }
        })
        .collect();
    Analysis::of_inputs(&inputs)
}

#[test]
fn netpol_analyzer_minimal_example_as_documented() {
    let d = diff(
        &netpol_example("before"),
        &netpol_example("after"),
        &DiffPorts::Any,
    );
    // Upstream: frontend → backend gains UDP 53; 0.0.0.0/0 → backend gains TCP 9090.
    let backend = "default/backend[Deployment]";
    assert_eq!(
        triples(&d),
        vec![
            (
                "default/frontend[Deployment]",
                backend,
                "UDP/53",
                Seen::Denied,
                Seen::Allowed
            ),
            ("outside", backend, "TCP/9090", Seen::Denied, Seen::Allowed),
            // No Service row: backendservice is a ClusterIP Service, not reachable from
            // outside in either version.
        ]
    );
    assert!(row(&d, "outside", backend, "TCP/9090")
        .cause
        .ends_with("-> default/backend-netpol (changed) ingress[1].ports[0]"));
}

#[test]
fn a_version_against_itself_is_no_change() {
    let a = boutique(&|t| t.to_string());
    assert!(diff(&a, &a, &DiffPorts::Any).is_empty());
}

/// The Online Boutique with its manifests' text changed by `edit` (policies unchanged).
fn boutique_manifests(edit: &dyn Fn(&str) -> String) -> Analysis {
    let read = |f: &str| read_example(&format!("public/examples/online-boutique/{f}"));
    Analysis::of_inputs(&[
        Input {
            name: "kubernetes-manifests.yaml".into(),
            text: edit(&read("kubernetes-manifests.yaml")),
        },
        Input {
            name: "network-policies.yaml".into(),
            text: read("network-policies.yaml"),
        },
    ])
}

#[test]
fn boutique_service_target_port_change_closes_the_service_flows_only() {
    let grpc = "  - name: grpc\n    port: 7070\n    targetPort: 7070\n";
    let before = boutique_manifests(&|t| t.to_string());
    let after = boutique_manifests(&|t| {
        assert!(t.contains(grpc));
        t.replace(
            grpc,
            "  - name: grpc\n    port: 7070\n    targetPort: 7071\n",
        )
    });
    let d = diff(&before, &after, &DiffPorts::Any);
    // No pod-to-pod verdict changed: only the flows through the Service, now sent to 7071.
    assert_eq!(
        triples(&d),
        vec![
            (
                dep("checkoutservice").as_str(),
                "default/cartservice:7070",
                "TCP/7070",
                Seen::Allowed,
                Seen::Denied
            ),
            (
                dep("frontend").as_str(),
                "default/cartservice:7070",
                "TCP/7070",
                Seen::Allowed,
                Seen::Denied
            ),
        ]
    );
    let r = row(&d, &dep("frontend"), "default/cartservice:7070", "TCP/7070");
    assert!(
        r.cause.starts_with(
            "default/cartservice[Deployment] on TCP/7070 -> TCP/7071: default/frontend egress[0] + default/cartservice ingress[0].from[0].ports[0] -> "
        ),
        "{}",
        r.cause
    );
    assert!(d.policies.is_empty());
}

#[test]
fn a_relabelled_pod_is_the_same_endpoint_and_a_new_one_is_absent_before() {
    let before = read_example(API_ALLOW);
    let after = before.replace(
        "  labels:\n    app: coffeeshop\n",
        "  labels:\n    app: teashop\n",
    ) + "---\n"
        + &pod("default", "newcomer", &[("app", "coffeeshop")], &[("", 80)]);
    let tcp80 = DiffPorts::Probes(vec!["TCP/80".parse().unwrap()]);
    let d = diff(&analyse_clean(&before), &analyse_clean(&after), &tcp80);
    let pp = "default/payment-processor";
    let r = row(&d, "default/coffeeshop", pp, "TCP/80");
    assert_eq!((r.before, r.after), (Seen::Allowed, Seen::Denied));
    assert_eq!(
        r.cause,
        "default/api-allow ingress[0].from[0] -> default/api-allow ingress: no rule admits; labels of default/coffeeshop changed"
    );
    let r = row(&d, "default/newcomer", pp, "TCP/80");
    assert_eq!((r.before, r.after), (Seen::Absent, Seen::Allowed));
    assert_eq!(r.cause, "absent -> default/api-allow ingress[0].from[0]");
    // Every flow of the newcomer is a row, absent before.
    assert!(d
        .rows
        .iter()
        .filter(|r| r.from == "default/newcomer" || r.to == "default/newcomer")
        .all(|r| r.before == Seen::Absent));
}

#[test]
fn a_row_is_explained_on_the_first_port_of_its_interval() {
    let row = DiffRow {
        from: "default/a".into(),
        to: "default/b".into(),
        probe: "TCP/1-79".into(),
        before: Seen::Denied,
        after: Seen::Allowed,
        cause: String::new(),
        backends: Vec::new(),
    };
    assert_eq!(row.explained_port(), "TCP/1");
    let single = DiffRow {
        probe: "UDP/53".into(),
        ..row.clone()
    };
    assert_eq!(single.explained_port(), "UDP/53");
    // A Service row names its port in `to`.
    let service = DiffRow {
        to: "default/web:80".into(),
        probe: "TCP/80".into(),
        ..row
    };
    assert_eq!(service.explained_port(), "");
}
