//! The Matrix view's logic: which rows and columns it has (pod groups grouped by namespace, a
//! namespace folded into one row and column, a filter on names and labels), which of them are
//! in view (only those become DOM), and what each cell says.
//!
//! Rows and columns are one axis: the same entries in the same order, sources down the side,
//! destinations across. A cell between two pod groups is a verdict; a cell with a folded
//! namespace on either side counts the allowed pairs it holds.

use reachmap_core::analysis::{PortChoice, PortMatrix, Verdict};
use reachmap_core::model::{format_labels, Model};
use reachmap_core::report::flow_line;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the Matrix view reads of one analysis, as plain data: the analysis worker makes it
/// (`MatrixData::of`) and sends it to the page (`crate::worker_bridge`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixData {
    /// The model's pod groups, in model order (the matrix's indices).
    pub groups: Vec<GroupRow>,
    /// The ports the verdicts are about (`PortChoice::describe`).
    pub ports: String,
    /// `PortMatrix::allowed` of every ordered pair, row by row, 64 pairs a word.
    allowed: Vec<u64>,
    /// `PortMatrix::depends` of every ordered pair, the same way (only cluster-wide policies
    /// make a pair depend).
    depends: Vec<u64>,
    /// Under "any port", the pairs allowed on some ports only, sorted by `(from, to)`, with
    /// the ports they may use (`PortMatrix::allowed_ranges`): the "some ports" mark.
    some_ports: Vec<SomePorts>,
}

/// A pair of pod groups allowed on some ports only, and those ports in words
/// (`TCP/8080, TCP/9000-9100`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SomePorts {
    pub from: usize,
    pub to: usize,
    pub ranges: String,
}

/// One pod group, as the Matrix view names and filters it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    /// `ns/name`, `ns/name[Kind]`.
    pub endpoint: String,
    pub name: String,
    pub namespace: String,
    /// Its labels written `key=value`, comma-separated (`format_labels`).
    pub labels: String,
    /// A single pod (a bare pod, or a workload of one replica): the pod and itself is not a
    /// flow (`analysis::to_itself`: no policy governs it).
    pub single: bool,
}

