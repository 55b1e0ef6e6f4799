//! What a change does to reachability: the flows whose verdict differs between two versions
//! of the manifests, each with the policy rule that decided it on either side.
//!
//! Endpoints are matched across versions by name (`ns/name`, `ns/name[Kind]`, `outside`), so
//! a workload whose labels changed is the same endpoint with different verdicts; one that exists
//! on one side only is `absent` on the other. Nothing is computed a second way: pod-to-pod
//! verdicts are the fast matrix's (what `probe` prints), flows from or to outside addresses
//! `explain`'s, flows to a Service port `service_flow`'s (what `explain --to ns/svc:port`
//! prints), and every cause is read from `explain`'s explanation of the flow on each side.

mod cause;
mod services;

use super::matrix::{matrix, Matrix};
use super::policy::{explain, Endpoint, Verdict};
use super::ports::{representative_probes, PortChoice};
use super::probe::Probe;
use super::services::ServiceReport;
use super::whole::Analysis;
use crate::model::{Model, NetworkPolicy};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The name of "any address outside the cluster" in a diff, as `Endpoint::parse` reads it.
pub const OUTSIDE: &str = "outside";

/// Which ports a diff is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffPorts {
    /// Every port, exactly: one probe per interval of ports that neither version's policies
    /// tell apart (the union of both versions' representative probes).
    Any,
    /// These probes only.
    Probes(Vec<Probe>),
}

impl From<PortChoice> for DiffPorts {
    /// The ports a view evaluates, as a diff's: any port, or the one probe.
    fn from(choice: PortChoice) -> DiffPorts {
        match choice {
            PortChoice::Any => DiffPorts::Any,
            PortChoice::Probe(p) => DiffPorts::Probes(vec![p]),
        }
    }
}

/// A flow's verdict in one version, or the fact that one of its ends does not exist there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Seen {
    /// Both ends exist and the policies admit the flow.
    Allowed,
    /// Both ends exist and the policies refuse the flow.
    Denied,
    /// Both ends exist and the verdict rests on what the manifests do not say (a pod IP they
    /// do not give, a peer not evaluated, which endpoints a Service picks).
    Depends,
    /// An end of the flow (an endpoint, a Service or its port) exists in the other version only.
    Absent,
}

impl From<Verdict> for Seen {
    fn from(v: Verdict) -> Seen {
        match v {
            Verdict::Allowed => Seen::Allowed,
            Verdict::Denied => Seen::Denied,
            Verdict::Depends => Seen::Depends,
        }
    }
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Seen::Allowed => "allowed",
            Seen::Denied => "denied",
            Seen::Depends => "depends",
            Seen::Absent => "absent",
        })
    }
}

/// What happened to a policy between the versions (by `namespace/name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyChange {
    /// Exists in the new version only.
    Added,
    /// Exists in the old version only.
    Removed,
    /// Same name, different selector, rules or policy types.
    Changed,
}

impl fmt::Display for PolicyChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PolicyChange::Added => "added",
            PolicyChange::Removed => "removed",
            PolicyChange::Changed => "changed",
        })
    }
}

/// One flow whose verdict differs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DiffRow {
    /// An endpoint name or `outside`.
    pub from: String,
    /// An endpoint name, `outside`, or a Service port `ns/service:port`.
    pub to: String,
    /// `TCP/80`; over any port, the interval of ports a representative probe stands for
    /// (`TCP/1-79`, every port of which has the same verdicts); for a Service row, the
    /// Service port's protocol and number.
    pub probe: String,
    /// The verdict in the old version.
    pub before: Seen,
    /// The verdict in the new version.
    pub after: Seen,
    /// The rule(s) that decided on each side, `before -> after`.
    pub cause: String,
    /// For a Service row: the backends whose flow changed (endpoint names or addresses).
    pub backends: Vec<String>,
}

impl DiffRow {
    /// A flow that was not allowed and is now.
    pub fn opened(&self) -> bool {
        self.before != Seen::Allowed && self.after == Seen::Allowed
    }

    /// A flow that was allowed and is no longer.
    pub fn closed(&self) -> bool {
        self.before == Seen::Allowed && self.after != Seen::Allowed
    }

