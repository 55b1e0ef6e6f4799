//! What the input's selectors and rules can tell pods apart by, and nothing more: the label
//! keys some selector reads, the container port names some rule (or Service) names, and which
//! `ipBlock` ranges hold a pod's IPs. Pods equal on these get the same verdict from every
//! policy; pods that differ may not. The fast matrix forms its classes by them (labels no
//! selector reads, such as `pod-template-hash`, split nothing), and the parser splits a
//! workload's live pods by them, so that one endpoint never stands for pods that policies treat
//! differently.

use super::cluster::networks_hold;
use super::{ClusterPeer, ClusterPolicy, ClusterPort, ClusterSelect, LabelSelector, Service};
use super::{ContainerPort, IpBlock, Labels, NetworkPolicy, Peer, PodGroup, PortRef, Protocol};
use ipnet::IpNet;
use std::collections::BTreeSet;
use std::net::IpAddr;

/// What selectors and rules read of pods.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Distinctions {
    /// Label keys some pod selector reads (a policy's `podSelector` or a peer's, and with
    /// Services, their `selector`).
    pub label_keys: BTreeSet<String>,
    /// Container port names (with their protocol) some policy port names (and with Services,
    /// a named `targetPort`), sorted, without repeats.
    pub port_names: Vec<(String, Protocol)>,
    /// Every distinct `ipBlock` of the policies.
    pub blocks: Vec<IpBlock>,
    /// Every distinct `networks` peer of the cluster policies.
    pub networks: Vec<Vec<IpNet>>,
    /// Some cluster policy's subject or peer leaves host-networked pods out.
    pub host_network: bool,
}

/// A pod's (or a group's) values on what the input can tell apart; equal features, equal
/// verdicts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Features<'a> {
    /// The labels whose keys some selector reads.
    pub labels: Vec<(&'a str, &'a str)>,
    /// In `port_names` order: the number of the pod's port of that name and protocol.
    pub ports: Vec<Option<u16>>,
    /// In `blocks` order: whether one of the pod's IPs is inside the block.
    pub blocks: Vec<bool>,
    /// In `networks` order: whether the peer holds the pod's IPs (`networks_hold`).
    pub networks: Vec<Option<bool>>,
    /// Whether the pods are host-networked, when a cluster policy can tell.
    pub host_network: bool,
}

impl Distinctions {
    /// What the policies read.
    pub fn of_policies(policies: &[NetworkPolicy]) -> Distinctions {
        let mut d = Distinctions::default();
        for policy in policies {
            d.read_selector(&policy.pod_selector);
            for rule in policy.ingress.iter().chain(&policy.egress) {
                for peer in &rule.peers {
                    match peer {
                        // A namespaceSelector reads namespaces' labels, not pods'.
                        Peer::Pods { pods, .. } => {
                            if let Some(sel) = pods {
                                d.read_selector(sel);
                            }
                        }
                        Peer::IpBlock(block) => {
                            if !d.blocks.contains(block) {
                                d.blocks.push(block.clone());
                            }
                        }
                    }
                }
                for port in &rule.ports {
                    if let Some(PortRef::Name(name)) = &port.port {
                        d.port_names.push((name.clone(), port.protocol));
                    }
                }
            }
        }
        d.sort_port_names();
        d
    }

    /// Adds what the cluster policies read: their subjects' and peers' pod selectors, named
    /// ports, `networks`, and whether pods are host-networked (never chosen by them).
    pub fn with_cluster_policies(mut self, policies: &[ClusterPolicy]) -> Distinctions {
        for policy in policies {
            self.host_network = true;
            self.read_cluster_select(&policy.subject);
            for rule in policy.ingress.iter().chain(&policy.egress) {
                for peer in &rule.peers {
                    match peer {
                        ClusterPeer::Select(sel) => self.read_cluster_select(sel),
                        ClusterPeer::Networks(nets) => {
                            if !self.networks.contains(nets) {
                                self.networks.push(nets.clone());
                            }
                        }
                        ClusterPeer::Nodes(_) | ClusterPeer::DomainNames(_) => {}
                    }
                }
                for port in &rule.ports {
                    if let ClusterPort::Named(name) = port {
                        // The name resolves with the container port's own protocol.
                        for protocol in [Protocol::Tcp, Protocol::Udp, Protocol::Sctp] {
                            self.port_names.push((name.clone(), protocol));
                        }
                    }
                }
            }
        }
        self.sort_port_names();
        self
    }

    fn read_cluster_select(&mut self, select: &ClusterSelect) {
        if let ClusterSelect::Pods { pods, .. } = select {
            self.read_selector(pods);
        }
    }

    /// Sorts the port names and leaves out repeats (`order`'s shared sort: no ordered set's
    /// code in the page for this).
    fn sort_port_names(&mut self) {
        crate::order::sort_by(&mut self.port_names, &|a, b| a.cmp(b));
        self.port_names.dedup();
    }

    /// What the policies and the Services read: a Service selects pods by labels and resolves
    /// a named `targetPort` on each.
    pub fn of_policies_and_services(
        policies: &[NetworkPolicy],
        services: &[Service],
    ) -> Distinctions {
        let mut d = Distinctions::of_policies(policies);
        for service in services {
            if let Some(selector) = &service.selector {
                d.label_keys.extend(selector.keys().cloned());
            }
            for port in &service.ports {
                if let PortRef::Name(name) = &port.target_port {
                    d.port_names.push((name.clone(), port.protocol));
                }
            }
        }
        d.sort_port_names();
        d
    }

