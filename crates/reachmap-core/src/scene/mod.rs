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
mod rejected;
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
    /// The view's word, as file names use it (`reachmap-services.svg`, the page's export).
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
        /// The source endpoint, as `Endpoint::parse` reads it.
        from: String,
        /// An endpoint, or `ns/service:port` for a flow through a Service port.
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
    /// A namespace: its frame around its pods, or (folded) its box of their count.
    Namespace,
    /// The frame around outside addresses (the policies view's `ipBlock` peers).
    OutsideFrame,
    /// A column's frame. Neither view draws one today, and the stylesheet has no rule for it.
    Column,
    // Nodes.
    /// Every box of the diagram, with its kind below (or `Namespace` when folded); hover and
    /// keyboard focus thicken its outline.
    Node,
    /// A bare Pod's box (`Class::for_group`).
    Pod,
    /// A workload's box: its pods drawn as one (`Class::for_group`).
    Workload,
    /// A Service's box.
    Service,
    /// An address outside the pods of the input (an `ipBlock`, or a Service backend no pod has).
    Outside,
    /// How a Service is reached (cluster IP, node ports, load balancer, DNS), left of the
    /// Service in the Services view.
    Access,
    // Node parts.
    /// A box's first line (its name) in bold; also a frame's name.
    Title,
    /// A box's further lines (address, ports, selector, pod count).
    Detail,
    /// A badge's rectangle on a box (`Deployment ×3`, `Pod`; with `Isolated`, which directions
    /// policies isolate).
    Badge,
    /// A badge's text.
    BadgeText,
    /// A line that reports a problem (a selector matching nothing, a missing targetPort), in bold
    /// red.
    Warning,
    /// With `Badge`/`BadgeText`: the pods are isolated for ingress and/or egress by some policy.
    Isolated,
    /// A badge: cluster-wide policies of the Admin tier select the pod.
    AdminTier,
    /// A badge: cluster-wide policies of the Baseline tier select the pod.
    BaselineTier,
    // Edges.
    /// Every edge, the group and its path; alone, the colour of `Reaches`.
    Edge,
    /// A Service port's arrow to the pods (or addresses) it sends to: port → targetPort.
    Selects,
    /// An arrow from how a Service is reached to the Service.
    Reaches,
    /// A flow the policies allow (solid green).
    Allowed,
    /// A flow the policies deny (dashed red).
    Denied,
    /// A flow whose verdict depends on the outside address (dash-dotted amber).
    Depends,
    /// A Service port whose targetPort its backends lack: nothing is delivered (dotted red).
    Broken,
    /// The text on an edge (ports, a count), on a halo of the background so lines behind it do not
    /// cross it.
    EdgeLabel,
    /// A verdict mark (✓, ✗, ✓?) on an edge or in the legend, coloured by the verdict class
    /// beside it.
    Glyph,
    /// An edge standing for several flows (folded ends or parallel flows), drawn thicker.
    Bundle,
    /// A flow a change opens (`render --diff`): not allowed before, allowed after.
    Opened,
    /// A flow a change closes: allowed before, not after.
    Closed,
    // Highlight state.
    /// The focused endpoint or flow: drawn thicker, in the focus colour.
    Focus,
    /// What the focus is connected to (its flows' other ends, its Service's pods), kept bright.
    Related,
    /// Everything unrelated to the focus: faded.
    Dim,
    // Notes drawn on the canvas (for example "3 denied flows not drawn").
    /// A note on the canvas (an empty namespace, the highlighted flow's answer, "nothing to
    /// draw").
    Note,
    // The background of the whole drawing, and the headings over the columns.
    /// The background rectangle of the whole drawing (the theme's background colour).
    Canvas,
    /// A heading over a column of the drawing.
    Heading,
    /// An object the API server would refuse, left out of the analysis: its greyed box (and
    /// group), with its error.
    Rejected,
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

    /// The CSS class name, `rm-` and the variant in kebab case (what `style::SCENE_CSS` styles).
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
            Class::AdminTier => "rm-admin-tier",
            Class::BaselineTier => "rm-baseline-tier",
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
            Class::Rejected => "rm-rejected",
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
    /// Text starts at `x` (left-aligned).
    Start,
    /// Text is centred on `x`.
    Middle,
    /// Text ends at `x` (right-aligned).
    End,
}

impl Anchor {
    /// The value of SVG's `text-anchor`.
    pub(crate) fn name(self) -> &'static str {
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
    /// Rightwards from the drawing's left edge.
    pub x: i32,
    /// Downwards from the drawing's top edge.
    pub y: i32,
}

