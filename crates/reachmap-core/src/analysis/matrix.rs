//! The all-pairs connectivity matrix, computed per equivalence class of pod groups with bitsets.
//!
//! Pod groups equal on what the policies can tell apart (their namespace, the labels selectors
//! read, the numbers of the ports rules name, which `ipBlock` ranges hold their IPs: see
//! `model::distinguish`) are indistinguishable to every policy, so verdicts are computed once
//! per class. For each probe:
//! - `ingress[d]` is the set of source classes the ingress side of class `d` admits;
//! - `egress[s]` is the set of destination classes the egress side of class `s` admits;
//! - `s → d` is allowed when `d ∈ egress[s]` and `s ∈ ingress[d]`.
//!
//! The cost grows with classes × the policies selecting them × rules, not with pod pairs
//! times policies. `policy::explain` is the per-pair reference it is tested against.

use super::bits::Bits;
use super::matrix_tiers::ClusterClasses;
use super::policy::{peer_selects_group, port_matches, Endpoint, Verdict};
use super::probe::Probe;
use crate::model::{Distinctions, Features, Labels, Model, Peer, Rule};

/// The verdict of every ordered pair of pod groups, for each probe.
#[derive(Clone, Debug)]
pub struct Matrix {
    /// The probes it holds verdicts for, in the order they were given.
    pub probes: Vec<Probe>,
    /// The class of each pod group (index into `Model::groups`).
    pub class_of: Vec<usize>,
    /// The pod groups of each class.
    pub members: Vec<Vec<usize>>,
    /// Per probe, per source class: the destination classes it may reach.
    allowed: Vec<Vec<Bits>>,
    /// Per probe, per source class: the destination classes whose verdict depends (cluster
    /// policies: a tie of one priority whose rules disagree, a peer that may match or not);
    /// empty without cluster policies.
    depends: Vec<Vec<Bits>>,
}

impl Matrix {
    /// Whether group `from` may send the probe `probe` (index into `probes`) to group `to`.
    pub fn allowed(&self, probe: usize, from: usize, to: usize) -> bool {
        self.allowed[probe][self.class_of[from]].get(self.class_of[to])
    }

    /// The verdict for group `from` sending the probe `probe` to group `to`.
    pub fn verdict(&self, probe: usize, from: usize, to: usize) -> Verdict {
        let (s, d) = (self.class_of[from], self.class_of[to]);
        if self.allowed[probe][s].get(d) {
            Verdict::Allowed
        } else if self.depends[probe].get(s).is_some_and(|row| row.get(d)) {
            Verdict::Depends
        } else {
            Verdict::Denied
        }
    }

    /// How many ordered pairs of distinct pod groups are allowed for a probe.
    pub fn allowed_pairs(&self, probe: usize) -> u64 {
        let mut total = 0u64;
        for (s, row) in self.allowed[probe].iter().enumerate() {
            let ns = self.members[s].len() as u64;
            for d in row.ones_iter() {
                let nd = self.members[d].len() as u64;
                total += if s == d { ns * (ns - 1) } else { ns * nd };
            }
        }
        total
    }

    /// For each pod group, how many other groups may reach it on a probe.
    pub fn sources_per_group(&self, probe: usize) -> Vec<u64> {
        let mut per_class = vec![0u64; self.members.len()];
        for (s, row) in self.allowed[probe].iter().enumerate() {
            let ns = self.members[s].len() as u64;
            for d in row.ones_iter() {
                per_class[d] += if s == d { ns - 1 } else { ns };
            }
        }
        self.class_of.iter().map(|c| per_class[*c]).collect()
    }
}

