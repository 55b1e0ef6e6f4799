//! The Services view, after the Kubernetes documentation's client → Service → pods picture:
//! three columns — how each Service is reached, the Services, and the pod groups in namespace
//! frames — with an arrow from each Service port to each pod group it selects, labelled with
//! the port and the targetPort as resolved on those pods.
//!
//! Layout: one horizontal band per namespace, holding its Services (each with its access nodes
//! to the left) and its pods' frame, so most arrows stay within their band. Pods are ordered by
//! the mean position of the Services that select them, which keeps arrows short and uncrossed.
//! Arrows run through the empty channels between the columns, each on its own track; edge
//! labels sit right of every track and left of the frames, one per arrow, above its last
//! segment, so they never cover a box, a track or each other.

use super::draw::{self, Badge, NodeSpec};
use super::route;
use super::text::{self, LABEL_SIZE};
use super::words;
use super::{Action, Anchor, Class, Point, Scene, SceneOptions, Shape, Text, View};
use crate::analysis::{
    answer, Access, Backend, Endpoint, FlowAnswer, FlowTarget, ServiceReport, Verdict,
};
use crate::diag::Code;
use crate::model::{Model, PortRef, ServiceType};
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

const MARGIN: i32 = 24;
const HEADING: i32 = 30;
const ACCESS_W: i32 = 240;
const SERVICE_W: i32 = 260;
const POD_W: i32 = 280;
/// Frame padding around the pods, and the frame's label band on top.
const FRAME_PAD: i32 = 14;
const FRAME_HEADER: i32 = 30;
/// Vertical gaps: between pods, between Services, between bands.
const POD_GAP: i32 = 14;
const SERVICE_GAP: i32 = 20;
const ACCESS_GAP: i32 = 10;
const BAND_GAP: i32 = 26;
/// Distance between edge ends along a box side, and between tracks in a channel.
const PORT_STEP: i32 = 20;
const TRACK_STEP: i32 = 7;
/// Channel margins left and right of the tracks.
const CHANNEL_MARGIN: i32 = 18;

/// What stands in the pods column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Group(usize),
    Address(String, IpAddr),
    /// A collapsed namespace.
    Namespace(String),
}

/// A placed box.
#[derive(Clone, Copy, Debug, Default)]
struct Place {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

/// One way a Service is reached, drawn as a node left of it.
struct AccessNode {
    kind: &'static str,
    heading: String,
    lines: Vec<String>,
    tooltip: String,
    place: Place,
}

/// One Service port → pod arrow.
struct PortEdge {
    /// Index into `services` (the drawn Services, in drawing order).
    source: usize,
    port: usize,
    /// Index into `targets`.
    target: usize,
    label: String,
    broken: bool,
    tooltip: String,
    exit_y: i32,
    entry_y: i32,
}

struct DrawnService {
    report: usize,
    band: usize,
    access: Vec<AccessNode>,
    place: Place,
    lines: Vec<(String, Class)>,
}

struct DrawnTarget {
    target: Target,
    band: usize,
    place: Place,
    /// Pods a collapsed namespace holds: groups and pods.
    count: (usize, u64),
}

struct Band {
    namespace: String,
    frame: Place,
    collapsed: bool,
}

/// Which shapes are highlighted.
#[derive(Default)]
struct Highlight {
    active: bool,
    focus: BTreeSet<String>,
    related: BTreeSet<String>,
    /// Edge ids to highlight, with the verdict glyph to draw on them.
    edges: BTreeMap<String, Option<Verdict>>,
}

impl Highlight {
    fn node_state(&self, id: &str) -> Option<Class> {
        if !self.active {
            None
        } else if self.focus.contains(id) {
            Some(Class::Focus)
        } else if self.related.contains(id) {
            Some(Class::Related)
        } else {
            Some(Class::Dim)
        }
    }

