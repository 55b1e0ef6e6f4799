//! Reachmap's core: Kubernetes manifests in, Service reachability and NetworkPolicy verdicts
//! out, as plain data. Nothing here depends on the web stack; see `ARCHITECTURE.md`.

pub mod analysis;
/// The web page (Leptos, client-side rendering); only built for wasm32.
#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod diag;
/// YAML highlighting for the page's editor: escaped HTML with spans.
pub mod highlight;
/// A simulated kubectl over the manifest text, for the page's console.
pub mod kubectl;
pub mod model;
pub mod order;
pub mod parse;
pub mod report;
pub mod scene;
/// Share links: the text, compressed, in a URL fragment.
pub mod share;
/// A scene as a standalone SVG document (the page's export and `reachmap render`).
pub mod svg;
/// Synthetic clusters for benchmarks and tests.
pub mod synth;
/// Bytes as text: UTF-8 without NUL, or the first byte at fault (files of the CLI and the page).
pub mod text;

pub use diag::{Code, Diagnostic, Location, Severity};
pub use parse::{parse, parse_inputs, Input, Parsed};
