//! `kubectl describe`: kubectl's describers (k8s.io/kubectl pkg/describe), written as they
//! write — tab-separated cells through the same tabwriter settings — from the model, the
//! Service reports and the simulated cluster.

use super::objects::{self, containers, pod_spec, Obj, Source};
use super::service::{self, at_most_three};
use super::tabwriter::{self, DESCRIBE};
use super::{find, list, nothing_found, scope};
use crate::args::{parse_command, Flag};
use crate::kinds::{self, Kind};
use crate::resources::{check_names, requests, Request};
use crate::selector::{self, from_value, scalar, string_map};
use crate::sim::clock::{go_string, rfc1123z, CLUSTER_AGE, CONTAINER_START_DELAY};
use crate::sim::{
    api_access_volume, hex_id, node_annotations, ARCHITECTURE, CONTAINER_RUNTIME, HEARTBEAT_AGO,
    KERNEL_VERSION, LEASE_RENEWED_AGO, NODE_IDS, NODE_IP, NODE_NAME, NODE_POD_CIDR, NODE_RESOURCES,
    NODE_ROLES, NODE_VERSION, OPERATING_SYSTEM, OS_IMAGE,
};
use crate::{Ctx, Outcome};
use reachmap_core::model::{Labels, NetworkPolicy, Peer, Rule};
use serde_yaml::Value;

const FLAGS: &[Flag] = &[
    Flag::value("selector").short('l'),
    Flag::boolean("show-events"),
];

pub(crate) fn kubectl_describe(ctx: &Ctx, words: &[String]) -> Outcome {
    let args = match parse_command(words, FLAGS, "kubectl describe") {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    if args.positional.is_empty() {
        return ctx.fail("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
    }
    let selector = requests(&args.positional).and_then(|requests| {
        let selector = crate::resources::selector(&args)?;
        check_names(&requests, selector.is_some(), args.all_namespaces())?;
        Ok((requests, selector.unwrap_or_default()))
    });
    let (requests, selector) = match selector {
        Ok(read) => read,
        Err(e) => return ctx.fail(e),
    };
    let namespace = scope(&args);
    let mut objs = Vec::new();
    let mut errors = Vec::new();
    for Request { kind, name } in &requests {
        match name {
            None => objs.extend(
                list(ctx, *kind, namespace)
                    .into_iter()
                    .filter(|o| selector::matches(&selector, &o.labels)),
            ),
            Some(name) => match find(ctx, *kind, args.namespace(), name) {
                Some(o) => objs.push(o),
                None => errors.push(kinds::not_found(*kind, name)),
            },
        }
    }
    // kubectl 1.31 shows events for every object described, unless `--show-events=false`.
    let events = args.get("show-events").is_none_or(|v| v == "true");
    // A name that is no object's: kubectl describes every object whose name starts with it.
    if let (
        [Request {
            kind,
            name: Some(prefix),
        }],
        [_, _],
    ) = (requests.as_slice(), args.positional.as_slice())
    {
        if objs.is_empty() {
            let matching: Vec<Obj> = list(ctx, *kind, namespace)
                .into_iter()
                .filter(|o| o.name.starts_with(prefix.as_str()))
                .collect();
            if !matching.is_empty() {
                let mut out = String::new();
                for o in &matching {
                    out.push_str(&describe(ctx, o, events));
                    out.push('\n');
                }
                return ctx.print(out);
            }
        }
    }
    let described: Vec<String> = objs.iter().map(|o| describe(ctx, o, events)).collect();
    let mut out = described.join("\n\n");
    if objs.is_empty() && errors.is_empty() {
        out = nothing_found(namespace) + "\n";
    }
    for e in &errors {
        out.push_str(e);
        out.push('\n');
    }
    Outcome {
        ok: errors.is_empty(),
        ..ctx.print(out)
    }
}

/// The description of one object, aligned.
fn describe(ctx: &Ctx, obj: &Obj, events: bool) -> String {
    let mut w = W::default();
    match obj.kind {
        Kind::Service => service(ctx, obj, &mut w),
        Kind::Pod => pod(ctx, obj, &mut w),
        Kind::NetworkPolicy => policy(ctx, obj, &mut w),
        Kind::Node => node(ctx, obj, &mut w),
        Kind::Namespace => namespace(ctx, obj, &mut w),
        Kind::Endpoints => endpoints(ctx, obj, &mut w),
        Kind::Deployment => deployment(ctx, obj, &mut w),
        _ => workload(ctx, obj, &mut w),
    }
    // kubectl's NetworkPolicy and Namespace describers print no events.
    if events && !matches!(obj.kind, Kind::NetworkPolicy | Kind::Namespace) {
        w.line(0, "Events:\t<none>");
    }
    tabwriter::align(&w.0, DESCRIBE)
}

/// kubectl's `PrefixWriter`: lines indented two spaces per level, cells ended by tabs.
#[derive(Default)]
struct W(String);

impl W {
    fn line(&mut self, level: usize, text: impl AsRef<str>) {
        for _ in 0..level {
            self.0.push_str("  ");
        }
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }

    /// `printLabelsMultiline`: `Title:\tk=v`, further labels on lines of their own.
    fn labels(&mut self, title: &str, labels: &Labels) {
        if labels.is_empty() {
            return self.line(0, format!("{title}:\t<none>"));
        }
        for (i, (k, v)) in labels.iter().enumerate() {
            let lead = if i == 0 {
                format!("{title}:")
            } else {
                String::new()
            };
            self.line(0, format!("{lead}\t{k}={v}"));
        }
    }

    /// `printAnnotationsMultiline`: as labels, `key: value`, long values on lines of their own.
    fn annotations(&mut self, title: &str, annotations: &Labels) {
        let shown: Vec<(&String, &String)> = annotations
            .iter()
            .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
            .collect();
        if shown.is_empty() {
            return self.line(0, format!("{title}:\t<none>"));
        }
        for (i, (k, v)) in shown.into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{title}:")
            } else {
                String::new()
            };
            let value = v.strip_suffix('\n').unwrap_or(v);
            if value.len() + k.len() + 2 > 140 || value.contains('\n') {
                self.line(0, format!("{lead}\t{k}:"));
                for part in value.split('\n') {
                    let short = match part.char_indices().nth(138) {
                        Some((at, _)) => format!("{}...", &part[..at]),
                        None => part.to_string(),
                    };
                    self.line(0, format!("\t  {short}"));
                }
            } else {
                self.line(0, format!("{lead}\t{k}: {value}"));
            }
        }
    }
}

