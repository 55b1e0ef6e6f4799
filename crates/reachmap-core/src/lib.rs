//! Reachmap's core: Kubernetes manifests in, Service reachability and NetworkPolicy verdicts
//! out, as plain data. Nothing here depends on the web stack, on clap or on the console; see
//! `ARCHITECTURE.md`.
#![warn(missing_docs)]

pub mod analysis;
pub mod diag;
/// YAML highlighting for the page's editor: escaped HTML with spans.
pub mod highlight;
pub mod model;
pub mod order;
pub mod parse;
pub mod report;
pub mod scene;
pub mod schema;
/// Share links: the text, compressed, in a URL fragment.
pub mod share;
/// A scene as a standalone SVG document (the page's export and `reachmap render`).
pub mod svg;
/// Bytes as text: UTF-8 without NUL, or the first byte at fault (files of the CLI and the page).
pub mod text;
pub mod yaml;

pub use diag::{Code, Diagnostic, Location, Severity};
pub use parse::{parse, parse_inputs, parse_inputs_with, parse_with, Input, ParseOptions, Parsed};
