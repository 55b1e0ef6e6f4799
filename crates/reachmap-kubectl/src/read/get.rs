//! `kubectl get`: kubectl's tables (its printers' columns, its tabwriter), `-o wide`, `-o name`,
//! `-o yaml`, `-o json`, `-l`, `--show-labels`, `-A`, several kinds at once.

use super::objects::{self, containers, pod_spec, Obj, Source};
use super::service::{self, Svc};
use super::tabwriter::{self, GET};
use super::{find, list, nothing_found, scope};
use crate::args::{parse_command, Flag};
use crate::kinds::{self, Kind};
use crate::resources::{check_names, requests};
use crate::selector::{self, from_value};
use crate::sim::clock::rfc3339;
use crate::sim::{
    API_SERVER_IP, API_SERVER_PORT, ARCHITECTURE, CONTAINER_RUNTIME, KERNEL_VERSION, NODE_IP,
    NODE_NAME, NODE_POD_CIDR, NODE_ROLES, NODE_VERSION, OPERATING_SYSTEM, OS_IMAGE,
};
use crate::{Ctx, Outcome};
use reachmap_core::model::{ServiceType, WorkloadKind};
use serde_yaml::Value;

const FLAGS: &[Flag] = &[
    Flag::value("output").short('o'),
    Flag::value("selector").short('l'),
    Flag::boolean("show-labels"),
    Flag::boolean("show-kind"),
    Flag::boolean("no-headers"),
    Flag::boolean("ignore-not-found"),
    Flag::boolean("watch").short('w'),
];

/// How the objects are printed.
#[derive(Clone, PartialEq, Eq)]
enum Output {
    Table { wide: bool },
    Name,
    Yaml,
    Json,
    JsonPath(String),
}

pub(crate) fn kubectl_get(ctx: &Ctx, words: &[String]) -> Outcome {
    match get(ctx, words) {
        Ok((output, ok)) => Outcome {
            ok,
            ..ctx.print(output)
        },
        Err(e) => ctx.fail(e),
    }
}

/// What `get` prints, and whether it succeeded; `Err` for a command that printed nothing else.
fn get(ctx: &Ctx, words: &[String]) -> Result<(String, bool), String> {
    let args = parse_command(words, FLAGS, "kubectl get")?;
    if args.on("watch") {
        return Err(
            "error: --watch is not simulated: this cluster changes only when a command changes the manifests"
                .into(),
        );
    }
    let output = match args.get("output").unwrap_or("") {
        "" => Output::Table { wide: false },
        "wide" => Output::Table { wide: true },
        "name" => Output::Name,
        "yaml" => Output::Yaml,
        "json" => Output::Json,
        other => match other.strip_prefix("jsonpath=") {
            Some(template) => Output::JsonPath(template.to_string()),
            None => return Err(format!("error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,jsonpath,name,wide,yaml (this console prints these)")),
        },
    };
    if args.on("show-labels") && !matches!(output, Output::Table { .. }) {
        return Err(format!(
            "error: --show-labels option cannot be used with {} printer",
            args.get("output").unwrap_or_default()
        ));
    }
    if args.positional.is_empty() {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".into());
    }
    let requests = requests(&args.positional)?;
    let selector = crate::resources::selector(&args)?;
    check_names(&requests, selector.is_some(), args.all_namespaces())?;
    let selector = selector.unwrap_or_default();
    let named = requests.iter().any(|r| r.name.is_some());
    let namespace = scope(&args);
    let mut objs = Vec::new();
    let mut errors = Vec::new();
    for r in &requests {
        match &r.name {
            None => objs.extend(
                list(ctx, r.kind, namespace)
                    .into_iter()
                    .filter(|o| selector::matches(&selector, &o.labels)),
            ),
            Some(name) => match find(ctx, r.kind, args.namespace(), name) {
                Some(o) => objs.push(o),
                None => errors.push(kinds::not_found(r.kind, name)),
            },
        }
    }
    if args.on("ignore-not-found") {
        errors.clear();
    }
    let single = requests.len() == 1 && named;
    let mut out = match &output {
        Output::Table { wide } => {
            let shown = Shown {
                wide: *wide,
                all_namespaces: args.all_namespaces(),
                labels: args.on("show-labels"),
                kind: args.on("show-kind"),
                headers: !args.on("no-headers"),
            };
            let tables = tables(ctx, &objs, shown);
            if objs.is_empty() && errors.is_empty() && !args.on("ignore-not-found") {
                nothing_found(namespace) + "\n"
            } else {
                tables
            }
        }
        Output::Name => objs.iter().map(|o| o.qualified_name() + "\n").collect(),
        Output::Yaml | Output::Json | Output::JsonPath(_) => {
            let value = match (single, objs.as_slice()) {
                (true, [obj]) => Some(manifest(ctx, obj)),
                (true, _) => None,
                (false, _) => Some(serde_json::json!({
                    "apiVersion": "v1",
                    "items": objs.iter().map(|o| manifest(ctx, o)).collect::<Vec<_>>(),
                    "kind": "List",
                    "metadata": {"resourceVersion": ""},
                })),
            };
            match (value, &output) {
                (None, _) => String::new(),
                (Some(v), Output::Yaml) => yaml(&v),
                (Some(v), Output::JsonPath(template)) => {
                    super::jsonpath::render(template, &sorted(&v))?
                }
                (Some(v), _) => json(&v),
            }
        }
    };
    for e in &errors {
        out.push_str(e);
        out.push('\n');
    }
    Ok((out, errors.is_empty()))
}

