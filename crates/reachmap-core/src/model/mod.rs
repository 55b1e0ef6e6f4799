//! The model: every object the analysis needs, read from the manifests, as plain data.
//!
//! Objects the API server would reject are not in the model (their diagnostics say so), so the
//! analysis only ever sees what a cluster would hold.

pub mod distinguish;
pub mod labels;
mod pods;

use crate::diag::Location;
pub use distinguish::{Distinctions, Features};
use ipnet::IpNet;
pub use labels::{format_labels, matches_all, LabelSelector, Labels, Operator, Requirement};
pub use pods::{ConditionStatus, Part, Pod};
use serde::Serialize;
use std::fmt;
use std::net::IpAddr;

/// The namespace of objects that do not name one.
pub const DEFAULT_NAMESPACE: &str = "default";
/// The label every namespace carries, whose value is its name.
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// A transport protocol of a port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Protocol {
    #[serde(rename = "TCP")]
    Tcp,
    #[serde(rename = "UDP")]
    Udp,
    #[serde(rename = "SCTP")]
    Sctp,
}

impl Protocol {
    /// Parses the protocol as the API spells it (`TCP`, `UDP`, `SCTP`; case-sensitive).
    pub fn parse(s: &str) -> Option<Protocol> {
        match s {
            "TCP" => Some(Protocol::Tcp),
            "UDP" => Some(Protocol::Udp),
            "SCTP" => Some(Protocol::Sctp),
            _ => None,
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
        })
    }
}

/// A port given by number or by the name of a container port (an `IntOrString`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum PortRef {
    Number(u16),
    Name(String),
}

impl fmt::Display for PortRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortRef::Number(n) => write!(f, "{n}"),
            PortRef::Name(s) => f.write_str(s),
        }
    }
}

/// A declared container port.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ContainerPort {
    pub container: String,
    pub name: Option<String>,
    pub port: u16,
    pub protocol: Protocol,
}

/// The kind of controller that owns a pod group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum WorkloadKind {
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
    ReplicationController,
}

impl WorkloadKind {
    /// The kind as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::ReplicaSet => "ReplicaSet",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::Job => "Job",
            WorkloadKind::CronJob => "CronJob",
            WorkloadKind::ReplicationController => "ReplicationController",
        }
    }

    /// Parses a kind as the API spells it.
    pub fn parse(kind: &str) -> Option<WorkloadKind> {
        [
            WorkloadKind::Deployment,
            WorkloadKind::ReplicaSet,
            WorkloadKind::StatefulSet,
            WorkloadKind::DaemonSet,
            WorkloadKind::Job,
            WorkloadKind::CronJob,
            WorkloadKind::ReplicationController,
        ]
        .into_iter()
        .find(|k| k.as_str() == kind)
    }
}

/// Pods that behave alike: a bare Pod (a group of one) or the pods of one workload (its live
/// pods when the input has them, else those its manifest would make); see ARCHITECTURE.md,
/// "Pods grouped by their workload".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PodGroup {
    pub namespace: String,
    pub name: String,
    /// The workload that makes these pods; `None` for a bare Pod.
    pub owner: Option<WorkloadKind>,
    /// How many pods: the live pods, or `spec.replicas` (default 1), a Job's parallelism, 1 per
    /// node for a DaemonSet.
    pub replicas: u32,
    /// The labels all its pods carry (a workload manifest's: its template's).
    pub labels: Labels,
    /// Its pods' container ports (its first pod's: ports no rule names may differ by pod).
    pub ports: Vec<ContainerPort>,
    /// Pod IPs, only where the input carries `status.podIP`/`status.podIPs`: every pod's.
    pub ips: Vec<IpAddr>,
    /// The Pod objects it stands for, sorted by name; empty for a workload manifest whose pods
    /// the input does not show.
    pub pods: Vec<Pod>,
    /// Which part of a workload's pods it is, when policies tell them apart.
    pub part: Option<Part>,
    pub location: Location,
}