    /// Whether `to` is a Service port (`ns/service:port`) rather than an endpoint: endpoint
    /// names (DNS names, `outside`) never hold a colon.
    pub fn to_service(&self) -> bool {
        self.to.contains(':')
    }

    /// The port an explanation of the row is on (`reachmap explain --port`): the first of its
    /// interval (`TCP/1-79` → `TCP/1`, every port of which has the same verdicts); empty for a
    /// Service row, whose `to` names its port. The page's list of changes and the arrows of
    /// the drawing of a change both explain a row on this port.
    pub fn explained_port(&self) -> String {
        if self.to_service() {
            return String::new();
        }
        self.probe.split('-').next().unwrap_or_default().to_string()
    }
}

/// Every flow whose verdict differs between two versions, sorted as the TSV prints them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The probes compared.
    pub probes: Vec<Probe>,
    /// Policies added, removed or changed, by `namespace/name`.
    pub policies: Vec<(String, PolicyChange)>,
    /// The flows whose verdict differs, sorted by `from`, `to`, `probe` (as text), then verdicts.
    pub rows: Vec<DiffRow>,
}

impl Diff {
    /// Whether no flow's verdict differs (policies may still have changed).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many flows were not allowed and are now.
    pub fn opened(&self) -> usize {
        self.rows.iter().filter(|r| r.opened()).count()
    }

    /// How many flows were allowed and are no longer.
    pub fn closed(&self) -> usize {
        self.rows.iter().filter(|r| r.closed()).count()
    }
}

/// `diff_models` of two analyses.
pub fn diff(old: &Analysis, new: &Analysis, ports: &DiffPorts) -> Diff {
    diff_models(
        Version::new(old.model(), &old.reports),
        Version::new(new.model(), &new.reports),
        ports,
    )
}

/// One version: a model and its Service reports (`analyze_services` of it).
#[derive(Clone, Copy)]
pub struct Version<'a> {
    /// The parsed manifests of the version.
    pub model: &'a Model,
    /// `analyze_services` of `model`: how its Services route, for the Service-port rows.
    pub reports: &'a [ServiceReport],
}

impl<'a> Version<'a> {
    /// A version of `model` with its Service reports.
    pub fn new(model: &'a Model, reports: &'a [ServiceReport]) -> Version<'a> {
        Version { model, reports }
    }
}

/// One version, ready to answer: its pod groups by name (a sorted map: no hash map code in
/// the page for this) and its matrix over every probe the
/// diff needs (the chosen ones and the representatives of "any port").
pub(super) struct Side<'a> {
    pub version: Version<'a>,
    pub group_by_name: BTreeMap<String, usize>,
    pub matrix: Matrix,
    pub statuses: &'a BTreeMap<String, PolicyChange>,
}

impl<'a> Side<'a> {
    fn new(
        version: Version<'a>,
        probes: &[Probe],
        statuses: &'a BTreeMap<String, PolicyChange>,
    ) -> Side<'a> {
        Side {
            version,
            group_by_name: version
                .model
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.endpoint(), i))
                .collect(),
            matrix: matrix(version.model, probes),
            statuses,
        }
    }

    /// The endpoint a name stands for in this version.
    pub fn endpoint(&self, name: &str) -> Option<Endpoint> {
        if name == OUTSIDE {
            return Some(Endpoint::Outside(None));
        }
        self.group_by_name.get(name).map(|g| Endpoint::Group(*g))
    }

    /// The verdict of `from → to` on `self.matrix.probes[p]`: the matrix's for two pod groups,
    /// `explain`'s when one end is outside.
    fn verdict(&self, from: Option<Endpoint>, to: Option<Endpoint>, p: usize) -> Seen {
        match (from, to) {
            (Some(Endpoint::Group(a)), Some(Endpoint::Group(b))) => {
                if self.matrix.allowed(p, a, b) {
                    Seen::Allowed
                } else {
                    Seen::Denied
                }
            }
            (Some(f), Some(t)) => explain(self.version.model, f, t, self.matrix.probes[p])
                .verdict
                .into(),
            _ => Seen::Absent,
        }
    }

    /// The index in `matrix.probes` of the representative probe whose interval holds `probe`
    /// (every protocol has its port 1 among the representatives, so there is always one).
    pub fn representative(&self, any: &[Probe], probe: Probe) -> Option<usize> {
        let rep = any
            .iter()
            .filter(|p| p.protocol == probe.protocol && p.port <= probe.port)
            .max()?;
        self.matrix.probes.iter().position(|p| p == rep)
    }
}

