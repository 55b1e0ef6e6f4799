//! The port filters of cluster-wide policies' rules: v1alpha2 `protocols` (`tcp`/`udp`/`sctp`
//! with a `destinationPort` number or range, or `destinationNamedPort`) and v1alpha1 `ports`
//! (`portNumber`, `portRange`, `namedPort`; protocol TCP by default).

use super::cluster_limits::{check_max, max_items};
use super::reader::{Node, ObjectReader};
use super::validate;
use crate::diag::Code;
use crate::model::{ClusterKind, ClusterPort, Protocol};

/// A rule's port filter; empty when absent (every protocol and port).
pub(super) fn read_ports(r: &mut ObjectReader, rule: &Node, kind: ClusterKind) -> Vec<ClusterPort> {
    let key = if kind.is_v1alpha1() {
        "ports"
    } else {
        "protocols"
    };
    let Some(items) = r.list_or_absent(rule, key) else {
        return Vec::new();
    };
    if items.is_empty() {
        let at = r.field(rule, key).expect("present");
        r.error(
            Code::InvalidValue,
            &at,
            format!("`{key}` must list at least one item, or be left out (every port)"),
        );
    }
    check_max(r, &items, rule, key, max_items(kind));
    items
        .iter()
        .filter_map(|item| {
            if kind.is_v1alpha1() {
                read_v1alpha1_port(r, item)
            } else {
                read_protocol(r, item)
            }
        })
        .collect()
}

/// The one key an item sets among `keys`, or an error.
fn one_of(r: &mut ObjectReader, item: &Node, keys: &[&str]) -> Option<String> {
    let set: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| r.field(item, k).is_some())
        .collect();
    match set.as_slice() {
        [one] => Some(one.to_string()),
        _ => {
            r.error(
                Code::InvalidValue,
                item,
                format!(
                    "exactly one of {} must be set",
                    keys.iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            None
        }
    }
}

fn named_port(r: &mut ObjectReader, item: &Node, key: &str) -> Option<ClusterPort> {
    let name = r.string(item, key)?;
    if let Err(why) = validate::iana_svc_name(&name) {
        let at = r.field(item, key).expect("just read");
        r.error(Code::InvalidValue, &at, format!("`{key}`: {why}"));
        return None;
    }
    Some(ClusterPort::Named(name))
}

fn read_protocol(r: &mut ObjectReader, item: &Node) -> Option<ClusterPort> {
    let key = one_of(r, item, &["tcp", "udp", "sctp", "destinationNamedPort"])?;
    let protocol = match key.as_str() {
        "tcp" => Protocol::Tcp,
        "udp" => Protocol::Udp,
        "sctp" => Protocol::Sctp,
        _ => return named_port(r, item, "destinationNamedPort"),
    };
    let proto = r.mapping(item, &key)?;
    let Some(port) = r.mapping(&proto, "destinationPort") else {
        r.error(
            Code::MissingField,
            &proto,
            format!("`{key}` needs `destinationPort` (for every port, use the range 1-65535)"),
        );
        return None;
    };
    match one_of(r, &port, &["number", "range"])?.as_str() {
        "number" => r
            .port_number(&port, "number", 1)
            .map(|port| ClusterPort::Number {
                protocol: Some(protocol),
                port,
            }),
        _ => {
            let range = r.mapping(&port, "range")?;
            let (start, end) = range_ends(r, &range)?;
            if start >= end {
                r.error(
                    Code::InvalidValue,
                    &range,
                    format!("Start port must be less than End port (start {start}, end {end})"),
                );
                return None;
            }
            Some(ClusterPort::Range {
                protocol: Some(protocol),
                start,
                end,
            })
        }
    }
}

fn range_ends(r: &mut ObjectReader, range: &Node) -> Option<(u16, u16)> {
    let start = r.port_number(range, "start", 1);
    let end = r.port_number(range, "end", 1);
    for key in ["start", "end"] {
        if r.field(range, key).is_none() {
            r.error(
                Code::MissingField,
                range,
                format!("a port range needs `{key}`"),
            );
        }
    }
    Some((start?, end?))
}

/// A v1alpha1 `protocol`: TCP when absent; any other string is admitted (no enum) and matches
/// nothing.
fn v1alpha1_protocol(r: &mut ObjectReader, node: &Node) -> Option<Protocol> {
    let Some(s) = r.string(node, "protocol") else {
        return Some(Protocol::Tcp);
    };
    let protocol = Protocol::parse(&s);
    if protocol.is_none() {
        let at = r.field(node, "protocol").expect("just read");
        r.warn(
            Code::Ineffective,
            &at,
            format!("protocol `{s}` is admitted by the schema but is not TCP, UDP or SCTP: this entry matches nothing"),
        );
    }
    protocol
}

fn read_v1alpha1_port(r: &mut ObjectReader, item: &Node) -> Option<ClusterPort> {
    match one_of(r, item, &["portNumber", "portRange", "namedPort"])?.as_str() {
        "portNumber" => {
            let at = r.mapping(item, "portNumber")?;
            let protocol = v1alpha1_protocol(r, &at);
            if r.field(&at, "port").is_none() {
                r.error(Code::MissingField, &at, "`portNumber` needs `port`".into());
            }
            let port = r.port_number(&at, "port", 1)?;
            Some(ClusterPort::Number { protocol, port })
        }
        "portRange" => {
            let at = r.mapping(item, "portRange")?;
            let protocol = v1alpha1_protocol(r, &at);
            let (start, end) = range_ends(r, &at)?;
            if start > end {
                // No CEL checks this in v1alpha1: admitted, and it matches no port.
                r.warn(
                    Code::Ineffective,
                    &at,
                    format!("the range {start}-{end} is empty: start is above end, so it matches no port"),
                );
            }
            Some(ClusterPort::Range {
                protocol,
                start,
                end,
            })
        }
        _ => named_port(r, item, "namedPort"),
    }
}
