//! Services exactly as the cluster routes them (issue 15): the three answers that were wrong,
//! kept as regression tests. Each names the Kubernetes documentation sentence it rests on.

mod common;

use common::*;
use reachmap_core::analysis::{answer, FlowQuery, Verdict};
use reachmap_core::report::answer_text;
use reachmap_core::Code;

/// `reachmap explain --from FROM --to TO` (a Service port): the verdict and the text.
fn explain_service(text: &str, from: &str, to: &str) -> (Verdict, String) {
    let a = analyse_clean(text);
    let q = FlowQuery::parse(a.model(), from, to, None).unwrap_or_else(|e| panic!("{e}"));
    let flow = answer(a.model(), &a.reports, &q);
    (flow.verdict(), answer_text(a.model(), &flow))
}

const CLIENT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: client, labels: {app: client}}\nspec: {containers: [{name: c, image: busybox}]}\n---\n";

/// Services: "For headless Services, a cluster IP is not allocated, kube-proxy does not handle
/// these Services, and there is no load balancing or proxying done by the platform for them."
/// The client connects to the pods' own addresses on the port it uses: TCP/80, not the
/// targetPort 5432 the policy admits.
#[test]
fn a_headless_service_is_reached_on_the_port_the_client_uses() {
    let text = format!(
        "{CLIENT}apiVersion: v1\nkind: Pod\nmetadata: {{name: db-0, labels: {{app: db}}}}\nspec: {{containers: [{{name: c, image: postgres, ports: [{{name: pg, containerPort: 5432}}]}}]}}\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec:\n  clusterIP: None\n  selector: {{app: db}}\n  ports: [{{name: pg, port: 80, targetPort: 5432}}]\n---\n\
apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: db-only-5432}}\nspec:\n  podSelector: {{matchLabels: {{app: db}}}}\n  ingress: [{{ports: [{{port: 5432}}]}}]\n"
    );
    let (verdict, text) = explain_service(&text, "default/client", "default/db:80");
    assert_eq!(verdict, Verdict::Denied, "{text}");
    assert!(text.contains("TCP/80"), "{text}");
    assert!(!text.contains("TCP/5432 allowed"), "{text}");
}

/// Services: a named targetPort "works even if there is a mixture of Pods in the Service using a
/// single configured name"; the EndpointSlice controller lists a pod under a port only where
/// `FindPort` resolves the port on it (pkg/controller/endpointslice, `getEndpointPorts`), so
/// traffic goes to the pods that have it, and nothing fails.
#[test]
fn a_pod_without_the_named_target_port_is_not_an_endpoint_of_that_port() {
    let text = format!(
        "{CLIENT}apiVersion: v1\nkind: Pod\nmetadata: {{name: web-a, labels: {{app: web}}}}\nspec: {{containers: [{{name: c, image: nginx, ports: [{{name: http, containerPort: 8080}}]}}]}}\n---\n\
apiVersion: v1\nkind: Pod\nmetadata: {{name: web-b, labels: {{app: web}}}}\nspec: {{containers: [{{name: c, image: nginx, ports: [{{name: metrics, containerPort: 9090}}]}}]}}\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{app: web}}\n  ports: [{{port: 80, targetPort: http}}]\n"
    );
    let a = analyse_clean(&text);
    let missing: Vec<_> = a.reports[0]
        .findings
        .iter()
        .filter(|f| f.code == Code::TargetPortMissing)
        .collect();
    assert!(
        missing.iter().all(|f| !f.message.contains("fails")),
        "{missing:#?}"
    );
    let (verdict, text) = explain_service(&text, "default/client", "default/web:80");
    assert_eq!(verdict, Verdict::Allowed, "{text}");
    assert!(!text.contains("connections to the others fail"), "{text}");
    assert!(
        !text.contains("web-b"),
        "web-b is no endpoint of port 80: {text}"
    );
}

/// The warning for a pod lacking a named targetPort suggests a close name only where a
/// selected pod has one that differs: never the very name it says is missing.
#[test]
fn a_missing_named_target_port_suggests_another_name_never_itself() {
    let service = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n";
    let pod = |name: &str, port: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: web}}}}\nspec: {{containers: [{{name: c, image: nginx{port}}}]}}\n---\n")
    };
    let message = |text: &str| {
        let a = analyse_clean(text);
        a.reports[0]
            .findings
            .iter()
            .find(|f| f.code == Code::TargetPortMissing)
            .map(|f| f.message.clone())
            .unwrap()
    };
    // web-b has no ports: nothing to suggest, though web-a has `http`.
    let text =
        pod("web-a", ", ports: [{name: http, containerPort: 8080}]") + &pod("web-b", "") + service;
    let m = message(&text);
    assert!(!m.contains("did you mean"), "{m}");
    // web-b has `htpp`: that is the suggestion.
    let text = pod("web-a", ", ports: [{name: http, containerPort: 8080}]")
        + &pod("web-b", ", ports: [{name: htpp, containerPort: 8080}]")
        + service;
    let m = message(&text);
    assert!(m.ends_with("did you mean `htpp`?"), "{m}");
}

