//! Console sessions as data: each `tests/kubectl/*.session` file is a transcript, replayed
//! command by command through one `Console`, and every output must match exactly.
//!
//! The files are snapshots, as `expect-test` keeps them: replaying a file also writes the
//! transcript the console gives now — the same file with each command's prompt, output,
//! `@ fails`, `@ manifests` and `@ tried` as they are now, every other line kept — and the
//! test fails where the two differ, with a diff. `UPDATE_EXPECT=1 cargo test -p
//! reachmap-kubectl --test sessions` writes it into the file instead (review it with
//! `git diff`); a file that still matches is left byte for byte as it is. `SESSION=NAME`
//! replays only the files whose path contains NAME.
//!
//! Format:
//! - `$ COMMAND` (or `/ # COMMAND` inside a pod's shell) runs a command; a line ending in `\`
//!   continues on the next. The lines after it, up to the next command or `@` line, are its
//!   exact expected output (blank lines before the next command or `@` line separate steps;
//!   they are not output). The prompt must be the one the session shows at that point.
//! - `@ start FILE`: the manifests begin as `tests/kubectl/FILE` (else empty).
//! - `@ fails`: the command before exited with an error (else it must succeed).
//! - `@ manifests` then lines: the whole manifest text after the command before, exactly.
//! - `@ contains TEXT`: the manifest text contains TEXT (a line, trimmed of the `@ contains `);
//!   a check only, which no update writes.
//! - `@ tried FROM -> TO PORT: VERDICT`: the flow the command tried (`PORT` `-` when empty),
//!   compared without case; `@ tried nothing` when it tried none.
//! - `#` lines outside an expected block are comments.
//!
//! Files a command may name with `-f` are the reference examples in
//! `public/examples/reference/` and the session files' own folder.

use expect_test::expect_file;
use reachmap_core::Input;
use reachmap_kubectl::{Console, Outcome};
use std::fs;
use std::ops::Range;
use std::path::Path;

#[derive(Debug)]
enum Step {
    Command {
        prompt: String,
        line: String,
        expected: Vec<String>,
        /// The index of the command's first line, and of its output's lines.
        first: usize,
        block: Range<usize>,
    },
    Fails(usize),
    Manifests(Vec<String>, usize, Range<usize>),
    Contains(String, usize),
    Tried(String, usize),
}

fn is_marker(line: &str) -> bool {
    line.starts_with("$ ") || line == "$" || line.starts_with("/ # ") || line.starts_with("@ ")
}

