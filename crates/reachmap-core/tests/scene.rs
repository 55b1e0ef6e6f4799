//! The scene builders, checked as a person would look at the drawing: nothing overlaps, lines
//! go around boxes, labels are readable, and what is drawn is what the analysis says.

mod common;
#[path = "scene/geometry.rs"]
mod geometry;
#[path = "scene/style.rs"]
mod style;

use geometry::*;
use reachmap_core::analysis::{Analysis, FlowQuery, PortChoice, Probe};
use reachmap_core::scene::{self, Action, Class, Scene, SceneOptions, View};

const REF: &str = "public/examples/reference";

fn parse(text: &str) -> reachmap_core::Parsed {
    common::parse_clean(text)
}

fn build(text: &str, options: &SceneOptions) -> Scene {
    let analysis = common::analyse_clean(text);
    let a = scene::build(&analysis, options);
    // Again from the cached matrix and flow answer, and from a fresh analysis of the text.
    assert_eq!(
        a,
        scene::build(&analysis, options),
        "a rebuild draws the same"
    );
    let b = scene::build(&Analysis::of(text), options);
    assert_eq!(a, b, "the same input gives the same scene");
    check_geometry(&a);
    a
}

fn view(v: View) -> SceneOptions {
    SceneOptions {
        view: v,
        ..SceneOptions::default()
    }
}

fn example(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| common::read_example(n) + "\n---\n")
        .collect()
}

fn boutique() -> String {
    example(&[
        "public/examples/online-boutique/kubernetes-manifests.yaml",
        "public/examples/online-boutique/network-policies.yaml",
    ])
}

#[test]
fn services_view_of_the_reference_examples() {
    let text = example(&[
        &format!("{REF}/nginx-service.yaml"),
        &format!("{REF}/deployment-service.yaml"),
    ]);
    let s = build(&text, &view(View::Services));
    assert_eq!(s.view, View::Services);
    let svc = group(&s, "svc:default/nginx-service");
    assert!(texts(svc).contains(&"ClusterIP".to_string()));
    assert_eq!(
        svc.action,
        Some(Action::Select("svc:default/nginx-service".into()))
    );
    let pod = group(&s, "pod:default/nginx");
    assert_eq!(pod.action, Some(Action::Select("default/nginx".into())));
    let deploy = group(&s, "pod:default/my-deploy[Deployment]");
    assert!(texts(deploy).contains(&"Deployment ×3".to_string()));
    let e = group(&s, "edge:svc:default/nginx-service:0->pod:default/nginx");
    assert!(e.classes.contains(&Class::Selects));
    assert_eq!(texts(e), ["80 → 80"]);
    let access = group(&s, "access:default/nginx-service:cluster-ip");
    assert!(texts(access)
        .concat()
        .contains("nginx-service.default.svc.cluster.local:80"));
    assert!(has(
        &s,
        "edge:access:default/nginx-service:cluster-ip->svc:default/nginx-service"
    ));
}

#[test]
fn services_view_draws_findings_where_they_apply() {
    let text = format!(
        "{}{}{}{}",
        common::pod("default", "web", &[("app", "web")], &[("http", 8080)]),
        common::pod("default", "old", &[("app", "web")], &[("", 8080)]),
        common::pod("default", "lonely", &[("app", "lonely")], &[]),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: nobody}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n",
    );
    let s = build(&text, &view(View::Services));
    // A named targetPort resolved per pod, and missing on one of them.
    let ok = group(&s, "edge:svc:default/web:0->pod:default/web");
    assert_eq!(texts(ok), ["80 → http (8080)"]);
    let broken = group(&s, "edge:svc:default/web:0->pod:default/old");
    assert!(broken.classes.contains(&Class::Broken));
    assert_eq!(texts(broken), ["80 → http → ? (no such port)"]);
    assert!(broken.title.contains("is not a container port of this pod"));
    // A Service that selects nothing says so in its box.
    assert!(texts(group(&s, "svc:default/nobody")).contains(&"⚠ selects no pod".to_string()));
    assert!(texts(group(&s, "svc:default/web"))
        .contains(&"⚠ targetPort http missing on pods".to_string()));
    // How each is reached.
    assert!(texts(group(&s, "access:default/web:node-port"))
        .contains(&"<node IP>:30080 → 80".to_string()));
    assert!(texts(group(&s, "access:default/db:external-name"))
        .concat()
        .contains("→ db.example.com"));
    // Pods no Service selects are drawn.
    assert!(has(&s, "pod:default/lonely"));
    assert!(s.description.contains("1 Service selects no pod"));
}

#[test]
fn policies_view_without_focus_draws_the_flows_rules_admit() {
    let text = common::read_example(&format!("{REF}/api-allow.yaml"));
    let s = build(&text, &view(View::Policies));
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
    assert_eq!(
        edges.len(),
        1,
        "only flows a rule admits: {:?}",
        edges.keys()
    );
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
}

