//! `reachmap render`: the golden SVGs (`UPDATE_EXPECT=1 cargo test -p reachmap-cli --test
//! render` rewrites them) and its files and refusals.

mod common;

use common::*;

/// Every reference example and the Online Boutique, in both views, as `reachmap render` draws
/// them (the page exports the same bytes): reviewed as pictures, kept as golden files.
#[test]
fn render_golden_svgs() {
    let mut cases: Vec<(String, Vec<String>)> = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(root().join(REF))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let stem = name.trim_end_matches(".yaml");
        for view in ["services", "policies"] {
            cases.push((
                format!("{stem}-{view}.svg"),
                vec!["--view".into(), view.into(), format!("{REF}/{name}")],
            ));
        }
    }
    let b = "public/examples/online-boutique";
    let boutique = [
        format!("{b}/kubernetes-manifests.yaml"),
        format!("{b}/network-policies.yaml"),
    ];
    let with = |args: &[&str]| -> Vec<String> {
        args.iter()
            .map(|a| a.to_string())
            .chain(boutique.iter().cloned())
            .collect()
    };
    cases.push((
        "boutique-services.svg".into(),
        with(&["--view", "services"]),
    ));
    cases.push((
        "boutique-policies.svg".into(),
        with(&["--view", "policies"]),
    ));
    cases.push((
        "boutique-policies-focus-frontend.svg".into(),
        with(&[
            "--view",
            "policies",
            "--focus",
            "default/frontend[Deployment]",
        ]),
    ));
    cases.push((
        "boutique-policies-focus-frontend-denied.svg".into(),
        with(&[
            "--view",
            "policies",
            "--focus",
            "default/frontend[Deployment]",
            "--show-denied",
        ]),
    ));
    cases.push((
        "boutique-policies-namespaces.svg".into(),
        with(&["--view", "policies", "--level", "namespace"]),
    ));
    cases.push((
        "deployment-service-policies-pods-focus.svg".into(),
        vec![
            "--view".into(),
            "policies".into(),
            "--level".into(),
            "pod".into(),
            "--focus".into(),
            "default/my-deploy[Deployment]".into(),
            "--show-denied".into(),
            format!("{REF}/deployment-service.yaml"),
        ],
    ));
    cases.push((
        "boutique-policies-flow-checkout-payment.svg".into(),
        with(&[
            "--view",
            "policies",
            "--from",
            "default/checkoutservice[Deployment]",
            "--to",
            "default/paymentservice:grpc",
        ]),
    ));
    // The cluster-wide tiers: each flow a cluster policy decided carries its tier's mark and,
    // in its title, the tier and rule in `explain`'s words.
    let guardrail = "public/examples/cluster-tiers/guardrail.yaml".to_string();
    cases.push((
        "cluster-tiers-guardrail-policies.svg".into(),
        vec!["--view".into(), "policies".into(), guardrail.clone()],
    ));
    cases.push((
        "cluster-tiers-guardrail-policies-flow-web-vault.svg".into(),
        [
            "--view",
            "policies",
            "--from",
            "shop/web",
            "--to",
            "payments/vault",
        ]
        .into_iter()
        .map(String::from)
        .chain(["--port".into(), "8200".into(), guardrail])
        .collect(),
    ));
    assert!(cases.len() >= 14 + 9);
    for (golden_name, args) in cases {
        let mut argv: Vec<&str> = vec!["render"];
        argv.extend(args.iter().map(String::as_str));
        let o = run(&argv, None);
        assert!(
            o.status.success(),
            "{argv:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = stdout(&o);
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        golden(&format!("svg/{golden_name}"), &out);
    }
}

#[test]
fn render_writes_files_and_refuses_bad_arguments() {
    let dir = std::env::temp_dir().join(format!("reachmap-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.svg");
    let o = run(
        &[
            "render",
            "--view",
            "policies",
            &format!("{REF}/api-allow.yaml"),
            "-o",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "", "the SVG goes to the file only");
    let written = std::fs::read_to_string(&file).unwrap();
    let to_stdout = run(
        &[
            "render",
            "--view",
            "policies",
            &format!("{REF}/api-allow.yaml"),
        ],
        None,
    );
    assert_eq!(written, stdout(&to_stdout), "the same bytes either way");
    std::fs::remove_dir_all(&dir).unwrap();
    for (args, message) in [
        (
            vec!["--focus", "default/nobody"],
            "--focus: no pod or workload is named `default/nobody`",
        ),
        (
            vec!["--focus", "svc:default/nope"],
            "--focus: no Service is named `default/nope`",
        ),
        (
            vec!["--ports", "TCP/0"],
            "--ports: `0` is not a port number",
        ),
        (
            vec!["--from", "default/nginx", "--to", "default/coffeeshop"],
            "--port is required unless --to is a Service port",
        ),
        (
            vec!["--level", "cluster"],
            "--level: `cluster` is not a level: write namespace, workload or pod",
        ),
    ] {
        let mut argv = vec!["render", "--view", "policies"];
        argv.extend(args);
        let file = format!("{REF}/api-allow.yaml");
        argv.push(&file);
        let o = run(&argv, None);
        assert_eq!(o.status.code(), Some(2), "{argv:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{argv:?}: {err}");
    }
}
