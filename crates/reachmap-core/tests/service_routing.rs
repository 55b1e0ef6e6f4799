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
