//! The scene: a diagram as plain drawing primitives, already laid out, with the classes that
//! style them and the actions a click on them takes.
//!
//! The scene is the one thing both renderers draw: the page's Leptos SVG (`src/app/`) and the
//! standalone SVG string (`crate::svg`) map each shape one-to-one to an element, so the
//! exported file looks as the page does and the CLI's `reachmap render` gives the page's bytes.
//! Every decision (what is drawn, where, highlighted or not) is taken here, natively tested.
//!
//! `build` dispatches to the two views (`services`, `policies`), which share `draw` (node,
//! frame and edge groups), `text` (how wide text is drawn, cutting with …) and `words`
//! (tooltips and box lines). The Services view routes through the corridors between its bands
//! (`route`); the Policies view is laid out by `layered`, the layered layout engine.
//! `readability` measures a drawn scene (crossings, shared stretches, bends). `style` holds the
//! stylesheet and arrowheads both renderers embed. Coordinates are integers; the same input
//! and options give the same scene.

mod draw;
pub mod layered;
mod policies;
pub mod readability;
mod route;
mod services;
pub mod style;
pub mod text;
mod words;

use crate::analysis::{Analysis, FlowQuery};
use serde::Serialize;
use std::collections::BTreeSet;

/// Which diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// Services, the pods they select (port → targetPort) and how each Service is reached.
    Services,
    /// Pods by namespace, outside addresses, the policies isolating them and the flows.
    Policies,
}

impl View {
    pub fn name(self) -> &'static str {
        match self {
            View::Services => "services",
            View::Policies => "policies",
        }
    }
}

/// The size above which the policies view starts folded per namespace (without a chosen level).
pub use policies::{FOLD_ABOVE_FLOWS, FOLD_ABOVE_GROUPS};

/// Which ports the policies view evaluates (defined with the analysis it selects).
pub use crate::analysis::ports::PortChoice;

/// What a click on a shape does in the page.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Action {
    /// Selects an endpoint (its name as `Endpoint::parse` reads it) or a Service (`svc:ns/name`).
    Select(String),
    /// Opens the explanation of one flow: `to` is an endpoint or `ns/service:port`.
    Explain {
        from: String,
        to: String,
        /// `PROTOCOL/PORT`; empty for a Service port.
        port: String,
    },
    /// Opens folded namespaces (a namespace's box: that one; a bundled edge between
    /// namespaces: both ends): `SceneOptions::expand` gets them.
    Expand(Vec<String>),
}

/// A CSS class. Classes come from this enum only, so the stylesheet (`style::SCENE_CSS`) and
/// the shapes cannot drift apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Class {
    // Frames.
    Namespace,
    OutsideFrame,
    Column,
    // Nodes.
    Node,
    Pod,
    Workload,
    Service,
    Outside,
    Access,
    // Node parts.
    Title,
    Detail,
    Badge,
    BadgeText,
    Warning,
    Isolated,
    // Edges.
    Edge,
    Selects,
    Reaches,
    Allowed,
    Denied,
    Depends,
    Broken,
    EdgeLabel,
    Glyph,
    /// An edge standing for several flows (folded ends or parallel flows), drawn thicker.
    Bundle,
    /// A flow a change opens (`render --diff`): not allowed before, allowed after.
    Opened,
    /// A flow a change closes: allowed before, not after.
    Closed,
    // Highlight state.
    Focus,
    Related,
    Dim,
    // Notes drawn on the canvas (for example "3 denied flows not drawn").
    Note,
    // The background of the whole drawing, and the headings over the columns.
    Canvas,
    Heading,
}

