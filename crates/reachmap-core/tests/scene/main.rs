//! The scene builders, checked as a person would look at the drawing: nothing overlaps, lines
//! go around boxes and never run along one another, labels are readable, and what is drawn is
//! what the analysis says. One file per job: `geometry` (what every drawing must satisfy),
//! `services`, `policies` (the whole view), `focus` (three columns, highlighted flows),
//! `levels` (folding and bundles), `readability` (the measures on the reference inputs),
//! `style` (colours and classes), `outside` (verdicts to and from the outside), `tiers` (the
//! deciding cluster tier on each arrow, as `explain` says it).

#[path = "../common/mod.rs"]
mod common;
mod compare;
mod focus;
mod geometry;
mod levels;
mod outside;
mod policies;
mod readability;
mod rejected;
mod services;
mod style;
mod tiers;

use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, Class, Group, Point, Scene, SceneOptions, Shape, View};
use std::collections::BTreeMap;

pub const REF: &str = "public/examples/reference";

pub fn parse(text: &str) -> reachmap_core::Parsed {
    common::parse_clean(text)
}

/// The scene, checked: the same from a cached and a fresh analysis, and every geometric rule
/// of `geometry::check` holds.
pub fn build(text: &str, options: &SceneOptions) -> Scene {
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
    geometry::check(&a);
    a
}

pub fn view(v: View) -> SceneOptions {
    SceneOptions {
        view: v,
        ..SceneOptions::default()
    }
}

/// The Policies view with a focus.
pub fn focus(on: &str) -> SceneOptions {
    SceneOptions {
        focus: Some(on.into()),
        ..view(View::Policies)
    }
}

pub fn example(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| common::read_example(n) + "\n---\n")
        .collect()
}

pub fn reference(name: &str) -> String {
    common::read_example(&format!("{REF}/{name}"))
}

pub fn boutique() -> String {
    example(&[
        "public/examples/online-boutique/kubernetes-manifests.yaml",
        "public/examples/online-boutique/network-policies.yaml",
    ])
}

/// A dump of a cluster running the Boutique in 3 namespaces, as kubectl prints it.
pub fn dump() -> String {
    reachmap_synth::three_namespace_dump()
}

pub fn groups(scene: &Scene) -> Vec<&Group> {
    fn walk<'a>(shapes: &'a [Shape], out: &mut Vec<&'a Group>) {
        for s in shapes {
            if let Shape::Group(g) = s {
                out.push(g);
                walk(&g.children, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&scene.shapes, &mut out);
    out
}

pub fn group<'a>(scene: &'a Scene, id: &str) -> &'a Group {
    groups(scene)
        .into_iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no group {id}: {:?}", ids(scene)))
}

pub fn has(scene: &Scene, id: &str) -> bool {
    groups(scene).iter().any(|g| g.id == id)
}

pub fn ids(scene: &Scene) -> Vec<String> {
    groups(scene).iter().map(|g| g.id.clone()).collect()
}

pub fn is_node(g: &Group) -> bool {
    g.classes.contains(&Class::Node)
}

pub fn is_edge(g: &Group) -> bool {
    g.classes.contains(&Class::Edge)
}

pub fn paths(g: &Group) -> Vec<&Vec<Point>> {
    g.children
        .iter()
        .filter_map(|s| match s {
            Shape::Path(p) => Some(&p.points),
            _ => None,
        })
        .collect()
}

pub fn texts(g: &Group) -> Vec<String> {
    let mut out = Vec::new();
    for s in &g.children {
        match s {
            Shape::Text(t) => out.push(t.text.clone()),
            Shape::Group(inner) => out.extend(texts(inner)),
            _ => {}
        }
    }
    out
}

pub fn edges_of(scene: &Scene) -> BTreeMap<String, &Group> {
    groups(scene)
        .into_iter()
        .filter(|g| is_edge(g))
        .map(|g| (g.id.clone(), g))
        .collect()
}