/// NetworkPolicy, "Behavior of to and from selectors" (ipBlock): "Cluster ingress and egress
/// mechanisms often require rewriting the source or destination IP of packets. In cases where
/// this happens, it is not defined whether this happens before or after NetworkPolicy
/// processing". With `externalTrafficPolicy: Cluster` the source is masqueraded to a node's
/// address; with `Local` it is kept.
#[test]
fn external_traffic_policy_cluster_makes_an_ip_block_verdict_depend() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web-cluster}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web-local}\nspec:\n  type: NodePort\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\n\
apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-partner}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24}}]}]\n";
    let (verdict, words) = explain_service(text, "203.0.113.7", "default/web-cluster:80");
    assert_eq!(verdict, Verdict::Depends, "{words}");
    assert!(
        words.contains(
            "it is not defined whether this happens before or after NetworkPolicy processing"
        ),
        "{words}"
    );
    let (verdict, words) = explain_service(text, "203.0.113.7", "default/web-local:80");
    assert_eq!(verdict, Verdict::Allowed, "{words}");
}

/// A pod as a dump shows it: labels `app: APP`, a container port `http` 8080, on `node`,
/// with `status` (`None`: a manifest, no status at all).
fn live_pod(
    name: &str,
    app: &str,
    node: &str,
    status: Option<(&str, &str, &str)>,
    extra: &str,
) -> String {
    let mut s = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: {app}}}{}}}\nspec:\n  nodeName: {node}\n{}  containers: [{{name: c, image: nginx, ports: [{{name: http, containerPort: 8080}}]}}]\n",
        if extra.contains("deletionTimestamp") { ", deletionTimestamp: '2026-01-01T00:00:00Z'" } else { "" },
        if extra.contains("hostNetwork") { "  hostNetwork: true\n" } else { "" },
    );
    if let Some((ip, phase, ready)) = status {
        s.push_str(&format!(
            "status:\n  phase: {phase}\n  hostIP: 192.168.0.{}\n  podIP: {ip}\n  podIPs: [{{ip: {ip}}}]\n  conditions: [{{type: Ready, status: '{ready}'}}]\n",
            &node[node.len() - 1..]
        ));
    }
    s + "---\n"
}

fn web_service(name: &str, spec_extra: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec:\n  selector: {{app: web}}\n{spec_extra}  ports: [{{name: h, port: 80, targetPort: http}}]\n---\n")
}

/// The addresses kube-proxy sends Service `service`'s first port to.
fn served(a: &reachmap_core::analysis::Analysis, service: &str) -> Vec<String> {
    let (ns, name) = service.split_once('/').unwrap();
    let r = a
        .reports
        .iter()
        .find(|r| {
            a.model().services[r.service].namespace == ns
                && a.model().services[r.service].name == name
        })
        .unwrap();
    let mut out: Vec<String> = r
        .served(0)
        .iter()
        .map(|e| e.address.map_or("?".into(), |ip| ip.to_string()))
        .collect();
    out.sort();
    out
}

