//! Pods, and the containers and volumes of a pod or a workload's pod template.

use super::writer::PrefixWriter;
use super::{or_none, seq, str_of};
use crate::objects::{self, containers, pod_spec, Obj, Source};
use crate::selector::{scalar, string_map};
use crate::sim::clock::{rfc1123z, CONTAINER_START_DELAY};
use crate::sim::{api_access_volume, hex_id, NODE_IP, NODE_NAME};
use crate::Ctx;
use serde_yaml::Value;

pub(super) fn pod(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let Source::Pod { group, index } = obj.source else {
        return;
    };
    let g = &ctx.parsed.model.groups[group];
    let spec = pod_spec(ctx, group);
    let ip = &ctx.cluster.pods[group][index].ip.value;
    let age = obj.age_seconds(ctx);
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.line(0, "Priority:\t0");
    let account = spec
        .and_then(|s| str_of(s, "serviceAccountName"))
        .unwrap_or("default");
    w.line(0, format!("Service Account:\t{account}"));
    w.line(0, format!("Node:\t{NODE_NAME}/{NODE_IP}"));
    w.line(0, format!("Start Time:\t{}", rfc1123z(age)));
    w.labels("Labels", &obj.labels);
    let annotations = objects::template(ctx, group)
        .map(|t| string_map(t.get("metadata").and_then(|m| m.get("annotations"))))
        .unwrap_or_default();
    w.annotations("Annotations", &annotations);
    w.line(0, "Status:\tRunning");
    w.line(0, format!("IP:\t{ip}"));
    w.line(0, "IPs:");
    w.line(1, format!("IP:\t{ip}"));
    if let Some(owner) = g.owner {
        let (kind, name) = objects::controller(ctx, group, &obj.name, owner);
        w.line(0, format!("Controlled By:\t{kind}/{name}"));
    }
    describe_containers(w, spec, Some((age, &obj.name)), "");
    w.line(0, "Conditions:");
    w.line(1, "Type\tStatus");
    for c in [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    ] {
        w.line(1, format!("{c} \tTrue "));
    }
    let token = automounts(spec).then(|| api_access_volume(&obj.name));
    describe_volumes(w, spec, token.as_deref(), "");
    let requests_set = containers(spec).iter().any(|c| {
        c.get("resources")
            .is_some_and(|r| r.get("requests").is_some() || r.get("limits").is_some())
    });
    w.line(
        0,
        format!(
            "QoS Class:\t{}",
            if requests_set {
                "Burstable"
            } else {
                "BestEffort"
            }
        ),
    );
    w.labels(
        "Node-Selectors",
        &string_map(spec.and_then(|s| s.get("nodeSelector"))),
    );
    w.line(
        0,
        "Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
    );
    w.line(
        0,
        "\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
    );
}