/// Every flow whose verdict differs between `old` and `new`: pod to pod, from and to outside,
/// and to each Service port, for the chosen ports.
pub fn diff_models(old: Version<'_>, new: Version<'_>, ports: &DiffPorts) -> Diff {
    let mut any: Vec<Probe> = representative_probes(old.model);
    any.extend(representative_probes(new.model));
    any.sort_unstable();
    any.dedup();
    let chosen: Vec<Probe> = match ports {
        DiffPorts::Any => any.clone(),
        DiffPorts::Probes(list) => {
            let mut l = list.clone();
            l.sort_unstable();
            l.dedup();
            l
        }
    };
    let mut all = chosen.clone();
    all.extend(&any);
    all.sort_unstable();
    all.dedup();
    let statuses = policy_changes(&old.model.policies, &new.model.policies);
    let (a, b) = (
        Side::new(old, &all, &statuses),
        Side::new(new, &all, &statuses),
    );
    let mut names: BTreeSet<&str> = BTreeSet::new();
    names.extend(a.group_by_name.keys().map(String::as_str));
    names.extend(b.group_by_name.keys().map(String::as_str));
    names.insert(OUTSIDE);
    let names: Vec<&str> = names.into_iter().collect();
    let chosen_at: Vec<usize> = chosen
        .iter()
        .filter_map(|c| all.iter().position(|p| p == c))
        .collect();

    let mut rows = Vec::new();
    let ends_a: Vec<Option<Endpoint>> = names.iter().map(|n| a.endpoint(n)).collect();
    let ends_b: Vec<Option<Endpoint>> = names.iter().map(|n| b.endpoint(n)).collect();
    for (i, from) in names.iter().enumerate() {
        for (j, to) in names.iter().enumerate() {
            if i == j {
                continue;
            }
            for &p in &chosen_at {
                let before = a.verdict(ends_a[i], ends_a[j], p);
                let after = b.verdict(ends_b[i], ends_b[j], p);
                if before == after {
                    continue;
                }
                let probe = all[p];
                let label = match ports {
                    DiffPorts::Any => interval(&any, probe),
                    DiffPorts::Probes(_) => probe.to_string(),
                };
                let mut why = format!(
                    "{} -> {}",
                    cause::of_flow(&a, ends_a[i], ends_a[j], probe),
                    cause::of_flow(&b, ends_b[i], ends_b[j], probe)
                );
                // A relabelled end explains a change between two verdicts (not to or from absent).
                let relabelled = before != Seen::Absent && after != Seen::Absent;
                for name in [from, to].into_iter().filter(|_| relabelled) {
                    if let (Some(Endpoint::Group(ga)), Some(Endpoint::Group(gb))) =
                        (a.endpoint(name), b.endpoint(name))
                    {
                        if old.model.groups[ga].labels != new.model.groups[gb].labels {
                            why.push_str(&format!("; labels of {name} changed"));
                        }
                    }
                }
                rows.push(DiffRow {
                    from: from.to_string(),
                    to: to.to_string(),
                    probe: label,
                    before,
                    after,
                    cause: why,
                    backends: Vec::new(),
                });
            }
        }
    }
    rows.extend(services::rows(&a, &b, &names, &any, ports));
    rows.sort_unstable_by(|x, y| {
        (&x.from, &x.to, &x.probe, x.before, x.after)
            .cmp(&(&y.from, &y.to, &y.probe, y.before, y.after))
    });
    Diff {
        probes: chosen,
        policies: statuses.into_iter().collect(),
        rows,
    }
}

/// One version compared with variants of itself that only lose policy rules (`redundancy`):
/// its side is built once, and a comparison stops at the first flow whose verdict differs.
pub(crate) struct Baseline<'a> {
    side: Side<'a>,
    names: Vec<String>,
}

/// The policy changes of a baseline's comparisons: none are worded.
static NO_CHANGES: BTreeMap<String, PolicyChange> = BTreeMap::new();

