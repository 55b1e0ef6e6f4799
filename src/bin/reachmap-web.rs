//! The page's entry point: trunk builds this binary for wasm32 and it mounts the app.
//! Everything else lives in `reachmap_web::app`; on other targets it is an empty program, so
//! `cargo build --all-targets` keeps working natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    reachmap_web::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
