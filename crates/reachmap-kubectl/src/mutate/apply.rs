//! `kubectl apply -f FILE…`: each object created, or replaced by the file's (`configured`), or
//! `unchanged`; what the cluster allocated stays when the file does not say it.

use super::create::{each_object, VALIDATE};
use super::{DRY_RUN, FILENAME, OUTPUT};
use crate::args::Flag;
use crate::{Ctx, Outcome};
use serde_yaml::Value;

/// `kubectl apply -f FILE…`: each object created, or replaced by the file's (`configured`),
/// or `unchanged`.
pub fn kubectl_apply(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let known = [
        FILENAME,
        DRY_RUN,
        OUTPUT,
        VALIDATE,
        Flag::boolean("server-side"),
        Flag::boolean("force"),
        Flag::boolean("overwrite"),
    ];
    each_object(
        ctx,
        words,
        &known,
        "apply",
        |work, id, value, text| match work.find(id).map(|d| d.value.clone()) {
            None => work.create(id, text).map(|()| "created"),
            Some(live) => work
                .update(id, &keep_allocated(&live, value))
                .map(|changed| if changed { "configured" } else { "unchanged" }),
        },
    )
}

/// The applied object with what the cluster keeps of the live one when the file does not say
/// it: `status`, the server's metadata, a Service's cluster IPs and allocated nodePorts.
fn keep_allocated(live: &Value, mut new: Value) -> Value {
    let Value::Mapping(n) = &mut new else {
        return new;
    };
    if let (Some(status), false) = (live.get("status"), n.contains_key("status")) {
        n.insert("status".into(), status.clone());
    }
    if let (Some(Value::Mapping(lm)), Some(Value::Mapping(nm))) =
        (live.get("metadata"), n.get_mut("metadata"))
    {
        for key in [
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "generation",
            "managedFields",
            "selfLink",
        ] {
            if let (Some(v), false) = (lm.get(key), nm.contains_key(key)) {
                nm.insert(key.into(), v.clone());
            }
        }
    }
    let is_service = live.get("kind").and_then(Value::as_str) == Some("Service")
        && n.get("kind").and_then(Value::as_str) == Some("Service");
    if let (true, Some(Value::Mapping(ls)), Some(Value::Mapping(ns))) =
        (is_service, live.get("spec"), n.get_mut("spec"))
    {
        for key in ["clusterIP", "clusterIPs"] {
            if let (Some(v), false) = (ls.get(key), ns.contains_key(key)) {
                ns.insert(key.into(), v.clone());
            }
        }
        let node_ports = matches!(
            ns.get("type").and_then(Value::as_str),
            Some("NodePort" | "LoadBalancer")
        );
        if let (true, Some(Value::Sequence(lp)), Some(Value::Sequence(np))) =
            (node_ports, ls.get("ports"), ns.get_mut("ports"))
        {
            for port in np.iter_mut() {
                let same = |p: &&Value| {
                    p.get("port") == port.get("port")
                        && p.get("protocol").and_then(Value::as_str).unwrap_or("TCP")
                            == port
                                .get("protocol")
                                .and_then(Value::as_str)
                                .unwrap_or("TCP")
                };
                let allocated = lp
                    .iter()
                    .find(same)
                    .and_then(|p| p.get("nodePort"))
                    .cloned();
                if let (Some(v), Value::Mapping(pm)) = (allocated, port) {
                    if !pm.contains_key("nodePort") {
                        pm.insert("nodePort".into(), v);
                    }
                }
            }
        }
    }
    new
}