    fn edge_state(&self, id: &str) -> Option<Class> {
        if !self.active {
            None
        } else if self.edges.contains_key(id) {
            Some(Class::Focus)
        } else {
            Some(Class::Dim)
        }
    }
}

pub fn build(model: &Model, reports: &[ServiceReport], options: &SceneOptions) -> Scene {
    // The namespaces to draw, each a band.
    let mut names: BTreeSet<&str> = BTreeSet::new();
    names.extend(model.groups.iter().map(|g| g.namespace.as_str()));
    names.extend(model.services.iter().map(|s| s.namespace.as_str()));
    let mut bands: Vec<Band> = names
        .into_iter()
        .filter(|n| options.shows(n))
        .map(|n| Band {
            namespace: n.to_string(),
            frame: Place::default(),
            collapsed: options.collapsed.contains(n),
        })
        .collect();
    let band_of: BTreeMap<String, usize> = bands
        .iter()
        .enumerate()
        .map(|(i, b)| (b.namespace.clone(), i))
        .collect();

    // The Services, by band.
    let mut services: Vec<DrawnService> = Vec::new();
    for (ri, r) in reports.iter().enumerate() {
        let s = &model.services[r.service];
        if let Some(&band) = band_of.get(&s.namespace) {
            services.push(DrawnService {
                report: ri,
                band,
                access: access_nodes(model, r),
                place: Place::default(),
                lines: service_lines(model, r),
            });
        }
    }
    services.sort_by_key(|s| (s.band, s.report));

    // The pods column: every group of a drawn namespace (or its namespace's box), and the
    // addresses Endpoints list that no pod has.
    let mut targets: Vec<DrawnTarget> = Vec::new();
    let mut target_of: BTreeMap<Target, usize> = BTreeMap::new();
    let mut add_target = |t: Target, band: usize, targets: &mut Vec<DrawnTarget>| -> usize {
        *target_of.entry(t.clone()).or_insert_with(|| {
            targets.push(DrawnTarget {
                target: t,
                band,
                place: Place::default(),
                count: (0, 0),
            });
            targets.len() - 1
        })
    };
    let mut group_target: Vec<Option<usize>> = vec![None; model.groups.len()];
    for (g, group) in model.groups.iter().enumerate() {
        let Some(&band) = band_of.get(&group.namespace) else {
            continue;
        };
        let t = if bands[band].collapsed {
            Target::Namespace(group.namespace.clone())
        } else {
            Target::Group(g)
        };
        let i = add_target(t, band, &mut targets);
        targets[i].count.0 += 1;
        targets[i].count.1 += group.replicas as u64;
        group_target[g] = Some(i);
    }
    for (band, b) in bands.iter().enumerate() {
        if b.collapsed && !targets.iter().any(|t| t.band == band) {
            add_target(Target::Namespace(b.namespace.clone()), band, &mut targets);
        }
    }

    // The arrows, one per Service port and target (a collapsed namespace gets one per port).
    let mut edges: Vec<PortEdge> = Vec::new();
    for (si, ds) in services.iter().enumerate() {
        let r = &reports[ds.report];
        let s = &model.services[r.service];
        for pr in &r.ports {
            // Per target: the labels and whether each backend resolves.
            let mut per_target: BTreeMap<usize, Vec<(String, bool, String)>> = BTreeMap::new();
            for (b, resolved) in r.backends.iter().zip(&pr.resolved) {
                let (t, name) = match b {
                    Backend::Group(g) => match group_target[*g] {
                        Some(t) => (t, model.groups[*g].endpoint()),
                        None => continue,
                    },
                    Backend::Address(ip) => (
                        add_target(
                            Target::Address(s.namespace.clone(), *ip),
                            ds.band,
                            &mut targets,
                        ),
                        ip.to_string(),
                    ),
                };
                per_target.entry(t).or_default().push((
                    words::port_label(s, pr.index, *resolved),
                    resolved.is_none(),
                    name,
                ));
            }
            for (t, hits) in per_target {
                let labels: BTreeSet<&String> = hits.iter().map(|h| &h.0).collect();
                let broken_n = hits.iter().filter(|h| h.1).count();
                let label = if labels.len() == 1 {
                    hits[0].0.clone()
                } else {
                    format!("{} → various", s.ports[pr.index].port)
                };
                edges.push(PortEdge {
                    source: si,
                    port: pr.index,
                    target: t,
                    label,
                    broken: broken_n == hits.len(),
                    tooltip: edge_sentence(s, pr.index, &hits),
                    exit_y: 0,
                    entry_y: 0,
                });
            }
        }
    }

    // Pods in a band ordered by the mean position of the Services selecting them.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    let mean = |t: usize| -> (i64, i64) {
        let sources: Vec<i64> = edges
            .iter()
            .filter(|e| e.target == t)
            .map(|e| e.source as i64)
            .collect();
        if sources.is_empty() {
            (1, 0)
        } else {
            (0, sources.iter().sum::<i64>() * 1000 / sources.len() as i64)
        }
    };
    order.sort_by_cached_key(|&t| (targets[t].band, mean(t), targets[t].target.clone()));
    let rank: Vec<usize> = {
        let mut rank = vec![0; targets.len()];
        for (i, &t) in order.iter().enumerate() {
            rank[t] = i;
        }
        rank
    };

