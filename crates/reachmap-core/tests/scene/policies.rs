//! The Policies view without a focus: the flows policy rules admit, left to right, in
//! namespace frames, with the outside where flows come from on the left and where they go on
//! the right.

use super::{
    boutique, build, common, edges_of, geometry, group, groups, has, paths, reference, texts, view,
};
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::layered::metrics;
use reachmap_core::scene::{self, Action, Class, SceneOptions, View};

#[test]
fn policies_view_without_focus_draws_the_flows_rules_admit() {
    let s = build(&reference("api-allow.yaml"), &view(View::Policies));
    let edges = edges_of(&s);
    let e = edges
        .get("edge:pod:default/coffeeshop->pod:default/payment-processor:allowed")
        .expect("the admitted flow");
    assert!(e.classes.contains(&Class::Allowed));
    assert!(e.title.starts_with(
        "default/coffeeshop → default/payment-processor any port: allowed, for example on TCP/80"
    ));
    assert_eq!(
        e.action,
        Some(Action::Explain {
            from: "default/coffeeshop".into(),
            to: "default/payment-processor".into(),
            port: "TCP/80".into()
        })
    );
    assert_eq!(texts(e), ["✓"]);
    // A small input also draws what the policy denies into the pod it isolates: nginx.
    let mut drawn: Vec<&String> = edges.keys().collect();
    drawn.sort();
    assert_eq!(
        drawn,
        [
            "edge:pod:default/coffeeshop->pod:default/payment-processor:allowed",
            "edge:pod:default/nginx->pod:default/payment-processor:denied",
        ],
        "the flows a rule admits and the denials into isolated pods"
    );
    let denied = &edges["edge:pod:default/nginx->pod:default/payment-processor:denied"];
    assert!(denied.classes.contains(&Class::Denied));
    assert_eq!(texts(denied), ["✗"]);
    // From coffeeshop's right side to payment-processor's left side.
    let line = paths(e)[0];
    let (from, to) = (
        geometry::node_box(group(&s, "pod:default/coffeeshop")),
        geometry::node_box(group(&s, "pod:default/payment-processor")),
    );
    assert_eq!((line[0].x, line[line.len() - 1].x), (from.x1, to.x0));
    // Straight: payment-processor's two incoming ends cannot both be level with their sources,
    // and the placement makes one of them so rather than splitting the difference (2 bends
    // each). The admitted flow's is the one above.
    let as_line: Vec<(f64, f64)> = line.iter().map(|p| (p.x as f64, p.y as f64)).collect();
    assert_eq!(metrics::bends(&as_line), 0, "{line:?}");
    // Isolation badges.
    assert!(
        texts(group(&s, "pod:default/payment-processor")).contains(&"ingress isolated".to_string())
    );
    assert!(group(&s, "pod:default/payment-processor")
        .title
        .contains("Isolated for ingress by default/api-allow."));
    assert!(has(&s, "outside:any"));
    assert!(has(&s, "frame:outside"));
    assert!(has(&s, "ns:default"));
    // No flow goes to the outside: its box on the right is not drawn.
    assert!(!has(&s, "outside:any@right"));
}

#[test]
fn sources_are_left_of_their_targets_and_the_outside_at_both_ends() {
    let s = build(&boutique(), &view(View::Policies));
    let into = geometry::node_box(group(&s, "outside:any"));
    let out = geometry::node_box(group(&s, "outside:any@right"));
    for g in groups(&s).into_iter().filter(|g| super::is_node(g)) {
        let b = geometry::node_box(g);
        if !g.id.starts_with("outside:") {
            assert!(
                into.x1 < b.x0 && b.x1 < out.x0,
                "{} between the outsides",
                g.id
            );
        }
    }
    // Every edge but those closing a cycle runs left to right.
    let mut rightwards = 0;
    for e in edges_of(&s).values() {
        let line = paths(e)[0];
        if line[0].x < line[line.len() - 1].x {
            rightwards += 1;
        }
    }
    assert!(rightwards * 4 >= edges_of(&s).len() * 3, "{rightwards}");
}

#[test]
fn collapsed_and_filtered_namespaces() {
    let mut text = String::new();
    for ns in ["a", "b", "c"] {
        text.push_str(&common::namespace(ns, &[]));
        for p in ["x", "z"] {
            text.push_str(&common::pod(ns, p, &[("app", p)], &[("", 80)]));
        }
    }
    text.push_str("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-x, namespace: a}\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: b}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n");
    let collapsed = SceneOptions {
        view: View::Policies,
        collapsed: ["b".to_string()].into(),
        ..SceneOptions::default()
    };
    let s = build(&text, &collapsed);
    let b = group(&s, "ns:b");
    assert!(b.classes.contains(&Class::Node));
    assert_eq!(b.action, Some(Action::Expand(vec!["b".into()])));
    assert!(!has(&s, "pod:b/x"));
    assert!(texts(b).contains(&"folded: 2 pod groups, 2 pods".to_string()));
    // The flow from b/x into a goes from the folded box, and opens it on a click.
    let e = group(&s, "edge:ns:b->pod:a/x:allowed");
    assert!(e.title.contains("(1 of 2 pod group pairs)"), "{}", e.title);
    assert_eq!(e.action, Some(Action::Expand(vec!["b".into()])));
    let s = build(
        &text,
        &SceneOptions {
            view: View::Services,
            ..collapsed.clone()
        },
    );
    assert!(has(&s, "edge:svc:b/s:0->ns:b"));
    let only = SceneOptions {
        view: View::Policies,
        namespaces: Some(["a".to_string()].into()),
        ..SceneOptions::default()
    };
    let s = build(&text, &only);
    assert!(has(&s, "pod:a/x") && !has(&s, "pod:b/x") && !has(&s, "ns:c"));
}