impl PodGroup {
    /// The endpoint name: `namespace/name` for a bare Pod, `namespace/name[Kind]` for a
    /// workload, `namespace/name[Kind#2]` for the second part of a workload's pods.
    pub fn endpoint(&self) -> String {
        match (self.owner, &self.part) {
            (None, _) => format!("{}/{}", self.namespace, self.name),
            (Some(kind), None) => format!("{}/{}[{}]", self.namespace, self.name, kind.as_str()),
            (Some(kind), Some(part)) => format!(
                "{}/{}[{}#{}]",
                self.namespace,
                self.name,
                kind.as_str(),
                part.index
            ),
        }
    }

    /// The container port with this name and protocol, if any.
    pub fn named_port(&self, name: &str, protocol: Protocol) -> Option<&ContainerPort> {
        self.ports
            .iter()
            .find(|p| p.protocol == protocol && p.name.as_deref() == Some(name))
    }
}

/// A namespace, declared by a manifest or implied by an object that lives in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Namespace {
    pub name: String,
    /// Its labels, always with `kubernetes.io/metadata.name`.
    pub labels: Labels,
    /// No manifest declares it: its only label is `kubernetes.io/metadata.name`.
    pub implicit: bool,
    pub location: Option<Location>,
}

/// `spec.type` of a Service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer,
    ExternalName,
}

impl ServiceType {
    pub fn parse(s: &str) -> Option<ServiceType> {
        match s {
            "ClusterIP" => Some(ServiceType::ClusterIP),
            "NodePort" => Some(ServiceType::NodePort),
            "LoadBalancer" => Some(ServiceType::LoadBalancer),
            "ExternalName" => Some(ServiceType::ExternalName),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::ClusterIP => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
            ServiceType::ExternalName => "ExternalName",
        }
    }

    /// Whether the type opens a port on every node.
    pub fn has_node_ports(self) -> bool {
        matches!(self, ServiceType::NodePort | ServiceType::LoadBalancer)
    }
}

/// `spec.clusterIP` as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClusterIp {
    /// Not given: the cluster assigns one.
    Unset,
    /// `None`: a headless Service, whose DNS name returns the pods' addresses.
    Headless,
    Ip(String),
}

/// One entry of `spec.ports`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServicePort {
    pub name: Option<String>,
    pub protocol: Protocol,
    pub port: u16,
    /// `targetPort`, or `port` when absent.
    pub target_port: PortRef,
    pub node_port: Option<u16>,
    pub location: Location,
    /// The field path, as `spec.ports[0]`.
    pub path: String,
}

/// A Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Service {
    pub namespace: String,
    pub name: String,
    pub service_type: ServiceType,
    /// `spec.selector`; `None` when absent or empty (then Endpoints name the backends).
    pub selector: Option<Labels>,
    pub cluster_ip: ClusterIp,
    pub ports: Vec<ServicePort>,
    pub external_name: Option<String>,
    pub load_balancer_ip: Option<String>,
    /// `status.loadBalancer.ingress[*].ip` or `.hostname`.
    pub load_balancer_ingress: Vec<String>,
    pub location: Location,
}

impl Service {
    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// The cluster DNS name, `name.namespace.svc.cluster.local`.
    pub fn dns_name(&self) -> String {
        format!("{}.{}.svc.cluster.local", self.name, self.namespace)
    }
}

/// The backend addresses an Endpoints or EndpointSlice object gives a Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EndpointAddresses {
    pub namespace: String,
    /// The Service the addresses belong to.
    pub service: String,
    /// `Endpoints` or `EndpointSlice`, and the object's name.
    pub kind: &'static str,
    pub name: String,
    /// Ready addresses only: not-ready ones receive no traffic.
    pub addresses: Vec<IpAddr>,
    /// The ports, with their names (a Service port's name picks its endpoint port).
    pub ports: Vec<(Option<String>, u16, Protocol)>,
    pub location: Location,
}

/// `ipBlock` of a NetworkPolicy peer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IpBlock {
    #[serde(serialize_with = "crate::model::ser_net")]
    pub cidr: IpNet,
    #[serde(serialize_with = "crate::model::ser_nets")]
    pub except: Vec<IpNet>,
}

