//! Where everything of the Services view goes. Vertically, band by band: Services stacked,
//! then each pod moved down to face the Services selecting it, then each Service down to face
//! its own pods, then the pods again, so most arrows run straight; boxes only ever move down,
//! so nothing overlaps. Horizontally, the channels between the columns are as wide as their
//! tracks (one per bent arrow, shared where extents do not overlap) and, right of the tracks,
//! the widest edge label.

use super::super::draw;
use super::super::route;
use super::super::text::{self, LABEL_SIZE};
use super::boxes::{ACCESS_W, POD_W, SERVICE_W};
use super::gather::{Diagram, DrawnService, Target};
use std::collections::BTreeMap;

pub(super) const MARGIN: i32 = 24;
pub(super) const HEADING: i32 = 30;
/// Frame padding around the pods, and the frame's label band on top.
pub(super) const FRAME_PAD: i32 = 14;
pub(super) const FRAME_HEADER: i32 = 30;
/// Vertical gaps: between pods, between Services, between bands.
const POD_GAP: i32 = 14;
const SERVICE_GAP: i32 = 20;
const ACCESS_GAP: i32 = 10;
const BAND_GAP: i32 = 26;
/// Distance between edge ends along a box side, and between tracks in a channel.
const PORT_STEP: i32 = 20;
pub(super) const TRACK_STEP: i32 = 7;
/// Channel margins left and right of the tracks.
pub(super) const CHANNEL_MARGIN: i32 = 18;

/// The columns' places and the arrows' tracks.
pub(super) struct Layout {
    pub(super) width: i32,
    pub(super) height: i32,
    pub(super) any_services: bool,
    pub(super) access_x: i32,
    pub(super) service_x: i32,
    pub(super) frame_x: i32,
    pub(super) pod_x: i32,
    /// Per (Service, access node): the y where its arrow leaves and enters.
    pub(super) access_ends: BTreeMap<(usize, usize), (i32, i32)>,
    /// The track of each bent arrow.
    pub(super) access_track: BTreeMap<(usize, usize), usize>,
    pub(super) port_track: BTreeMap<usize, usize>,
}

impl Layout {
    pub(super) fn access_track_x(&self, key: (usize, usize)) -> i32 {
        let t = self.access_track.get(&key).copied().unwrap_or(0);
        self.access_x + ACCESS_W + CHANNEL_MARGIN + TRACK_STEP * t as i32
    }

    pub(super) fn port_track_x(&self, edge: usize) -> i32 {
        let t = self.port_track.get(&edge).copied().unwrap_or(0);
        self.service_x + SERVICE_W + CHANNEL_MARGIN + TRACK_STEP * t as i32
    }
}