/// The choices that shape a table.
#[derive(Clone, Copy)]
struct Shown {
    wide: bool,
    all_namespaces: bool,
    labels: bool,
    kind: bool,
    headers: bool,
}

/// One table per run of objects of one kind, separated by a blank line as kubectl does.
fn tables(ctx: &Ctx, objs: &[Obj], shown: Shown) -> String {
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
        (Kind::Endpoints, _) => {
            cells.extend([service::format_subsets(&service::subsets(ctx, obj)), age]);
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

/// The object as `-o yaml`/`-o json` print it: the manifest as written, with what the cluster
/// adds where the manifest does not say (namespace, creation time, cluster IP, nodePorts, a
/// pod's status); objects the controllers make, built as they would be.
fn manifest(ctx: &Ctx, obj: &Obj) -> serde_json::Value {
    use serde_json::json;
    let model = &ctx.parsed.model;
    let created = rfc3339(obj.age_seconds(ctx));
    let mut v = obj
        .doc(ctx)
        .and_then(|d| serde_json::to_value(&d.value).ok())
        .unwrap_or_else(|| json!({}));
    let pod_status = |ip: &str| {
        json!({
            "hostIP": NODE_IP, "hostIPs": [{"ip": NODE_IP}], "phase": "Running",
            "podIP": ip, "podIPs": [{"ip": ip}], "qosClass": "BestEffort",
        })
    };
    match obj.source {
        Source::Pod { group, index } => {
            let g = &model.groups[group];
            let ip = ctx.cluster.pods[group][index].ip.value.clone();
            if let Some(owner) = g.owner {
                let template = objects::template(ctx, group)
                    .and_then(|t| serde_json::to_value(t).ok())
                    .unwrap_or_else(|| json!({}));
                let (owner_kind, owner_name) = objects::controller(ctx, group, &obj.name, owner);
                v = json!({
                    "apiVersion": "v1",
                    "kind": "Pod",
                    "metadata": {
                        "labels": obj.labels,
                        "name": obj.name,
                        "ownerReferences": [{
                            "apiVersion": if owner_kind == "Job" { "batch/v1" } else { "apps/v1" },
                            "blockOwnerDeletion": true, "controller": true,
                            "kind": owner_kind, "name": owner_name,
                        }],
                    },
                    "spec": template.get("spec").cloned().unwrap_or_else(|| json!({})),
                });
            }
            fill(&mut v, &["spec", "nodeName"], json!(NODE_NAME));
            fill(&mut v, &["status"], pod_status(&ip));
        }
        Source::Service(_) => {
            let svc = service::view(ctx, obj);
            if svc.service_type != ServiceType::ExternalName {
                fill(&mut v, &["spec", "clusterIP"], json!(svc.cluster_ip));
                fill(&mut v, &["spec", "clusterIPs"], json!([svc.cluster_ip]));
            }
            if let Some(ports) = v
                .get_mut("spec")
                .and_then(|s| s.get_mut("ports"))
                .and_then(serde_json::Value::as_array_mut)
            {
                for (p, view) in ports.iter_mut().zip(&svc.ports) {
                    if let Some(n) = view.node_port {
                        fill(p, &["nodePort"], json!(n));
                    }
                }
            }
        }
        Source::ApiServer if obj.kind == Kind::Service => {
            v = json!({
                "apiVersion": "v1", "kind": "Service",
                "metadata": {"labels": obj.labels, "name": obj.name},
                "spec": {
                    "clusterIP": API_SERVER_IP, "clusterIPs": [API_SERVER_IP],
                    "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                    "ipFamilyPolicy": "SingleStack",
                    "ports": [{"name": "https", "port": 443, "protocol": "TCP",
                               "targetPort": API_SERVER_PORT}],
                    "sessionAffinity": "None", "type": "ClusterIP",
                },
                "status": {"loadBalancer": {}},
            });
        }
        Source::ApiServer | Source::ServiceEndpoints(_) => {
            let subsets: Vec<serde_json::Value> = service::subsets(ctx, obj)
                .iter()
                .map(|s| {
                    json!({
                        "addresses": s.addresses.iter().map(|a| json!({"ip": a, "nodeName": NODE_NAME})).collect::<Vec<_>>(),
                        "ports": s.ports.iter().map(|(name, port, proto)| {
                            let mut p = json!({"port": port, "protocol": proto.to_string()});
                            if let Some(n) = name { p["name"] = json!(n); }
                            p
                        }).collect::<Vec<_>>(),
                    })
                })
                .collect();
            v = json!({
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": {"labels": obj.labels, "name": obj.name},
                "subsets": subsets,
            });
        }
        Source::Node => {
            v = json!({
                "apiVersion": "v1", "kind": "Node",
                "metadata": {"labels": obj.labels, "name": obj.name},
                "spec": {"podCIDR": NODE_POD_CIDR, "podCIDRs": [NODE_POD_CIDR]},
                "status": {
                    "addresses": [{"address": NODE_IP, "type": "InternalIP"},
                                  {"address": NODE_NAME, "type": "Hostname"}],
                    "nodeInfo": {
                        "architecture": ARCHITECTURE, "containerRuntimeVersion": CONTAINER_RUNTIME,
                        "kernelVersion": KERNEL_VERSION, "kubeletVersion": NODE_VERSION,
                        "operatingSystem": OPERATING_SYSTEM, "osImage": OS_IMAGE,
                    },
                },
            });
        }
        Source::Namespace(_) => {
            if obj.doc(ctx).is_none() {
                v = json!({"apiVersion": "v1", "kind": "Namespace",
                           "metadata": {"labels": obj.labels, "name": obj.name}});
            }
            fill(&mut v, &["spec", "finalizers"], json!(["kubernetes"]));
            fill(&mut v, &["status", "phase"], json!("Active"));
        }
        Source::ReplicaSetOf(g) => {
            let deployment = objects::group_doc(ctx, g)
                .and_then(|d| serde_json::to_value(&d.value).ok())
                .unwrap_or_else(|| json!({}));
            let spec = deployment.get("spec").cloned().unwrap_or_else(|| json!({}));
            let n = model.groups[g].replicas;
            let mut selector = spec.get("selector").cloned().unwrap_or_else(|| json!({}));
            if let Some(hash) = obj.labels.get("pod-template-hash") {
                fill(
                    &mut selector,
                    &["matchLabels", "pod-template-hash"],
                    json!(hash),
                );
            }
            v = json!({
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": {
                    "labels": obj.labels, "name": obj.name,
                    "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true,
                        "controller": true, "kind": "Deployment", "name": model.groups[g].name}],
                },
                "spec": {"replicas": n, "selector": selector,
                         "template": spec.get("template").cloned().unwrap_or_else(|| json!({}))},
                "status": {"availableReplicas": n, "fullyLabeledReplicas": n,
                           "readyReplicas": n, "replicas": n},
            });
        }
        _ => {}
    }
    if obj.kind.namespaced() {
        fill(&mut v, &["metadata", "namespace"], json!(obj.namespace));
    }
    fill(&mut v, &["metadata", "creationTimestamp"], json!(created));
    v
}

