//! Diagnostics: what the parser and the analysis say about the input, each with a place.
//!
//! A diagnostic is a value, never a failure: parsing always returns a model together with
//! the diagnostics found on the way (see `ARCHITECTURE.md`).

use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing that changes nothing (a kind that is not analysed).
    Info,
    /// Accepted by the API server, but probably not what the author meant.
    Warning,
    /// The API server would reject the object, or the text is not YAML at all.
    /// An object with an error is left out of the analysis, as it would be absent from a cluster.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where a diagnostic points: a position in one input text.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Index of the input (file) among those parsed together, from 0.
    pub source: usize,
    /// Index of the YAML document within that input, from 0.
    pub document: usize,
    /// Line in the input text, from 1.
    pub line: u32,
    /// Column in the input text, from 1 (in characters).
    pub column: u32,
}

/// The kind of a diagnostic: a stable name a script can match on (`reachmap check --format json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The text of a document is not valid YAML or JSON.
    Syntax,
    /// A document is not a mapping with `apiVersion` and `kind`.
    NotAnObject,
    /// A kind Reachmap does not analyse (Ingress, ConfigMap, a custom resource).
    NotAnalysed,
    /// A required field is missing.
    MissingField,
    /// A field the object's schema does not have (a misspelt key): `kubectl --validate=strict`,
    /// kubectl's default, refuses the object.
    UnknownField,
    /// A field has the wrong type (a string where a number belongs, …).
    WrongType,
    /// A field has a value the API server rejects (a port of 70000, an unknown protocol, …).
    InvalidValue,
    /// A name that is not a valid DNS label or subdomain.
    InvalidName,
    /// A label key or value the API server rejects.
    InvalidLabel,
    /// A label selector the API server rejects.
    InvalidSelector,
    /// A CIDR or an `except` the API server rejects.
    InvalidCidr,
    /// Two objects of the same kind, namespace and name.
    Duplicate,
    /// A field that is accepted but has no effect, or a default that may surprise.
    Ineffective,
    /// A limit on the input was exceeded.
    Limit,
    /// A Service finding: its selector matches no pod.
    SelectsNothing,
    /// A Service finding: a named targetPort that some or all selected pods lack.
    TargetPortMissing,
    /// A Service finding: a numeric targetPort that no selected container declares.
    TargetPortUndeclared,
    /// A Service finding: a multi-port Service with an unnamed port.
    UnnamedPort,
    /// A Service finding: two ports of one Service clash.
    DuplicatePort,
    /// A verdict depends on something the manifests do not say.
    Assumption,
    /// A policy isolates pods' egress and nothing admits their DNS lookups.
    NoDns,
    /// A NetworkPolicy rule whose removal changes no verdict: other rules admit all it admits.
    RedundantRule,
}

impl Code {
    /// The kebab-case name used in text and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::NotAnObject => "not-an-object",
            Code::NotAnalysed => "not-analysed",
            Code::MissingField => "missing-field",
            Code::UnknownField => "unknown-field",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::InvalidName => "invalid-name",
            Code::InvalidLabel => "invalid-label",
            Code::InvalidSelector => "invalid-selector",
            Code::InvalidCidr => "invalid-cidr",
            Code::Duplicate => "duplicate",
            Code::Ineffective => "ineffective",
            Code::Limit => "limit",
            Code::SelectsNothing => "selects-nothing",
            Code::TargetPortMissing => "target-port-missing",
            Code::TargetPortUndeclared => "target-port-undeclared",
            Code::UnnamedPort => "unnamed-port",
            Code::DuplicatePort => "duplicate-port",
            Code::Assumption => "assumption",
            Code::NoDns => "no-dns",
            Code::RedundantRule => "redundant-rule",
        }
    }
}

/// One thing the parser or the analysis has to say about the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether the object is left out of the model (`Error`) or only worth knowing.
    pub severity: Severity,
    /// What kind of problem, as a stable name scripts match on.
    pub code: Code,
    /// Where to look: the field `path` names, else the start of the object or document.
    pub location: Location,
    /// The field the diagnostic is about, as `spec.ports[0].targetPort`; empty for a whole document.
    pub path: String,
    /// The object it is about, as `Service default/nginx`; empty when there is none.
    pub object: String,
    /// A sentence a person understands.
    pub message: String,
}

impl Diagnostic {
    /// Orders diagnostics by place first, so that they read top to bottom; at one place, the
    /// most serious first.
    pub fn sort_key(&self) -> (usize, u32, u32, std::cmp::Reverse<Severity>) {
        (
            self.location.source,
            self.location.line,
            self.location.column,
            std::cmp::Reverse(self.severity),
        )
    }
}

/// Sorts diagnostics into reading order (`Diagnostic::sort_key`), keeping the order in which
/// they were found among those at one place. The one definition of that order for the parser
/// and the analysis.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    crate::order::sort_by_cached_key(diagnostics, Diagnostic::sort_key);
}