    fn read_selector(&mut self, selector: &LabelSelector) {
        for key in selector.keys() {
            if !self.label_keys.contains(key) {
                self.label_keys.insert(key.to_string());
            }
        }
    }

    /// The features of pods with these labels, ports and IPs.
    pub fn features<'a>(
        &self,
        labels: &'a Labels,
        ports: &[ContainerPort],
        ips: &[IpAddr],
    ) -> Features<'a> {
        Features {
            labels: labels
                .iter()
                .filter(|(k, _)| self.label_keys.contains(*k))
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            ports: self
                .port_names
                .iter()
                .map(|(name, protocol)| {
                    ports
                        .iter()
                        .find(|p| p.protocol == *protocol && p.name.as_deref() == Some(name))
                        .map(|p| p.port)
                })
                .collect(),
            blocks: self
                .blocks
                .iter()
                .map(|b| ips.iter().any(|ip| b.contains(ip)))
                .collect(),
            networks: self
                .networks
                .iter()
                .map(|nets| networks_hold(nets, ips))
                .collect(),
            host_network: false,
        }
    }

    /// The features of a pod group.
    pub fn of_group<'a>(&self, group: &'a PodGroup) -> Features<'a> {
        let mut f = self.features(&group.labels, &group.ports, &group.ips);
        f.host_network = self.host_network && group.host_networked();
        f
    }

    /// For each of `parts` (features of pods of one workload), in words, where it differs from
    /// the others: `label version=v2`, `no label canary`, `port web is TCP/8081`, `an IP in
    /// ipBlock 10.0.0.0/16 except 10.0.2.0/24`.
    pub fn differences(&self, parts: &[Features]) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); parts.len()];
        let varies = |f: &dyn Fn(&Features) -> String| -> bool {
            parts.iter().any(|p| f(p) != f(&parts[0]))
        };
        for key in &self.label_keys {
            let value = |f: &Features| {
                f.labels
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| format!("label {key}={v}"))
                    .unwrap_or_else(|| format!("no label {key}"))
            };
            if varies(&value) {
                for (words, part) in out.iter_mut().zip(parts) {
                    words.push(value(part));
                }
            }
        }
        for (i, (name, protocol)) in self.port_names.iter().enumerate() {
            let value = |f: &Features| match f.ports[i] {
                Some(n) => format!("port {name} is {protocol}/{n}"),
                None => format!("no {protocol} port named {name}"),
            };
            if varies(&value) {
                for (words, part) in out.iter_mut().zip(parts) {
                    words.push(value(part));
                }
            }
        }
        for (i, block) in self.blocks.iter().enumerate() {
            let value = |f: &Features| {
                if f.blocks[i] {
                    format!("an IP in {block}")
                } else {
                    format!("no IP in {block}")
                }
            };
            if varies(&value) {
                for (words, part) in out.iter_mut().zip(parts) {
                    words.push(value(part));
                }
            }
        }
        for (i, nets) in self.networks.iter().enumerate() {
            let value = |f: &Features| {
                let nets: Vec<String> = nets.iter().map(|n| n.to_string()).collect();
                match f.networks[i] {
                    Some(true) => format!("IPs in networks {}", nets.join(", ")),
                    Some(false) => format!("no IP in networks {}", nets.join(", ")),
                    None => format!("IPs partly or perhaps in networks {}", nets.join(", ")),
                }
            };
            if varies(&value) {
                for (words, part) in out.iter_mut().zip(parts) {
                    words.push(value(part));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    const POLICIES: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from:\n    - podSelector: {matchExpressions: [{key: tier, operator: Exists}]}\n      namespaceSelector: {matchLabels: {team: x}}\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}\n    ports: [{port: http}, {port: 53, protocol: UDP}]\n";

    #[test]
    fn reads_keys_names_and_blocks_of_policies_only_where_they_read_pods() {
        let model = parse(POLICIES).model;
        let d = Distinctions::of_policies(&model.policies);
        let keys: Vec<&str> = d.label_keys.iter().map(String::as_str).collect();
        // `team` is a namespace's label: it tells no pods of one namespace apart.
        assert_eq!(keys, ["app", "tier"]);
        assert_eq!(d.port_names, [("http".to_string(), Protocol::Tcp)]);
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn features_keep_only_what_is_read_and_differences_say_it() {
        let model = parse(POLICIES).model;
        let d = Distinctions::of_policies(&model.policies);
        let labels = |pairs: &[(&str, &str)]| -> Labels {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let a = labels(&[("app", "web"), ("pod-template-hash", "abc")]);
        let b = labels(&[("app", "web"), ("pod-template-hash", "def")]);
        let c = labels(&[("app", "web"), ("tier", "front")]);
        let ip = |s: &str| -> Vec<IpAddr> { vec![s.parse().unwrap()] };
        let fa = d.features(&a, &[], &ip("10.0.1.1"));
        let fb = d.features(&b, &[], &ip("10.0.7.1"));
        assert_eq!(
            fa, fb,
            "an unread label and an IP in the same ranges split nothing"
        );
        let fc = d.features(&c, &[], &ip("10.0.2.1"));
        assert_ne!(fa, fc);
        assert_eq!(
            d.differences(&[fa, fc]),
            [
                vec![
                    "no label tier".to_string(),
                    "an IP in ipBlock 10.0.0.0/16 except 10.0.2.0/24".into()
                ],
                vec![
                    "label tier=front".to_string(),
                    "no IP in ipBlock 10.0.0.0/16 except 10.0.2.0/24".into()
                ],
            ]
        );
    }
}
