//! Pods and workloads become pod groups: labels, container ports, replica count, owner, and
//! for a Pod object what the cluster reports of it. Which endpoint a pod belongs to is decided
//! once every object is read (`group`), from the controllers named here.

use super::reader::{Node, ObjectReader};
use super::validate;
use super::Meta;
use crate::diag::Code;
use crate::model::{ConditionStatus, ContainerPort, Pod, PodGroup, WorkloadKind};
use std::net::IpAddr;

/// The controlling `ownerReference` of an object (`controller: true`): what made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controller {
    pub kind: String,
    pub name: String,
}

/// The object's controller, if an `ownerReferences` entry says `controller: true`.
pub fn read_controller(r: &mut ObjectReader, root: &Node) -> Option<Controller> {
    let metadata = r.mapping(root, "metadata")?;
    let mut controller = None;
    for owner in r.list(&metadata, "ownerReferences") {
        if r.boolean(&owner, "controller") != Some(true) {
            continue;
        }
        let (kind, name) = (r.string(&owner, "kind"), r.string(&owner, "name"));
        if let (Some(kind), Some(name), None) = (kind, name, &controller) {
            controller = Some(Controller { kind, name });
        }
    }
    controller
}

/// A Pod object: a group of one, holding the pod as the input shows it.
pub fn read_pod(r: &mut ObjectReader, root: &Node, meta: &Meta) -> Option<PodGroup> {
    let Some(spec) = r.mapping(root, "spec") else {
        r.error(Code::MissingField, root, "a Pod needs `spec`".into());
        return None;
    };
    let ports = read_pod_spec(r, &spec);
    let mut pod = Pod {
        name: meta.name.clone(),
        ips: Vec::new(),
        node: r.string(&spec, "nodeName"),
        host_ip: None,
        host_network: r.boolean(&spec, "hostNetwork").unwrap_or(false),
        phase: None,
        ready: None,
        terminating: r
            .mapping(root, "metadata")
            .and_then(|m| r.field(&m, "deletionTimestamp"))
            .is_some(),
        location: meta.location.clone(),
    };
    if let Some(status) = r.mapping(root, "status") {
        if let Some(ip) = r.string(&status, "podIP") {
            push_ip(r, &status, "podIP", &ip, &mut pod.ips);
        }
        for entry in r.list(&status, "podIPs") {
            if let Some(ip) = r.string(&entry, "ip") {
                push_ip(r, &entry, "ip", &ip, &mut pod.ips);
            }
        }
        if let Some(ip) = r.string(&status, "hostIP") {
            let mut host = Vec::new();
            push_ip(r, &status, "hostIP", &ip, &mut host);
            pod.host_ip = host.pop();
        }
        pod.phase = r.string(&status, "phase");
        for condition in r.list(&status, "conditions") {
            if r.string(&condition, "type").as_deref() == Some("Ready") {
                pod.ready = r
                    .string(&condition, "status")
                    .map(|s| ConditionStatus::parse(&s));
            }
        }
    }
    Some(PodGroup {
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        owner: None,
        replicas: 1,
        labels: meta.labels.clone(),
        ports,
        ips: pod.ips.clone(),
        pods: vec![pod],
        part: None,
        location: meta.location.clone(),
    })
}

fn push_ip(r: &mut ObjectReader, node: &Node, key: &str, text: &str, ips: &mut Vec<IpAddr>) {
    match text.parse::<IpAddr>() {
        Ok(ip) if !ips.contains(&ip) => ips.push(ip),
        Ok(_) => {}
        Err(_) => {
            let at = r.field(node, key).expect("just read");
            r.error(
                Code::InvalidValue,
                &at,
                format!("`{text}` is not an IP address"),
            );
        }
    }
}

