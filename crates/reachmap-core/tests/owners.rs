//! Pods grouped by the workload that owns them (issue 10): every workload kind, with and
//! without the owning objects in the input, a manifest with its live pods, and pods that
//! policies tell apart, which are never merged.

mod common;

use common::*;
use reachmap_core::analysis::Verdict::*;
use reachmap_core::model::{ConditionStatus, PodGroup};
use reachmap_core::Parsed;

/// A live pod as the API server returns it: owned by `owner` (`Kind/name`, controller), with
/// extra labels, an IP and a named port `web`.
fn live(name: &str, owner: &str, labels: &str, ip: &str, web: u16) -> String {
    let (kind, owner_name) = owner.split_once('/').unwrap();
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: shop\n  labels: {{app: web{labels}}}\n  ownerReferences:\n  - {{apiVersion: apps/v1, kind: {kind}, name: {owner_name}, uid: u-{owner_name}, controller: true, blockOwnerDeletion: true}}\nspec:\n  nodeName: node-1\n  containers:\n  - name: c\n    image: nginx\n    ports: [{{name: web, containerPort: {web}}}, {{containerPort: 9000}}]\nstatus:\n  phase: Running\n  hostIP: 10.0.0.11\n  podIP: {ip}\n  podIPs: [{{ip: {ip}}}]\n  conditions:\n  - {{type: Ready, status: \"True\"}}\n---\n"
    )
}

/// A workload object (`Kind/name`) owned by `owner` (`Kind/name`) when given.
fn object(kind_name: &str, owner: Option<&str>, replicas: u32) -> String {
    let (kind, name) = kind_name.split_once('/').unwrap();
    let api = if matches!(kind, "Job" | "CronJob") {
        "batch/v1"
    } else if kind == "ReplicationController" {
        "v1"
    } else {
        "apps/v1"
    };
    let owner = owner
        .map(|o| {
            let (k, n) = o.split_once('/').unwrap();
            format!("  ownerReferences: [{{apiVersion: x, kind: {k}, name: {n}, uid: u, controller: true}}]\n")
        })
        .unwrap_or_default();
    let template = "    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, ports: [{name: web, containerPort: 80}]}]}\n";
    let spec = match kind {
        "CronJob" => format!("  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n{}", template.replace("    ", "        ")),
        "ReplicationController" => format!("  replicas: {replicas}\n  selector: {{app: web}}\n  template:\n{template}"),
        "Job" => format!("  parallelism: {replicas}\n  template:\n{template}"),
        // A DaemonSet has no `replicas` (a pod per node): kubectl refuses the field.
        "DaemonSet" => format!("  selector: {{matchLabels: {{app: web}}}}\n  template:\n{template}"),
        _ => format!("  replicas: {replicas}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n{template}"),
    };
    format!("apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: shop\n{owner}spec:\n{spec}---\n")
}

fn endpoints(p: &Parsed) -> Vec<String> {
    p.model.groups.iter().map(PodGroup::endpoint).collect()
}

fn group<'p>(p: &'p Parsed, endpoint: &str) -> &'p PodGroup {
    &p.model.groups[p
        .model
        .group(endpoint)
        .unwrap_or_else(|| panic!("{endpoint}: {:?}", endpoints(p)))]
}

#[test]
fn a_replica_sets_pods_are_their_deployments_by_the_template_hash() {
    let mut text = String::new();
    for (i, ip) in ["10.244.0.5", "10.244.1.7", "10.244.2.9"]
        .iter()
        .enumerate()
    {
        text.push_str(&live(
            &format!("front-7d9c5-x{i}"),
            "ReplicaSet/front-7d9c5",
            ", pod-template-hash: 7d9c5",
            ip,
            8080,
        ));
    }
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/front[Deployment]"]);
    let g = group(&p, "shop/front[Deployment]");
    assert_eq!(g.replicas, 3);
    assert_eq!(g.ips.len(), 3);
    assert!(g.part.is_none());
    assert_eq!(
        g.labels.get("pod-template-hash").map(String::as_str),
        Some("7d9c5")
    );
    let names: Vec<&str> = g.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["front-7d9c5-x0", "front-7d9c5-x1", "front-7d9c5-x2"]
    );
    let pod = &g.pods[1];
    assert_eq!(pod.ips, ["10.244.1.7".parse::<std::net::IpAddr>().unwrap()]);
    assert_eq!(pod.node.as_deref(), Some("node-1"));
    assert_eq!(pod.host_ip, Some("10.0.0.11".parse().unwrap()));
    assert!(!pod.host_network && !pod.terminating);
    assert_eq!(pod.phase.as_deref(), Some("Running"));
    assert_eq!(pod.ready, Some(ConditionStatus::True));
    assert_eq!(p.object(&pod.location).unwrap().name, "front-7d9c5-x1");
}

