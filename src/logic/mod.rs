//! The page's pure logic, compiled on every target so that `cargo test` checks it natively:
//! the share link's fragment, the tabs, positions in the editor's text. Plain functions over
//! the core's types; nothing here names leptos or the browser (`src/app/` calls these from its
//! components).

pub mod fragment;
pub mod tab;
pub mod text_pos;
