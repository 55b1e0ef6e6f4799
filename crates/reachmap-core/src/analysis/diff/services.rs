//! A diff's Service rows: flows to `ns/service:port` whose verdict changed, with the backends
//! concerned. The verdicts are `service_flow`'s, as `explain --to ns/service:port` gives them.

use super::{cause, DiffPorts, DiffRow, Seen, Side};
use crate::analysis::endpoints::Backend;
use crate::analysis::flow::{service_flow, ServiceFlow};
use crate::analysis::policy::Endpoint;
use crate::analysis::probe::Probe;
use crate::analysis::services::ServiceReport;
use crate::model::ServiceType;
use std::collections::{BTreeMap, BTreeSet};

/// A Service port as a diff names it, `ns/service:port` (by number), with its probe.
type PortKey = (String, Probe);

/// Where a Service port is in one version: the Service's report and the port's index.
fn service_ports<'a>(side: &Side<'a>) -> BTreeMap<PortKey, (&'a ServiceReport, usize)> {
    let model = side.version.model;
    let mut out = BTreeMap::new();
    for report in side.version.reports {
        let s = &model.services[report.service];
        for (i, sp) in s.ports.iter().enumerate() {
            let key = (
                format!("{}:{}", s.key(), sp.port),
                Probe::new(sp.protocol, sp.port),
            );
            out.entry(key).or_insert((report, i));
        }
    }
    out
}

/// Every (client, Service port) whose `service_flow` verdict differs between the versions.
pub(super) fn rows(
    a: &Side<'_>,
    b: &Side<'_>,
    clients: &[&str],
    any: &[Probe],
    ports: &DiffPorts,
) -> Vec<DiffRow> {
    let (ports_a, ports_b) = (service_ports(a), service_ports(b));
    let keys: BTreeSet<&PortKey> = ports_a.keys().chain(ports_b.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        if let DiffPorts::Probes(list) = ports {
            if !list.contains(&key.1) {
                continue;
            }
        }
        let (in_a, in_b) = (ports_a.get(key), ports_b.get(key));
        for client in clients {
            let (end_a, end_b) = (a.endpoint(client), b.endpoint(client));
            if let (Some(ea), Some(eb), Some(sa), Some(sb)) = (end_a, end_b, in_a, in_b) {
                if let (Some(fa), Some(fb)) =
                    (fingerprint(a, ea, *sa, any), fingerprint(b, eb, *sb, any))
                {
                    if fa == fb {
                        continue;
                    }
                }
            }
            let flow =
                |side: &Side<'_>, end: Option<Endpoint>, at: Option<&(&ServiceReport, usize)>| {
                    match (end, at) {
                        (Some(e), Some((report, port))) => {
                            Some(service_flow(side.version.model, report, e, *port))
                        }
                        _ => None,
                    }
                };
            let (fa, fb) = (flow(a, end_a, in_a), flow(b, end_b, in_b));
            let seen =
                |f: &Option<ServiceFlow>| f.as_ref().map_or(Seen::Absent, |f| f.verdict.into());
            let (before, after) = (seen(&fa), seen(&fb));
            if before == after {
                continue;
            }
            let (why, backends) = service_cause(a, b, fa.as_ref(), fb.as_ref());
            out.push(DiffRow {
                from: client.to_string(),
                to: key.0.clone(),
                probe: key.1.to_string(),
                before,
                after,
                cause: why,
                backends,
            });
        }
    }
    out
}

