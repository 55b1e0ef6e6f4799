//! What a real cluster would assign and Reachmap can only simulate: cluster IPs, pod names and
//! IPs, one node (`node`), ages and times (`clock`), container IDs, local ports. Everything is
//! derived from names with a stable hash, so the same text gives the same values on every
//! reload and platform; a value the manifests give is used as written. Nothing here is written
//! back into the manifests. (The nodePorts a Service gets are the analysis's: the diagrams
//! show them too.)

pub mod clock;
mod node;

pub use node::*;
use reachmap_core::analysis::services::fnv;
use reachmap_core::model::{ClusterIp, Model, PodGroup, ServiceType, WorkloadKind};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

/// kube-apiserver's default Service range, and where pods get their addresses (minikube).
pub const SERVICE_CIDR: (Ipv4Addr, u32) = (Ipv4Addr::new(10, 96, 0, 0), 12);
pub const POD_CIDR: (Ipv4Addr, u32) = (Ipv4Addr::new(10, 244, 0, 0), 16);
/// The `kubernetes` Service's cluster IP: the first address of the Service range.
pub const API_SERVER_IP: &str = "10.96.0.1";
/// The cluster DNS Service's address (kube-dns), as a pod's resolv.conf names it.
pub const DNS_IP: &str = "10.96.0.10";
/// Addresses a cluster keeps for itself: the `kubernetes` Service and kube-dns.
const RESERVED: [&str; 2] = [API_SERVER_IP, DNS_IP];

/// A value as written in the manifests, or simulated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assigned {
    pub value: String,
    pub simulated: bool,
}

/// One simulated pod of a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimPod {
    pub name: String,
    pub ip: Assigned,
}

/// The simulated cluster around a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Per Service (in `Model::services` order): its cluster IP, `None` for a headless or
    /// ExternalName Service.
    pub service_ips: Vec<Option<Assigned>>,
    /// Per pod group (in `Model::groups` order): its pods.
    pub pods: Vec<Vec<SimPod>>,
}

impl Cluster {
    pub fn new(model: &Model) -> Cluster {
        let mut used: BTreeSet<String> = RESERVED.iter().map(|ip| ip.to_string()).collect();
        for s in &model.services {
            if let ClusterIp::Ip(ip) = &s.cluster_ip {
                used.insert(ip.clone());
            }
        }
        for g in &model.groups {
            used.extend(g.ips.iter().map(|ip| ip.to_string()));
        }
        let service_ips = model
            .services
            .iter()
            .map(|s| match (&s.cluster_ip, s.service_type) {
                (_, ServiceType::ExternalName) | (ClusterIp::Headless, _) => None,
                (ClusterIp::Ip(ip), _) => Some(Assigned {
                    value: ip.clone(),
                    simulated: false,
                }),
                (ClusterIp::Unset, _) => Some(Assigned {
                    value: allocate(SERVICE_CIDR, &format!("svc/{}", s.key()), &mut used),
                    simulated: true,
                }),
            })
            .collect();
        let pods = model
            .groups
            .iter()
            .map(|g| {
                pod_names(g)
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        // A Pod object's own IP; a workload manifest's pods have none.
                        let given = if g.pods.is_empty() {
                            g.ips.get(i)
                        } else {
                            g.pods.get(i).and_then(|p| p.ips.first())
                        };
                        let ip = match given {
                            Some(ip) => Assigned {
                                value: ip.to_string(),
                                simulated: false,
                            },
                            None => Assigned {
                                value: allocate(
                                    POD_CIDR,
                                    &format!("pod/{}/{name}", g.namespace),
                                    &mut used,
                                ),
                                simulated: true,
                            },
                        };
                        SimPod { name, ip }
                    })
                    .collect()
            })
            .collect();
        Cluster { service_ips, pods }
    }

    /// The Service whose cluster IP this is.
    pub fn service_by_ip(&self, ip: &str) -> Option<usize> {
        self.service_ips
            .iter()
            .position(|a| a.as_ref().is_some_and(|a| a.value == ip))
    }

    /// The pod with this IP: (group, index of the pod in the group).
    pub fn pod_by_ip(&self, ip: &str) -> Option<(usize, usize)> {
        self.find_pod(|p| p.ip.value == ip)
    }

    /// The pod named `name` in `namespace`: (group, index of the pod in the group).
    pub fn pod_by_name(
        &self,
        model: &Model,
        namespace: &str,
        name: &str,
    ) -> Option<(usize, usize)> {
        self.pods.iter().enumerate().find_map(|(g, pods)| {
            (model.groups[g].namespace == namespace)
                .then(|| pods.iter().position(|p| p.name == name).map(|i| (g, i)))
                .flatten()
        })
    }

    fn find_pod(&self, f: impl Fn(&SimPod) -> bool) -> Option<(usize, usize)> {
        self.pods
            .iter()
            .enumerate()
            .find_map(|(g, pods)| pods.iter().position(&f).map(|i| (g, i)))
    }

    /// The Service a DNS name means to a pod in `from_namespace`: `name`, `name.ns`,
    /// `name.ns.svc`, `name.ns.svc.cluster.local` (a trailing dot allowed).
    pub fn resolve_service(
        &self,
        model: &Model,
        host: &str,
        from_namespace: &str,
    ) -> Option<usize> {
        let host = host.trim_end_matches('.');
        let host = host
            .strip_suffix(".svc.cluster.local")
            .or_else(|| host.strip_suffix(".svc"))
            .unwrap_or(host);
        let (name, namespace) = host.split_once('.').unwrap_or((host, from_namespace));
        model
            .services
            .iter()
            .position(|s| s.name == name && s.namespace == namespace)
    }
}