#[test]
fn without_the_hash_a_replica_set_stays_a_replica_set_unless_its_object_says_otherwise() {
    // No pod-template-hash: a bare ReplicaSet's pods.
    let p = parse_clean(&live("rs-a", "ReplicaSet/mine", "", "10.244.0.5", 80));
    assert_eq!(endpoints(&p), ["shop/mine[ReplicaSet]"]);
    // A hash that does not end the ReplicaSet's name: not the Deployment controller's naming.
    let p = parse_clean(&live(
        "rs-a",
        "ReplicaSet/mine",
        ", pod-template-hash: zzz",
        "10.244.0.5",
        80,
    ));
    assert_eq!(endpoints(&p), ["shop/mine[ReplicaSet]"]);
    // The ReplicaSet object names its Deployment: that wins over the name.
    let mut text = live("rs-a", "ReplicaSet/mine", "", "10.244.0.5", 80);
    text.push_str(&object("ReplicaSet/mine", Some("Deployment/site"), 1));
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/site[Deployment]"]);
    // A ReplicaSet object without controller: a bare ReplicaSet, one endpoint with its pods.
    let mut text = live(
        "rs-a",
        "ReplicaSet/mine-abc",
        ", pod-template-hash: abc",
        "10.244.0.5",
        80,
    );
    text.push_str(&object("ReplicaSet/mine-abc", None, 1));
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/mine-abc[ReplicaSet]"]);
    assert_eq!(group(&p, "shop/mine-abc[ReplicaSet]").pods.len(), 1);
}

#[test]
fn stateful_sets_daemon_sets_jobs_and_replication_controllers_own_their_pods() {
    for kind in ["StatefulSet", "DaemonSet", "Job", "ReplicationController"] {
        let mut text = live("w-0", &format!("{kind}/w"), "", "10.244.0.5", 80);
        text.push_str(&live(
            "w-1",
            &format!("{kind}/w"),
            ", controller-revision-hash: w-5b9",
            "10.244.0.6",
            80,
        ));
        let p = parse_clean(&text);
        assert_eq!(endpoints(&p), [format!("shop/w[{kind}]")], "{kind}");
        assert_eq!(group(&p, &format!("shop/w[{kind}]")).replicas, 2);
        // With the workload's manifest: still one endpoint, at the manifest.
        text.push_str(&object(&format!("{kind}/w"), None, 5));
        let p = parse_clean(&text);
        assert_eq!(endpoints(&p), [format!("shop/w[{kind}]")], "{kind}");
        let g = group(&p, &format!("shop/w[{kind}]"));
        assert_eq!(g.replicas, 2, "the live pods, not spec.replicas");
        assert_eq!(p.object(&g.location).unwrap().kind, kind, "at the manifest");
    }
}

#[test]
fn a_cronjobs_pods_are_its_own_through_the_job_object() {
    let mut text = live("backup-28000-x", "Job/backup-28000", "", "10.244.0.5", 80);
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/backup-28000[Job]"]);
    text.push_str(&object("Job/backup-28000", Some("CronJob/backup"), 1));
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/backup[CronJob]"]);
    text.push_str(&object("CronJob/backup", None, 1));
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/backup[CronJob]"]);
    // Without pods: the CronJob's manifest; its Jobs are no endpoints of their own.
    let text = format!(
        "{}{}",
        object("Job/backup-1", Some("CronJob/backup"), 1),
        object("CronJob/backup", None, 1)
    );
    assert_eq!(endpoints(&parse_clean(&text)), ["shop/backup[CronJob]"]);
}

