//! Tests of the generated table: metadata, Pods and workloads, the cluster policy kinds,
//! `Child`'s helpers. Hand-written.

use super::table_tests::{known, names, schema, unknown, NP};
use super::*;

// ---- metadata ----------------------------------------------------------------

#[test]
fn object_meta() {
    let meta = schema("v1", "Service", "metadata");
    assert_eq!(
        names(meta),
        [
            "annotations",
            "creationTimestamp",
            "deletionGracePeriodSeconds",
            "deletionTimestamp",
            "finalizers",
            "generateName",
            "generation",
            "labels",
            "managedFields",
            "name",
            "namespace",
            "ownerReferences",
            "resourceVersion",
            "selfLink",
            "uid",
        ]
    );
    assert_eq!(
        known("v1", "Service", "metadata.ownerReferences[].controller"),
        Child::Scalar
    );
    assert_eq!(
        names(schema("v1", "Service", "metadata.ownerReferences[]")),
        [
            "apiVersion",
            "blockOwnerDeletion",
            "controller",
            "kind",
            "name",
            "uid"
        ]
    );
    unknown("v1", "Service", "metadata.ownerReferences[].controler");
    assert_eq!(known("v1", "Service", "metadata.labels"), Child::StringMap);
    assert_eq!(
        known("v1", "Service", "metadata.annotations"),
        Child::StringMap
    );
    assert_eq!(
        known("v1", "Service", "metadata.managedFields"),
        Child::Open
    );
    assert_eq!(
        known("v1", "Service", "metadata.managedFields[].fieldsV1.f:spec"),
        Child::Open
    );
    // The same ObjectMeta everywhere, CRDs and pod templates included.
    for (a, k, p) in [
        (NP.0, NP.1, "metadata"),
        ("apps/v1", "Deployment", "spec.template.metadata"),
        ("batch/v1", "CronJob", "spec.jobTemplate.metadata"),
        (
            "batch/v1",
            "CronJob",
            "spec.jobTemplate.spec.template.metadata",
        ),
        (
            "policy.networking.k8s.io/v1alpha1",
            "AdminNetworkPolicy",
            "metadata",
        ),
        (
            "policy.networking.k8s.io/v1alpha2",
            "ClusterNetworkPolicy",
            "metadata",
        ),
    ] {
        assert_eq!(schema(a, k, p), meta, "{k} {p}");
    }
}

// ---- Pods and workloads ------------------------------------------------------

#[test]
fn pod_spec() {
    let p = ("v1", "Pod");
    assert_eq!(
        known(p.0, p.1, "spec.containers[].ports[].containerPort"),
        Child::Scalar
    );
    assert_eq!(
        names(schema(p.0, p.1, "spec.containers[].ports[]")),
        ["containerPort", "hostIP", "hostPort", "name", "protocol"]
    );
    assert_eq!(known(p.0, p.1, "spec.hostNetwork"), Child::Scalar);
    assert_eq!(known(p.0, p.1, "spec.nodeName"), Child::Scalar);
    assert_eq!(known(p.0, p.1, "spec.nodeSelector"), Child::StringMap);
    assert_eq!(
        known(p.0, p.1, "spec.initContainers[].ports[].name"),
        Child::Scalar
    );
    assert_eq!(
        known(p.0, p.1, "spec.ephemeralContainers[].targetContainerName"),
        Child::Scalar
    );
    unknown(p.0, p.1, "spec.containers[].ports[].containerport");
    unknown(p.0, p.1, "spec.containers[].portz");
    unknown(p.0, p.1, "spec.initContainers[].portz");
    unknown(p.0, p.1, "spec.containers[].targetContainerName");
    unknown(p.0, p.1, "spec.hostnetwork");
    // Open subtrees: anything goes below them.
    for o in [
        "spec.volumes",
        "spec.volumes[].configMap.whatever",
        "spec.affinity.nodeAffinity.anything",
        "spec.securityContext.runAsUserz",
        "spec.tolerations[].keyz",
        "spec.containers[].env[].valueFromz",
        "spec.containers[].resources.limitz",
        "spec.containers[].securityContext.privilegedz",
        "spec.containers[].livenessProbe.httpGet.portz",
        "status",
        "status.podIPs[].ipz",
    ] {
        assert_eq!(known(p.0, p.1, o), Child::Open, "{o}");
    }
    // Container: the complete field list.
    assert_eq!(
        names(schema(p.0, p.1, "spec.containers[]")),
        [
            "args",
            "command",
            "env",
            "envFrom",
            "image",
            "imagePullPolicy",
            "lifecycle",
            "livenessProbe",
            "name",
            "ports",
            "readinessProbe",
            "resizePolicy",
            "resources",
            "restartPolicy",
            "restartPolicyRules",
            "securityContext",
            "startupProbe",
            "stdin",
            "stdinOnce",
            "terminationMessagePath",
            "terminationMessagePolicy",
            "tty",
            "volumeDevices",
            "volumeMounts",
            "workingDir",
        ]
    );
    assert_eq!(
        schema(p.0, p.1, "spec.containers[]"),
        schema(p.0, p.1, "spec.initContainers[]")
    );
}