/// Whether `ip` is in a simulated range (`SERVICE_CIDR`, `POD_CIDR`).
pub fn in_cidr(ip: &std::net::IpAddr, cidr: (Ipv4Addr, u32)) -> bool {
    let net = ipnet::Ipv4Net::new(cidr.0, cidr.1 as u8).ok();
    match ip {
        std::net::IpAddr::V4(v4) => net.is_some_and(|n| n.contains(v4)),
        std::net::IpAddr::V6(_) => false,
    }
}

/// An address in `cidr` chosen from a hash of `key`, skipping addresses in use (and the
/// network's first two).
fn allocate(cidr: (Ipv4Addr, u32), key: &str, used: &mut BTreeSet<String>) -> String {
    let size = 1u32 << (32 - cidr.1);
    let base = u32::from(cidr.0);
    let mut offset = 2 + fnv(key) % (size - 3);
    loop {
        let ip = Ipv4Addr::from(base + offset).to_string();
        if used.insert(ip.clone()) {
            return ip;
        }
        offset = if offset + 1 >= size - 1 {
            2
        } else {
            offset + 1
        };
    }
}

/// The names of a group's pods, as the controllers name them.
pub fn pod_names(group: &PodGroup) -> Vec<String> {
    if !group.pods.is_empty() {
        // The input's Pod objects: their own names.
        return group.pods.iter().map(|p| p.name.clone()).collect();
    }
    let n = group.replicas as usize;
    let key = format!("{}/{}", group.namespace, group.name);
    match group.owner {
        None => vec![group.name.clone()],
        Some(WorkloadKind::StatefulSet) => (0..n).map(|i| format!("{}-{i}", group.name)).collect(),
        Some(WorkloadKind::Deployment) => {
            let rs = suffix(&format!("rs/{key}"), 10);
            (0..n)
                .map(|i| format!("{}-{rs}-{}", group.name, suffix(&format!("{key}/{i}"), 5)))
                .collect()
        }
        Some(WorkloadKind::CronJob) => {
            let job = 29_000_000 + fnv(&key) % 100_000;
            (0..n)
                .map(|i| format!("{}-{job}-{}", group.name, suffix(&format!("{key}/{i}"), 5)))
                .collect()
        }
        Some(_) => (0..n)
            .map(|i| format!("{}-{}", group.name, suffix(&format!("{key}/{i}"), 5)))
            .collect(),
    }
}

/// A random-looking suffix from the alphabet Kubernetes uses for generated names.
pub fn suffix(key: &str, len: usize) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = fnv(key);
    (0..len)
        .map(|i| {
            if i % 6 == 5 {
                h = fnv(&format!("{key}{i}"));
            }
            let c = ALPHABET[(h % ALPHABET.len() as u32) as usize] as char;
            h /= ALPHABET.len() as u32;
            c
        })
        .collect()
}

