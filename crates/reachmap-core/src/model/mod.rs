//! The model: every object the analysis needs, read from the manifests, as plain data.
//!
//! Objects the API server would reject are not in the model (their diagnostics say so), so the
//! analysis only ever sees what a cluster would hold.

pub mod cluster;
pub mod distinguish;
pub mod labels;
mod pods;

use crate::diag::Location;
pub use cluster::{
    ClusterAction, ClusterKind, ClusterPeer, ClusterPolicy, ClusterPort, ClusterRule,
    ClusterSelect, Tier,
};
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
    /// `TCP`, the default wherever a manifest leaves the protocol out.
    #[serde(rename = "TCP")]
    Tcp,
    /// `UDP`.
    #[serde(rename = "UDP")]
    Udp,
    /// `SCTP` (stable since Kubernetes 1.20).
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
    /// A port number, 1–65535.
    Number(u16),
    /// The `name` of a container port of the pods (an IANA service name, at most 15 characters),
    /// resolved per pod: pods of one Service or policy may map it to different numbers.
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
    /// The name of the container that declares it (`spec.containers[].name`).
    pub container: String,
    /// `ports[].name`, the name a Service's `targetPort` or a policy's `port` can refer to.
    pub name: Option<String>,
    /// `ports[].containerPort`. Declaring it is informational: a container may listen on ports it
    /// does not declare, and traffic to them is not blocked for that.
    pub port: u16,
    /// `ports[].protocol` (TCP when absent).
    pub protocol: Protocol,
}

/// The kind of controller that owns a pod group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum WorkloadKind {
    /// Keeps `spec.replicas` pods (default 1) through ReplicaSets it rolls out.
    Deployment,
    /// Keeps `spec.replicas` interchangeable pods; usually made by a Deployment.
    ReplicaSet,
    /// Keeps `spec.replicas` pods with stable names (`name-0`, `name-1`, …).
    StatefulSet,
    /// Runs one pod on each (eligible) node.
    DaemonSet,
    /// Runs pods to completion, `spec.parallelism` (default 1) at a time.
    Job,
    /// Makes a Job on a schedule; its pods are those of its `jobTemplate`.
    CronJob,
    /// The older form of a ReplicaSet (equality selectors only).
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
    /// The namespace its pods run in (`metadata.namespace`, `default` when absent).
    pub namespace: String,
    /// The bare Pod's name, or the name of the workload at the top of the owner chain (a
    /// Deployment's, not its ReplicaSet's; a CronJob's, not its Jobs').
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
    /// Where the workload's manifest starts in the input, else where its first object (a Pod, or an
    /// object its controller made) starts.
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

    /// Whether its pods are host-networked (they use their node's address): the cluster
    /// policies never choose them by namespace or pod, as subject or peer.
    pub fn host_networked(&self) -> bool {
        !self.pods.is_empty() && self.pods.iter().all(|p| p.host_network)
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
    /// `metadata.name`, a DNS label.
    pub name: String,
    /// Its labels, always with `kubernetes.io/metadata.name`.
    pub labels: Labels,
    /// No manifest declares it: its only label is `kubernetes.io/metadata.name`.
    pub implicit: bool,
    /// Where its manifest starts; `None` when it is implicit.
    pub location: Option<Location>,
}

/// `spec.type` of a Service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ServiceType {
    /// The default: a virtual IP inside the cluster, proxied to the ready backends.
    ClusterIP,
    /// A ClusterIP Service that also opens `nodePort` on every node.
    NodePort,
    /// A NodePort Service that also asks the cloud provider for an external load balancer.
    LoadBalancer,
    /// A DNS CNAME to `spec.externalName`: nothing is proxied and the selector is ignored.
    ExternalName,
}

impl ServiceType {
    /// Parses `spec.type` as the API spells it (case-sensitive); `None` for anything else.
    pub(crate) fn parse(s: &str) -> Option<ServiceType> {
        match s {
            "ClusterIP" => Some(ServiceType::ClusterIP),
            "NodePort" => Some(ServiceType::NodePort),
            "LoadBalancer" => Some(ServiceType::LoadBalancer),
            "ExternalName" => Some(ServiceType::ExternalName),
            _ => None,
        }
    }