/// Sets `path` in `v` to `value` unless something is there already (the manifest wins).
fn fill(v: &mut serde_json::Value, path: &[&str], value: serde_json::Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = v;
    for key in parents {
        if !at.is_object() {
            return;
        }
        at = at
            .as_object_mut()
            .map(|m| {
                m.entry(key.to_string())
                    .or_insert_with(|| serde_json::json!({}))
            })
            .expect("an object");
    }
    if let Some(m) = at.as_object_mut() {
        m.entry(last.to_string()).or_insert(value);
    }
}

/// Keys sorted at every level, as Go's encoders write maps.
fn sorted(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let mut out = serde_json::Map::new();
            for (k, v) in entries {
                out.insert(k.clone(), sorted(v));
            }
            serde_json::Value::Object(out)
        }
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// `-o yaml`, quoted as kubectl's encoder (go-yaml) quotes: double quotes where serde_yaml
/// writes single ones, and around strings that read as timestamps.
fn yaml(v: &serde_json::Value) -> String {
    let text = serde_yaml::to_string(&sorted(v)).unwrap_or_default();
    text.lines().map(|l| requote(l) + "\n").collect()
}

/// One line of serde_yaml's output with its one-line scalars quoted as go-yaml quotes them.
fn requote(line: &str) -> String {
    let body = line.trim_start_matches(' ');
    let mut out = line[..line.len() - body.len()].to_string();
    let mut rest = body;
    while let Some(r) = rest.strip_prefix("- ") {
        out.push_str("- ");
        rest = r;
    }
    // A quoted key, or a plain one (which cannot hold `: `).
    if rest.starts_with('\'') {
        match single_quoted(rest) {
            Some((text, "")) => return out + &double_quoted(&text),
            Some((text, after)) if after.starts_with(':') => {
                out.push_str(&double_quoted(&text));
                rest = after;
            }
            _ => return line.to_string(),
        }
    } else if let Some(at) = rest.find(": ").filter(|_| !rest.starts_with('"')) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
    } else {
        return out + &scalar_value(rest);
    }
    match rest.strip_prefix(": ") {
        Some(value) => out + ": " + &scalar_value(value),
        None => out + rest,
    }
}

