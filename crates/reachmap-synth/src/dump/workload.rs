//! A workload of a dump: its pod template and the Services in front of it, from Online
//! Boutique's manifests or the system workloads every cluster runs.

use serde_json::{json, Value};

/// A workload to run: its name, pod template, and the Services in front of it.
#[derive(Clone, Debug)]
pub(super) struct Workload {
    pub name: String,
    pub template: Value,
    pub labels: Value,
    pub services: Vec<Value>,
}

impl Workload {
    pub fn from_deployment(d: Value) -> Workload {
        Workload {
            name: d["metadata"]["name"].as_str().unwrap_or("app").to_string(),
            template: d["spec"]["template"].clone(),
            labels: d["metadata"]["labels"].clone(),
            services: Vec::new(),
        }
    }

    pub fn template_labels(&self) -> Value {
        self.template["metadata"]["labels"].clone()
    }

    pub fn service(&self) -> Value {
        self.services[0].clone()
    }

    pub fn coredns() -> Workload {
        let labels = json!({"k8s-app": "kube-dns"});
        Workload {
            name: "coredns".into(),
            labels: labels.clone(),
            template: json!({
                "metadata": {"labels": labels},
                "spec": {"containers": [{
                    "name": "coredns", "image": "registry.k8s.io/coredns/coredns:v1.11.3",
                    "args": ["-conf", "/etc/coredns/Corefile"],
                    "ports": [
                        {"containerPort": 53, "name": "dns", "protocol": "UDP"},
                        {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                        {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}
                    ]
                }]}
            }),
            services: vec![json!({
                "apiVersion": "v1", "kind": "Service",
                "metadata": {"name": "kube-dns", "labels": {"k8s-app": "kube-dns", "kubernetes.io/name": "CoreDNS"}},
                "spec": {"selector": {"k8s-app": "kube-dns"}, "clusterIP": "10.96.0.10", "ports": [
                    {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                    {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                    {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}
                ]}
            })],
        }
    }

    pub fn kube_proxy() -> Workload {
        let labels = json!({"k8s-app": "kube-proxy"});
        Workload {
            name: "kube-proxy".into(),
            labels: labels.clone(),
            template: json!({
                "metadata": {"labels": labels},
                "spec": {"hostNetwork": true, "priorityClassName": "system-node-critical", "containers": [{
                    "name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.31.2",
                    "command": ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf"]
                }]}
            }),
            services: Vec::new(),
        }
    }
}
