//! The node, with its pods' resource requests and limits, and namespaces.

use super::writer::PrefixWriter;
use crate::kinds::Kind;
use crate::objects::{containers, list, pod_spec, Obj, Source};
use crate::selector::scalar;
use crate::sim::clock::{rfc1123z, CLUSTER_AGE};
use crate::sim::{
    node_annotations, ARCHITECTURE, CONTAINER_RUNTIME, HEARTBEAT_AGO, KERNEL_VERSION,
    LEASE_RENEWED_AGO, NODE_IDS, NODE_IP, NODE_NAME, NODE_POD_CIDR, NODE_RESOURCES, NODE_ROLES,
    NODE_VERSION, OPERATING_SYSTEM, OS_IMAGE,
};
use crate::Ctx;
use serde_yaml::Value;

pub(super) fn node(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let created = rfc1123z(CLUSTER_AGE);
    let heartbeat = rfc1123z(HEARTBEAT_AGO);
    w.line(0, format!("Name:\t{NODE_NAME}"));
    w.line(0, format!("Roles:\t{NODE_ROLES}"));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &node_annotations());
    w.line(0, format!("CreationTimestamp:\t{created}"));
    w.line(0, "Taints:\t<none>");
    w.line(0, "Unschedulable:\tfalse");
    w.line(0, "Lease:");
    w.line(1, format!("HolderIdentity:\t{NODE_NAME}"));
    w.line(1, "AcquireTime:\t<unset>");
    w.line(1, format!("RenewTime:\t{}", rfc1123z(LEASE_RENEWED_AGO)));
    w.line(0, "Conditions:");
    w.line(
        1,
        "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage",
    );
    w.line(
        1,
        "----\t------\t-----------------\t------------------\t------\t-------",
    );
    for (t, status, reason, message) in [
        (
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        (
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        (
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
        (
            "Ready",
            "True",
            "KubeletReady",
            "kubelet is posting ready status",
        ),
    ] {
        w.line(
            1,
            format!("{t} \t{status} \t{heartbeat} \t{created} \t{reason} \t{message}"),
        );
    }
    w.line(0, "Addresses:");
    w.line(1, format!("InternalIP:\t{NODE_IP}"));
    w.line(1, format!("Hostname:\t{NODE_NAME}"));
    for title in ["Capacity:", "Allocatable:"] {
        w.line(0, title);
        for (name, value) in NODE_RESOURCES {
            w.line(1, format!("{name}:\t{value}"));
        }
    }
    w.line(0, "System Info:");
    for (k, v) in NODE_IDS.into_iter().chain([
        ("Kernel Version", KERNEL_VERSION),
        ("OS Image", OS_IMAGE),
        ("Operating System", OPERATING_SYSTEM),
        ("Architecture", ARCHITECTURE),
        ("Container Runtime Version", CONTAINER_RUNTIME),
        ("Kubelet Version", NODE_VERSION),
        // Empty since the kubelet stopped reporting it (DisableNodeKubeProxyVersion).
        ("Kube-Proxy Version", ""),
    ]) {
        w.line(1, format!("{k}:\t{v}"));
    }
    w.line(0, format!("PodCIDR:\t{NODE_POD_CIDR}"));
    w.line(0, format!("PodCIDRs:\t{NODE_POD_CIDR}"));
    let pods = list(ctx, Kind::Pod, None);
    w.line(
        0,
        format!("Non-terminated Pods:\t({} in total)", pods.len()),
    );
    w.line(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge",
    );
    w.line(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---",
    );
    let allocatable = |r: &str| {
        NODE_RESOURCES
            .iter()
            .find(|(n, _)| *n == r)
            .and_then(|(_, v)| quantity(v, r == "cpu"))
            .map_or(1.0, |(v, _)| v)
    };
    let cell = |q: Option<(f64, bool)>, r: &str| {
        let (v, binary) = q.unwrap_or((0.0, false));
        let pct = (v / allocatable(r) * 100.0) as i64;
        format!("{} ({pct}%)", format_quantity(v, binary, r == "cpu"))
    };
    let mut totals: Vec<Option<(f64, bool)>> = vec![None; 4];
    for p in &pods {
        let Source::Pod { group, .. } = p.source else {
            continue;
        };
        let spec = pod_spec(ctx, group);
        let values = [
            pod_resource(spec, "cpu", false),
            pod_resource(spec, "cpu", true),
            pod_resource(spec, "memory", false),
            pod_resource(spec, "memory", true),
        ];
        for (t, v) in totals.iter_mut().zip(values) {
            if let Some((v, b)) = v {
                *t = Some(t.map_or((v, b), |(sum, binary)| (sum + v, binary)));
            }
        }
        w.line(
            1,
            format!(
                "{}\t{}\t\t{}\t{}\t{}\t{}\t{}",
                p.namespace,
                p.name,
                cell(values[0], "cpu"),
                cell(values[1], "cpu"),
                cell(values[2], "memory"),
                cell(values[3], "memory"),
                p.age(ctx)
            ),
        );
    }
    w.line(0, "Allocated resources:");
    w.line(
        0,
        "  (Total limits may be over 100 percent, i.e., overcommitted.)",
    );
    w.line(1, "Resource\tRequests\tLimits");
    w.line(1, "--------\t--------\t------");
    w.line(
        1,
        format!(
            "cpu\t{}\t{}",
            cell(totals[0], "cpu"),
            cell(totals[1], "cpu")
        ),
    );
    w.line(
        1,
        format!(
            "memory\t{}\t{}",
            cell(totals[2], "memory"),
            cell(totals[3], "memory")
        ),
    );
    w.line(1, "ephemeral-storage\t0 (0%)\t0 (0%)");
    w.line(1, "hugepages-2Mi\t0 (0%)\t0 (0%)");
}

/// A resource quantity in base units (cores are counted in millicores), and whether it was
/// written with a binary suffix.
fn quantity(text: &str, cpu: bool) -> Option<(f64, bool)> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let n: f64 = number.parse().ok()?;
    let (factor, binary) = match suffix {
        "" => (1.0, false),
        "m" => (1e-3, false),
        "k" => (1e3, false),
        "M" => (1e6, false),
        "G" => (1e9, false),
        "T" => (1e12, false),
        "Ki" => (1024.0, true),
        "Mi" => (1024.0 * 1024.0, true),
        "Gi" => (1024.0 * 1024.0 * 1024.0, true),
        "Ti" => (1024f64.powi(4), true),
        _ => return None,
    };
    let scale = if cpu { 1000.0 } else { 1.0 };
    Some((n * factor * scale, binary))
}

/// A sum of quantities as `resource.Quantity.String()` prints it (in the first one's format).
fn format_quantity(value: f64, binary: bool, cpu: bool) -> String {
    if value == 0.0 {
        return "0".into();
    }
    if cpu {
        let milli = value.round() as u64;
        return if milli % 1000 == 0 {
            (milli / 1000).to_string()
        } else {
            format!("{milli}m")
        };
    }
    let bytes = value.round() as u64;
    let units: &[(&str, u64)] = if binary {
        &[
            ("Ti", 1 << 40),
            ("Gi", 1 << 30),
            ("Mi", 1 << 20),
            ("Ki", 1 << 10),
        ]
    } else {
        &[
            ("T", 1_000_000_000_000),
            ("G", 1_000_000_000),
            ("M", 1_000_000),
            ("k", 1_000),
        ]
    };
    for (suffix, size) in units {
        if bytes % size == 0 {
            return format!("{}{suffix}", bytes / size);
        }
    }
    bytes.to_string()
}

/// A pod's summed requests or limits of `resource` (requests default to limits).
fn pod_resource(spec: Option<&Value>, resource: &str, limits: bool) -> Option<(f64, bool)> {
    let cpu = resource == "cpu";
    let mut total: Option<(f64, bool)> = None;
    for c in containers(spec) {
        let r = c.get("resources");
        let get = |key: &str| {
            r.and_then(|r| r.get(key))
                .and_then(|m| m.get(resource))
                .and_then(scalar)
        };
        let text = if limits {
            get("limits")
        } else {
            get("requests").or_else(|| get("limits"))
        };
        if let Some((v, b)) = text.and_then(|t| quantity(&t, cpu)) {
            total = Some(match total {
                Some((sum, binary)) => (sum + v, binary),
                None => (v, b),
            });
        }
    }
    total
}

pub(super) fn namespace(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    w.line(0, format!("Name:\t{}", obj.name));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, "Status:\tActive");
    w.line(0, "");
    w.line(0, "No resource quota.");
    w.line(0, "");
    w.line(0, "No LimitRange resource.");
}