/// A value written alone: re-quoted if single-quoted, quoted if it reads as a timestamp.
fn scalar_value(value: &str) -> String {
    if value.starts_with('\'') {
        return match single_quoted(value) {
            Some((text, "")) => double_quoted(&text),
            _ => value.to_string(),
        };
    }
    // go-yaml reads YAML 1.1, where these are booleans: it quotes them as strings.
    const YAML11_BOOLS: [&str; 16] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF",
    ];
    if is_timestamp(value) || YAML11_BOOLS.contains(&value) {
        return format!("\"{value}\"");
    }
    value.to_string()
}

/// A single-quoted scalar at the start of `s`: its text and what follows it.
fn single_quoted(s: &str) -> Option<(String, &str)> {
    let mut text = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                text.push('\'');
            } else {
                return Some((text, &s[i + 1..]));
            }
        } else {
            text.push(c);
        }
    }
    None
}

fn double_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether go-yaml reads a plain scalar as a timestamp (`2025-01-15`, `2025-01-15T12:00:00Z`).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..4) && b.get(4) == Some(&b'-')) {
        return false;
    }
    let date = digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10);
    date && (b.len() == 10
        || (matches!(b.get(10), Some(b'T' | b't' | b' '))
            && digits(11..13)
            && b.get(13) == Some(&b':')))
}

/// `-o json`: Go's `json.MarshalIndent` with four spaces, `<`, `>` and `&` escaped as Go does.
fn json(v: &serde_json::Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if sorted(v).serialize(&mut ser).is_err() {
        return String::new();
    }
    let text = String::from_utf8(buf).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_go_yaml_does() {
        assert_eq!(requote("  resourceVersion: ''"), "  resourceVersion: \"\"");
        assert_eq!(requote("    primary: 'true'"), "    primary: \"true\"");
        assert_eq!(requote("- 'it''s'"), "- \"it's\"");
        assert_eq!(requote("  '80': x"), "  \"80\": x");
        assert_eq!(
            requote("  creationTimestamp: 2025-01-15T12:00:00Z"),
            "  creationTimestamp: \"2025-01-15T12:00:00Z\""
        );
        assert_eq!(requote("- name: web"), "- name: web");
        assert_eq!(requote("  text: 'a \"b\"'"), "  text: \"a \\\"b\\\"\"");
        assert_eq!(requote("  open: 'not closed"), "  open: 'not closed");
        assert_eq!(requote("  enabled: yes"), "  enabled: \"yes\"");
        assert!(!is_timestamp("2025-1-15"));
        assert!(is_timestamp("2025-01-15"));
    }

    #[test]
    fn json_escapes_as_go_does() {
        let v = serde_json::json!({"b": "<a&b>", "a": 1});
        assert_eq!(
            json(&v),
            "{\n    \"a\": 1,\n    \"b\": \"\\u003ca\\u0026b\\u003e\"\n}\n"
        );
    }
}
