//! The words every verdict is said in: a flow's ends (`Endpoint`), the side of a pod a rule
//! speaks for (`Direction`), and how much of "any outside address" a rule matches (`Match`).
//! NetworkPolicies (`policy`) and the cluster's tiers (`tiers`) both speak them.

use crate::model::Model;
use serde::Serialize;
use std::net::IpAddr;

/// One end of a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Endpoint {
    /// A pod group, by index into `Model::groups`.
    Group(usize),
    /// An address outside the cluster; `None` stands for any outside address.
    Outside(Option<IpAddr>),
}

impl Endpoint {
    /// The name people use: the group's endpoint name, the address, or `outside`.
    pub fn name(&self, model: &Model) -> String {
        match self {
            Endpoint::Group(g) => model.groups[*g].endpoint(),
            Endpoint::Outside(Some(ip)) => ip.to_string(),
            Endpoint::Outside(None) => "any outside address".into(),
        }
    }

    /// Parses an endpoint name (`ns/name`, `ns/name[Kind]`), an IP address, or `outside`.
    pub fn parse(model: &Model, text: &str) -> Result<Endpoint, String> {
        if text == "outside" || text == "any" {
            return Ok(Endpoint::Outside(None));
        }
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Ok(Endpoint::Outside(Some(ip)));
        }
        if let Some(g) = model.group(text) {
            return Ok(Endpoint::Group(g));
        }
        // `ns/name` may name a workload's group when no bare Pod has that name.
        let matches: Vec<usize> = (0..model.groups.len())
            .filter(|&g| {
                let grp = &model.groups[g];
                format!("{}/{}", grp.namespace, grp.name) == text
                    || (!text.contains('/') && grp.namespace == "default" && grp.name == text)
            })
            .collect();
        match matches.as_slice() {
            [g] => Ok(Endpoint::Group(*g)),
            [] => Err(format!(
                "no pod or workload is named `{text}`; use `namespace/name`, `namespace/name[Kind]`, an IP address or `outside`"
            )),
            several => Err(format!(
                "`{text}` is ambiguous: {}",
                several
                    .iter()
                    .map(|g| model.groups[*g].endpoint())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// Whether something matches: for "any outside address", an ipBlock matches some addresses
/// and not others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Match {
    /// Matches none of the addresses.
    No,
    /// Matches some of the addresses "any outside address" stands for.
    Partly,
    /// Matches all of them.
    Yes,
}

/// Ingress or egress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Direction {
    /// Traffic into the pod: a policy's `ingress` rules and their `from` peers.
    Ingress,
    /// Traffic out of the pod: a policy's `egress` rules and their `to` peers.
    Egress,
}

impl Direction {
    /// The policy's list of rules and its rules' list of peers on this side.
    pub(crate) fn field(self) -> (&'static str, &'static str) {
        match self {
            Direction::Ingress => ("ingress", "from"),
            Direction::Egress => ("egress", "to"),
        }
    }
}
