//! The cluster DNS as an implied destination. Every pod looks names up (`web`,
//! `web.default.svc.cluster.local`) by UDP to port 53 of the cluster DNS — the `kube-dns`
//! Service in `kube-system`, whose pods (CoreDNS) carry `k8s-app=kube-dns` — before it can
//! connect to anything by name. A NetworkPolicy that isolates a pod's egress without admitting
//! that traffic breaks every lookup: busybox's `wget web` fails with `bad address` before any
//! connection. The manifests rarely hold the DNS pods, so they are implied here, as every
//! kubeadm, minikube, kind and managed cluster runs them, and the same evaluator as every other
//! flow (`policy::explain`) decides the lookup.

use super::policy::{explain, selects, Endpoint, Explanation, Match, Side, Verdict};
use super::probe::Probe;
use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::model::{
    ContainerPort, Model, Namespace, PodGroup, Protocol, WorkloadKind, NAMESPACE_NAME_LABEL,
};
use std::borrow::Cow;

/// The namespace of the cluster DNS.
pub const DNS_NAMESPACE: &str = "kube-system";
/// The label its pods carry (CoreDNS keeps kube-dns's).
pub const DNS_POD_LABEL: (&str, &str) = ("k8s-app", "kube-dns");
/// What a lookup is sent to first: UDP port 53 (TCP only when an answer is too long for UDP).
pub const DNS_PROBE: Probe = Probe {
    protocol: Protocol::Udp,
    port: 53,
};
/// The cluster DNS in words, as findings and the console say it.
pub const DNS_WORDS: &str = "UDP/53 to the cluster DNS (kube-dns in kube-system)";

/// Whether the pod group `g` can look names up, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsLookup {
    /// Whether the policies let the pod's lookups (UDP/53 to the DNS pods) through.
    pub verdict: Verdict,
    /// The policies that isolate the pod's egress (indices into `Model::policies`).
    pub egress_policies: Vec<usize>,
    /// The explanation of the flow to the DNS pods, in `explanation_text`'s words.
    pub words: String,
}

/// The model with the cluster DNS in it: the manifests' own DNS pods when they hold them, else
/// an implied CoreDNS Deployment appended (so every index of the model stays valid).
pub struct WithDns<'m> {
    /// The model itself when it holds DNS pods (borrowed), else a copy with the implied CoreDNS
    /// pods appended.
    pub model: Cow<'m, Model>,
    /// The DNS pods' group in `model`.
    pub dns: usize,
}

impl WithDns<'_> {
    /// The model `model` with the cluster DNS.
    pub fn of(model: &Model) -> WithDns<'_> {
        if let Some(dns) = model.groups.iter().position(is_dns) {
            return WithDns {
                model: Cow::Borrowed(model),
                dns,
            };
        }
        // Only what a policy verdict reads: namespaces, pod groups (without their Pod objects,
        // the bulk of a dump, which no verdict reads), policies.
        let groups = model
            .groups
            .iter()
            .map(|g| PodGroup {
                namespace: g.namespace.clone(),
                name: g.name.clone(),
                owner: g.owner,
                replicas: g.replicas,
                labels: g.labels.clone(),
                ports: g.ports.clone(),
                ips: g.ips.clone(),
                pods: Vec::new(),
                part: g.part.clone(),
                location: g.location.clone(),
            })
            .collect();
        let mut with = Model {
            namespaces: model.namespaces.clone(),
            groups,
            policies: model.policies.clone(),
            ..Model::default()
        };
        if with.namespace(DNS_NAMESPACE).is_none() {
            with.namespaces.push(Namespace {
                name: DNS_NAMESPACE.into(),
                labels: [(NAMESPACE_NAME_LABEL.to_string(), DNS_NAMESPACE.to_string())].into(),
                implicit: true,
                location: None,
            });
        }
        with.groups.push(implied_dns());
        let dns = with.groups.len() - 1;
        WithDns {
            model: Cow::Owned(with),
            dns,
        }
    }

    /// Whether pod group `g` (an index of the original model too) can look names up.
    pub fn lookup(&self, g: usize) -> DnsLookup {
        let (e, verdict) = self.judge(g);
        let mut words = crate::report::explanation_text(&self.model, &e);
        if verdict != e.verdict {
            words.push_str("  note: the cluster DNS pods' addresses are not in the manifests, and an egress ipBlock on UDP/53 may hold them\n");
        }
        DnsLookup {
            verdict,
            egress_policies: match &e.egress {
                Side::Isolated { policies, .. } => policies.clone(),
                _ => Vec::new(),
            },
            words,
        }
    }

    /// The flow to the DNS pods and the lookup's verdict (which differs from the flow's when it
    /// depends on the implied DNS pods' unknown address), without words: what findings need.
    fn judge(&self, g: usize) -> (Explanation, Verdict) {
        let e = explain(
            &self.model,
            Endpoint::Group(g),
            Endpoint::Group(self.dns),
            DNS_PROBE,
        );
        // Implied DNS pods have no known address: an egress `ipBlock` on port 53 may hold it
        // (a pod CIDR, a node-local DNS cache), so what the pod's egress would deny by
        // selectors alone depends on that address, unless the DNS side refuses anyway.
        if e.verdict == Verdict::Denied
            && matches!(self.model, Cow::Owned(_))
            && e.ingress.allows() == Match::Yes
        {
            let outside = explain(
                &self.model,
                Endpoint::Group(g),
                Endpoint::Outside(None),
                DNS_PROBE,
            );
            if outside.egress.allows() != Match::No {
                return (e, Verdict::Depends);
            }
        }
        let verdict = e.verdict;
        (e, verdict)
    }
}