/// What `service_flow`'s verdict rests on, read from the matrix: each backend's name, the port
/// its traffic arrives on and the verdict there (the verdict on the representative probe of
/// that port's interval, exact by `representative_probes`). Equal fingerprints mean equal
/// verdicts, so the flow is not evaluated again; `None` when the matrix cannot tell (a client
/// outside, a backend address, an ExternalName Service), and the flow is then evaluated.
fn fingerprint(
    side: &Side<'_>,
    client: Endpoint,
    (report, port): (&ServiceReport, usize),
    any: &[Probe],
) -> Option<Vec<(String, Option<Probe>, Seen)>> {
    let model = side.version.model;
    let Endpoint::Group(from) = client else {
        return None;
    };
    let service = &model.services[report.service];
    if service.service_type == ServiceType::ExternalName {
        return None;
    }
    let protocol = service.ports[port].protocol;
    let mut out = Vec::with_capacity(report.backends.len());
    for (backend, target) in report.backends.iter().zip(&report.ports[port].resolved) {
        let Backend::Group(to) = backend else {
            return None;
        };
        let target = target.map(|n| Probe::new(protocol, n));
        let verdict = match target {
            Some(t) => {
                let p = side.representative(any, t)?;
                if side.matrix.allowed(p, from, *to) {
                    Seen::Allowed
                } else {
                    Seen::Denied
                }
            }
            None => Seen::Absent,
        };
        out.push((model.groups[*to].endpoint(), target, verdict));
    }
    out.sort_unstable();
    Some(out)
}

/// The backends whose flow differs, each as `name on TCP/8080: before -> after` with the rules
/// that decided; an ExternalName Service's outside flow as `external name: …`.
fn service_cause(
    a: &Side<'_>,
    b: &Side<'_>,
    fa: Option<&ServiceFlow>,
    fb: Option<&ServiceFlow>,
) -> (String, Vec<String>) {
    type Seenby = (Option<Probe>, Seen, String);
    let per_backend = |side: &Side<'_>, f: Option<&ServiceFlow>| -> BTreeMap<String, Seenby> {
        let model = side.version.model;
        let mut out = BTreeMap::new();
        let Some(f) = f else { return out };
        if let Some(e) = &f.external {
            let why = cause::of_explanation(model, side.statuses, e);
            out.insert(
                "external name".to_string(),
                (Some(e.probe), e.verdict.into(), why),
            );
        }
        for bf in &f.backends {
            let name = match &bf.backend {
                Backend::Group(g) => model.groups[*g].endpoint(),
                Backend::Address(ip) => ip.to_string(),
            };
            let (seen, why) = match &bf.explanation {
                Some(e) => (
                    e.verdict.into(),
                    cause::of_explanation(model, side.statuses, e),
                ),
                None => (Seen::Absent, "no such targetPort".to_string()),
            };
            out.insert(name, (bf.target, seen, why));
        }
        out
    };
    if fa.is_none() || fb.is_none() {
        // No such client or Service port on one side: the other side's backends are concerned.
        let (present, other) = if fa.is_some() {
            (per_backend(a, fa), None)
        } else {
            (per_backend(b, fb), Some(()))
        };
        let words: Vec<String> = present
            .iter()
            .map(|(n, (t, _, why))| format!("{n} on {}: {why}", target(*t)))
            .collect();
        let what = if words.is_empty() {
            "no backends".to_string()
        } else {
            words.join(", ")
        };
        let why = match other {
            None => format!("{what} -> absent"),
            Some(()) => format!("absent -> {what}"),
        };
        return (why, present.into_keys().collect());
    }
    let (ba, bb) = (per_backend(a, fa), per_backend(b, fb));
    let names: BTreeSet<&String> = ba.keys().chain(bb.keys()).collect();
    let mut concerned = Vec::new();
    let mut words = Vec::new();
    for name in names {
        let (x, y) = (ba.get(name), bb.get(name));
        if x.map(|v| (v.0, v.1)) == y.map(|v| (v.0, v.1)) {
            continue;
        }
        let port = match (x, y) {
            (Some(x), Some(y)) if x.0 != y.0 => format!("{} -> {}", target(x.0), target(y.0)),
            (Some(v), _) | (None, Some(v)) => target(v.0),
            (None, None) => String::new(),
        };
        let words_of = |v: Option<&Seenby>| v.map_or("absent".to_string(), |v| v.2.clone());
        words.push(format!(
            "{name} on {port}: {} -> {}",
            words_of(x),
            words_of(y)
        ));
        concerned.push(name.clone());
    }
    let why = if words.is_empty() {
        "no backend".to_string()
    } else {
        words.join(", ")
    };
    (why, concerned)
}

fn target(t: Option<Probe>) -> String {
    t.map_or("no port".to_string(), |p| p.to_string())
}
