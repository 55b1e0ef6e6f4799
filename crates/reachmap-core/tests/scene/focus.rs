//! A focus in three columns (what may reach it, it, what it may reach), its denied flows on
//! request, and highlighted flows.

use super::{
    boutique, build, common, edges_of, focus, geometry, group, groups, has, is_node, parse, paths,
    reference, texts, view,
};
use reachmap_core::analysis::{FlowQuery, PortChoice, Probe};
use reachmap_core::scene::{readability, Class, SceneOptions, View};

fn with_denied(on: &str) -> SceneOptions {
    SceneOptions {
        show_denied: true,
        ..focus(on)
    }
}

#[test]
fn focus_draws_every_flow_from_and_to_it() {
    let text = reference("api-allow.yaml");
    let s = build(&text, &with_denied("default/nginx"));
    let edges = edges_of(&s);
    let denied = edges
        .get("edge:pod:default/nginx->pod:default/payment-processor:denied")
        .expect("the denied flow is drawn");
    assert!(denied.classes.contains(&Class::Denied));
    assert!(texts(denied).contains(&"✗".to_string()));
    assert_eq!(
        denied.title,
        "default/nginx → default/payment-processor any port: denied on every port"
    );
    let allowed = edges
        .get("edge:pod:default/nginx->pod:default/coffeeshop:allowed")
        .unwrap();
    assert!(texts(allowed).contains(&"✓".to_string()));
    assert!(edges.contains_key("edge:pod:default/coffeeshop->pod:default/nginx:allowed"));
    assert!(edges.contains_key("edge:outside:any->pod:default/nginx:allowed"));
    assert!(edges.contains_key("edge:pod:default/nginx->outside:any:allowed"));
    // 3 other nodes, both ways.
    assert_eq!(edges.len(), 6, "{:?}", edges.keys());
    assert!(group(&s, "pod:default/nginx")
        .classes
        .contains(&Class::Focus));
    assert!(group(&s, "pod:default/coffeeshop")
        .classes
        .contains(&Class::Related));
    // payment-processor may reach nginx (its egress is not isolated): related too.
    assert!(group(&s, "pod:default/payment-processor")
        .classes
        .contains(&Class::Related));
}

#[test]
fn denied_flows_only_on_request_and_the_header_says_how_many() {
    let text = reference("api-allow.yaml");
    let s = build(&text, &focus("default/nginx"));
    let edges = edges_of(&s);
    assert_eq!(edges.len(), 5, "{:?}", edges.keys());
    assert!(edges.keys().all(|k| !k.ends_with(":denied")));
    let svg = reachmap_core::svg::render(&s);
    assert!(
        svg.contains("1 denied flow not drawn: “Show denied” draws them"),
        "{svg}"
    );
    assert!(s.title.contains("allowed flows from and to default/nginx"));
}

#[test]
fn three_columns_callers_focus_callees_without_a_crossing() {
    let text = boutique();
    let s = build(&text, &with_denied("default/frontend[Deployment]"));
    let center = geometry::node_box(group(&s, "pod:default/frontend[Deployment]"));
    for (id, e) in edges_of(&s) {
        let line = paths(e)[0];
        let (a, b) = (line[0], line[line.len() - 1]);
        if id.starts_with("edge:pod:default/frontend[Deployment]->") {
            assert_eq!(a.x, center.x1, "{id} leaves the focus on the right");
            assert!(b.x > center.x1, "{id} ends right of the focus");
        } else {
            assert_eq!(b.x, center.x0, "{id} enters the focus on the left");
            assert!(a.x < center.x0, "{id} starts left of the focus");
        }
    }
    // A box that both sends and receives is drawn on both sides, under two ids.
    assert!(has(&s, "pod:default/checkoutservice[Deployment]"));
    assert!(has(&s, "pod:default/checkoutservice[Deployment]@right"));
    assert_eq!(readability::measure(&s).crossings, 0);
    // Every box of the Boutique, in focus, draws without a crossing.
    let parsed = parse(&text);
    for g in &parsed.model.groups {
        for denied in [false, true] {
            let options = SceneOptions {
                show_denied: denied,
                ..focus(&g.endpoint())
            };
            let m = readability::measure(&build(&text, &options));
            assert_eq!(m.crossings, 0, "focus on {}", g.endpoint());
        }
    }
}

#[test]
fn a_focus_draws_only_its_own_flows_boxes() {
    let s = build(&boutique(), &focus("default/redis-cart[Deployment]"));
    let nodes: Vec<String> = groups(&s)
        .into_iter()
        .filter(|g| is_node(g))
        .map(|g| g.id.clone())
        .collect();
    assert!(nodes.contains(&"pod:default/cartservice[Deployment]".to_string()));
    assert!(!nodes.iter().any(|n| n.contains("adservice")), "{nodes:?}");
    assert!(reachmap_core::svg::render(&s).contains("other boxes have no flow drawn"));
}

