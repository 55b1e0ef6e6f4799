//! Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs, and their pod templates.

use super::pod::{describe_containers, describe_volumes};
use super::str_of;
use super::writer::PrefixWriter;
use crate::kinds::Kind;
use crate::objects::{self, Obj, Source};
use crate::selector::{self, from_value, scalar, string_map};
use crate::sim::clock::rfc1123z;
use crate::Ctx;
use serde_yaml::Value;

pub(super) fn deployment(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let Source::Workload(g) = obj.source else {
        return;
    };
    let group = &ctx.parsed.model.groups[g];
    let n = group.replicas;
    let spec = obj.doc(ctx).and_then(|d| d.value.get("spec"));
    let strategy = spec.and_then(|s| s.get("strategy"));
    let strategy_type = strategy
        .and_then(|s| str_of(s, "type"))
        .unwrap_or("RollingUpdate");
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.line(
        0,
        format!("CreationTimestamp:\t{}", rfc1123z(obj.age_seconds(ctx))),
    );
    w.labels("Labels", &obj.labels);
    let mut annotations = obj.annotations(ctx);
    annotations
        .entry("deployment.kubernetes.io/revision".into())
        .or_insert_with(|| "1".into());
    w.annotations("Annotations", &annotations);
    w.line(
        0,
        format!(
            "Selector:\t{}",
            selector::string(&workload_selector(ctx, g))
        ),
    );
    w.line(
        0,
        format!("Replicas:\t{n} desired | {n} updated | {n} total | {n} available | 0 unavailable"),
    );
    w.line(0, format!("StrategyType:\t{strategy_type}"));
    let min_ready = spec
        .and_then(|s| s.get("minReadySeconds"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    w.line(0, format!("MinReadySeconds:\t{min_ready}"));
    if strategy_type == "RollingUpdate" {
        let rolling = strategy.and_then(|s| s.get("rollingUpdate"));
        let get = |key: &str| {
            rolling
                .and_then(|r| r.get(key))
                .and_then(scalar)
                .unwrap_or_else(|| "25%".into())
        };
        w.line(
            0,
            format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge",
                get("maxUnavailable"),
                get("maxSurge")
            ),
        );
    }
    pod_template(ctx, g, w);
    w.line(0, "Conditions:");
    w.line(1, "Type\tStatus\tReason");
    w.line(1, "----\t------\t------");
    w.line(1, "Available \tTrue\tMinimumReplicasAvailable");
    w.line(1, "Progressing \tTrue\tNewReplicaSetAvailable");
    w.line(0, "OldReplicaSets:\t<none>");
    w.line(
        0,
        format!(
            "NewReplicaSet:\t{} ({n}/{n} replicas created)",
            objects::replica_set_name(group)
        ),
    );
}

/// ReplicaSets, StatefulSets, DaemonSets and Jobs.
pub(super) fn workload(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let (Source::Workload(g) | Source::ReplicaSetOf(g)) = obj.source else {
        return;
    };
    let group = &ctx.parsed.model.groups[g];
    let n = group.replicas;
    let mut sel = workload_selector(ctx, g);
    if let Some(hash) = obj.labels.get("pod-template-hash") {
        sel.match_labels
            .insert("pod-template-hash".into(), hash.clone());
    }
    let running = format!("{n} Running / 0 Waiting / 0 Succeeded / 0 Failed");
    let spec = obj.doc(ctx).and_then(|d| d.value.get("spec"));
    w.line(0, format!("Name:\t{}", obj.name));
    // kubectl 1.31's DaemonSet describer prints no namespace.
    if obj.kind != Kind::DaemonSet {
        w.line(0, format!("Namespace:\t{}", obj.namespace));
    }
    match obj.kind {
        Kind::ReplicaSet => {
            w.line(0, format!("Selector:\t{}", selector::format(&sel)));
            w.labels("Labels", &obj.labels);
            let mut annotations = obj.annotations(ctx);
            if let Source::ReplicaSetOf(_) = obj.source {
                let surge = n.div_ceil(4);
                for (k, v) in [
                    ("deployment.kubernetes.io/desired-replicas", n.to_string()),
                    (
                        "deployment.kubernetes.io/max-replicas",
                        (n + surge).to_string(),
                    ),
                    ("deployment.kubernetes.io/revision", "1".into()),
                ] {
                    annotations.insert(k.into(), v);
                }
            }
            w.annotations("Annotations", &annotations);
            if let Source::ReplicaSetOf(_) = obj.source {
                w.line(0, format!("Controlled By:\tDeployment/{}", group.name));
            }
            w.line(0, format!("Replicas:\t{n} current / {n} desired"));
            w.line(0, format!("Pods Status:\t{running}"));
            pod_template(ctx, g, w);
        }
        Kind::StatefulSet => {
            w.line(
                0,
                format!("CreationTimestamp:\t{}", rfc1123z(obj.age_seconds(ctx))),
            );
            w.line(0, format!("Selector:\t{}", selector::string(&sel)));
            w.labels("Labels", &obj.labels);
            w.annotations("Annotations", &obj.annotations(ctx));
            w.line(0, format!("Replicas:\t{n} desired | {n} total"));
            w.line(0, "Update Strategy:\tRollingUpdate");
            w.line(1, "Partition:\t0");
            w.line(0, format!("Pods Status:\t{running}"));
            pod_template(ctx, g, w);
            w.line(0, "Volume Claims:\t<none>");
        }
        Kind::DaemonSet => {
            let node_selector =
                string_map(objects::pod_spec(ctx, g).and_then(|s| s.get("nodeSelector")));
            w.line(0, format!("Selector:\t{}", selector::string(&sel)));
            w.line(
                0,
                format!("Node-Selector:\t{}", selector::labels(&node_selector)),
            );
            w.labels("Labels", &obj.labels);
            let mut annotations = obj.annotations(ctx);
            annotations
                .entry("deprecated.daemonset.template.generation".into())
                .or_insert_with(|| "1".into());
            w.annotations("Annotations", &annotations);
            for line in [
                "Desired Number of Nodes Scheduled: 1",
                "Current Number of Nodes Scheduled: 1",
                "Number of Nodes Scheduled with Up-to-date Pods: 1",
                "Number of Nodes Scheduled with Available Pods: 1",
                "Number of Nodes Misscheduled: 0",
            ] {
                w.line(0, line);
            }
            w.line(
                0,
                "Pods Status:\t1 Running / 0 Waiting / 0 Succeeded / 0 Failed",
            );
            pod_template(ctx, g, w);
        }
        _ => {
            // A Job, its pods running.
            w.line(0, format!("Selector:\t{}", selector::string(&sel)));
            w.labels("Labels", &obj.labels);
            w.annotations("Annotations", &obj.annotations(ctx));
            w.line(0, format!("Parallelism:\t{n}"));
            let completions = spec
                .and_then(|s| s.get("completions"))
                .and_then(scalar)
                .unwrap_or_else(|| "<unset>".into());
            w.line(0, format!("Completions:\t{completions}"));
            w.line(0, "Completion Mode:\tNonIndexed");
            w.line(0, "Suspend:\tfalse");
            w.line(0, "Backoff Limit:\t6");
            w.line(
                0,
                format!("Start Time:\t{}", rfc1123z(obj.age_seconds(ctx))),
            );
            w.line(
                0,
                format!("Pods Statuses:\t{n} Active ({n} Ready) / 0 Succeeded / 0 Failed"),
            );
            pod_template(ctx, g, w);
        }
    }
}

/// `DescribePodTemplate`.
fn pod_template(ctx: &Ctx, g: usize, w: &mut PrefixWriter) {
    let template = objects::template(ctx, g);
    let spec = template.and_then(|t| t.get("spec"));
    w.line(0, "Pod Template:");
    w.labels("  Labels", &ctx.parsed.model.groups[g].labels);
    let annotations = string_map(
        template
            .and_then(|t| t.get("metadata"))
            .and_then(|m| m.get("annotations")),
    );
    if !annotations.is_empty() {
        w.annotations("  Annotations", &annotations);
    }
    if let Some(account) = spec.and_then(|s| str_of(s, "serviceAccountName")) {
        w.line(1, format!("Service Account:\t{account}"));
    }
    describe_containers(w, spec, None, "  ");
    describe_volumes(w, spec, None, "  ");
    w.labels(
        "  Node-Selectors",
        &string_map(spec.and_then(|s| s.get("nodeSelector"))),
    );
    w.line(0, "  Tolerations:\t<none>");
}

/// The workload's `spec.selector`.
fn workload_selector(ctx: &Ctx, g: usize) -> reachmap_core::model::LabelSelector {
    from_value(
        objects::group_doc(ctx, g)
            .and_then(|d| d.value.get("spec"))
            .and_then(|s| s.get("selector")),
    )
}