    // Exits on each Service's right side, ordered by target; entries on each target's left
    // side, ordered by source.
    let mut exits: Vec<Vec<usize>> = vec![Vec::new(); services.len()];
    let mut entries: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (i, e) in edges.iter().enumerate() {
        exits[e.source].push(i);
        entries[e.target].push(i);
    }
    for list in &mut exits {
        list.sort_by_key(|&i| (rank[edges[i].target], edges[i].port));
    }
    for list in &mut entries {
        list.sort_by_key(|&i| (edges[i].source, edges[i].port));
    }

    // Sizes.
    for (si, ds) in services.iter_mut().enumerate() {
        for a in &mut ds.access {
            a.place.w = ACCESS_W;
            a.place.h = draw::node_height(a.lines.len(), false);
        }
        let by_text = draw::node_height(ds.lines.len(), false);
        let by_ports = side_height(exits[si].len().max(ds.access.len()));
        ds.place.w = SERVICE_W;
        ds.place.h = by_text.max(by_ports);
    }
    for (t, dt) in targets.iter_mut().enumerate() {
        dt.place.w = POD_W;
        let lines = match dt.target {
            Target::Group(_) => 2,
            Target::Address(..) | Target::Namespace(_) => 1,
        };
        dt.place.h = draw::node_height(lines, false).max(side_height(entries[t].len()));
    }

    // Where each edge ends along its boxes' sides.
    let mut exit_rank = vec![0; edges.len()];
    let mut entry_rank = vec![0; edges.len()];
    for list in &exits {
        for (k, &i) in list.iter().enumerate() {
            exit_rank[i] = k;
        }
    }
    for list in &entries {
        for (k, &i) in list.iter().enumerate() {
            entry_rank[i] = k;
        }
    }