#[test]
fn workloads_reach_the_pod_template() {
    let template = schema("v1", "Pod", "spec");
    let cases = [
        ("apps/v1", "Deployment", "spec.template"),
        ("apps/v1", "ReplicaSet", "spec.template"),
        ("apps/v1", "StatefulSet", "spec.template"),
        ("apps/v1", "DaemonSet", "spec.template"),
        ("batch/v1", "Job", "spec.template"),
        ("batch/v1", "CronJob", "spec.jobTemplate.spec.template"),
        ("v1", "ReplicationController", "spec.template"),
    ];
    for (a, k, t) in cases {
        assert_eq!(schema(a, k, &format!("{t}.spec")), template, "{k}");
        assert_eq!(
            known(a, k, &format!("{t}.metadata.labels")),
            Child::StringMap,
            "{k}"
        );
        let port = format!("{t}.spec.containers[].ports[].containerPort");
        assert_eq!(known(a, k, &port), Child::Scalar, "{k}");
        unknown(a, k, &format!("{t}.spec.containers[].portz"));
        unknown(a, k, &format!("{t}.metadata.label"));
        unknown(a, k, &format!("{t}.specs"));
        assert_eq!(known(a, k, "status"), Child::Open, "{k}");
        let list = format!("{k}List");
        assert_eq!(
            known(a, &list, &format!("items[].{t}.spec.nodeName")),
            Child::Scalar
        );
    }
    // Selectors: LabelSelector, except ReplicationController's map.
    for (a, k) in [
        ("apps/v1", "Deployment"),
        ("apps/v1", "ReplicaSet"),
        ("apps/v1", "StatefulSet"),
        ("apps/v1", "DaemonSet"),
        ("batch/v1", "Job"),
    ] {
        assert_eq!(
            known(a, k, "spec.selector.matchLabels"),
            Child::StringMap,
            "{k}"
        );
        assert_eq!(
            known(a, k, "spec.selector.matchExpressions[].operator"),
            Child::Scalar
        );
        unknown(a, k, "spec.selector.matchLabel");
        unknown(a, k, "spec.selecter");
    }
    assert_eq!(
        known("v1", "ReplicationController", "spec.selector"),
        Child::StringMap
    );
    // Workload spec fields Reachmap does not read: known names, open contents.
    assert_eq!(
        known("apps/v1", "Deployment", "spec.replicas"),
        Child::Scalar
    );
    assert_eq!(
        known("apps/v1", "Deployment", "spec.strategy.rollingUpdate.x"),
        Child::Open
    );
    assert_eq!(
        known("apps/v1", "StatefulSet", "spec.serviceName"),
        Child::Scalar
    );
    assert_eq!(
        known("apps/v1", "StatefulSet", "spec.volumeClaimTemplates[].spec"),
        Child::Open
    );
    assert_eq!(known("batch/v1", "CronJob", "spec.schedule"), Child::Scalar);
    assert_eq!(
        known("batch/v1", "Job", "spec.podFailurePolicy.rules"),
        Child::Open
    );
    unknown("apps/v1", "Deployment", "spec.replica");
    unknown("batch/v1", "CronJob", "spec.jobtemplate");
}

