//! The pods an endpoint stands for, as the input shows them: each Pod object of a dump (or a
//! bare Pod manifest) with what the cluster reports of it, and, when policies tell a
//! workload's pods apart, which part of them an endpoint is.

use crate::diag::Location;
use serde::Serialize;
use std::net::IpAddr;

/// One Pod object of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pod {
    /// `metadata.name`.
    pub name: String,
    /// `status.podIP` and `status.podIPs`, without repeats; empty when the input gives none.
    pub ips: Vec<IpAddr>,
    /// `spec.nodeName`: the node it was scheduled on.
    pub node: Option<String>,
    /// `status.hostIP`: its node's address.
    pub host_ip: Option<IpAddr>,
    /// `spec.hostNetwork`: it uses its node's network namespace (and address).
    pub host_network: bool,
    /// `status.phase` as written (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`).
    pub phase: Option<String>,
    /// `status.conditions[type=Ready].status`; `None` when the input gives no such condition.
    pub ready: Option<ConditionStatus>,
    /// `metadata.deletionTimestamp` is set: the pod is terminating.
    pub terminating: bool,
    /// Where the Pod object starts in the input.
    pub location: Location,
}

/// The status of a pod condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ConditionStatus {
    /// `True`.
    True,
    /// `False`.
    False,
    /// `Unknown`, or a value the API does not define.
    Unknown,
}

impl ConditionStatus {
    /// Reads a condition's `status` as the API spells it.
    pub fn parse(s: &str) -> ConditionStatus {
        match s {
            "True" => ConditionStatus::True,
            "False" => ConditionStatus::False,
            _ => ConditionStatus::Unknown,
        }
    }
}

/// An endpoint that is one part of a workload's pods: the policies (or Services) of the input
/// tell its pods apart from the workload's other pods, so they get an endpoint of their own
/// (`ns/name[Kind#index]`) rather than share a verdict that is not theirs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// 1-based, in the order of each part's first pod name.
    pub index: usize,
    /// How many parts the workload's pods make.
    pub count: usize,
    /// What sets this part apart from the others, in words (`label version=v2`, `an IP in
    /// ipBlock 10.0.0.0/16`).
    pub differences: Vec<String>,
}