impl IpBlock {
    /// Whether an address is inside `cidr` and outside every `except`.
    pub fn contains(&self, ip: &IpAddr) -> bool {
        self.cidr.contains(ip) && !self.except.iter().any(|e| e.contains(ip))
    }
}

impl fmt::Display for IpBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ipBlock {}", self.cidr)?;
        if !self.except.is_empty() {
            let except: Vec<String> = self.except.iter().map(|e| e.to_string()).collect();
            write!(f, " except {}", except.join(", "))?;
        }
        Ok(())
    }
}

fn ser_net<S: serde::Serializer>(net: &IpNet, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(net)
}

fn ser_nets<S: serde::Serializer>(nets: &[IpNet], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(nets.iter().map(|n| n.to_string()))
}

/// One entry of a rule's `from` or `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Peer {
    /// `podSelector` and/or `namespaceSelector` (at least one is present).
    /// `namespaces: None` means the policy's own namespace.
    Pods {
        pods: Option<LabelSelector>,
        namespaces: Option<LabelSelector>,
    },
    IpBlock(IpBlock),
}

/// One entry of a rule's `ports`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyPort {
    /// Defaults to TCP.
    pub protocol: Protocol,
    /// `None`: every port of the protocol.
    pub port: Option<PortRef>,
    /// With a numeric `port`, the last port of a range.
    pub end_port: Option<u16>,
}

impl fmt::Display for PolicyPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.port, self.end_port) {
            (None, _) => write!(f, "{}/any", self.protocol),
            (Some(p), None) => write!(f, "{}/{p}", self.protocol),
            (Some(p), Some(end)) => write!(f, "{}/{p}-{end}", self.protocol),
        }
    }
}

/// One ingress or egress rule. An empty `peers` matches every peer (the field was absent or
/// empty); an empty `ports` matches every port.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub peers: Vec<Peer>,
    pub ports: Vec<PolicyPort>,
}

/// Where one rule and its entries are in the manifests, so that a reference to a rule
/// (`ingress[0].from[1]`) can lead there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RulePlace {
    /// The rule (the list item under `ingress` or `egress`).
    pub at: Location,
    /// Each entry of its `from` or `to`, in order.
    pub peers: Vec<Location>,
    /// Each entry of its `ports`, in order.
    pub ports: Vec<Location>,
}

/// A NetworkPolicy, with its effective `policyTypes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetworkPolicy {
    pub namespace: String,
    pub name: String,
    pub pod_selector: LabelSelector,
    pub ingress: Vec<Rule>,
    pub egress: Vec<Rule>,
    /// Effective: as given, or Ingress plus Egress when there are egress rules.
    pub isolates_ingress: bool,
    pub isolates_egress: bool,
    pub location: Location,
    /// Where each ingress rule is, in the order of `ingress`.
    pub ingress_places: Vec<RulePlace>,
    /// Where each egress rule is, in the order of `egress`.
    pub egress_places: Vec<RulePlace>,
}

impl NetworkPolicy {
    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// An object of a kind Reachmap does not analyse, listed so nothing is silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OtherObject {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    pub location: Location,
}

/// Everything read from the manifests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Model {
    /// Every namespace in use or declared, sorted by name.
    pub namespaces: Vec<Namespace>,
    /// Pod groups sorted by endpoint name.
    pub groups: Vec<PodGroup>,
    /// Services sorted by namespace and name.
    pub services: Vec<Service>,
    pub endpoint_addresses: Vec<EndpointAddresses>,
    /// Policies sorted by namespace and name.
    pub policies: Vec<NetworkPolicy>,
    pub others: Vec<OtherObject>,
}

impl Model {
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.name == name)
    }

    /// The pod group with this endpoint name (`ns/name` or `ns/name[Kind]`).
    pub fn group(&self, endpoint: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.endpoint() == endpoint)
    }

    pub fn service(&self, namespace: &str, name: &str) -> Option<&Service> {
        self.services
            .iter()
            .find(|s| s.namespace == namespace && s.name == name)
    }
}