// ---- policy.networking.k8s.io -------------------------------------------------

#[test]
fn admin_network_policies() {
    let anp = ("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy");
    let banp = (
        "policy.networking.k8s.io/v1alpha1",
        "BaselineAdminNetworkPolicy",
    );
    let cnp = ("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy");
    assert_eq!(
        names(schema(anp.0, anp.1, "spec")),
        ["egress", "ingress", "priority", "subject"]
    );
    assert_eq!(
        names(schema(banp.0, banp.1, "spec")),
        ["egress", "ingress", "subject"]
    );
    assert_eq!(
        names(schema(cnp.0, cnp.1, "spec")),
        ["egress", "ingress", "priority", "subject", "tier"]
    );
    assert_eq!(
        names(schema(anp.0, anp.1, "spec.subject")),
        ["namespaces", "pods"]
    );
    assert_eq!(
        names(schema(anp.0, anp.1, "spec.subject.pods")),
        ["namespaceSelector", "podSelector"]
    );
    assert_eq!(
        names(schema(anp.0, anp.1, "spec.ingress[]")),
        ["action", "from", "name", "ports"]
    );
    assert_eq!(
        names(schema(anp.0, anp.1, "spec.egress[].to[]")),
        ["domainNames", "namespaces", "networks", "nodes", "pods"]
    );
    assert_eq!(
        names(schema(banp.0, banp.1, "spec.egress[].to[]")),
        ["namespaces", "networks", "nodes", "pods"]
    );
    assert_eq!(
        names(schema(anp.0, anp.1, "spec.ingress[].ports[]")),
        ["namedPort", "portNumber", "portRange"]
    );
    assert_eq!(
        names(schema(anp.0, anp.1, "spec.egress[].ports[].portRange")),
        ["end", "protocol", "start"]
    );
    assert_eq!(
        names(schema(cnp.0, cnp.1, "spec.ingress[].protocols[]")),
        ["destinationNamedPort", "sctp", "tcp", "udp"]
    );
    assert_eq!(
        known(
            cnp.0,
            cnp.1,
            "spec.egress[].protocols[].udp.destinationPort.range.start"
        ),
        Child::Scalar
    );
    assert_eq!(
        known(anp.0, anp.1, "spec.subject.pods.podSelector.matchLabels"),
        Child::StringMap
    );
    assert_eq!(
        known(
            cnp.0,
            cnp.1,
            "spec.ingress[].from[].namespaces.matchExpressions[].key"
        ),
        Child::Scalar
    );
    assert_eq!(known(anp.0, anp.1, "status.conditions[].foo"), Child::Open);
    unknown(banp.0, banp.1, "spec.priority");
    unknown(banp.0, banp.1, "spec.egress[].to[].domainNames");
    unknown(anp.0, anp.1, "spec.ingress[].protocols");
    unknown(cnp.0, cnp.1, "spec.ingress[].ports");
    unknown(anp.0, anp.1, "spec.subject.pods.podSelecter");
    assert_eq!(
        known(anp.0, "AdminNetworkPolicyList", "items[].spec.priority"),
        Child::Scalar
    );
    assert_eq!(
        known(cnp.0, "ClusterNetworkPolicyList", "items[].spec.tier"),
        Child::Scalar
    );
}

// ---- Child helpers -------------------------------------------------------------

#[test]
fn child_helpers() {
    assert_eq!(Child::Open.field("x"), Lookup::Known(Child::Open));
    assert_eq!(Child::StringMap.field("x"), Lookup::Known(Child::Scalar));
    assert_eq!(Child::Scalar.field("x"), Lookup::Known(Child::Open));
    assert_eq!(Child::Open.element(), Child::Open);
    assert_eq!(Child::Scalar.element(), Child::Scalar);
    assert_eq!(Child::Resources.element(), Child::Open);
    assert_eq!(Child::ListOf(3).element(), Child::Object(3));
}
