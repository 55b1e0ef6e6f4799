//! The field names Kubernetes accepts, per object schema, so that parsing can refuse an
//! unknown field as `kubectl --validate=strict` (kubectl's default) does, with a "did you
//! mean". The table (`table.rs`) is generated from the Kubernetes OpenAPI document and the
//! network-policy-api CRDs by `scripts/gen_schema.py`; this file is its hand-written API.
//!
//! Walking a document: start with `Child::Object(root_schema(api_version, kind)?)`; for each
//! mapping key `child.field(key)` — `Unknown` is the error (suggest with `field_names` of the
//! `Object(id)` it was looked up in); for each sequence element `child.element()`.

pub mod suggest;
mod table;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod table_tests_kinds;

pub use suggest::suggest;
pub use table::K8S_VERSION;
use table::{ROOTS, SCHEMAS};

/// Index of a schema in the table.
pub type SchemaId = u16;

/// What a field holds, as far as checking field names goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Child {
    /// A scalar (string, number, bool, IntOrString, Quantity, Time) or a list of scalars:
    /// there are no field names below it.
    Scalar,
    /// Anything is accepted below (`status`, `managedFields`, `volumes`, `affinity`, a
    /// container's `env`, …): never flagged inside.
    Open,
    /// A map with arbitrary keys and scalar values (`labels`, `annotations`, `matchLabels`,
    /// Service `spec.selector`, `nodeSelector`).
    StringMap,
    /// An object whose field names are those of the schema.
    Object(SchemaId),
    /// A list whose elements are objects of the schema.
    ListOf(SchemaId),
    /// `items` of a `v1 List`: each element is a whole object, checked against
    /// `root_schema(its apiVersion, its kind)`, open if that is `None`.
    Resources,
}

/// Result of looking a key up in a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// The key is a field of the schema; this is what it holds.
    Known(Child),
    /// Not a field of the schema: `kubectl --validate=strict` rejects it.
    Unknown,
}

/// Root schema of a kind (`apiVersion` as written in manifests: `v1`, `apps/v1`,
/// `networking.k8s.io/v1`, …). `None`: not checked, treat as open.
pub fn root_schema(api_version: &str, kind: &str) -> Option<SchemaId> {
    ROOTS
        .binary_search_by(|&(a, k, _)| (a, k).cmp(&(api_version, kind)))
        .ok()
        .map(|i| ROOTS[i].2)
}

/// What `key` holds in an object of `schema`, or `Unknown`.
pub fn lookup(schema: SchemaId, key: &str) -> Lookup {
    let fields = SCHEMAS[usize::from(schema)];
    match fields.binary_search_by(|&(name, _)| name.cmp(key)) {
        Ok(i) => Lookup::Known(fields[i].1),
        Err(_) => Lookup::Unknown,
    }
}

/// The valid field names of `schema`, sorted (for "did you mean").
pub fn field_names(
    schema: SchemaId,
) -> impl ExactSizeIterator<Item = &'static str> + Clone + 'static {
    SCHEMAS[usize::from(schema)].iter().map(|&(name, _)| name)
}

/// Number of schemas in the table; ids are `0..schema_count()`.
pub fn schema_count() -> usize {
    SCHEMAS.len()
}

impl Child {
    /// What `key` holds when this node is a mapping. Only an `Object` can answer `Unknown`; a
    /// map's keys are all accepted, and a mapping where a scalar or list belongs is a type
    /// error, not an unknown field, so nothing below it is checked (`Open`).
    pub fn field(self, key: &str) -> Lookup {
        match self {
            Child::Object(id) => lookup(id, key),
            Child::StringMap => Lookup::Known(Child::Scalar),
            _ => Lookup::Known(Child::Open),
        }
    }

    /// What each element holds when this node is a sequence. `Resources` gives `Open`:
    /// dispatch its elements with [`root_schema`] instead.
    pub fn element(self) -> Child {
        match self {
            Child::ListOf(id) => Child::Object(id),
            Child::Scalar => Child::Scalar,
            _ => Child::Open,
        }
    }
}