impl Class {
    /// The node class of a pod group: a workload's pods (drawn as one group) or a bare Pod.
    pub fn for_group(group: &crate::model::PodGroup) -> Class {
        if group.owner.is_some() {
            Class::Workload
        } else {
            Class::Pod
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Namespace => "rm-namespace",
            Class::OutsideFrame => "rm-outside-frame",
            Class::Column => "rm-column",
            Class::Node => "rm-node",
            Class::Pod => "rm-pod",
            Class::Workload => "rm-workload",
            Class::Service => "rm-service",
            Class::Outside => "rm-outside",
            Class::Access => "rm-access",
            Class::Title => "rm-title",
            Class::Detail => "rm-detail",
            Class::Badge => "rm-badge",
            Class::BadgeText => "rm-badge-text",
            Class::Warning => "rm-warning",
            Class::Isolated => "rm-isolated",
            Class::Edge => "rm-edge",
            Class::Selects => "rm-selects",
            Class::Reaches => "rm-reaches",
            Class::Allowed => "rm-allowed",
            Class::Denied => "rm-denied",
            Class::Depends => "rm-depends",
            Class::Opened => "rm-opened",
            Class::Closed => "rm-closed",
            Class::Broken => "rm-broken",
            Class::EdgeLabel => "rm-edge-label",
            Class::Glyph => "rm-glyph",
            Class::Bundle => "rm-bundle",
            Class::Focus => "rm-focus",
            Class::Related => "rm-related",
            Class::Dim => "rm-dim",
            Class::Note => "rm-note",
            Class::Canvas => "rm-canvas",
            Class::Heading => "rm-heading",
        }
    }
}

/// The `class` attribute of a list of classes.
pub fn class_attr(classes: &[Class]) -> String {
    let mut s = String::new();
    for c in classes {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(c.name());
    }
    s
}

/// Text anchoring, as SVG's `text-anchor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A point in scene units (CSS pixels at zoom 1). Integers, so both renderers print the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
    /// Corner radius.
    pub radius: i32,
    pub classes: Vec<Class>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub x: i32,
    pub y: i32,
    pub anchor: Anchor,
    pub classes: Vec<Class>,
    /// As written in the manifests: renderers escape it.
    pub text: String,
}

/// A polyline through `points`, with an arrowhead at the end when `arrow`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Path {
    pub points: Vec<Point>,
    pub arrow: bool,
    pub classes: Vec<Class>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Circle {
    pub x: i32,
    pub y: i32,
    pub r: i32,
    pub classes: Vec<Class>,
}

/// A group of shapes: one node, one edge or one frame, with its tooltip and click action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Stable and unique in the scene (`pod:default/nginx`, `edge:…`): the page's `data-id`.
    pub id: String,
    pub classes: Vec<Class>,
    /// The tooltip and accessible name (`<title>`).
    pub title: String,
    pub action: Option<Action>,
    pub children: Vec<Shape>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Shape {
    Group(Group),
    Rect(Rect),
    Text(Text),
    Path(Path),
    Circle(Circle),
}

/// A laid-out diagram.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scene {
    pub view: View,
    pub width: i32,
    pub height: i32,
    /// The SVG `<title>`: what the diagram shows.
    pub title: String,
    /// The SVG `<desc>`: a sentence a screen reader reads.
    pub description: String,
    /// Drawn in order: frames first, then edges, then nodes.
    pub shapes: Vec<Shape>,
}

impl Point {
    pub fn new(x: i32, y: i32) -> Point {
        Point { x, y }
    }
}

impl Path {
    /// The id of the arrowhead marker (in `style::DEFS`) for this path, when it has one: the
    /// marker of its edge class, so the arrowhead has the line's colour.
    pub fn marker(&self) -> Option<&'static str> {
        if !self.arrow {
            return None;
        }
        if self.classes.contains(&Class::Dim) {
            return Some("rm-arrow-dim");
        }
        let id = self
            .classes
            .iter()
            .find_map(|c| match c {
                Class::Allowed | Class::Opened => Some("rm-arrow-allowed"),
                Class::Denied | Class::Closed => Some("rm-arrow-denied"),
                Class::Depends => Some("rm-arrow-depends"),
                Class::Broken => Some("rm-arrow-broken"),
                Class::Selects => Some("rm-arrow-selects"),
                Class::Reaches => Some("rm-arrow-reaches"),
                _ => None,
            })
            .unwrap_or("rm-arrow-reaches");
        Some(id)
    }

    /// The SVG path data (`M x y L x y …`), the same for both renderers.
    pub fn data(&self) -> String {
        let mut d = String::new();
        for (i, p) in self.points.iter().enumerate() {
            if i > 0 {
                d.push(' ');
            }
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&format!("{} {}", p.x, p.y));
        }
        d
    }
}

