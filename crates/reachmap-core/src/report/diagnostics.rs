//! Diagnostics as `file:line:column: severity: message` lines, or as JSON.

use super::clean;
use crate::diag::{Diagnostic, Severity};
use serde::Serialize;

/// One diagnostic on one line, compiler style, so editors can jump to it.
pub fn format_diagnostic(sources: &[String], d: &Diagnostic) -> String {
    let file = sources
        .get(d.location.source)
        .map(String::as_str)
        .unwrap_or("<input>");
    let mut line = format!(
        "{file}:{}:{}: {}: {}",
        d.location.line,
        d.location.column,
        d.severity,
        clean(&d.message)
    );
    let mut context = Vec::new();
    if !d.object.is_empty() {
        context.push(clean(&d.object));
    }
    if !d.path.is_empty() {
        context.push(clean(&d.path));
    }
    line.push_str(&format!(" [{}", d.code.name()));
    if !context.is_empty() {
        line.push_str(&format!(": {}", context.join(" ")));
    }
    line.push(']');
    line
}

/// All diagnostics, one per line.
pub fn diagnostics_text(sources: &[String], diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format_diagnostic(sources, d) + "\n")
        .collect()
}

/// A diagnostic as JSON: its fields and the name of its file.
#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
    file: &'a str,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

impl<'a> JsonDiagnostic<'a> {
    pub(super) fn new(sources: &'a [String], d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            file: sources
                .get(d.location.source)
                .map(String::as_str)
                .unwrap_or("<input>"),
            diagnostic: d,
        }
    }
}

/// All diagnostics as a JSON array, each with its file name.
pub fn diagnostics_json(sources: &[String], diagnostics: &[Diagnostic]) -> String {
    let rows: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(sources, d))
        .collect();
    serde_json::to_string_pretty(&rows).expect("diagnostics serialize") + "\n"
}

/// `1 error, 2 warnings, 0 infos`.
pub fn diagnostics_summary(diagnostics: &[Diagnostic]) -> String {
    let count = |severity: Severity, word: &str| {
        let k = diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count();
        format!("{k} {word}{}", if k == 1 { "" } else { "s" })
    };
    format!(
        "{}, {}, {}",
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning"),
        count(Severity::Info, "info")
    )
}
