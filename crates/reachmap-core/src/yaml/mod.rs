//! YAML as text, the way kubectl (go-yaml, YAML 1.1) reads and writes it. Values come from
//! serde_yaml; everything here is about the bytes around them:
//! - reading: `split` cuts a text into documents at `---` lines, `limits` refuses what would
//!   hang the parser, `document` reads each into a value with its byte span and the objects
//!   it holds (`Parsed::documents`), `error` words syntax errors as go-yaml does;
//! - writing: `emit` writes objects as `kubectl -o yaml` does, `quote` quotes scalars as
//!   go-yaml does, `edit` changes one document's text in place, `splice` adds, replaces and
//!   removes documents keeping every other byte;
//! - `resolve`: what a plain scalar is to YAML 1.1 (booleans, timestamps), for all of these;
//! - `lex`: the editor's line lexer, under `highlight`.

pub(crate) mod build;
pub mod document;
pub mod edit;
pub mod emit;
mod error;
pub(crate) mod json;
pub(crate) mod lex;
pub mod limits;
pub(crate) mod list_items;
pub(crate) mod marks;
pub mod quote;
pub(crate) mod resolve;
pub(crate) mod scalar;
pub mod splice;
pub(crate) mod split;

pub use document::{Document, DocumentObject, ObjectHead};
pub use error::YamlError;

#[cfg(test)]
mod readers_agree;
