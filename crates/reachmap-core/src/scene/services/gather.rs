//! What the Services view draws, before any coordinate: one band per namespace, its Services
//! with the ways each is reached, the pod groups (or a collapsed namespace's box, or an address
//! no pod has) and one arrow per Service port and target, in drawing order.

use super::super::words;
use super::super::{Class, SceneOptions};
use super::access::{access_nodes, edge_sentence, service_lines, AccessNode};
use super::boxes::Place;
use crate::analysis::{Backend, ServiceReport};
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

/// What stands in the pods column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Target {
    Group(usize),
    Address(String, IpAddr),
    /// A collapsed namespace.
    Namespace(String),
}

/// One Service port → pod arrow.
pub(super) struct PortEdge {
    /// Index into `services` (the drawn Services, in drawing order).
    pub(super) source: usize,
    pub(super) port: usize,
    /// Index into `targets`.
    pub(super) target: usize,
    pub(super) label: String,
    pub(super) broken: bool,
    pub(super) tooltip: String,
    pub(super) exit_y: i32,
    pub(super) entry_y: i32,
}

pub(super) struct DrawnService {
    pub(super) report: usize,
    pub(super) band: usize,
    pub(super) access: Vec<AccessNode>,
    pub(super) place: Place,
    pub(super) lines: Vec<(String, Class)>,
}

pub(super) struct DrawnTarget {
    pub(super) target: Target,
    pub(super) band: usize,
    pub(super) place: Place,
    /// Pods a collapsed namespace holds: groups and pods.
    pub(super) count: (usize, u64),
}

pub(super) struct Band {
    pub(super) namespace: String,
    pub(super) frame: Place,
    pub(super) collapsed: bool,
}

/// Everything to lay out.
pub(super) struct Diagram {
    pub(super) bands: Vec<Band>,
    pub(super) band_of: BTreeMap<String, usize>,
    pub(super) services: Vec<DrawnService>,
    pub(super) targets: Vec<DrawnTarget>,
    pub(super) edges: Vec<PortEdge>,
    /// The targets in drawing order: by band, then by the mean position of their Services.
    pub(super) order: Vec<usize>,
    /// Per Service, its arrows in the order they leave it; per target, in the order they enter.
    pub(super) exits: Vec<Vec<usize>>,
    pub(super) entries: Vec<Vec<usize>>,
}

pub(super) fn gather(model: &Model, reports: &[ServiceReport], options: &SceneOptions) -> Diagram {
    // The namespaces to draw, each a band.
    let mut names: BTreeSet<&str> = BTreeSet::new();
    names.extend(model.groups.iter().map(|g| g.namespace.as_str()));
    names.extend(model.services.iter().map(|s| s.namespace.as_str()));
    let bands: Vec<Band> = names
        .into_iter()
        .filter(|n| options.shows(n))
        .map(|n| Band {
            namespace: n.to_string(),
            frame: Place::default(),
            collapsed: options.collapsed.contains(n),
        })
        .collect();
    let band_of: BTreeMap<String, usize> = crate::order::map(
        bands
            .iter()
            .enumerate()
            .map(|(i, b)| (b.namespace.clone(), i)),
    );

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
    crate::order::sort_by(&mut services, &|a, b| {
        (a.band, a.report).cmp(&(b.band, b.report))
    });

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
            let none_resolve = pr.resolved.iter().all(Option::is_none);
            for (t, hits) in per_target {
                let labels: BTreeSet<&String> = crate::order::set(hits.iter().map(|h| &h.0));
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
                    tooltip: edge_sentence(s, pr.index, &hits, none_resolve),
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
    crate::order::sort_by_cached_key(&mut order, |&t| {
        (targets[t].band, mean(t), targets[t].target.clone())
    });
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
        crate::order::sort_indices(list, &|a, b| {
            (rank[edges[a].target], edges[a].port).cmp(&(rank[edges[b].target], edges[b].port))
        });
    }
    for list in &mut entries {
        crate::order::sort_indices(list, &|a, b| {
            (edges[a].source, edges[a].port).cmp(&(edges[b].source, edges[b].port))
        });
    }

    Diagram {
        bands,
        band_of,
        services,
        targets,
        edges,
        order,
        exits,
        entries,
    }
}