/// The steps of a session file, with where each stands in its lines (indices from 0).
fn read_steps(lines: &[&str]) -> (Option<String>, Vec<Step>) {
    let mut start = None;
    let mut steps = Vec::new();
    let mut i = 0;
    // The lines up to the next marker, without the blank lines that end them.
    let block = |i: &mut usize| {
        let from = *i;
        while *i < lines.len() && !is_marker(lines[*i]) {
            *i += 1;
        }
        let mut end = *i;
        while end > from && lines[end - 1].is_empty() {
            end -= 1;
        }
        from..end
    };
    let owned = |r: &Range<usize>| -> Vec<String> {
        lines[r.clone()].iter().map(|l| l.to_string()).collect()
    };
    while i < lines.len() {
        let line = lines[i];
        let at = i;
        i += 1;
        if let Some(file) = line.strip_prefix("@ start ") {
            start = Some(file.trim().to_string());
        } else if line == "@ fails" {
            steps.push(Step::Fails(at));
        } else if line == "@ manifests" {
            let r = block(&mut i);
            steps.push(Step::Manifests(owned(&r), at, r));
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
            let r = block(&mut i);
            steps.push(Step::Command {
                prompt: prompt.into(),
                line: command,
                expected: owned(&r),
                first: at,
                block: r,
            });
        } else if line.starts_with('#') || line.trim().is_empty() {
        } else {
            panic!(
                "line {}: expected a command, an @ line or a comment: {line:?}",
                at + 1
            );
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

/// The flow an outcome tried, as `@ tried` writes it.
fn tried(outcome: &Outcome) -> Option<String> {
    outcome.tried.as_ref().map(|t| {
        let port = if t.port.is_empty() {
            "-"
        } else {
            t.port.as_str()
        };
        let verdict = format!("{:?}", t.verdict).to_lowercase();
        format!("{} -> {} {port}: {verdict}", t.from, t.to)
    })
}

/// One session replayed: the transcript as the console gives it now, and the mismatches.
struct Replay {
    transcript: String,
    errors: Vec<String>,
}

/// Replays one session.
fn replay(path: &Path) -> Replay {
    let dir = path.parent().unwrap();
    let original = fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = original.lines().collect();
    let (start, steps) = read_steps(&lines);
    let text = start
        .map(|f| fs::read_to_string(dir.join(f)).unwrap())
        .unwrap_or_default();
    let mut console = Console::new(text, files(dir));
    let mut last: Option<(Outcome, Range<usize>)> = None;
    let mut errors = Vec::new();
    // What the transcript says now, in place of lines of the file: (lines, new lines).
    let mut edits: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // A command that failed must be followed by `@ fails`.
    let mut unexpected_failure: Option<(usize, String, usize)> = None;
    let fail_unmarked = |failure: Option<(usize, String, usize)>,
                         errors: &mut Vec<String>,
                         edits: &mut Vec<(Range<usize>, Vec<String>)>| {
        if let Some((at, output, end)) = failure {
            errors.push(format!(
                "{name}:{}: the command failed (add `@ fails` if it should):\n{output}",
                at + 1
            ));
            edits.push((end..end, vec!["@ fails".into()]));
        }
    };
    for step in steps {
        if matches!(step, Step::Command { .. }) {
            fail_unmarked(unexpected_failure.take(), &mut errors, &mut edits);
        }
        match step {
            Step::Command {
                prompt,
                line,
                expected,
                first,
                block,
            } => {
                let now = console.prompt();
                if now != prompt {
                    errors.push(format!(
                        "{name}:{}: the prompt is {now:?}, not {prompt:?}",
                        first + 1
                    ));
                    let written = lines[first].strip_prefix(prompt.trim_end()).unwrap_or("");
                    let written = written.strip_prefix(' ').unwrap_or(written);
                    edits.push((
                        first..first + 1,
                        vec![format!("{now}{written}").trim_end().to_string()],
                    ));
                }
                let outcome = console.run(&line);
                let got: Vec<&str> = outcome.output.lines().collect();
                if got != expected {
                    errors.push(format!(
                        "{name}:{}: `{line}` printed\n{}\n--- expected\n{}\n---",
                        first + 1,
                        outcome.output,
                        expected.join("\n")
                    ));
                    edits.push((block.clone(), got.iter().map(|l| l.to_string()).collect()));
                }
                if !outcome.ok {
                    unexpected_failure = Some((first, outcome.output.clone(), block.end));
                }
                last = Some((outcome, block));
            }
            Step::Fails(at) => {
                unexpected_failure = None;
                if last.as_ref().is_some_and(|(o, _)| o.ok) {
                    errors.push(format!("{name}:{}: the command before succeeded", at + 1));
                    edits.push((at..at + 1, Vec::new()));
                }
            }
            Step::Manifests(expected, at, block) => {
                let text = console.text();
                let got: Vec<&str> = text.lines().collect();
                if got != expected {
                    errors.push(format!(
                        "{name}:{}: the manifests are\n{text}\n--- expected\n{}\n---",
                        at + 1,
                        expected.join("\n")
                    ));
                    edits.push((block, got.iter().map(|l| l.to_string()).collect()));
                }
            }
            Step::Contains(t, at) => {
                let text = console.text();
                if !text.contains(&t) {
                    errors.push(format!(
                        "{name}:{}: the manifests do not contain {t:?}:\n{text}",
                        at + 1
                    ));
                }
            }
            Step::Tried(expected, at) => {
                let got = last.as_ref().and_then(|(o, _)| tried(o));
                let expected = Some(expected).filter(|e| e != "nothing");
                // Without case: the files write kinds as they like (`[deployment]`).
                if got.as_ref().map(|g| g.to_lowercase())
                    != expected.as_ref().map(|e| e.to_lowercase())
                {
                    errors.push(format!(
                        "{name}:{}: tried {got:?}, expected {expected:?}",
                        at + 1
                    ));
                    let now = got.map_or("@ tried nothing".into(), |t| format!("@ tried {t}"));
                    edits.push((at..at + 1, vec![now]));
                }
            }
        }
    }
    fail_unmarked(unexpected_failure, &mut errors, &mut edits);
    Replay {
        transcript: apply(&original, edits),
        errors,
    }
}

/// `original` with `edits` made (each a range of its lines and the lines in their place).
fn apply(original: &str, mut edits: Vec<(Range<usize>, Vec<String>)>) -> String {
    let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
    // From the end, so that each range still means the original's lines; an insertion goes
    // after a replacement at the same place.
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    for (range, new) in edits.into_iter().rev() {
        lines.splice(range, new);
    }
    let mut out = lines.join("\n");
    if original.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn session_files() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/kubectl"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "session"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn sessions() {
    let only = std::env::var("SESSION").ok();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut errors = Vec::new();
    let mut ran = 0;
    for p in session_files() {
        if only
            .as_ref()
            .is_some_and(|o| !p.to_string_lossy().contains(o.as_str()))
        {
            continue;
        }
        ran += 1;
        let replay = replay(&p);
        // expect-test compares the file with the transcript: it prints the diff and fails,
        // or under UPDATE_EXPECT=1 writes the transcript into the file.
        let compared = std::panic::catch_unwind(|| expect_file![&p].assert_eq(&replay.transcript));
        if update {
            // What an update cannot write (`@ contains`) still fails.
            errors.extend(
                replay
                    .errors
                    .into_iter()
                    .filter(|e| e.contains("do not contain")),
            );
        } else {
            if compared.is_err() && replay.errors.is_empty() {
                errors.push(format!("{}: the transcript differs", p.display()));
            }
            errors.extend(replay.errors);
        }
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

/// The checker can fail: a wrong expected output is caught, and the transcript says what the
/// console prints instead.
#[test]
fn a_wrong_expectation_is_caught_and_rewritten() {
    let dir = std::env::temp_dir().join(format!("reachmap-session-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let p = dir.join("wrong.session");
    fs::write(
        &p,
        "# a comment\n$ kubectl frobnicate\nthis is not what kubectl says\n\n$ kubectl version\n@ fails\n/ # help\n@ tried a -> b -: allowed\n",
    )
    .unwrap();
    let first = replay(&p);
    // The transcript, replayed, is what the console says: nothing left to rewrite.
    fs::write(&p, &first.transcript).unwrap();
    let again = replay(&p);
    fs::remove_dir_all(&dir).unwrap();
    assert!(again.errors.is_empty(), "{:#?}", again.errors);
    assert_eq!(again.transcript, first.transcript);
    let replay = first;
    assert_eq!(replay.errors.len(), 7, "{:#?}", replay.errors);
    assert_eq!(
        replay.transcript.lines().take(5).collect::<Vec<_>>(),
        [
            "# a comment",
            "$ kubectl frobnicate",
            "error: unknown command \"frobnicate\" for \"kubectl\"",
            "Run 'kubectl --help' for usage.",
            "@ fails",
        ]
    );
    assert!(replay
        .transcript
        .contains("@ fails\n\n$ kubectl version\nClient Version: v1.31.0\nServer Version: v1.31.0 (simulated by Reachmap)\n$ help\nThis console"));
    assert!(replay.transcript.ends_with("@ tried nothing\n"));
}

/// A file that matches is rewritten to the very same bytes.
#[test]
fn a_matching_session_is_its_own_transcript() {
    for p in session_files() {
        let replay = replay(&p);
        if replay.errors.is_empty() {
            assert_eq!(replay.transcript, fs::read_to_string(&p).unwrap());
        }
    }
}
