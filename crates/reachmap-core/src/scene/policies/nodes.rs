//! The boxes of the Policies view: pods and workloads with the policies isolating them, the
//! outside, a collapsed namespace, a Service a flow goes through; and the legend.

use super::super::draw::{self, Badge, NodeSpec};
use super::super::layered::Rect;
use super::super::text;
use super::super::words;
use super::super::{Action, Anchor, Class, Group, Path, Point, Shape};
use super::graph::{Kind, Node};
use super::verdicts::Verdicts;
use crate::analysis::Endpoint;
use crate::model::Tier;

/// The single badge saying how a node is isolated, if it is.
fn isolation_badge(ingress: bool, egress: bool) -> Vec<Badge> {
    let text = match (ingress, egress) {
        (true, true) => "ingress + egress isolated",
        (true, false) => "ingress isolated",
        (false, true) => "egress isolated",
        (false, false) => return Vec::new(),
    };
    vec![Badge {
        text: text.into(),
        classes: vec![Class::Badge, Class::Isolated],
    }]
}

/// The badges of the cluster-wide tiers whose policies select a pod group (`policies`), and
/// the sentence its tooltip adds.
fn tier_badges(verdicts: &Verdicts, policies: &[usize]) -> (Vec<Badge>, String) {
    let mut badges = Vec::new();
    let mut words = String::new();
    for (tier, class) in [
        (Tier::Admin, Class::AdminTier),
        (Tier::Baseline, Class::BaselineTier),
    ] {
        let names: Vec<String> = policies
            .iter()
            .map(|p| &verdicts.model.cluster_policies[*p])
            .filter(|p| p.tier == tier)
            .map(|p| format!("{}{}", p.key(), p.priority_words()))
            .collect();
        if names.is_empty() {
            continue;
        }
        badges.push(Badge {
            text: format!("{tier} tier"),
            classes: vec![Class::Badge, class],
        });
        words.push_str(&format!(" {tier} tier: {}.", names.join(", ")));
    }
    (badges, words)
}

