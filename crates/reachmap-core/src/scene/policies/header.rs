//! The lines above the Policies view's drawing, and its title and description: what is drawn,
//! the legend, the highlighted flow, and what is not drawn or folded and how to see it (nothing
//! is left out without a word).

use super::super::draw;
use super::super::text;
use super::super::{words, Anchor, Class, Level, SceneOptions, Shape};
use super::flows::Edge;
use super::graph::{Cast, Kind};
use super::nodes;
use crate::analysis::{Endpoint, FlowQuery, PortChoice, Verdict};
use crate::model::Model;

pub const MARGIN: i32 = 24;
/// Distance between the header's note lines.
const LINE: i32 = 18;
/// The least width of the drawing: room for the legend.
const MIN_WIDTH: i32 = 720;

pub struct Header {
    /// What the drawing shows: the heading.
    what: String,
    /// The highlighted flow's line and the notes.
    lines: Vec<String>,
}

impl Header {
    /// `counts`: edges drawn, denied flows of the focus not drawn, boxes of no drawn flow.
    pub fn new(
        model: &Model,
        options: &SceneOptions,
        cast: &Cast,
        focus: Option<Endpoint>,
        flow: Option<(&FlowQuery, Verdict)>,
        (drawn, hidden_denied, not_drawn): (usize, usize, usize),
    ) -> Header {
        let ports = options.ports.describe();
        // With cluster-wide policies, their rules decide flows too.
        let rules = if model.cluster_policies.is_empty() {
            "NetworkPolicy rules"
        } else {
            "policy rules (cluster tiers and NetworkPolicies)"
        };
        let what = match (focus, options.ports) {
            (Some(e), _) if options.show_denied => {
                format!("Every flow from and to {}, {ports}", e.name(model))
            }
            (Some(e), _) => format!("Allowed flows from and to {}, {ports}", e.name(model)),
            (None, _) if super::flows::draws_denials(model, cast) => {
                // Cluster policies deny without isolating: into the pods they select.
                let into = if model.cluster_policies.is_empty() {
                    "isolated pods"
                } else {
                    "isolated pods or pods a cluster policy selects"
                };
                format!("Flows that {rules} admit, and those denied into {into}, on {ports}")
            }
            (None, PortChoice::Any) => format!("Flows that {rules} admit, on any port"),
            (None, PortChoice::Probe(p)) => format!("Flows that {rules} admit, on {p}"),
        };
        let mut lines: Vec<String> = Vec::new();
        if let Some((q, verdict)) = flow {
            lines.push(words::highlighted_line(model, q, verdict));
        }
        if hidden_denied > 0 {
            lines.push(format!(
                "{hidden_denied} denied flow{} not drawn: “Show denied” draws them (reachmap \
                 render --show-denied).",
                plural(hidden_denied)
            ));
        }
        if focus.is_some() && not_drawn > 0 {
            lines.push(format!(
                "{not_drawn} other box{} no flow drawn from or to it.",
                if not_drawn == 1 { " has" } else { "es have" }
            ));
        }
        if cast.level == Level::Namespace && !cast.folded.is_empty() {
            lines.push(
                "Folded by namespace, each arrow counting its flows: a click on a namespace or \
                 an arrow opens it, Escape goes back (reachmap render --expand NAMESPACE, \
                 --level workload)."
                    .into(),
            );
        }
        let policies = model.policies.is_empty();
        if focus.is_none() && drawn == 0 {
            lines.push(if policies {
                "No NetworkPolicy: every flow is allowed. Select a pod to see its flows.".into()
            } else {
                "No policy rule admits a flow here. Select a pod to see what is denied.".into()
            });
        }
        Header { what, lines }
    }

    /// A drawing of changes (`compare`): its own heading, and its lines before the others.
    pub fn compare(&mut self, (what, lines): (String, Vec<String>)) {
        self.what = what;
        self.lines.splice(0..0, lines);
    }

    /// Where the drawing starts.
    pub fn top(&self) -> i32 {
        MARGIN + 58 + LINE * self.lines.len() as i32
    }

    /// The least width that holds the header's texts.
    pub fn width(&self) -> i32 {
        let heading = text::width(&self.what, 14, true);
        let notes = self.lines.iter().map(|l| text::width(l, 12, false));
        let widest = notes.fold(heading, i32::max);
        (MARGIN + widest + MARGIN).max(MIN_WIDTH)
    }

    pub fn shapes(&self) -> Vec<Shape> {
        let mut shapes = vec![Shape::Text(draw::text(
            MARGIN,
            MARGIN + 12,
            Anchor::Start,
            vec![Class::Heading],
            self.what.clone(),
        ))];
        shapes.push(nodes::legend(MARGIN, MARGIN + 22));
        for (i, line) in self.lines.iter().enumerate() {
            shapes.push(Shape::Text(draw::text(
                MARGIN,
                MARGIN + 62 + LINE * i as i32,
                Anchor::Start,
                vec![Class::Note],
                line.clone(),
            )));
        }
        shapes
    }

    pub fn title(&self) -> String {
        format!("Policies: {}", lower_first(&self.what))
    }

    /// The sentence a screen reader reads: what is drawn, and what is folded.
    pub fn description(&self, model: &Model, cast: &Cast, edges: &[Edge]) -> String {
        let groups = cast
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, Kind::Group(_) | Kind::Replica(..)))
            .count();
        let namespaces = cast.folded.len()
            + cast
                .frames
                .iter()
                .filter(|f| f.class == Class::Namespace)
                .count();
        let policies = model.policies.len();
        let mut d = format!(
            "{groups} pod box{} in {namespaces} namespace{} and the outside; {policies} \
             NetworkPolic{}; {}: {} edge{} drawn",
            if groups == 1 { "" } else { "es" },
            plural(namespaces),
            if policies == 1 { "y" } else { "ies" },
            self.what,
            edges.len(),
            plural(edges.len()),
        );
        let bundles: Vec<&Edge> = edges.iter().filter(|e| e.count > 1).collect();
        if !bundles.is_empty() {
            let flows: usize = bundles.iter().map(|e| e.count).sum();
            d.push_str(&format!(
                ", {} of them counting {flows} flows",
                bundles.len()
            ));
        }
        if !cast.folded.is_empty() {
            let held: usize = cast
                .nodes
                .iter()
                .filter(|n| matches!(n.kind, Kind::Namespace(_)))
                .map(|n| n.endpoints.len())
                .sum();
            d.push_str(&format!(
                "; {} namespace{} folded, holding {held} pod group{}",
                cast.folded.len(),
                plural(cast.folded.len()),
                plural(held)
            ));
        }
        for line in &self.lines {
            d.push_str(". ");
            d.push_str(line.trim_end_matches('.'));
        }
        d.push('.');
        d
    }
}

/// The heading as the title's continuation: its first letter (an English word's) in lower case.
fn lower_first(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
