//! Unknown fields: a misspelt key is an error at the key's own line and column, with its
//! parent's path and the closest real name, and the object is left out, as
//! `kubectl --validate=strict` (kubectl's default) refuses it. What the schema leaves open
//! (`status`, `managedFields`, the parts of a pod spec Reachmap does not read, kinds it does
//! not analyse) is never flagged.

mod common;

use reachmap_core::{parse, Code, Severity};

const POLICY: &str = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels: {app: web}
";

struct Typo {
    text: String,
    line: u32,
    column: u32,
    path: &'static str,
    message: &'static str,
    /// The object that must be absent from the model.
    left_out: &'static str,
}

fn typos() -> Vec<Typo> {
    let policy = |rest: &str| format!("{POLICY}{rest}");
    vec![
        Typo {
            text: policy("  ingress:\n  - from:\n    - podSelector:\n        matchLabel: {app: frontend}\n"),
            line: 11,
            column: 9,
            path: "spec.ingress[0].from[0].podSelector.matchLabel",
            message: "unknown field `matchLabel` in spec.ingress[0].from[0].podSelector; did you mean `matchLabels`?",
            left_out: "web",
        },
        Typo {
            text: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelecter:\n    matchLabels: {app: web}\n".into(),
            line: 6,
            column: 3,
            path: "spec.podSelecter",
            message: "unknown field `podSelecter` in spec; did you mean `podSelector`?",
            left_out: "web",
        },
        Typo {
            text: policy("  ingres:\n  - from:\n    - podSelector: {}\n"),
            line: 8,
            column: 3,
            path: "spec.ingres",
            message: "unknown field `ingres` in spec; did you mean `ingress`?",
            left_out: "web",
        },
        Typo {
            text: policy("  policyType: [Ingress]\n"),
            line: 8,
            column: 3,
            path: "spec.policyType",
            message: "unknown field `policyType` in spec; did you mean `policyTypes`?",
            left_out: "web",
        },
        Typo {
            text: policy("  ingress:\n  - from:\n    - namespaceSelecter: {}\n"),
            line: 10,
            column: 7,
            path: "spec.ingress[0].from[0].namespaceSelecter",
            message: "unknown field `namespaceSelecter` in spec.ingress[0].from[0]; did you mean `namespaceSelector`?",
            left_out: "web",
        },
        Typo {
            text: policy("  ingress:\n  - ports:\n    - port: 80\n      protcol: TCP\n"),
            line: 11,
            column: 7,
            path: "spec.ingress[0].ports[0].protcol",
            message: "unknown field `protcol` in spec.ingress[0].ports[0]; did you mean `protocol`?",
            left_out: "web",
        },
        Typo {
            text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetport: 8080\n".into(),
            line: 9,
            column: 5,
            path: "spec.ports[0].targetport",
            message: "unknown field `targetport` in spec.ports[0]; did you mean `targetPort`?",
            left_out: "web",
        },
        Typo {
            text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerport: 80\n".into(),
            line: 16,
            column: 11,
            path: "spec.template.spec.containers[0].ports[0].containerport",
            message: "unknown field `containerport` in spec.template.spec.containers[0].ports[0]; did you mean `containerPort`?",
            left_out: "web",
        },
    ]
}

#[test]
fn each_typo_is_an_error_at_its_key_with_a_suggestion_and_the_object_is_left_out() {
    for typo in typos() {
        let parsed = parse(&typo.text);
        let unknown: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownField)
            .collect();
        assert_eq!(unknown.len(), 1, "{}: {:#?}", typo.path, parsed.diagnostics);
        let d = unknown[0];
        assert_eq!(d.severity, Severity::Error, "{}", typo.path);
        assert_eq!(
            (d.location.line, d.location.column),
            (typo.line, typo.column),
            "{}",
            typo.path
        );
        assert_eq!(d.path, typo.path);
        assert_eq!(d.message, typo.message);
        let model = &parsed.model;
        let present = model.policies.iter().any(|p| p.name == typo.left_out)
            || model.services.iter().any(|s| s.name == typo.left_out)
            || model.groups.iter().any(|g| g.name == typo.left_out);
        assert!(!present, "{}: the object should be left out", typo.path);
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.message.contains("is left out of the analysis")),
            "{}: says the object is left out",
            typo.path
        );
    }
}

#[test]
fn the_same_manifests_spelt_right_are_kept_without_errors() {
    let fixed = [
        ("matchLabel:", "matchLabels:"),
        ("podSelecter:", "podSelector:"),
        ("ingres:", "ingress:"),
        ("policyType:", "policyTypes:"),
        ("namespaceSelecter:", "namespaceSelector:"),
        ("protcol:", "protocol:"),
        ("targetport:", "targetPort:"),
        ("containerport:", "containerPort:"),
    ];
    for (typo, (wrong, right)) in typos().into_iter().zip(fixed) {
        let text = typo.text.replace(wrong, right);
        let parsed = parse(&text);
        let errors = common::errors(&parsed);
        assert!(errors.is_empty(), "{right}: {errors:#?}");
    }
}

#[test]
fn open_parts_and_other_kinds_are_never_flagged() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: p
  managedFields:
  - manager: kubectl
    whatever: {deep: 1}
spec:
  containers:
  - name: c
    env: [{name: A, valueFrom: {anything: 1}}]
    resources: {limitz: {}}
  volumes: [{name: v, madeUp: {}}]
  affinity: {notAField: 1}
status:
  phase: Running
  invented: 1
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: i
spec:
  rulez: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: old
spec:
  podSelector: {}
status:
  conditions: []
";
    let parsed = parse(text);
    let unknown: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownField)
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
    assert_eq!(parsed.model.policies.len(), 1);
    assert_eq!(parsed.model.groups.len(), 1);
}

#[test]
fn a_pod_spec_field_reachmap_does_not_read_is_still_checked_by_name() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  lables: {app: web}\nspec:\n  hostnetwork: true\n  containers:\n  - name: c\n    portz: []\n";
    let parsed = parse(text);
    let unknown: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownField)
        .map(|d| (d.location.line, d.location.column, d.message.as_str()))
        .collect();
    assert_eq!(
        unknown,
        [
            (
                5,
                3,
                "unknown field `lables` in metadata; did you mean `labels`?"
            ),
            (
                7,
                3,
                "unknown field `hostnetwork` in spec; did you mean `hostNetwork`?"
            ),
            (
                10,
                5,
                "unknown field `portz` in spec.containers[0]; did you mean `ports`?"
            ),
        ]
    );
    assert!(parsed.model.groups.is_empty());
}

#[test]
fn a_list_item_is_checked_against_its_own_kind_and_path_starts_at_the_item() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n  spec:\n    ports: [{port: 80}]\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n  spek: {}\n";
    let parsed = parse(text);
    let unknown: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownField)
        .map(|d| (d.location.line, d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        unknown,
        [(
            12,
            "spek",
            "unknown field `spek` at the top level of the object; did you mean `spec`?"
        )]
    );
    let names: Vec<_> = parsed
        .model
        .services
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["a"]);
}
