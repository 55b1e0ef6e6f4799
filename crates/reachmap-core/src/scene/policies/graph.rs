//! What the Policies view draws as boxes: pod groups (or pods, or whole namespaces) in their
//! namespace's frame, "any outside address" in a frame of its own (where traffic comes from, in
//! the first column; where it goes, in the last), and the Service a highlighted flow goes
//! through.
//!
//! How finely is the level: a namespace is folded into one box at the namespace level (unless
//! opened with `SceneOptions::expand`) or when collapsed by hand. Without a chosen level the
//! scene picks the namespace level above a size (`FOLD_ABOVE_GROUPS`, `FOLD_ABOVE_FLOWS`): a
//! drawing of more boxes and lines than that is no longer read, only searched. The namespaces
//! of a focus or a highlighted flow are always open, so what a person asked about is drawn
//! itself.

use super::super::layered::Column;
use super::super::{Class, Level, SceneOptions};
use super::verdicts::Verdicts;
use crate::analysis::{Endpoint, FlowQuery, FlowTarget};
use crate::model::Model;
use std::collections::BTreeSet;

/// Above this many pod groups, or this many flows a rule admits, the scene starts at the
/// namespace level. The Online Boutique (12 workloads, 39 admitted flows) stays whole; three
/// copies of it (36 workloads, 189 flows) fold, since its layered drawing crosses lines a few
/// hundred times, where per namespace it is a handful of counted edges to open one by one.
pub const FOLD_ABOVE_GROUPS: usize = 40;
/// The same for flows: above this many flows the rules admit, the scene starts at the namespace
/// level.
pub const FOLD_ABOVE_FLOWS: usize = 120;

/// What a box stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Outside,
    Group(usize),
    /// One pod of a pod group at the pod level: (group, 1-based replica).
    Replica(usize, u32),
    /// A folded namespace: all its pod groups.
    Namespace(String),
    /// A Service, drawn only for a flow through it.
    Service(usize),
    /// Every pod group of an open namespace (`None`: every folded namespace), as one end of
    /// bundled edges: where the flows of all of them start (`targets == false`) or where flows
    /// to all of them end.
    Every {
        namespace: Option<String>,
        targets: bool,
    },
}

pub struct Node {
    pub kind: Kind,
    /// Stable: `pod:ns/name`, `pod:ns/name[Deployment]#2`, `ns:ns`, `svc:ns/name`,
    /// `outside:any` (both sides of the outside: the drawing tells them apart, `place`).
    pub id: String,
    /// The endpoints it stands for (a folded namespace: its groups).
    pub endpoints: Vec<Endpoint>,
    /// Its frame, an index into `Cast::frames`.
    pub frame: Option<usize>,
}

/// A frame around a namespace's boxes or the outside.
pub struct Frame {
    /// The namespace it holds (`None`: the outside).
    pub namespace: Option<String>,
    pub id: String,
    pub label: String,
    pub tooltip: String,
    pub class: Class,
    pub column: Column,
}

/// The boxes and frames of one drawing.
pub struct Cast {
    pub nodes: Vec<Node>,
    pub frames: Vec<Frame>,
    /// The box of each pod group, if drawn (at the pod level: its first pod's).
    pub node_of_group: Vec<Option<usize>>,
    /// The box of the flow's Service, if any.
    pub service_node: Option<usize>,
    /// Where flows to the outside go: its own box in the last column, without a focus.
    pub outside_out: Option<usize>,
    /// The level drawn, and the namespaces folded into one box.
    pub level: Level,
    pub folded: BTreeSet<String>,
}

/// The outside, where flows come from, is always node 0.
pub const OUTSIDE: usize = 0;

impl Cast {
    /// The boxes an `Every` box stands for: the pod boxes of a namespace's frame, or (`None`)
    /// the folded namespaces.
    pub fn members(&self, frame: Option<usize>) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&n| match (frame, &self.nodes[n].kind) {
                (Some(f), Kind::Group(_) | Kind::Replica(..)) => self.nodes[n].frame == Some(f),
                (None, Kind::Namespace(_)) => true,
                _ => false,
            })
            .collect()
    }

    /// The `Every` box of a frame's namespace (or of the folded namespaces) for one side,
    /// added on first ask.
    pub fn every(&mut self, frame: Option<usize>, targets: bool) -> usize {
        let namespace = frame.and_then(|f| self.frames[f].namespace.clone());
        let kind = Kind::Every {
            namespace: namespace.clone(),
            targets,
        };
        if let Some(n) = self.nodes.iter().position(|n| n.kind == kind) {
            return n;
        }
        let endpoints = self
            .members(frame)
            .iter()
            .flat_map(|&m| self.nodes[m].endpoints.clone())
            .collect();
        let side = if targets { "in" } else { "out" };
        self.nodes.push(Node {
            kind,
            id: match namespace {
                Some(ns) => format!("every:{ns}:{side}"),
                None => format!("every-namespace:{side}"),
            },
            endpoints,
            frame,
        });
        self.nodes.len() - 1
    }

    /// The box a flow from (`to == false`) or to an endpoint starts or ends at.
    pub fn node_of(&self, e: Endpoint, to: bool) -> Option<usize> {
        match e {
            Endpoint::Group(g) => self.node_of_group[g],
            Endpoint::Outside(_) if to => Some(self.outside_out.unwrap_or(OUTSIDE)),
            Endpoint::Outside(_) => Some(OUTSIDE),
        }
    }
}

