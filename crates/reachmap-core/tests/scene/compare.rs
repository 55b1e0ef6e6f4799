//! The Policies view of a change (`scene::build_diff`, `reachmap render --diff`): opened and
//! closed flows in their own classes over the new version's flows, dimmed, the counts above.

use super::{boutique, common, edges_of, geometry, texts};
use reachmap_core::analysis::{diff, Analysis, DiffPorts};
use reachmap_core::scene::{self, Action, Class, Level, Scene, SceneOptions, Shape, View};

fn options() -> SceneOptions {
    SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    }
}

fn compare(old: &str, new: &str) -> Scene {
    compare_with(old, new, &options())
}

fn compare_with(old: &str, new: &str, options: &SceneOptions) -> Scene {
    let (a, b) = (Analysis::of(old), Analysis::of(new));
    let s = scene::build_diff(&a, &b, options);
    assert_eq!(
        s,
        scene::build_diff(&a, &b, options),
        "the same drawing again"
    );
    geometry::check(&s);
    s
}

fn heading_lines(s: &Scene) -> Vec<String> {
    s.shapes
        .iter()
        .filter_map(|sh| match sh {
            Shape::Text(t)
                if t.classes.contains(&Class::Note) || t.classes.contains(&Class::Heading) =>
            {
                Some(t.text.clone())
            }
            _ => None,
        })
        .collect()
}

fn netpol(version: &str) -> String {
    ["backend", "frontend", "netpols"]
        .iter()
        .map(|f| {
            common::read_example(&format!(
                "crates/reachmap-core/tests/netpol_diff/{version}/{f}.yaml"
            )) + "\n---\n"
        })
        .collect()
}

#[test]
fn opened_flows_are_drawn_as_opened_over_the_dimmed_new_version() {
    let s = compare(&netpol("before"), &netpol("after"));
    let edges = edges_of(&s);
    let opened: Vec<&String> = edges
        .iter()
        .filter(|(_, e)| e.classes.contains(&Class::Opened))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        opened,
        [
            "edge:outside:any->pod:default/backend[Deployment]:opened",
            "edge:pod:default/frontend[Deployment]->pod:default/backend[Deployment]:opened"
        ]
    );
    let e = &edges["edge:pod:default/frontend[Deployment]->pod:default/backend[Deployment]:opened"];
    assert!(e.title.starts_with("1 flow opened:\n  default/frontend[Deployment] → default/backend[Deployment] UDP/53: denied → allowed ("), "{}", e.title);
    assert_eq!(texts(e), ["✓"]);
    // A click explains the changed flow: the diff row's ends, on its first port, the words the
    // page's list of changes explains it with.
    assert_eq!(
        e.action,
        Some(Action::Explain {
            from: "default/frontend[Deployment]".into(),
            to: "default/backend[Deployment]".into(),
            port: "UDP/53".into(),
        })
    );
    let e = &edges["edge:outside:any->pod:default/backend[Deployment]:opened"];
    let Some(Action::Explain { from, to, port }) = &e.action else {
        panic!("{:?}", e.action);
    };
    assert_eq!(
        (from.as_str(), to.as_str()),
        ("outside", "default/backend[Deployment]")
    );
    let row = d_rows_first(&netpol("before"), &netpol("after"), from, to);
    assert_eq!(*port, row.explained_port());
    assert!(row.probe.starts_with(port.as_str()), "{} {port}", row.probe);
    // Every other edge is the new version's, dimmed.
    assert!(edges
        .values()
        .filter(|e| !e.classes.contains(&Class::Opened))
        .all(|e| e.classes.contains(&Class::Dim)));
    assert!(!edges.values().any(|e| e.classes.contains(&Class::Closed)));
    let lines = heading_lines(&s);
    assert_eq!(lines[0], "Changes between two versions, any port");
    assert!(
        lines[1].starts_with("2 flows opened (thick, solid), 0 closed"),
        "{lines:?}"
    );
    // The counts are the diff's own.
    let d = diff(
        &Analysis::of(&netpol("before")),
        &Analysis::of(&netpol("after")),
        &DiffPorts::Any,
    );
    assert_eq!(
        d.rows
            .iter()
            .filter(|r| r.opened() && !r.to_service())
            .count(),
        2
    );
}