    /// The type as the API spells it.
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
    /// A fixed address as written (IPv4 or IPv6).
    Ip(String),
}

/// One entry of `spec.ports`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServicePort {
    /// `name`: required when the Service has more than one port; matched against Endpoints port
    /// names.
    pub name: Option<String>,
    /// `protocol` (TCP when absent).
    pub protocol: Protocol,
    /// `port`: what clients connect to on the cluster IP (or DNS name).
    pub port: u16,
    /// `targetPort`, or `port` when absent.
    pub target_port: PortRef,
    /// `nodePort` as written (30000–32767 by default); `None` when absent, where a NodePort or
    /// LoadBalancer Service gets one allocated by the cluster.
    pub node_port: Option<u16>,
    /// Where this port entry starts.
    pub location: Location,
    /// The field path, as `spec.ports[0]`.
    pub path: String,
}

/// A Service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Service {
    /// `metadata.namespace`, `default` when absent; a selector only picks pods of this namespace.
    pub namespace: String,
    /// `metadata.name`, a DNS label (the first part of its DNS name).
    pub name: String,
    /// `spec.type`, ClusterIP when absent.
    pub service_type: ServiceType,
    /// `spec.selector`; `None` when absent or empty (then Endpoints name the backends).
    pub selector: Option<Labels>,
    /// `spec.clusterIP`.
    pub cluster_ip: ClusterIp,
    /// `spec.ports`, in input order.
    pub ports: Vec<ServicePort>,
    /// `spec.externalName`: the host name an ExternalName Service is an alias of.
    pub external_name: Option<String>,
    /// `spec.loadBalancerIP` as written (deprecated by Kubernetes; providers may ignore it).
    pub load_balancer_ip: Option<String>,
    /// `status.loadBalancer.ingress[*].ip` or `.hostname`.
    pub load_balancer_ingress: Vec<String>,
    /// `spec.externalIPs`: addresses outside the cluster that the nodes accept for it.
    pub external_ips: Vec<String>,
    /// `spec.externalTrafficPolicy` (default `Cluster`; only NodePort and LoadBalancer use it).
    pub external_traffic_policy: TrafficPolicy,
    /// `spec.internalTrafficPolicy` (default `Cluster`).
    pub internal_traffic_policy: TrafficPolicy,
    /// `spec.publishNotReadyAddresses`: not-ready pods are endpoints too.
    pub publish_not_ready_addresses: bool,
    /// Where its manifest starts.
    pub location: Location,
}

/// `externalTrafficPolicy` / `internalTrafficPolicy` of a Service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TrafficPolicy {
    /// Any ready endpoint, on any node (the default).
    #[default]
    Cluster,
    /// Only endpoints on the node the traffic arrives at.
    Local,
}

impl TrafficPolicy {
    /// The value of `spec.externalTrafficPolicy` or `spec.internalTrafficPolicy`; `None` for
    /// anything else than `Cluster` or `Local`.
    pub fn parse(s: &str) -> Option<TrafficPolicy> {
        match s {
            "Cluster" => Some(TrafficPolicy::Cluster),
            "Local" => Some(TrafficPolicy::Local),
            _ => None,
        }
    }
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
    /// The namespace of the object, which is also the Service's.
    pub namespace: String,
    /// The Service the addresses belong to.
    pub service: String,
    /// `Endpoints` or `EndpointSlice`, and the object's name.
    pub kind: &'static str,
    /// `metadata.name`: for Endpoints, the Service's name; for an EndpointSlice, any name (the
    /// `kubernetes.io/service-name` label names the Service).
    pub name: String,
    /// Ready addresses only: not-ready ones receive no traffic.
    pub addresses: Vec<IpAddr>,
    /// The ports, with their names (a Service port's name picks its endpoint port).
    pub ports: Vec<(Option<String>, u16, Protocol)>,
    /// Where the object starts.
    pub location: Location,
}

