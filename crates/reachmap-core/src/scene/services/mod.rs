//! The Services view, after the Kubernetes documentation's client → Service → pods picture:
//! three columns — how each Service is reached, the Services, and the pod groups in namespace
//! frames — with an arrow from each Service port to each pod group it selects, labelled with
//! the port and the targetPort as resolved on those pods.
//!
//! One horizontal band per namespace holds its Services (each with its access nodes to the
//! left) and its pods' frame, so most arrows stay within their band. Arrows run through the
//! empty channels between the columns, each on its own track; edge labels sit right of every
//! track and left of the frames, one per arrow, above its last segment, so they never cover a
//! box, a track or each other. `gather` decides what is drawn, `layout` where, `access` the
//! words, `emphasis` what a focus or a flow lights up.

mod access;
mod boxes;
mod emphasis;
mod gather;
mod layout;

use super::draw::{self, glyph, Badge, NodeSpec};
use super::text::{self, LABEL_SIZE};
use super::words;
use super::{Action, Anchor, Class, Point, Scene, SceneOptions, Shape, View};
use crate::analysis::Analysis;
use crate::diag::Code;
use crate::model::Model;
use boxes::{ACCESS_W, SERVICE_W};
use emphasis::{emphasis, Emphasis};
use gather::{DrawnTarget, Target};
use layout::{FRAME_HEADER, HEADING, MARGIN};