#[test]
fn focus_draws_every_flow_from_and_to_it() {
    let text = common::read_example(&format!("{REF}/api-allow.yaml"));
    let options = SceneOptions {
        view: View::Policies,
        focus: Some("default/nginx".into()),
        ..SceneOptions::default()
    };
    let s = build(&text, &options);
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
fn a_single_port_choice_names_its_port() {
    let text = common::read_example(&format!("{REF}/port-allow.yaml"));
    let options = SceneOptions {
        view: View::Policies,
        focus: Some("default/frontend".into()),
        ports: PortChoice::Probe(Probe::tcp(80)),
        ..SceneOptions::default()
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
    let s = build(
        &text,
        &SceneOptions {
            view: View::Policies,
            focus: Some("outside".into()),
            ..SceneOptions::default()
        },
    );
    let e = group(&s, "edge:outside:any->pod:default/web:depends");
    assert!(e.classes.contains(&Class::Depends));
    assert!(texts(e).contains(&"✓?".to_string()));
    // An address focuses the outside node, which stands for any outside address.
    let by_ip = build(
        &text,
        &SceneOptions {
            view: View::Policies,
            focus: Some("203.0.113.9".into()),
            ..SceneOptions::default()
        },
    );
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
        view: View::Policies,
        flow: Some(q),
        ..SceneOptions::default()
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
    assert!(has(&s, "ns:b"));
    assert!(group(&s, "ns:b").classes.contains(&Class::Node));
    assert!(!has(&s, "pod:b/x"));
    assert!(texts(group(&s, "ns:b")).contains(&"collapsed: 2 pod groups, 2 pods".to_string()));
    // The flow from b/x into a goes from the collapsed box.
    let e = group(&s, "edge:ns:b->pod:a/x:allowed");
    assert!(e.title.contains("(1 of 2 pod pairs)"), "{}", e.title);
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
fn the_online_boutique_in_both_views_and_with_focus() {
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
    assert!(!edges_of(&s).is_empty());
    for focus in [
        "default/frontend[Deployment]",
        "outside",
        "default/redis-cart[Deployment]",
    ] {
        build(
            &text,
            &SceneOptions {
                view: View::Policies,
                focus: Some(focus.into()),
                ..SceneOptions::default()
            },
        );
    }
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
    check_geometry(&s);
    let drawn = edges_of(&s).len();
    assert!(drawn <= 300, "{drawn} edges");
    let note = groups(&s).len(); // (the note is a text, not a group)
    assert!(note > 0);
    let svg = reachmap_core::svg::render(&s);
    if drawn == 300 {
        assert!(svg.contains("more flows not drawn: select a pod to see its flows"));
    }
    let s = scene::build(&analysis, &view(View::Services));
    check_geometry(&s);
    let first = analysis.model().groups[0].endpoint();
    let s = scene::build(
        &analysis,
        &SceneOptions {
            view: View::Policies,
            focus: Some(first),
            ..SceneOptions::default()
        },
    );
    check_geometry(&s);
}

#[test]
fn an_empty_input_draws_a_note() {
    for v in [View::Services, View::Policies] {
        let s = build("", &view(v));
        assert!(s.width > 0 && s.height > 0);
    }
}

/// The Policies view's verdicts to and from "any outside address" (focus `outside`) equal the
/// reference evaluator's, taken over every representative probe: allowed when some probe is,
/// else depends when some probe does, else denied — on every upstream scenario.
#[test]
fn outside_verdicts_match_explain_on_every_scenario() {
    use reachmap_core::analysis::{explain, representative_probes, Endpoint, Verdict};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/netpol_scenarios");
    let cluster = std::fs::read_to_string(format!("{dir}/_cluster.yaml")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('_'))
        .collect();
    files.sort();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let analysis = Analysis::of_inputs(&[
            reachmap_core::Input {
                name: "_cluster.yaml".into(),
                text: cluster.clone(),
            },
            reachmap_core::Input {
                name: file.clone(),
                text,
            },
        ]);
        let model = analysis.model();
        let s = scene::build(
            &analysis,
            &SceneOptions {
                view: View::Policies,
                focus: Some("outside".into()),
                ..SceneOptions::default()
            },
        );
        let edges = edges_of(&s);
        let probes = representative_probes(model);
        let combine = |vs: Vec<Verdict>| {
            if vs.contains(&Verdict::Allowed) {
                Verdict::Allowed
            } else if vs.contains(&Verdict::Depends) {
                Verdict::Depends
            } else {
                Verdict::Denied
            }
        };
        for (g, group) in model.groups.iter().enumerate() {
            let pod = format!("pod:{}", group.endpoint());
            let inbound = combine(
                probes
                    .iter()
                    .map(|p| {
                        explain(model, Endpoint::Outside(None), Endpoint::Group(g), *p).verdict
                    })
                    .collect(),
            );
            let outbound = combine(
                probes
                    .iter()
                    .map(|p| {
                        explain(model, Endpoint::Group(g), Endpoint::Outside(None), *p).verdict
                    })
                    .collect(),
            );
            assert!(
                edges.contains_key(&format!("edge:outside:any->{pod}:{inbound}")),
                "{file}: outside → {pod} should be {inbound}: {:?}",
                edges
                    .keys()
                    .filter(|k| k.contains(&pod))
                    .collect::<Vec<_>>()
            );
            assert!(
                edges.contains_key(&format!("edge:{pod}->outside:any:{outbound}")),
                "{file}: {pod} → outside should be {outbound}"
            );
            checked += 2;
        }
    }
    assert!(checked > 500, "{checked}");
}
