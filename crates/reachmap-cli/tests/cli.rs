//! The `reachmap` CLI, run as a user runs it: golden outputs, exit statuses, stdin, errors.
//! The golden files are `expect_file!`s: `UPDATE_EXPECT=1 cargo test -p reachmap-cli --test cli`
//! rewrites those that differ; review the diff. `render` is tested in `render.rs`, `diff` in
//! `diff.rs`.

mod common;

use common::*;

#[test]
fn probe_tsv_is_the_exact_contract() {
    let o = run(
        &[
            "probe",
            "--ports",
            "TCP/80,UDP/53",
            &format!("{REF}/api-allow.yaml"),
        ],
        None,
    );
    assert!(o.status.success());
    let out = stdout(&o);
    golden("probe-api-allow.tsv", &out);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        3 * 2 * 2,
        "ordered pairs of distinct endpoints × probes"
    );
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "sorted bytewise");
    for l in &lines {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 4);
        assert!(f[3] == "allowed" || f[3] == "denied");
    }
    assert!(lines.contains(&"default/nginx\tdefault/payment-processor\tTCP/80\tdenied"));
    assert!(lines.contains(&"default/coffeeshop\tdefault/payment-processor\tTCP/80\tallowed"));
}

#[test]
fn probe_table_json_and_summary() {
    let table = run(
        &[
            "probe",
            "--format",
            "table",
            "--ports",
            "TCP/8080,TCP/80",
            &format!("{REF}/port-allow.yaml"),
        ],
        None,
    );
    golden("probe-port-allow.table", &stdout(&table));
    let json = run(
        &[
            "probe",
            "--format",
            "json",
            &format!("{REF}/default-deny-all.yaml"),
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["probe"], "TCP/80");
    assert_eq!(v[0]["allowed"].as_array().unwrap().len(), 0);
    assert_eq!(v[0]["denied"].as_array().unwrap().len(), 2);
    let b = "public/examples/online-boutique";
    let summary = run(
        &[
            "probe",
            "--format",
            "summary",
            "--ports",
            "TCP/8080,TCP/3550",
            &format!("{b}/kubernetes-manifests.yaml"),
            &format!("{b}/network-policies.yaml"),
        ],
        None,
    );
    assert!(summary.status.success());
    golden("probe-boutique.summary", &stdout(&summary));
}

#[test]
fn explain_pods_and_service_ports() {
    let o = run(
        &[
            "explain",
            &format!("{REF}/api-allow.yaml"),
            "--from",
            "default/nginx",
            "--to",
            "default/payment-processor",
            "--port",
            "TCP/80",
        ],
        None,
    );
    assert!(o.status.success());
    golden("explain-denied.txt", &stdout(&o));
    let b = "public/examples/online-boutique";
    let o = run(
        &[
            "explain",
            &format!("{b}/kubernetes-manifests.yaml"),
            &format!("{b}/network-policies.yaml"),
            "--from",
            "default/checkoutservice[Deployment]",
            "--to",
            "default/paymentservice:grpc",
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    golden("explain-service.txt", &stdout(&o));
}

#[test]
fn services_report() {
    let o = run(
        &[
            "services",
            &format!("{REF}/deployment-service.yaml"),
            &format!("{REF}/nginx-service.yaml"),
        ],
        None,
    );
    assert!(o.status.success());
    golden("services.txt", &stdout(&o));
    // An ExternalName Service: a DNS alias, with a port and without.
    let o = run(&["services", "-"], Some(EXTERNAL_NAMES.as_bytes()));
    assert!(o.status.success());
    golden("services-external-name.txt", &stdout(&o));
}

/// With cluster-wide policies, each Service port says which tier and rule decided the flows
/// into its backends, in `explain`'s words: the guardrail's Admin Accept and Deny into the
/// vault, its Admin Pass that leaves the web pod to shop's NetworkPolicy.
#[test]
fn services_report_names_the_deciding_tiers() {
    let guardrail = "public/examples/cluster-tiers/guardrail.yaml";
    let o = run(&["services", guardrail], None);
    assert!(o.status.success());
    let text = stdout(&o);
    golden("services-cluster-tiers.txt", &text);
    let explain = run(
        &[
            "explain",
            "--from",
            "shop/api",
            "--to",
            "payments/vault",
            "--port",
            "8200",
            guardrail,
        ],
        None,
    );
    let side = stdout(&explain)
        .lines()
        .find(|l| l.trim_start().starts_with("ingress of payments/vault:"))
        .expect("explain has the vault's ingress side")
        .trim()
        .to_string();
    assert!(side.contains("Admin tier: protect-payments rule accept-shop-api"));
    assert!(
        text.contains(&format!(
            "shop/api → payments/vault TCP/8200: allowed — {side}"
        )),
        "the services report says the vault's side as explain does:\n{text}"
    );
    assert!(text.contains("passes → NetworkPolicy tier: isolated by shop/web-open"));
    // The same decisions as data: explain's words for the vault's side, the tier by name.
    let json = run(&["services", "--format", "json", guardrail], None);
    assert!(json.status.success());
    let services: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let vault = services
        .as_array()
        .and_then(|all| all.iter().find(|s| s["service"] == "payments/vault"))
        .expect("the vault's Service");
    let flows = vault["ports"][0]["tierDecisions"]
        .as_array()
        .expect("a list");
    let api = flows
        .iter()
        .find(|f| f["from"] == "shop/api")
        .expect("shop/api's flow");
    assert_eq!(api["to"], "payments/vault");
    assert_eq!(api["port"], "TCP/8200");
    assert_eq!(api["verdict"], "allowed");
    assert_eq!(api["decisions"][0]["tier"], "admin");
    assert_eq!(api["decisions"][0]["words"], side.as_str());
    let listed = text.matches("decided by a cluster tier: ").count();
    let in_json: usize = services
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["ports"].as_array().unwrap())
        .map(|p| p["tierDecisions"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        in_json, listed,
        "every flow the text lists (none cut at ten here)"
    );
}

#[test]
fn services_json_names_every_field() {
    let o = run(
        &[
            "services",
            "--format",
            "json",
            &format!("{REF}/deployment-service.yaml"),
            &format!("{REF}/nginx-service.yaml"),
        ],
        None,
    );
    assert!(o.status.success());
    golden("services.json", &stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let deploy = &v[0];
    assert_eq!(deploy["service"], "default/my-deploy");
    assert_eq!(deploy["type"], "ClusterIP");
    assert_eq!(deploy["clusterIP"], serde_json::Value::Null);
    assert_eq!(deploy["selector"]["app"], "my-deploy");
    assert_eq!(
        deploy["backends"][0]["endpoint"],
        "default/my-deploy[Deployment]"
    );
    assert_eq!(deploy["backends"][0]["replicas"], 3);
    let port = &deploy["ports"][0];
    assert_eq!(
        (&port["port"], &port["protocol"]),
        (&80.into(), &"TCP".into())
    );
    assert_eq!(port["targetPort"], 80);
    assert_eq!(port["resolved"][0], 80);
    assert_eq!(port["access"][0]["via"], "cluster-ip");
    assert_eq!(
        port["access"][0]["dns"],
        "my-deploy.default.svc.cluster.local"
    );
    assert_eq!(v[1]["service"], "default/nginx-service");
    assert_eq!(v[1]["findings"], serde_json::json!([]));
    // `--format text` is the default; the JSON of an alias names its target; a finding
    // carries its file and place.
    let text = run(
        &["services", "--format", "text", "-"],
        Some(EXTERNAL_NAMES.as_bytes()),
    );
    golden("services-external-name.txt", &stdout(&text));
    let o = run(
        &["services", "--format", "json", "-"],
        Some(EXTERNAL_NAMES.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["externalName"], "db.example.com");
    assert_eq!(v[0]["backends"], serde_json::json!([]));
    assert_eq!(v[0]["ports"][0]["access"][0]["via"], "external-name");
    assert_eq!(v[0]["ports"][0]["access"][0]["target"], "db.example.com");
    let nothing = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: none}\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n";
    let o = run(
        &["services", "--format", "json", "-"],
        Some(nothing.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["ports"][0]["nodePort"], 30080);
    assert_eq!(v[0]["ports"][0]["access"][1]["nodePort"], 30080);
    assert_eq!(v[0]["ports"][0]["access"][1]["allocated"], false);
    let finding = &v[0]["findings"][0];
    assert_eq!(
        (&finding["file"], &finding["code"]),
        (&"-".into(), &"selects-nothing".into())
    );
    assert_eq!(finding["location"]["line"], 1);
}

const EXTERNAL_NAMES: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  ports: [{port: 5432}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: mail, namespace: prod}\nspec:\n  type: ExternalName\n  externalName: smtp.example.net\n";

#[test]
fn check_exits_1_on_errors_and_reads_stdin() {
    let bad =
        b"apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 70000\n";
    let o = run(&["check", "-"], Some(bad));
    assert_eq!(o.status.code(), Some(1));
    golden("check-bad.txt", &stdout(&o));
    let o = run(&["check", "--format", "json", "-"], Some(bad));
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["file"], "-");
    assert_eq!(v[0]["code"], "invalid-value");
    assert_eq!(v[0]["location"]["line"], 7);
    let ok = run(&["check", &format!("{REF}/port-allow.yaml")], None);
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn check_exits_1_on_an_unknown_field_at_the_key_with_a_suggestion() {
    let typo = b"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabel: {app: frontend}\n";
    let o = run(&["check", "-"], Some(typo));
    assert_eq!(o.status.code(), Some(1));
    golden("check-unknown-field.txt", &stdout(&o));
}

#[test]
fn errors_go_to_stderr_with_status_2() {
    let o = run(&["probe", "does-not-exist.yaml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does-not-exist.yaml"));
    let o = run(&["probe", "-"], Some(b"kind: Pod\n\xff\xfe binary"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("-:2:1: not a text file: byte 0xff at offset 10 is not UTF-8"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(
        &[
            "explain",
            &format!("{REF}/api-allow.yaml"),
            "--from",
            "default/nobody",
            "--to",
            "default/nginx",
            "--port",
            "80",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no pod or workload is named `default/nobody`")
    );
    let o = run(
        &[
            "probe",
            "--ports",
            "TCP/0",
            &format!("{REF}/api-allow.yaml"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn warnings_go_to_stderr_and_stdout_stays_the_answer() {
    let text = b"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n---\nnot: [valid\n";
    let o = run(&["probe", "-"], Some(text));
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("-:7:1: error: this document is not valid YAML"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in [
        vec!["--help"],
        vec!["probe", "--help"],
        vec!["explain", "--help"],
        vec!["services", "--help"],
        vec!["check", "--help"],
        vec!["render", "--help"],
        vec!["diff", "--help"],
    ] {
        let o = run(&cmd, None);
        assert!(o.status.success());
        assert!(stdout(&o).contains("Example"), "{cmd:?}");
    }
}

#[test]
fn kubectl_runs_the_consoles_commands_over_a_file() {
    let dir = std::env::temp_dir().join(format!("reachmap-cli-kubectl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cluster.yaml");
    let path = file.to_str().unwrap();
    // An absent file is an empty cluster; --write keeps what the commands created.
    let o = run(
        &[
            "kubectl",
            "-m",
            path,
            "--write",
            "-c",
            "kubectl run nginx --image=nginx --restart=Never --port=80 --expose",
            "-c",
            "kubectl get svc nginx -o name",
        ],
        None,
    );
    assert_eq!(
        stdout(&o),
        "service/nginx created\npod/nginx created\nservice/nginx\n"
    );
    assert!(o.status.success());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("kind: Service") && written.contains("run: nginx"),
        "{written}"
    );
    // Lines from stdin, with a transcript; a failed command makes the status 1 and changes
    // nothing it does not report.
    let o = run(
        &["kubectl", "-m", path, "--transcript"],
        Some(b"kubectl get pods -o name\nkubectl delete pod nope\n"),
    );
    assert_eq!(
        stdout(&o),
        "$ kubectl get pods -o name\npod/nginx\n$ kubectl delete pod nope\nError from server (NotFound): pods \"nope\" not found\n"
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_binary_file_given_to_the_cli_is_refused_with_its_name_and_place() {
    // A PNG's first bytes: 0x89 is not UTF-8, NULs follow. A UTF-16 export (a BOM). A NUL.
    let dir = std::env::temp_dir().join(format!("reachmap-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, place) in [
        (
            "logo.png",
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
            "1:1: not a text file: byte 0x89 at offset 0 is not UTF-8",
        ),
        (
            "export.yaml",
            &b"\xff\xfek\0i\0n\0d\0:\0"[..],
            "1:1: not a text file: byte 0xff at offset 0 is not UTF-8",
        ),
        (
            "pod.yaml",
            &b"kind: Pod\nmetadata: {name: \0}\n"[..],
            "2:18: not a text file: byte 0x00 at offset 27 is a NUL",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_reachmap"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
        assert!(o.stdout.is_empty(), "{name}");
        assert!(
            stderr.contains(&format!("{}:{place}", path.display())),
            "{name}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn max_input_bytes_sets_the_limit_on_every_command_that_reads_files() {
    let file = format!("{REF}/api-allow.yaml");
    let size = std::fs::metadata(root().join(&file)).unwrap().len();
    let under = (size + 1).to_string();
    let over = (size - 1).to_string();
    // Within the limit: read as ever.
    let o = run(&["check", "--max-input-bytes", &under, &file], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Over it, for every command that analyses files: a located `limit` error, nothing read.
    let o = run(&["check", "--max-input-bytes", &over, &file], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{file}:1:1: error: this input is {size} bytes; Reachmap reads at most {over} bytes of manifests in all, so it is not read [limit]"
        )),
        "{out}"
    );
    for args in [
        vec!["probe", &file],
        vec!["services", &file],
        vec!["explain", &file, "--from", "outside", "--to", "1.2.3.4"],
        vec!["render", &file],
    ] {
        let mut args = args.clone();
        args.extend(["--max-input-bytes", &over]);
        let o = run(&args, None);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("[limit]"), "{args:?}: {err}");
    }
    let o = run(
        &[
            "kubectl",
            "-m",
            &file,
            "--max-input-bytes",
            &over,
            "-c",
            "kubectl get pods",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--max-input-bytes"));
    // The default is a gigabyte, as --help says.
    let help = stdout(&run(&["check", "--help"], None));
    assert!(help.contains("--max-input-bytes"), "{help}");
    assert!(help.contains("1073741824]"), "{help}");
}
