//! The console's worker: trunk builds this binary for wasm32 as a Web Worker (index.html,
//! `data-type="worker"`); it answers the page's console with `reachmap::kubectl`. On other
//! targets it is an empty program.

#[cfg(target_arch = "wasm32")]
fn main() {
    reachmap::app::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