/// The EndpointSlice rules, one row per sentence: (the documentation or source it implements,
/// the pods, the Service's extra spec, the addresses that receive the traffic).
#[test]
fn endpoints_follow_the_endpoint_slice_rules() {
    let ready =
        |n: &str, ip: &'static str| live_pod(n, "web", "node-1", Some((ip, "Running", "True")), "");
    let rows: Vec<(&str, String, &str, Vec<&str>)> = vec![
        (
            "EndpointSlices, ready: \"A running Pod with the Ready condition set to True should have this EndpointSlice condition also set to true\"; Ready False: not ready, no traffic",
            ready("a", "10.1.0.1") + &live_pod("b", "web", "node-1", Some(("10.1.0.2", "Running", "False")), ""),
            "",
            vec!["10.1.0.1"],
        ),
        (
            "Service spec: publishNotReadyAddresses \"indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready\"",
            ready("a", "10.1.0.1") + &live_pod("b", "web", "node-1", Some(("10.1.0.2", "Running", "False")), ""),
            "  publishNotReadyAddresses: true\n",
            vec!["10.1.0.1", "10.1.0.2"],
        ),
        (
            "ShouldPodBeInEndpoints (pkg/controller/endpointslice): pods in phase Succeeded or Failed are never endpoints",
            ready("a", "10.1.0.1")
                + &live_pod("b", "web", "node-1", Some(("10.1.0.2", "Succeeded", "False")), "")
                + &live_pod("c", "web", "node-1", Some(("10.1.0.3", "Failed", "False")), ""),
            "",
            vec!["10.1.0.1"],
        ),
        (
            "EndpointSlices: \"For compatibility reasons, ready is NEVER true when a Pod is terminating\"; KEP-1669 (ProxyTerminatingEndpoints, GA 1.28): kube-proxy uses serving terminating endpoints only when no ready one is left, so here it gets nothing",
            ready("a", "10.1.0.1") + &live_pod("b", "web", "node-1", Some(("10.1.0.2", "Running", "True")), "deletionTimestamp"),
            "",
            vec!["10.1.0.1"],
        ),
        (
            "KEP-1669 (ProxyTerminatingEndpoints): with no ready endpoint left, the serving terminating ones receive the traffic",
            live_pod("b", "web", "node-1", Some(("10.1.0.2", "Running", "True")), "deletionTimestamp")
                + &live_pod("c", "web", "node-1", Some(("10.1.0.3", "Running", "False")), ""),
            "",
            vec!["10.1.0.2"],
        ),
        (
            "Pod spec: hostNetwork \"Use the host's network namespace\": the endpoint's address is its node's",
            live_pod("h", "web", "node-2", Some(("192.168.0.2", "Running", "True")), "hostNetwork"),
            "",
            vec!["192.168.0.2"],
        ),
    ];
    for (doc, pods, extra, expected) in rows {
        let a = analyse_clean(&format!("{pods}{}", web_service("web", extra)));
        assert_eq!(served(&a, "default/web"), expected, "{doc}");
    }
}

/// A manifest without status: taken as ready, and the explanation says so once.
#[test]
fn pods_without_status_are_taken_as_ready_and_the_explanation_says_so_once() {
    let text = format!(
        "{CLIENT}{}{}{}",
        live_pod("a", "web", "node-1", None, ""),
        live_pod("b", "web", "node-1", None, ""),
        web_service("web", "")
    );
    let a = analyse_clean(&text);
    assert!(a.reports[0]
        .endpoints
        .iter()
        .all(|e| e.ready && e.status_assumed));
    let (verdict, words) = explain_service(&text, "default/client", "default/web:h");
    assert_eq!(verdict, Verdict::Allowed);
    assert_eq!(
        words.matches("taken as running and ready").count(),
        1,
        "{words}"
    );
}

/// Services: headless Services — DNS returns the pods' addresses and "there is no load
/// balancing or proxying"; the SRV record (DNS for Services and Pods: "SRV Records are created
/// for named ports that are part of normal or Headless Services") advertises the targetPort.
#[test]
fn a_headless_service_says_dns_the_port_used_and_the_srv_record() {
    let text = format!(
        "{CLIENT}{}apiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec:\n  clusterIP: None\n  selector: {{app: db}}\n  ports: [{{name: pg, port: 80, targetPort: 5432}}]\n",
        live_pod("db-0", "db", "node-1", None, "")
    );
    let a = analyse_clean(&text);
    let described = a.reports[0].ports[0].access[0].describe();
    assert!(
        described.contains("clients connect on the port they use, 80, untranslated"),
        "{described}"
    );
    assert!(
        described.contains("_pg._tcp.db.default.svc.cluster.local advertises targetPort 5432"),
        "{described}"
    );
    let (verdict, words) = explain_service(&text, "default/client", "default/db:pg");
    assert_eq!(verdict, Verdict::Allowed);
    assert!(words.contains("default/db-0 TCP/80: allowed"), "{words}");
    assert!(
        words.contains("headless: DNS returns the pods' own addresses"),
        "{words}"
    );
}

