//! YAML as text, the way kubectl (go-yaml, YAML 1.1) reads and writes it: documents cut at
//! `---` lines, the limits that keep a hostile text from hanging the parser, syntax errors in
//! go-yaml's words, objects written and scalars quoted as kubectl writes them, and what a plain
//! scalar means to YAML 1.1. Values come from serde_yaml; everything here is about the bytes
//! around them.

pub mod document;
pub mod edit;
pub mod emit;
mod error;
pub(crate) mod lex;
pub mod limits;
pub mod quote;
pub(crate) mod resolve;
pub mod split;

pub use document::{Document, DocumentObject, ObjectHead};
pub use error::YamlError;