/// `stringOrNone`.
fn or_none(s: String) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

fn service(ctx: &Ctx, obj: &Obj, w: &mut W) {
    let svc = service::view(ctx, obj);
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(
        0,
        format!(
            "Selector:\t{}",
            selector::labels(&svc.selector.clone().unwrap_or_default())
        ),
    );
    w.line(0, format!("Type:\t{}", svc.service_type.as_str()));
    if let Some(p) = &svc.ip_family_policy {
        w.line(0, format!("IP Family Policy:\t{p}"));
    }
    w.line(
        0,
        format!("IP Families:\t{}", or_none(svc.ip_families.join(","))),
    );
    w.line(0, format!("IP:\t{}", svc.cluster_ip));
    w.line(0, format!("IPs:\t{}", or_none(svc.cluster_ip.clone())));
    if !svc.external_ips.is_empty() {
        w.line(0, format!("External IPs:\t{}", svc.external_ips.join(",")));
    }
    if let Some(ip) = &svc.load_balancer_ip {
        w.line(0, format!("Desired LoadBalancer IP:\t{ip}"));
    }
    if let Some(name) = &svc.external_name {
        w.line(0, format!("External Name:\t{name}"));
    }
    if !svc.load_balancer_ingress.is_empty() {
        w.line(
            0,
            format!(
                "LoadBalancer Ingress:\t{}",
                svc.load_balancer_ingress.join(", ")
            ),
        );
    }
    for p in &svc.ports {
        let name = p.name.clone().unwrap_or_else(|| "<unset>".into());
        w.line(0, format!("Port:\t{name}\t{}/{}", p.port, p.protocol));
        w.line(0, format!("TargetPort:\t{}/{}", p.target, p.protocol));
        if let Some(n) = p.node_port {
            w.line(0, format!("NodePort:\t{name}\t{n}/{}", p.protocol));
        }
        let endpoints = if svc.has_endpoints {
            at_most_three(&p.endpoints)
        } else {
            "<none>".into()
        };
        w.line(0, format!("Endpoints:\t{endpoints}"));
    }
    w.line(0, format!("Session Affinity:\t{}", svc.session_affinity));
    if let Some(p) = &svc.external_traffic_policy {
        w.line(0, format!("External Traffic Policy:\t{p}"));
    }
    if let Some(p) = &svc.internal_traffic_policy {
        w.line(0, format!("Internal Traffic Policy:\t{p}"));
    }
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn seq<'v>(v: Option<&'v Value>, key: &str) -> Vec<&'v Value> {
    v.and_then(|v| v.get(key))
        .and_then(Value::as_sequence)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
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
fn describe_containers(w: &mut W, spec: Option<&Value>, status: Option<(u64, &str)>, space: &str) {
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
fn describe_volumes(w: &mut W, spec: Option<&Value>, token: Option<&str>, space: &str) {
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

fn pod(ctx: &Ctx, obj: &Obj, w: &mut W) {
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

/// `metav1.FormatLabelSelector` of a NetworkPolicy peer's selector.
fn peer_lines(w: &mut W, peers: &[Peer], word: &str, any: &str) {
    if peers.is_empty() {
        return w.line(0, format!("    {word}: <any> ({any})"));
    }
    for peer in peers {
        w.line(0, format!("    {word}:"));
        match peer {
            Peer::Pods { pods, namespaces } => {
                if let Some(ns) = namespaces {
                    w.line(
                        1,
                        format!("    NamespaceSelector: {}", selector::format(ns)),
                    );
                }
                if let Some(p) = pods {
                    w.line(1, format!("    PodSelector: {}", selector::format(p)));
                }
            }
            Peer::IpBlock(b) => {
                w.line(1, "    IPBlock:");
                w.line(2, format!("    CIDR: {}", b.cidr));
                let except: Vec<String> = b.except.iter().map(|e| e.to_string()).collect();
                w.line(2, format!("    Except: {}", except.join(", ")));
            }
        }
    }
}

/// `printNetworkPolicySpecIngressFrom` / `…EgressTo`.
fn rules(w: &mut W, rules: &[Rule], egress: bool) {
    let (word, any, isolated) = if egress {
        ("To", "traffic not restricted by destination", "egress")
    } else {
        ("From", "traffic not restricted by source", "ingress")
    };
    if rules.is_empty() {
        return w.line(
            0,
            format!("    <none> (Selected pods are isolated for {isolated} connectivity)"),
        );
    }
    for (i, rule) in rules.iter().enumerate() {
        if rule.ports.is_empty() {
            w.line(0, "    To Port: <any> (traffic allowed to all ports)");
        }
        for p in &rule.ports {
            let port = p.port.as_ref().map(|p| p.to_string()).unwrap_or_default();
            match p.end_port {
                None => w.line(0, format!("    To Port: {port}/{}", p.protocol)),
                Some(end) => w.line(0, format!("    To Port Range: {port}-{end}/{}", p.protocol)),
            }
        }
        peer_lines(w, &rule.peers, word, any);
        if i + 1 < rules.len() {
            w.line(0, "    ----------");
        }
    }
}

fn policy(ctx: &Ctx, obj: &Obj, w: &mut W) {
    let Source::Policy(i) = obj.source else {
        return;
    };
    let p: &NetworkPolicy = &ctx.parsed.model.policies[i];
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.line(
        0,
        format!("Created on:\t{}", go_string(obj.age_seconds(ctx))),
    );
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, "Spec:");
    if p.pod_selector.is_empty() {
        w.line(
            0,
            "  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)",
        );
    } else {
        w.line(
            0,
            format!("  PodSelector:     {}", selector::format(&p.pod_selector)),
        );
    }
    if p.isolates_ingress {
        w.line(1, "Allowing ingress traffic:");
        rules(w, &p.ingress, false);
    } else {
        w.line(1, "Not affecting ingress traffic");
    }
    if p.isolates_egress {
        w.line(1, "Allowing egress traffic:");
        rules(w, &p.egress, true);
    } else {
        w.line(1, "Not affecting egress traffic");
    }
    // As written (in their order), else the API server's defaults.
    let written: Vec<String> = seq(
        obj.doc(ctx).and_then(|d| d.value.get("spec")),
        "policyTypes",
    )
    .into_iter()
    .filter_map(scalar)
    .collect();
    let types: Vec<String> = if written.is_empty() {
        [
            (p.isolates_ingress, "Ingress"),
            (p.isolates_egress, "Egress"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, t)| t.to_string())
        .collect()
    } else {
        written
    };
    w.line(1, format!("Policy Types: {}", or_none(types.join(", "))));
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

fn node(ctx: &Ctx, obj: &Obj, w: &mut W) {
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

fn namespace(ctx: &Ctx, obj: &Obj, w: &mut W) {
    w.line(0, format!("Name:\t{}", obj.name));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, "Status:\tActive");
    w.line(0, "");
    w.line(0, "No resource quota.");
    w.line(0, "");
    w.line(0, "No LimitRange resource.");
}

fn endpoints(ctx: &Ctx, obj: &Obj, w: &mut W) {
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, "Subsets:");
    for s in service::subsets(ctx, obj) {
        w.line(1, format!("Addresses:\t{}", or_none(s.addresses.join(","))));
        w.line(1, "NotReadyAddresses:\t<none>");
        if !s.ports.is_empty() {
            w.line(1, "Ports:");
            w.line(2, "Name\tPort\tProtocol");
            w.line(2, "----\t----\t--------");
            for (name, port, proto) in &s.ports {
                let name = name.clone().unwrap_or_else(|| "<unset>".into());
                w.line(2, format!("{name}\t{port}\t{proto}"));
            }
        }
        w.line(0, "");
    }
}

/// `DescribePodTemplate`.
fn pod_template(ctx: &Ctx, g: usize, w: &mut W) {
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

fn deployment(ctx: &Ctx, obj: &Obj, w: &mut W) {
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
fn workload(ctx: &Ctx, obj: &Obj, w: &mut W) {
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