#[test]
fn a_deployment_manifest_and_its_live_pods_and_replica_sets_are_one_endpoint() {
    let mut text = object("Deployment/front", None, 2);
    text.push_str(&object(
        "ReplicaSet/front-7d9c5",
        Some("Deployment/front"),
        2,
    ));
    text.push_str(&object(
        "ReplicaSet/front-old11",
        Some("Deployment/front"),
        0,
    ));
    text.push_str(&live(
        "front-7d9c5-a",
        "ReplicaSet/front-7d9c5",
        ", pod-template-hash: 7d9c5",
        "10.244.0.5",
        80,
    ));
    text.push_str(&live(
        "front-7d9c5-b",
        "ReplicaSet/front-7d9c5",
        ", pod-template-hash: 7d9c5",
        "10.244.0.6",
        80,
    ));
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/front[Deployment]"]);
    let g = group(&p, "shop/front[Deployment]");
    assert_eq!((g.replicas, g.pods.len()), (2, 2));
    assert_eq!(p.object(&g.location).unwrap().kind, "Deployment");
    // Without the Deployment nor pods, its running ReplicaSet stands for it.
    let text = format!(
        "{}{}",
        object("ReplicaSet/front-7d9c5", Some("Deployment/front"), 3),
        object("ReplicaSet/front-old11", Some("Deployment/front"), 0)
    );
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/front[Deployment]"]);
    assert_eq!(group(&p, "shop/front[Deployment]").replicas, 3);
}

#[test]
fn a_pod_of_an_unknown_controller_is_a_bare_pod() {
    let text = live("kube-apiserver-node-1", "Node/node-1", "", "10.0.0.11", 80);
    let p = parse_clean(&text);
    assert_eq!(endpoints(&p), ["shop/kube-apiserver-node-1"]);
}

/// Four pods of one Deployment, then policies.
fn rollout(policies: &str) -> Parsed {
    let mut text = String::new();
    let pods = [
        ("a", "v1", "10.244.0.5", 8080),
        ("b", "v1", "10.244.1.5", 8080),
        ("c", "v2", "10.244.2.5", 8080),
        ("d", "v2", "10.244.3.5", 8081),
    ];
    for (n, version, ip, web) in pods {
        let hash = if version == "v1" { "aaa" } else { "bbb" };
        text.push_str(&live(
            &format!("front-{hash}-{n}"),
            &format!("ReplicaSet/front-{hash}"),
            &format!(", pod-template-hash: {hash}, version: {version}"),
            ip,
            web,
        ));
    }
    text.push_str(&pod("shop", "client", &[("app", "client")], &[]));
    text.push_str(policies);
    parse_clean(&text)
}

const DENY_BUT: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n";

#[test]
fn pods_that_no_policy_tells_apart_are_one_endpoint() {
    // Different template hashes, versions, IPs and port numbers, but nothing reads them.
    let p = rollout(&format!("{DENY_BUT}  - ports: [{{port: 8080}}]\n"));
    assert_eq!(endpoints(&p), ["shop/client", "shop/front[Deployment]"]);
    let g = group(&p, "shop/front[Deployment]");
    assert_eq!(g.replicas, 4);
    assert!(
        !g.labels.contains_key("version"),
        "only the labels all its pods carry"
    );
}

#[test]
fn pods_that_a_selector_tells_apart_are_split_and_say_why() {
    let p = rollout(&format!(
        "{}  - from: [{{podSelector: {{}}}}]\n---\n{}",
        DENY_BUT.replace("{app: web}", "{version: v1}"),
        DENY_BUT
            .replace("name: p,", "name: q,")
            .replace("{app: web}", "{version: v2}")
    ));
    assert_eq!(
        endpoints(&p),
        [
            "shop/client",
            "shop/front[Deployment#1]",
            "shop/front[Deployment#2]"
        ]
    );
    let (one, two) = (
        group(&p, "shop/front[Deployment#1]"),
        group(&p, "shop/front[Deployment#2]"),
    );
    let names = |g: &PodGroup| g.pods.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(one), ["front-aaa-a", "front-aaa-b"]);
    assert_eq!(names(two), ["front-bbb-c", "front-bbb-d"]);
    let part = two.part.as_ref().unwrap();
    assert_eq!((part.index, part.count), (2, 2));
    assert_eq!(part.differences, ["label version=v2"]);
    assert_eq!(one.part.as_ref().unwrap().differences, ["label version=v1"]);
    // And the verdicts differ: p admits every pod of shop to v1, q isolates v2 and admits
    // nothing.
    assert_eq!(
        verdict(&p, "shop/client", "shop/front[Deployment#1]", "TCP/80"),
        Allowed
    );
    assert_eq!(
        verdict(&p, "shop/client", "shop/front[Deployment#2]", "TCP/80"),
        Denied
    );
    // `shop/front` alone is ambiguous: it names both parts.
    assert!(
        reachmap_core::analysis::Endpoint::parse(&p.model, "shop/front")
            .unwrap_err()
            .contains("ambiguous")
    );
}