    // Vertical layout, band by band: Services stacked, then each pod moved down to face the
    // Services selecting it, then each Service down to face its pods, then the pods again, so
    // most arrows run straight. Boxes only ever move down, so nothing overlaps.
    let any_services = !services.is_empty();
    let mut y = MARGIN + HEADING;
    for (b, band) in bands.iter_mut().enumerate() {
        let top = y;
        let start = top + FRAME_HEADER;
        let in_band_services: Vec<usize> = (0..services.len())
            .filter(|&si| services[si].band == b)
            .collect();
        let in_band: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&t| targets[t].band == b)
            .collect();
        let block = |ds: &DrawnService| {
            let access: i32 = ds.access.iter().map(|a| a.place.h + ACCESS_GAP).sum();
            ds.place.h.max(access - ACCESS_GAP)
        };
        let mut svc_y: BTreeMap<usize, i32> = BTreeMap::new();
        let mut pod_y: BTreeMap<usize, i32> = BTreeMap::new();
        for pass in 0..4 {
            if pass % 2 == 0 {
                let mut next = start;
                for &si in &in_band_services {
                    // Facing its pods: the mean of (pod top + entry) − exit offset; only for
                    // pods no other Service selects, which would pull them both around.
                    let shared = exits[si].iter().any(|&i| {
                        entries[edges[i].target]
                            .iter()
                            .any(|&j| edges[j].source != si)
                    });
                    let wanted = average(exits[si].iter().filter(|_| !shared).filter_map(|&i| {
                        pod_y
                            .get(&edges[i].target)
                            .map(|ty| ty + side_offset(entry_rank[i]) - side_offset(exit_rank[i]))
                    }));
                    let y = next.max(wanted.unwrap_or(next));
                    svc_y.insert(si, y);
                    next = y + block(&services[si]) + SERVICE_GAP;
                }
            } else {
                let mut next = start;
                for &t in &in_band {
                    let wanted = average(entries[t].iter().filter_map(|&i| {
                        svc_y
                            .get(&edges[i].source)
                            .map(|sy| sy + side_offset(exit_rank[i]) - side_offset(entry_rank[i]))
                    }));
                    let y = next.max(wanted.unwrap_or(next));
                    pod_y.insert(t, y);
                    next = y + targets[t].place.h + POD_GAP;
                }
            }
        }
        let mut services_bottom = top;
        for (&si, &sy) in &svc_y {
            let ds = &mut services[si];
            ds.place.y = sy;
            let mut ay = sy;
            for a in &mut ds.access {
                a.place.y = ay;
                ay += a.place.h + ACCESS_GAP;
            }
            services_bottom = services_bottom.max(sy + block(ds));
        }
        let mut pods_bottom = None;
        for (&t, &ty) in &pod_y {
            targets[t].place.y = ty;
            pods_bottom = Some(pods_bottom.unwrap_or(0).max(ty + targets[t].place.h));
        }
        // An empty frame still shows its namespace.
        let frame_bottom = pods_bottom.map_or(start + 26, |b| b + FRAME_PAD);
        band.frame.y = top;
        band.frame.h = frame_bottom - top;
        y = frame_bottom.max(services_bottom) + BAND_GAP;
    }
    let bottom = y - BAND_GAP;

    // Edge ends.
    let mut ends: Vec<(i32, i32)> = (0..edges.len())
        .map(|i| {
            (
                services[edges[i].source].place.y + side_offset(exit_rank[i]),
                targets[edges[i].target].place.y + side_offset(entry_rank[i]),
            )
        })
        .collect();
    route::separate_ends(&mut ends);
    for (e, (exit, entry)) in edges.iter_mut().zip(ends) {
        e.exit_y = exit;
        e.entry_y = entry;
    }

    // Channels: access → Service (one track per arrow), Service → pods (one per arrow).
    let access_keys: Vec<(usize, usize)> = services
        .iter()
        .enumerate()
        .flat_map(|(si, ds)| (0..ds.access.len()).map(move |k| (si, k)))
        .collect();
    let mut access_ys: Vec<(i32, i32)> = access_keys
        .iter()
        .map(|&(si, k)| {
            let ds = &services[si];
            (
                ds.access[k].place.y + side_offset(0),
                ds.place.y + side_offset(k),
            )
        })
        .collect();
    route::separate_ends(&mut access_ys);
    let access_ends: BTreeMap<(usize, usize), (i32, i32)> =
        access_keys.into_iter().zip(access_ys).collect();
    let access_spans: Vec<((usize, usize), i64, i64)> = access_ends
        .iter()
        .filter(|(_, (from, to))| from != to)
        .map(|(k, (from, to))| (*k, *from as i64, *to as i64))
        .collect();
    let (access_track, access_tracks) = route::tracks(&access_spans);
    let port_spans: Vec<(usize, i64, i64)> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.exit_y != e.entry_y)
        .map(|(i, e)| (i, e.exit_y as i64, e.entry_y as i64))
        .collect();
    let (port_track, port_tracks) = route::tracks(&port_spans);
    let label_room = edges
        .iter()
        .map(|e| text::width(&e.label, LABEL_SIZE, false))
        .max()
        .unwrap_or(0);

    // Horizontal layout.
    let access_x = MARGIN;
    let gap1 = 2 * CHANNEL_MARGIN + TRACK_STEP * access_tracks as i32;
    let service_x = access_x + ACCESS_W + gap1;
    let gap2 = 2 * CHANNEL_MARGIN + TRACK_STEP * port_tracks as i32 + label_room.max(40) + 8;
    let frame_x = if any_services {
        service_x + SERVICE_W + gap2
    } else {
        MARGIN
    };
    let pod_x = frame_x + FRAME_PAD;
    for ds in &mut services {
        ds.place.x = service_x;
        for a in &mut ds.access {
            a.place.x = access_x;
        }
    }
    for t in &mut targets {
        t.place.x = pod_x;
    }
    for band in &mut bands {
        band.frame.x = frame_x;
        band.frame.w = POD_W + 2 * FRAME_PAD;
    }
    let width = frame_x + POD_W + 2 * FRAME_PAD + MARGIN;
    let height = bottom.max(MARGIN + HEADING + 40) + MARGIN;

    let hl = highlight(model, reports, options, &services, &targets, &edges);
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
    for band in &bands {
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
        let mut frame = draw::frame(
            id.clone(),
            state(vec![Class::Namespace], hl.node_state(&id)),
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
    let access_track_x = |t: usize| access_x + ACCESS_W + CHANNEL_MARGIN + TRACK_STEP * t as i32;
    for (si, ds) in services.iter().enumerate() {
        let s = &model.services[reports[ds.report].service];
        let sid = format!("svc:{}", s.key());
        for (k, a) in ds.access.iter().enumerate() {
            let aid = format!("access:{}:{}", s.key(), a.kind);
            let id = format!("edge:{aid}->{sid}");
            let (from_y, to_y) = access_ends[&(si, k)];
            let tx = access_track
                .get(&(si, k))
                .map_or(access_x + ACCESS_W + CHANNEL_MARGIN, |t| access_track_x(*t));
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
    let track_x = |t: usize| service_x + SERVICE_W + CHANNEL_MARGIN + TRACK_STEP * t as i32;
    for (i, e) in edges.iter().enumerate() {
        let ds = &services[e.source];
        let s = &model.services[reports[ds.report].service];
        let sid = format!("svc:{}", s.key());
        let tid = target_id(model, &targets[e.target].target);
        let id = format!("edge:{sid}:{}->{tid}", e.port);
        let tx = port_track
            .get(&i)
            .map_or(service_x + SERVICE_W + CHANNEL_MARGIN, |t| track_x(*t));
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
    for ds in &services {
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
    for &t in &order {
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
        width: width.max(480),
        height,
        title: "Services: how each is reached and the pods it selects (port → targetPort)".into(),
        description,
        shapes,
    }
}

/// The mean of some positions, if any.
fn average(values: impl Iterator<Item = i32>) -> Option<i32> {
    let (sum, n) = values.fold((0i64, 0i64), |(s, n), v| (s + v as i64, n + 1));
    (n > 0).then(|| (sum / n) as i32)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The height a box side needs for `n` edge ends.
fn side_height(n: usize) -> i32 {
    side_offset(n.max(1) - 1) + 18
}

/// Where the `k`-th edge end sits below a box's top.
fn side_offset(k: usize) -> i32 {
    19 + PORT_STEP * k as i32
}

/// Adds a highlight state class.
fn state(mut classes: Vec<Class>, s: Option<Class>) -> Vec<Class> {
    classes.extend(s);
    classes
}

/// ✓, ✗ or ✓? drawn on a highlighted flow.
pub fn glyph(x: i32, y: i32, v: Verdict) -> Text {
    let (t, c) = match v {
        Verdict::Allowed => ("✓", Class::Allowed),
        Verdict::Denied => ("✗", Class::Denied),
        Verdict::Depends => ("✓?", Class::Depends),
    };
    draw::text(x, y, Anchor::Middle, vec![Class::Glyph, c], t.into())
}

fn target_id(model: &Model, t: &Target) -> String {
    match t {
        Target::Group(g) => format!("pod:{}", model.groups[*g].endpoint()),
        Target::Address(ns, ip) => format!("addr:{ns}/{ip}"),
        Target::Namespace(ns) => format!("ns:{ns}"),
    }
}

fn target_node(model: &Model, t: &DrawnTarget, hl: &Highlight) -> Shape {
    let id = target_id(model, &t.target);
    let p = t.place;
    let (kind, heading, badge, lines, tooltip, action, stacked) = match &t.target {
        Target::Group(g) => {
            let group = &model.groups[*g];
            let kind = if group.owner.is_some() {
                Class::Workload
            } else {
                Class::Pod
            };
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
            None,
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

/// The lines inside a Service's box: address, ports, selector, findings.
fn service_lines(model: &Model, r: &ServiceReport) -> Vec<(String, Class)> {
    let s = &model.services[r.service];
    let mut lines = vec![(words::address_line(s), Class::Detail)];
    lines.extend(
        words::service_port_lines(s)
            .into_iter()
            .map(|l| (l, Class::Detail)),
    );
    match &s.selector {
        Some(sel) => lines.push((
            format!(
                "selector {}",
                crate::model::format_labels(sel).replace(',', ", ")
            ),
            Class::Detail,
        )),
        None if s.service_type != ServiceType::ExternalName => {
            lines.push(("no selector: backends from Endpoints".into(), Class::Detail))
        }
        None => {}
    }
    for f in &r.findings {
        match f.code {
            Code::SelectsNothing => lines.push(("⚠ selects no pod".into(), Class::Warning)),
            Code::TargetPortMissing => {
                // Which port: the one whose named targetPort some backend lacks.
                let missing: Vec<String> = r
                    .ports
                    .iter()
                    .filter(|p| p.resolved.iter().any(Option::is_none))
                    .filter_map(|p| match &s.ports[p.index].target_port {
                        PortRef::Name(n) => Some(n.clone()),
                        PortRef::Number(_) => None,
                    })
                    .collect();
                let mut missing = missing;
                missing.dedup();
                for n in missing {
                    let line = (format!("⚠ targetPort {n} missing on pods"), Class::Warning);
                    if !lines.contains(&line) {
                        lines.push(line);
                    }
                }
            }
            _ => {}
        }
    }
    lines
}

/// The nodes left of a Service: how it is reached, one node per way (in-cluster, node port,
/// load balancer, DNS alias) covering all its ports.
fn access_nodes(model: &Model, r: &ServiceReport) -> Vec<AccessNode> {
    let s = &model.services[r.service];
    let room = ACCESS_W - 2 * draw::PAD;
    let wrap = |t: &str| text::wrap_at_dots(t, room, text::DETAIL_SIZE);
    let node = |kind, heading: &str, lines: Vec<String>, sentences: Vec<String>| AccessNode {
        kind,
        heading: heading.into(),
        lines,
        tooltip: format!("Reached {}.", sentences.join("; ")),
        place: Place::default(),
    };
    if s.service_type == ServiceType::ExternalName {
        let target = s.external_name.clone().unwrap_or_default();
        let dns = s.dns_name();
        let mut lines = wrap(&dns);
        lines.extend(wrap(&format!("→ {target}")));
        return vec![node(
            "external-name",
            "DNS alias (CNAME)",
            lines,
            vec![format!(
                "{dns} is a DNS alias (CNAME) for {target}; nothing is proxied"
            )],
        )];
    }
    // Per way of reaching it: the ports, the sentences.
    let mut cluster: Vec<(Option<String>, String, u16)> = Vec::new();
    let mut headless: Option<String> = None;
    let mut node_ports: Vec<String> = Vec::new();
    let mut balancer: Vec<String> = Vec::new();
    let mut sentences: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for pr in &r.ports {
        for a in &pr.access {
            let kind = match a {
                Access::ClusterIp { address, dns, port } => {
                    cluster.push((address.clone(), dns.clone(), *port));
                    "cluster-ip"
                }
                Access::Headless { dns } => {
                    headless = Some(dns.clone());
                    "headless"
                }
                Access::NodePort {
                    node_port,
                    allocated,
                } => {
                    node_ports.push(format!(
                        "<node IP>:{node_port} → {}{}",
                        s.ports[pr.index].port,
                        if *allocated { " (allocated)" } else { "" }
                    ));
                    "node-port"
                }
                Access::LoadBalancer { addresses, port } => {
                    balancer.push(if addresses.is_empty() {
                        format!("provider's address:{port}")
                    } else {
                        format!("{}:{port}", addresses.join(", "))
                    });
                    "load-balancer"
                }
                Access::ExternalName { .. } => continue,
            };
            let list = sentences.entry(kind).or_default();
            let sentence = a.describe();
            if !list.contains(&sentence) {
                list.push(sentence);
            }
        }
    }
    let mut out = Vec::new();
    if let Some((_, dns, _)) = cluster.first() {
        let ports: Vec<String> = cluster.iter().map(|c| c.2.to_string()).collect();
        let mut lines = wrap(&format!("{dns}:{}", ports.join(",")));
        if let Some(ip) = cluster.iter().find_map(|c| c.0.clone()) {
            lines.push(format!("{ip}:{}", ports.join(",")));
        }
        out.push(node(
            "cluster-ip",
            "in-cluster",
            lines,
            sentences.remove("cluster-ip").unwrap_or_default(),
        ));
    }
    if let Some(dns) = headless {
        let mut lines = wrap(&dns);
        lines.push("returns the pods' own IPs".into());
        out.push(node(
            "headless",
            "in-cluster (headless)",
            lines,
            sentences.remove("headless").unwrap_or_default(),
        ));
    }
    if !node_ports.is_empty() {
        out.push(node(
            "node-port",
            "from outside: node IP",
            node_ports,
            sentences.remove("node-port").unwrap_or_default(),
        ));
    }
    if !balancer.is_empty() {
        out.push(node(
            "load-balancer",
            "load balancer (outside)",
            balancer,
            sentences.remove("load-balancer").unwrap_or_default(),
        ));
    }
    out
}

/// The tooltip of a Service port → pods arrow.
fn edge_sentence(
    s: &crate::model::Service,
    port: usize,
    hits: &[(String, bool, String)],
) -> String {
    let p = &s.ports[port];
    let per: Vec<String> = hits
        .iter()
        .map(|(label, broken, name)| {
            if *broken {
                format!(
                    "{name}: targetPort `{}` is not a container port of this pod, so traffic to it fails",
                    p.target_port
                )
            } else {
                format!("{name}: {label}")
            }
        })
        .collect();
    format!(
        "Service {} port {}/{} (targetPort {}) → {}.",
        s.key(),
        p.port,
        p.protocol,
        p.target_port,
        per.join("; ")
    )
}

/// What the options highlight: a focused pod or Service, a flow.
fn highlight(
    model: &Model,
    reports: &[ServiceReport],
    options: &SceneOptions,
    services: &[DrawnService],
    targets: &[DrawnTarget],
    edges: &[PortEdge],
) -> Highlight {
    let mut hl = Highlight::default();
    let svc_id = |si: usize| {
        format!(
            "svc:{}",
            model.services[reports[services[si].report].service].key()
        )
    };
    let access_ids = |si: usize| -> Vec<String> {
        let s = &model.services[reports[services[si].report].service];
        services[si]
            .access
            .iter()
            .map(|a| format!("access:{}:{}", s.key(), a.kind))
            .collect()
    };
    let edge_id = |e: &PortEdge| {
        format!(
            "edge:{}:{}->{}",
            svc_id(e.source),
            e.port,
            target_id(model, &targets[e.target].target)
        )
    };
    let access_edge_ids = |si: usize| -> Vec<String> {
        access_ids(si)
            .into_iter()
            .map(|a| format!("edge:{a}->{}", svc_id(si)))
            .collect()
    };
    let group_node = |g: usize| {
        targets
            .iter()
            .position(|t| match &t.target {
                Target::Group(x) => *x == g,
                Target::Namespace(ns) => *ns == model.groups[g].namespace,
                Target::Address(..) => false,
            })
            .map(|t| target_id(model, &targets[t].target))
    };
    if let Some(focus) = options.focus.as_deref() {
        if let Some(key) = focus.strip_prefix("svc:") {
            if let Some(si) = (0..services.len())
                .find(|&si| model.services[reports[services[si].report].service].key() == key)
            {
                hl.active = true;
                hl.focus.insert(svc_id(si));
                hl.related.extend(access_ids(si));
                for id in access_edge_ids(si) {
                    hl.edges.insert(id, None);
                }
                for e in edges.iter().filter(|e| e.source == si) {
                    hl.related
                        .insert(target_id(model, &targets[e.target].target));
                    hl.edges.insert(edge_id(e), None);
                }
            }
        } else if let Ok(Endpoint::Group(g)) = Endpoint::parse(model, focus) {
            if let Some(node) = group_node(g) {
                hl.active = true;
                hl.focus.insert(node.clone());
                for e in edges {
                    if target_id(model, &targets[e.target].target) == node {
                        hl.related.insert(svc_id(e.source));
                        hl.related.extend(access_ids(e.source));
                        hl.edges.insert(edge_id(e), None);
                        for id in access_edge_ids(e.source) {
                            hl.edges.insert(id, None);
                        }
                    }
                }
            }
        }
    }
    if let Some(q) = &options.flow {
        hl.active = true;
        if let Endpoint::Group(g) = q.from {
            hl.focus.extend(group_node(g));
        }
        match q.to {
            FlowTarget::Endpoint(Endpoint::Group(g)) => {
                hl.focus.extend(group_node(g));
            }
            FlowTarget::Endpoint(_) => {}
            FlowTarget::ServicePort { service, port } => {
                let Some(si) = services
                    .iter()
                    .position(|ds| reports[ds.report].service == service)
                else {
                    return hl;
                };
                hl.focus.insert(svc_id(si));
                let flow = match answer(model, reports, q) {
                    FlowAnswer::Service(f) => Some(f),
                    FlowAnswer::Single(_) => None,
                };
                for e in edges.iter().filter(|e| e.source == si && e.port == port) {
                    let tid = target_id(model, &targets[e.target].target);
                    hl.related.insert(tid.clone());
                    // The verdict on this target: its backend's (or, for a collapsed
                    // namespace, allowed when any of its backends is).
                    let verdicts: Vec<Verdict> = flow
                        .iter()
                        .flat_map(|f| &f.backends)
                        .filter(|b| match &b.backend {
                            Backend::Group(g) => group_node(*g).as_ref() == Some(&tid),
                            Backend::Address(ip) => tid.ends_with(&format!("/{ip}")),
                        })
                        .map(|b| {
                            b.explanation
                                .as_ref()
                                .map_or(Verdict::Denied, |x| x.verdict)
                        })
                        .collect();
                    let v = if verdicts.contains(&Verdict::Allowed) {
                        Verdict::Allowed
                    } else if verdicts.contains(&Verdict::Depends) {
                        Verdict::Depends
                    } else {
                        Verdict::Denied
                    };
                    hl.edges.insert(edge_id(e), Some(v));
                }
            }
        }
    }
    hl
}
