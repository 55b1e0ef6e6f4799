//! An object the API server would refuse is drawn greyed under either view, titled with its
//! error, instead of vanishing: in the scene, so in the exported SVG too.

use super::geometry::node_box;
use super::{groups, is_node, reference, texts, view};
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, Class, SceneOptions, Shape, View};
use reachmap_core::svg;
use std::collections::BTreeSet;

/// api-allow with its policy's peer misspelt (`matchLabel`): kubectl refuses the policy.
fn misspelt() -> String {
    reference("api-allow.yaml").replace(
        "        matchLabels:\n          app: coffeeshop",
        "        matchLabel:\n          app: coffeeshop",
    )
}

#[test]
fn a_refused_policy_is_drawn_greyed_with_its_error_in_both_views_and_the_export() {
    let text = misspelt();
    let a = Analysis::of(&text);
    assert!(a.model().policies.is_empty(), "the policy is left out");
    assert_eq!(a.model().rejected.len(), 1);
    for v in [View::Services, View::Policies] {
        let s = scene::build(&a, &view(v));
        let refused: Vec<_> = groups(&s)
            .into_iter()
            .filter(|g| g.classes.contains(&Class::Rejected))
            .collect();
        assert_eq!(refused.len(), 1, "{v:?}");
        let g = refused[0];
        assert_eq!(
            g.title,
            "NetworkPolicy default/api-allow is left out of the analysis: unknown field `matchLabel` in spec.ingress[0].from[0].podSelector; did you mean `matchLabels`?"
        );
        assert_eq!(texts(g)[0], "default/api-allow");
        assert_eq!(texts(g)[1], "NetworkPolicy (left out)");
        assert!(
            texts(g)[2].starts_with("unknown field `matchLabel`"),
            "{:?}",
            texts(g)
        );
        // Under everything else, on the canvas, which grew to hold it.
        let b = node_box(g);
        let lowest = groups(&s)
            .into_iter()
            .filter(|o| is_node(o))
            .map(|o| node_box(o).y1)
            .max()
            .unwrap();
        assert!(b.y0 > lowest, "{v:?}: {b:?} under {lowest}");
        assert!(
            b.x1 <= s.width && b.y1 <= s.height,
            "{v:?}: {b:?} off the canvas"
        );
        let Shape::Rect(canvas) = &s.shapes[0] else {
            panic!("the canvas comes first")
        };
        assert_eq!((canvas.width, canvas.height), (s.width, s.height));
        assert!(s.description.contains("1 object left out of the analysis"));
        // The export draws it too, greyed by the stylesheet's rule.
        let out = svg::render(&s);
        assert!(out.contains("class=\"rm-node rm-rejected\""), "{v:?}");
        assert!(out.contains("is left out of the analysis: unknown field `matchLabel`"));
        assert!(scene::style::SCENE_CSS.contains("rect.rm-node.rm-rejected"));
    }
    // Without the typo nothing is drawn greyed.
    let clean = Analysis::of(&reference("api-allow.yaml"));
    let s = scene::build(&clean, &view(View::Policies));
    assert!(!groups(&s)
        .iter()
        .any(|g| g.classes.contains(&Class::Rejected)));
}

#[test]
fn a_hidden_namespaces_refused_objects_are_hidden_with_it() {
    let a = Analysis::of(&misspelt());
    let hidden = SceneOptions {
        namespaces: Some(BTreeSet::from(["other".to_string()])),
        ..view(View::Policies)
    };
    let s = scene::build(&a, &hidden);
    assert!(!groups(&s)
        .iter()
        .any(|g| g.classes.contains(&Class::Rejected)));
}
