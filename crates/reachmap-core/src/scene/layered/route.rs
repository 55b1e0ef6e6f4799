//! Edges through the gaps between columns, and the final coordinates.
//!
//! In a gap, a piece runs straight across when its two ends are level; otherwise it goes
//! across to its vertical track in the gap (see [`crate::scene::layered::tracks`]), along it, and across to its
//! other end. Columns are as wide as their widest box and gaps as wide as their tracks need,
//! with room at both sides for frame borders, so that no track runs along a frame. Boxes are
//! centred in their column; an edge's end runs level from its port to the column's side, past
//! nothing, since everything else in the column is above or below it.

use crate::scene::layered::layers::{gaps, Kind, Layered, Route};
use crate::scene::layered::model::{GroupSpec, Layout, Node, Options, Point, Rect};
use crate::scene::layered::tracks;

/// Everything in pixels: boxes, frames and polylines.
pub(crate) fn draw(
    l: &Layered,
    y: &[i64],
    nodes: &[Node],
    groups: &[GroupSpec],
    opts: &Options,
    edges: usize,
) -> Layout {
    let gaps = gaps(l);
    let tracks = tracks::assign(l, y, &gaps, opts.track_gap.max(1) as i64);
    let nl = l.layers.len();
    let col_w: Vec<i64> = l
        .layers
        .iter()
        .map(|layer| {
            layer
                .iter()
                .filter_map(|&v| match l.items[v].kind {
                    Kind::Node(n) => Some(nodes[n].width.max(0) as i64),
                    _ => None,
                })
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad_zone = groups.iter().map(|g| g.padding.max(0)).max().unwrap_or(0) as i64
        + opts.track_gap as i64
        + opts.end_room.max(0) as i64;
    let step = opts.track_gap as i64;
    let mut gap_x = Vec::with_capacity(nl + 1);
    let mut gap_w = Vec::with_capacity(nl + 1);
    let mut col_x = Vec::with_capacity(nl);
    let mut x = opts.margin as i64;
    for (c, &count) in tracks.count.iter().enumerate() {
        let t = count as i64;
        let w = if t == 0 && (c == 0 || c == nl) {
            pad_zone
        } else {
            (opts.min_channel as i64).max(2 * pad_zone + (t - 1).max(0) * step)
        };
        gap_x.push(x);
        gap_w.push(w);
        x += w;
        if c < nl {
            col_x.push(x);
            x += col_w[c];
        }
    }
    let width = x + opts.margin as i64;
    let track_x = |c: usize, k: usize| {
        let t = tracks.count[c] as i64;
        gap_x[c] + (gap_w[c] - (t - 1).max(0) * step) / 2 + k as i64 * step
    };
    let margin = opts.margin as i64;
    let yy = |v: usize| y[v] + margin;
    let rect = |v: usize| {
        let item = &l.items[v];
        let w = match item.kind {
            Kind::Node(n) => nodes[n].width.max(0) as i64,
            _ => 0,
        };
        let li = item.layer;
        let top = yy(v) - item.above as i64;
        Rect {
            x: px(col_x[li] + (col_w[li] - w) / 2),
            y: px(top),
            width: px(w),
            height: item.above + item.below,
        }
    };
    let node_rects: Vec<Rect> = (0..nodes.len()).map(rect).collect();
    let mut height = (0..l.items.len())
        .map(|v| yy(v) + l.items[v].below as i64)
        .max()
        .unwrap_or(0);
    height += margin;
    let mut polylines = Vec::with_capacity(edges);
    for route in &l.routes {
        let mut pts: Vec<(i64, i64)> = Vec::new();
        match route {
            Route::None => {}
            Route::Chain { segs, reversed } => {
                let first = &l.segs[segs[0]];
                pts.push((
                    node_rects[first.left].right() as i64,
                    yy(first.left) + first.left_off as i64,
                ));
                for &s in segs {
                    let seg = &l.segs[s];
                    let c = l.items[seg.right].layer;
                    let (a, b) = (
                        yy(seg.left) + seg.left_off as i64,
                        yy(seg.right) + seg.right_off as i64,
                    );
                    pts.push((col_x[c - 1] + col_w[c - 1], a));
                    if a != b {
                        let xt = track_x(c, tracks.seg[s]);
                        pts.push((xt, a));
                        pts.push((xt, b));
                    }
                    pts.push((col_x[c], b));
                    if let Kind::Node(n) = l.items[seg.right].kind {
                        pts.push((node_rects[n].x as i64, b));
                    }
                }
                if *reversed {
                    pts.reverse();
                }
            }
            Route::Turn(t) => {
                let turn = &l.turns[*t];
                let li = l.items[turn.from].layer;
                let xl = col_x[li] + col_w[li];
                let xt = track_x(li + 1, tracks.turn[*t]);
                let (a, b) = (
                    yy(turn.from) + turn.from_off as i64,
                    yy(turn.to) + turn.to_off as i64,
                );
                pts.push((node_rects[turn.from].right() as i64, a));
                pts.push((xl, a));
                pts.push((xt, a));
                pts.push((xt, b));
                pts.push((xl, b));
                pts.push((node_rects[turn.to].right() as i64, b));
            }
        }
        polylines.push(simplify(&pts));
    }
    let mut frames = vec![None; groups.len()];
    let mut span: Vec<Option<(usize, usize, i64, i64)>> = vec![None; groups.len()];
    for (v, item) in l.items.iter().enumerate() {
        let (k, top) = match item.kind {
            Kind::Top(k) => (k, true),
            Kind::Bottom(k) => (k, false),
            _ => continue,
        };
        let e = span[k].get_or_insert((item.layer, item.layer, yy(v), yy(v)));
        e.0 = e.0.min(item.layer);
        e.1 = e.1.max(item.layer);
        if top {
            e.2 = yy(v);
        } else {
            e.3 = yy(v);
        }
    }
    for (k, s) in span.iter().enumerate() {
        if let Some((first, last, top, bottom)) = *s {
            let pad = groups[k].padding.max(0) as i64;
            let x0 = col_x[first] - pad;
            let x1 = col_x[last] + col_w[last] + pad;
            frames[k] = Some(Rect {
                x: px(x0),
                y: px(top),
                width: px(x1 - x0),
                height: px(bottom - top),
            });
            height = height.max(bottom + margin);
        }
    }
    Layout {
        nodes: node_rects,
        groups: frames,
        edges: polylines,
        width: px(width),
        height: px(height),
    }
}

fn px(v: i64) -> i32 {
    v.clamp(i32::MIN as i64, i32::MAX as i64) as i32
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(pts: &[(i64, i64)]) -> Vec<Point> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(pts.len());
    for &p in pts {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        out.push(p);
    }
    out.into_iter()
        .map(|(x, y)| Point::new(px(x), px(y)))
        .collect()
}
