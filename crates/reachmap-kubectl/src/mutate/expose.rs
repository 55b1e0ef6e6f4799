//! `kubectl expose (deployment|replicaset|pod|service) NAME --port=N …`: a Service selecting
//! what the exposed object selects, as kubectl's expose takes it from the object.

use super::{
    flags, labels_of, labels_value, metadata, parse_pairs, Id, Namespace, Refusal, Work, DRY_RUN,
    NO_NAME, NO_RESOURCES, OUTPUT,
};
use crate::args::{Args, Flag};
use crate::kinds::Kind;
use crate::resources::requests;
use crate::{Ctx, Outcome};
use reachmap_core::model::format_labels;
use reachmap_core::yaml::document::str_at;
use reachmap_core::yaml::emit;
use serde_yaml::{Mapping, Value};

const FLAGS: &[Flag] = &[
    Flag::value("port"),
    Flag::value("protocol"),
    Flag::value("type"),
    Flag::value("load-balancer-ip"),
    Flag::value("selector"),
    Flag::value("labels").short('l'),
    Flag::value("target-port"),
    Flag::value("external-ip"),
    Flag::value("name"),
    Flag::value("session-affinity"),
    Flag::value("cluster-ip"),
    Flag::value("filename").short('f'),
    Flag::boolean("save-config"),
    DRY_RUN,
    OUTPUT,
];

pub fn kubectl_expose(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(words, FLAGS, "kubectl expose")?;
    if !args.all("filename").is_empty() {
        return Err("error: `kubectl expose -f` is not simulated here; name the object: `kubectl expose deployment NAME --port=N`".into());
    }
    let requests = requests(&args.positional)?;
    let named: Vec<(Kind, &str)> = requests
        .iter()
        .filter_map(|r| Some((r.kind, r.name.as_deref()?)))
        .collect();
    if named.is_empty() {
        return Err(if requests.is_empty() {
            NO_RESOURCES
        } else {
            NO_NAME
        }
        .into());
    }
    let ns = Namespace::of(&args);
    let mut work = Work::new(ctx, &args)?;
    for (kind, name) in named {
        let id = Id::new(kind, ns.name, name);
        let Some(object) = work.find(&id).map(|d| d.value.clone()) else {
            return Err(Refusal::NotFound.message(&id, "", None));
        };
        if !matches!(
            kind,
            Kind::Pod | Kind::Service | Kind::Deployment | Kind::ReplicaSet
        ) {
            let group_kind = if id.group.is_empty() {
                id.kind.clone()
            } else {
                format!("{}.{}", id.kind, id.group)
            };
            return Err(format!("error: cannot expose a {group_kind}"));
        }
        let service = service(&args, &ns, kind, name, &object)?;
        let sid = Id::new(
            Kind::Service,
            ns.name,
            str_at(&service, &["metadata", "name"]).unwrap_or_default(),
        );
        match work.create(&sid, &emit::document(&service)) {
            Ok(()) => work.done(&sid, "exposed"),
            Err(r) => return Err(r.message(&sid, "creating", None)),
        }
    }
    Ok(work.finish())
}

/// The Service for `object`, as `kubectl expose` makes it from the flags and the object.
fn service(
    args: &Args,
    ns: &Namespace,
    kind: Kind,
    name: &str,
    object: &Value,
) -> Result<Value, String> {
    let spec = object.get("spec");
    let template_spec = spec
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("spec"));
    let pod_spec = if kind == Kind::Pod {
        spec
    } else {
        template_spec
    };
    let selector = match args.get("selector") {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => selector_of(kind, object).map_err(|e| {
            format!("error: couldn't retrieve selectors via --selector flag or introspection: {e}")
        })?,
    };
    let selector = parse_pairs(&selector)?;
    // The ports: --port, else the object's (one, or several named port-1, port-2…).
    let (ports, protocols) = match kind {
        Kind::Service => service_ports(spec),
        _ => container_ports(pod_spec),
    };
    let port_list: Vec<String> = match args.get("port") {
        Some(p) if !p.is_empty() => vec![p.to_string()],
        _ => {
            if ports.is_empty() && args.get("cluster-ip") != Some("None") {
                return Err("error: couldn't find port via --port flag or introspection".into());
            }
            ports
        }
    };
    let labels = match args.get("labels") {
        Some(l) if !l.is_empty() => parse_pairs(l)?,
        _ => labels_of(object.get("metadata").and_then(|m| m.get("labels"))),
    };
    let protocol = args.get("protocol").unwrap_or("");
    let several = port_list.len() > 1;
    let mut service_ports = Vec::new();
    for (i, p) in port_list.iter().enumerate() {
        let number: i64 = p
            .parse()
            .map_err(|_| format!("error: strconv.Atoi: parsing \"{p}\": invalid syntax"))?;
        let port_name = several.then(|| format!("port-{}", i + 1));
        let chosen = if !protocol.is_empty() {
            vec![protocol.to_string()]
        } else {
            match protocols.iter().find(|(k, _)| k == p) {
                Some((_, found)) if found.len() > 1 => {
                    for proto in found {
                        let mut m = Mapping::new();
                        m.insert(
                            "name".into(),
                            format!("port-{}-{}", i + 1, proto.to_ascii_lowercase()).into(),
                        );
                        m.insert("port".into(), number.into());
                        m.insert("protocol".into(), proto.as_str().into());
                        service_ports.push(m);
                    }
                    continue;
                }
                Some((_, found)) => found.clone(),
                None => vec!["TCP".to_string()],
            }
        };
        let mut m = Mapping::new();
        if let Some(n) = port_name {
            m.insert("name".into(), n.into());
        }
        m.insert("port".into(), number.into());
        m.insert("protocol".into(), chosen[0].as_str().into());
        service_ports.push(m);
    }
    let target: Option<Value> = args
        .get("target-port")
        .filter(|t| !t.is_empty())
        .map(|t| match t.parse::<i64>() {
            Ok(n) => n.into(),
            Err(_) => t.into(),
        });
    let ports: Vec<Value> = service_ports
        .into_iter()
        .map(|mut m| {
            let t = target.clone().unwrap_or_else(|| m["port"].clone());
            m.insert("targetPort".into(), t);
            Value::Mapping(m)
        })
        .collect();
    let service_name = match args.get("name") {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => name.chars().take(63).collect(),
    };
    let mut spec = Mapping::new();
    if !ports.is_empty() {
        spec.insert("ports".into(), Value::Sequence(ports));
    }
    spec.insert("selector".into(), labels_value(&selector));
    if let Some(ip) = args.get("external-ip").filter(|v| !v.is_empty()) {
        spec.insert("externalIPs".into(), Value::Sequence(vec![ip.into()]));
    }
    let service_type = args.get("type").unwrap_or("");
    if !service_type.is_empty() {
        spec.insert("type".into(), service_type.into());
    }
    if let ("LoadBalancer", Some(ip)) = (service_type, args.get("load-balancer-ip")) {
        if !ip.is_empty() {
            spec.insert("loadBalancerIP".into(), ip.into());
        }
    }
    match args.get("session-affinity").unwrap_or("") {
        "" => {}
        a @ ("None" | "ClientIP") => {
            spec.insert("sessionAffinity".into(), a.into());
        }
        other => return Err(format!("error: unknown session affinity: {other}")),
    }
    if let Some(ip) = args.get("cluster-ip").filter(|v| !v.is_empty()) {
        spec.insert("clusterIP".into(), ip.into());
    }
    Ok(super::object(
        Kind::Service,
        metadata(&service_name, &labels, ns),
        Some(Value::Mapping(spec)),
    ))
}

