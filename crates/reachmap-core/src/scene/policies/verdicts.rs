//! The verdicts the Policies view draws, for the chosen ports: between pod groups from the
//! analysis's port matrix for them, to and from "any outside address" from `explain` (cached per class of
//! groups, since groups of one class get the same answers).

use crate::analysis::{
    explain, policy, tiers, Endpoint, PortChoice, PortMatrix, PortRange, Probe, Verdict,
};
use crate::model::{Model, PortRef, Protocol};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A verdict to or from any outside address, with the probe an explanation shows.
type OutsideVerdict = (Verdict, Option<Probe>);

/// The verdicts for one choice of ports, computed once per scene (the matrix) or on first
/// ask (to and from outside).
pub struct Verdicts<'a> {
    pub model: &'a Model,
    pub choice: PortChoice,
    /// The analysis's matrix for `choice`, shared with the page's Matrix view.
    matrix: Arc<PortMatrix>,
    /// Per group: the policies isolating it for ingress, for egress.
    pub ingress: Vec<Vec<usize>>,
    pub egress: Vec<Vec<usize>>,
    /// Per group: the cluster-wide policies whose subject selects it (any tier).
    pub tiers: Vec<Vec<usize>>,
    /// Per (class, from outside?): the outside verdict.
    outside: RefCell<BTreeMap<(usize, bool), OutsideVerdict>>,
    /// Per (source class, destination class): the probe an allowed flow is shown on, `None`
    /// when denied. Groups of one class have the same ports, so the same witness; a bundle of
    /// many pairs asks for few classes.
    witness: RefCell<BTreeMap<(usize, usize), Option<Probe>>>,
}

