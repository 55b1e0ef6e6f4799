//! Services: selection, targetPort resolution per pod, how each type is reached, findings, and
//! Service-aware flows through NetworkPolicies.

mod common;

use common::*;
use reachmap_core::analysis::{service_flow, Access, Backend, Endpoint, Verdict};
use reachmap_core::Code;

const WEB_V1: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-v1}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web, v: '1'}}\n  template:\n    metadata: {labels: {app: web, v: '1'}}\n    spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}\n---\n";
const WEB_V2: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-v2}\nspec:\n  selector: {matchLabels: {app: web, v: '2'}}\n  template:\n    metadata: {labels: {app: web, v: '2'}}\n    spec: {containers: [{name: c, ports: [{name: http, containerPort: 9090}]}]}\n---\n";

fn service(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n{spec}\n---\n")
}

#[test]
fn a_named_target_port_resolves_per_pod() {
    let text = format!(
        "{WEB_V1}{WEB_V2}{}",
        service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: http}")
    );
    let a = analyse_clean(&text);
    let r = &a.reports[0];
    let v1 = a.model().group("default/web-v1[Deployment]").unwrap();
    let v2 = a.model().group("default/web-v2[Deployment]").unwrap();
    assert_eq!(r.backends, vec![Backend::Group(v1), Backend::Group(v2)]);
    assert_eq!(r.ports[0].resolved, vec![Some(8080), Some(9090)]);
    assert!(r.findings.is_empty());
}

#[test]
fn a_named_target_port_missing_on_some_pods_is_a_finding() {
    let v3 = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-v3, labels: {app: web}}\nspec: {containers: [{name: c}]}\n---\n";
    let text = format!(
        "{WEB_V1}{v3}{}",
        service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: http}")
    );
    let a = analyse_clean(&text);
    let r = &a.reports[0];
    assert_eq!(
        r.ports[0].resolved.iter().filter(|x| x.is_none()).count(),
        1
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::TargetPortMissing)
        .unwrap();
    assert!(
        f.message.contains("default/web-v3 is selected but has no"),
        "{}",
        f.message
    );
    assert_eq!(f.path, "spec.ports[0].targetPort");
}

#[test]
fn a_numeric_target_port_nobody_declares_is_an_info() {
    let text = format!(
        "{WEB_V1}{}",
        service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: 7000}")
    );
    let a = analyse_clean(&text);
    let f = &a.reports[0].findings;
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].code, f[0].severity),
        (Code::TargetPortUndeclared, reachmap_core::Severity::Info)
    );
}

#[test]
fn a_selector_that_matches_nothing_is_a_finding() {
    let a = analyse_clean(&service(
        "  selector: {app: nothing}\n  ports:\n  - {port: 80}",
    ));
    let r = &a.reports[0];
    assert!(r.backends.is_empty());
    assert_eq!(r.findings[0].code, Code::SelectsNothing);
}

#[test]
fn target_port_defaults_to_port() {
    let a = analyse_clean(&format!(
        "{WEB_V1}{}",
        service("  selector: {app: web}\n  ports:\n  - {port: 8080}")
    ));
    assert_eq!(a.reports[0].ports[0].resolved, vec![Some(8080)]);
}

#[test]
fn node_ports_are_kept_or_allocated_deterministically_in_range() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports:\n  - {name: http, port: 80}\n  - {name: admin, port: 81, nodePort: 30080}\n";
    let a = analyse_clean(text);
    let r = &a.reports[0];
    let nodeport = |i: usize| {
        r.ports[i]
            .access
            .iter()
            .find_map(|a| match a {
                Access::NodePort {
                    node_port,
                    allocated,
                } => Some((*node_port, *allocated)),
                _ => None,
            })
            .unwrap()
    };
    let (allocated, flag) = nodeport(0);
    assert!((30000..=32767).contains(&allocated) && flag);
    assert_eq!(nodeport(1), (30080, false));
    // Same input, same allocation.
    assert_eq!(analyse_clean(text).reports[0].ports[0], r.ports[0]);
}

