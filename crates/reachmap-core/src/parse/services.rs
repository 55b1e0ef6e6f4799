//! Services, Endpoints and EndpointSlices.

use super::reader::{Node, ObjectReader};
use super::validate;
use super::Meta;
use crate::diag::Code;
use crate::model::{
    ClusterIp, EndpointAddresses, PortRef, Service, ServicePort, ServiceType, TrafficPolicy,
};
use std::net::IpAddr;

pub fn read_service(r: &mut ObjectReader, root: &Node, meta: &Meta) -> Option<Service> {
    if let Err(why) = validate::dns1035_label(&meta.name) {
        r.report(
            crate::diag::Severity::Error,
            Code::InvalidName,
            &meta.name_path,
            why,
        );
    }
    let Some(spec) = r.mapping(root, "spec") else {
        r.error(Code::MissingField, root, "a Service needs `spec`".into());
        return None;
    };
    let service_type = match r.string(&spec, "type") {
        None => ServiceType::ClusterIP,
        Some(t) => ServiceType::parse(&t).unwrap_or_else(|| {
            let at = r.field(&spec, "type").expect("just read");
            r.error(
                Code::InvalidValue,
                &at,
                format!("type `{t}` does not exist: use ClusterIP, NodePort, LoadBalancer or ExternalName"),
            );
            ServiceType::ClusterIP
        }),
    };
    let cluster_ip = match r.string(&spec, "clusterIP").as_deref() {
        None | Some("") => ClusterIp::Unset,
        Some("None") => ClusterIp::Headless,
        Some(ip) => {
            if ip.parse::<IpAddr>().is_err() {
                let at = r.field(&spec, "clusterIP").expect("just read");
                r.error(
                    Code::InvalidValue,
                    &at,
                    format!("clusterIP `{ip}` is not an IP address or `None`"),
                );
            }
            ClusterIp::Ip(ip.to_string())
        }
    };
    let selector_labels = r.labels(&spec, "selector");
    let selector = (!selector_labels.is_empty()).then_some(selector_labels);
    let external_name = r.string(&spec, "externalName");
    if service_type == ServiceType::ExternalName {
        match &external_name {
            None => r.error(
                Code::MissingField,
                &spec,
                "an ExternalName Service needs `externalName`".into(),
            ),
            Some(name) => {
                let host = name.trim_end_matches('.');
                if let Err(why) = validate::dns1123_subdomain(host) {
                    let at = r.field(&spec, "externalName").expect("just read");
                    r.error(Code::InvalidValue, &at, format!("externalName: {why}"));
                }
            }
        }
        if selector.is_some() {
            let at = r.field(&spec, "selector").expect("just read");
            r.warn(
                Code::Ineffective,
                &at,
                "an ExternalName Service ignores its selector: it is a DNS alias and proxies nothing".into(),
            );
        }
    }
    let port_nodes = r.list(&spec, "ports");
    let headless = cluster_ip == ClusterIp::Headless;
    if port_nodes.is_empty() && !headless && service_type != ServiceType::ExternalName {
        r.error(
            Code::MissingField,
            &spec,
            "`ports` must list at least one port".into(),
        );
    }
    let mut ports: Vec<ServicePort> = Vec::new();
    for node in &port_nodes {
        if let Some(port) = read_port(r, node, service_type, port_nodes.len() > 1, &ports) {
            ports.push(port);
        }
    }
    let load_balancer_ip = r.string(&spec, "loadBalancerIP");
    let mut load_balancer_ingress = Vec::new();
    if let Some(status) = r.mapping(root, "status") {
        if let Some(lb) = r.mapping(&status, "loadBalancer") {
            for entry in r.list(&lb, "ingress") {
                if let Some(addr) = r
                    .string(&entry, "ip")
                    .or_else(|| r.string(&entry, "hostname"))
                {
                    load_balancer_ingress.push(addr);
                }
            }
        }
    }
    let external_ips = r
        .list(&spec, "externalIPs")
        .iter()
        .filter_map(|n| n.value.as_str().map(str::to_string))
        .collect();
    let external_traffic_policy = traffic_policy(r, &spec, "externalTrafficPolicy");
    let internal_traffic_policy = traffic_policy(r, &spec, "internalTrafficPolicy");
    let publish_not_ready_addresses = r
        .boolean(&spec, "publishNotReadyAddresses")
        .unwrap_or(false);
    Some(Service {
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        service_type,
        selector: if service_type == ServiceType::ExternalName {
            None
        } else {
            selector
        },
        cluster_ip,
        ports,
        external_name,
        load_balancer_ip,
        load_balancer_ingress,
        external_ips,
        external_traffic_policy,
        internal_traffic_policy,
        publish_not_ready_addresses,
        location: meta.location.clone(),
    })
}

/// `externalTrafficPolicy` or `internalTrafficPolicy`: `Cluster` when absent.
fn traffic_policy(r: &mut ObjectReader, spec: &Node, key: &str) -> TrafficPolicy {
    match r.string(spec, key) {
        None => TrafficPolicy::Cluster,
        Some(v) => TrafficPolicy::parse(&v).unwrap_or_else(|| {
            let at = r.field(spec, key).expect("just read");
            r.error(
                Code::InvalidValue,
                &at,
                format!("{key} `{v}` does not exist: use Cluster or Local"),
            );
            TrafficPolicy::Cluster
        }),
    }
}

