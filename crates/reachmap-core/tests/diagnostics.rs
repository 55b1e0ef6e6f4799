//! Input handling: every document is read on its own, and what the API server would reject is
//! reported at its line and column with its field path. Data-driven: each case is a manifest,
//! and the one diagnostic a person should see.

use reachmap_core::{parse, Code, Severity};

struct Case {
    name: &'static str,
    text: &'static str,
    severity: Severity,
    code: Code,
    line: u32,
    column: u32,
    path: &'static str,
    message: &'static str,
}

const SVC: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n";

fn cases() -> Vec<Case> {
    use Code::*;
    use Severity::*;
    let c = |name, text, severity, code, line, column, path, message| Case {
        name,
        text,
        severity,
        code,
        line,
        column,
        path,
        message,
    };
    vec![
        c("uppercase name", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web\nspec:\n  containers: [{name: c}]\n", Error, InvalidName, 4, 3, "metadata.name", "not a lowercase RFC 1123 subdomain"),
        c("service name must start with a letter", "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1svc\nspec:\n  ports: [{port: 80}]\n", Error, InvalidName, 4, 3, "metadata.name", "RFC 1035"),
        c("label key with a space", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    my key: v\nspec:\n  containers: [{name: c}]\n", Error, InvalidLabel, 6, 5, "metadata.labels[\"my key\"]", "label key `my key`"),
        c("label value too long", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nspec:\n  containers: [{name: c}]\n", Error, InvalidLabel, 6, 5, "metadata.labels.a", "label value"),
        c("label value that is a number", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 1.0\nspec:\n  containers: [{name: c}]\n", Error, WrongType, 6, 5, "metadata.labels.version", "quote it"),
        c("unquoted yes as a label value", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    debug: yes\nspec:\n  containers: [{name: c}]\n", Error, WrongType, 6, 5, "metadata.labels.debug", "as a boolean (YAML 1.1)"),
        c("unquoted y in a selector", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchLabels:\n      ns: y\n", Error, WrongType, 8, 7, "spec.podSelector.matchLabels.ns", "quote it: \"y\""),
        c("port above 65535", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 70000\n", Error, InvalidValue, 7, 5, "spec.ports[0].port", "between 1 and 65535"),
        c("port as a string", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: \"80\"\n", Error, WrongType, 7, 5, "spec.ports[0].port", "must be an integer"),
        c("nodePort out of range", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 80\n", Error, InvalidValue, 9, 5, "spec.ports[0].nodePort", "30000-32767"),
        c("nodePort on a ClusterIP", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    nodePort: 30080\n", Error, InvalidValue, 8, 5, "spec.ports[0].nodePort", "may not be used"),
        c("unknown protocol", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 53\n    protocol: ICMP\n", Error, InvalidValue, 8, 5, "spec.ports[0].protocol", "TCP, UDP or SCTP"),
        c("lowercase protocol", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 53\n    protocol: udp\n", Error, InvalidValue, 8, 5, "spec.ports[0].protocol", "`udp` is not supported"),
        c("multi-port service with an unnamed port", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    name: http\n  - port: 443\n", Error, UnnamedPort, 9, 5, "spec.ports[1]", "needs a `name`"),
        c("duplicate service port", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80}\n", Error, DuplicatePort, 8, 6, "spec.ports[1]", "listed twice"),
        c("service without ports", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: x}\n", Error, MissingField, 5, 1, "spec", "`ports`"),
        c("named targetPort that is a number in quotes", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetPort: \"8080\"\n", Error, InvalidValue, 8, 5, "spec.ports[0].targetPort", "without quotes"),
        c("selector operator that does not exist", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchExpressions:\n    - key: app\n      operator: Equals\n      values: [a]\n", Error, InvalidSelector, 9, 7, "spec.podSelector.matchExpressions[0].operator", "does not exist"),
        c("In with no values", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: In}\n", Error, InvalidSelector, 8, 18, "spec.podSelector.matchExpressions[0].operator", "at least one value"),
        c("Exists with values", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: Exists, values: [a]}\n", Error, InvalidSelector, 8, 18, "spec.podSelector.matchExpressions[0].operator", "takes no `values`"),
        c("CIDR with prefix 33", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/33\n", Error, InvalidCidr, 10, 9, "spec.ingress[0].from[0].ipBlock.cidr", "not a valid CIDR"),
        c("CIDR without a prefix", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.1\n", Error, InvalidCidr, 10, 9, "spec.ingress[0].from[0].ipBlock.cidr", "add a prefix length"),
        c("except outside its cidr", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except:\n        - 10.1.0.0/24\n", Error, InvalidCidr, 12, 11, "spec.ingress[0].from[0].ipBlock.except[0]", "strict subset"),
        c("except equal to its cidr", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}\n", Error, InvalidCidr, 9, 45, "spec.ingress[0].from[0].ipBlock.except[0]", "strict subset"),
        c("endPort below port", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 9000\n      endPort: 8000\n", Error, InvalidValue, 10, 7, "spec.ingress[0].ports[0].endPort", "below port"),
        c("endPort with a named port", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: http\n      endPort: 8000\n", Error, InvalidValue, 10, 7, "spec.ingress[0].ports[0].endPort", "numeric port"),
        c("peer with ipBlock and podSelector", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n      ipBlock: {cidr: 10.0.0.0/8}\n", Error, InvalidValue, 9, 7, "spec.ingress[0].from[0]", "may not have ipBlock together"),
        c("empty peer", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - {}\n", Error, MissingField, 9, 7, "spec.ingress[0].from[0]", "must have podSelector"),
        c("missing metadata.name", "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b}\nspec:\n  containers: [{name: c}]\n", Error, MissingField, 3, 1, "metadata", "`metadata.name` is required"),
        c("pod without containers", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n", Error, MissingField, 5, 1, "spec", "at least one container"),
        c("deployment selector that misses its template", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: y}\n    spec:\n      containers: [{name: c}]\n", Error, InvalidSelector, 6, 3, "spec.selector", "does not match the template"),
        c("removed apiVersion", "apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n", Error, InvalidValue, 1, 1, "apiVersion", "networking.k8s.io/v1"),
        c("not YAML", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n", Error, Syntax, 5, 1, "", "not valid YAML"),
        c("a list document", "- a\n- b\n", Error, NotAnObject, 1, 1, "", "is a list, not a Kubernetes object"),
        c("a scalar document", "hello\n", Error, NotAnObject, 1, 1, "", "is a string"),
        c("kind not analysed", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n", Info, NotAnalysed, 1, 1, "", "Ingress is not analysed"),
        c("ExternalName with a selector", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector: {app: x}\n", Warning, Ineffective, 8, 3, "spec.selector", "ignores its selector"),
        c("ingress rules without Ingress in policyTypes", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n", Warning, Ineffective, 8, 3, "spec.ingress", "no effect"),
        c("missing podSelector", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  policyTypes: [Ingress]\n", Warning, MissingField, 5, 1, "spec", "reads it as `{}`"),
    ]
}

#[test]
fn each_case_reports_its_diagnostic_at_its_place() {
    let _ = SVC;
    let mut failures = Vec::new();
    for case in cases() {
        let parsed = parse(case.text);
        let found = parsed.diagnostics.iter().find(|d| {
            d.severity == case.severity && d.code == case.code && d.message.contains(case.message)
        });
        match found {
            None => failures.push(format!(
                "{}: no {:?} {:?} containing {:?} in {:#?}",
                case.name, case.severity, case.code, case.message, parsed.diagnostics
            )),
            Some(d) => {
                let got = (d.location.line, d.location.column, d.path.as_str());
                if got != (case.line, case.column, case.path) {
                    failures.push(format!(
                        "{}: at {got:?}, expected {:?}",
                        case.name,
                        (case.line, case.column, case.path)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_invalid_document_leaves_the_valid_ones_intact() {
    // Every case, followed by a valid document: the valid Pod must survive each time.
    for case in cases() {
        let text = format!("{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: survivor\nspec:\n  containers: [{{name: c}}]\n", case.text);
        let parsed = parse(&text);
        assert!(
            parsed.model.group("default/survivor").is_some(),
            "{}: the next document was lost: {:#?}",
            case.name,
            parsed.diagnostics
        );
    }
}

#[test]
fn an_object_the_api_server_rejects_is_left_out_and_says_so() {
    let parsed = parse(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 70000\n",
    );
    assert!(parsed.model.services.is_empty());
    assert!(parsed
        .diagnostics
        .iter()
        .any(|d| d.message.contains("left out of the analysis")));
}

#[test]
fn duplicates_are_reported_on_the_second_copy() {
    let doc = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c}]\n";
    let parsed = parse(&format!("{doc}---\n{doc}"));
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Duplicate)
        .expect("duplicate");
    assert_eq!(
        (d.location.document, d.location.line, d.severity),
        (1, 11, Severity::Error)
    );
    assert_eq!(parsed.model.groups.len(), 1);
    // Same name in another namespace, or another kind, is no duplicate.
    let other = doc.replace("name: p\n", "name: p\n  namespace: x\n");
    assert!(parse(&format!("{doc}---\n{other}")).diagnostics.is_empty());
}

#[test]
fn lists_json_anchors_and_merge_keys_are_read() {
    let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a, labels: &l {app: x}}\n  spec: {containers: [{name: c}]}\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n    labels:\n      <<: *l\n      tier: web\n  spec: {containers: [{name: c}]}\n";
    let parsed = parse(list);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let b = &parsed.model.groups[parsed.model.group("default/b").unwrap()];
    assert_eq!(b.labels.get("app").map(String::as_str), Some("x"));
    assert_eq!(b.labels.get("tier").map(String::as_str), Some("web"));

    let json = r#"{"apiVersion":"v1","kind":"PodList","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j","namespace":"n"},"spec":{"containers":[{"name":"c"}]},"status":{"podIP":"10.1.2.3"}}]}"#;
    let parsed = parse(json);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let j = &parsed.model.groups[parsed.model.group("n/j").unwrap()];
    assert_eq!(j.ips, vec!["10.1.2.3".parse::<std::net::IpAddr>().unwrap()]);
}

#[test]
fn an_error_inside_a_list_item_points_into_the_item() {
    let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n  spec:\n    ports:\n    - port: 0\n";
    let parsed = parse(list);
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidValue)
        .unwrap();
    assert_eq!(
        (d.location.line, d.path.as_str()),
        (9, "spec.ports[0].port")
    );
}

#[test]
fn several_inputs_keep_their_own_lines_and_names() {
    let inputs = [
        reachmap_core::Input { name: "a.yaml".into(), text: "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n".into() },
        reachmap_core::Input { name: "b.yaml".into(), text: "# comment\n\napiVersion: v1\nkind: Pod\nmetadata: {name: Bad}\nspec: {containers: [{name: c}]}\n".into() },
    ];
    let parsed = reachmap_core::parse_inputs(&inputs);
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap();
    assert_eq!((d.location.source, d.location.line), (1, 5));
    let text = reachmap_core::report::format_diagnostic(&parsed.sources, d);
    assert!(text.starts_with("b.yaml:5:"), "{text}");
}

#[test]
fn namespaces_default_and_implicit() {
    let parsed = parse("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: declared, labels: {team: x}}\n");
    let m = &parsed.model;
    assert_eq!(m.groups[0].namespace, "default");
    let default = m.namespace("default").unwrap();
    assert!(default.implicit);
    assert_eq!(default.labels.len(), 1);
    let declared = m.namespace("declared").unwrap();
    assert!(!declared.implicit);
    assert_eq!(
        declared
            .labels
            .get("kubernetes.io/metadata.name")
            .map(String::as_str),
        Some("declared")
    );
    assert_eq!(declared.labels.get("team").map(String::as_str), Some("x"));
}

#[test]
fn empty_documents_and_comments_are_nothing_to_report() {
    for text in [
        "",
        "---",
        "---\n---\n",
        "# only a comment\n",
        "---\n# c\n...\n",
    ] {
        let parsed = parse(text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{text:?}: {:#?}",
            parsed.diagnostics
        );
    }
}

#[test]
fn workloads_become_pod_groups() {
    let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: ops}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      parallelism: 2\n      template:\n        metadata: {labels: {app: job}}\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, ports: [{containerPort: 9000, name: metrics}]}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 5\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: c}]}\n";
    let parsed = parse(text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let m = &parsed.model;
    let job = &m.groups[m.group("ops/nightly[CronJob]").unwrap()];
    assert_eq!((job.replicas, job.ports[0].port), (2, 9000));
    assert_eq!(job.labels.get("app").map(String::as_str), Some("job"));
    let db = &m.groups[m.group("default/db[StatefulSet]").unwrap()];
    assert_eq!(db.replicas, 5);
}

#[test]
fn deep_nesting_is_refused_at_once_with_its_place() {
    let text = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: a}}\nspec: {{containers: [{{name: c}}]}}\n---\nx: {}\n", "[".repeat(200_000));
    let parsed = parse(&text);
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Limit)
        .expect("limit diagnostic");
    assert_eq!(
        (d.location.document, d.location.line, d.location.column),
        (1, 6, 204)
    );
    assert!(parsed.model.group("default/a").is_some());
}

#[test]
fn objects_of_a_kind_not_analysed_are_one_info_at_the_first() {
    let account = |name: &str| {
        format!("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n---\n")
    };
    let text = format!(
        "{}{}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n{}",
        account("a"),
        account("b"),
        account("c")
    );
    let parsed = parse(&text);
    let infos: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::NotAnalysed)
        .map(|d| (d.location.line, d.message.split(':').next().unwrap()))
        .collect();
    assert_eq!(
        infos,
        [
            (
                1,
                "ServiceAccount is not analysed (3 objects, the first here)"
            ),
            (11, "ConfigMap is not analysed"),
        ]
    );
}
