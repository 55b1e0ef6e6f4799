//! Pods grouped by the workload that owns them, once every object is read.
//!
//! A pod with a controlling `ownerReference` belongs to its owner's endpoint, named as the
//! workload's own manifest would be: a ReplicaSet's pods go to `ns/<deployment>[Deployment]`
//! (by the ReplicaSet object's own controller when the input has it, else when their
//! `pod-template-hash` label ends the ReplicaSet's name, as the Deployment controller names
//! them), a Job's to its CronJob when the Job object says so, a StatefulSet's, DaemonSet's,
//! Job's and ReplicationController's to theirs. A workload's manifest and its live pods are
//! one endpoint; a ReplicaSet owned by a Deployment and a Job owned by a CronJob are never
//! endpoints of their own. An endpoint's pods are its live pods when the input has any (what
//! runs), else the pods its manifest would make.
//!
//! Pods of one workload that the input's policies or Services could tell apart (see
//! `model::distinguish`) are never merged: the endpoint is split into parts
//! (`ns/name[Kind#1]`, `#2`, … in the order of each part's first pod name), each saying what
//! sets it apart.

use super::pods::Controller;
use crate::model::{Distinctions, Labels, Part, PodGroup, WorkloadKind};
use std::collections::HashMap;

/// A group as read from one object, before grouping: a Pod object (`owner: None`, its one pod
/// in `pods`) or a workload manifest, with its controller.
pub(super) struct ReadGroup {
    pub group: PodGroup,
    pub controller: Option<Controller>,
}

/// The endpoint an object belongs to: namespace, name, and the workload kind (`None` for a
/// bare Pod).
type Key = (String, String, Option<WorkloadKind>);

/// What an object is to its endpoint.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A Pod object.
    Pod,
    /// The workload's own manifest.
    Own,
    /// An object its controller made (a ReplicaSet of a Deployment, a Job of a CronJob).
    Owned,
}

