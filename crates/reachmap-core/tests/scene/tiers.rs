//! The deciding tier on each drawn flow agrees with `explain`: on the cluster-tier examples and
//! on the conformance suite's base cluster with each step's policies, every arrow of the
//! Policies view (without a focus, and focused on each pod group with its denials) whose verdict
//! a cluster tier decided ends its title with `explain`'s line for each deciding side and
//! carries that tier's mark; every other arrow carries neither.

use reachmap_core::analysis::tiers::side_allows;
use reachmap_core::analysis::{explain, Endpoint, Explanation, Match, Probe, Verdict};
use reachmap_core::model::{ClusterAction, Model};
use reachmap_core::report::explanation_text;
use reachmap_core::scene::{self, Action, Class, Group, SceneOptions, Shape, View};

/// The mark an arrow carries: its pill's letter and colour class.
fn mark(g: &Group) -> Option<(String, Class)> {
    let rect = g.children.iter().find_map(|s| match s {
        Shape::Rect(r) if r.classes.contains(&Class::Badge) => Some(r.classes.clone()),
        _ => None,
    })?;
    let tier = *rect
        .iter()
        .find(|c| matches!(c, Class::AdminTier | Class::BaselineTier))
        .expect("a tier mark has a tier's colour");
    let letter = g.children.iter().find_map(|s| match s {
        Shape::Text(t) if t.classes.contains(&Class::BadgeText) => Some(t.text.clone()),
        _ => None,
    })?;
    Some((letter, tier))
}

/// What `explain` says decided a flow, read from its tier walks: for each side whose answer is
/// the verdict's and where some rule matched for sure, `explain`'s line for that side, and the
/// mark's letter (`A` for an Admin Accept/Deny, `B` for a Baseline one, `P` for an Admin Pass
/// and nothing after; Admin before Pass before Baseline between two sides).
fn expected(model: &Model, e: &Explanation) -> (Vec<String>, Option<&'static str>) {
    let text = explanation_text(model, e);
    let answer = match e.verdict {
        Verdict::Allowed => Match::Yes,
        Verdict::Denied => Match::No,
        Verdict::Depends => Match::Partly,
    };
    let mut lines = Vec::new();
    let mut rank = None;
    for (dir, walk, side, who) in [
        ("egress", &e.egress_tiers, &e.egress, e.from),
        ("ingress", &e.ingress_tiers, &e.ingress, e.to),
    ] {
        let Some(walk) = walk else { continue };
        if side_allows(walk, side.allows(), side.isolated()) != answer {
            continue;
        }
        let final_in = |r: &reachmap_core::analysis::tiers::TierResult| {
            r.decided_by.iter().any(|m| m.action != ClusterAction::Pass)
        };
        let r = if final_in(&walk.admin) {
            0
        } else if walk.baseline.as_ref().is_some_and(final_in) {
            2
        } else if !walk.admin.decided_by.is_empty() {
            1
        } else {
            continue;
        };
        rank = Some(rank.map_or(r, |x: usize| x.min(r)));
        let head = format!("{dir} of {}: ", who.name(model));
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("explain has no {head}line:\n{text}"));
        lines.push(line.to_string());
    }
    (lines, rank.map(|r| ["A", "P", "B"][r]))
}

/// Checks every single-flow arrow of `options`' scene; returns how many carried a tier.
fn check_scene(text: &str, options: &SceneOptions, what: &str) -> usize {
    let analysis = reachmap_core::analysis::Analysis::of(text);
    let model = analysis.model();
    let drawn = scene::build(&analysis, options);
    let mut marked = 0;
    for g in super::groups(&drawn)
        .into_iter()
        .filter(|g| super::is_edge(g))
    {
        let Some(Action::Explain { from, to, port }) = &g.action else {
            continue;
        };
        let v = if g.classes.contains(&Class::Allowed) {
            Verdict::Allowed
        } else if g.classes.contains(&Class::Denied) {
            Verdict::Denied
        } else {
            Verdict::Depends
        };
        let e = explain(
            model,
            Endpoint::parse(model, from).unwrap(),
            Endpoint::parse(model, to).unwrap(),
            port.parse::<Probe>().unwrap(),
        );
        let (lines, letter) = if e.verdict == v {
            expected(model, &e)
        } else {
            (Vec::new(), None)
        };
        let at = format!("{what}, {}: {}", g.id, g.title);
        match letter {
            Some(letter) => {
                marked += 1;
                assert!(
                    g.title.ends_with(&format!(" — {}", lines.join("; "))),
                    "{at}\nexpected explain's lines: {lines:#?}"
                );
                let colour = if letter == "B" {
                    Class::BaselineTier
                } else {
                    Class::AdminTier
                };
                assert_eq!(mark(g), Some((letter.to_string(), colour)), "{at}");
            }
            None => {
                assert!(!g.title.contains(" tier: "), "{at}: no tier decided it");
                assert_eq!(mark(g), None, "{at}");
            }
        }
    }
    marked
}