impl<'a> Baseline<'a> {
    pub fn new(version: Version<'a>) -> Baseline<'a> {
        let probes = representative_probes(version.model);
        let side = Side::new(version, &probes, &NO_CHANGES);
        let mut names: Vec<String> = side.group_by_name.keys().cloned().collect();
        names.push(OUTSIDE.into());
        names.sort_unstable();
        Baseline { side, names }
    }

    /// Whether every endpoint-to-endpoint verdict (pod pairs, from and to outside, every
    /// port) of `variant` is the baseline's: the rows `diff_models` lists before its Service
    /// rows, without their words. A variant with ports the baseline's probes do not cut (not
    /// one that only lost rules) is compared by `diff_models` whole.
    pub fn same_endpoint_verdicts(&self, variant: Version<'_>) -> bool {
        let probes = &self.side.matrix.probes;
        if !representative_probes(variant.model)
            .iter()
            .all(|p| probes.contains(p))
        {
            return diff_models(self.side.version, variant, &DiffPorts::Any).is_empty();
        }
        let other = Side::new(variant, probes, &NO_CHANGES);
        let ends_a: Vec<Option<Endpoint>> =
            self.names.iter().map(|n| self.side.endpoint(n)).collect();
        let ends_b: Vec<Option<Endpoint>> = self.names.iter().map(|n| other.endpoint(n)).collect();
        for i in 0..self.names.len() {
            for j in (0..self.names.len()).filter(|&j| j != i) {
                for p in 0..probes.len() {
                    if self.side.verdict(ends_a[i], ends_a[j], p)
                        != other.verdict(ends_b[i], ends_b[j], p)
                    {
                        return false;
                    }
                }
            }
        }
        // A pod group to itself is no row, but it is a backend its own Service flows reach
        // (hairpin, or another replica): where its verdict to itself changed, the Service rows
        // may have, and the whole diff decides.
        let self_changed = (0..self.names.len())
            .filter(|&i| self.names[i] != OUTSIDE)
            .any(|i| {
                (0..probes.len()).any(|p| {
                    self.side.verdict(ends_a[i], ends_a[i], p)
                        != other.verdict(ends_b[i], ends_b[i], p)
                })
            });
        !self_changed || diff_models(self.side.version, variant, &DiffPorts::Any).is_empty()
    }
}

/// The ports a representative probe of "any port" stands for: `TCP/1-79`, or `TCP/80` when
/// its interval is that one port.
pub fn interval(any: &[Probe], probe: Probe) -> String {
    let last = any
        .iter()
        .filter(|p| p.protocol == probe.protocol && p.port > probe.port)
        .map(|p| p.port - 1)
        .min()
        .unwrap_or(u16::MAX);
    if last == probe.port {
        probe.to_string()
    } else {
        format!("{probe}-{last}")
    }
}

/// Policies added, removed or changed, by `namespace/name`.
fn policy_changes(old: &[NetworkPolicy], new: &[NetworkPolicy]) -> BTreeMap<String, PolicyChange> {
    let by_key = |ps: &[NetworkPolicy]| -> BTreeMap<String, usize> {
        ps.iter().enumerate().map(|(i, p)| (p.key(), i)).collect()
    };
    let (a, b) = (by_key(old), by_key(new));
    let mut out = BTreeMap::new();
    for (key, &i) in &a {
        match b.get(key) {
            None => {
                out.insert(key.clone(), PolicyChange::Removed);
            }
            Some(&j) if !same_policy(&old[i], &new[j]) => {
                out.insert(key.clone(), PolicyChange::Changed);
            }
            Some(_) => {}
        }
    }
    for key in b.keys().filter(|k| !a.contains_key(*k)) {
        out.insert(key.clone(), PolicyChange::Added);
    }
    out
}

/// Whether two versions of a policy say the same thing (wherever they are written).
fn same_policy(a: &NetworkPolicy, b: &NetworkPolicy) -> bool {
    a.pod_selector == b.pod_selector
        && a.ingress == b.ingress
        && a.egress == b.egress
        && a.isolates_ingress == b.isolates_ingress
        && a.isolates_egress == b.isolates_egress
}
