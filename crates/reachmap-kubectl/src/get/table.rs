//! `kubectl get`'s tables: one per run of objects of one kind, with the columns of kubectl's
//! printers and the cells they print.

use crate::kinds::Kind;
use crate::objects::service::{self, Svc};
use crate::objects::{self, containers, pod_spec, Obj, Source};
use crate::selector::{self, from_value};
use crate::sim::{
    CONTAINER_RUNTIME, KERNEL_VERSION, NODE_IP, NODE_NAME, NODE_ROLES, NODE_VERSION, OS_IMAGE,
};
use crate::tabwriter::{self, GET};
use crate::Ctx;
use reachmap_core::model::{ServiceType, WorkloadKind};
use serde_yaml::Value;

/// The choices that shape a table.
#[derive(Clone, Copy)]
pub(super) struct Shown {
    pub wide: bool,
    pub all_namespaces: bool,
    pub labels: bool,
    pub kind: bool,
    pub headers: bool,
}

/// One table per run of objects of one kind, separated by a blank line as kubectl does.
pub(super) fn tables(ctx: &Ctx, objs: &[Obj], shown: Shown) -> String {
    let with_kind = shown.kind || objs.windows(2).any(|w| w[0].kind != w[1].kind);
    let mut out = String::new();
    for chunk in objs.chunk_by(|a, b| a.kind == b.kind) {
        let kind = chunk[0].kind;
        let with_namespace = shown.all_namespaces && kind.namespaced();
        let mut text = String::new();
        let mut line = |cells: Vec<String>| {
            text.push_str(&cells.join("\t"));
            text.push('\n');
        };
        if shown.headers {
            let mut header: Vec<String> = Vec::new();
            if with_namespace {
                header.push("NAMESPACE".into());
            }
            let (normal, wide) = columns(kind);
            header.extend(normal.iter().map(|c| c.to_string()));
            if shown.wide {
                header.extend(wide.iter().map(|c| c.to_string()));
            }
            if shown.labels {
                header.push("LABELS".into());
            }
            line(header);
        }
        for obj in chunk {
            let mut cells = Vec::new();
            if with_namespace {
                cells.push(obj.namespace.clone());
            }
            let mut row = cells_of(ctx, obj, shown.wide);
            if with_kind {
                row[0] = obj.qualified_name();
            }
            cells.extend(row);
            if shown.labels {
                cells.push(selector::labels(&obj.labels));
            }
            line(cells);
        }
        if !out.is_empty() && shown.headers {
            out.push('\n');
        }
        out.push_str(&tabwriter::align(&text, GET));
    }
    out
}