pub fn build(analysis: &Analysis, options: &SceneOptions) -> Scene {
    let (model, reports) = (analysis.model(), &analysis.reports[..]);
    let flow = options.flow.as_ref().map(|q| (q, analysis.answer(q)));
    let mut d = gather::gather(model, reports, options);
    let l = layout::layout(&mut d);
    let gather::Diagram {
        bands,
        band_of,
        services,
        targets,
        edges,
        order,
        ..
    } = &d;
    // A highlighted flow's verdict is written under the drawing.
    let note_y = l.height;
    let (width, height) = (l.width, l.height + if flow.is_some() { 24 } else { 0 });
    let (access_x, service_x, frame_x, pod_x) = (l.access_x, l.service_x, l.frame_x, l.pod_x);
    let any_services = l.any_services;
    let answer = flow.as_ref().map(|(_, answer)| &**answer);
    let hl = emphasis(model, reports, options, answer, services, targets, edges);
    let mut shapes = vec![Shape::Rect(super::Rect {
        x: 0,
        y: 0,
        width,
        height,
        radius: 0,
        classes: vec![Class::Canvas],
    })];
    // Column headings.
    let heading = |x: i32, words: &str| {
        Shape::Text(draw::text(
            x,
            MARGIN + 12,
            Anchor::Start,
            vec![Class::Heading],
            words.to_string(),
        ))
    };
    if any_services {
        shapes.push(heading(access_x, "How each Service is reached"));
        shapes.push(heading(service_x, "Services"));
    }
    shapes.push(heading(frame_x, "Pods, by namespace"));

    // Frames.
    for band in bands.iter() {
        if band.collapsed {
            continue;
        }
        let id = format!("ns:{}", band.namespace);
        let empty = !targets.iter().any(|t| t.band == band_of[&band.namespace]);
        let tooltip = if empty {
            format!("Namespace {}: no pods in the manifests.", band.namespace)
        } else {
            format!("Namespace {}.", band.namespace)
        };
        let f = band.frame;
        // A frame is dimmed only when everything in it is.
        let b = band_of[&band.namespace];
        let lit = targets
            .iter()
            .filter(|t| t.band == b)
            .any(|t| hl.node_state(&target_id(model, &t.target)) != Some(Class::Dim));
        let frame_state = hl.node_state(&id).filter(|_| !lit);
        let mut frame = draw::frame(
            id.clone(),
            state(vec![Class::Namespace], frame_state),
            Class::Namespace,
            tooltip,
            None,
            (f.x, f.y, f.w, f.h),
            &format!("namespace {}", band.namespace),
            f.w - 20,
        );
        if empty {
            if let Shape::Group(g) = &mut frame {
                g.children.push(Shape::Text(draw::text(
                    f.x + 12,
                    f.y + FRAME_HEADER + 12,
                    Anchor::Start,
                    vec![Class::Note],
                    "no pods in the manifests".into(),
                )));
            }
        }
        shapes.push(frame);
    }

    // Access arrows.
    for (si, ds) in services.iter().enumerate() {
        let s = &model.services[reports[ds.report].service];
        let sid = format!("svc:{}", s.key());
        for (k, a) in ds.access.iter().enumerate() {
            let aid = format!("access:{}:{}", s.key(), a.kind);
            let id = format!("edge:{aid}->{sid}");
            let (from_y, to_y) = l.access_ends[&(si, k)];
            let tx = l.access_track_x((si, k));
            let points = vec![
                Point::new(access_x + ACCESS_W, from_y),
                Point::new(tx, from_y),
                Point::new(tx, to_y),
                Point::new(service_x, to_y),
            ];
            let classes = state(vec![Class::Edge, Class::Reaches], hl.edge_state(&id));
            shapes.push(draw::edge(
                id,
                classes,
                format!("{} reaches Service {}", a.heading, s.key()),
                Some(Action::Select(sid.clone())),
                points,
                Vec::new(),
            ));
        }
    }

    // Port arrows.
    for (i, e) in edges.iter().enumerate() {
        let ds = &services[e.source];
        let s = &model.services[reports[ds.report].service];
        let sid = format!("svc:{}", s.key());
        let tid = target_id(model, &targets[e.target].target);
        let id = format!("edge:{sid}:{}->{tid}", e.port);
        let tx = l.port_track_x(i);
        let points = vec![
            Point::new(service_x + SERVICE_W, e.exit_y),
            Point::new(tx, e.exit_y),
            Point::new(tx, e.entry_y),
            Point::new(pod_x, e.entry_y),
        ];
        let kind = if e.broken {
            Class::Broken
        } else {
            Class::Selects
        };
        let label_x = frame_x - 8;
        let mut texts = vec![draw::text(
            label_x,
            e.entry_y - 4,
            Anchor::End,
            vec![Class::EdgeLabel],
            e.label.clone(),
        )];
        let mut tooltip = e.tooltip.clone();
        if let Some(Some(v)) = hl.edges.get(&id) {
            let lw = text::width(&e.label, LABEL_SIZE, false);
            texts.push(glyph(label_x - lw - 12, e.entry_y - 3, *v));
            tooltip.push_str(&format!(" The highlighted flow: {v}."));
        }
        shapes.push(draw::edge(
            id.clone(),
            state(vec![Class::Edge, kind], hl.edge_state(&id)),
            tooltip,
            Some(Action::Select(sid)),
            points,
            texts,
        ));
    }

    // Nodes: access, Services, pods.
    for ds in services.iter() {
        let r = &reports[ds.report];
        let s = &model.services[r.service];
        let sid = format!("svc:{}", s.key());
        for a in &ds.access {
            let aid = format!("access:{}:{}", s.key(), a.kind);
            let classes = state(vec![Class::Node, Class::Access], hl.node_state(&aid));
            shapes.push(draw::node(NodeSpec {
                id: aid,
                classes,
                kind: Class::Access,
                tooltip: a.tooltip.clone(),
                action: Some(Action::Select(sid.clone())),
                x: a.place.x,
                y: a.place.y,
                w: a.place.w,
                h: a.place.h,
                heading: a.heading.clone(),
                badge: None,
                lines: a.lines.iter().map(|l| (l.clone(), Class::Detail)).collect(),
                bottom_badges: Vec::new(),
                stacked: false,
            }));
        }
        let classes = state(vec![Class::Node, Class::Service], hl.node_state(&sid));
        shapes.push(draw::node(NodeSpec {
            id: sid.clone(),
            classes,
            kind: Class::Service,
            tooltip: words::service_sentence(s, r),
            action: Some(Action::Select(sid)),
            x: ds.place.x,
            y: ds.place.y,
            w: ds.place.w,
            h: ds.place.h,
            heading: s.name.clone(),
            badge: Some(Badge {
                text: s.service_type.as_str().into(),
                classes: vec![Class::Badge],
            }),
            lines: ds.lines.clone(),
            bottom_badges: Vec::new(),
            stacked: false,
        }));
    }
    for &t in order.iter() {
        shapes.push(target_node(model, &targets[t], &hl));
    }

    let n_services = services.len();
    let n_groups = targets
        .iter()
        .filter(|t| matches!(t.target, Target::Group(_)))
        .count();
    let empty_selectors = services
        .iter()
        .filter(|ds| {
            reports[ds.report]
                .findings
                .iter()
                .any(|f| f.code == Code::SelectsNothing)
        })
        .count();
    let mut description = format!(
        "{} Service{} and {} pod group{} in {} namespace{}",
        n_services,
        plural(n_services),
        n_groups,
        plural(n_groups),
        bands.len(),
        plural(bands.len())
    );
    if empty_selectors > 0 {
        description.push_str(&format!(
            "; {empty_selectors} Service{} select{} no pod",
            plural(empty_selectors),
            if empty_selectors == 1 { "s" } else { "" }
        ));
    }
    let broken = edges.iter().filter(|e| e.broken).count();
    if broken > 0 {
        description.push_str(&format!(
            "; {broken} port{} with a targetPort the pods do not have",
            plural(broken)
        ));
    }
    description.push('.');
    if let Some((q, answer)) = &flow {
        shapes.push(Shape::Text(draw::text(
            MARGIN,
            note_y,
            Anchor::Start,
            vec![Class::Note],
            words::highlighted_line(model, q, answer.verdict()),
        )));
    }
    if bands.is_empty() {
        shapes.push(Shape::Text(draw::text(
            MARGIN,
            MARGIN + HEADING + 20,
            Anchor::Start,
            vec![Class::Note],
            "Nothing to draw: the input has no Services and no pods.".into(),
        )));
    }
    Scene {
        view: View::Services,
        width,
        height,
        title: "Services: how each is reached and the pods it selects (port → targetPort)".into(),
        description,
        shapes,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Adds a highlight state class.
fn state(mut classes: Vec<Class>, s: Option<Class>) -> Vec<Class> {
    classes.extend(s);
    classes
}

fn target_id(model: &Model, t: &Target) -> String {
    match t {
        Target::Group(g) => format!("pod:{}", model.groups[*g].endpoint()),
        Target::Address(ns, ip) => format!("addr:{ns}/{ip}"),
        Target::Namespace(ns) => format!("ns:{ns}"),
    }
}

fn target_node(model: &Model, t: &DrawnTarget, hl: &Emphasis) -> Shape {
    let id = target_id(model, &t.target);
    let p = t.place;
    let (kind, heading, badge, lines, tooltip, action, stacked) = match &t.target {
        Target::Group(g) => {
            let group = &model.groups[*g];
            let kind = Class::for_group(group);
            (
                kind,
                group.name.clone(),
                words::kind_badge(group),
                vec![words::ports_line(group), words::labels_line(group)],
                words::group_sentence(group),
                Some(Action::Select(group.endpoint())),
                group.owner.is_some() && group.replicas > 1,
            )
        }
        Target::Address(_, ip) => (
            Class::Outside,
            ip.to_string(),
            "address".into(),
            vec!["no pod in the manifests has it".into()],
            format!("{ip}: an address Endpoints list for a Service; no pod in the manifests has this address."),
            Some(Action::Select(ip.to_string())),
            false,
        ),
        Target::Namespace(ns) => (
            Class::Namespace,
            format!("namespace {ns}"),
            "collapsed".into(),
            vec![format!(
                "{} pod group{}, {} pod{}",
                t.count.0,
                plural(t.count.0),
                t.count.1,
                if t.count.1 == 1 { "" } else { "s" }
            )],
            format!(
                "Namespace {ns}, collapsed: {} pod groups, {} pods.",
                t.count.0, t.count.1
            ),
            None,
            false,
        ),
    };
    let classes = state(vec![Class::Node, kind], hl.node_state(&id));
    draw::node(NodeSpec {
        id,
        classes,
        kind,
        tooltip,
        action,
        x: p.x,
        y: p.y,
        w: p.w,
        h: p.h,
        heading,
        badge: Some(Badge {
            text: badge,
            classes: vec![Class::Badge],
        }),
        lines: lines.into_iter().map(|l| (l, Class::Detail)).collect(),
        bottom_badges: Vec::new(),
        stacked,
    })
}
