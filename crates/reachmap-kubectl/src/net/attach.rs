//! The pod `kubectl port-forward` and `kubectl exec` attach to, as kubectl finds it from
//! `TYPE/NAME` (the pod itself, or the first pod of a workload or of a Service's selection),
//! and the pod's port a remote port means (a Service's port translated to its targetPort on that
//! pod). `curl localhost:LOCAL` through a running port-forward finds its pod the same way.

use crate::kinds::{self, Kind};
use crate::Ctx;
use reachmap_core::analysis::{node_service_flow, Backend};
use reachmap_core::model::{ClusterIp, WorkloadKind};

/// The pod a `TYPE/NAME` (or a pod's name) leads to, as kubectl finds the pod it attaches to:
/// the pod itself, or the first pod of a workload or of a Service's selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub group: usize,
    pub pod: usize,
    /// The Service when the target is one (its ports are translated to the pod's).
    pub service: Option<usize>,
}

pub fn resolve_target(ctx: &Ctx, namespace: &str, word: &str) -> Result<Target, String> {
    let model = &ctx.parsed.model;
    let (kind, name) = match word.split_once('/') {
        Some((k, n)) => (Kind::parse(k).ok_or_else(|| kinds::unknown(k))?, n),
        None => (Kind::Pod, word),
    };
    let timed_out = || "error: timed out waiting for the condition".to_string();
    let first_pod = |group: usize| (!ctx.cluster.pods[group].is_empty()).then_some(group);
    match kind {
        Kind::Pod => ctx
            .cluster
            .pod_by_name(model, namespace, name)
            .map(|(group, pod)| Target {
                group,
                pod,
                service: None,
            })
            .ok_or_else(|| kinds::not_found(Kind::Pod, name)),
        Kind::Service => {
            let s = model
                .services
                .iter()
                .position(|s| s.namespace == namespace && s.name == name)
                .ok_or_else(|| kinds::not_found(Kind::Service, name))?;
            if model.services[s].selector.is_none() {
                return Err(format!(
                    "error: invalid service '{name}': Service is defined without a selector"
                ));
            }
            let report = ctx.services.iter().find(|r| r.service == s);
            let group = report
                .into_iter()
                .flat_map(|r| &r.backends)
                .find_map(|b| match b {
                    Backend::Group(g) => first_pod(*g),
                    Backend::Address(_) => None,
                })
                .ok_or_else(timed_out)?;
            Ok(Target {
                group,
                pod: 0,
                service: Some(s),
            })
        }
        k => {
            let Some(workload) = WorkloadKind::parse(k.api_kind()) else {
                let t = k.api_kind();
                return Err(format!(
                    "error: cannot attach to *v1.{t}: selector for *v1.{t} not implemented"
                ));
            };
            let group = model
                .groups
                .iter()
                .position(|g| {
                    g.owner == Some(workload) && g.namespace == namespace && g.name == name
                })
                .ok_or_else(|| kinds::not_found(k, name))?;
            first_pod(group).ok_or_else(timed_out)?;
            Ok(Target {
                group,
                pod: 0,
                service: None,
            })
        }
    }
}

/// The pod's port that a remote port of the target means: for a Service, the targetPort its
/// port resolves to on the chosen pod (as the node reaches it, `node_service_flow`; a
/// headless Service's port as it is); else the port itself.
pub fn container_port(ctx: &Ctx, target: &Target, remote: u16) -> Result<u16, String> {
    let Some(s) = target.service else {
        return Ok(remote);
    };
    let model = &ctx.parsed.model;
    let service = &model.services[s];
    let index = service
        .ports
        .iter()
        .position(|p| p.port == remote)
        .ok_or_else(|| {
            format!(
                "error: Service {} does not have a service port {remote}",
                service.name
            )
        })?;
    if service.cluster_ip == ClusterIp::Headless {
        return Ok(remote);
    }
    let pod = &ctx.cluster.pods[target.group][target.pod].name;
    let missing = || {
        format!(
            "error: Pod '{pod}' does not have a named port '{}'",
            service.ports[index].target_port
        )
    };
    let report = ctx
        .services
        .iter()
        .find(|r| r.service == s)
        .ok_or_else(missing)?;
    node_service_flow(model, report, index)
        .backends
        .iter()
        .find(|b| b.backend == Backend::Group(target.group))
        .and_then(|b| b.target)
        .map(|probe| probe.port)
        .ok_or_else(missing)
}