impl<'a> Verdicts<'a> {
    pub fn new(model: &'a Model, matrix: Arc<PortMatrix>) -> Verdicts<'a> {
        let mut ingress = vec![Vec::new(); model.groups.len()];
        let mut egress = vec![Vec::new(); model.groups.len()];
        for (pi, p) in model.policies.iter().enumerate() {
            for (g, group) in model.groups.iter().enumerate() {
                if policy::selects(p, group) {
                    if p.isolates_ingress {
                        ingress[g].push(pi);
                    }
                    if p.isolates_egress {
                        egress[g].push(pi);
                    }
                }
            }
        }
        let tiers = model
            .groups
            .iter()
            .map(|group| {
                (0..model.cluster_policies.len())
                    .filter(|&p| tiers::chooses(model, &model.cluster_policies[p].subject, group))
                    .collect()
            })
            .collect();
        Verdicts {
            model,
            choice: matrix.choice,
            matrix,
            ingress,
            egress,
            tiers,
            outside: RefCell::default(),
            witness: RefCell::default(),
        }
    }

    /// Ports an explanation should show first: the destination's container ports.
    fn preferred(&self, to: Endpoint) -> Vec<Probe> {
        match to {
            Endpoint::Group(g) => self.model.groups[g]
                .ports
                .iter()
                .map(|p| Probe::new(p.protocol, p.port))
                .collect(),
            Endpoint::Outside(_) => Vec::new(),
        }
    }

    /// Whether two pod groups may talk (allowed, or it depends), without the explanation's
    /// probe: the fast check the view runs on every pair.
    pub fn groups_allowed(&self, from: usize, to: usize) -> bool {
        self.matrix.allowed(from, to) || self.matrix.depends(from, to)
    }

    /// Under "any port", the ports two pod groups may use when not every port
    /// (`TCP/8080, UDP/53`); `None` when denied, allowed everywhere, or for one probe.
    pub fn some_ports(&self, from: usize, to: usize) -> Option<String> {
        self.some_port_ranges(from, to).map(|ranges| {
            ranges
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// The ranges `some_ports` names.
    pub fn some_port_ranges(&self, from: usize, to: usize) -> Option<Vec<PortRange>> {
        if self.choice != PortChoice::Any || self.matrix.allowed_everywhere(from, to) {
            return None;
        }
        let ranges = self.matrix.allowed_ranges(from, to);
        (!ranges.is_empty()).then_some(ranges)
    }

    /// The verdict of a flow for the port choice, and the probe an explanation shows.
    pub fn verdict(&self, from: Endpoint, to: Endpoint) -> (Verdict, Probe) {
        let preferred = self.preferred(to);
        let fallback = || match self.choice {
            PortChoice::Probe(p) => p,
            PortChoice::Any => preferred.first().copied().unwrap_or(Probe::tcp(80)),
        };
        match (from, to) {
            (Endpoint::Group(a), Endpoint::Group(b)) => {
                let key = (self.matrix.class_of(a), self.matrix.class_of(b));
                let cached = self.witness.borrow().get(&key).copied();
                let witness = cached.unwrap_or_else(|| {
                    let w = self.matrix.witness(a, b, &preferred);
                    self.witness.borrow_mut().insert(key, w);
                    w
                });
                match witness {
                    Some(p) => (Verdict::Allowed, p),
                    None if self.matrix.depends(a, b) => (Verdict::Depends, fallback()),
                    None => (Verdict::Denied, fallback()),
                }
            }
            (Endpoint::Group(g), Endpoint::Outside(_))
            | (Endpoint::Outside(_), Endpoint::Group(g)) => {
                let inbound = matches!(from, Endpoint::Outside(_));
                let key = (self.matrix.class_of(g), inbound);
                let cached = self.outside.borrow().get(&key).copied();
                let (v, p) = cached.unwrap_or_else(|| {
                    let answer = self.outside_verdict(from, to, &preferred);
                    self.outside.borrow_mut().insert(key, answer);
                    answer
                });
                (v, p.unwrap_or_else(fallback))
            }
            (Endpoint::Outside(_), Endpoint::Outside(_)) => (Verdict::Allowed, fallback()),
        }
    }

    /// Allowed when some probe is allowed, else depends when some probe depends, else denied;
    /// a side no policy isolates allows everything without evaluating each probe.
    fn outside_verdict(&self, from: Endpoint, to: Endpoint, preferred: &[Probe]) -> OutsideVerdict {
        // A cluster policy's rules may decide without isolating.
        let isolated = match (from, to) {
            (Endpoint::Group(g), _) => !self.egress[g].is_empty() || !self.tiers[g].is_empty(),
            (_, Endpoint::Group(g)) => !self.ingress[g].is_empty() || !self.tiers[g].is_empty(),
            _ => false,
        };
        // For one chosen probe, only that probe; for any port, the destination's own ports
        // first (the example an explanation shows), then every representative.
        let preferred: &[Probe] = match self.choice {
            PortChoice::Probe(_) => &[],
            PortChoice::Any => preferred,
        };
        if !isolated {
            return (Verdict::Allowed, preferred.first().copied());
        }
        let local = self.local_probes(from, to);
        let probes = preferred.iter().chain(&local).copied();
        let mut depends = None;
        for p in probes {
            match explain(self.model, from, to, p).verdict {
                Verdict::Allowed => return (Verdict::Allowed, Some(p)),
                Verdict::Depends if depends.is_none() => depends = Some(p),
                _ => {}
            }
        }
        match depends {
            Some(p) => (Verdict::Depends, Some(p)),
            None => (Verdict::Denied, None),
        }
    }

    /// For a flow between a pod group and the outside, only the rules of the policies
    /// isolating the group on that side can tell ports apart: one probe per protocol plus the
    /// edges of the intervals those rules name (named ports resolve on the group for ingress
    /// and on nothing for egress, since an outside address has no container ports).
    fn local_probes(&self, from: Endpoint, to: Endpoint) -> Vec<Probe> {
        if let PortChoice::Probe(p) = self.choice {
            return vec![p];
        }
        let (g, policies, ingress) = match (from, to) {
            (Endpoint::Group(g), _) => (g, &self.egress[g], false),
            (_, Endpoint::Group(g)) => (g, &self.ingress[g], true),
            _ => return Vec::new(),
        };
        if !self.tiers[g].is_empty() {
            // Cluster policies' ports too: every representative probe is exact.
            return crate::analysis::representative_probes(self.model);
        }
        let mut probes: BTreeSet<Probe> = crate::order::set(
            [Protocol::Tcp, Protocol::Udp, Protocol::Sctp]
                .into_iter()
                .map(|p| Probe::new(p, 1)),
        );
        let mut cut = |protocol: Protocol, first: u16, last: u16| {
            probes.insert(Probe::new(protocol, first));
            if last < u16::MAX {
                probes.insert(Probe::new(protocol, last + 1));
            }
        };
        for &pi in policies {
            let policy = &self.model.policies[pi];
            let rules = if ingress {
                &policy.ingress
            } else {
                &policy.egress
            };
            for port in rules.iter().flat_map(|r| &r.ports) {
                match &port.port {
                    None => {}
                    Some(PortRef::Number(n)) => {
                        cut(port.protocol, *n, port.end_port.unwrap_or(*n).max(*n))
                    }
                    Some(PortRef::Name(name)) if ingress => {
                        if let Some(cp) = self.model.groups[g].named_port(name, port.protocol) {
                            cut(port.protocol, cp.port, cp.port);
                        }
                    }
                    Some(PortRef::Name(_)) => {}
                }
            }
        }
        probes.into_iter().collect()
    }

    /// Whether a policy rule is what admits this flow: the source is isolated for egress or
    /// the destination for ingress, or a cluster policy selects either.
    pub fn governed(&self, from: Endpoint, to: Endpoint) -> bool {
        let e = matches!(from, Endpoint::Group(g) if !self.egress[g].is_empty() || !self.tiers[g].is_empty());
        let i = matches!(to, Endpoint::Group(g) if !self.ingress[g].is_empty() || !self.tiers[g].is_empty());
        e || i
    }
}