fn read_port(
    r: &mut ObjectReader,
    node: &Node,
    service_type: ServiceType,
    multi: bool,
    earlier: &[ServicePort],
) -> Option<ServicePort> {
    let name = r
        .name(node, "name", validate::dns1123_label)
        .filter(|n| !n.is_empty());
    if multi && name.is_none() {
        r.error(
            Code::UnnamedPort,
            node,
            "every port of a Service with several ports needs a `name`".into(),
        );
    }
    let protocol = r.protocol(node);
    let port = r.port_number(node, "port", 1);
    if port.is_none() && r.field(node, "port").is_none() {
        r.error(Code::MissingField, node, "`port` is required".into());
    }
    // targetPort: absent (or 0, which the API server defaults the same way) means `port`.
    let target_port = match r.field(node, "targetPort") {
        Some(t) if t.value.as_i64() == Some(0) => None,
        Some(_) => r.port_ref(node, "targetPort"),
        None => None,
    };
    let node_port = match r.field(node, "nodePort") {
        None => None,
        Some(at) => {
            let n = r.integer(node, "nodePort");
            match n {
                Some(0) | None => None,
                Some(n) if !service_type.has_node_ports() => {
                    r.error(
                        Code::InvalidValue,
                        &at,
                        format!(
                            "nodePort {n} may not be used when `type` is {}",
                            service_type.as_str()
                        ),
                    );
                    None
                }
                Some(n) if !(30000..=32767).contains(&n) => {
                    r.error(
                        Code::InvalidValue,
                        &at,
                        format!("nodePort {n} is outside the node port range 30000-32767"),
                    );
                    None
                }
                Some(n) => Some(n as u16),
            }
        }
    };
    let port = port?;
    for other in earlier {
        if name.is_some() && other.name == name {
            r.error(
                Code::DuplicatePort,
                node,
                format!(
                    "port name `{}` is used twice",
                    name.as_deref().unwrap_or_default()
                ),
            );
        }
        if other.port == port && other.protocol == protocol {
            r.error(
                Code::DuplicatePort,
                node,
                format!("port {port}/{protocol} is listed twice"),
            );
        }
        if node_port.is_some() && other.node_port == node_port && other.protocol == protocol {
            r.error(
                Code::DuplicatePort,
                node,
                format!("nodePort {} is listed twice", node_port.unwrap_or_default()),
            );
        }
    }
    Some(ServicePort {
        name,
        protocol,
        port,
        target_port: target_port.unwrap_or(PortRef::Number(port)),
        node_port,
        location: r.place.location(&node.path),
        path: r.shown_path(&node.path),
    })
}

/// `Endpoints`: named after its Service; ready addresses of every subset.
pub fn read_endpoints(r: &mut ObjectReader, root: &Node, meta: &Meta) -> Option<EndpointAddresses> {
    let mut addresses = Vec::new();
    let mut ports = Vec::new();
    for subset in r.list(root, "subsets") {
        for addr in r.list(&subset, "addresses") {
            if let Some(ip) = read_ip(r, &addr, "ip") {
                addresses.push(ip);
            }
        }
        for port in r.list(&subset, "ports") {
            let protocol = r.protocol(&port);
            if let Some(n) = r.port_number(&port, "port", 1) {
                ports.push((r.string(&port, "name"), n, protocol));
            }
        }
    }
    Some(EndpointAddresses {
        namespace: meta.namespace.clone(),
        service: meta.name.clone(),
        kind: "Endpoints",
        name: meta.name.clone(),
        addresses,
        ports,
        location: meta.location.clone(),
    })
}

/// `EndpointSlice`: its Service is the label `kubernetes.io/service-name`.
pub fn read_endpoint_slice(
    r: &mut ObjectReader,
    root: &Node,
    meta: &Meta,
) -> Option<EndpointAddresses> {
    let Some(service) = meta.labels.get("kubernetes.io/service-name").cloned() else {
        r.warn(
            Code::Ineffective,
            root,
            "this EndpointSlice has no label `kubernetes.io/service-name`, so it belongs to no Service".into(),
        );
        return None;
    };
    let mut addresses = Vec::new();
    for endpoint in r.list(root, "endpoints") {
        let ready = r
            .mapping(&endpoint, "conditions")
            .and_then(|c| r.field(&c, "ready"))
            .map(|v| v.value.as_bool() != Some(false))
            .unwrap_or(true);
        let Some(list) = r.field(&endpoint, "addresses") else {
            continue;
        };
        let Some(items) = list.value.as_sequence() else {
            continue;
        };
        for (i, value) in items.iter().enumerate() {
            let item = list.step(value, super::locate::Step::Index(i));
            match item.value.as_str().map(str::parse::<IpAddr>) {
                Some(Ok(ip)) if ready => addresses.push(ip),
                Some(Ok(_)) => {}
                _ => r.error(
                    Code::InvalidValue,
                    &item,
                    "an endpoint address must be an IP address".into(),
                ),
            }
        }
    }
    let mut ports = Vec::new();
    for port in r.list(root, "ports") {
        let protocol = r.protocol(&port);
        if let Some(n) = r.port_number(&port, "port", 1) {
            ports.push((r.string(&port, "name"), n, protocol));
        }
    }
    Some(EndpointAddresses {
        namespace: meta.namespace.clone(),
        service,
        kind: "EndpointSlice",
        name: meta.name.clone(),
        addresses,
        ports,
        location: meta.location.clone(),
    })
}

fn read_ip(r: &mut ObjectReader, node: &Node, key: &str) -> Option<IpAddr> {
    let text = r.string(node, key)?;
    match text.parse() {
        Ok(ip) => Some(ip),
        Err(_) => {
            let at = r.field(node, key).expect("just read");
            r.error(
                Code::InvalidValue,
                &at,
                format!("`{text}` is not an IP address"),
            );
            None
        }
    }
}
