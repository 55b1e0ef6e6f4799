//! The architecture's hard rules (ARCHITECTURE.md), as the crates' manifests state them: crate
//! boundaries make the compiler enforce them, and this test keeps the manifests honest.
//!
//! - `reachmap-core` depends on no web crate, not on clap and not on the console
//!   (`reachmap-kubectl`);
//! - `reachmap-kubectl` depends on no web crate and not on clap;
//! - `reachmap-cli` depends on no web crate;
//! - only the page (this package) names the web crates, and only as wasm32 dependencies;
//! - `reachmap-synth` (test data) is nobody's normal dependency.

use std::path::Path;

const WEB_CRATES: &[&str] = &[
    "leptos",
    "web-sys",
    "js-sys",
    "gloo",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "console_error_panic_hook",
];

/// Every dependency a manifest declares, as (section, crate name), sections as written.
fn dependencies(manifest: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t.to_string();
            continue;
        }
        // `[workspace.dependencies]` only names versions; members choose what they use.
        if !section.ends_with("dependencies]")
            || section.starts_with("[workspace")
            || t.starts_with('#')
        {
            continue;
        }
        // `name = …`, `name.workspace = true`: the name ends at `=`, `.` or a space.
        let Some(name) = t.split(['=', ' ', '.']).next().filter(|n| !n.is_empty()) else {
            continue;
        };
        out.push((section.clone(), name.to_string()));
    }
    out
}

fn manifest(crate_dir: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(crate_dir)
        .join("Cargo.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn is_web(name: &str) -> bool {
    WEB_CRATES.contains(&name) || name.starts_with("leptos") || name.starts_with("gloo")
}

/// The crate's normal (non-dev) dependencies that break `forbidden`.
fn offending(crate_dir: &str, forbidden: impl Fn(&str) -> bool) -> Vec<String> {
    dependencies(&manifest(crate_dir))
        .into_iter()
        .filter(|(section, _)| !section.contains("dev-dependencies"))
        .filter(|(_, name)| forbidden(name))
        .map(|(section, name)| format!("{crate_dir}: {name} in {section}"))
        .collect()
}

#[test]
fn the_core_depends_on_no_web_crate_no_clap_and_not_on_the_console() {
    let bad = offending("crates/reachmap-core", |n| {
        is_web(n) || n == "clap" || n == "reachmap-kubectl" || n == "reachmap-synth"
    });
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_console_depends_on_no_web_crate_and_no_clap() {
    let bad = offending("crates/reachmap-kubectl", |n| {
        is_web(n) || n == "clap" || n == "reachmap-synth"
    });
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_cli_depends_on_no_web_crate() {
    let bad = offending("crates/reachmap-cli", |n| {
        is_web(n) || n == "reachmap-synth"
    });
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn web_crates_are_the_pages_wasm32_dependencies_only() {
    let page = dependencies(&manifest("."));
    let web: Vec<_> = page.iter().filter(|(_, n)| is_web(n)).collect();
    assert!(!web.is_empty(), "the scan must see the page's web crates");
    for (section, name) in web {
        assert!(
            section.contains("cfg(target_arch = \"wasm32\")"),
            "`{name}` is a dependency in {section}; web crates belong under [target.'cfg(target_arch = \"wasm32\")'.dependencies]"
        );
    }
    assert!(
        !page
            .iter()
            .any(|(s, n)| n == "reachmap-synth" && !s.contains("dev-")),
        "the page ships no test data"
    );
}

#[test]
fn the_check_itself_can_fail() {
    let sample = "[workspace.dependencies]\nclap = \"4\"\n[dependencies]\nleptos = \"0.8\"\nserde.workspace = true\n# clap = 1\n\n[dev-dependencies]\nclap = \"4\"\n";
    let deps = dependencies(sample);
    assert_eq!(
        deps,
        [
            ("[dependencies]".to_string(), "leptos".to_string()),
            ("[dependencies]".to_string(), "serde".to_string()),
            ("[dev-dependencies]".to_string(), "clap".to_string()),
        ]
    );
    assert!(is_web("leptos") && is_web("web-sys") && !is_web("serde"));
}
