//! Coordinates of the Policies view's grid and the path of every edge.
//!
//! The space between rows and between columns forms corridors that run the whole height and
//! width without crossing a box. An edge leaves its source from the bottom, runs along the
//! corridor below the source's row, along a vertical corridor, along the corridor above the
//! target's row and enters the target from the top (or goes straight across when the source's
//! corridor is the target's). Lines that may merge — everything leaving one node with one
//! verdict and highlight, everything entering one — form a bundle; each bundle gets its own
//! track in each corridor (`route::tracks`, over the bundles' extents in grid units, which are
//! known before any coordinate), and a corridor is as wide as its tracks need. So unrelated
//! lines never coincide and no line crosses a box.

use super::super::route;
use super::super::style;
use super::super::{Class, Point};
use super::flows::Edge;
use super::grid::Grid;
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub const MARGIN: i32 = 24;
pub const NODE_W: i32 = 200;
pub const NODE_H: i32 = 70;
/// Room in every corridor for frame borders: the padding around a frame's nodes and, above a
/// row, the frame's label band.
pub const FRAME_PAD: i32 = 12;
pub const FRAME_HEADER: i32 = 30;
/// Space between frame borders and the outermost tracks of a corridor.
const TRACK_MARGIN: i32 = 6;
const TRACK_STEP: i32 = 6;
/// Distance between edge ends on a box's top, and from the box's corner to the first.
pub const ATTACH_STEP: i32 = 9;
const ATTACH_INSET: i32 = 14;
/// Distance between edge starts on a box's bottom: room for the shift that keeps a dashed
/// line's dashes in step with the others of its trunk (below).
const START_STEP: i32 = 20;

/// A bundle of lines that may share a track.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bundle {
    Out(usize, Class, Option<Class>),
    In(usize, Class, Option<Class>),
}

impl Bundle {
    pub fn leaving(e: &Edge) -> Bundle {
        Bundle::Out(e.from, e.class, e.state)
    }

    pub fn entering(e: &Edge) -> Bundle {
        Bundle::In(e.to, e.class, e.state)
    }
}

/// Where an edge runs: the corridor below its source's row (`ha`), a vertical corridor (none
/// when `ha` is also the corridor above the target's row), the corridor above the target's
/// row (`hb`), and the bundle whose track each of the three segments takes.
struct RouteSpec {
    ha: usize,
    hb: usize,
    v: Option<usize>,
    seg1: Bundle,
    seg2: Bundle,
    seg3: Bundle,
}

pub struct Geometry {
    pub width: i32,
    pub height: i32,
    /// The left of each column and the top of each row.
    pub col_x: Vec<i32>,
    pub row_y: Vec<i32>,
    /// Per edge, its polyline.
    pub paths: Vec<Vec<Point>>,
    /// Per node, how many bundles enter it from the top.
    pub entering: Vec<usize>,
}

impl Geometry {
    pub fn node_at(&self, grid: &Grid, n: usize) -> (i32, i32) {
        let node = &grid.nodes[n];
        (self.col_x[node.col], self.row_y[node.row])
    }
}