impl MatrixData {
    pub fn of(model: &Model, matrix: &PortMatrix) -> MatrixData {
        let n = model.groups.len();
        let mut allowed = vec![0u64; (n * n).div_ceil(64)];
        let mut depends = vec![0u64; (n * n).div_ceil(64)];
        let mut some_ports = Vec::new();
        for a in 0..n {
            for b in 0..n {
                let bit = a * n + b;
                if matrix.allowed(a, b) {
                    allowed[bit / 64] |= 1 << (bit % 64);
                    if let Some(ranges) = some_ports_words(matrix, a, b) {
                        some_ports.push(SomePorts {
                            from: a,
                            to: b,
                            ranges,
                        });
                    }
                } else if matrix.depends(a, b) {
                    depends[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        MatrixData {
            groups: model
                .groups
                .iter()
                .map(|g| GroupRow {
                    endpoint: g.endpoint(),
                    name: g.name.clone(),
                    namespace: g.namespace.clone(),
                    labels: format_labels(&g.labels),
                    single: g.replicas == 1,
                })
                .collect(),
            ports: matrix.choice.describe(),
            allowed,
            depends,
            some_ports,
        }
    }

    /// Whether group `a` may reach group `b` on the ports.
    pub fn allowed(&self, a: usize, b: usize) -> bool {
        let bit = a * self.groups.len() + b;
        self.allowed[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Whether the verdict from group `a` to group `b` depends (not allowed, not denied).
    pub fn depends(&self, a: usize, b: usize) -> bool {
        let bit = a * self.groups.len() + b;
        self.depends[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The verdict of group `a` to group `b` on the ports.
    pub fn verdict(&self, a: usize, b: usize) -> Verdict {
        if self.allowed(a, b) {
            Verdict::Allowed
        } else if self.depends(a, b) {
            Verdict::Depends
        } else {
            Verdict::Denied
        }
    }

    /// The ports an allowed pair may use when it may not use all (under "any port" only).
    pub fn some_ports(&self, a: usize, b: usize) -> Option<&str> {
        self.some_ports
            .binary_search_by(|p| (p.from, p.to).cmp(&(a, b)))
            .ok()
            .map(|i| self.some_ports[i].ranges.as_str())
    }
}

/// Under "any port", the ports of an allowed pair that may not use every port, in words;
/// `None` otherwise (one probe asked about says nothing of the other ports).
pub fn some_ports_words(matrix: &PortMatrix, a: usize, b: usize) -> Option<String> {
    if matrix.choice != PortChoice::Any || matrix.allowed_everywhere(a, b) {
        return None;
    }
    let ranges: Vec<String> = matrix
        .allowed_ranges(a, b)
        .iter()
        .map(ToString::to_string)
        .collect();
    Some(ranges.join(", "))
}

/// Cell size in CSS pixels, and the room of the row and column headers: the page draws with
/// them and the window is computed from them.
pub const CELL_W: i32 = 30;
pub const CELL_H: i32 = 26;
/// Cells drawn beyond each side of the view, so a fast scroll shows no gap for a frame.
pub const OVERSCAN: usize = 4;

/// One row (and column) of the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Group(usize),
    /// A folded namespace and its (filtered) pod groups.
    Folded {
        namespace: String,
        groups: Vec<usize>,
    },
}

/// The entries, each with its namespace and whether it is the first of its namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Axis {
    pub entries: Vec<Entry>,
    pub namespaces: Vec<String>,
    /// Pod groups the filter and the shown namespaces keep, folded or not.
    pub groups: usize,
    /// Pod groups of the shown namespaces, before the filter.
    pub before_filter: usize,
}

impl Axis {
    /// The entries of `model`'s pod groups in the shown namespaces (not `hidden`) that pass
    /// `filter`, grouped by namespace in model order; `folded` namespaces as one entry each.
    pub fn of(
        data: &MatrixData,
        hidden: &BTreeSet<String>,
        folded: &BTreeSet<String>,
        filter: &str,
    ) -> Axis {
        let mut axis = Axis::default();
        let mut namespaces: Vec<&str> = Vec::new();
        for g in &data.groups {
            if !hidden.contains(&g.namespace) && !namespaces.contains(&g.namespace.as_str()) {
                namespaces.push(&g.namespace);
            }
        }
        for ns in namespaces {
            let all: Vec<usize> = (0..data.groups.len())
                .filter(|&g| data.groups[g].namespace == ns)
                .collect();
            axis.before_filter += all.len();
            let kept: Vec<usize> = all
                .into_iter()
                .filter(|&g| matches(&data.groups[g], filter))
                .collect();
            if kept.is_empty() {
                continue;
            }
            axis.groups += kept.len();
            if folded.contains(ns) {
                axis.entries.push(Entry::Folded {
                    namespace: ns.to_string(),
                    groups: kept,
                });
                axis.namespaces.push(ns.to_string());
            } else {
                for g in kept {
                    axis.entries.push(Entry::Group(g));
                    axis.namespaces.push(ns.to_string());
                }
            }
        }
        axis
    }

    /// Whether entry `i` starts its namespace's run.
    pub fn starts_namespace(&self, i: usize) -> bool {
        i == 0 || self.namespaces[i - 1] != self.namespaces[i]
    }

    /// The full name of an entry (its tooltip and accessible name).
    pub fn name(&self, data: &MatrixData, i: usize) -> String {
        match &self.entries[i] {
            Entry::Group(g) => data.groups[*g].endpoint.clone(),
            Entry::Folded { namespace, groups } => {
                format!("namespace {namespace} ({} pod groups)", groups.len())
            }
        }
    }

    /// What a header shows: the pod group's name, or the folded namespace's.
    pub fn short(&self, data: &MatrixData, i: usize) -> String {
        match &self.entries[i] {
            Entry::Group(g) => data.groups[*g].name.clone(),
            Entry::Folded { namespace, groups } => format!("{namespace} ({})", groups.len()),
        }
    }

    /// Whether row `r` and column `c` are one single pod: not a flow, so not a cell to act on.
    pub fn is_same(&self, data: &MatrixData, r: usize, c: usize) -> bool {
        match (&self.entries[r], &self.entries[c]) {
            (Entry::Group(a), Entry::Group(b)) => a == b && data.groups[*a].single,
            _ => false,
        }
    }

    fn groups_of(&self, i: usize) -> Vec<usize> {
        match &self.entries[i] {
            Entry::Group(g) => vec![*g],
            Entry::Folded { groups, .. } => groups.clone(),
        }
    }
}

/// Whether a pod group passes the filter: empty, or (case aside) in its name, namespace or
/// endpoint, or in one of its labels written `key=value`. Names and labels are ASCII (the API
/// server's rules), so ASCII case folding is exact, and it adds no Unicode tables to the page.
pub fn matches(g: &GroupRow, filter: &str) -> bool {
    let f = filter.trim().to_ascii_lowercase();
    if f.is_empty() {
        return true;
    }
    g.endpoint.to_ascii_lowercase().contains(&f)
        || g.labels
            .split(',')
            .any(|l| l.to_ascii_lowercase().contains(f.as_str()))
}

/// The rows (or columns) to draw: `first..first + count`, for a view `size` pixels long
/// scrolled by `offset`, of `cell`-long entries out of `total`.
pub fn window(offset: i32, size: i32, cell: i32, total: usize) -> (usize, usize) {
    let first = (offset.max(0) / cell.max(1)) as usize;
    let seen = (size.max(0) / cell.max(1)) as usize + 2;
    let first = first.saturating_sub(OVERSCAN).min(total);
    let count = (seen + 2 * OVERSCAN).min(total - first);
    (first, count)
}

/// What one cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A single pod and itself: not a flow.
    Same,
    Verdict(Verdict),
    /// Under "any port": allowed on some ports, not on all (the name lists them).
    SomePorts,
    /// Allowed pairs out of all pairs, where a folded namespace is one side.
    Count {
        allowed: usize,
        pairs: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The accessible name: `default/a → default/b TCP/80: allowed`, or for a folded side
    /// `namespace x (3 pod groups) → default/b TCP/80: 2 of 3 allowed`.
    pub name: String,
    pub mark: Mark,
    /// The flow a click explains (between two pod groups).
    pub flow: Option<(usize, usize)>,
}

/// The cell of row `r` and column `c`.
pub fn cell(data: &MatrixData, axis: &Axis, r: usize, c: usize) -> Cell {
    let ports = &data.ports;
    let (from, to) = (axis.name(data, r), axis.name(data, c));
    match (&axis.entries[r], &axis.entries[c]) {
        (Entry::Group(a), Entry::Group(b)) => {
            if axis.is_same(data, r, c) {
                return Cell {
                    name: format!("{from}: the same pod"),
                    mark: Mark::Same,
                    flow: None,
                };
            }
            let v = data.verdict(*a, *b);
            // Under "any port", allowed on some ports only is not the same mark as on all.
            if let Some(ranges) = data.some_ports(*a, *b) {
                return Cell {
                    name: format!("{from} → {to}: allowed on {ranges} only"),
                    mark: Mark::SomePorts,
                    flow: Some((*a, *b)),
                };
            }
            Cell {
                name: flow_line(&from, &to, ports, v),
                mark: Mark::Verdict(v),
                flow: Some((*a, *b)),
            }
        }
        _ => {
            let mut allowed = 0;
            let mut pairs = 0;
            for a in axis.groups_of(r) {
                for b in axis.groups_of(c) {
                    if a == b && data.groups[a].single {
                        continue;
                    }
                    pairs += 1;
                    allowed += usize::from(data.allowed(a, b));
                }
            }
            Cell {
                name: format!("{from} → {to} {ports}: {allowed} of {pairs} allowed"),
                mark: Mark::Count { allowed, pairs },
                flow: None,
            }
        }
    }
}

/// The next cell from (`r`, `c`) for an arrow key (or Home, End), inside a `rows` × `cols`
/// matrix, passing over the places `skip` names (a pod and itself is no cell to stop at):
/// `None` when the key is another or no cell lies that way.
pub fn step(
    key: &str,
    (r, c): (usize, usize),
    (rows, cols): (usize, usize),
    skip: impl Fn((usize, usize)) -> bool,
) -> Option<(usize, usize)> {
    let inside = |(r, c): (usize, usize), (dr, dc): (isize, isize)| {
        let nr = r.checked_add_signed(dr).filter(|&v| v < rows)?;
        let nc = c.checked_add_signed(dc).filter(|&v| v < cols)?;
        Some((nr, nc))
    };
    // Where the key lands first, and the way on past a skipped place.
    let (mut at, way) = match key {
        "ArrowUp" => (inside((r, c), (-1, 0))?, (-1, 0)),
        "ArrowDown" => (inside((r, c), (1, 0))?, (1, 0)),
        "ArrowLeft" => (inside((r, c), (0, -1))?, (0, -1)),
        "ArrowRight" => (inside((r, c), (0, 1))?, (0, 1)),
        "Home" if cols > 0 => ((r, 0), (0, 1)),
        "End" => ((r, cols.checked_sub(1)?), (0, -1)),
        _ => return None,
    };
    while skip(at) {
        at = inside(at, way)?;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::analysis::Analysis;

    fn analysis() -> Analysis {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/public/examples/reference/");
        Analysis::of(&std::fs::read_to_string(format!("{root}api-allow.yaml")).unwrap())
    }

    #[test]
    fn a_tie_of_cluster_policies_makes_the_cell_depend() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {containers: [{name: c}]}\n---\n";
        let cnp = |name: &str, action: &str| {
            format!("apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {{name: {name}}}\nspec:\n  tier: Admin\n  priority: 1\n  subject: {{namespaces: {{}}}}\n  ingress:\n  - {{action: {action}, from: [{{namespaces: {{}}}}]}}\n---\n")
        };
        let a = Analysis::of(&format!(
            "{text}{}{}",
            cnp("accept-all", "Accept"),
            cnp("deny-all", "Deny")
        ));
        let m = a.port_matrix(PortChoice::Probe("TCP/80".parse().unwrap()));
        let data = MatrixData::of(a.model(), &m);
        let axis = Axis::of(&data, &BTreeSet::new(), &BTreeSet::new(), "");
        let c = cell(&data, &axis, 0, 1);
        assert_eq!(c.mark, Mark::Verdict(Verdict::Depends), "{}", c.name);
        assert_eq!(c.name, "default/a → default/b TCP/80: depends");
    }

    #[test]
    fn cells_name_their_flow_and_folded_ones_count() {
        let a = analysis();
        let m = a.port_matrix(PortChoice::Probe("TCP/80".parse().unwrap()));
        let data = MatrixData::of(a.model(), &m);
        let model = &data;
        let axis = Axis::of(model, &BTreeSet::new(), &BTreeSet::new(), "");
        assert_eq!(axis.entries.len(), 3);
        let name = |i| axis.name(model, i);
        let (coffee, pay) = (
            (0..3).find(|&i| name(i) == "default/coffeeshop").unwrap(),
            (0..3)
                .find(|&i| name(i) == "default/payment-processor")
                .unwrap(),
        );
        let c = cell(model, &axis, coffee, pay);
        assert_eq!(
            c.name,
            "default/coffeeshop → default/payment-processor TCP/80: allowed"
        );
        assert_eq!(c.mark, Mark::Verdict(Verdict::Allowed));
        assert_eq!(cell(model, &axis, coffee, coffee).mark, Mark::Same);
        let folded = Axis::of(model, &BTreeSet::new(), &["default".into()].into(), "");
        let c = cell(model, &folded, 0, 0);
        // 6 ordered pairs of distinct pods; all but nginx → payment-processor and
        // coffeeshop is allowed anywhere, payment-processor admits only coffeeshop.
        assert_eq!(
            c.mark,
            Mark::Count {
                allowed: 5,
                pairs: 6
            }
        );
        assert_eq!(
            c.name,
            "namespace default (3 pod groups) → namespace default (3 pod groups) TCP/80: 5 of 6 allowed"
        );
    }

    #[test]
    fn the_filter_reads_names_and_labels() {
        let a = analysis();
        let data = MatrixData::of(a.model(), &a.port_matrix(PortChoice::Any));
        let model = &data;
        let none = BTreeSet::new();
        let names = |f: &str| {
            let axis = Axis::of(model, &none, &none, f);
            (0..axis.entries.len())
                .map(|i| axis.short(model, i))
                .collect::<Vec<_>>()
        };
        assert_eq!(names("COFFEE"), ["coffeeshop"]);
        assert_eq!(names("role=api"), ["payment-processor"]);
        assert_eq!(names("run=").len(), 1);
        assert_eq!(names("nothing-like-this").len(), 0);
        let axis = Axis::of(model, &none, &none, "coffee");
        assert_eq!((axis.groups, axis.before_filter), (1, 3));
        let hidden: BTreeSet<String> = ["default".into()].into();
        assert!(Axis::of(model, &hidden, &none, "").entries.is_empty());
    }

    #[test]
    fn the_data_says_what_the_port_matrix_says_and_round_trips() {
        let a = analysis();
        let m = a.port_matrix(PortChoice::Probe("TCP/80".parse().unwrap()));
        let data = MatrixData::of(a.model(), &m);
        let n = a.model().groups.len();
        assert_eq!(data.groups.len(), n);
        for x in 0..n {
            for y in 0..n {
                assert_eq!(data.allowed(x, y), m.allowed(x, y), "{x} → {y}");
            }
        }
        assert!((0..n).any(|x| (0..n).any(|y| !data.allowed(x, y))));
        let words = serde_json::to_string(&data).unwrap();
        assert_eq!(serde_json::from_str::<MatrixData>(&words).unwrap(), data);
    }

    #[test]
    fn the_window_holds_what_is_in_view_and_a_margin() {
        assert_eq!(window(0, 260, 26, 500), (0, 10 + 2 + 2 * OVERSCAN));
        let (first, count) = window(26 * 200, 260, 26, 500);
        assert_eq!(first, 200 - OVERSCAN);
        assert!(first + count >= 210 && count < 30);
        assert_eq!(
            window(26 * 499, 260, 26, 500),
            (499 - OVERSCAN, 1 + OVERSCAN)
        );
        assert_eq!(window(0, 260, 26, 0), (0, 0));
    }

    #[test]
    fn allowed_on_some_ports_only_is_its_own_mark_naming_them() {
        let a = crate::logic::reference_example("port-allow");
        let model = a.model();
        let any = MatrixData::of(model, &a.port_matrix(PortChoice::Any));
        let axis = Axis::of(&any, &BTreeSet::new(), &BTreeSet::new(), "");
        let at = |n: &str| (0..3).find(|&i| axis.name(&any, i) == n).unwrap();
        let (front, back) = (at("default/frontend"), at("default/backend"));
        let c = cell(&any, &axis, front, back);
        assert_eq!(c.mark, Mark::SomePorts);
        assert_eq!(
            c.name,
            "default/frontend → default/backend: allowed on TCP/8080 only"
        );
        assert_eq!(
            c.flow,
            Some((
                model.group("default/frontend").unwrap(),
                model.group("default/backend").unwrap()
            ))
        );
        // Unpoliced: every port, the plain mark.
        let c = cell(&any, &axis, back, front);
        assert_eq!(c.mark, Mark::Verdict(Verdict::Allowed));
        assert_eq!(
            c.name,
            "default/backend → default/frontend any port: allowed"
        );
        // The ranges survive the trip to the page.
        let words = serde_json::to_string(&any).unwrap();
        assert_eq!(serde_json::from_str::<MatrixData>(&words).unwrap(), any);
        // One port asked about: a plain verdict.
        let one = MatrixData::of(
            model,
            &a.port_matrix(PortChoice::Probe("TCP/8080".parse().unwrap())),
        );
        assert_eq!(
            cell(&one, &axis, front, back).mark,
            Mark::Verdict(Verdict::Allowed)
        );
    }

    #[test]
    fn arrow_keys_stay_inside() {
        let none = |_: (usize, usize)| false;
        assert_eq!(step("ArrowDown", (0, 0), (2, 2), none), Some((1, 0)));
        assert_eq!(step("ArrowUp", (0, 0), (2, 2), none), None);
        assert_eq!(step("ArrowRight", (1, 1), (2, 2), none), None);
        assert_eq!(step("End", (1, 0), (2, 5), none), Some((1, 4)));
        assert_eq!(step("x", (0, 0), (2, 2), none), None);
    }

    #[test]
    fn arrow_keys_pass_over_the_diagonal() {
        let diagonal = |(r, c): (usize, usize)| r == c;
        assert_eq!(step("ArrowRight", (1, 0), (3, 3), diagonal), Some((1, 2)));
        assert_eq!(step("ArrowLeft", (1, 2), (3, 3), diagonal), Some((1, 0)));
        assert_eq!(step("ArrowDown", (0, 1), (3, 3), diagonal), Some((2, 1)));
        assert_eq!(step("ArrowUp", (2, 1), (3, 3), diagonal), Some((0, 1)));
        // Nothing beyond the diagonal: the key does nothing.
        assert_eq!(step("ArrowRight", (2, 1), (3, 3), diagonal), None);
        assert_eq!(step("Home", (0, 2), (3, 3), diagonal), Some((0, 1)));
        assert_eq!(step("End", (2, 0), (3, 3), diagonal), Some((2, 1)));
        // The real matrix: api-allow's pods are bare, so each meets itself on the diagonal.
        let a = analysis();
        let data = MatrixData::of(a.model(), &a.port_matrix(PortChoice::Any));
        let axis = Axis::of(&data, &BTreeSet::new(), &BTreeSet::new(), "");
        let same = |(r, c): (usize, usize)| axis.is_same(&data, r, c);
        assert!(same((1, 1)) && !same((0, 1)));
        assert_eq!(step("ArrowRight", (1, 0), (3, 3), same), Some((1, 2)));
    }
}