/// The view without a focus, then focused with its denials on each pod group, or with
/// `one_per_namespace` on the first of each namespace (the conformance base's two pods per
/// namespace differ only by name and IP: fewer scenes, the same rules met).
fn check_input(text: &str, what: &str, one_per_namespace: bool) -> usize {
    let plain = SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    };
    let mut marked = check_scene(text, &plain, what);
    let analysis = reachmap_core::analysis::Analysis::of(text);
    let groups = &analysis.model().groups;
    let focused = groups
        .iter()
        .enumerate()
        .filter(|(i, g)| !one_per_namespace || *i == 0 || groups[i - 1].namespace != g.namespace)
        .map(|(_, g)| g);
    for g in focused {
        let focus = SceneOptions {
            focus: Some(g.endpoint()),
            show_denied: true,
            ..plain.clone()
        };
        marked += check_scene(text, &focus, &format!("{what}, focus {}", g.endpoint()));
    }
    marked
}

#[test]
fn tier_marks_agree_with_explain_on_the_examples() {
    let mut marked = 0;
    for path in [
        "public/examples/cluster-tiers/guardrail.yaml",
        "crates/reachmap-kubectl/tests/kubectl/cluster_tiers.yaml",
        "crates/reachmap-kubectl/tests/kubectl/cluster_tiers_v1alpha1.yaml",
    ] {
        marked += check_input(&super::common::read_example(path), path, false);
    }
    println!("examples: {marked} arrows carry a tier");
    assert!(
        marked >= 20,
        "the examples' cluster tiers decide flows: {marked}"
    );
}

#[test]
fn tier_marks_agree_with_explain_on_the_conformance_steps() {
    let dir = "crates/reachmap-core/tests/tiers";
    let mut marked = 0;
    for version in ["v1alpha2", "v1alpha1"] {
        let base = super::common::read_example(&format!("{dir}/base-{version}.yaml"));
        let cases: serde_yaml::Value = serde_yaml::from_str(&super::common::read_example(
            &format!("{dir}/cases-{version}.yaml"),
        ))
        .unwrap();
        for test in cases["tests"].as_sequence().unwrap() {
            let text = format!("{base}\n---\n{}", test["policies"].as_str().unwrap());
            let name = test["name"].as_str().unwrap();
            marked += check_input(&text, &format!("{version} {name}"), true);
        }
    }
    println!("conformance steps: {marked} arrows carry a tier");
    assert!(
        marked >= 100,
        "the conformance steps' tiers decide flows: {marked}"
    );
}

/// Without cluster policies, no arrow carries a tier (and none is evaluated for one).
#[test]
fn no_tier_marks_without_cluster_policies() {
    let marked = check_input(&super::boutique(), "boutique", false);
    assert_eq!(marked, 0);
}

/// a/cli → b/srv: an Admin policy accepts a's egress to b; a Baseline policy `action`s b's
/// ingress from a.
fn two_tiers(action: &str) -> String {
    let ns = |n: &str| {
        format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: {n}, labels: {{team: {n}}}}}\n---\n")
    };
    let pod = |ns: &str, n: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {n}, namespace: {ns}, labels: {{app: {n}}}}}\nspec: {{containers: [{{name: c, ports: [{{containerPort: 80}}]}}]}}\n---\n")
    };
    let cnp = |name: &str, tier: &str, team: &str, rules: &str| {
        format!("apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {{name: {name}}}\nspec:\n  tier: {tier}\n  priority: 10\n  subject: {{namespaces: {{matchLabels: {{team: {team}}}}}}}\n{rules}---\n")
    };
    [
        ns("a"),
        ns("b"),
        pod("a", "cli"),
        pod("b", "srv"),
        cnp("out-of-a", "Admin", "a", "  egress:\n  - {name: to-b, action: Accept, to: [{namespaces: {matchLabels: {team: b}}}]}\n"),
        cnp("into-b", "Baseline", "b", &format!("  ingress:\n  - {{name: from-a, action: {action}, from: [{{namespaces: {{matchLabels: {{team: a}}}}}}]}}\n")),
    ]
    .concat()
}

/// A denied flow names only the side that denied it (here the Baseline tier's, though the
/// Admin tier accepted the other side); an allowed one names both sides, and its mark is the
/// Admin tier's.
#[test]
fn the_deciding_side_and_the_mark_between_two_tiers() {
    let options = SceneOptions {
        view: View::Policies,
        focus: Some("a/cli".into()),
        show_denied: true,
        ..SceneOptions::default()
    };
    for (action, verdict, letter, sides) in [
        ("Deny", "denied", "B", vec!["ingress of b/srv: "]),
        (
            "Accept",
            "allowed",
            "A",
            vec!["egress of a/cli: ", "ingress of b/srv: "],
        ),
    ] {
        let text = two_tiers(action);
        assert!(check_scene(&text, &options, action) >= 1);
        let drawn = scene::build(&reachmap_core::analysis::Analysis::of(&text), &options);
        let edge = super::groups(&drawn)
            .into_iter()
            .find(|g| super::is_edge(g) && g.title.starts_with("a/cli → b/srv"))
            .expect("the flow is drawn");
        assert!(
            edge.title.contains(&format!(": {verdict}")),
            "{}",
            edge.title
        );
        let (_, words) = edge.title.split_once(" — ").unwrap();
        let named: Vec<&str> = ["egress of a/cli: ", "ingress of b/srv: "]
            .into_iter()
            .filter(|s| words.contains(s))
            .collect();
        assert_eq!(named, sides, "{}", edge.title);
        assert_eq!(mark(edge).map(|m| m.0), Some(letter.to_string()));
    }
}
