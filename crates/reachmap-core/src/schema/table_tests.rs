//! Tests of the generated table: its invariants, NetworkPolicy, Service, Endpoints,
//! EndpointSlice and Namespace. Hand-written.

use super::table::{ROOTS, SCHEMAS};
use super::*;

/// What a path such as `spec.ingress[].from[].podSelector` holds, from the
/// root of `kind`. `name[]` takes field `name`, then one element of it.
pub(super) fn at(api_version: &str, kind: &str, path: &str) -> Lookup {
    let mut child = Child::Object(root_schema(api_version, kind).expect("kind not in table"));
    for seg in path.split('.') {
        let (key, elem) = match seg.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (seg, false),
        };
        child = match child.field(key) {
            Lookup::Known(c) => c,
            Lookup::Unknown => return Lookup::Unknown,
        };
        if elem {
            child = child.element();
        }
    }
    Lookup::Known(child)
}

pub(super) fn known(api_version: &str, kind: &str, path: &str) -> Child {
    match at(api_version, kind, path) {
        Lookup::Known(c) => c,
        Lookup::Unknown => panic!("{kind} {path}: unknown"),
    }
}

pub(super) fn unknown(api_version: &str, kind: &str, path: &str) {
    assert_eq!(
        at(api_version, kind, path),
        Lookup::Unknown,
        "{kind} {path}"
    );
}

/// The schema at `path`, which must be an object (or a list of them, `x[]`).
pub(super) fn schema(api_version: &str, kind: &str, path: &str) -> SchemaId {
    match known(api_version, kind, path) {
        Child::Object(id) => id,
        other => panic!("{kind} {path}: {other:?}"),
    }
}

pub(super) fn names(id: SchemaId) -> Vec<&'static str> {
    field_names(id).collect()
}

pub(super) const NP: (&str, &str) = ("networking.k8s.io/v1", "NetworkPolicy");

// ---- table invariants ------------------------------------------------------

#[test]
fn fields_sorted_and_ids_in_range() {
    assert!(schema_count() > 0 && schema_count() <= usize::from(SchemaId::MAX));
    for (id, fields) in SCHEMAS.iter().enumerate() {
        assert!(!fields.is_empty(), "schema {id} is empty");
        for w in fields.windows(2) {
            assert!(w[0].0 < w[1].0, "schema {id}: {} !< {}", w[0].0, w[1].0);
        }
        for &(name, child) in fields.iter() {
            if let Child::Object(c) | Child::ListOf(c) = child {
                assert!(usize::from(c) < schema_count(), "schema {id}.{name}");
            }
        }
    }
}

#[test]
fn roots_sorted_unique_and_well_formed() {
    for w in ROOTS.windows(2) {
        assert!(
            (w[0].0, w[0].1) < (w[1].0, w[1].1),
            "{:?} !< {:?}",
            w[0],
            w[1]
        );
    }
    for &(api_version, kind, id) in ROOTS.iter() {
        assert_eq!(root_schema(api_version, kind), Some(id));
        assert_eq!(
            lookup(id, "apiVersion"),
            Lookup::Known(Child::Scalar),
            "{kind}"
        );
        assert_eq!(lookup(id, "kind"), Lookup::Known(Child::Scalar), "{kind}");
        assert!(
            matches!(lookup(id, "metadata"), Lookup::Known(Child::Object(_))),
            "{kind}"
        );
        if kind.ends_with("List") {
            assert!(matches!(lookup(id, "items"), Lookup::Known(_)), "{kind}");
        }
        // status, where there is one, is never checked.
        if let Lookup::Known(c) = lookup(id, "status") {
            assert_eq!(c, Child::Open, "{kind}");
        }
    }
}

#[test]
fn every_schema_reachable_from_a_root() {
    let mut seen = vec![false; schema_count()];
    let mut stack: Vec<SchemaId> = ROOTS.iter().map(|r| r.2).collect();
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut seen[usize::from(id)], true) {
            continue;
        }
        for &(_, c) in SCHEMAS[usize::from(id)].iter() {
            if let Child::Object(c) | Child::ListOf(c) = c {
                stack.push(c);
            }
        }
    }
    assert!(seen.iter().all(|&s| s));
}

#[test]
fn kinds_in_table() {
    let want = [
        ("v1", "Pod"),
        ("v1", "Service"),
        ("v1", "Endpoints"),
        ("v1", "Namespace"),
        ("v1", "ReplicationController"),
        ("v1", "List"),
        ("apps/v1", "Deployment"),
        ("apps/v1", "ReplicaSet"),
        ("apps/v1", "StatefulSet"),
        ("apps/v1", "DaemonSet"),
        ("batch/v1", "Job"),
        ("batch/v1", "CronJob"),
        ("networking.k8s.io/v1", "NetworkPolicy"),
        ("networking.k8s.io/v1", "NetworkPolicyList"),
        ("discovery.k8s.io/v1", "EndpointSlice"),
        ("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy"),
        (
            "policy.networking.k8s.io/v1alpha1",
            "BaselineAdminNetworkPolicy",
        ),
        ("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy"),
    ];
    for (av, k) in want {
        assert!(root_schema(av, k).is_some(), "{av} {k}");
    }
    // Not checked: unknown kinds and other versions are open to the caller.
    assert_eq!(root_schema("v1", "ConfigMap"), None);
    assert_eq!(
        root_schema("networking.k8s.io/v1beta1", "NetworkPolicy"),
        None
    );
    assert_eq!(root_schema("extensions/v1beta1", "NetworkPolicy"), None);
    assert_eq!(root_schema("v1", "service"), None);
    assert_eq!(K8S_VERSION, "1.34");
}