/// `ipBlock` of a NetworkPolicy peer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IpBlock {
    /// `cidr`: the network the peer allows, IPv4 or IPv6.
    #[serde(serialize_with = "crate::model::ser_net")]
    pub cidr: IpNet,
    /// `except`: networks inside `cidr` that the peer leaves out.
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
        /// `podSelector`; `None` when absent: every pod of the selected namespaces.
        pods: Option<LabelSelector>,
        /// `namespaceSelector`; `None` when absent: the policy's own namespace only.
        namespaces: Option<LabelSelector>,
    },
    /// `ipBlock`: a range of addresses, meant for ones outside the cluster (pod IPs change).
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
    /// `from` (ingress) or `to` (egress): any one peer matching is enough (OR).
    pub peers: Vec<Peer>,
    /// `ports`: the traffic must go to one of these ports of the destination (OR).
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
    /// `metadata.namespace`, `default` when absent: the policy applies to pods of this namespace.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.podSelector`: the pods of its namespace it applies to; empty selects them all.
    pub pod_selector: LabelSelector,
    /// `spec.ingress`: traffic these rules allow into the selected pods (the union of all rules).
    pub ingress: Vec<Rule>,
    /// `spec.egress`: traffic these rules allow out of the selected pods.
    pub egress: Vec<Rule>,
    /// Effective: as given, or Ingress plus Egress when there are egress rules.
    pub isolates_ingress: bool,
    /// Effective: as given, or true when `policyTypes` is absent and there are egress rules. A
    /// policy that isolates egress with no rule denies all egress of its pods.
    pub isolates_egress: bool,
    /// Where its manifest starts.
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
    /// `kind` as written (`Ingress`, `ConfigMap`, a custom resource's kind, …).
    pub kind: String,
    /// `metadata.namespace`, or `default` when absent: the parser does not know which unanalysed
    /// kinds are cluster-scoped, so this is always `Some` today.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
    /// Where the object starts.
    pub location: Location,
}

/// An object of an analysed kind that the API server would refuse (an unknown field, an invalid
/// value…): left out of the analysis, but listed so the diagrams draw it greyed with its error
/// instead of letting it vanish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RejectedObject {
    /// `kind` as written (`NetworkPolicy`, `Deployment`, …).
    pub kind: String,
    /// `metadata.namespace` (`default` when absent); `None` for a cluster-scoped kind.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
    /// Where the object starts.
    pub location: Location,
    /// Its first error, as the diagnostics list says it.
    pub error: String,
}

impl RejectedObject {
    /// `NetworkPolicy default/web-allow`, `Namespace shop`: as the diagnostics name it.
    pub fn display(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {ns}/{}", self.kind, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }
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
    /// Endpoints and EndpointSlices, in input order: the backends of selector-less Services.
    pub endpoint_addresses: Vec<EndpointAddresses>,
    /// Policies sorted by namespace and name.
    pub policies: Vec<NetworkPolicy>,
    /// Cluster-wide policies (ClusterNetworkPolicy, AdminNetworkPolicy,
    /// BaselineAdminNetworkPolicy), sorted by kind and name.
    pub cluster_policies: Vec<ClusterPolicy>,
    /// Objects of kinds Reachmap does not analyse, in input order.
    pub others: Vec<OtherObject>,
    /// Objects left out because the API server would refuse them, in input order.
    pub rejected: Vec<RejectedObject>,
}

impl Model {
    /// The namespace with this name (every namespace an object uses is there, maybe implicit).
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.name == name)
    }

    /// The pod group with this endpoint name (`ns/name` or `ns/name[Kind]`).
    pub fn group(&self, endpoint: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.endpoint() == endpoint)
    }

    /// The Service `namespace/name`, if the model has it.
    pub fn service(&self, namespace: &str, name: &str) -> Option<&Service> {
        self.services
            .iter()
            .find(|s| s.namespace == namespace && s.name == name)
    }
}
