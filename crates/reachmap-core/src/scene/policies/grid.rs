//! Where each node of the Policies view stands: one slot of a global grid. The outside frame
//! takes the first column; namespaces are packed in shelves over the other columns; a Service
//! a highlighted flow goes through stands below the outside frame, so that choosing a flow
//! moves no pod.

use super::super::{Class, SceneOptions};
use crate::analysis::{Endpoint, FlowTarget};
use crate::model::Model;
use std::collections::BTreeSet;

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Outside,
    Group(usize),
    /// A collapsed namespace.
    Namespace(String),
    /// A Service, drawn only for a flow through it.
    Service(usize),
}

pub struct Node {
    pub kind: Kind,
    pub id: String,
    pub row: usize,
    pub col: usize,
    /// The endpoints it stands for (a collapsed namespace: its groups).
    pub endpoints: Vec<Endpoint>,
}

/// A frame around a block of slots.
pub struct Frame {
    pub id: String,
    pub label: String,
    pub tooltip: String,
    pub class: Class,
}

/// A block of slots: a namespace frame, the outside frame, or a collapsed namespace's box.
pub struct Item {
    /// `None` for a collapsed namespace: its node is the box.
    pub frame: Option<Frame>,
    pub nodes: Vec<usize>,
    pub cols: usize,
    pub rows: usize,
    pub row0: usize,
    pub col0: usize,
    /// Packed into the namespace columns (not a fixed place in the first column).
    packed: bool,
}

pub struct Grid {
    pub nodes: Vec<Node>,
    pub items: Vec<Item>,
    /// The node of each pod group, if drawn.
    pub node_of_group: Vec<Option<usize>>,
    /// The node of the flow's Service, if any.
    pub service_node: Option<usize>,
    pub rows: usize,
    pub cols: usize,
}

/// The outside node is always node 0.
pub const OUTSIDE: usize = 0;

impl Grid {
    /// The node standing for an endpoint.
    pub fn node_of(&self, e: Endpoint) -> Option<usize> {
        match e {
            Endpoint::Group(g) => self.node_of_group[g],
            Endpoint::Outside(_) => Some(OUTSIDE),
        }
    }
}

fn item(frame: Option<Frame>, nodes: Vec<usize>, packed: bool) -> Item {
    Item {
        frame,
        nodes,
        cols: 1,
        rows: 1,
        row0: if packed { 0 } else { 1 },
        col0: 0,
        packed,
    }
}

pub fn place(model: &Model, options: &SceneOptions) -> Grid {
    let flow_service = options.flow.and_then(|q| match q.to {
        FlowTarget::ServicePort { service, .. } => Some(service),
        FlowTarget::Endpoint(_) => None,
    });
    let mut nodes: Vec<Node> = vec![Node {
        kind: Kind::Outside,
        id: "outside:any".into(),
        row: 0,
        col: 0,
        endpoints: vec![Endpoint::Outside(None)],
    }];
    let mut items: Vec<Item> = vec![Item {
        packed: false,
        row0: 0,
        ..item(
            Some(Frame {
                id: "frame:outside".into(),
                label: "Outside the cluster".into(),
                tooltip: "Outside the cluster: addresses that are not pods in the manifests."
                    .into(),
                class: Class::OutsideFrame,
            }),
            vec![OUTSIDE],
            false,
        )
    }];
    let mut namespaces: BTreeSet<&str> =
        crate::order::set(model.groups.iter().map(|g| g.namespace.as_str()));
    if let Some(s) = flow_service {
        namespaces.insert(model.services[s].namespace.as_str());
    }
    let mut node_of_group: Vec<Option<usize>> = vec![None; model.groups.len()];
    let mut service_node = None;
    for ns in namespaces.into_iter().filter(|n| options.shows(n)) {
        let members: Vec<usize> = (0..model.groups.len())
            .filter(|&g| model.groups[g].namespace == ns)
            .collect();
        if options.collapsed.contains(ns) {
            let n = nodes.len();
            for &g in &members {
                node_of_group[g] = Some(n);
            }
            if flow_service.is_some_and(|s| model.services[s].namespace == ns) {
                service_node = Some(n);
            }
            nodes.push(Node {
                kind: Kind::Namespace(ns.to_string()),
                id: format!("ns:{ns}"),
                row: 0,
                col: 0,
                endpoints: members.into_iter().map(Endpoint::Group).collect(),
            });
            items.push(item(None, vec![n], true));
            continue;
        }
        let mut held = Vec::new();
        for g in members {
            node_of_group[g] = Some(nodes.len());
            held.push(nodes.len());
            nodes.push(Node {
                kind: Kind::Group(g),
                id: format!("pod:{}", model.groups[g].endpoint()),
                row: 0,
                col: 0,
                endpoints: vec![Endpoint::Group(g)],
            });
        }
        let frame = Frame {
            id: format!("ns:{ns}"),
            label: format!("namespace {ns}"),
            tooltip: format!("Namespace {ns}."),
            class: Class::Namespace,
        };
        items.push(item(Some(frame), held, true));
    }
    if let Some(s) = flow_service.filter(|_| service_node.is_none()) {
        let svc = &model.services[s];
        if options.shows(&svc.namespace) {
            service_node = Some(nodes.len());
            nodes.push(Node {
                kind: Kind::Service(s),
                id: format!("svc:{}", svc.key()),
                row: 1,
                col: 0,
                endpoints: Vec::new(),
            });
            let frame = Frame {
                id: format!("frame:svc:{}", svc.key()),
                label: format!("Service in {}", svc.namespace),
                tooltip: format!(
                    "Service {}, which the highlighted flow goes through.",
                    svc.key()
                ),
                class: Class::Namespace,
            };
            items.push(item(Some(frame), vec![nodes.len() - 1], false));
        }
    }

    // Shelves over columns 1..=cols; about twice as wide as tall.
    let slots: usize = items
        .iter()
        .filter(|i| i.packed)
        .map(|i| i.nodes.len().max(1))
        .sum();
    let cols = ((2.0 * slots as f64).sqrt().ceil() as usize).clamp(3, 7);
    let mut shelf_row = 0;
    let mut shelf_rows = 1;
    let mut next_col = 1;
    for item in items.iter_mut().filter(|i| i.packed) {
        let n = item.nodes.len().max(1);
        item.rows = n.div_ceil(cols);
        item.cols = n.div_ceil(item.rows);
        if next_col + item.cols > cols + 1 {
            shelf_row += shelf_rows;
            shelf_rows = 1;
            next_col = 1;
        }
        item.row0 = shelf_row;
        item.col0 = next_col;
        next_col += item.cols;
        shelf_rows = shelf_rows.max(item.rows);
        for (k, &n) in item.nodes.iter().enumerate() {
            nodes[n].row = item.row0 + k / item.cols;
            nodes[n].col = item.col0 + k % item.cols;
        }
    }
    let rows = (shelf_row + shelf_rows).max(if service_node.is_some() { 2 } else { 1 });
    Grid {
        nodes,
        items,
        node_of_group,
        service_node,
        rows,
        cols: cols + 1,
    }
}
