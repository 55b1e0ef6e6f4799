//! Every example of the reference document (`shared/reference/services-and-networking.md`),
//! as bundled in `public/examples/reference/`, with the verdicts and Service answers it teaches.

mod common;

use common::*;
use reachmap_core::analysis::{Access, Backend, Verdict};
use reachmap_core::model::ServiceType;

#[test]
fn nginx_service_selects_its_pod_on_port_80() {
    let a = analyse_clean(&read_example(
        "public/examples/reference/nginx-service.yaml",
    ));
    let reports = &a.reports;
    assert_eq!(reports.len(), 1);
    let s = &a.model().services[0];
    assert_eq!(
        (s.name.as_str(), s.service_type),
        ("nginx-service", ServiceType::ClusterIP)
    );
    let nginx = a.model().group("default/nginx").unwrap();
    assert_eq!(reports[0].backends, vec![Backend::Group(nginx)]);
    assert_eq!(reports[0].ports[0].resolved, vec![Some(80)]);
    assert!(matches!(
        &reports[0].ports[0].access[0],
        Access::ClusterIp { dns, port: 80, .. } if dns == "nginx-service.default.svc.cluster.local"
    ));
    assert!(reports[0].findings.is_empty(), "{:?}", reports[0].findings);
}

#[test]
fn run_expose_service_selects_run_nginx() {
    let a = analyse_clean(&read_example("public/examples/reference/run-expose.yaml"));
    let reports = &a.reports;
    let nginx = a.model().group("default/nginx").unwrap();
    assert_eq!(reports[0].backends, vec![Backend::Group(nginx)]);
    assert_eq!(reports[0].ports[0].resolved, vec![Some(80)]);
}

#[test]
fn deployment_behind_service_is_one_group_of_three() {
    let a = analyse_clean(&read_example(
        "public/examples/reference/deployment-service.yaml",
    ));
    let g = a.model().group("default/my-deploy[Deployment]").unwrap();
    assert_eq!(a.model().groups[g].replicas, 3);
    let reports = &a.reports;
    assert_eq!(reports[0].backends, vec![Backend::Group(g)]);
    assert_eq!(reports[0].ports[0].resolved, vec![Some(80)]);
}

#[test]
fn api_allow_admits_only_coffeeshop() {
    let p = parse_clean(&read_example("public/examples/reference/api-allow.yaml"));
    assert_eq!(
        verdict(
            &p,
            "default/coffeeshop",
            "default/payment-processor",
            "TCP/80"
        ),
        Verdict::Allowed
    );
    // Every port: the rule has no `ports`.
    assert_eq!(
        verdict(
            &p,
            "default/coffeeshop",
            "default/payment-processor",
            "UDP/5353"
        ),
        Verdict::Allowed
    );
    assert_eq!(
        verdict(&p, "default/nginx", "default/payment-processor", "TCP/80"),
        Verdict::Denied
    );
    assert_eq!(
        verdict(&p, "outside", "default/payment-processor", "TCP/80"),
        Verdict::Denied
    );
    // The policy isolates the payment processor for ingress only.
    assert_eq!(
        verdict(&p, "default/payment-processor", "default/nginx", "TCP/80"),
        Verdict::Allowed
    );
    let e = flow(
        &p,
        "default/coffeeshop",
        "default/payment-processor",
        "TCP/80",
    );
    let text = reachmap_core::report::explanation_text(&p.model, &e);
    assert!(
        text.contains("allowed by default/api-allow ingress[0].from[0]"),
        "{text}"
    );
}

#[test]
fn default_deny_all_denies_everything_both_ways() {
    let p = parse_clean(&read_example(
        "public/examples/reference/default-deny-all.yaml",
    ));
    for (a, b) in [
        ("default/client", "default/web"),
        ("default/web", "default/client"),
    ] {
        assert_eq!(verdict(&p, a, b, "TCP/80"), Verdict::Denied);
    }
    assert_eq!(
        verdict(&p, "default/web", "8.8.8.8", "UDP/53"),
        Verdict::Denied
    );
    assert_eq!(
        verdict(&p, "outside", "default/web", "TCP/80"),
        Verdict::Denied
    );
}

#[test]
fn port_allow_admits_frontend_on_tcp_8080_only() {
    let p = parse_clean(&read_example("public/examples/reference/port-allow.yaml"));
    assert_eq!(
        verdict(&p, "default/frontend", "default/backend", "TCP/8080"),
        Verdict::Allowed
    );
    assert_eq!(
        verdict(&p, "default/frontend", "default/backend", "TCP/80"),
        Verdict::Denied
    );
    assert_eq!(
        verdict(&p, "default/frontend", "default/backend", "UDP/8080"),
        Verdict::Denied
    );
    assert_eq!(
        verdict(&p, "default/other", "default/backend", "TCP/8080"),
        Verdict::Denied
    );
    assert_eq!(
        verdict(&p, "default/backend", "default/frontend", "TCP/80"),
        Verdict::Allowed
    );
}

#[test]
fn policy_file_alone_parses_and_lists_the_selector_like_kubectl() {
    let p = parse_clean(&read_example(
        "public/examples/reference/networkpolicy-api-allow.yaml",
    ));
    assert_eq!(p.model.policies.len(), 1);
    assert_eq!(
        p.model.policies[0].pod_selector.to_string(),
        "app=payment-processor,role=api"
    );
}