#[test]
fn long_names_are_cut_in_the_drawing_and_whole_in_the_title() {
    let name = "a-pod-with-a-remarkably-long-name-that-no-box-can-hold-0123456789";
    let text = common::pod("default", name, &[("app", "x")], &[("", 80)]);
    for v in [View::Services, View::Policies] {
        let s = build(&text, &view(v));
        let g = group(&s, &format!("pod:default/{name}"));
        assert!(g.title.contains(name));
        let shown = texts(g);
        assert!(
            shown
                .iter()
                .any(|t| t.ends_with('…') && name.starts_with(t.trim_end_matches('…'))),
            "{shown:?}"
        );
    }
}

#[test]
fn the_online_boutique_in_both_views() {
    let text = boutique();
    let s = build(&text, &view(View::Services));
    assert_eq!(
        groups(&s)
            .iter()
            .filter(|g| g.id.starts_with("svc:"))
            .count(),
        12
    );
    let s = build(&text, &view(View::Policies));
    // The service-to-service flows are drawn one by one.
    assert!(has(
        &s,
        "edge:pod:default/checkoutservice[Deployment]->pod:default/paymentservice[Deployment]:allowed"
    ));
    assert!(s.description.contains("12 pod boxes in 1 namespace"));
}

#[test]
fn a_large_cluster_stays_readable() {
    let text = reachmap_synth::generate(&reachmap_synth::Spec {
        pods: 500,
        policies: 75,
        namespaces: 5,
        services: 50,
        seed: 7,
    });
    let analysis = Analysis::of(&text);
    let s = scene::build(&analysis, &view(View::Policies));
    geometry::check(&s);
    // Folded per namespace: a few boxes, each edge counting its flows.
    assert!(has(&s, "ns:ns-0"), "{}", s.description);
    assert!(edges_of(&s).len() < 60, "{}", edges_of(&s).len());
    let svg = reachmap_core::svg::render(&s);
    assert!(svg.contains("Folded by namespace"));
    assert!(!svg.contains("not drawn: select"));
    let s = scene::build(&analysis, &view(View::Services));
    geometry::check(&s);
    let first = analysis.model().groups[0].endpoint();
    let s = scene::build(&analysis, &super::focus(&first));
    geometry::check(&s);
    assert!(group(&s, &format!("pod:{first}"))
        .classes
        .contains(&Class::Focus));
}

#[test]
fn an_empty_input_draws_a_note() {
    for v in [View::Services, View::Policies] {
        let s = build("", &view(v));
        assert!(s.width > 0 && s.height > 0);
    }
    let s = build("", &view(View::Policies));
    assert!(reachmap_core::svg::render(&s).contains("No NetworkPolicy: every flow is allowed"));
}

#[test]
fn an_arrow_allowed_on_some_ports_only_says_which_on_a_straight_run() {
    let s = build(&boutique(), &view(View::Policies));
    let e = group(
        &s,
        "edge:pod:default/checkoutservice[Deployment]->pod:default/emailservice[Deployment]:allowed",
    );
    // The title says the ports always; the drawing, where the first straight run has room,
    // else above the last run (this arrow turns soon after its start).
    assert!(e.title.ends_with("allowed on TCP/8080 only"), "{}", e.title);
    assert_eq!(texts(e), ["✓", "TCP/8080"]);
    // The frontend's arrow into checkoutservice is straight: at its start.
    let e = group(
        &s,
        "edge:pod:default/frontend[Deployment]->pod:default/checkoutservice[Deployment]:allowed",
    );
    assert!(e.title.ends_with("allowed on TCP/5050 only"), "{}", e.title);
    assert_eq!(texts(e), ["✓", "TCP/5050"]);
}

#[test]
fn the_admitted_arrow_is_the_straight_one_whichever_box_is_above() {
    // Two arrows into payment-processor can't both be level with their sources: the admitted
    // one is, even where the denied one's source (renamed) comes first in its column.
    let text = reference("api-allow.yaml").replace("  name: nginx\n", "  name: a-nginx\n");
    let s = build(&text, &view(View::Policies));
    let boxes = |id: &str| geometry::node_box(group(&s, id));
    assert!(boxes("pod:default/a-nginx").y0 < boxes("pod:default/coffeeshop").y0);
    let edges = edges_of(&s);
    let bends = |id: &str| {
        let line: Vec<(f64, f64)> = paths(edges[id])[0]
            .iter()
            .map(|p| (p.x as f64, p.y as f64))
            .collect();
        metrics::bends(&line)
    };
    assert_eq!(
        bends("edge:pod:default/coffeeshop->pod:default/payment-processor:allowed"),
        0
    );
    assert_eq!(
        bends("edge:pod:default/a-nginx->pod:default/payment-processor:denied"),
        2
    );
}