/// The columns of a kind's table, and those `-o wide` adds (kubectl's printers' column
/// definitions, upper-cased).
fn columns(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    const WORKLOAD_WIDE: &[&str] = &["CONTAINERS", "IMAGES", "SELECTOR"];
    match kind {
        Kind::Pod => (
            &["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
        ),
        Kind::Service => (
            &[
                "NAME",
                "TYPE",
                "CLUSTER-IP",
                "EXTERNAL-IP",
                "PORT(S)",
                "AGE",
            ],
            &["SELECTOR"],
        ),
        Kind::NetworkPolicy => (&["NAME", "POD-SELECTOR", "AGE"], &[]),
        Kind::Node => (
            &["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
            &[
                "INTERNAL-IP",
                "EXTERNAL-IP",
                "OS-IMAGE",
                "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ],
        ),
        Kind::Namespace => (&["NAME", "STATUS", "AGE"], &[]),
        Kind::Deployment => (
            &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
            WORKLOAD_WIDE,
        ),
        Kind::ReplicaSet => (
            &["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
            WORKLOAD_WIDE,
        ),
        Kind::StatefulSet => (&["NAME", "READY", "AGE"], &["CONTAINERS", "IMAGES"]),
        Kind::DaemonSet => (
            &[
                "NAME",
                "DESIRED",
                "CURRENT",
                "READY",
                "UP-TO-DATE",
                "AVAILABLE",
                "NODE SELECTOR",
                "AGE",
            ],
            WORKLOAD_WIDE,
        ),
        Kind::Job => (
            &["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
            WORKLOAD_WIDE,
        ),
        Kind::Endpoints => (&["NAME", "ENDPOINTS", "AGE"], &[]),
        // The CRDs' additionalPrinterColumns.
        Kind::ClusterNetworkPolicy => (&["NAME", "TIER", "PRIORITY", "AGE"], &[]),
        Kind::AdminNetworkPolicy => (&["NAME", "PRIORITY", "AGE"], &[]),
        Kind::BaselineAdminNetworkPolicy => (&["NAME", "AGE"], &[]),
        Kind::EndpointSlice => (&["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], &[]),
    }
}

/// `layoutContainerCells`: the containers' names and images, comma-separated.
fn container_cells(spec: Option<&Value>) -> [String; 2] {
    let list = spec
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_sequence);
    let field = |key: &str| {
        list.into_iter()
            .flatten()
            .map(|c| c.get(key).and_then(Value::as_str).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(",")
    };
    [field("name"), field("image")]
}

/// A row of a kind's table.
fn cells_of(ctx: &Ctx, obj: &Obj, wide: bool) -> Vec<String> {
    let model = &ctx.parsed.model;
    let age = obj.age(ctx);
    let mut cells = vec![obj.name.clone()];
    let mut more: Vec<String> = Vec::new();
    match (obj.kind, obj.source) {
        (Kind::Pod, Source::Pod { group, index }) => {
            let spec = pod_spec(ctx, group);
            let n = containers(spec).len();
            cells.extend([format!("{n}/{n}"), "Running".into(), "0".into(), age]);
            let gates = spec
                .and_then(|s| s.get("readinessGates"))
                .and_then(Value::as_sequence)
                .map_or("<none>".to_string(), |g| format!("{0}/{0}", g.len()));
            let ip = &ctx.cluster.pods[group][index].ip.value;
            more = vec![ip.clone(), NODE_NAME.into(), "<none>".into(), gates];
        }
        (Kind::Service, _) => {
            let svc = service::view(ctx, obj);
            cells.extend([
                svc.service_type.as_str().to_string(),
                if svc.cluster_ip.is_empty() {
                    "<none>".into()
                } else {
                    svc.cluster_ip.clone()
                },
                external_ip(&svc, wide),
                ports_cell(&svc),
                age,
            ]);
            more.push(selector::labels(&svc.selector.clone().unwrap_or_default()));
        }
        (Kind::NetworkPolicy, Source::Policy(i)) => {
            cells.extend([selector::format(&model.policies[i].pod_selector), age]);
        }
        (Kind::Node, _) => {
            cells.extend(["Ready".into(), NODE_ROLES.into(), age, NODE_VERSION.into()]);
            more = [
                NODE_IP,
                "<none>",
                OS_IMAGE,
                KERNEL_VERSION,
                CONTAINER_RUNTIME,
            ]
            .map(String::from)
            .to_vec();
        }
        (Kind::Namespace, _) => cells.extend(["Active".into(), age]),
        (_, Source::ClusterPolicy(i)) => {
            let p = &model.cluster_policies[i];
            match obj.kind {
                Kind::ClusterNetworkPolicy => {
                    cells.extend([p.tier.to_string(), p.priority.to_string(), age])
                }
                Kind::AdminNetworkPolicy => cells.extend([p.priority.to_string(), age]),
                _ => cells.push(age),
            }
        }
        (Kind::Endpoints, _) => {
            cells.extend([service::format_subsets(&service::subsets(ctx, obj)), age]);
        }
        (Kind::EndpointSlice, _) => {
            let slice = crate::objects::slices::of(ctx, obj);
            cells.extend([
                slice.address_type.to_string(),
                crate::objects::slices::format_ports(&slice),
                crate::objects::slices::format_endpoints(&slice),
                age,
            ]);
        }
        (_, Source::Workload(g) | Source::ReplicaSetOf(g)) => {
            let group = &model.groups[g];
            let n = group.replicas;
            let spec = pod_spec(ctx, g);
            let [names, images] = container_cells(spec);
            let workload_spec = objects::group_doc(ctx, g).and_then(|d| d.value.get("spec"));
            let sel = from_value(workload_spec.and_then(|s| s.get("selector")));
            match obj.kind {
                Kind::Deployment => {
                    cells.extend([format!("{n}/{n}"), n.to_string(), n.to_string(), age]);
                    more = vec![names, images, selector::string(&sel)];
                }
                Kind::ReplicaSet => {
                    cells.extend([n.to_string(), n.to_string(), n.to_string(), age]);
                    let mut sel = sel;
                    if let Source::ReplicaSetOf(_) = obj.source {
                        if let Some(hash) = obj.labels.get("pod-template-hash") {
                            sel.match_labels
                                .insert("pod-template-hash".into(), hash.clone());
                        }
                    }
                    more = vec![names, images, selector::format(&sel)];
                }
                Kind::StatefulSet => {
                    cells.extend([format!("{n}/{n}"), age]);
                    more = vec![names, images];
                }
                Kind::DaemonSet => {
                    let node_selector =
                        selector::string_map(spec.and_then(|s| s.get("nodeSelector")));
                    cells.extend(["1", "1", "1", "1", "1"].map(String::from));
                    cells.extend([selector::labels(&node_selector), age]);
                    more = vec![names, images, selector::format(&sel)];
                }
                _ => {
                    // A Job: its pods simulated running, none completed yet.
                    let completions = workload_spec
                        .and_then(|s| s.get("completions"))
                        .and_then(Value::as_u64);
                    let done = match (completions, group.owner) {
                        (Some(c), _) => format!("0/{c}"),
                        (None, Some(WorkloadKind::Job)) if n > 1 => format!("0/1 of {n}"),
                        _ => "0/1".into(),
                    };
                    cells.extend(["Running".into(), done, age.clone(), age]);
                    more = vec![names, images, selector::format(&sel)];
                }
            }
        }
        _ => cells.push(age),
    }
    if wide {
        cells.extend(more);
    }
    cells
}

/// `getServiceExternalIP`.
fn external_ip(svc: &Svc, wide: bool) -> String {
    match svc.service_type {
        ServiceType::ClusterIP | ServiceType::NodePort => {
            if svc.external_ips.is_empty() {
                "<none>".into()
            } else {
                svc.external_ips.join(",")
            }
        }
        ServiceType::LoadBalancer => {
            let mut ingress = svc.load_balancer_ingress.clone();
            ingress.sort();
            ingress.dedup();
            let mut lb = ingress.join(",");
            if !wide && lb.len() > 16 {
                lb = format!("{}...", lb.get(..13).unwrap_or(&lb));
            }
            let mut all: Vec<String> = if lb.is_empty() {
                Vec::new()
            } else {
                lb.split(',').map(String::from).collect()
            };
            all.extend(svc.external_ips.iter().cloned());
            if all.is_empty() {
                "<pending>".into()
            } else {
                all.join(",")
            }
        }
        ServiceType::ExternalName => svc.external_name.clone().unwrap_or_default(),
    }
}

/// `makePortString`: `80/TCP`, `80:32300/TCP`, comma-separated; `<none>` without ports.
fn ports_cell(svc: &Svc) -> String {
    let ports: Vec<String> = svc
        .ports
        .iter()
        .map(|p| match p.node_port {
            Some(n) => format!("{}:{n}/{}", p.port, p.protocol),
            None => format!("{}/{}", p.port, p.protocol),
        })
        .collect();
    if ports.is_empty() {
        "<none>".into()
    } else {
        ports.join(",")
    }
}
