//! Reachmap's page: a Leptos client-side app over `reachmap-core` and `reachmap-kubectl`,
//! built for wasm32 by trunk. Natively only its plain-data parts are built, and tested with
//! `cargo test`: `logic` (the page's pure logic) and `bridge` (the messages between the page and
//! the console's module); the workspace's architecture tests live beside it
//! (`tests/architecture.rs`).

/// The web page (Leptos, client-side rendering); only built for wasm32.
#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod bridge;
pub mod logic;
pub mod worker_bridge;
