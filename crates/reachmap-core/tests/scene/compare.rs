//! The Policies view of a change (`scene::build_diff`, `reachmap render --diff`): opened and
//! closed flows in their own classes over the new version's flows, dimmed, the counts above.

use super::{boutique, common, edges_of, geometry, texts};
use reachmap_core::analysis::{diff, Analysis, DiffPorts};
use reachmap_core::scene::{self, Class, Scene, SceneOptions, Shape, View};

fn options() -> SceneOptions {
    SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    }
}

fn compare(old: &str, new: &str) -> Scene {
    let (a, b) = (Analysis::of(old), Analysis::of(new));
    let s = scene::build_diff(&a, &b, &options());
    assert_eq!(
        s,
        scene::build_diff(&a, &b, &options()),
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

#[test]
fn a_removed_policy_draws_its_closed_flows() {
    let old = boutique();
    let start = old
        .find("  name: cartservice\nspec:\n  podSelector")
        .unwrap();
    let doc = old[..start].rfind("apiVersion:").unwrap();
    let end = doc + old[doc..].find("\n---\n").unwrap() + 5;
    let new = format!("{}{}", &old[..doc], &old[end..]);
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
