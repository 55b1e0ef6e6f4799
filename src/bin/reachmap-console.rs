//! The console's module: trunk builds this binary for wasm32 (index.html: without putting it
//! into the page), and the page loads it when the console is first used
//! (`reachmap_web::app::console_stub`); it runs the simulated kubectl in the page's console pane.
//! On other targets it is an empty program.

#[cfg(target_arch = "wasm32")]
fn main() {
    reachmap_web::app::console::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