/// A rectangle, `<rect>` in SVG.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rect {
    /// The left edge, in scene units.
    pub x: i32,
    /// The top edge, in scene units.
    pub y: i32,
    /// Rightwards from `x`, in scene units.
    pub width: i32,
    /// Downwards from `y`, in scene units.
    pub height: i32,
    /// Corner radius.
    pub radius: i32,
    /// Its CSS classes (`class_attr` joins them).
    pub classes: Vec<Class>,
}

/// A line of text, `<text>` in SVG, never wrapped: whoever makes it has already cut it to fit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The anchor point's x, in scene units; see `anchor`.
    pub x: i32,
    /// The baseline's y, in scene units (as SVG's `y` of a text).
    pub y: i32,
    /// Which end of the text is at `x`.
    pub anchor: Anchor,
    /// Its CSS classes; they set the font size and weight (see `text::width`).
    pub classes: Vec<Class>,
    /// As written in the manifests: renderers escape it.
    pub text: String,
}

/// A polyline through `points`, with an arrowhead at the end when `arrow`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Path {
    /// Two or more points, in scene units; edges bend only at right angles.
    pub points: Vec<Point>,
    /// Whether to end with the arrowhead `marker` names.
    pub arrow: bool,
    /// Its CSS classes: `Edge` and a verdict or edge kind (which also pick the arrowhead).
    pub classes: Vec<Class>,
}

/// A circle, `<circle>` in SVG. Both renderers draw it; neither view makes one today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Circle {
    /// The centre's x, in scene units.
    pub x: i32,
    /// The centre's y, in scene units.
    pub y: i32,
    /// The radius, in scene units.
    pub r: i32,
    /// Its CSS classes.
    pub classes: Vec<Class>,
}

/// A group of shapes: one node, one edge or one frame, with its tooltip and click action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Stable and unique in the scene (`pod:default/nginx`, `edge:…`): the page's `data-id`.
    pub id: String,
    /// Its CSS classes: the kind (`Node` + `Service`, `Edge` + `Allowed`, …) and highlight state.
    pub classes: Vec<Class>,
    /// The tooltip and accessible name (`<title>`).
    pub title: String,
    /// What a click does; `None`: it is not clickable (frames, notes).
    pub action: Option<Action>,
    /// Drawn in order, later ones on top.
    pub children: Vec<Shape>,
}

/// One drawing primitive, or a group of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Shape {
    /// A node, edge or frame: a `<g>` with a title and maybe a click action.
    Group(Group),
    /// A rectangle.
    Rect(Rect),
    /// A line of text.
    Text(Text),
    /// A polyline, maybe with an arrowhead.
    Path(Path),
    /// A circle.
    Circle(Circle),
}

/// A laid-out diagram.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scene {
    /// The view it draws.
    pub view: View,
    /// The drawing's width in scene units: the SVG's `viewBox` and `width`.
    pub width: i32,
    /// The drawing's height in scene units: the SVG's `viewBox` and `height`.
    pub height: i32,
    /// The SVG `<title>`: what the diagram shows.
    pub title: String,
    /// The SVG `<desc>`: a sentence a screen reader reads.
    pub description: String,
    /// Drawn in order: frames first, then edges, then nodes.
    pub shapes: Vec<Shape>,
}

impl Point {
    /// The point `(x, y)`, in scene units.
    pub(crate) fn new(x: i32, y: i32) -> Point {
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
    /// Which diagram to draw.
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
    /// The level's word, as `--level` and `Level::parse` read it.
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
    let mut scene = match options.view {
        View::Services => services::build(analysis, options),
        View::Policies => policies::build(analysis, options),
    };
    rejected::append(&mut scene, analysis.model(), options);
    scene
}

/// The Policies view of `new` with what changed since `old` marked: flows opened and closed in
/// their own classes, unchanged ones dimmed, the counts in the header (`reachmap render
/// --diff`). A focus or a highlighted flow in `options` is not drawn.
pub fn build_diff(old: &Analysis, new: &Analysis, options: &SceneOptions) -> Scene {
    policies::compare::build(old, new, options)
}

/// `build_diff` from the diff already computed: `d` is `analysis::diff(old, new,
/// &DiffPorts::from(options.ports))`, which the page also lists, so it is computed once.
pub fn build_diff_of(new: &Analysis, d: &crate::analysis::Diff, options: &SceneOptions) -> Scene {
    policies::compare::build_of(new, d, options)
}