/// Whether pod group `g` can look names up: the flow to the cluster DNS on UDP/53.
pub fn lookup(model: &Model, g: usize) -> DnsLookup {
    WithDns::of(model).lookup(g)
}

/// A warning per policy that isolates some pods' egress where no policy admits their lookups:
/// those pods cannot resolve any name. Nothing to do (and no copy of the model) when no policy
/// isolates egress.
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    if !model.policies.iter().any(|p| p.isolates_egress) {
        return Vec::new();
    }
    let with = WithDns::of(model);
    // Per policy: the pod groups it isolates for egress that cannot look names up.
    let mut blind: Vec<Vec<usize>> = vec![Vec::new(); model.policies.len()];
    for (g, group) in model.groups.iter().enumerate() {
        let isolating: Vec<usize> = (0..model.policies.len())
            .filter(|&p| model.policies[p].isolates_egress && selects(&model.policies[p], group))
            .collect();
        if isolating.is_empty() || with.judge(g).1 != Verdict::Denied {
            continue;
        }
        for p in isolating {
            blind[p].push(g);
        }
    }
    let mut out = Vec::new();
    for (p, groups) in blind.into_iter().enumerate() {
        if groups.is_empty() {
            continue;
        }
        let policy = &model.policies[p];
        const SHOWN: usize = 3;
        let mut names: Vec<String> = groups
            .iter()
            .take(SHOWN)
            .map(|&g| model.groups[g].endpoint())
            .collect();
        if groups.len() > SHOWN {
            names.push(format!("{} more", groups.len() - SHOWN));
        }
        let (pods, their) = if groups.len() == 1 {
            (names[0].clone(), "its")
        } else {
            (crate::report::and_list(&names), "their")
        };
        out.push(Diagnostic {
            severity: Severity::Warning,
            code: Code::NoDns,
            location: policy.location.clone(),
            path: String::new(),
            object: format!("NetworkPolicy {}", policy.key()),
            message: format!(
                "isolates the egress of {pods}, but no policy admits {DNS_WORDS}: {their} name lookups fail (`wget web` says `bad address`); add an egress rule to port 53, UDP and TCP, of the kube-dns pods"
            ),
        });
    }
    out
}

/// The manifests' own cluster DNS pods.
fn is_dns(group: &PodGroup) -> bool {
    group.namespace == DNS_NAMESPACE
        && group.labels.get(DNS_POD_LABEL.0).map(String::as_str) == Some(DNS_POD_LABEL.1)
}

/// The CoreDNS Deployment every cluster runs: kubeadm's manifest, as minikube and kind deploy it.
fn implied_dns() -> PodGroup {
    let port = |name: &str, port: u16, protocol| ContainerPort {
        container: "coredns".into(),
        name: Some(name.into()),
        port,
        protocol,
    };
    PodGroup {
        namespace: DNS_NAMESPACE.into(),
        name: "coredns".into(),
        owner: Some(WorkloadKind::Deployment),
        replicas: 2,
        labels: [(DNS_POD_LABEL.0.to_string(), DNS_POD_LABEL.1.to_string())].into(),
        ports: vec![
            port("dns", 53, Protocol::Udp),
            port("dns-tcp", 53, Protocol::Tcp),
            port("metrics", 9153, Protocol::Tcp),
        ],
        ips: Vec::new(),
        pods: Vec::new(),
        part: None,
        location: Location::default(),
    }
}
