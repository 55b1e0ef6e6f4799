//! YAML as text, the way kubectl (go-yaml, YAML 1.1) reads and writes it: documents cut at
//! `---` lines, the limits that keep a hostile text from hanging the parser. Values come from
//! serde_yaml; everything here is about the bytes around them.

pub mod limits;
pub mod split;
