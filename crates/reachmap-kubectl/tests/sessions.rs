//! Console sessions as data: each `tests/kubectl/*.session` file is a transcript, replayed
//! command by command through `kubectl::run`, and every output must match exactly.
//!
//! Format:
//! - `$ COMMAND` (or `/ # COMMAND` inside a pod's shell) runs a command; a line ending in `\`
//!   continues on the next. The lines after it, up to the next command or `@` line, are its
//!   exact expected output. The prompt must be the one the session shows at that point.
//! - `@ start FILE`: the manifests begin as `tests/kubectl/FILE` (else empty).
//! - `@ fails`: the command before exited with an error (else it must succeed).
//! - `@ manifests` then lines: the whole manifest text after the command before, exactly.
//! - `@ contains TEXT`: the manifest text contains TEXT (a line, trimmed of the `@ contains `).
//! - `@ tried FROM -> TO PORT: VERDICT`: the flow the command tried (`PORT` `-` when empty).
//! - `#` lines outside an expected block are comments.
//!
//! Files a command may name with `-f` are the reference examples in
//! `public/examples/reference/` and the session files' own folder.

use reachmap_core::Input;
use reachmap_kubectl::Console;
use std::fs;
use std::path::Path;

#[derive(Debug)]
enum Step {
    Command {
        prompt: String,
        line: String,
        expected: Vec<String>,
        at: usize,
    },
    Fails(usize),
    Manifests(Vec<String>, usize),
    Contains(String, usize),
    Tried(String, usize),
}

fn is_marker(line: &str) -> bool {
    line.starts_with("$ ") || line == "$" || line.starts_with("/ # ") || line.starts_with("@ ")
}

fn read_steps(text: &str) -> (Option<String>, Vec<Step>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = None;
    let mut steps = Vec::new();
    let mut i = 0;
    let block = |i: &mut usize| {
        let mut out = Vec::new();
        while *i < lines.len() && !is_marker(lines[*i]) {
            out.push(lines[*i].to_string());
            *i += 1;
        }
        // Blank lines before the next marker separate steps; they are not output.
        while out.last().is_some_and(|l: &String| l.is_empty()) {
            out.pop();
        }
        out
    };
    while i < lines.len() {
        let line = lines[i];
        let at = i + 1;
        i += 1;
        if let Some(file) = line.strip_prefix("@ start ") {
            start = Some(file.trim().to_string());
        } else if line == "@ fails" {
            steps.push(Step::Fails(at));
        } else if line == "@ manifests" {
            steps.push(Step::Manifests(block(&mut i), at));
        } else if let Some(t) = line.strip_prefix("@ contains ") {
            steps.push(Step::Contains(t.to_string(), at));
        } else if let Some(t) = line.strip_prefix("@ tried ") {
            steps.push(Step::Tried(t.to_string(), at));
        } else if line.starts_with("$ ") || line == "$" || line.starts_with("/ # ") {
            let (prompt, mut command) = if let Some(c) = line.strip_prefix("/ # ") {
                ("/ # ", c.to_string())
            } else {
                ("$ ", line.strip_prefix("$ ").unwrap_or("").to_string())
            };
            while command.ends_with('\\') && i < lines.len() {
                command.push('\n');
                command.push_str(lines[i]);
                i += 1;
            }
            let expected = block(&mut i);
            steps.push(Step::Command {
                prompt: prompt.into(),
                line: command,
                expected,
                at,
            });
        } else if line.starts_with('#') || line.trim().is_empty() {
        } else {
            panic!("line {at}: expected a command, an @ line or a comment: {line:?}");
        }
    }
    (start, steps)
}

fn files(dir: &Path) -> Vec<Input> {
    let mut out = Vec::new();
    for folder in [
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/examples/reference"
        )),
        dir,
    ] {
        let mut entries: Vec<_> = fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(Input {
                    name: p.file_name().unwrap().to_string_lossy().into_owned(),
                    text: fs::read_to_string(&p).unwrap(),
                });
            }
        }
    }
    out
}