/// Lays out the grid below `top` and routes the edges. `focus` owns the vertical segments of
/// its edges (so its lines merge into one trunk per verdict); otherwise the busier end does.
pub fn route(grid: &Grid, edges: &[Edge], focus: Option<usize>, top: i32) -> Geometry {
    let nodes = &grid.nodes;
    let (rows, ncols) = (grid.rows, grid.cols);
    let mut out_deg = vec![0usize; nodes.len()];
    let mut in_deg = vec![0usize; nodes.len()];
    for e in edges {
        out_deg[e.from] += 1;
        in_deg[e.to] += 1;
    }
    // Attach points: leaving bundles on the bottom's left part, entering ones on the top's
    // right part, so a line leaving one row never meets one entering the next on a border.
    let mut out_keys: Vec<Vec<Bundle>> = vec![Vec::new(); nodes.len()];
    let mut in_keys: Vec<Vec<Bundle>> = vec![Vec::new(); nodes.len()];
    for e in edges {
        let (o, i) = (Bundle::leaving(e), Bundle::entering(e));
        if !out_keys[e.from].contains(&o) {
            out_keys[e.from].push(o);
        }
        if !in_keys[e.to].contains(&i) {
            in_keys[e.to].push(i);
        }
    }
    let rank = |keys: &[Bundle], k: Bundle| keys.iter().position(|x| *x == k).unwrap_or(0);
    // Grid units: 1000 per column or row; a corridor sits at −50 before its column or row.
    let gx_out = |n: usize, k: usize| (nodes[n].col * 1000 + 100 + k) as i64;
    let gx_in = |n: usize, k: usize| (nodes[n].col * 1000 + 900 - k) as i64;
    let corridor = |c: usize| c as i64 * 1000 - 50;
    let mut specs: Vec<RouteSpec> = Vec::with_capacity(edges.len());
    let mut h_spans: Vec<Vec<(Bundle, i64, i64)>> = vec![Vec::new(); rows + 1];
    let mut v_spans: Vec<Vec<(Bundle, i64, i64)>> = vec![Vec::new(); ncols + 1];
    for e in edges {
        let (a, b) = (&nodes[e.from], &nodes[e.to]);
        let (out, inn) = (Bundle::leaving(e), Bundle::entering(e));
        let (ha, hb) = (a.row + 1, b.row);
        let ox = gx_out(e.from, rank(&out_keys[e.from], out));
        let ix = gx_in(e.to, rank(&in_keys[e.to], inn));
        // With a focus, each of its edges runs on the focus's own bundle all the way, so its
        // flows form one trunk per verdict instead of a track per peer in every corridor.
        let trunk = match focus {
            Some(f) if e.from == f => Some(out),
            Some(f) if e.to == f => Some(inn),
            _ => None,
        };
        if ha == hb {
            let key = trunk.unwrap_or(out);
            h_spans[ha].push((key, ox, ix));
            specs.push(RouteSpec {
                ha,
                hb,
                v: None,
                seg1: key,
                seg2: key,
                seg3: key,
            });
            continue;
        }
        let source_owns = match focus {
            Some(f) if e.from == f => true,
            Some(f) if e.to == f => false,
            _ => out_deg[e.from] >= in_deg[e.to],
        };
        // The vertical corridor next to the owning end, towards the other end.
        let v = match (b.col.cmp(&a.col), source_owns) {
            (Ordering::Less, true) => a.col,
            (_, true) => a.col + 1,
            (Ordering::Greater, false) => b.col,
            (_, false) => b.col + 1,
        };
        let owner = if source_owns { out } else { inn };
        let (seg1, seg2, seg3) = match trunk {
            Some(t) => (t, t, t),
            None => (out, owner, inn),
        };
        h_spans[ha].push((seg1, ox, corridor(v)));
        v_spans[v].push((seg2, corridor(ha), corridor(hb)));
        h_spans[hb].push((seg3, corridor(v), ix));
        specs.push(RouteSpec {
            ha,
            hb,
            v: Some(v),
            seg1,
            seg2,
            seg3,
        });
    }
    let h_tracks: Vec<(BTreeMap<Bundle, usize>, usize)> =
        h_spans.iter().map(|s| route::tracks(s)).collect();
    let v_tracks: Vec<(BTreeMap<Bundle, usize>, usize)> =
        v_spans.iter().map(|s| route::tracks(s)).collect();

    // Coordinates: every corridor as wide as its tracks need.
    let mut corridor_y = vec![0; rows + 1];
    let mut row_y = vec![0; rows];
    let mut y = top;
    for r in 0..=rows {
        corridor_y[r] = y;
        y += FRAME_PAD + FRAME_HEADER + 2 * TRACK_MARGIN + TRACK_STEP * h_tracks[r].1 as i32;
        if r < rows {
            row_y[r] = y;
            y += NODE_H;
        }
    }
    let height = y + MARGIN;
    let mut corridor_x = vec![0; ncols + 1];
    let mut col_x = vec![0; ncols];
    let mut x = MARGIN;
    for c in 0..=ncols {
        corridor_x[c] = x;
        x += 2 * FRAME_PAD + 2 * TRACK_MARGIN + TRACK_STEP * v_tracks[c].1 as i32;
        if c < ncols {
            col_x[c] = x;
            x += NODE_W;
        }
    }
    let width = (x + MARGIN).max(720);
    let offset = |tracks: &(BTreeMap<Bundle, usize>, usize), k: &Bundle| {
        FRAME_PAD + TRACK_MARGIN + TRACK_STEP * tracks.0.get(k).copied().unwrap_or(0) as i32
    };
    let track_y = |h: usize, k: &Bundle| corridor_y[h] + offset(&h_tracks[h], k);
    let track_x = |v: usize, k: &Bundle| corridor_x[v] + offset(&v_tracks[v], k);

    let paths = edges
        .iter()
        .zip(&specs)
        .map(|(e, r)| {
            let (ax, ay) = (col_x[nodes[e.from].col], row_y[nodes[e.from].row]);
            let (bx, by) = (col_x[nodes[e.to].col], row_y[nodes[e.to].row]);
            let mut ox =
                ax + ATTACH_INSET + START_STEP * rank(&out_keys[e.from], Bundle::leaving(e)) as i32;
            let ix = bx + NODE_W
                - ATTACH_INSET
                - ATTACH_STEP * rank(&in_keys[e.to], Bundle::entering(e)) as i32;
            let y1 = track_y(r.ha, &r.seg1);
            let mut points = vec![Point::new(ox, ay + NODE_H), Point::new(ox, y1)];
            if let Some(v) = r.v {
                let vx = track_x(v, &r.seg2);
                let y3 = track_y(r.hb, &r.seg3);
                points.extend([Point::new(vx, y1), Point::new(vx, y3), Point::new(ix, y3)]);
            } else {
                points.push(Point::new(ix, y1));
            }
            points.push(Point::new(ix, by));
            // Lines entering the focus share their last stretch, and a dash pattern runs from
            // a line's start: so that the shared stretch shows dashes rather than a solid
            // smear, every such line is made as long as the others modulo the pattern, by
            // moving its start along its source's bottom.
            if focus == Some(e.to) {
                if let Some(period) = style::dash_period(e.class) {
                    let length: i32 = points
                        .windows(2)
                        .map(|w| (w[1].x - w[0].x).abs() + (w[1].y - w[0].y).abs())
                        .sum();
                    let excess = length.rem_euclid(period);
                    // Moving the start right shortens a line that first runs right.
                    let shift = if points[2].x > ox {
                        excess
                    } else {
                        (period - excess) % period
                    };
                    ox += shift;
                    points[0].x = ox;
                    points[1].x = ox;
                }
            }
            points
        })
        .collect();
    Geometry {
        width,
        height,
        col_x,
        row_y,
        paths,
        entering: in_keys.iter().map(Vec::len).collect(),
    }
}
