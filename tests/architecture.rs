//! The architecture's hard rule (ARCHITECTURE.md): the core never depends on the web stack.
//! Only the app module (`src/app/`) and the page's binaries (`src/bin/reachmap-web.rs`,
//! `src/bin/reachmap-console.rs`) may name
//! leptos, web-sys, gloo or wasm-bindgen, and those crates may only be wasm32 dependencies.

use std::path::{Path, PathBuf};

const WEB_CRATES: &[&str] = &[
    "leptos",
    "web_sys",
    "web-sys",
    "gloo",
    "wasm_bindgen",
    "wasm-bindgen",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn allowed_to_use_the_web(path: &Path, root: &Path) -> bool {
    let rel = path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    rel.starts_with("src/app/")
        || rel == "src/app.rs"
        || rel == "src/bin/reachmap-web.rs"
        || rel == "src/bin/reachmap-console.rs"
}

/// Whether a line of code names a crate (as a path segment, not inside a longer word).
fn names_crate(line: &str, krate: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices(krate).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + krate.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

#[test]
fn core_source_never_names_a_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 10, "the scan must see the sources");
    let mut offenders = Vec::new();
    for file in files.iter().filter(|f| !allowed_to_use_the_web(f, root)) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for krate in WEB_CRATES {
                if names_crate(line, krate) {
                    offenders.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core names the web stack:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn web_crates_are_wasm32_dependencies_only() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let mut section = String::new();
    for line in manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t.to_string();
            continue;
        }
        let Some(name) = t.split(['=', ' ']).next().filter(|n| !n.is_empty()) else {
            continue;
        };
        if WEB_CRATES.iter().any(|w| {
            name == *w
                || name.starts_with(&format!("{w}-"))
                || (*w == "leptos" && name.starts_with("leptos"))
        }) {
            assert!(
                section.contains("cfg(target_arch = \\\"wasm32\\\")") || section.contains("cfg(target_arch = \"wasm32\")"),
                "`{name}` is a dependency in {section}; web crates belong under [target.'cfg(target_arch = \"wasm32\")'.dependencies]"
            );
        }
    }
}

#[test]
fn the_check_itself_can_fail() {
    assert!(names_crate("use leptos::prelude::*;", "leptos"));
    assert!(names_crate("    web_sys::window()", "web_sys"));
    assert!(!names_crate("// leptos is only in the app", "leptos"));
    assert!(!names_crate("let leptos_like = 1;", "leptos"));
}
