//! The Services view: each Service, the pods it selects with port → targetPort, how it is
//! reached, and the findings where they apply.

use super::{build, common, example, group, has, texts, view, REF};
use reachmap_core::scene::{Action, Class, View};

#[test]
fn services_view_of_the_reference_examples() {
    let text = example(&[
        &format!("{REF}/nginx-service.yaml"),
        &format!("{REF}/deployment-service.yaml"),
    ]);
    let s = build(&text, &view(View::Services));
    assert_eq!(s.view, View::Services);
    let svc = group(&s, "svc:default/nginx-service");
    assert!(texts(svc).contains(&"ClusterIP".to_string()));
    assert_eq!(
        svc.action,
        Some(Action::Select("svc:default/nginx-service".into()))
    );
    let pod = group(&s, "pod:default/nginx");
    assert_eq!(pod.action, Some(Action::Select("default/nginx".into())));
    let deploy = group(&s, "pod:default/my-deploy[Deployment]");
    assert!(texts(deploy).contains(&"Deployment ×3".to_string()));
    let e = group(&s, "edge:svc:default/nginx-service:0->pod:default/nginx");
    assert!(e.classes.contains(&Class::Selects));
    assert_eq!(texts(e), ["80 → 80"]);
    let access = group(&s, "access:default/nginx-service:cluster-ip");
    assert!(texts(access)
        .concat()
        .contains("nginx-service.default.svc.cluster.local:80"));
    assert!(has(
        &s,
        "edge:access:default/nginx-service:cluster-ip->svc:default/nginx-service"
    ));
}

#[test]
fn services_view_draws_findings_where_they_apply() {
    let text = format!(
        "{}{}{}{}",
        common::pod("default", "web", &[("app", "web")], &[("http", 8080)]),
        common::pod("default", "old", &[("app", "web")], &[("", 8080)]),
        common::pod("default", "lonely", &[("app", "lonely")], &[]),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: nobody}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n",
    );
    let s = build(&text, &view(View::Services));
    // A named targetPort resolved per pod, and missing on one of them.
    let ok = group(&s, "edge:svc:default/web:0->pod:default/web");
    assert_eq!(texts(ok), ["80 → http (8080)"]);
    let broken = group(&s, "edge:svc:default/web:0->pod:default/old");
    assert!(broken.classes.contains(&Class::Broken));
    assert_eq!(texts(broken), ["80 → http → ? (no such port)"]);
    // Not an endpoint of the port (as `services` and `explain` say), not a failure.
    assert!(
        broken.title.contains("default/old: no container port named `http`, so it is no endpoint of port 80, whose traffic goes to the pods that have it"),
        "{}",
        broken.title
    );
    assert!(!broken.title.contains("fails"), "{}", broken.title);
    // A Service that selects nothing says so in its box.
    assert!(texts(group(&s, "svc:default/nobody")).contains(&"⚠ selects no pod".to_string()));
    assert!(texts(group(&s, "svc:default/web"))
        .contains(&"⚠ targetPort http missing on pods".to_string()));
    // How each is reached.
    assert!(texts(group(&s, "access:default/web:node-port"))
        .contains(&"<node IP>:30080 → 80".to_string()));
    assert!(texts(group(&s, "access:default/db:external-name"))
        .concat()
        .contains("→ db.example.com"));
    // Pods no Service selects are drawn.
    assert!(has(&s, "pod:default/lonely"));
    assert!(s.description.contains("1 Service selects no pod"));
}