/// A node's box in `rect`, with the drawing's unique `id`.
pub fn node_shape(
    verdicts: &Verdicts,
    node: &Node,
    id: String,
    rect: &Rect,
    state: Option<Class>,
) -> Shape {
    let model = verdicts.model;
    let policies = |list: &[usize]| -> String {
        list.iter()
            .map(|p| model.policies[*p].key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (kind, heading, line, tooltip, action, bottom, stacked) = match &node.kind {
        Kind::Outside => (
            Class::Outside,
            "any outside address".to_string(),
            "not a pod in the manifests".to_string(),
            "Any address outside the cluster. Verdicts to and from it take every ipBlock into \
             account; where one admits only some addresses, the verdict depends on the address."
                .to_string(),
            Some(Action::Select("outside".into())),
            Vec::new(),
            false,
        ),
        Kind::Group(g) | Kind::Replica(g, _) => {
            let group = &model.groups[*g];
            let replica = match node.kind {
                Kind::Replica(_, r) => Some(r),
                _ => None,
            };
            let (ing, eg) = (&verdicts.ingress[*g], &verdicts.egress[*g]);
            let mut tooltip = match replica {
                Some(r) => format!("Pod {r} of {}: ", group.replicas),
                None => String::new(),
            };
            tooltip.push_str(&words::group_sentence(group));
            tooltip.push_str(&if ing.is_empty() {
                " Not isolated for ingress: every source may reach it.".to_string()
            } else {
                format!(" Isolated for ingress by {}.", policies(ing))
            });
            tooltip.push_str(&if eg.is_empty() {
                " Not isolated for egress: it may reach every destination.".to_string()
            } else {
                format!(" Isolated for egress by {}.", policies(eg))
            });
            let (tier_badges, tier_words) = tier_badges(verdicts, &verdicts.tiers[*g]);
            tooltip.push_str(&tier_words);
            let mut badges = isolation_badge(!ing.is_empty(), !eg.is_empty());
            badges.extend(tier_badges);
            let kind = Class::for_group(group);
            let kind_word = match replica {
                Some(r) => format!("pod {r} of {}", words::kind_badge(group)),
                None => words::kind_badge(group),
            };
            (
                kind,
                match replica {
                    Some(r) => format!("{} #{r}", group.name),
                    None => group.name.clone(),
                },
                format!(
                    "{kind_word} · {}",
                    words::labels_line(group).trim_start_matches("labels ")
                ),
                tooltip,
                Some(Action::Select(group.endpoint())),
                badges,
                replica.is_none() && group.owner.is_some() && group.replicas > 1,
            )
        }
        Kind::Namespace(ns) => {
            let groups: Vec<usize> = node
                .endpoints
                .iter()
                .filter_map(|e| match e {
                    Endpoint::Group(g) => Some(*g),
                    Endpoint::Outside(_) => None,
                })
                .collect();
            let pods: u64 = groups
                .iter()
                .map(|g| model.groups[*g].replicas as u64)
                .sum();
            let ing = groups
                .iter()
                .filter(|g| !verdicts.ingress[**g].is_empty())
                .count();
            let eg = groups
                .iter()
                .filter(|g| !verdicts.egress[**g].is_empty())
                .count();
            (
                Class::Namespace,
                format!("namespace {ns}"),
                format!("folded: {} pod groups, {pods} pods", groups.len()),
                format!(
                    "Namespace {ns}, folded: {} pod groups, {pods} pods; {ing} isolated for \
                     ingress, {eg} for egress. A click opens it.",
                    groups.len()
                ),
                Some(Action::Expand(vec![ns.clone()])),
                isolation_badge(ing > 0, eg > 0),
                false,
            )
        }
        Kind::Every { namespace, targets } => {
            let n = node.endpoints.len();
            let direction = if *targets { "to" } else { "from" };
            let (heading, line, what) = match namespace {
                Some(ns) => (
                    format!("{direction} every pod group"),
                    format!("of namespace {ns} ({n})"),
                    format!("Every pod group of namespace {ns} ({n})"),
                ),
                None => (
                    format!("{direction} every namespace"),
                    format!("folded here ({n} pod groups)"),
                    format!("Every folded namespace ({n} pod groups)"),
                ),
            };
            let side = if *targets {
                "where flows to all of them end"
            } else {
                "where flows from all of them start"
            };
            (
                Class::Namespace,
                heading,
                line,
                format!(
                    "{what}: {side}. Each arrow here stands for one flow per pod group, listed \
                     in its title."
                ),
                None,
                Vec::new(),
                false,
            )
        }
        Kind::Service(s) => {
            let svc = &model.services[*s];
            (
                Class::Service,
                svc.name.clone(),
                format!(
                    "Service, {} · {}",
                    svc.service_type.as_str(),
                    words::service_port_lines(svc).join(", ")
                ),
                format!(
                    "Service {}: the flow goes through it to each backend on its targetPort.",
                    svc.key()
                ),
                Some(Action::Select(format!("svc:{}", svc.key()))),
                Vec::new(),
                false,
            )
        }
    };
    let mut classes = vec![Class::Node, kind];
    classes.extend(state);
    draw::node(NodeSpec {
        id,
        classes,
        kind,
        tooltip,
        action,
        x: rect.x,
        y: rect.y,
        w: rect.width,
        h: rect.height,
        heading,
        badge: None,
        lines: vec![(line, Class::Detail)],
        bottom_badges: bottom,
        stacked,
    })
}

/// Samples of each line style with its glyph and word.
pub fn legend(x: i32, y: i32) -> Shape {
    let mut children = Vec::new();
    let mut cx = x;
    for (class, glyph, word) in [
        (Class::Allowed, "✓", "allowed"),
        (Class::Denied, "✗", "denied"),
        (Class::Depends, "✓?", "depends on the outside address"),
    ] {
        children.push(Shape::Path(Path {
            points: vec![Point::new(cx, y + 16), Point::new(cx + 34, y + 16)],
            arrow: true,
            classes: vec![Class::Edge, class],
        }));
        children.push(Shape::Text(draw::text(
            cx + 46,
            y + 20,
            Anchor::Middle,
            vec![Class::Glyph, class],
            glyph.into(),
        )));
        children.push(Shape::Text(draw::text(
            cx + 58,
            y + 20,
            Anchor::Start,
            vec![Class::Detail],
            word.into(),
        )));
        cx += 58 + text::width(word, text::DETAIL_SIZE, false) + 28;
    }
    Shape::Group(Group {
        id: "legend".into(),
        classes: vec![Class::Note],
        title: "Legend: solid lines with ✓ are allowed flows, dashed lines with ✗ denied ones, \
                dash-dotted lines with ✓? depend on which outside address it is."
            .into(),
        action: None,
        children,
    })
}