#[test]
fn pods_split_by_ip_blocks_and_named_ports_only_where_rules_read_them() {
    let p = rollout(&format!("{DENY_BUT}  - from: [{{ipBlock: {{cidr: 10.244.0.0/16, except: [10.244.1.0/24]}}}}]\n  - ports: [{{port: web}}]\n"));
    assert_eq!(
        endpoints(&p),
        [
            "shop/client",
            "shop/front[Deployment#1]",
            "shop/front[Deployment#2]",
            "shop/front[Deployment#3]"
        ]
    );
    let words = |e: &str| group(&p, e).part.clone().unwrap().differences;
    assert_eq!(
        words("shop/front[Deployment#1]"),
        [
            "port web is TCP/8080",
            "an IP in ipBlock 10.244.0.0/16 except 10.244.1.0/24"
        ]
    );
    assert_eq!(
        words("shop/front[Deployment#2]"),
        [
            "port web is TCP/8080",
            "no IP in ipBlock 10.244.0.0/16 except 10.244.1.0/24"
        ]
    );
    assert_eq!(
        words("shop/front[Deployment#3]"),
        [
            "port web is TCP/8081",
            "an IP in ipBlock 10.244.0.0/16 except 10.244.1.0/24"
        ]
    );
    assert_eq!(group(&p, "shop/front[Deployment#1]").replicas, 2);
    assert_eq!(
        verdict(&p, "shop/client", "shop/front[Deployment#1]", "TCP/8080"),
        Allowed
    );
    assert_eq!(
        verdict(&p, "shop/client", "shop/front[Deployment#3]", "TCP/8080"),
        Denied
    );
    assert_eq!(
        verdict(&p, "shop/client", "shop/front[Deployment#3]", "TCP/8081"),
        Allowed
    );
    // As a source: a pod outside the ipBlock is not admitted by it.
    let p = rollout(&format!(
        "{}  - from: [{{ipBlock: {{cidr: 10.244.0.0/16, except: [10.244.1.0/24]}}}}]\n",
        DENY_BUT.replace("{app: web}", "{app: client}")
    ));
    assert_eq!(
        verdict(&p, "shop/front[Deployment#1]", "shop/client", "TCP/80"),
        Allowed
    );
    assert_eq!(
        verdict(&p, "shop/front[Deployment#2]", "shop/client", "TCP/80"),
        Denied
    );
}

#[test]
fn an_explanation_names_the_pods_and_what_sets_a_part_apart() {
    let p = rollout(&format!(
        "{}  - from: [{{podSelector: {{}}}}]\n---\n{}",
        DENY_BUT.replace("{app: web}", "{version: v1}"),
        DENY_BUT
            .replace("name: p,", "name: q,")
            .replace("{app: web}", "{version: v2}")
    ));
    let e = flow(&p, "shop/client", "shop/front[Deployment#2]", "TCP/80");
    let text = reachmap_core::report::explanation_text(&p.model, &e);
    assert!(
        text.ends_with("  shop/front[Deployment#2]: 2 of the 4 pods of Deployment shop/front (front-bbb-c, front-bbb-d), part 2 of 2: policies tell them apart by label version=v2\n"),
        "{text}"
    );
    let p = rollout("");
    let e = flow(&p, "shop/front[Deployment]", "shop/client", "TCP/80");
    let text = reachmap_core::report::explanation_text(&p.model, &e);
    assert!(
        text.ends_with("  shop/front[Deployment]: its 4 pods (front-aaa-a, front-aaa-b, front-bbb-c, front-bbb-d)\n"),
        "{text}"
    );
}
