//! The analysis worker's module: trunk builds this binary for wasm32 (index.html: without
//! putting it into the page), and the page starts it in a Web Worker
//! (`reachmap_web::app::derived`); it parses, analyses and draws off the page's thread
//! (`reachmap_web::logic::engine`). On other targets it is an empty program.

#[cfg(target_arch = "wasm32")]
fn main() {
    reachmap_web::app::analysis_worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