/// A stable hexadecimal string of `len` digits from `key` (container and image IDs).
pub fn hex_id(key: &str, len: usize) -> String {
    let mut out = String::new();
    let mut h = fnv(key);
    while out.len() < len {
        h = fnv(&format!("{h:08x}/{key}"));
        out.push_str(&format!("{h:08x}"));
    }
    out.truncate(len);
    out
}

/// The name of a pod's service account token volume: `kube-api-access-` and five letters.
pub fn api_access_volume(pod: &str) -> String {
    format!(
        "kube-api-access-{}",
        suffix(&format!("kube-api-access/{pod}"), 5)
    )
}

/// A local port the system chooses (`kubectl proxy --port=0`, `port-forward :80`): one of
/// the ephemeral range, stable for `key`, and not `in_use`.
pub fn ephemeral_port(key: &str, in_use: impl Fn(u16) -> bool) -> u16 {
    let mut port = 32768 + (fnv(key) % 28232) as u16;
    while in_use(port) {
        port = if port >= 60999 { 32768 } else { port + 1 };
    }
    port
}

/// A stable age for an object (seconds), from its key: between a minute and a few days.
pub fn age_seconds(key: &str) -> u64 {
    60 + (fnv(key) % 300_000) as u64
}

/// A duration as kubectl prints ages (`26s`, `6m43s`, `83m`, `5h2m`, `3d21h`, `91d`).
pub fn human_duration(secs: u64) -> String {
    let (m, h, d) = (secs / 60, secs / 3600, secs / 86_400);
    if secs < 120 {
        format!("{secs}s")
    } else if m < 10 {
        match secs % 60 {
            0 => format!("{m}m"),
            s => format!("{m}m{s}s"),
        }
    } else if h < 3 {
        format!("{m}m")
    } else if h < 8 {
        match m % 60 {
            0 => format!("{h}h"),
            mm => format!("{h}h{mm}m"),
        }
    } else if h < 48 {
        format!("{h}h")
    } else if d < 8 {
        match h % 24 {
            0 => format!("{d}d"),
            hh => format!("{d}d{hh}h"),
        }
    } else if d < 365 * 2 {
        format!("{d}d")
    } else {
        format!("{}y{}d", d / 365, d % 365)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::parse;

    #[test]
    fn durations_as_kubectl_prints_them() {
        assert_eq!(human_duration(26), "26s");
        assert_eq!(human_duration(403), "6m43s");
        assert_eq!(human_duration(83 * 60), "83m");
        assert_eq!(human_duration(3 * 86_400 + 21 * 3600), "3d21h");
        assert_eq!(human_duration(91 * 86_400), "91d");
    }

    #[test]
    fn addresses_are_stable_in_range_and_unique() {
        let text = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {clusterIP: 10.96.7.7, ports: [{port: 80}]}\n---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
        let model = parse::parse(text).model;
        let c = Cluster::new(&model);
        assert_eq!(c, Cluster::new(&model));
        let a = c.service_ips[0].as_ref().unwrap();
        assert!(a.simulated && a.value.starts_with("10."));
        let ip: Ipv4Addr = a.value.parse().unwrap();
        assert_eq!(u32::from(ip) >> 20, u32::from(SERVICE_CIDR.0) >> 20);
        assert_eq!(
            c.service_ips[1].as_ref().unwrap(),
            &Assigned {
                value: "10.96.7.7".into(),
                simulated: false
            }
        );
        let pods = &c.pods[0];
        assert_eq!(pods.len(), 3);
        let names: BTreeSet<_> = pods.iter().map(|p| p.name.clone()).collect();
        assert_eq!(names.len(), 3);
        assert!(pods
            .iter()
            .all(|p| p.name.starts_with("web-") && p.ip.value.starts_with("10.244.")));
        assert_eq!(c.service_by_ip(&a.value), Some(0));
        assert_eq!(c.pod_by_ip(&pods[1].ip.value), Some((0, 1)));
        assert_eq!(
            c.resolve_service(&model, "a.default.svc.cluster.local", "x"),
            Some(0)
        );
        assert_eq!(c.resolve_service(&model, "b", "default"), Some(1));
        assert_eq!(c.resolve_service(&model, "b", "prod"), None);
    }
}