/// A workload: the pods of its template (for a CronJob, of its jobTemplate).
pub fn read_workload(
    r: &mut ObjectReader,
    root: &Node,
    meta: &Meta,
    kind: WorkloadKind,
) -> Option<PodGroup> {
    let Some(mut spec) = r.mapping(root, "spec") else {
        r.error(
            Code::MissingField,
            root,
            format!("a {} needs `spec`", kind.as_str()),
        );
        return None;
    };
    if kind == WorkloadKind::CronJob {
        let job = r.mapping(&spec, "jobTemplate");
        let job_spec = job.and_then(|j| r.mapping(&j, "spec"));
        let Some(job_spec) = job_spec else {
            r.error(
                Code::MissingField,
                &spec,
                "a CronJob needs `jobTemplate.spec`".into(),
            );
            return None;
        };
        spec = job_spec;
    }
    let Some(template) = r.mapping(&spec, "template") else {
        r.error(Code::MissingField, &spec, "`template` is required".into());
        return None;
    };
    let labels = match r.mapping(&template, "metadata") {
        Some(m) => r.labels(&m, "labels"),
        None => Default::default(),
    };
    check_selector(r, &spec, kind, &labels);
    let replicas = match kind {
        // One pod per node; the model has one node.
        WorkloadKind::DaemonSet => 1,
        WorkloadKind::Job | WorkloadKind::CronJob => count(r, &spec, "parallelism"),
        _ => count(r, &spec, "replicas"),
    };
    let Some(pod_spec) = r.mapping(&template, "spec") else {
        r.error(
            Code::MissingField,
            &template,
            "`template.spec` is required".into(),
        );
        return None;
    };
    let ports = read_pod_spec(r, &pod_spec);
    Some(PodGroup {
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        owner: Some(kind),
        replicas,
        labels,
        ports,
        ips: Vec::new(),
        pods: Vec::new(),
        part: None,
        location: meta.location.clone(),
    })
}

/// `replicas` or `parallelism`: a count of at least 0, 1 when absent.
fn count(r: &mut ObjectReader, spec: &Node, key: &str) -> u32 {
    match r.integer(spec, key) {
        None => 1,
        Some(n) if (0..=i32::MAX as i64).contains(&n) => n as u32,
        Some(n) => {
            let at = r.field(spec, key).expect("just read");
            r.error(
                Code::InvalidValue,
                &at,
                format!("`{key}` is {n}; it must not be negative"),
            );
            1
        }
    }
}

/// The controller's selector must select its own template's pods, as the API server demands.
fn check_selector(
    r: &mut ObjectReader,
    spec: &Node,
    kind: WorkloadKind,
    labels: &crate::model::Labels,
) {
    let selector = match kind {
        WorkloadKind::ReplicationController => r
            .mapping(spec, "selector")
            .map(|_| crate::model::LabelSelector::from_labels(r.labels(spec, "selector"))),
        _ => r.selector(spec, "selector"),
    };
    let required = matches!(
        kind,
        WorkloadKind::Deployment
            | WorkloadKind::ReplicaSet
            | WorkloadKind::StatefulSet
            | WorkloadKind::DaemonSet
    );
    match selector {
        None if required => r.error(
            Code::MissingField,
            spec,
            format!("`selector` is required in a {} of apps/v1", kind.as_str()),
        ),
        Some(sel) if sel.is_empty() && required => {
            let at = r.field(spec, "selector").expect("just read");
            r.error(
                Code::InvalidSelector,
                &at,
                "`selector` must not be empty".into(),
            );
        }
        Some(sel) if !sel.matches(labels) => {
            let at = r.field(spec, "selector").expect("just read");
            r.error(
                Code::InvalidSelector,
                &at,
                format!("`selector` ({sel}) does not match the template's labels"),
            );
        }
        _ => {}
    }
}

/// The ports of a pod's containers (and of its sidecar init containers, which keep running).
fn read_pod_spec(r: &mut ObjectReader, spec: &Node) -> Vec<ContainerPort> {
    let mut ports: Vec<ContainerPort> = Vec::new();
    let containers = r.list(spec, "containers");
    if containers.is_empty() {
        r.error(
            Code::MissingField,
            spec,
            "`containers` must list at least one container".into(),
        );
    }
    let sidecars: Vec<Node> = r
        .list(spec, "initContainers")
        .into_iter()
        .filter(|c| r.string(c, "restartPolicy").as_deref() == Some("Always"))
        .collect();
    for container in containers.iter().chain(sidecars.iter()) {
        let name = r
            .name(container, "name", validate::dns1123_label)
            .unwrap_or_default();
        if name.is_empty() {
            r.error(
                Code::MissingField,
                container,
                "a container needs a `name`".into(),
            );
        }
        for port in r.list(container, "ports") {
            let Some(number) = r.port_number(&port, "containerPort", 1) else {
                if r.field(&port, "containerPort").is_none() {
                    r.error(
                        Code::MissingField,
                        &port,
                        "`containerPort` is required".into(),
                    );
                }
                continue;
            };
            let protocol = r.protocol(&port);
            let port_name = r.name(&port, "name", validate::iana_svc_name);
            if let Some(n) = &port_name {
                if ports.iter().any(|p| p.name.as_deref() == Some(n)) {
                    let at = r.field(&port, "name").expect("just read");
                    r.error(
                        Code::Duplicate,
                        &at,
                        format!("port name `{n}` is used twice in this pod; names must be unique across its containers"),
                    );
                }
            }
            ports.push(ContainerPort {
                container: name.clone(),
                name: port_name,
                port: number,
                protocol,
            });
        }
    }
    ports
}
