//! The resource types the console knows, by every name kubectl accepts for them.

/// A resource type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Pod,
    Service,
    NetworkPolicy,
    Node,
    Namespace,
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    Endpoints,
    /// The Network Policy API's cluster-scoped custom resources.
    ClusterNetworkPolicy,
    AdminNetworkPolicy,
    BaselineAdminNetworkPolicy,
    EndpointSlice,
}

/// (kind, API kind, singular, plural, short names, API group or "" for core).
type Row = (
    Kind,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

const TABLE: &[Row] = &[
    (Kind::Pod, "Pod", "pod", "pods", &["po"], ""),
    (
        Kind::Service,
        "Service",
        "service",
        "services",
        &["svc"],
        "",
    ),
    (
        Kind::NetworkPolicy,
        "NetworkPolicy",
        "networkpolicy",
        "networkpolicies",
        &["netpol"],
        "networking.k8s.io",
    ),
    (Kind::Node, "Node", "node", "nodes", &["no"], ""),
    (
        Kind::Namespace,
        "Namespace",
        "namespace",
        "namespaces",
        &["ns"],
        "",
    ),
    (
        Kind::Deployment,
        "Deployment",
        "deployment",
        "deployments",
        &["deploy"],
        "apps",
    ),
    (
        Kind::ReplicaSet,
        "ReplicaSet",
        "replicaset",
        "replicasets",
        &["rs"],
        "apps",
    ),
    (
        Kind::StatefulSet,
        "StatefulSet",
        "statefulset",
        "statefulsets",
        &["sts"],
        "apps",
    ),
    (
        Kind::DaemonSet,
        "DaemonSet",
        "daemonset",
        "daemonsets",
        &["ds"],
        "apps",
    ),
    (Kind::Job, "Job", "job", "jobs", &[], "batch"),
    (
        Kind::Endpoints,
        "Endpoints",
        "endpoints",
        "endpoints",
        &["ep"],
        "",
    ),
    (
        Kind::ClusterNetworkPolicy,
        "ClusterNetworkPolicy",
        "clusternetworkpolicy",
        "clusternetworkpolicies",
        &["cnp"],
        POLICY_API_GROUP,
    ),
    (
        Kind::AdminNetworkPolicy,
        "AdminNetworkPolicy",
        "adminnetworkpolicy",
        "adminnetworkpolicies",
        &["anp"],
        POLICY_API_GROUP,
    ),
    (
        Kind::BaselineAdminNetworkPolicy,
        "BaselineAdminNetworkPolicy",
        "baselineadminnetworkpolicy",
        "baselineadminnetworkpolicies",
        &["banp"],
        POLICY_API_GROUP,
    ),
    (
        Kind::EndpointSlice,
        "EndpointSlice",
        "endpointslice",
        "endpointslices",
        &[],
        "discovery.k8s.io",
    ),
];

/// The Network Policy API's group (custom resources).
const POLICY_API_GROUP: &str = "policy.networking.k8s.io";

impl Kind {
    fn row(
        self,
    ) -> &'static (
        Kind,
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static str,
    ) {
        TABLE
            .iter()
            .find(|r| r.0 == self)
            .expect("every kind has a row")
    }

    /// Every kind, in the order `kubectl get all`-like listings use.
    pub fn all() -> impl Iterator<Item = Kind> {
        TABLE.iter().map(|r| r.0)
    }

    /// Reads a resource word: `pods`, `pod`, `po`, `Pod`, `svc`, `networkpolicies.networking.k8s.io`…
    pub fn parse(word: &str) -> Option<Kind> {
        let lower = word.to_ascii_lowercase();
        TABLE.iter().map(|r| r.0).find(|k| {
            let (_, api, singular, plural, shorts, group) = *k.row();
            let bare = match lower.split_once('.') {
                Some((name, g)) if g == group => name,
                _ => lower.as_str(),
            };
            bare == singular
                || bare == plural
                || shorts.contains(&bare)
                || bare == api.to_ascii_lowercase()
        })
    }

    /// The kind as the API spells it (`NetworkPolicy`).
    pub fn api_kind(self) -> &'static str {
        self.row().1
    }

    /// Reads an API kind (`Deployment`).
    pub fn from_api_kind(kind: &str) -> Option<Kind> {
        TABLE.iter().find(|r| r.1 == kind).map(|r| r.0)
    }

    /// `apiVersion` for new objects.
    pub fn api_version(self) -> &'static str {
        match self {
            Kind::ClusterNetworkPolicy => return "policy.networking.k8s.io/v1alpha2",
            Kind::AdminNetworkPolicy | Kind::BaselineAdminNetworkPolicy => {
                return "policy.networking.k8s.io/v1alpha1"
            }
            _ => {}
        }
        match self.row().5 {
            "" => "v1",
            "apps" => "apps/v1",
            "batch" => "batch/v1",
            "discovery.k8s.io" => "discovery.k8s.io/v1",
            _ => "networking.k8s.io/v1",
        }
    }

    /// How kubectl names the type in `TYPE/NAME created` lines: `pod`, `service`,
    /// `deployment.apps`, `networkpolicy.networking.k8s.io`.
    pub fn qualified(self) -> String {
        let (_, _, singular, _, _, group) = *self.row();
        if group.is_empty() {
            singular.to_string()
        } else {
            format!("{singular}.{group}")
        }
    }

    /// How kubectl names the type in server errors: `services`, `deployments.apps`,
    /// `networkpolicies.networking.k8s.io`.
    pub fn resource(self) -> String {
        let (_, _, _, plural, _, group) = *self.row();
        if group.is_empty() {
            plural.to_string()
        } else {
            format!("{plural}.{group}")
        }
    }

    /// Whether objects of the kind live in a namespace.
    pub fn namespaced(self) -> bool {
        !matches!(self, Kind::Node | Kind::Namespace) && !self.cluster_policy()
    }

    /// One of the Network Policy API's cluster-wide policies (custom resources).
    pub fn cluster_policy(self) -> bool {
        matches!(
            self,
            Kind::ClusterNetworkPolicy
                | Kind::AdminNetworkPolicy
                | Kind::BaselineAdminNetworkPolicy
        )
    }

    /// Every name the kind goes by, for completion.
    pub fn names(self) -> Vec<&'static str> {
        let (_, _, singular, plural, shorts, _) = *self.row();
        let mut v = vec![plural, singular];
        v.extend_from_slice(shorts);
        v
    }
}

