//! Verdicts over every port at once: "allowed on some port" exactly, from a handful of probes.
//!
//! A NetworkPolicy can only tell ports apart at the edges of the intervals it names: a numeric
//! `port` (with `endPort`, a range), or a named port, which resolves to the number of a
//! container port of that name. Between two such edges every port gets the same verdict from
//! every rule, so one probe per interval (its first port) stands for all of them, and "allowed
//! on some port" is the OR over those probes. [`representative_probes`] computes them;
//! [`PortMatrix`] answers pairs of pod groups for one probe or for any port.

use super::bits::Bits;
use super::matrix::{matrix, Matrix};
use super::policy::Verdict;
use super::probe::Probe;
use crate::model::{ClusterPort, Model, PortRef, Protocol};
use serde::Serialize;
use std::collections::BTreeSet;

/// Which ports a verdict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum PortChoice {
    /// Allowed when allowed on at least one port of any protocol; denied when denied on all.
    Any,
    /// One protocol/port.
    Probe(Probe),
}

impl PortChoice {
    /// Reads `any` or a probe (`TCP/80`, `udp/53`, `8080`).
    pub fn parse(text: &str) -> Result<PortChoice, String> {
        if text.eq_ignore_ascii_case("any") {
            return Ok(PortChoice::Any);
        }
        text.parse().map(PortChoice::Probe)
    }

    /// The probes whose verdicts decide this choice for `model`.
    pub fn probes(&self, model: &Model) -> Vec<Probe> {
        match self {
            PortChoice::Any => representative_probes(model),
            PortChoice::Probe(p) => vec![*p],
        }
    }

    /// `any port` or `TCP/80`, as titles print it.
    pub fn describe(&self) -> String {
        match self {
            PortChoice::Any => "any port".into(),
            PortChoice::Probe(p) => p.to_string(),
        }
    }
}

const PROTOCOLS: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp];

/// One probe per class of ports that no policy of the model can tell apart, for each of TCP,
/// UDP and SCTP, sorted by protocol and port. Every protocol has at least its port 1 (policies
/// that name no port of a protocol still allow or deny all of it).
///
/// The cut points of a protocol are the first port of every interval a policy port names
/// (`port`, or `port`..=`endPort`) and the port after its last, and for every named policy
/// port, the numbers of the container ports of that name (and the port after each). A
/// container port whose name no policy uses cannot change a verdict, so it adds no probe.
pub fn representative_probes(model: &Model) -> Vec<Probe> {
    let mut cuts: [BTreeSet<u32>; 3] = Default::default();
    let index = |p: Protocol| PROTOCOLS.iter().position(|q| *q == p).unwrap_or(0);
    let mut interval = |p: Protocol, first: u32, last: u32| {
        let set = &mut cuts[index(p)];
        set.insert(first);
        set.insert(last + 1);
    };
    let mut names: BTreeSet<(&str, Protocol)> = BTreeSet::new();
    for policy in &model.policies {
        for rule in policy.ingress.iter().chain(&policy.egress) {
            for port in &rule.ports {
                match (&port.port, port.end_port) {
                    (None, _) => {}
                    (Some(PortRef::Number(n)), end) => {
                        let last = end.unwrap_or(*n).max(*n);
                        interval(port.protocol, *n as u32, last as u32);
                    }
                    (Some(PortRef::Name(name)), _) => {
                        names.insert((name.as_str(), port.protocol));
                    }
                }
            }
        }
    }
    // Cluster policies' ports; a named one resolves with the container port's own protocol.
    let mut cluster_names: BTreeSet<&str> = BTreeSet::new();
    for policy in &model.cluster_policies {
        for rule in policy.ingress.iter().chain(&policy.egress) {
            for port in &rule.ports {
                match port {
                    ClusterPort::Number {
                        protocol: Some(p),
                        port,
                    } => interval(*p, *port as u32, *port as u32),
                    ClusterPort::Range {
                        protocol: Some(p),
                        start,
                        end,
                    } if start <= end => interval(*p, *start as u32, *end as u32),
                    ClusterPort::Named(name) => {
                        cluster_names.insert(name.as_str());
                    }
                    _ => {}
                }
            }
        }
    }
    for group in &model.groups {
        for cp in &group.ports {
            let named = cp
                .name
                .as_deref()
                .is_some_and(|n| names.contains(&(n, cp.protocol)) || cluster_names.contains(n));
            if named {
                interval(cp.protocol, cp.port as u32, cp.port as u32);
            }
        }
    }
    let mut out = Vec::new();
    for (i, protocol) in PROTOCOLS.iter().enumerate() {
        out.push(Probe::new(*protocol, 1));
        for &c in &cuts[i] {
            if (2..=65535).contains(&c) {
                out.push(Probe::new(*protocol, c as u16));
            }
        }
    }
    out
}

