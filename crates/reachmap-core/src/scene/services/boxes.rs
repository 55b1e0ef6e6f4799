//! The Services view's boxes: a placed box, and the widths of its columns (the ways a Service
//! is reached, the Services, the pods), which both the words that must fit (`access`) and the
//! layout read.

/// A placed box.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place {
    pub(super) x: i32,
    pub(super) y: i32,
    pub(super) w: i32,
    pub(super) h: i32,
}

pub(super) const ACCESS_W: i32 = 240;
pub(super) const SERVICE_W: i32 = 260;
pub(super) const POD_W: i32 = 280;