/// The level drawn: the chosen one, else the namespace level when the whole drawing would pass
/// the limits above.
pub fn level(verdicts: &Verdicts, options: &SceneOptions) -> Level {
    if let Some(level) = options.level {
        return level;
    }
    let model = verdicts.model;
    let shown: Vec<usize> = (0..model.groups.len())
        .filter(|&g| options.shows(&model.groups[g].namespace))
        .collect();
    if shown.len() > FOLD_ABOVE_GROUPS {
        return Level::Namespace;
    }
    let mut flows = 0;
    for &a in &shown {
        for &b in &shown {
            let (ea, eb) = (Endpoint::Group(a), Endpoint::Group(b));
            if a != b && verdicts.governed(ea, eb) && verdicts.groups_allowed(a, b) {
                flows += 1;
            }
        }
    }
    if flows > FOLD_ABOVE_FLOWS {
        Level::Namespace
    } else {
        Level::Workload
    }
}

/// The namespaces a focus or a flow needs open.
fn needed_open(model: &Model, focus: Option<Endpoint>, flow: Option<&FlowQuery>) -> Vec<String> {
    let mut ends: Vec<Endpoint> = focus.into_iter().collect();
    let mut out = Vec::new();
    if let Some(q) = flow {
        ends.push(q.from);
        match q.to {
            FlowTarget::Endpoint(e) => ends.push(e),
            FlowTarget::ServicePort { service, .. } => {
                out.push(model.services[service].namespace.clone())
            }
        }
    }
    for e in ends {
        if let Endpoint::Group(g) = e {
            out.push(model.groups[g].namespace.clone());
        }
    }
    out
}

/// The boxes and frames for `options`, at `level`, with a focus on `focus` (then the outside
/// is one box, on whichever side its flows put it).
pub fn cast(model: &Model, options: &SceneOptions, level: Level, focus: Option<Endpoint>) -> Cast {
    let flow_service = options.flow.and_then(|q| match q.to {
        FlowTarget::ServicePort { service, .. } => Some(service),
        FlowTarget::Endpoint(_) => None,
    });
    let open = needed_open(model, focus, options.flow.as_ref());
    let folds = |ns: &str| {
        !open.iter().any(|o| o == ns)
            && (options.collapsed.contains(ns)
                || (level == Level::Namespace && !options.expand.contains(ns)))
    };
    let outside_frame = |id: &str, column| Frame {
        namespace: None,
        id: id.into(),
        label: "Outside the cluster".into(),
        tooltip: "Outside the cluster: addresses that are not pods in the manifests.".into(),
        class: Class::OutsideFrame,
        column,
    };
    let mut c = Cast {
        nodes: vec![Node {
            kind: Kind::Outside,
            id: "outside:any".into(),
            endpoints: vec![Endpoint::Outside(None)],
            frame: Some(0),
        }],
        frames: vec![outside_frame("frame:outside", Column::First)],
        node_of_group: vec![None; model.groups.len()],
        service_node: None,
        outside_out: None,
        level,
        folded: BTreeSet::new(),
    };
    let mut namespaces: BTreeSet<&str> =
        crate::order::set(model.groups.iter().map(|g| g.namespace.as_str()));
    if let Some(s) = flow_service {
        namespaces.insert(model.services[s].namespace.as_str());
    }
    for ns in namespaces.into_iter().filter(|n| options.shows(n)) {
        let members: Vec<usize> = (0..model.groups.len())
            .filter(|&g| model.groups[g].namespace == ns)
            .collect();
        if folds(ns) {
            let n = c.nodes.len();
            for &g in &members {
                c.node_of_group[g] = Some(n);
            }
            c.folded.insert(ns.to_string());
            c.nodes.push(Node {
                kind: Kind::Namespace(ns.to_string()),
                id: format!("ns:{ns}"),
                endpoints: members.into_iter().map(Endpoint::Group).collect(),
                frame: None,
            });
            continue;
        }
        let frame = c.frames.len();
        c.frames.push(Frame {
            namespace: Some(ns.to_string()),
            id: format!("ns:{ns}"),
            label: format!("namespace {ns}"),
            tooltip: format!("Namespace {ns}."),
            class: Class::Namespace,
            column: Column::Free,
        });
        for g in members {
            let group = &model.groups[g];
            let replicas = match level {
                Level::Pod if group.owner.is_some() && group.replicas > 1 => group.replicas,
                _ => 0,
            };
            c.node_of_group[g] = Some(c.nodes.len());
            if replicas == 0 {
                c.nodes.push(Node {
                    kind: Kind::Group(g),
                    id: format!("pod:{}", group.endpoint()),
                    endpoints: vec![Endpoint::Group(g)],
                    frame: Some(frame),
                });
            }
            for r in 1..=replicas {
                c.nodes.push(Node {
                    kind: Kind::Replica(g, r),
                    id: format!("pod:{}#{r}", group.endpoint()),
                    endpoints: vec![Endpoint::Group(g)],
                    frame: Some(frame),
                });
            }
        }
        if let Some(s) = flow_service.filter(|&s| model.services[s].namespace == ns) {
            c.service_node = Some(c.nodes.len());
            c.nodes.push(Node {
                kind: Kind::Service(s),
                id: format!("svc:{}", model.services[s].key()),
                endpoints: Vec::new(),
                frame: Some(frame),
            });
        }
    }
    if focus.is_none() {
        c.outside_out = Some(c.nodes.len());
        c.nodes.push(Node {
            kind: Kind::Outside,
            id: "outside:any".into(),
            endpoints: vec![Endpoint::Outside(None)],
            frame: Some(c.frames.len()),
        });
        c.frames.push(outside_frame("frame:outside", Column::Last));
    }
    c
}
