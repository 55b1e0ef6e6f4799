//! A Service's endpoints, computed once by the EndpointSlice controller's rules and read by
//! everything that shows or follows them: `services`, `explain`, `probe`, the diagrams and the
//! console's Endpoints and EndpointSlices.
//!
//! The rules (pkg/controller/endpointslice and staging/src/k8s.io/endpointslice, kube-proxy's
//! `CategorizeEndpoints`):
//! - A pod is listed under a Service port only where the port resolves on it: a named
//!   targetPort is looked up in that pod's container ports (`FindPort`); a pod without it is
//!   no endpoint of that port.
//! - Pods in phase `Succeeded` or `Failed`, and pods with status but no IP yet, are no
//!   endpoints (`ShouldPodBeInEndpoints`).
//! - `serving` is the pod's `Ready` condition (or `publishNotReadyAddresses`); `terminating`
//!   is a set `deletionTimestamp`; `ready` is `publishNotReadyAddresses || (serving &&
//!   !terminating)`.
//! - kube-proxy sends a port's traffic to its ready endpoints; only when none is ready, to the
//!   serving terminating ones.
//! - A `hostNetwork` pod's address is its node's.
//!
//! A manifest without `status` says nothing of readiness: its pods are taken as ready, and the
//! endpoint says so (`status_assumed`) so the explanation can.

use crate::model::{Model, Pod, Service};
use serde::Serialize;
use std::net::IpAddr;

/// A backend of a Service.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Backend {
    /// A pod group its selector selects, or whose IP an Endpoints object lists.
    Group(usize),
    /// An address listed by Endpoints/EndpointSlices that no pod in the manifests carries.
    Address(IpAddr),
}

/// One endpoint of a Service: one pod (or, for a workload manifest whose pods the input does
/// not show, all of them), or an address an Endpoints object lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceEndpoint {
    /// Index into `ServiceReport::backends`.
    pub backend: usize,
    /// Index into the group's `pods`; `None` for a workload manifest without Pod objects (the
    /// endpoint stands for every pod it makes) and for an Endpoints address.
    pub pod: Option<usize>,
    /// The address an EndpointSlice lists: the pod's first IP, its node's for a `hostNetwork`
    /// pod; `None` where the input gives none (a manifest: the cluster assigns it).
    pub address: Option<IpAddr>,
    /// `spec.nodeName` of the pod, when the input gives it.
    pub node: Option<String>,
    /// Per Service port (same order as `Service::ports`): the port number on this endpoint, or
    /// `None` where the targetPort does not resolve on it (it is no endpoint of that port).
    pub ports: Vec<Option<u16>>,
    /// EndpointSlice `conditions.ready`: `publishNotReadyAddresses || (serving && !terminating)`;
    /// kube-proxy sends a port's traffic to its ready endpoints first.
    pub ready: bool,
    /// EndpointSlice `conditions.serving`: the pod's `Ready` condition (or
    /// `publishNotReadyAddresses`), whether or not it is terminating.
    pub serving: bool,
    /// EndpointSlice `conditions.terminating`: the pod has a `deletionTimestamp`; it gets traffic
    /// only when no endpoint of the port is ready.
    pub terminating: bool,
    /// The input gives no status for this pod: taken as ready.
    pub status_assumed: bool,
}

impl ServiceEndpoint {
    /// Whether it is an endpoint of Service port `port` at all.
    pub fn has_port(&self, port: usize) -> bool {
        self.ports.get(port).copied().flatten().is_some()
    }
}

/// The endpoints of `service`, whose `backends` are given and whose ports resolve on each
/// backend as `resolved[port][backend]` says.
pub fn endpoints(
    model: &Model,
    service: &Service,
    backends: &[Backend],
    resolved: &[Vec<Option<u16>>],
) -> Vec<ServiceEndpoint> {
    let publish = service.publish_not_ready_addresses;
    let mut out = Vec::new();
    for (bi, backend) in backends.iter().enumerate() {
        let ports: Vec<Option<u16>> = resolved.iter().map(|r| r[bi]).collect();
        match backend {
            Backend::Address(ip) => out.push(ServiceEndpoint {
                backend: bi,
                pod: None,
                address: Some(*ip),
                node: None,
                ports,
                // An Endpoints object's `addresses` are its ready ones (the model keeps no
                // others).
                ready: true,
                serving: true,
                terminating: false,
                status_assumed: false,
            }),
            Backend::Group(g) => {
                let group = &model.groups[*g];
                if group.pods.is_empty() {
                    out.push(ServiceEndpoint {
                        backend: bi,
                        pod: None,
                        address: group.ips.first().copied(),
                        node: None,
                        ports,
                        ready: true,
                        serving: true,
                        terminating: false,
                        status_assumed: true,
                    });
                    continue;
                }
                for (pi, pod) in group.pods.iter().enumerate() {
                    if let Some(e) = pod_endpoint(pod, publish) {
                        out.push(ServiceEndpoint {
                            backend: bi,
                            pod: Some(pi),
                            ports: ports.clone(),
                            ..e
                        });
                    }
                }
            }
        }
    }
    out
}

/// Whether the input carries a pod's status at all (a dump does; a manifest does not).
fn has_status(pod: &Pod) -> bool {
    pod.phase.is_some() || pod.ready.is_some() || !pod.ips.is_empty()
}

/// A pod's endpoint (without backend and ports), or `None` where the controller lists none.
fn pod_endpoint(pod: &Pod, publish_not_ready: bool) -> Option<ServiceEndpoint> {
    let known = has_status(pod);
    if matches!(pod.phase.as_deref(), Some("Succeeded" | "Failed")) {
        return None;
    }
    let address = if pod.host_network {
        pod.host_ip.or_else(|| pod.ips.first().copied())
    } else {
        pod.ips.first().copied()
    };
    if known && address.is_none() {
        // Status without an IP: not started yet, no endpoint.
        return None;
    }
    // `IsPodReady`: the Ready condition is True; a pod with status and no such condition is
    // not ready.
    let pod_ready = !known || pod.ready == Some(crate::model::ConditionStatus::True);
    let serving = publish_not_ready || pod_ready;
    let terminating = pod.terminating;
    Some(ServiceEndpoint {
        backend: 0,
        pod: None,
        address,
        node: pod.node.clone(),
        ports: Vec::new(),
        ready: publish_not_ready || (serving && !terminating),
        serving,
        terminating,
        status_assumed: !known,
    })
}

/// The endpoints kube-proxy sends Service port `port`'s traffic to (indices into
/// `endpoints`): its ready endpoints, or, when none is ready, its serving terminating ones.
pub fn served(endpoints: &[ServiceEndpoint], port: usize) -> Vec<usize> {
    let of_port = || {
        endpoints
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.has_port(port))
    };
    let ready: Vec<usize> = of_port().filter(|(_, e)| e.ready).map(|(i, _)| i).collect();
    if !ready.is_empty() {
        return ready;
    }
    of_port()
        .filter(|(_, e)| e.serving && e.terminating)
        .map(|(i, _)| i)
        .collect()
}

/// The endpoints a headless Service's DNS name returns (indices into `endpoints`): every ready
/// one, whatever its ports (cluster DNS lists a headless Service's ready endpoint addresses).
pub fn dns_answers(endpoints: &[ServiceEndpoint]) -> Vec<usize> {
    endpoints
        .iter()
        .enumerate()
        .filter(|(_, e)| e.ready)
        .map(|(i, _)| i)
        .collect()
}
