//! What a focus or a flow highlights (emphasises) in the Services view: a focused pod, the Services that
//! select it and how they are reached; a focused Service, its access and its pods; a flow's
//! client, Service and arrows, each with the backend's verdict.

use super::super::Class;
use super::super::SceneOptions;
use super::gather::{DrawnService, DrawnTarget, PortEdge, Target};
use super::target_id;
use crate::analysis::{Backend, Endpoint, FlowAnswer, FlowTarget, ServiceReport, Verdict};
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};

/// Which shapes are highlighted.
#[derive(Default)]
pub(super) struct Emphasis {
    pub(super) active: bool,
    pub(super) focus: BTreeSet<String>,
    pub(super) related: BTreeSet<String>,
    /// Edge ids to highlight, with the verdict glyph to draw on them.
    pub(super) edges: BTreeMap<String, Option<Verdict>>,
}

impl Emphasis {
    pub(super) fn node_state(&self, id: &str) -> Option<Class> {
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

    pub(super) fn edge_state(&self, id: &str) -> Option<Class> {
        if !self.active {
            None
        } else if self.edges.contains_key(id) {
            Some(Class::Focus)
        } else {
            Some(Class::Dim)
        }
    }
}

/// What the options highlight: a focused pod or Service, a flow (`answer` is the analysis's
/// answer to `options.flow`).
pub(super) fn emphasis(
    model: &Model,
    reports: &[ServiceReport],
    options: &SceneOptions,
    answer: Option<&FlowAnswer>,
    services: &[DrawnService],
    targets: &[DrawnTarget],
    edges: &[PortEdge],
) -> Emphasis {
    let mut hl = Emphasis::default();
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
                let flow = match answer {
                    Some(FlowAnswer::Service(f)) => Some(f),
                    _ => None,
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