// ---- NetworkPolicy: complete ------------------------------------------------

#[test]
fn network_policy_spec_and_children_complete() {
    let (a, k) = NP;
    let selector = ["matchExpressions", "matchLabels"];
    let cases: &[(&str, &[&str])] = &[
        ("", &["apiVersion", "kind", "metadata", "spec", "status"]),
        ("spec", &["egress", "ingress", "podSelector", "policyTypes"]),
        ("spec.podSelector", &selector),
        (
            "spec.podSelector.matchExpressions[]",
            &["key", "operator", "values"],
        ),
        ("spec.ingress[]", &["from", "ports"]),
        ("spec.egress[]", &["ports", "to"]),
        (
            "spec.ingress[].from[]",
            &["ipBlock", "namespaceSelector", "podSelector"],
        ),
        (
            "spec.egress[].to[]",
            &["ipBlock", "namespaceSelector", "podSelector"],
        ),
        ("spec.ingress[].from[].ipBlock", &["cidr", "except"]),
        ("spec.egress[].to[].ipBlock", &["cidr", "except"]),
        ("spec.ingress[].from[].podSelector", &selector),
        ("spec.ingress[].from[].namespaceSelector", &selector),
        ("spec.egress[].to[].podSelector", &selector),
        ("spec.egress[].to[].namespaceSelector", &selector),
        (
            "spec.egress[].to[].namespaceSelector.matchExpressions[]",
            &["key", "operator", "values"],
        ),
        ("spec.ingress[].ports[]", &["endPort", "port", "protocol"]),
        ("spec.egress[].ports[]", &["endPort", "port", "protocol"]),
    ];
    for &(path, want) in cases {
        let id = if path.is_empty() {
            root_schema(a, k).unwrap()
        } else {
            schema(a, k, path)
        };
        assert_eq!(names(id), want, "NetworkPolicy {path}");
        for &f in want {
            assert!(matches!(lookup(id, f), Lookup::Known(_)), "{path}.{f}");
        }
    }
    // Leaves.
    for p in [
        "spec.policyTypes",
        "spec.ingress[].ports[].port",
        "spec.ingress[].ports[].endPort",
        "spec.egress[].ports[].protocol",
        "spec.egress[].to[].ipBlock.cidr",
        "spec.egress[].to[].ipBlock.except",
        "spec.podSelector.matchExpressions[].values",
    ] {
        assert_eq!(known(a, k, p), Child::Scalar, "{p}");
    }
    assert_eq!(
        known(a, k, "spec.podSelector.matchLabels"),
        Child::StringMap
    );
    assert_eq!(
        known(a, k, "spec.podSelector.matchLabels.app"),
        Child::Scalar
    );
    assert_eq!(known(a, k, "status"), Child::Open);
    assert_eq!(known(a, k, "status.anything.below"), Child::Open);
}

#[test]
fn network_policy_typos_unknown() {
    let (a, k) = NP;
    unknown(a, k, "spec.ingress[].from[].podSelector.matchLabel");
    unknown(a, k, "spec.podSelecter");
    unknown(a, k, "spec.ingres");
    unknown(a, k, "spec.policyType");
    unknown(a, k, "spec.ingress[].from[].namespaceSelecter");
    unknown(a, k, "spec.ingress[].ports[].protcol");
    unknown(a, k, "spec.egress[].from");
    unknown(a, k, "spec.ingress[].to");
    unknown(a, k, "spec.egress[].to[].ipBlock.excepts");
    unknown(a, k, "metadata.label");
    unknown(a, k, "specs");
}

#[test]
fn network_policy_list() {
    let (a, _) = NP;
    assert_eq!(
        known(
            a,
            "NetworkPolicyList",
            "items[].spec.podSelector.matchLabels"
        ),
        Child::StringMap
    );
    assert_eq!(
        known(a, "NetworkPolicyList", "metadata.resourceVersion"),
        Child::Scalar
    );
    unknown(a, "NetworkPolicyList", "items[].spec.ingres");
    assert_eq!(known("v1", "List", "items"), Child::Resources);
    assert_eq!(known("v1", "List", "metadata.continue"), Child::Scalar);
}

// ---- Service, Endpoints, EndpointSlice, Namespace ----------------------------

