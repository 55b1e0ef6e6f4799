//! The simulated cluster's one node, as minikube v1.34 (Kubernetes v1.31) sets it up: its
//! name, address, software, labels, annotations, identity and resources, and the API server
//! it runs.

use reachmap_core::model::Labels;

/// The node, named as minikube names it.
pub const NODE_NAME: &str = "minikube";
/// The node's InternalIP, as in the reference document.
pub const NODE_IP: &str = "192.168.64.2";
/// The node's role and kubelet version in `kubectl get nodes`.
pub const NODE_ROLES: &str = "control-plane";
pub const NODE_VERSION: &str = "v1.31.0";
/// The node's software.
pub const OS_IMAGE: &str = "Buildroot 2023.02.9";
pub const KERNEL_VERSION: &str = "5.10.207";
pub const CONTAINER_RUNTIME: &str = "docker://27.2.0";
pub const OPERATING_SYSTEM: &str = "linux";
pub const ARCHITECTURE: &str = "amd64";
const MINIKUBE_VERSION: &str = "v1.34.0";
/// The node's share of `POD_CIDR`.
pub const NODE_POD_CIDR: &str = "10.244.0.0/24";
/// The API server's port on the node, behind the `kubernetes` Service (minikube's).
pub const API_SERVER_PORT: u16 = 8443;
/// How long ago the kubelet last posted its status, and renewed its lease (seconds).
pub const HEARTBEAT_AGO: u64 = 30;
pub const LEASE_RENEWED_AGO: u64 = 5;

/// The node's resources: (name, capacity and allocatable as printed).
pub const NODE_RESOURCES: [(&str, &str); 5] = [
    ("cpu", "2"),
    ("ephemeral-storage", "17734596Ki"),
    ("hugepages-2Mi", "0"),
    ("memory", "3912432Ki"),
    ("pods", "110"),
];

/// `describe node`'s System Info, before the software's versions.
pub const NODE_IDS: [(&str, &str); 3] = [
    ("Machine ID", "6f4b1a0c2e3d4f5a8b9c0d1e2f3a4b5c"),
    ("System UUID", "6f4b1a0c-2e3d-4f5a-8b9c-0d1e2f3a4b5c"),
    ("Boot ID", "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4"),
];

fn pairs(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The node's labels, as minikube sets them.
pub fn node_labels() -> Labels {
    pairs(&[
        ("beta.kubernetes.io/arch", ARCHITECTURE),
        ("beta.kubernetes.io/os", OPERATING_SYSTEM),
        ("kubernetes.io/arch", ARCHITECTURE),
        ("kubernetes.io/hostname", NODE_NAME),
        ("kubernetes.io/os", OPERATING_SYSTEM),
        ("minikube.k8s.io/name", NODE_NAME),
        ("minikube.k8s.io/primary", "true"),
        ("minikube.k8s.io/version", MINIKUBE_VERSION),
        ("node-role.kubernetes.io/control-plane", ""),
        (
            "node.kubernetes.io/exclude-from-external-load-balancers",
            "",
        ),
    ])
}

/// The node's annotations, as kubeadm and the kubelet set them.
pub fn node_annotations() -> Labels {
    pairs(&[
        (
            "kubeadm.alpha.kubernetes.io/cri-socket",
            "unix:///var/run/cri-dockerd.sock",
        ),
        ("node.alpha.kubernetes.io/ttl", "0"),
        (
            "volumes.kubernetes.io/controller-managed-attach-detach",
            "true",
        ),
    ])
}