/// The way in from outside, one row per sentence: (the sentence, the Service, the client, the
/// policy on the pod, the verdict, words the explanation must hold).
#[test]
fn the_way_in_from_outside_follows_the_service_type_and_traffic_policy() {
    let pods = live_pod(
        "web-1",
        "web",
        "node-1",
        Some(("10.1.0.1", "Running", "True")),
        "",
    );
    let admit_partner = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24}}]}]\n---\n";
    let admit_all = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: [{}]\n---\n";
    let deny_all = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\n";
    let rows: Vec<(&str, String, &str, &str, Verdict, &str)> = vec![
        (
            "ServiceSpec type ClusterIP: \"Choosing this value makes the Service only reachable from within the cluster.\"",
            web_service("web", ""),
            "203.0.113.7",
            "",
            Verdict::Denied,
            "not reachable from outside",
        ),
        (
            "Services, externalIPs: \"Traffic that ingresses into the cluster with the external IP (as destination IP), on the Service port, will be routed to one of the Service endpoints\"",
            web_service("web", "  externalIPs: [198.51.100.10]\n"),
            "203.0.113.7",
            "",
            Verdict::Allowed,
            "externalTrafficPolicy: Cluster",
        ),
        (
            "Network Policies, ipBlock: \"it is not defined whether this happens before or after NetworkPolicy processing\" (Cluster: the pod may see a node's address)",
            web_service("web", "  type: LoadBalancer\n"),
            "203.0.113.7",
            admit_partner,
            Verdict::Depends,
            "it is not defined whether this happens before or after NetworkPolicy processing",
        ),
        (
            "externalTrafficPolicy Cluster: a rule admitting every source decides whatever the source",
            web_service("web", "  type: NodePort\n"),
            "203.0.113.7",
            admit_all,
            Verdict::Allowed,
            "obscures the client source IP",
        ),
        (
            "externalTrafficPolicy Cluster: no rule admits any source, so no source address does",
            web_service("web", "  type: NodePort\n"),
            "203.0.113.7",
            deny_all,
            Verdict::Denied,
            "obscures the client source IP",
        ),
        (
            "ServiceSpec externalTrafficPolicy Local: \"without masquerading the client source IP\"",
            web_service("web", "  type: NodePort\n  externalTrafficPolicy: Local\n"),
            "203.0.113.7",
            admit_partner,
            Verdict::Allowed,
            "the nodes that answer: node-1",
        ),
        (
            "ServiceSpec externalTrafficPolicy Local: the kept address is one the rule does not admit",
            web_service("web", "  type: NodePort\n  externalTrafficPolicy: Local\n"),
            "198.51.100.7",
            admit_partner,
            Verdict::Denied,
            "without masquerading the client source IP",
        ),
    ];
    for (doc, service, from, policy, verdict, words) in rows {
        let text = format!("{pods}{service}{policy}");
        let (got, explanation) = explain_service(&text, from, "default/web:h");
        assert_eq!(got, verdict, "{doc}\n{explanation}");
        assert!(
            explanation.contains(words),
            "{doc}: `{words}` missing\n{explanation}"
        );
    }
}

/// Service Internal Traffic Policy: "This tells kube-proxy to only use node local endpoints for
/// cluster internal traffic." — "For pods on nodes with no endpoints for a given Service, the
/// Service behaves as if it has zero endpoints (for Pods on this node)".
#[test]
fn internal_traffic_policy_local_keeps_in_cluster_clients_on_their_node() {
    let backends = live_pod(
        "web-1",
        "web",
        "node-1",
        Some(("10.1.0.1", "Running", "True")),
        "",
    );
    let service = web_service("web", "  internalTrafficPolicy: Local\n");
    let client_on = |node: &str| {
        live_pod(
            "client",
            "client",
            node,
            Some(("10.1.9.9", "Running", "True")),
            "",
        )
    };
    let rows: Vec<(&str, String, Verdict, &str)> = vec![
        (
            "a client on node-1, where an endpoint runs",
            client_on("node-1"),
            Verdict::Allowed,
            "every node the client runs on has one",
        ),
        (
            "a client on node-2, where none runs: as if zero endpoints",
            client_on("node-2"),
            Verdict::Denied,
            "so the traffic is dropped",
        ),
        (
            "a client whose node the input does not say: depends",
            CLIENT.to_string(),
            Verdict::Depends,
            "does not say which node",
        ),
    ];
    for (doc, client, verdict, words) in rows {
        let text = format!("{client}{backends}{service}");
        let (got, explanation) = explain_service(&text, "default/client", "default/web:h");
        assert_eq!(got, verdict, "{doc}\n{explanation}");
        assert!(
            explanation.contains(words),
            "{doc}: `{words}` missing\n{explanation}"
        );
    }
}

/// Hairpin: a pod reaching itself through its own Service may see its source rewritten, and
/// Network Policies say "a pod cannot block access to itself" while the rules would stop it:
/// the explanation says both, and the verdict depends. With rules that admit it, it is allowed.
#[test]
fn a_pod_reaching_itself_through_its_service_is_told_about_hairpin() {
    let pod = live_pod(
        "web",
        "web",
        "node-1",
        Some(("10.1.0.1", "Running", "True")),
        "",
    );
    let service = web_service("web-svc", "");
    let deny = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n";
    let (verdict, words) = explain_service(
        &format!("{pod}{service}{deny}"),
        "default/web",
        "default/web-svc:h",
    );
    assert!(words.contains("hairpin"), "{words}");
    assert!(
        words.contains("a pod cannot block access to itself"),
        "{words}"
    );
    assert_eq!(verdict, Verdict::Depends, "{words}");
    let (verdict, words) = explain_service(
        &format!("{pod}{service}"),
        "default/web",
        "default/web-svc:h",
    );
    assert!(words.contains("may rewrite its source"), "{words}");
    assert_eq!(verdict, Verdict::Allowed, "{words}");
}
