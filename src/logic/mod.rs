//! The page's pure logic, compiled on every target so that `cargo test` checks it natively:
//! what the pickers offer, the flow a person chose and its answer, the share link's fragment,
//! the tabs, positions in the editor's text. Plain functions over the core's types; nothing
//! here touches the page's UI framework or the browser (`src/app/` calls these from its
//! components).

pub mod choices;
pub mod compare;
pub mod edit_history;
pub mod engine;
pub mod flow;
pub mod flow_entry;
pub mod fragment;
pub mod matrix;
pub mod matrix_html;
pub mod pacer;
pub mod progress;
pub mod selection;
pub mod tab;
pub mod text_edits;
pub mod text_pos;
pub mod text_window;
pub mod wide_selection;

/// A reference example of `public/examples/reference/`, analysed: the logic's tests use them.
#[cfg(test)]
pub fn reference_example(name: &str) -> reachmap_core::analysis::Analysis {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/public/examples/reference/");
    let text = std::fs::read_to_string(format!("{root}{name}.yaml")).expect("a reference example");
    reachmap_core::analysis::Analysis::of(&text)
}
