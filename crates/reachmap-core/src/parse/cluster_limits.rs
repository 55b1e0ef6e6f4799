//! The schema's `maxItems` of the cluster policy kinds, checked by the readers of rules
//! (`cluster`) and of ports (`cluster_ports`) alike.

use super::reader::{Node, ObjectReader};
use crate::diag::Code;
use crate::model::ClusterKind;

/// The most rules per direction and peers per rule: 25 in v1alpha2, 100 in v1alpha1.
pub(super) fn max_items(kind: ClusterKind) -> usize {
    if kind.is_v1alpha1() {
        100
    } else {
        25
    }
}

/// Records an error when a list holds more items than the schema's `maxItems`.
pub(super) fn check_max(r: &mut ObjectReader, items: &[Node], at: &Node, key: &str, max: usize) {
    if items.len() > max {
        if let Some(list) = r.field(at, key) {
            r.error(
                Code::Limit,
                &list,
                format!(
                    "`{key}` has {} items; the API server allows at most {max}",
                    items.len()
                ),
            );
        }
    }
}
