//! Folding and bundles: above a size the Policies view starts per namespace, each edge counting
//! the flows it holds; a click opens a namespace or an edge; flows that go from (or to) every
//! pod group of a namespace are one edge. Nothing is left out: the counts add up to every flow
//! a rule admits.

use super::{boutique, build, dump, edges_of, group, groups, has, texts, view};
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, Action, Class, Group, Level, Scene, SceneOptions, View};

/// How many flows an edge holds: its `×N`, else one.
fn count(e: &Group) -> usize {
    texts(e)
        .iter()
        .find_map(|t| t.strip_prefix('×').and_then(|n| n.parse().ok()))
        .unwrap_or(1)
}

fn flows(s: &Scene) -> usize {
    edges_of(s).values().map(|e| count(e)).sum()
}

fn at(level: Level) -> SceneOptions {
    SceneOptions {
        level: Some(level),
        ..view(View::Policies)
    }
}

fn three_shops() -> String {
    reachmap_synth::boutique(&["shop-0", "shop-1", "shop-2"])
}

#[test]
fn the_scene_picks_the_namespace_level_above_a_size() {
    let s = build(&boutique(), &view(View::Policies));
    assert!(has(&s, "pod:default/frontend[Deployment]"));
    // 36 workloads and 189 admitted flows: more than `FOLD_ABOVE_FLOWS`.
    let s = build(&three_shops(), &view(View::Policies));
    assert!(!has(&s, "pod:shop-0/frontend[Deployment]"));
    let shop = group(&s, "ns:shop-0");
    assert!(shop.classes.contains(&Class::Node));
    assert_eq!(shop.action, Some(Action::Expand(vec!["shop-0".into()])));
    assert!(reachmap_core::svg::render(&s).contains("Folded by namespace"));
    const { assert!(scene::FOLD_ABOVE_FLOWS < 189 && scene::FOLD_ABOVE_GROUPS >= 12) };
}

#[test]
fn nothing_folded_is_left_out() {
    let text = three_shops();
    let folded = build(&text, &view(View::Policies));
    let whole = build(&text, &at(Level::Workload));
    assert_eq!(flows(&folded), flows(&whole));
    assert_eq!(flows(&whole), 189, "every admitted flow of the three shops");
    // Between namespaces: one edge per pair and verdict, counting workload pairs and naming
    // ports.
    let e = group(&folded, "edge:ns:shop-1->ns:shop-0:allowed");
    assert_eq!(count(e), 12, "{}", e.title);
    assert!(e.classes.contains(&Class::Bundle));
    assert!(
        e.title.starts_with(
            "namespace shop-1 → namespace shop-0 any port: allowed, 12 flows of 144 pod group \
             pairs (for example on TCP/8080)"
        ),
        "{}",
        e.title
    );
    assert_eq!(
        e.action,
        Some(Action::Expand(vec!["shop-0".into(), "shop-1".into()]))
    );
    // The same holds for a real dump, drawn per namespace or per pod group.
    let text = dump();
    let analysis = Analysis::of(&text);
    let folded = scene::build(&analysis, &view(View::Policies));
    super::geometry::check(&folded);
    let whole = scene::build(&analysis, &at(Level::Workload));
    assert_eq!(flows(&folded), flows(&whole));
}

#[test]
fn opening_a_namespace_draws_its_pod_groups() {
    let text = three_shops();
    let s = build(
        &text,
        &SceneOptions {
            expand: ["shop-1".to_string()].into(),
            ..view(View::Policies)
        },
    );
    assert!(has(&s, "pod:shop-1/frontend[Deployment]"));
    assert!(has(&s, "ns:shop-1") && !group(&s, "ns:shop-1").classes.contains(&Class::Node));
    assert!(group(&s, "ns:shop-0").classes.contains(&Class::Node));
    // A focus or a flow opens its own namespace.
    let s = build(&text, &super::focus("shop-2/frontend[Deployment]"));
    assert!(has(&s, "pod:shop-2/frontend[Deployment]"));
}

#[test]
fn flows_from_every_pod_group_of_a_namespace_are_one_edge() {
    let s = build(&boutique(), &view(View::Policies));
    let out = group(&s, "edge:every:default:out->outside:any:allowed");
    assert_eq!(count(out), 12);
    assert!(out.classes.contains(&Class::Bundle));
    assert!(out.title.starts_with(
        "every pod group of namespace default (12) → any outside address any port: allowed, 12 \
         flows"
    ));
    assert!(out
        .title
        .contains("default/adservice[Deployment] → any outside address"));
    assert!(out.title.ends_with("; and 2 more"), "{}", out.title);
    let front = group(
        &s,
        "edge:every:default:out->pod:default/frontend[Deployment]:allowed",
    );
    assert_eq!(count(front), 11);
    let every = group(&s, "every:default:out");
    assert!(texts(every).contains(&"from every pod group".to_string()));
    // No single flow to the outside or into the frontend is drawn besides.
    let edges = edges_of(&s);
    assert!(!edges.contains_key("edge:pod:default/cartservice[Deployment]->outside:any:allowed"));
    assert!(edges.contains_key("edge:outside:any->pod:default/frontend[Deployment]:allowed"));
}

#[test]
fn the_pod_level_draws_each_replica() {
    let text = super::example(&[
        "public/examples/reference/deployment-service.yaml",
        "public/examples/reference/default-deny-all.yaml",
    ]);
    let s = build(&text, &at(Level::Pod));
    for r in 1..=3 {
        let pod = group(&s, &format!("pod:default/my-deploy[Deployment]#{r}"));
        assert!(texts(pod)
            .iter()
            .any(|t| t.starts_with(&format!("pod {r} of Deployment ×3"))));
    }
    let boxes = groups(&s).iter().filter(|g| super::is_node(g)).count();
    let s = build(&text, &at(Level::Workload));
    let fewer = groups(&s).iter().filter(|g| super::is_node(g)).count();
    assert_eq!(boxes, fewer + 2);
}

#[test]
fn levels_are_read_as_the_cli_writes_them() {
    for l in [Level::Namespace, Level::Workload, Level::Pod] {
        assert_eq!(Level::parse(l.name()), Ok(l));
    }
    assert!(Level::parse("cluster").is_err());
}