/// Computes the matrix for the given probes.
pub fn matrix(model: &Model, probes: &[Probe]) -> Matrix {
    // What makes pod groups alike to every policy: groups with equal keys form a class. Sorted
    // rather than hashed (the shared sort of `order`: no hash map's code in the page for this);
    // classes are numbered by their first group, members in group order.
    let distinctions =
        Distinctions::of_policies(&model.policies).with_cluster_policies(&model.cluster_policies);
    let keys: Vec<(&str, Features)> = model
        .groups
        .iter()
        .map(|g| (g.namespace.as_str(), distinctions.of_group(g)))
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::order::sort_indices(&mut order, &|a, b| keys[a].cmp(&keys[b]));
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, &g) in order.iter().enumerate() {
        match members.last_mut() {
            Some(run) if i > 0 && keys[order[i - 1]] == keys[g] => run.push(g),
            _ => members.push(vec![g]),
        }
    }
    crate::order::sort_by(&mut members, &|a, b| a[0].cmp(&b[0]));
    let mut class_of = vec![0; keys.len()];
    for (c, run) in members.iter().enumerate() {
        for &g in run {
            class_of[g] = c;
        }
    }
    let n = members.len();
    // A representative group per class: every member gives the same answers.
    let rep: Vec<usize> = members.iter().map(|m| m[0]).collect();
    let ns_labels: Vec<Option<&Labels>> = rep
        .iter()
        .map(|&g| {
            model
                .namespace(&model.groups[g].namespace)
                .map(|ns| &ns.labels)
        })
        .collect();

    // The classes of each namespace: a policy selects, and a peer without namespaceSelector
    // admits, only pods of its own namespace; a namespaceSelector is tested once per namespace.
    // (Only which classes are tried: whether one is selected is `selects`/`peer_selects_group`.)
    let mut by_namespace: Vec<(&str, Vec<usize>)> = Vec::new();
    for (c, &g) in rep.iter().enumerate() {
        let ns = model.groups[g].namespace.as_str();
        match by_namespace.iter_mut().rev().find(|(name, _)| *name == ns) {
            Some((_, classes)) => classes.push(c),
            None => by_namespace.push((ns, vec![c])),
        }
    }
    let in_namespace = |ns: &str| -> &[usize] {
        by_namespace
            .iter()
            .find(|(name, _)| *name == ns)
            .map_or(&[], |(_, classes)| classes.as_slice())
    };

    // Which classes each policy selects, and the peers of each of its rules, for all probes.
    let selected: Vec<Bits> = model
        .policies
        .iter()
        .map(|p| {
            let mut b = Bits::zeros(n);
            for &c in in_namespace(&p.namespace) {
                if super::policy::selects(p, &model.groups[rep[c]]) {
                    b.set(c);
                }
            }
            b
        })
        .collect();
    let peers = |policy: &crate::model::NetworkPolicy, rule: &Rule| -> Bits {
        if rule.peers.is_empty() {
            return Bits::ones(n);
        }
        let mut b = Bits::zeros(n);
        for peer in &rule.peers {
            let mut try_class = |c: usize| {
                if !b.get(c)
                    && peer_selects_group(policy, peer, &model.groups[rep[c]], ns_labels[c])
                {
                    b.set(c);
                }
            };
            match peer {
                Peer::Pods {
                    namespaces: None, ..
                } => in_namespace(&policy.namespace)
                    .iter()
                    .for_each(|&c| try_class(c)),
                Peer::Pods {
                    namespaces: Some(sel),
                    ..
                } => {
                    for (_, classes) in &by_namespace {
                        if ns_labels[classes[0]].is_some_and(|l| sel.matches(l)) {
                            classes.iter().for_each(|&c| try_class(c));
                        }
                    }
                }
                Peer::IpBlock(_) => (0..n).for_each(&mut try_class),
            }
        }
        b
    };
    let ingress_peers: Vec<Vec<Bits>> = model
        .policies
        .iter()
        .map(|p| p.ingress.iter().map(|r| peers(p, r)).collect())
        .collect();
    let egress_peers: Vec<Vec<Bits>> = model
        .policies
        .iter()
        .map(|p| p.egress.iter().map(|r| peers(p, r)).collect())
        .collect();

    let cluster = (!model.cluster_policies.is_empty()).then(|| ClusterClasses::new(model, &rep));
    let mut allowed = Vec::with_capacity(probes.len());
    let mut depends = Vec::with_capacity(probes.len());
    for &probe in probes {
        // Whether a rule's ports admit the probe to class `c`.
        let admits = |rule: &Rule, c: usize| -> bool {
            rule.ports.is_empty()
                || rule
                    .ports
                    .iter()
                    .any(|p| port_matches(model, p, Endpoint::Group(rep[c]), probe))
        };
        // The destination classes whose ports a rule admits. Only named ports differ per class;
        // without them the answer is the same for all, so it is computed once.
        let port_mask = |rule: &Rule| -> Bits {
            let named = rule
                .ports
                .iter()
                .any(|p| matches!(p.port, Some(crate::model::PortRef::Name(_))));
            if !named {
                return if n > 0 && admits(rule, 0) {
                    Bits::ones(n)
                } else {
                    Bits::zeros(n)
                };
            }
            let mut b = Bits::zeros(n);
            for c in 0..n {
                if admits(rule, c) {
                    b.set(c);
                }
            }
            b
        };
        let mut ingress: Vec<Option<Bits>> = vec![None; n];
        let mut egress: Vec<Option<Bits>> = vec![None; n];
        for (pi, policy) in model.policies.iter().enumerate() {
            if policy.isolates_ingress {
                // Only the selected classes' ports matter here.
                for d in selected[pi].ones_iter() {
                    let acc = ingress[d].get_or_insert_with(|| Bits::zeros(n));
                    for (rule, peers) in policy.ingress.iter().zip(&ingress_peers[pi]) {
                        if admits(rule, d) {
                            acc.or_with(peers);
                        }
                    }
                }
            }
            if policy.isolates_egress {
                let masks: Vec<Bits> = policy.egress.iter().map(&port_mask).collect();
                for s in selected[pi].ones_iter() {
                    let acc = egress[s].get_or_insert_with(|| Bits::zeros(n));
                    for (ri, peers) in egress_peers[pi].iter().enumerate() {
                        acc.or_and(peers, &masks[ri]);
                    }
                }
            }
        }
        if let Some(cluster) = &cluster {
            let (rows, unsure) = with_tiers(cluster, n, probe, &ingress, &egress);
            allowed.push(rows);
            depends.push(unsure);
            continue;
        }
        // rows[s] = egress[s] ∩ { d : d is not isolated for ingress, or s ∈ ingress[d] }: the
        // second set is built by going over each isolated destination's admitted sources once.
        let mut open = Bits::ones(n);
        for (d, admitted) in ingress.iter().enumerate() {
            if admitted.is_some() {
                open.clear(d);
            }
        }
        let mut admitted_by = vec![open; n];
        for (d, admitted) in ingress.iter().enumerate() {
            for s in admitted.iter().flat_map(Bits::ones_iter) {
                admitted_by[s].set(d);
            }
        }
        let rows: Vec<Bits> = egress
            .into_iter()
            .zip(admitted_by)
            .map(|(e, mut row)| {
                if let Some(e) = e {
                    row.and_with(&e);
                }
                row
            })
            .collect();
        allowed.push(rows);
        depends.push(Vec::new());
    }
    Matrix {
        probes: probes.to_vec(),
        class_of,
        members,
        allowed,
        depends,
    }
}

