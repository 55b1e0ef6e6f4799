//! Reachmap's page: a Leptos client-side app over `reachmap-core` and `reachmap-kubectl`,
//! built for wasm32 by trunk. Natively this library holds only `bridge`, the messages between
//! the page and the console's module (plain data, tested natively); the workspace's
//! architecture tests live beside it (`tests/architecture.rs`).

pub mod bridge;

/// The web page (Leptos, client-side rendering); only built for wasm32.
#[cfg(target_arch = "wasm32")]
pub mod app;