/// kubectl's error for an unknown resource word.
pub fn unknown(word: &str) -> String {
    format!("error: the server doesn't have a resource type \"{word}\"")
}

/// kubectl's error for an object that does not exist.
pub fn not_found(kind: Kind, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        kind.resource()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_name() {
        for w in ["pods", "pod", "po", "Pod", "POD"] {
            assert_eq!(Kind::parse(w), Some(Kind::Pod), "{w}");
        }
        for w in [
            "netpol",
            "networkpolicy",
            "networkpolicies",
            "networkpolicies.networking.k8s.io",
        ] {
            assert_eq!(Kind::parse(w), Some(Kind::NetworkPolicy), "{w}");
        }
        assert_eq!(Kind::parse("svc"), Some(Kind::Service));
        assert_eq!(Kind::parse("deploy"), Some(Kind::Deployment));
        assert_eq!(Kind::parse("deployments.apps"), Some(Kind::Deployment));
        assert_eq!(Kind::parse("pods.apps"), None);
        assert_eq!(Kind::parse("frobs"), None);
    }

    #[test]
    fn names_as_kubectl_prints_them() {
        assert_eq!(
            Kind::NetworkPolicy.qualified(),
            "networkpolicy.networking.k8s.io"
        );
        assert_eq!(Kind::Service.qualified(), "service");
        assert_eq!(
            not_found(Kind::Service, "nginx"),
            "Error from server (NotFound): services \"nginx\" not found"
        );
        assert_eq!(Kind::Deployment.resource(), "deployments.apps");
        assert_eq!(Kind::NetworkPolicy.api_version(), "networking.k8s.io/v1");
    }
}