#[test]
fn a_single_port_choice_names_its_port() {
    let text = reference("port-allow.yaml");
    let options = SceneOptions {
        ports: PortChoice::Probe(Probe::tcp(80)),
        ..with_denied("default/frontend")
    };
    let s = build(&text, &options);
    let e = group(&s, "edge:pod:default/frontend->pod:default/backend:denied");
    assert_eq!(e.title, "default/frontend → default/backend TCP/80: denied");
    let options = SceneOptions {
        ports: PortChoice::Probe(Probe::tcp(8080)),
        ..options
    };
    let s = build(&text, &options);
    let e = group(&s, "edge:pod:default/frontend->pod:default/backend:allowed");
    assert_eq!(
        e.title,
        "default/frontend → default/backend TCP/8080: allowed"
    );
}

#[test]
fn outside_verdicts_that_depend_on_the_address() {
    let text = format!(
        "{}{}",
        common::pod("default", "web", &[("app", "web")], &[("", 80)]),
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-office}\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 203.0.113.0/24}}]\n",
    );
    let s = build(&text, &focus("outside"));
    let e = group(&s, "edge:outside:any->pod:default/web:depends");
    assert!(e.classes.contains(&Class::Depends));
    assert!(texts(e).contains(&"✓?".to_string()));
    // An address focuses the outside node, which stands for any outside address.
    let by_ip = build(&text, &focus("203.0.113.9"));
    assert_eq!(by_ip.shapes, s.shapes);
    assert!(group(&s, "outside:any").classes.contains(&Class::Focus));
}

#[test]
fn a_flow_through_a_service_is_highlighted_to_each_backend() {
    let text = boutique();
    let parsed = parse(&text);
    let q = FlowQuery::parse(
        &parsed.model,
        "default/checkoutservice[Deployment]",
        "default/paymentservice:grpc",
        None,
    )
    .unwrap();
    let options = SceneOptions {
        flow: Some(q),
        ..view(View::Policies)
    };
    let s = build(&text, &options);
    let client = group(
        &s,
        "flow:pod:default/checkoutservice[Deployment]->svc:default/paymentservice",
    );
    assert!(client.classes.contains(&Class::Focus));
    assert!(client.classes.contains(&Class::Allowed));
    let backend = group(
        &s,
        "flow:svc:default/paymentservice->pod:default/paymentservice[Deployment]",
    );
    assert!(backend.classes.contains(&Class::Allowed));
    assert!(backend.title.contains("TCP/50051: allowed"));
    // Everything else is dimmed.
    for e in edges_of(&s).values() {
        if !e.id.starts_with("flow:") {
            assert!(e.classes.contains(&Class::Dim), "{}", e.id);
        }
    }
    // With a focus too: the Service is drawn, and so are both ends.
    let s = build(
        &text,
        &SceneOptions {
            focus: Some("default/checkoutservice[Deployment]".into()),
            ..options.clone()
        },
    );
    assert!(has(&s, "svc:default/paymentservice"));
    // The Services view highlights the same flow's arrow with its verdict.
    let s = build(
        &text,
        &SceneOptions {
            view: View::Services,
            ..options
        },
    );
    let e = group(
        &s,
        "edge:svc:default/paymentservice:0->pod:default/paymentservice[Deployment]",
    );
    assert!(e.classes.contains(&Class::Focus));
    assert!(texts(e).contains(&"✓".to_string()));
    assert!(group(&s, "svc:default/cartservice")
        .classes
        .contains(&Class::Dim));
}

#[test]
fn a_denied_flow_in_a_focus_is_drawn_in_its_column() {
    let text = reference("api-allow.yaml");
    let parsed = parse(&text);
    let q = FlowQuery::parse(
        &parsed.model,
        "default/nginx",
        "default/payment-processor",
        Some("TCP/80"),
    )
    .unwrap();
    let s = build(
        &text,
        &SceneOptions {
            flow: Some(q),
            ..focus("default/payment-processor")
        },
    );
    let flow = group(&s, "flow:pod:default/nginx->pod:default/payment-processor");
    assert!(flow.classes.contains(&Class::Denied) && flow.classes.contains(&Class::Focus));
    assert_eq!(readability::measure(&s).crossings, 0);
    assert!(group(&s, "pod:default/coffeeshop")
        .classes
        .contains(&Class::Dim));
}