/// One probe's rows with the cluster tiers: per source class, the destination classes allowed
/// and those that depend. `ingress`/`egress` are the NetworkPolicy tier's admitted classes of
/// each isolated class.
fn with_tiers(
    cluster: &ClusterClasses,
    n: usize,
    probe: Probe,
    ingress: &[Option<Bits>],
    egress: &[Option<Bits>],
) -> (Vec<Bits>, Vec<Bits>) {
    // The ingress sides, turned around: per source, the destinations sure to admit it and
    // those sure to refuse it (a side may do either when its verdict depends).
    let mut admit_from = vec![Bits::zeros(n); n];
    let mut refuse_from = vec![Bits::zeros(n); n];
    for (d, admitted) in ingress.iter().enumerate() {
        let side = cluster.side(d, true, probe, admitted.as_ref());
        for s in side.allow.ones_iter().filter(|&s| !side.deny.get(s)) {
            admit_from[s].set(d);
        }
        for s in side.deny.ones_iter().filter(|&s| !side.allow.get(s)) {
            refuse_from[s].set(d);
        }
    }
    let mut rows = Vec::with_capacity(n);
    let mut unsure = Vec::with_capacity(n);
    for (s, admitted) in egress.iter().enumerate() {
        let side = cluster.side(s, false, probe, admitted.as_ref());
        let mut allowed = side.allow.clone();
        allowed.and_not(&side.deny);
        allowed.and_with(&admit_from[s]);
        let mut denied = side.deny;
        denied.and_not(&side.allow);
        denied.or_with(&refuse_from[s]);
        let mut depends = Bits::ones(n);
        depends.and_not(&allowed);
        depends.and_not(&denied);
        rows.push(allowed);
        unsure.push(depends);
    }
    (rows, unsure)
}
