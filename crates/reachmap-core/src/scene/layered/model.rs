//! What the caller gives and what it gets back.
//!
//! Nodes and groups are referred to by their index in [`Graph::nodes`] and [`Graph::groups`],
//! so the caller keeps its own ids beside them and nothing here needs hashing. Everything in a
//! [`Layout`] is in integer pixels: the SVG writer prints them as they are, and two runs on the
//! same input give the same numbers on every target.

/// A box to place: one workload (or any endpoint of a flow).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// In pixels; the box keeps it (only its height may grow).
    pub width: i32,
    /// The height asked for. A box with more edges on one side than fit at
    /// [`Options::min_port_gap`] is made taller, so that every edge has its own port.
    pub height: i32,
    /// The group (namespace frame) the node is drawn in, as an index into [`Graph::groups`].
    pub group: Option<usize>,
}

/// A flow from one node to another, by index into [`Graph::nodes`].
///
/// Parallel edges are allowed (each is drawn on its own track) and so are self-loops (drawn as a
/// loop in the gap right of the box); the caller usually merges the first and may drop the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The source node: the flow leaves this box.
    pub from: usize,
    /// The target node: the arrow ends on this box.
    pub to: usize,
}

/// Where a group's nodes go across the drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Column {
    /// Wherever the flows put them.
    #[default]
    Free,
    /// Alone in the leftmost column: where traffic comes from outside the cluster.
    First,
    /// Alone in the rightmost column: where traffic leaves the cluster.
    Last,
}

/// A frame drawn around its nodes, with a label band at the top.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupSpec {
    /// Height of the band above the first node that holds the label.
    pub label_height: i32,
    /// Space between the frame and the nodes inside it.
    pub padding: i32,
    /// Which column the group's nodes may go in.
    pub column: Column,
}

impl Default for GroupSpec {
    fn default() -> Self {
        GroupSpec {
            label_height: 30,
            padding: 12,
            column: Column::Free,
        }
    }
}

/// The graph to lay out.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The boxes to place; [`Layout::nodes`] answers in the same order.
    pub nodes: Vec<Node>,
    /// The flows between them; [`Layout::edges`] answers in the same order.
    pub edges: Vec<Edge>,
    /// The frames nodes may be drawn in ([`Node::group`]); [`Layout::groups`] answers in the same
    /// order.
    pub groups: Vec<GroupSpec>,
    /// Which edges to keep straight first, by index into [`Graph::edges`]: where a box may go
    /// to either of two ys, equally near what all its edges want, it goes where a preferred
    /// edge is straight (the Policies view prefers admitted flows to denied ones). Shorter
    /// than `edges`, or empty: the others are not preferred.
    pub preferred: Vec<bool>,
}

/// Distances, in pixels, and how hard to try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Around the whole drawing.
    pub margin: i32,
    /// Between two boxes in one column.
    pub node_gap: i32,
    /// Between a line passing through a column and whatever is next to it.
    pub edge_gap: i32,
    /// Between two frames stacked in one column.
    pub group_gap: i32,
    /// Between the ends of two edges on one side of a box, when the box is tall enough.
    pub port_gap: i32,
    /// The least distance between edge ends: boxes grow to keep it.
    pub min_port_gap: i32,
    /// Between two vertical tracks in the gap between columns.
    pub track_gap: i32,
    /// The least width of the gap between two columns (room for arrowheads).
    pub min_channel: i32,
    /// Room kept free of vertical tracks next to every column, on both sides of each gap, for
    /// what the caller draws on an edge's first or last stretch (a glyph, a count).
    pub end_room: i32,
    /// Rounds of crossing reduction (each one sweep right and one sweep left).
    pub order_rounds: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            margin: 24,
            node_gap: 24,
            edge_gap: 10,
            group_gap: 24,
            port_gap: 10,
            min_port_gap: 4,
            track_gap: 8,
            min_channel: 48,
            end_room: 0,
            order_rounds: 16,
        }
    }
}

/// A point in integer pixels; y grows downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    /// Pixels from the drawing's left edge.
    pub x: i32,
    /// Pixels from the drawing's top edge.
    pub y: i32,
}

impl Point {
    /// The point `(x, y)`.
    pub(crate) const fn new(x: i32, y: i32) -> Point {
        Point { x, y }
    }
}

/// An axis-aligned rectangle in integer pixels: its top-left corner and its size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rect {
    /// The left edge.
    pub x: i32,
    /// The top edge.
    pub y: i32,
    /// Rightwards from `x` ([`Rect::right`] is the right edge).
    pub width: i32,
    /// Downwards from `y` ([`Rect::bottom`] is the bottom edge).
    pub height: i32,
}

impl Rect {
    /// The x of the right edge (`x + width`).
    pub const fn right(&self) -> i32 {
        self.x + self.width
    }

    /// The y of the bottom edge (`y + height`).
    pub const fn bottom(&self) -> i32 {
        self.y + self.height
    }

    /// Whether the two share some area (touching borders do not count).
    pub const fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies wholly inside (borders may touch).
    pub const fn contains(&self, other: &Rect) -> bool {
        self.x <= other.x
            && self.y <= other.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// Where everything goes.
///
/// An edge's polyline starts on its source box and ends on its target box, with only
/// horizontal and vertical pieces. A flow that goes left to right leaves the source's right side
/// and enters the target's left side. One that has to go against the columns (it closes a cycle)
/// leaves the source's left side and enters the target's right side. One between two boxes of
/// the same column, or a self-loop, leaves the source's right side, turns in the gap right of the
/// column and enters the target's right side. No two edges ever share a piece of line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// One box per node, in the order of [`Graph::nodes`].
    pub nodes: Vec<Rect>,
    /// One frame per group; `None` for a group without nodes.
    pub groups: Vec<Option<Rect>>,
    /// One polyline per edge, in the order of [`Graph::edges`]; empty for an edge whose ends are
    /// not nodes of the graph.
    pub edges: Vec<Vec<Point>>,
    /// The drawing's width, margins included: every box, frame and line lies within it.
    pub width: i32,
    /// The drawing's height, margins included.
    pub height: i32,
}