/// What to draw. `Default` is the Services view of everything, any port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SceneOptions {
    pub view: View,
    /// An endpoint name as `Endpoint::parse` reads it (`default/nginx`, `outside`) or a Service
    /// (`svc:ns/name`): its flows (policies view) or its Services (services view) are shown
    /// and everything else is dimmed.
    pub focus: Option<String>,
    /// One flow to highlight, through the Service when it targets a Service port.
    pub flow: Option<FlowQuery>,
    /// Which ports the policies view's verdicts are about.
    pub ports: PortChoice,
    /// Namespaces drawn as one box each, with their pod count.
    pub collapsed: BTreeSet<String>,
    /// Only these namespaces are drawn (`None`: all).
    pub namespaces: Option<BTreeSet<String>>,
    /// How finely the policies view draws endpoints; `None`: the scene picks (the namespace
    /// level above a size, see `policies::graph::FOLD_ABOVE_GROUPS`).
    pub level: Option<Level>,
    /// Namespaces drawn open (their pod groups) at the namespace level.
    pub expand: BTreeSet<String>,
    /// The policies view's focus also draws the flows denied from and to it (dashed).
    pub show_denied: bool,
}

/// How finely the policies view draws endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// One box per namespace, one edge per pair of namespaces and verdict, with its count.
    Namespace,
    /// One box per pod group: a workload's pods together, or a bare Pod.
    Workload,
    /// One box per pod: a workload's replicas apart.
    Pod,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Namespace => "namespace",
            Level::Workload => "workload",
            Level::Pod => "pod",
        }
    }

    /// `namespace`, `workload` or `pod`.
    pub fn parse(word: &str) -> Result<Level, String> {
        match word {
            "namespace" => Ok(Level::Namespace),
            "workload" => Ok(Level::Workload),
            "pod" => Ok(Level::Pod),
            other => Err(format!(
                "`{other}` is not a level: write namespace, workload or pod"
            )),
        }
    }
}

impl Default for SceneOptions {
    fn default() -> SceneOptions {
        SceneOptions {
            view: View::Services,
            focus: None,
            flow: None,
            ports: PortChoice::Any,
            collapsed: BTreeSet::new(),
            namespaces: None,
            level: None,
            expand: BTreeSet::new(),
            show_denied: false,
        }
    }
}

impl SceneOptions {
    /// Whether a namespace is drawn.
    pub fn shows(&self, namespace: &str) -> bool {
        self.namespaces
            .as_ref()
            .is_none_or(|set| set.contains(namespace))
    }
}

/// Lays out the diagram of `options.view` for the analysed input: its Service reports, its
/// port matrix for `options.ports` and its answer to `options.flow` are the analysis's own,
/// computed once however often the scene is rebuilt. Deterministic: the same input gives the
/// same scene, to the pixel.
pub fn build(analysis: &Analysis, options: &SceneOptions) -> Scene {
    match options.view {
        View::Services => services::build(analysis, options),
        View::Policies => policies::build(analysis, options),
    }
}

/// The Policies view of `new` with what changed since `old` marked: flows opened and closed in
/// their own classes, unchanged ones dimmed, the counts in the header (`reachmap render
/// --diff`). A focus or a highlighted flow in `options` is not drawn.
pub fn build_diff(old: &Analysis, new: &Analysis, options: &SceneOptions) -> Scene {
    policies::compare::build(old, new, options)
}