#[test]
fn each_type_is_reached_its_own_way() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: LoadBalancer\n  clusterIP: 10.96.0.10\n  ports: [{port: 443}]\nstatus:\n  loadBalancer:\n    ingress: [{ip: 203.0.113.10}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n---\napiVersion: v1\nkind: Service\nmetadata: {name: headless}\nspec:\n  clusterIP: None\n  selector: {app: x}\n  ports: [{port: 5432}]\n";
    let a = analyse_clean(text);
    let reports = &a.reports;
    let by_name = |n: &str| &reports[a.model().services.iter().position(|s| s.name == n).unwrap()];
    let lb = &by_name("lb").ports[0].access;
    assert!(
        matches!(&lb[0], Access::ClusterIp { address: Some(a), port: 443, .. } if a == "10.96.0.10")
    );
    assert!(matches!(
        &lb[1],
        Access::NodePort {
            allocated: true,
            ..
        }
    ));
    assert!(
        matches!(&lb[2], Access::LoadBalancer { addresses, port: 443 } if addresses == &vec!["203.0.113.10".to_string()])
    );
    let ext = by_name("ext");
    assert!(ext.ports.is_empty() && ext.backends.is_empty());
    let hl = &by_name("headless").ports[0].access;
    assert!(
        matches!(&hl[0], Access::Headless { dns, .. } if dns == "headless.default.svc.cluster.local")
    );
}

#[test]
fn a_service_without_selector_uses_its_endpoints_matched_by_pod_ip() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\nstatus: {podIP: 10.0.0.5}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: s}\nsubsets:\n- addresses: [{ip: 10.0.0.5}, {ip: 192.0.2.1}]\n  ports: [{port: 8080}]\n";
    let a = analyse_clean(text);
    let r = &a.reports[0];
    let pod = a.model().group("default/p").unwrap();
    assert_eq!(
        r.backends,
        vec![
            Backend::Group(pod),
            Backend::Address("192.0.2.1".parse().unwrap())
        ]
    );
}

#[test]
fn endpoint_slices_name_their_service_by_label() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s-abc\n  labels: {kubernetes.io/service-name: s}\naddressType: IPv4\nendpoints:\n- addresses: [192.0.2.7]\n- addresses: [192.0.2.8]\n  conditions: {ready: false}\nports: [{port: 80}]\n";
    let a = analyse_clean(text);
    let r = &a.reports[0];
    assert_eq!(
        r.backends,
        vec![Backend::Address("192.0.2.7".parse().unwrap())]
    );
}

#[test]
fn policies_see_the_translated_target_port() {
    // The policy admits the frontend on 8080 (the v1 pods' http) only: through the Service on
    // port 80, v1 is reached and v2 (9090) is not.
    let mut text = format!(
        "{WEB_V1}{WEB_V2}{}",
        service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: http}")
    );
    text.push_str(&pod("default", "frontend", &[("app", "frontend")], &[]));
    text.push_str("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n    ports: [{port: 8080}]\n");
    let a = analyse_clean(&text);
    let reports = &a.reports;
    let frontend = endpoint(&a.parsed, "default/frontend");
    let flow = service_flow(a.model(), &reports[0], frontend, 0);
    assert_eq!(flow.verdict, Verdict::Allowed);
    let verdicts: Vec<_> = flow
        .backends
        .iter()
        .map(|b| b.explanation.as_ref().unwrap().verdict)
        .collect();
    assert_eq!(verdicts, vec![Verdict::Allowed, Verdict::Denied]);
    assert_eq!(flow.backends[1].target.unwrap().port, 9090);
    let text = reachmap_core::report::service_flow_text(a.model(), &flow);
    assert!(text.contains("only some backends are reachable"), "{text}");
    // From outside (as through a NodePort), nothing is admitted.
    assert_eq!(
        service_flow(a.model(), &reports[0], Endpoint::Outside(None), 0).verdict,
        Verdict::Denied
    );
}

#[test]
fn external_name_traffic_is_egress_to_an_outside_address() {
    let mut text = String::from("apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  ports: [{port: 5432}]\n---\n");
    text.push_str(&pod("default", "app", &[("app", "app")], &[]));
    let open = analyse_clean(&text);
    let app = endpoint(&open.parsed, "default/app");
    let r = &open.reports[0];
    assert_eq!(
        service_flow(open.model(), r, app, 0).verdict,
        Verdict::Allowed
    );
    // Egress allowed only to one CIDR: whether db.example.com is in it, the manifests don't say.
    text.push_str("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: eg}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [{ipBlock: {cidr: 192.0.2.0/24}}]\n");
    let limited = analyse_clean(&text);
    let r = &limited.reports[0];
    assert_eq!(
        service_flow(limited.model(), r, app, 0).verdict,
        Verdict::Depends
    );
}
