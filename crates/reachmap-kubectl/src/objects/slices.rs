//! The EndpointSlices the EndpointSlice controller keeps for a Service: its endpoints as the
//! analysis computes them (`ServiceReport::endpoints`), one slice per set of ports, as the
//! controller groups them, with each endpoint's conditions.

use super::service::{addresses, report};
use crate::sim::{suffix, API_SERVER_PORT, NODE_IP, NODE_NAME};
use crate::Ctx;
use reachmap_core::model::Protocol;
use std::net::IpAddr;

/// One endpoint of a slice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SliceEndpoint {
    pub address: String,
    pub ready: bool,
    pub serving: bool,
    pub terminating: bool,
    pub node: Option<String>,
    /// The pod it is (`targetRef`), when it is one.
    pub pod: Option<String>,
}

/// One EndpointSlice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice {
    pub name: String,
    pub address_type: &'static str,
    pub ports: Vec<(Option<String>, u16, Protocol)>,
    pub endpoints: Vec<SliceEndpoint>,
}

/// The slices of `Model::services[service]`: one per address family and set of ports its
/// endpoints have (the controller's grouping), named `<service>-<suffix>`.
pub fn slices(ctx: &Ctx, service: usize) -> Vec<Slice> {
    let s = &ctx.parsed.model.services[service];
    let Some(report) = report(ctx, service) else {
        return Vec::new();
    };
    let mut out: Vec<Slice> = Vec::new();
    for e in &report.endpoints {
        let ports: Vec<(Option<String>, u16, Protocol)> = s
            .ports
            .iter()
            .zip(&e.ports)
            .filter_map(|(p, n)| n.map(|n| (p.name.clone(), n, p.protocol)))
            .collect();
        for (address, pod) in addresses(ctx, report, e) {
            let address_type = match address.parse::<IpAddr>() {
                Ok(IpAddr::V6(_)) => "IPv6",
                _ => "IPv4",
            };
            let endpoint = SliceEndpoint {
                address,
                ready: e.ready,
                serving: e.serving,
                terminating: e.terminating,
                node: e.node.clone().or_else(|| Some(NODE_NAME.to_string())),
                pod,
            };
            match out
                .iter_mut()
                .find(|sl| sl.ports == ports && sl.address_type == address_type)
            {
                Some(sl) => sl.endpoints.push(endpoint),
                None => out.push(Slice {
                    name: String::new(),
                    address_type,
                    ports: ports.clone(),
                    endpoints: vec![endpoint],
                }),
            }
        }
    }
    if out.is_empty() {
        // A Service without endpoints still has one empty slice with its ports.
        out.push(Slice {
            name: String::new(),
            address_type: "IPv4",
            ports: Vec::new(),
            endpoints: Vec::new(),
        });
    }
    for (k, sl) in out.iter_mut().enumerate() {
        sl.name = format!(
            "{}-{}",
            s.name,
            suffix(&format!("slice/{}/{k}", s.key()), 5)
        );
        sl.endpoints
            .sort_by_key(|e| e.address.parse::<IpAddr>().ok());
    }
    out
}

/// The slice an object of kind EndpointSlice is.
pub fn of(ctx: &Ctx, obj: &super::Obj) -> Slice {
    match obj.source {
        super::Source::ServiceSlice { service, slice } => slices(ctx, service)
            .into_iter()
            .nth(slice)
            .unwrap_or_else(api_server),
        _ => api_server(),
    }
}

/// The `kubernetes` Service's slice: the API server on the node.
pub fn api_server() -> Slice {
    Slice {
        name: "kubernetes".into(),
        address_type: "IPv4",
        ports: vec![(Some("https".into()), API_SERVER_PORT, Protocol::Tcp)],
        endpoints: vec![SliceEndpoint {
            address: NODE_IP.into(),
            ready: true,
            serving: true,
            terminating: false,
            node: None,
            pod: None,
        }],
    }
}

/// `formatDiscoveryPorts`: the PORTS column.
pub fn format_ports(slice: &Slice) -> String {
    if slice.ports.is_empty() {
        return "<unset>".into();
    }
    slice
        .ports
        .iter()
        .map(|p| p.1.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// `formatDiscoveryEndpoints`: the ENDPOINTS column, every address whatever its conditions.
pub fn format_endpoints(slice: &Slice) -> String {
    if slice.endpoints.is_empty() {
        return "<none>".into();
    }
    let all: Vec<String> = slice.endpoints.iter().map(|e| e.address.clone()).collect();
    super::service::at_most_three(&all)
}