/// The selector `kubectl expose` takes from an object, or its reason not to.
fn selector_of(kind: Kind, object: &Value) -> Result<String, String> {
    let spec = object.get("spec");
    match kind {
        Kind::Pod => {
            let labels = labels_of(object.get("metadata").and_then(|m| m.get("labels")));
            if labels.is_empty() {
                return Err("the pod has no labels and cannot be exposed".into());
            }
            Ok(format_labels(&labels))
        }
        Kind::Service => match spec.and_then(|s| s.get("selector")) {
            None | Some(Value::Null) => Err("the service has no pod selector set".into()),
            Some(s) => Ok(format_labels(&labels_of(Some(s)))),
        },
        _ => {
            let what = if kind == Kind::Deployment {
                "deployment"
            } else {
                "replicaset"
            };
            let selector = spec.and_then(|s| s.get("selector"));
            let match_labels = labels_of(selector.and_then(|s| s.get("matchLabels")));
            if match_labels.is_empty() {
                return Err(format!(
                    "invalid {what}: no selectors, therefore cannot be exposed"
                ));
            }
            if let Some(Value::Sequence(exprs)) = selector.and_then(|s| s.get("matchExpressions")) {
                if !exprs.is_empty() {
                    return Err(format!(
                        "couldn't convert expressions - \"{}\" to map-based selector format",
                        go_requirements(exprs)
                    ));
                }
            }
            Ok(format_labels(&match_labels))
        }
    }
}

/// `matchExpressions` as Go prints them with `%+v`: `[{Key:tier Operator:In Values:[cache]}]`.
fn go_requirements(exprs: &[Value]) -> String {
    let items: Vec<String> = exprs
        .iter()
        .map(|e| {
            let s = |k: &str| {
                e.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let values: Vec<String> = e
                .get("values")
                .and_then(Value::as_sequence)
                .map(|v| {
                    v.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "{{Key:{} Operator:{} Values:[{}]}}",
                s("key"),
                s("operator"),
                values.join(" ")
            )
        })
        .collect();
    format!("[{}]", items.join(" "))
}

/// Port number strings in order (each once), and the protocols each is declared with.
type Ports = (Vec<String>, Vec<(String, Vec<String>)>);

/// The containers' ports of a pod spec.
fn container_ports(pod_spec: Option<&Value>) -> Ports {
    let ports = pod_spec
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("ports").and_then(Value::as_sequence))
        .flatten();
    collect(ports, "containerPort")
}

/// A Service's ports.
fn service_ports(spec: Option<&Value>) -> Ports {
    let ports = spec
        .and_then(|s| s.get("ports"))
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten();
    collect(ports, "port")
}

fn collect<'v>(ports: impl Iterator<Item = &'v Value>, field: &str) -> Ports {
    let mut numbers: Vec<String> = Vec::new();
    let mut protocols: Vec<(String, Vec<String>)> = Vec::new();
    for p in ports {
        let Some(n) = p.get(field).and_then(Value::as_i64) else {
            continue;
        };
        let n = n.to_string();
        let protocol = p
            .get("protocol")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("TCP")
            .to_string();
        if !numbers.contains(&n) {
            numbers.push(n.clone());
        }
        match protocols.iter_mut().find(|(k, _)| *k == n) {
            Some((_, list)) => list.push(protocol),
            None => protocols.push((n, vec![protocol])),
        }
    }
    (numbers, protocols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_expressions_as_go_prints_them() {
        let v: Value = serde_yaml::from_str(
            "[{key: tier, operator: In, values: [cache, db]}, {key: env, operator: Exists}]",
        )
        .unwrap();
        assert_eq!(
            go_requirements(v.as_sequence().unwrap()),
            "[{Key:tier Operator:In Values:[cache db]} {Key:env Operator:Exists Values:[]}]"
        );
    }
}