/// The first of the diff's rows from `from` to `to`.
/// The changed flow of `from` → `to` an arrow lists first and explains: TCP's before UDP's and
/// SCTP's, else in the diff's order.
fn d_rows_first(old: &str, new: &str, from: &str, to: &str) -> reachmap_core::analysis::DiffRow {
    let d = diff(&Analysis::of(old), &Analysis::of(new), &DiffPorts::Any);
    d.rows
        .into_iter()
        .filter(|r| r.from == from && r.to == to)
        .min_by_key(|r| {
            r.explained_port()
                .parse::<reachmap_core::analysis::Probe>()
                .expect("a probe")
                .protocol
        })
        .expect("a row")
}

/// The online boutique without its cartservice policy.
fn boutique_without_cartservice_policy() -> (String, String) {
    let old = boutique();
    let start = old
        .find("  name: cartservice\nspec:\n  podSelector")
        .unwrap();
    let doc = old[..start].rfind("apiVersion:").unwrap();
    let end = doc + old[doc..].find("\n---\n").unwrap() + 5;
    let new = format!("{}{}", &old[..doc], &old[end..]);
    (old, new)
}

#[test]
fn every_changed_arrow_explains_its_first_changed_flow() {
    let (old, new) = boutique_without_cartservice_policy();
    let s = compare(&old, &new);
    let changed: Vec<_> = edges_of(&s)
        .into_values()
        .filter(|e| e.classes.contains(&Class::Closed) || e.classes.contains(&Class::Opened))
        .collect();
    assert!(changed.len() > 1, "{}", changed.len());
    for e in changed {
        let Some(Action::Explain { from, to, port }) = &e.action else {
            panic!("{}: {:?}", e.id, e.action);
        };
        // The row the title lists first is the one explained.
        let row = d_rows_first(&old, &new, from, to);
        assert_eq!(*port, row.explained_port(), "{}", e.id);
        let first = format!("{from} → {to} {}: ", row.probe);
        assert!(
            e.title
                .lines()
                .nth(1)
                .unwrap()
                .trim_start()
                .starts_with(&first),
            "{}\n{first}",
            e.title
        );
    }
}

#[test]
fn a_changed_arrow_between_folded_namespaces_opens_them() {
    let (old, new) = (netpol("before"), netpol("after"));
    let folded = SceneOptions {
        level: Some(Level::Namespace),
        ..options()
    };
    let s = compare_with(&old, &new, &folded);
    let edges = edges_of(&s);
    let e = &edges["edge:outside:any->ns:default:opened"];
    assert_eq!(e.action, Some(Action::Expand(vec!["default".into()])));
}

#[test]
fn a_removed_policy_draws_its_closed_flows() {
    let (old, new) = boutique_without_cartservice_policy();
    let s = compare(&old, &new);
    let edges = edges_of(&s);
    let closed: Vec<&String> = edges
        .iter()
        .filter(|(_, e)| e.classes.contains(&Class::Closed))
        .map(|(id, _)| id)
        .collect();
    assert!(
        closed.contains(
            &&"edge:pod:default/frontend[Deployment]->pod:default/cartservice[Deployment]:closed"
                .to_string()
        ),
        "{closed:?}"
    );
    for id in &closed {
        assert_eq!(texts(edges[*id]), ["✗"], "{id}");
    }
    assert!(!edges.values().any(|e| e.classes.contains(&Class::Opened)));
    assert!(heading_lines(&s)[1].starts_with("0 flows opened (thick, solid), "));
}
