use super::*;

fn small() -> DumpSpec {
    DumpSpec {
        namespaces: 2,
        replicas: 3,
        nodes: 3,
        seed: 7,
    }
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    assert_eq!(
        dump(&small(), DumpFormat::Yaml),
        dump(&small(), DumpFormat::Yaml)
    );
    assert_ne!(
        dump(&small(), DumpFormat::Yaml),
        dump(&DumpSpec { seed: 8, ..small() }, DumpFormat::Yaml)
    );
}

#[test]
fn yaml_and_json_hold_the_same_objects() {
    let yaml: Value = serde_yaml::from_str(&dump(&small(), DumpFormat::Yaml)).unwrap();
    let json: Value = serde_json::from_str(&dump(&small(), DumpFormat::Json)).unwrap();
    assert_eq!(yaml, json);
    assert_eq!(yaml["kind"], "List");
}

#[test]
fn pods_carry_what_the_cluster_adds() {
    let list: Value = serde_json::from_str(&dump(&small(), DumpFormat::Json)).unwrap();
    let items = list["items"].as_array().unwrap();
    let count = |kind: &str| items.iter().filter(|i| i["kind"] == kind).count();
    // Two shops of 12 apps (the third shop's redis would be a StatefulSet), 3 replicas, plus
    // CoreDNS (2) and kube-proxy (one per node).
    assert_eq!(count("Deployment"), 2 * 12 + 1);
    assert_eq!(count("Pod"), 2 * 12 * 3 + 2 + 3);
    assert_eq!(count("Namespace"), 4);
    let frontend = items
        .iter()
        .find(|i| i["kind"] == "Pod" && i["metadata"]["labels"]["app"] == "frontend")
        .unwrap();
    let owner = &frontend["metadata"]["ownerReferences"][0];
    assert_eq!(owner["kind"], "ReplicaSet");
    assert_eq!(owner["controller"], true);
    let hash = frontend["metadata"]["labels"]["pod-template-hash"]
        .as_str()
        .unwrap();
    assert_eq!(owner["name"], format!("frontend-{hash}"));
    assert!(frontend["status"]["podIP"]
        .as_str()
        .unwrap()
        .starts_with("10.244."));
    assert!(frontend["metadata"]["managedFields"].is_array());
    // The ReplicaSet points at its Deployment.
    let rs = items
        .iter()
        .find(|i| i["kind"] == "ReplicaSet" && i["metadata"]["name"] == owner["name"])
        .unwrap();
    assert_eq!(rs["metadata"]["ownerReferences"][0]["name"], "frontend");
}

#[test]
fn endpoint_slices_list_the_selected_pods_on_resolved_ports() {
    let list: Value = serde_json::from_str(&dump(&small(), DumpFormat::Json)).unwrap();
    let items = list["items"].as_array().unwrap();
    let slice = items
        .iter()
        .find(|i| {
            i["kind"] == "EndpointSlice"
                && i["metadata"]["labels"]["kubernetes.io/service-name"] == "frontend"
        })
        .unwrap();
    assert_eq!(slice["endpoints"].as_array().unwrap().len(), 3);
    assert_eq!(slice["ports"][0]["port"], 8080);
}

#[test]
fn typed_lists_drop_the_items_kind() {
    let text = dump(&small(), DumpFormat::TypedLists);
    let docs: Vec<Value> = text
        .split("---\n")
        .filter(|d| !d.trim().is_empty())
        .map(|d| serde_yaml::from_str(d).unwrap())
        .collect();
    let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds[..2], ["NamespaceList", "PodList"]);
    assert!(docs.iter().all(|d| d["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i.get("kind").is_none())));
}

#[test]
fn sizes_fit_the_issue_figures() {
    // 1,008 Boutique pods: 21 shops of 12 Deployments with 4 replicas.
    let spec = DumpSpec::with_pods(1008, 4);
    assert_eq!(spec.namespaces, 21);
    let spec = DumpSpec::with_pods(5040, 10);
    assert_eq!(spec.namespaces, 42);
}