/// `describeContainerPorts` (kubectl 1.31: without the ports' names): `80/TCP, 443/TCP`.
fn container_ports(c: &Value, host: bool) -> String {
    seq(Some(c), "ports")
        .iter()
        .map(|p| {
            let key = if host { "hostPort" } else { "containerPort" };
            let n = p.get(key).and_then(Value::as_u64).unwrap_or(0);
            format!("{n}/{}", str_of(p, "protocol").unwrap_or("TCP"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `describeContainers`: running, with their status, for a pod (`status: Some(started ago,
/// pod name)`); as a template for a workload (`status: None`, `space` "  ").
pub(super) fn describe_containers(
    w: &mut PrefixWriter,
    spec: Option<&Value>,
    status: Option<(u64, &str)>,
    space: &str,
) {
    let list = seq(spec, "containers");
    let none = if list.is_empty() { " <none>" } else { "" };
    w.line(0, format!("{space}Containers:{none}"));
    let indent = if space.is_empty() { "" } else { " " };
    for c in list {
        let name = str_of(c, "name").unwrap_or_default();
        let image = str_of(c, "image").unwrap_or_default();
        w.line(1, format!("{indent}{name}:"));
        if let Some((_, pod)) = status {
            w.line(
                2,
                format!(
                    "Container ID:\tdocker://{}",
                    hex_id(&format!("{pod}/{name}"), 64)
                ),
            );
        }
        w.line(2, format!("Image:\t{image}"));
        if status.is_some() {
            let repo = image.split(['@', ':']).next().unwrap_or(image);
            w.line(
                2,
                format!(
                    "Image ID:\tdocker-pullable://{repo}@sha256:{}",
                    hex_id(image, 64)
                ),
            );
        }
        for (host, single, plural) in [(false, "Port", "Ports"), (true, "Host Port", "Host Ports")]
        {
            let ports = container_ports(c, host);
            if ports.contains(',') {
                w.line(2, format!("{plural}:\t{ports}"));
            } else {
                w.line(2, format!("{single}:\t{}", or_none(ports)));
            }
        }
        for (key, title) in [("command", "Command"), ("args", "Args")] {
            let parts: Vec<String> = seq(Some(c), key).into_iter().filter_map(scalar).collect();
            if !parts.is_empty() {
                w.line(2, format!("{title}:"));
                for line in parts.iter().flat_map(|p| p.split('\n')) {
                    w.line(3, line);
                }
            }
        }
        if let Some((ago, _)) = status {
            w.line(2, "State:\tRunning");
            w.line(
                3,
                format!(
                    "Started:\t{}",
                    rfc1123z(ago.saturating_sub(CONTAINER_START_DELAY))
                ),
            );
            w.line(2, "Ready:\tTrue");
            w.line(2, "Restart Count:\t0");
        }
        let resources = c.get("resources");
        for (key, title) in [("limits", "Limits"), ("requests", "Requests")] {
            let values = string_map(resources.and_then(|r| r.get(key)));
            if !values.is_empty() {
                w.line(2, format!("{title}:"));
                for (k, v) in values {
                    w.line(3, format!("{k}:\t{v}"));
                }
            }
        }
        let env = seq(Some(c), "env");
        w.line(
            2,
            format!(
                "Environment:{}",
                if env.is_empty() { "\t<none>" } else { "" }
            ),
        );
        for e in env {
            let name = str_of(e, "name").unwrap_or_default();
            match e.get("value").and_then(scalar) {
                Some(v) => {
                    for (i, part) in v.split('\n').enumerate() {
                        let lead = if i == 0 {
                            format!("{name}:")
                        } else {
                            String::new()
                        };
                        w.line(3, format!("{lead}\t{part}"));
                    }
                }
                None => w.line(
                    3,
                    format!("{name}:\t<set from a source this console does not read>"),
                ),
            }
        }
        let mut mounts: Vec<(String, String, bool)> = seq(Some(c), "volumeMounts")
            .iter()
            .map(|m| {
                (
                    str_of(m, "mountPath").unwrap_or_default().to_string(),
                    str_of(m, "name").unwrap_or_default().to_string(),
                    m.get("readOnly").and_then(Value::as_bool).unwrap_or(false),
                )
            })
            .collect();
        if let Some((_, pod)) = status {
            if automounts(spec) {
                mounts.push((
                    "/var/run/secrets/kubernetes.io/serviceaccount".into(),
                    api_access_volume(pod),
                    true,
                ));
            }
        }
        mounts.sort();
        w.line(
            2,
            format!("Mounts:{}", if mounts.is_empty() { "\t<none>" } else { "" }),
        );
        for (path, volume, ro) in mounts {
            w.line(
                3,
                format!("{path} from {volume} ({})", if ro { "ro" } else { "rw" }),
            );
        }
    }
}

/// Whether the pod gets a service account token volume.
fn automounts(spec: Option<&Value>) -> bool {
    spec.and_then(|s| s.get("automountServiceAccountToken"))
        .and_then(Value::as_bool)
        .unwrap_or(true)
}

/// `describeVolumes`, with the token volume a running pod has.
pub(super) fn describe_volumes(
    w: &mut PrefixWriter,
    spec: Option<&Value>,
    token: Option<&str>,
    space: &str,
) {
    let volumes = seq(spec, "volumes");
    if volumes.is_empty() && token.is_none() {
        return w.line(0, format!("{space}Volumes:\t<none>"));
    }
    w.line(0, format!("{space}Volumes:"));
    let indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.line(
            1,
            format!("{indent}{}:", str_of(v, "name").unwrap_or_default()),
        );
        let field = |source: &str, key: &str| {
            v.get(source)
                .and_then(|s| s.get(key))
                .and_then(scalar)
                .unwrap_or_default()
        };
        let optional = |source: &str| field(source, "optional") == "true";
        if v.get("emptyDir").is_some() {
            w.line(
                2,
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)",
            );
            w.line(2, format!("Medium:\t{}", field("emptyDir", "medium")));
            w.line(
                2,
                format!("SizeLimit:\t{}", or_unset(field("emptyDir", "sizeLimit"))),
            );
        } else if v.get("configMap").is_some() {
            w.line(2, "Type:\tConfigMap (a volume populated by a ConfigMap)");
            w.line(2, format!("Name:\t{}", field("configMap", "name")));
            w.line(2, format!("Optional:\t{}", optional("configMap")));
        } else if v.get("secret").is_some() {
            w.line(2, "Type:\tSecret (a volume populated by a Secret)");
            w.line(2, format!("SecretName:\t{}", field("secret", "secretName")));
            w.line(2, format!("Optional:\t{}", optional("secret")));
        } else if v.get("persistentVolumeClaim").is_some() {
            w.line(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)");
            w.line(
                2,
                format!(
                    "ClaimName:\t{}",
                    field("persistentVolumeClaim", "claimName")
                ),
            );
            w.line(
                2,
                format!(
                    "ReadOnly:\t{}",
                    field("persistentVolumeClaim", "readOnly") == "true"
                ),
            );
        } else if v.get("hostPath").is_some() {
            w.line(2, "Type:\tHostPath (bare host directory volume)");
            w.line(2, format!("Path:\t{}", field("hostPath", "path")));
            w.line(
                2,
                format!("HostPathType:\t{}", or_none(field("hostPath", "type"))),
            );
        } else {
            w.line(1, "<unknown>");
        }
    }
    if let Some(token) = token {
        w.line(1, format!("{token}:"));
        w.line(
            2,
            "Type:\tProjected (a volume that contains injected data from multiple sources)",
        );
        w.line(2, "TokenExpirationSeconds:\t3607");
        w.line(2, "ConfigMapName:\tkube-root-ca.crt");
        w.line(2, "ConfigMapOptional:\t<nil>");
        w.line(2, "DownwardAPI:\ttrue");
    }
}

fn or_unset(s: String) -> String {
    if s.is_empty() {
        "<unset>".into()
    } else {
        s
    }
}
