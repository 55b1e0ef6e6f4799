//! Which ports a pair of pod groups may use: "allowed on TCP/8080 only" rather than "allowed
//! on some port". Each representative probe stands for the ports from its own up to the next
//! representative of its protocol (see `ports.rs`), so the allowed ports are the union of the
//! intervals of the allowed representatives.

use super::ports::{PortChoice, PortMatrix};
use crate::model::Protocol;
use std::fmt;

/// Ports `first..=last` of one protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortRange {
    /// The protocol of every port of the range.
    pub protocol: Protocol,
    /// The first port of the range.
    pub first: u16,
    /// The last port of the range (`first` for one port).
    pub last: u16,
}

impl PortRange {
    /// Whether it holds every port of its protocol.
    pub fn is_whole(&self) -> bool {
        self.first == 1 && self.last == u16::MAX
    }
}

/// `TCP/8080`, `TCP/8080-8090`, `every UDP port`.
impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.first, self.last) {
            _ if self.is_whole() => write!(f, "every {} port", self.protocol),
            (a, b) if a == b => write!(f, "{}/{a}", self.protocol),
            (a, b) => write!(f, "{}/{a}-{b}", self.protocol),
        }
    }
}

impl PortMatrix {
    /// The ports on which pod group `from` may reach `to`, adjacent ones merged, sorted by
    /// protocol and port. For one probe, that probe when allowed; for any port, every port of
    /// every protocol when nothing tells them apart.
    pub fn allowed_ranges(&self, from: usize, to: usize) -> Vec<PortRange> {
        let mut out: Vec<PortRange> = Vec::new();
        if !self.allowed(from, to) {
            return out;
        }
        for (i, probe) in self.probes.iter().enumerate() {
            if !self.allowed_on(i, from, to) {
                continue;
            }
            let last = match self.choice {
                PortChoice::Probe(_) => probe.port,
                // Up to the next representative of the protocol (the probes are sorted).
                PortChoice::Any => self.probes[i + 1..]
                    .first()
                    .filter(|next| next.protocol == probe.protocol)
                    .map_or(u16::MAX, |next| next.port - 1),
            };
            match out.last_mut() {
                Some(r)
                    if r.protocol == probe.protocol
                        && r.last.checked_add(1) == Some(probe.port) =>
                {
                    r.last = last
                }
                _ => out.push(PortRange {
                    protocol: probe.protocol,
                    first: probe.port,
                    last,
                }),
            }
        }
        out
    }

    /// Whether `from` may reach `to` on every port of every protocol (`false` for a choice of
    /// one probe: the other ports were not asked about).
    pub fn allowed_everywhere(&self, from: usize, to: usize) -> bool {
        self.choice == PortChoice::Any && {
            let ranges = self.allowed_ranges(from, to);
            ranges.len() == 3 && ranges.iter().all(PortRange::is_whole)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Probe};

    /// backend admits frontend on TCP/8080 and UDP/5000-5010; other is not policed.
    const TEXT: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: frontend, labels: {app: frontend}}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: backend, labels: {app: backend}}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: other, labels: {app: other}}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {matchLabels: {app: backend}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n    ports: [{port: 8080}, {protocol: UDP, port: 5000, endPort: 5010}]\n";

    fn group(a: &Analysis, name: &str) -> usize {
        a.model().group(&format!("default/{name}")).unwrap()
    }

    #[test]
    fn the_allowed_ports_are_the_policys_ranges() {
        let a = Analysis::of(TEXT);
        let m = a.port_matrix(PortChoice::Any);
        let (f, b, o) = (
            group(&a, "frontend"),
            group(&a, "backend"),
            group(&a, "other"),
        );
        let words: Vec<String> = m
            .allowed_ranges(f, b)
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(words, ["TCP/8080", "UDP/5000-5010"]);
        assert!(!m.allowed_everywhere(f, b));
        assert!(m.allowed_ranges(o, b).is_empty());
        let words: Vec<String> = m
            .allowed_ranges(b, o)
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            words,
            ["every TCP port", "every UDP port", "every SCTP port"]
        );
        assert!(m.allowed_everywhere(b, o));
        // One probe: that probe, when allowed.
        let m = a.port_matrix(PortChoice::Probe(Probe::tcp(8080)));
        assert_eq!(m.allowed_ranges(f, b).len(), 1);
        assert!(!m.allowed_everywhere(f, b));
        let m = a.port_matrix(PortChoice::Probe(Probe::tcp(80)));
        assert!(m.allowed_ranges(f, b).is_empty());
    }
}
