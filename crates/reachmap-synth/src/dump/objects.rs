//! The objects of a dump, as the API server returns them: the manifest's fields plus what the
//! controllers, the scheduler and the kubelet add.

use super::workload::Workload;
use crate::Rng;
use serde_json::{json, Map, Value};

/// The characters Kubernetes draws generated name suffixes and template hashes from.
const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// What the cluster assigns as objects are created: UIDs, resource versions, times, nodes and
/// addresses, all drawn from one seeded generator.
pub(super) struct Ctx {
    rng: Rng,
    nodes: usize,
    resource_version: u64,
    /// Pods placed so far on each node (the next address in its /24).
    per_node: Vec<u32>,
    services: u32,
    node_ports: u16,
}

impl Ctx {
    pub fn new(seed: u64, nodes: usize) -> Ctx {
        Ctx {
            rng: Rng::new(seed),
            nodes,
            resource_version: 1000,
            per_node: vec![0; nodes],
            services: 0,
            node_ports: 0,
        }
    }

    fn suffix(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| ALPHABET[self.rng.below(ALPHABET.len())] as char)
            .collect()
    }

    fn uid(&mut self) -> String {
        let h = |r: &mut Rng, n: usize| -> String {
            (0..n).map(|_| format!("{:x}", r.below(16))).collect()
        };
        let r = &mut self.rng;
        format!(
            "{}-{}-{}-{}-{}",
            h(r, 8),
            h(r, 4),
            h(r, 4),
            h(r, 4),
            h(r, 12)
        )
    }

    fn time(&mut self) -> String {
        let s = self.rng.below(86_400 * 20);
        format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}Z",
            1 + s / 86_400,
            s / 3600 % 24,
            s / 60 % 60,
            s % 60
        )
    }

    /// Metadata as the API server returns it: creation time, resource version, UID, and the
    /// managed fields of whoever wrote `fields`.
    fn metadata(
        &mut self,
        name: &str,
        ns: Option<&str>,
        labels: Value,
        manager: &str,
        fields: &Value,
    ) -> Map<String, Value> {
        self.resource_version += 1 + self.rng.below(50) as u64;
        let time = self.time();
        let mut m = Map::new();
        m.insert("creationTimestamp".into(), json!(time));
        if labels.as_object().is_some_and(|l| !l.is_empty()) {
            m.insert("labels".into(), labels);
        }
        m.insert(
            "managedFields".into(),
            json!([{
                "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": managed(fields, 3),
                "manager": manager, "operation": "Update", "time": time
            }]),
        );
        m.insert("name".into(), json!(name));
        if let Some(ns) = ns {
            m.insert("namespace".into(), json!(ns));
        }
        m.insert(
            "resourceVersion".into(),
            json!(self.resource_version.to_string()),
        );
        m.insert("uid".into(), json!(self.uid()));
        m
    }

    pub fn namespace(&mut self, name: &str, extra: &[(&str, &str)]) -> Value {
        let mut labels = json!({"kubernetes.io/metadata.name": name});
        for (k, v) in extra {
            labels[*k] = json!(v);
        }
        let metadata = self.metadata(
            name,
            None,
            labels.clone(),
            "kubectl-create",
            &json!({"metadata": {"labels": labels}}),
        );
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": metadata,
               "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}})
    }

    fn owner(kind: &str, api_version: &str, object: &Value) -> Value {
        json!([{"apiVersion": api_version, "blockOwnerDeletion": true, "controller": true,
                "kind": kind, "name": object["metadata"]["name"], "uid": object["metadata"]["uid"]}])
    }

    /// A Deployment, its ReplicaSet and its pods.
    pub fn deployment(
        &mut self,
        app: &Workload,
        ns: &str,
        replicas: usize,
        deployments: &mut Vec<Value>,
        replica_sets: &mut Vec<Value>,
        pods: &mut Vec<Value>,
    ) {
        let spec = json!({"progressDeadlineSeconds": 600, "replicas": replicas, "revisionHistoryLimit": 10,
            "selector": {"matchLabels": app.template_labels()},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
            "template": app.template});
        let mut metadata = self.metadata(
            &app.name,
            Some(ns),
            app.labels.clone(),
            "kubectl-client-side-apply",
            &json!({"spec": spec}),
        );
        metadata.insert("annotations".into(), json!({"deployment.kubernetes.io/revision": "1",
            "kubectl.kubernetes.io/last-applied-configuration": last_applied("apps/v1", "Deployment", &app.name, ns, &spec)}));
        metadata.insert("generation".into(), json!(1));
        let status = json!({"availableReplicas": replicas, "observedGeneration": 1, "readyReplicas": replicas,
            "replicas": replicas, "updatedReplicas": replicas, "conditions": [
                {"lastTransitionTime": self.time(), "lastUpdateTime": self.time(), "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable", "status": "True", "type": "Available"},
                {"lastTransitionTime": self.time(), "lastUpdateTime": self.time(), "message": format!("ReplicaSet \"{}\" has successfully progressed.", app.name), "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing"}]});
        let deployment = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata, "spec": spec, "status": status});

        let hash = self.suffix(10);
        let rs_name = format!("{}-{hash}", app.name);
        let mut rs_labels = app.template_labels();
        rs_labels["pod-template-hash"] = json!(hash);
        let mut template = app.template.clone();
        template["metadata"]["labels"] = rs_labels.clone();
        let rs_spec = json!({"replicas": replicas, "selector": {"matchLabels": rs_labels}, "template": template});
        let mut rs_meta = self.metadata(
            &rs_name,
            Some(ns),
            rs_labels.clone(),
            "kube-controller-manager",
            &json!({"spec": rs_spec}),
        );
        rs_meta.insert(
            "ownerReferences".into(),
            Ctx::owner("Deployment", "apps/v1", &deployment),
        );
        rs_meta.insert("generation".into(), json!(1));
        let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": rs_meta, "spec": rs_spec,
            "status": {"availableReplicas": replicas, "fullyLabeledReplicas": replicas, "observedGeneration": 1, "readyReplicas": replicas, "replicas": replicas}});
        for _ in 0..replicas {
            let name = format!("{rs_name}-{}", self.suffix(5));
            let pod = self.pod(
                &name,
                ns,
                &template,
                rs_labels.clone(),
                Ctx::owner("ReplicaSet", "apps/v1", &rs),
                None,
            );
            pods.push(pod);
        }
        deployments.push(deployment);
        replica_sets.push(rs);
    }

    /// A StatefulSet and its pods (`name-0`, `name-1`, …).
    pub fn stateful_set(
        &mut self,
        app: &Workload,
        ns: &str,
        replicas: usize,
        sets: &mut Vec<Value>,
        pods: &mut Vec<Value>,
    ) {
        let spec = json!({"replicas": replicas, "serviceName": app.name, "podManagementPolicy": "OrderedReady",
            "selector": {"matchLabels": app.template_labels()}, "template": app.template,
            "updateStrategy": {"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"}});
        let metadata = self.metadata(
            &app.name,
            Some(ns),
            app.labels.clone(),
            "kubectl-client-side-apply",
            &json!({"spec": spec}),
        );
        let revision = format!("{}-{}", app.name, self.suffix(10));
        let set = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": metadata, "spec": spec,
            "status": {"availableReplicas": replicas, "currentReplicas": replicas, "currentRevision": revision,
                       "readyReplicas": replicas, "replicas": replicas, "updateRevision": revision}});
        for i in 0..replicas {
            let name = format!("{}-{i}", app.name);
            let mut labels = app.template_labels();
            labels["apps.kubernetes.io/pod-index"] = json!(i.to_string());
            labels["controller-revision-hash"] = json!(revision);
            labels["statefulset.kubernetes.io/pod-name"] = json!(name);
            let pod = self.pod(
                &name,
                ns,
                &app.template,
                labels,
                Ctx::owner("StatefulSet", "apps/v1", &set),
                None,
            );
            pods.push(pod);
        }
        sets.push(set);
    }

    /// A DaemonSet with one pod on every node.
    pub fn daemon_set(
        &mut self,
        app: &Workload,
        ns: &str,
        sets: &mut Vec<Value>,
        pods: &mut Vec<Value>,
    ) {
        let spec = json!({"selector": {"matchLabels": app.template_labels()}, "template": app.template,
            "updateStrategy": {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}});
        let metadata = self.metadata(
            &app.name,
            Some(ns),
            app.labels.clone(),
            "kubeadm",
            &json!({"spec": spec}),
        );
        let n = self.nodes;
        let set = json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": metadata, "spec": spec,
            "status": {"currentNumberScheduled": n, "desiredNumberScheduled": n, "numberAvailable": n, "numberReady": n}});
        let revision = self.suffix(10);
        for node in 0..n {
            let mut labels = app.template_labels();
            labels["controller-revision-hash"] = json!(revision);
            labels["pod-template-generation"] = json!("1");
            let name = format!("{}-{}", app.name, self.suffix(5));
            let pod = self.pod(
                &name,
                ns,
                &app.template,
                labels,
                Ctx::owner("DaemonSet", "apps/v1", &set),
                Some(node),
            );
            pods.push(pod);
        }
        sets.push(set);
    }

    /// A running, ready pod of a template, scheduled on a node (the given one, or the next).
    fn pod(
        &mut self,
        name: &str,
        ns: &str,
        template: &Value,
        labels: Value,
        owners: Value,
        node: Option<usize>,
    ) -> Value {
        let node = node.unwrap_or_else(|| self.rng.below(self.nodes));
        let host_ip = format!("10.0.0.{}", 10 + node);
        let host_network = template["spec"]["hostNetwork"] == json!(true);
        let pod_ip = if host_network {
            host_ip.clone()
        } else {
            self.per_node[node] += 1;
            let k = self.per_node[node];
            format!(
                "10.{}.{}.{}",
                244 + k / 62_000,
                node * 2 + (k / 250) as usize % 2,
                1 + k % 250
            )
        };
        let mut spec = template["spec"].clone();
        let volume = format!("kube-api-access-{}", self.suffix(5));
        let mut statuses = Vec::new();
        for c in spec["containers"].as_array_mut().into_iter().flatten() {
            c["imagePullPolicy"] = json!("IfNotPresent");
            c["terminationMessagePath"] = json!("/dev/termination-log");
            c["terminationMessagePolicy"] = json!("File");
            c["volumeMounts"] = json!([{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": volume, "readOnly": true}]);
            for p in c["ports"].as_array_mut().into_iter().flatten() {
                if p.get("protocol").is_none() {
                    p["protocol"] = json!("TCP");
                }
            }
            statuses.push(json!({"containerID": format!("containerd://{}{}", self.uid(), self.uid()).replace('-', ""),
                "image": c["image"], "imageID": format!("{}@sha256:{}", c["image"].as_str().unwrap_or(""), self.uid().replace('-', "")),
                "lastState": {}, "name": c["name"], "ready": true, "restartCount": 0, "started": true,
                "state": {"running": {"startedAt": self.time()}}}));
        }
        spec["dnsPolicy"] = json!("ClusterFirst");
        spec["enableServiceLinks"] = json!(true);
        spec["nodeName"] = json!(format!("node-{node}"));
        spec["preemptionPolicy"] = json!("PreemptLowerPriority");
        spec["priority"] = json!(0);
        spec["restartPolicy"] = json!("Always");
        spec["schedulerName"] = json!("default-scheduler");
        spec["terminationGracePeriodSeconds"] = spec
            .get("terminationGracePeriodSeconds")
            .cloned()
            .unwrap_or(json!(30));
        spec["tolerations"] = json!([
            {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
            {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}]);
        spec["volumes"] = json!([{"name": volume, "projected": {"defaultMode": 420, "sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
            {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}]}}]);
        let mut metadata = self.metadata(
            name,
            Some(ns),
            labels,
            "kube-controller-manager",
            &json!({"spec": spec}),
        );
        if let Some(a) = template["metadata"].get("annotations") {
            metadata.insert("annotations".into(), a.clone());
        }
        metadata.insert("ownerReferences".into(), owners);
        let t = self.time();
        let conditions: Vec<Value> = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
            .iter()
            .map(|c| json!({"lastProbeTime": null, "lastTransitionTime": t, "status": "True", "type": c}))
            .collect();
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec, "status": {
            "conditions": conditions, "containerStatuses": statuses, "hostIP": host_ip, "hostIPs": [{"ip": host_ip}],
            "phase": "Running", "podIP": pod_ip, "podIPs": [{"ip": pod_ip}], "qosClass": "Burstable", "startTime": t}})
    }

    pub fn kubernetes_service(&mut self) -> Value {
        let metadata = self.metadata(
            "kubernetes",
            Some("default"),
            json!({"component": "apiserver", "provider": "kubernetes"}),
            "kube-apiserver",
            &json!({}),
        );
        json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata, "spec": {
            "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack", "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
            "sessionAffinity": "None", "type": "ClusterIP"}, "status": {"loadBalancer": {}}})
    }

    /// A Service as the API server completes it: a cluster IP, defaults, nodePorts, and a load
    /// balancer's address in its status.
    pub fn service(&mut self, manifest: &Value, ns: &str) -> Value {
        let name = manifest["metadata"]["name"]
            .as_str()
            .unwrap_or("svc")
            .to_string();
        let mut spec = manifest["spec"].clone();
        let kind = spec
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("ClusterIP")
            .to_string();
        if spec.get("clusterIP").is_none() {
            self.services += 1;
            let ip = format!(
                "10.96.{}.{}",
                1 + self.services / 250,
                1 + self.services % 250
            );
            spec["clusterIP"] = json!(ip);
        }
        spec["clusterIPs"] = json!([spec["clusterIP"]]);
        spec["internalTrafficPolicy"] = json!("Cluster");
        spec["ipFamilies"] = json!(["IPv4"]);
        spec["ipFamilyPolicy"] = json!("SingleStack");
        spec["sessionAffinity"] = json!("None");
        spec["type"] = json!(kind);
        let node_ports = kind == "NodePort" || kind == "LoadBalancer";
        for p in spec["ports"].as_array_mut().into_iter().flatten() {
            if p.get("protocol").is_none() {
                p["protocol"] = json!("TCP");
            }
            if p.get("targetPort").is_none() {
                p["targetPort"] = p["port"].clone();
            }
            if node_ports {
                self.node_ports += 1;
                p["nodePort"] = json!(30000 + self.node_ports % 2768);
            }
        }
        let mut status = json!({"loadBalancer": {}});
        if kind == "LoadBalancer" {
            spec["allocateLoadBalancerNodePorts"] = json!(true);
            spec["externalTrafficPolicy"] = json!("Cluster");
            status = json!({"loadBalancer": {"ingress": [{"ip": format!("203.0.113.{}", 1 + self.services % 250), "ipMode": "VIP"}]}});
        }
        let labels = manifest["metadata"]
            .get("labels")
            .cloned()
            .unwrap_or(json!({}));
        let mut metadata = self.metadata(
            &name,
            Some(ns),
            labels,
            "kubectl-client-side-apply",
            &json!({"spec": spec}),
        );
        metadata.insert("annotations".into(), json!({"kubectl.kubernetes.io/last-applied-configuration": last_applied("v1", "Service", &name, ns, &manifest["spec"])}));
        json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata, "spec": spec, "status": status})
    }

    /// The EndpointSlice the controller keeps for a Service over the pods it selects.
    pub fn endpoint_slice(&mut self, service: &Value, candidates: &[Value]) -> Value {
        let name = service["metadata"]["name"]
            .as_str()
            .unwrap_or("svc")
            .to_string();
        let ns = service["metadata"]["namespace"].clone();
        let selector = service["spec"]["selector"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let selected: Vec<&Value> = candidates
            .iter()
            .filter(|p| {
                !selector.is_empty()
                    && selector
                        .iter()
                        .all(|(k, v)| &p["metadata"]["labels"][k] == v)
            })
            .collect();
        let endpoints: Vec<Value> = selected
            .iter()
            .map(|p| json!({"addresses": [p["status"]["podIP"]], "conditions": {"ready": true, "serving": true, "terminating": false},
                "nodeName": p["spec"]["nodeName"], "targetRef": {"kind": "Pod", "name": p["metadata"]["name"], "namespace": ns, "uid": p["metadata"]["uid"]}}))
            .collect();
        let ports: Vec<Value> = service["spec"]["ports"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|sp| {
                let target = match &sp["targetPort"] {
                    Value::String(named) => selected
                        .first()
                        .and_then(|p| named_port(p, named))
                        .unwrap_or(json!(null)),
                    number => number.clone(),
                };
                json!({"name": sp.get("name").cloned().unwrap_or(json!("")), "port": target, "protocol": sp["protocol"]})
            })
            .collect();
        let labels = json!({"endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": name});
        let slice_name = format!("{name}-{}", self.suffix(5));
        let mut metadata = self.metadata(
            &slice_name,
            ns.as_str(),
            labels,
            "kube-controller-manager",
            &json!({"endpoints": {}}),
        );
        metadata.insert("generateName".into(), json!(format!("{name}-")));
        metadata.insert(
            "ownerReferences".into(),
            Ctx::owner("Service", "v1", service),
        );
        json!({"addressType": "IPv4", "apiVersion": "discovery.k8s.io/v1", "endpoints": endpoints,
               "kind": "EndpointSlice", "metadata": metadata, "ports": ports})
    }

    pub fn network_policy(&mut self, manifest: &Value, ns: &str) -> Value {
        let name = manifest["metadata"]["name"]
            .as_str()
            .unwrap_or("policy")
            .to_string();
        let spec = manifest["spec"].clone();
        let mut metadata = self.metadata(
            &name,
            Some(ns),
            json!({}),
            "kubectl-client-side-apply",
            &json!({"spec": spec}),
        );
        metadata.insert("annotations".into(), json!({"kubectl.kubernetes.io/last-applied-configuration": last_applied("networking.k8s.io/v1", "NetworkPolicy", &name, ns, &spec)}));
        metadata.insert("generation".into(), json!(1));
        json!({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": metadata, "spec": spec})
    }
}

/// The number of a container port with this name on a pod.
fn named_port(pod: &Value, name: &str) -> Option<Value> {
    pod["spec"]["containers"]
        .as_array()?
        .iter()
        .flat_map(|c| c["ports"].as_array().into_iter().flatten())
        .find(|p| p["name"] == name)
        .map(|p| p["containerPort"].clone())
}

/// `kubectl.kubernetes.io/last-applied-configuration`: the applied manifest as one JSON line.
fn last_applied(api_version: &str, kind: &str, name: &str, ns: &str, spec: &Value) -> String {
    let applied = json!({"apiVersion": api_version, "kind": kind, "metadata": {"annotations": {}, "name": name, "namespace": ns}, "spec": spec});
    format!("{applied}\n")
}

/// `managedFields[].fieldsV1`: the set of fields an object's writer owns, in the API server's
/// notation (`f:name` for a field, `k:{…}` for a list item keyed by name, `.` for the node),
/// down to `depth` levels (kubectl's output of real clusters runs deeper; the sizes of the
/// dumps match the figures of the issue that measured them: about 5 MB of YAML for 1,008 pods).
fn managed(v: &Value, depth: usize) -> Value {
    if depth == 0 {
        return json!({});
    }
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            if !m.is_empty() {
                out.insert(".".into(), json!({}));
            }
            for (k, child) in m {
                out.insert(format!("f:{k}"), managed(child, depth - 1));
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let mut out = Map::new();
            for item in items {
                let key = match item.get("name").or_else(|| item.get("containerPort")) {
                    Some(key) => format!("k:{{\"name\":{key}}}"),
                    None => continue,
                };
                out.insert(key, managed(item, depth - 1));
            }
            Value::Object(out)
        }
        _ => json!({}),
    }
}
