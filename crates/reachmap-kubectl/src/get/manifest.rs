//! The objects as `-o yaml`/`-o json` print them: the manifest as written, with what the
//! cluster adds where the manifest does not say; objects the controllers make, built as they
//! would be.

use crate::kinds::Kind;
use crate::objects::service;
use crate::objects::{self, Obj, Source};
use crate::sim::clock::rfc3339;
use crate::sim::{
    API_SERVER_IP, API_SERVER_PORT, ARCHITECTURE, CONTAINER_RUNTIME, KERNEL_VERSION, NODE_IP,
    NODE_NAME, NODE_POD_CIDR, NODE_VERSION, OPERATING_SYSTEM, OS_IMAGE,
};
use crate::Ctx;
use reachmap_core::model::ServiceType;

/// The object as `-o yaml`/`-o json` print it: the manifest as written, with what the cluster
/// adds where the manifest does not say (namespace, creation time, cluster IP, nodePorts, a
/// pod's status); objects the controllers make, built as they would be.
pub(crate) fn manifest(ctx: &Ctx, obj: &Obj) -> serde_json::Value {
    use serde_json::json;
    let model = &ctx.parsed.model;
    let created = rfc3339(obj.age_seconds(ctx));
    let mut v = obj
        .doc(ctx)
        .and_then(|d| serde_json::to_value(d.value).ok())
        .unwrap_or_else(|| json!({}));
    let pod_status = |ip: &str| {
        json!({
            "hostIP": NODE_IP, "hostIPs": [{"ip": NODE_IP}], "phase": "Running",
            "podIP": ip, "podIPs": [{"ip": ip}], "qosClass": "BestEffort",
        })
    };
    match obj.source {
        Source::Pod { group, index } => {
            let g = &model.groups[group];
            let ip = ctx.cluster.pods[group][index].ip.value.clone();
            if let Some(owner) = g.owner {
                let template = objects::template(ctx, group)
                    .and_then(|t| serde_json::to_value(t).ok())
                    .unwrap_or_else(|| json!({}));
                let (owner_kind, owner_name) = objects::controller(ctx, group, &obj.name, owner);
                v = json!({
                    "apiVersion": "v1",
                    "kind": "Pod",
                    "metadata": {
                        "labels": obj.labels,
                        "name": obj.name,
                        "ownerReferences": [{
                            "apiVersion": if owner_kind == "Job" { "batch/v1" } else { "apps/v1" },
                            "blockOwnerDeletion": true, "controller": true,
                            "kind": owner_kind, "name": owner_name,
                        }],
                    },
                    "spec": template.get("spec").cloned().unwrap_or_else(|| json!({})),
                });
            }
            fill(&mut v, &["spec", "nodeName"], json!(NODE_NAME));
            fill(&mut v, &["status"], pod_status(&ip));
        }
        Source::Service(_) => {
            let svc = service::view(ctx, obj);
            if svc.service_type != ServiceType::ExternalName {
                fill(&mut v, &["spec", "clusterIP"], json!(svc.cluster_ip));
                fill(&mut v, &["spec", "clusterIPs"], json!([svc.cluster_ip]));
            }
            if let Some(ports) = v
                .get_mut("spec")
                .and_then(|s| s.get_mut("ports"))
                .and_then(serde_json::Value::as_array_mut)
            {
                for (p, view) in ports.iter_mut().zip(&svc.ports) {
                    if let Some(n) = view.node_port {
                        fill(p, &["nodePort"], json!(n));
                    }
                }
            }
        }
        Source::ApiServer if obj.kind == Kind::Service => {
            v = json!({
                "apiVersion": "v1", "kind": "Service",
                "metadata": {"labels": obj.labels, "name": obj.name},
                "spec": {
                    "clusterIP": API_SERVER_IP, "clusterIPs": [API_SERVER_IP],
                    "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                    "ipFamilyPolicy": "SingleStack",
                    "ports": [{"name": "https", "port": 443, "protocol": "TCP",
                               "targetPort": API_SERVER_PORT}],
                    "sessionAffinity": "None", "type": "ClusterIP",
                },
                "status": {"loadBalancer": {}},
            });
        }
        Source::ApiServer | Source::ServiceEndpoints(_) if obj.kind == Kind::Endpoints => {
            let subsets: Vec<serde_json::Value> = service::subsets(ctx, obj)
                .iter()
                .map(|s| {
                    let mut subset = json!({
                        "addresses": s.addresses.iter().map(|a| json!({"ip": a, "nodeName": NODE_NAME})).collect::<Vec<_>>(),
                        "ports": s.ports.iter().map(|(name, port, proto)| {
                            let mut p = json!({"port": port, "protocol": proto.to_string()});
                            if let Some(n) = name { p["name"] = json!(n); }
                            p
                        }).collect::<Vec<_>>(),
                    });
                    if s.addresses.is_empty() {
                        // The API omits empty lists.
                        subset.as_object_mut().expect("an object").remove("addresses");
                    }
                    if !s.not_ready.is_empty() {
                        subset["notReadyAddresses"] = s.not_ready.iter().map(|a| json!({"ip": a, "nodeName": NODE_NAME})).collect();
                    }
                    subset
                })
                .collect();
            v = json!({
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": {"labels": obj.labels, "name": obj.name},
                "subsets": subsets,
            });
        }
        Source::ServiceSlice { .. } | Source::ApiServer if obj.kind == Kind::EndpointSlice => {
            let slice = crate::objects::slices::of(ctx, obj);
            let endpoints: Vec<serde_json::Value> = slice
                .endpoints
                .iter()
                .map(|e| {
                    let mut ep = json!({
                        "addresses": [e.address],
                        "conditions": {"ready": e.ready, "serving": e.serving, "terminating": e.terminating},
                    });
                    if let Some(n) = &e.node {
                        ep["nodeName"] = json!(n);
                    }
                    if let Some(p) = &e.pod {
                        ep["targetRef"] = json!({"kind": "Pod", "name": p, "namespace": obj.namespace});
                    }
                    ep
                })
                .collect();
            let ports: Vec<serde_json::Value> = slice
                .ports
                .iter()
                .map(|(name, port, proto)| {
                    let mut p = json!({"port": port, "protocol": proto.to_string()});
                    if let Some(n) = name {
                        p["name"] = json!(n);
                    }
                    p
                })
                .collect();
            v = json!({
                "addressType": slice.address_type,
                "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                "endpoints": endpoints,
                "metadata": {"labels": obj.labels, "name": obj.name},
                "ports": if ports.is_empty() { serde_json::Value::Null } else { json!(ports) },
            });
        }
        Source::Node => {
            v = json!({
                "apiVersion": "v1", "kind": "Node",
                "metadata": {"labels": obj.labels, "name": obj.name},
                "spec": {"podCIDR": NODE_POD_CIDR, "podCIDRs": [NODE_POD_CIDR]},
                "status": {
                    "addresses": [{"address": NODE_IP, "type": "InternalIP"},
                                  {"address": NODE_NAME, "type": "Hostname"}],
                    "nodeInfo": {
                        "architecture": ARCHITECTURE, "containerRuntimeVersion": CONTAINER_RUNTIME,
                        "kernelVersion": KERNEL_VERSION, "kubeletVersion": NODE_VERSION,
                        "operatingSystem": OPERATING_SYSTEM, "osImage": OS_IMAGE,
                    },
                },
            });
        }
        Source::Namespace(_) => {
            if obj.doc(ctx).is_none() {
                v = json!({"apiVersion": "v1", "kind": "Namespace",
                           "metadata": {"labels": obj.labels, "name": obj.name}});
            }
            fill(&mut v, &["spec", "finalizers"], json!(["kubernetes"]));
            fill(&mut v, &["status", "phase"], json!("Active"));
        }
        Source::ReplicaSetOf(g) => {
            let deployment = objects::group_doc(ctx, g)
                .and_then(|d| serde_json::to_value(d.value).ok())
                .unwrap_or_else(|| json!({}));
            let spec = deployment.get("spec").cloned().unwrap_or_else(|| json!({}));
            let n = model.groups[g].replicas;
            let mut selector = spec.get("selector").cloned().unwrap_or_else(|| json!({}));
            if let Some(hash) = obj.labels.get("pod-template-hash") {
                fill(
                    &mut selector,
                    &["matchLabels", "pod-template-hash"],
                    json!(hash),
                );
            }
            v = json!({
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": {
                    "labels": obj.labels, "name": obj.name,
                    "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true,
                        "controller": true, "kind": "Deployment", "name": model.groups[g].name}],
                },
                "spec": {"replicas": n, "selector": selector,
                         "template": spec.get("template").cloned().unwrap_or_else(|| json!({}))},
                "status": {"availableReplicas": n, "fullyLabeledReplicas": n,
                           "readyReplicas": n, "replicas": n},
            });
        }
        _ => {}
    }
    if obj.kind.namespaced() {
        fill(&mut v, &["metadata", "namespace"], json!(obj.namespace));
    }
    fill(&mut v, &["metadata", "creationTimestamp"], json!(created));
    v
}

/// Sets `path` in `v` to `value` unless something is there already (the manifest wins).
fn fill(v: &mut serde_json::Value, path: &[&str], value: serde_json::Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = v;
    for key in parents {
        if !at.is_object() {
            return;
        }
        at = at
            .as_object_mut()
            .map(|m| {
                m.entry(key.to_string())
                    .or_insert_with(|| serde_json::json!({}))
            })
            .expect("an object");
    }
    if let Some(m) = at.as_object_mut() {
        m.entry(last.to_string()).or_insert(value);
    }
}