pub(super) fn layout(d: &mut Diagram) -> Layout {
    let Diagram {
        bands,
        services,
        targets,
        edges,
        order,
        exits,
        entries,
        ..
    } = d;
    // Sizes.
    for (si, ds) in services.iter_mut().enumerate() {
        for a in &mut ds.access {
            a.place.w = ACCESS_W;
            a.place.h = draw::node_height(a.lines.len(), false);
        }
        let by_text = draw::node_height(ds.lines.len(), false);
        let by_ports = side_height(exits[si].len().max(ds.access.len()));
        ds.place.w = SERVICE_W;
        ds.place.h = by_text.max(by_ports);
    }
    for (t, dt) in targets.iter_mut().enumerate() {
        dt.place.w = POD_W;
        let lines = match dt.target {
            Target::Group(_) => 2,
            Target::Address(..) | Target::Namespace(_) => 1,
        };
        dt.place.h = draw::node_height(lines, false).max(side_height(entries[t].len()));
    }

    // Where each edge ends along its boxes' sides.
    let mut exit_rank = vec![0; edges.len()];
    let mut entry_rank = vec![0; edges.len()];
    for list in exits.iter() {
        for (k, &i) in list.iter().enumerate() {
            exit_rank[i] = k;
        }
    }
    for list in entries.iter() {
        for (k, &i) in list.iter().enumerate() {
            entry_rank[i] = k;
        }
    }

    // Vertical layout, band by band: Services stacked, then each pod moved down to face the
    // Services selecting it, then each Service down to face its pods, then the pods again, so
    // most arrows run straight. Boxes only ever move down, so nothing overlaps.
    let any_services = !services.is_empty();
    let mut y = MARGIN + HEADING;
    for (b, band) in bands.iter_mut().enumerate() {
        let top = y;
        let start = top + FRAME_HEADER;
        let in_band_services: Vec<usize> = (0..services.len())
            .filter(|&si| services[si].band == b)
            .collect();
        let in_band: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&t| targets[t].band == b)
            .collect();
        let block = |ds: &DrawnService| {
            let access: i32 = ds.access.iter().map(|a| a.place.h + ACCESS_GAP).sum();
            ds.place.h.max(access - ACCESS_GAP)
        };
        let mut svc_y: BTreeMap<usize, i32> = BTreeMap::new();
        let mut pod_y: BTreeMap<usize, i32> = BTreeMap::new();
        for pass in 0..4 {
            if pass % 2 == 0 {
                let mut next = start;
                for &si in &in_band_services {
                    // Facing its pods: the mean of (pod top + entry) − exit offset; only for
                    // pods no other Service selects, which would pull them both around.
                    let shared = exits[si].iter().any(|&i| {
                        entries[edges[i].target]
                            .iter()
                            .any(|&j| edges[j].source != si)
                    });
                    let wanted = average(exits[si].iter().filter(|_| !shared).filter_map(|&i| {
                        pod_y
                            .get(&edges[i].target)
                            .map(|ty| ty + side_offset(entry_rank[i]) - side_offset(exit_rank[i]))
                    }));
                    let y = next.max(wanted.unwrap_or(next));
                    svc_y.insert(si, y);
                    next = y + block(&services[si]) + SERVICE_GAP;
                }
            } else {
                let mut next = start;
                for &t in &in_band {
                    let wanted = average(entries[t].iter().filter_map(|&i| {
                        svc_y
                            .get(&edges[i].source)
                            .map(|sy| sy + side_offset(exit_rank[i]) - side_offset(entry_rank[i]))
                    }));
                    let y = next.max(wanted.unwrap_or(next));
                    pod_y.insert(t, y);
                    next = y + targets[t].place.h + POD_GAP;
                }
            }
        }
        let mut services_bottom = top;
        for (&si, &sy) in &svc_y {
            let ds = &mut services[si];
            ds.place.y = sy;
            let mut ay = sy;
            for a in &mut ds.access {
                a.place.y = ay;
                ay += a.place.h + ACCESS_GAP;
            }
            services_bottom = services_bottom.max(sy + block(ds));
        }
        let mut pods_bottom = None;
        for (&t, &ty) in &pod_y {
            targets[t].place.y = ty;
            pods_bottom = Some(pods_bottom.unwrap_or(0).max(ty + targets[t].place.h));
        }
        // An empty frame still shows its namespace.
        let frame_bottom = pods_bottom.map_or(start + 26, |b| b + FRAME_PAD);
        band.frame.y = top;
        band.frame.h = frame_bottom - top;
        y = frame_bottom.max(services_bottom) + BAND_GAP;
    }
    let bottom = y - BAND_GAP;

    // Edge ends.
    let mut ends: Vec<(i32, i32)> = (0..edges.len())
        .map(|i| {
            (
                services[edges[i].source].place.y + side_offset(exit_rank[i]),
                targets[edges[i].target].place.y + side_offset(entry_rank[i]),
            )
        })
        .collect();
    route::separate_ends(&mut ends);
    for (e, (exit, entry)) in edges.iter_mut().zip(ends) {
        e.exit_y = exit;
        e.entry_y = entry;
    }

    // Channels: access → Service (one track per arrow), Service → pods (one per arrow).
    let access_keys: Vec<(usize, usize)> = services
        .iter()
        .enumerate()
        .flat_map(|(si, ds)| (0..ds.access.len()).map(move |k| (si, k)))
        .collect();
    let mut access_ys: Vec<(i32, i32)> = access_keys
        .iter()
        .map(|&(si, k)| {
            let ds = &services[si];
            (
                ds.access[k].place.y + side_offset(0),
                ds.place.y + side_offset(k),
            )
        })
        .collect();
    route::separate_ends(&mut access_ys);
    let access_ends: BTreeMap<(usize, usize), (i32, i32)> =
        crate::order::map(access_keys.into_iter().zip(access_ys));
    let access_spans: Vec<((usize, usize), i64, i64)> = access_ends
        .iter()
        .filter(|(_, (from, to))| from != to)
        .map(|(k, (from, to))| (*k, *from as i64, *to as i64))
        .collect();
    let (access_track, access_tracks) = route::tracks(&access_spans);
    let port_spans: Vec<(usize, i64, i64)> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.exit_y != e.entry_y)
        .map(|(i, e)| (i, e.exit_y as i64, e.entry_y as i64))
        .collect();
    let (port_track, port_tracks) = route::tracks(&port_spans);
    let label_room = edges
        .iter()
        .map(|e| text::width(&e.label, LABEL_SIZE, false))
        .max()
        .unwrap_or(0);

    // Horizontal layout.
    let access_x = MARGIN;
    let gap1 = 2 * CHANNEL_MARGIN + TRACK_STEP * access_tracks as i32;
    let service_x = access_x + ACCESS_W + gap1;
    let gap2 = 2 * CHANNEL_MARGIN + TRACK_STEP * port_tracks as i32 + label_room.max(40) + 8;
    let frame_x = if any_services {
        service_x + SERVICE_W + gap2
    } else {
        MARGIN
    };
    let pod_x = frame_x + FRAME_PAD;
    for ds in services.iter_mut() {
        ds.place.x = service_x;
        for a in &mut ds.access {
            a.place.x = access_x;
        }
    }
    for t in targets.iter_mut() {
        t.place.x = pod_x;
    }
    for band in bands.iter_mut() {
        band.frame.x = frame_x;
        band.frame.w = POD_W + 2 * FRAME_PAD;
    }
    let width = frame_x + POD_W + 2 * FRAME_PAD + MARGIN;
    let height = bottom.max(MARGIN + HEADING + 40) + MARGIN;
    Layout {
        width: width.max(480),
        height,
        any_services,
        access_x,
        service_x,
        frame_x,
        pod_x,
        access_ends,
        access_track,
        port_track,
    }
}

/// The mean of some positions, if any.
fn average(values: impl Iterator<Item = i32>) -> Option<i32> {
    let (sum, n) = values.fold((0i64, 0i64), |(s, n), v| (s + v as i64, n + 1));
    (n > 0).then(|| (sum / n) as i32)
}

/// The height a box side needs for `n` edge ends.
fn side_height(n: usize) -> i32 {
    side_offset(n.max(1) - 1) + 18
}

/// Where the `k`-th edge end sits below a box's top.
fn side_offset(k: usize) -> i32 {
    19 + PORT_STEP * k as i32
}