/// Replays one session; returns the mismatches.
fn replay(path: &Path) -> Vec<String> {
    let dir = path.parent().unwrap();
    let (start, steps) = read_steps(&fs::read_to_string(path).unwrap());
    let text = start
        .map(|f| fs::read_to_string(dir.join(f)).unwrap())
        .unwrap_or_default();
    let mut console = Console::new(text, files(dir));
    let mut last = None;
    let mut errors = Vec::new();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // A command that failed must be followed by `@ fails`.
    let mut unexpected_failure: Option<(usize, String)> = None;
    for step in steps {
        if matches!(step, Step::Command { .. }) {
            if let Some((at, output)) = unexpected_failure.take() {
                errors.push(format!(
                    "{name}:{at}: the command failed (add `@ fails` if it should):\n{output}"
                ));
            }
        }
        match step {
            Step::Command {
                prompt,
                line,
                expected,
                at,
            } => {
                if console.prompt() != prompt {
                    errors.push(format!(
                        "{name}:{at}: the prompt is {:?}, not {prompt:?}",
                        console.prompt()
                    ));
                }
                let outcome = console.run(&line);
                let got: Vec<&str> = outcome.output.lines().collect();
                if got != expected {
                    errors.push(format!(
                        "{name}:{at}: `{line}` printed\n{}\n--- expected\n{}\n---",
                        outcome.output,
                        expected.join("\n")
                    ));
                }
                if !outcome.ok {
                    unexpected_failure = Some((at, outcome.output.clone()));
                }
                last = Some((line, outcome, at));
            }
            Step::Fails(at) => {
                unexpected_failure = None;
                if last.as_ref().is_some_and(|(_, o, _)| o.ok) {
                    errors.push(format!("{name}:{at}: the command before succeeded"));
                }
            }
            Step::Manifests(expected, at) => {
                let text = console.text();
                let got: Vec<&str> = text.lines().collect();
                if got != expected {
                    errors.push(format!(
                        "{name}:{at}: the manifests are\n{text}\n--- expected\n{}\n---",
                        expected.join("\n")
                    ));
                }
            }
            Step::Contains(t, at) => {
                let text = console.text();
                if !text.contains(&t) {
                    errors.push(format!(
                        "{name}:{at}: the manifests do not contain {t:?}:\n{text}"
                    ));
                }
            }
            Step::Tried(expected, at) => {
                let got = last
                    .as_ref()
                    .and_then(|(_, o, _)| o.tried.as_ref())
                    .map(|t| {
                        let port = if t.port.is_empty() {
                            "-"
                        } else {
                            t.port.as_str()
                        };
                        format!("{} -> {} {port}: {:?}", t.from, t.to, t.verdict).to_lowercase()
                    });
                if got.as_deref() != Some(expected.to_lowercase().as_str()) {
                    errors.push(format!("{name}:{at}: tried {got:?}, expected {expected:?}"));
                }
            }
        }
    }
    if let Some((at, output)) = unexpected_failure {
        errors.push(format!(
            "{name}:{at}: the command failed (add `@ fails` if it should):\n{output}"
        ));
    }
    errors
}

#[test]
fn sessions() {
    let mut paths: Vec<_> = fs::read_dir("tests/kubectl")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "session"))
        .collect();
    paths.sort();
    let only = std::env::var("SESSION").ok();
    let mut errors = Vec::new();
    let mut ran = 0;
    for p in &paths {
        if only
            .as_ref()
            .is_some_and(|o| !p.to_string_lossy().contains(o.as_str()))
        {
            continue;
        }
        ran += 1;
        errors.extend(replay(p));
    }
    assert!(
        only.is_some() || ran > 0,
        "no session files in tests/kubectl"
    );
    assert!(
        errors.is_empty(),
        "{} mismatches:\n\n{}",
        errors.len(),
        errors.join("\n\n")
    );
}

/// The checker can fail: a wrong expected output is caught.
#[test]
fn a_wrong_expectation_is_caught() {
    let dir = std::env::temp_dir().join(format!("reachmap-session-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let p = dir.join("wrong.session");
    fs::write(
        &p,
        "$ kubectl frobnicate\nthis is not what kubectl says\n@ fails\n",
    )
    .unwrap();
    let errors = replay(&p);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
}