#[test]
fn service_spec() {
    let spec = schema("v1", "Service", "spec");
    let want = [
        "allocateLoadBalancerNodePorts",
        "clusterIP",
        "clusterIPs",
        "externalIPs",
        "externalName",
        "externalTrafficPolicy",
        "healthCheckNodePort",
        "internalTrafficPolicy",
        "ipFamilies",
        "ipFamilyPolicy",
        "loadBalancerClass",
        "loadBalancerIP",
        "loadBalancerSourceRanges",
        "ports",
        "publishNotReadyAddresses",
        "selector",
        "sessionAffinity",
        "sessionAffinityConfig",
        "trafficDistribution",
        "type",
    ];
    assert_eq!(names(spec), want);
    for p in [
        "externalTrafficPolicy",
        "internalTrafficPolicy",
        "publishNotReadyAddresses",
        "ipFamilies",
        "ipFamilyPolicy",
        "clusterIPs",
        "type",
    ] {
        assert_eq!(lookup(spec, p), Lookup::Known(Child::Scalar), "{p}");
    }
    assert_eq!(
        known(
            "v1",
            "Service",
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds"
        ),
        Child::Scalar
    );
    unknown(
        "v1",
        "Service",
        "spec.sessionAffinityConfig.clientIP.timeout",
    );
    unknown("v1", "Service", "spec.sessionAffinityConfig.clientIp");
    // selector is a map[string]string: any key.
    assert_eq!(known("v1", "Service", "spec.selector"), Child::StringMap);
    assert_eq!(known("v1", "Service", "spec.selector.app"), Child::Scalar);
    // ports, targetPort is IntOrString.
    assert_eq!(
        names(schema("v1", "Service", "spec.ports[]")),
        [
            "appProtocol",
            "name",
            "nodePort",
            "port",
            "protocol",
            "targetPort"
        ]
    );
    assert_eq!(
        known("v1", "Service", "spec.ports[].targetPort"),
        Child::Scalar
    );
    unknown("v1", "Service", "spec.ports[].targetport");
    unknown("v1", "Service", "spec.externalTrafficPolicies");
    assert_eq!(known("v1", "Service", "status"), Child::Open);
    assert_eq!(
        known("v1", "Service", "status.loadBalancer.ingress"),
        Child::Open
    );
    assert_eq!(
        known("v1", "ServiceList", "items[].spec.ports[].port"),
        Child::Scalar
    );
}

#[test]
fn endpoints_and_slices() {
    let e = ("v1", "Endpoints");
    assert_eq!(
        names(root_schema(e.0, e.1).unwrap()),
        ["apiVersion", "kind", "metadata", "subsets"]
    );
    assert_eq!(
        names(schema(e.0, e.1, "subsets[]")),
        ["addresses", "notReadyAddresses", "ports"]
    );
    assert_eq!(
        names(schema(e.0, e.1, "subsets[].addresses[]")),
        ["hostname", "ip", "nodeName", "targetRef"]
    );
    assert_eq!(
        known(e.0, e.1, "subsets[].notReadyAddresses[].targetRef.uid"),
        Child::Scalar
    );
    assert_eq!(
        known(e.0, e.1, "subsets[].ports[].appProtocol"),
        Child::Scalar
    );
    unknown(e.0, e.1, "subsets[].addresses[].targetRef.uuid");
    unknown(e.0, e.1, "status");

    let s = ("discovery.k8s.io/v1", "EndpointSlice");
    assert_eq!(
        names(root_schema(s.0, s.1).unwrap()),
        [
            "addressType",
            "apiVersion",
            "endpoints",
            "kind",
            "metadata",
            "ports"
        ]
    );
    assert_eq!(
        names(schema(s.0, s.1, "endpoints[]")),
        [
            "addresses",
            "conditions",
            "deprecatedTopology",
            "hints",
            "hostname",
            "nodeName",
            "targetRef",
            "zone"
        ]
    );
    assert_eq!(
        names(schema(s.0, s.1, "endpoints[].conditions")),
        ["ready", "serving", "terminating"]
    );
    assert_eq!(
        names(schema(s.0, s.1, "endpoints[].hints")),
        ["forNodes", "forZones"]
    );
    assert_eq!(
        known(s.0, s.1, "endpoints[].hints.forZones[].name"),
        Child::Scalar
    );
    assert_eq!(
        known(s.0, s.1, "endpoints[].deprecatedTopology.any"),
        Child::Scalar
    );
    assert_eq!(
        names(schema(s.0, s.1, "ports[]")),
        ["appProtocol", "name", "port", "protocol"]
    );
    unknown(s.0, s.1, "endpoints[].conditions.readyz");
}

#[test]
fn namespace() {
    assert_eq!(names(schema("v1", "Namespace", "spec")), ["finalizers"]);
    assert_eq!(known("v1", "Namespace", "status.phase"), Child::Open);
    assert_eq!(
        known("v1", "Namespace", "metadata.labels.team"),
        Child::Scalar
    );
    unknown("v1", "Namespace", "spec.finalizer");
}