/// The endpoints of the input's pods and workloads (unsorted).
pub(super) fn endpoints(read: Vec<ReadGroup>, distinctions: &Distinctions) -> Vec<PodGroup> {
    let mut keyed: Vec<(Key, Role, PodGroup)> = keys(&read)
        .into_iter()
        .zip(read)
        .map(|((key, role), r)| (key, role, r.group))
        .collect();
    // Each endpoint's objects together, in input order within it (a stable sort: one shared
    // instantiation, `order`, rather than a map's code in the page).
    crate::order::sort_by(&mut keyed, &|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    let mut rest = keyed.into_iter().peekable();
    while let Some((key, role, group)) = rest.next() {
        let mut objects = vec![(role, group)];
        while rest.peek().is_some_and(|next| next.0 == key) {
            objects.extend(rest.next().map(|(_, role, group)| (role, group)));
        }
        let (_, name, kind) = key;
        let Some(kind) = kind else {
            // A bare Pod: a group of one, as read.
            out.extend(objects.into_iter().map(|(_, g)| g));
            continue;
        };
        let mut own = None;
        let (mut pods, mut owned) = (Vec::new(), Vec::new());
        for (role, group) in objects {
            match role {
                Role::Pod => pods.push(group),
                Role::Own => own = Some(group),
                Role::Owned => owned.push(group),
            }
        }
        if !pods.is_empty() {
            let location = own.map(|o| o.location);
            out.extend(parts(&name, kind, pods, location, distinctions));
        } else if let Some(own) = own {
            out.push(own);
        } else {
            // Only what the controller made: those that run pods (or the first, scaled to 0).
            let running = owned.iter().any(|o| o.replicas > 0);
            owned.retain(|o| o.replicas > 0 || !running);
            owned.truncate(if running { owned.len() } else { 1 });
            out.extend(parts(&name, kind, owned, None, distinctions));
        }
    }
    out
}

/// Each object's endpoint and role.
fn keys(read: &[ReadGroup]) -> Vec<(Key, Role)> {
    // The controller of every workload object, to follow pod → ReplicaSet → Deployment.
    let controllers: HashMap<(&str, WorkloadKind, &str), Option<&Controller>> = read
        .iter()
        .filter_map(|r| {
            let g = &r.group;
            let kind = g.owner?;
            Some((
                (g.namespace.as_str(), kind, g.name.as_str()),
                r.controller.as_ref(),
            ))
        })
        .collect();
    read.iter()
        .map(|r| {
            let g = &r.group;
            let ns = g.namespace.clone();
            match g.owner {
                None => {
                    let (name, kind) = r
                        .controller
                        .as_ref()
                        .and_then(|c| pod_owner(&controllers, g, c))
                        .unwrap_or_else(|| (g.name.clone(), None));
                    ((ns, name, kind), Role::Pod)
                }
                Some(kind) => match r
                    .controller
                    .as_ref()
                    .and_then(|c| Some((c, owning(kind, c)?)))
                {
                    Some((c, owner)) => ((ns, c.name.clone(), Some(owner)), Role::Owned),
                    None => ((ns, g.name.clone(), Some(kind)), Role::Own),
                },
            }
        })
        .collect()
}

/// The endpoint (name, kind) a pod with controller `c` belongs to; `None` when it is not a
/// workload Reachmap knows (a mirror pod's Node, a custom controller): the pod is then bare.
fn pod_owner(
    controllers: &HashMap<(&str, WorkloadKind, &str), Option<&Controller>>,
    pod: &PodGroup,
    c: &Controller,
) -> Option<(String, Option<WorkloadKind>)> {
    let kind = WorkloadKind::parse(&c.kind)?;
    let object = controllers.get(&(pod.namespace.as_str(), kind, c.name.as_str()));
    let by_object =
        object.and_then(|owner| owner.and_then(|o| owning(kind, o).map(|k| (o.name.clone(), k))));
    match (kind, object, by_object) {
        (_, _, Some((name, k))) => Some((name, Some(k))),
        // The ReplicaSet is not in the input: the Deployment controller names it
        // `<deployment>-<pod-template-hash>`.
        (WorkloadKind::ReplicaSet, None, None) => {
            let deployment = pod
                .labels
                .get("pod-template-hash")
                .and_then(|hash| c.name.strip_suffix(hash.as_str()))
                .and_then(|rest| rest.strip_suffix('-'))
                .filter(|d| !d.is_empty());
            Some(match deployment {
                Some(d) => (d.to_string(), Some(WorkloadKind::Deployment)),
                None => (c.name.clone(), Some(kind)),
            })
        }
        _ => Some((c.name.clone(), Some(kind))),
    }
}

/// The kind of endpoint an object of `kind` folds into when `c` controls it: a ReplicaSet's
/// Deployment, a Job's CronJob.
fn owning(kind: WorkloadKind, c: &Controller) -> Option<WorkloadKind> {
    let owner = WorkloadKind::parse(&c.kind)?;
    match (kind, owner) {
        (WorkloadKind::ReplicaSet, WorkloadKind::Deployment)
        | (WorkloadKind::Job, WorkloadKind::CronJob) => Some(owner),
        _ => None,
    }
}

/// The endpoint(s) of one workload's members (Pod objects, or manifests that make pods): one
/// part per set of members equal on what the input can tell apart.
fn parts(
    name: &str,
    kind: WorkloadKind,
    mut members: Vec<PodGroup>,
    location: Option<crate::diag::Location>,
    distinctions: &Distinctions,
) -> Vec<PodGroup> {
    crate::order::sort_by(&mut members, &|a, b| a.name.cmp(&b.name));
    // Each member's part, numbered in the order of first appearance (so by first pod name).
    let (part_of, differences) = {
        let features: Vec<_> = members.iter().map(|m| distinctions.of_group(m)).collect();
        let mut firsts: Vec<usize> = Vec::new();
        let mut part_of = Vec::with_capacity(members.len());
        for (i, f) in features.iter().enumerate() {
            match firsts.iter().position(|&j| &features[j] == f) {
                Some(p) => part_of.push(p),
                None => {
                    part_of.push(firsts.len());
                    firsts.push(i);
                }
            }
        }
        let firsts: Vec<_> = firsts.iter().map(|&i| features[i].clone()).collect();
        (part_of, distinctions.differences(&firsts))
    };
    let count = differences.len();
    let mut out: Vec<PodGroup> = Vec::with_capacity(count);
    for (member, part) in members.into_iter().zip(part_of) {
        if part == out.len() {
            out.push(PodGroup {
                namespace: member.namespace,
                name: name.to_string(),
                owner: Some(kind),
                replicas: 0,
                labels: member.labels.clone(),
                ports: member.ports,
                ips: Vec::new(),
                pods: Vec::new(),
                part: (count > 1).then(|| Part {
                    index: part + 1,
                    count,
                    differences: differences[part].clone(),
                }),
                location: location.clone().unwrap_or(member.location),
            });
        }
        let group = &mut out[part];
        group.replicas += member.replicas;
        group.labels = common(&group.labels, &member.labels);
        for ip in member.ips {
            if !group.ips.contains(&ip) {
                group.ips.push(ip);
            }
        }
        group.pods.extend(member.pods);
    }
    out
}

/// The labels `a` and `b` both carry with the same value.
fn common(a: &Labels, b: &Labels) -> Labels {
    let mut out = Labels::new();
    for (k, v) in a {
        if b.get(k) == Some(v) {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}