/// Which pod groups may reach which, for one probe or for any port.
#[derive(Clone, Debug)]
pub struct PortMatrix {
    /// The ports asked about.
    pub choice: PortChoice,
    /// The probes evaluated: the choice's probe, or every representative for `Any`.
    pub probes: Vec<Probe>,
    matrix: Matrix,
    /// Per source class: the destination classes allowed on at least one probe.
    any: Vec<Bits>,
    /// Per source class: the destination classes allowed on none but depending on some probe
    /// (cluster policies' ties, peers that may match or not); empty rows without them.
    maybe: Vec<Bits>,
}

impl PortMatrix {
    /// Computes the verdicts of every pair of pod groups for `choice`.
    pub fn new(model: &Model, choice: PortChoice) -> PortMatrix {
        let probes = choice.probes(model);
        let matrix = matrix(model, &probes);
        let n = matrix.members.len();
        // One representative group per class: every member has the same verdicts.
        let rep: Vec<usize> = matrix.members.iter().map(|m| m[0]).collect();
        let mut any = vec![Bits::zeros(n); n];
        let mut maybe = vec![Bits::zeros(n); n];
        for (s, row) in any.iter_mut().enumerate() {
            for (d, &to) in rep.iter().enumerate() {
                if (0..probes.len()).any(|p| matrix.allowed(p, rep[s], to)) {
                    row.set(d);
                } else if !model.cluster_policies.is_empty()
                    && (0..probes.len()).any(|p| matrix.verdict(p, rep[s], to) == Verdict::Depends)
                {
                    maybe[s].set(d);
                }
            }
        }
        PortMatrix {
            choice,
            probes,
            matrix,
            any,
            maybe,
        }
    }

    /// Whether pod group `from` may reach pod group `to` on the chosen port (for `Any`: on at
    /// least one port).
    pub fn allowed(&self, from: usize, to: usize) -> bool {
        let m = &self.matrix;
        self.any[m.class_of[from]].get(m.class_of[to])
    }

    /// Whether `from` reaching `to` on the chosen port depends (on no probe allowed, on some
    /// it depends).
    pub fn depends(&self, from: usize, to: usize) -> bool {
        let m = &self.matrix;
        self.maybe[m.class_of[from]].get(m.class_of[to])
    }

    /// A probe on which `from` may reach `to`, preferring `preferred` ones in their order:
    /// the example an explanation shows. `None` when denied on every probe.
    pub fn witness(&self, from: usize, to: usize, preferred: &[Probe]) -> Option<Probe> {
        if !self.allowed(from, to) {
            return None;
        }
        let ok = |p: &Probe| {
            self.probes
                .iter()
                .position(|q| q == p)
                .is_some_and(|i| self.matrix.allowed(i, from, to))
        };
        let within = |p: &Probe| self.probes.iter().any(|q| q == p);
        if let Some(p) = preferred.iter().find(|p| within(p) && ok(p)) {
            return Some(*p);
        }
        // A preferred port that is not a representative shares the verdict of the
        // representative of its interval.
        if let Some(p) = preferred
            .iter()
            .find(|p| self.representative(**p).is_some_and(|r| ok(&r)))
        {
            return Some(*p);
        }
        (0..self.probes.len())
            .find(|&i| self.matrix.allowed(i, from, to))
            .map(|i| self.probes[i])
    }

    /// The representative probe whose interval holds `probe` (`None` for a single-probe
    /// choice that is not `probe`).
    fn representative(&self, probe: Probe) -> Option<Probe> {
        if self.choice != PortChoice::Any {
            return None;
        }
        self.probes
            .iter()
            .filter(|p| p.protocol == probe.protocol && p.port <= probe.port)
            .max()
            .copied()
    }

    /// Whether `from` may reach `to` on the `probe`-th of `probes`.
    pub(crate) fn allowed_on(&self, probe: usize, from: usize, to: usize) -> bool {
        self.matrix.allowed(probe, from, to)
    }

    /// The class of each pod group (groups of one class have the same verdicts).
    pub fn class_of(&self, group: usize) -> usize {
        self.matrix.class_of[group]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_parses() {
        assert_eq!(PortChoice::parse("any").unwrap(), PortChoice::Any);
        assert_eq!(PortChoice::parse("ANY").unwrap(), PortChoice::Any);
        assert_eq!(
            PortChoice::parse("udp/53").unwrap(),
            PortChoice::Probe(Probe::new(Protocol::Udp, 53))
        );
        assert!(PortChoice::parse("TCP/0").is_err());
    }

    #[test]
    fn an_empty_model_has_one_probe_per_protocol() {
        let probes = representative_probes(&Model::default());
        assert_eq!(
            probes,
            vec![
                Probe::new(Protocol::Tcp, 1),
                Probe::new(Protocol::Udp, 1),
                Probe::new(Protocol::Sctp, 1)
            ]
        );
    }
}
