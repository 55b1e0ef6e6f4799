//! `reachmap diff`: golden outputs of netpol-analyzer's minimal example in every format, the
//! TSV contract, exit statuses (0 no change, 1 changes, 2 could not run), directories and stdin.

mod common;

use common::*;

const BEFORE: &str = "crates/reachmap-core/tests/netpol_diff/before";
const AFTER: &str = "crates/reachmap-core/tests/netpol_diff/after";

#[test]
fn netpol_analyzer_example_in_every_format() {
    for (format, file) in [
        ("text", "diff-netpol-minimal.txt"),
        ("tsv", "diff-netpol-minimal.tsv"),
        ("md", "diff-netpol-minimal.md"),
        ("json", "diff-netpol-minimal.json"),
    ] {
        let o = run(&["diff", BEFORE, AFTER, "--format", format], None);
        assert_eq!(o.status.code(), Some(1), "{format}: changes exit with 1");
        golden(file, &stdout(&o));
    }
}

#[test]
fn tsv_is_the_exact_contract() {
    let o = run(&["diff", BEFORE, AFTER, "--format", "tsv"], None);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "sorted bytewise");
    for line in &lines {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        assert!(["allowed", "denied", "depends", "absent"].contains(&f[3]));
        assert!(["allowed", "denied", "depends", "absent"].contains(&f[4]));
    }
    assert!(lines[0].starts_with(
        "default/frontend[Deployment]\tdefault/backend[Deployment]\tUDP/53\tdenied\tallowed\t"
    ));
    assert!(
        lines[1].starts_with("outside\tdefault/backend[Deployment]\tTCP/9090\tdenied\tallowed\t")
    );
}

#[test]
fn no_change_exits_0_and_files_directories_and_stdin_read_alike() {
    let o = run(&["diff", BEFORE, BEFORE], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "no flow changed (over any port: 9 probes)\n");
    // One version from standard input, the other from the files of a directory.
    let text: String = ["backend", "frontend", "netpols"]
        .iter()
        .map(|f| std::fs::read_to_string(root().join(format!("{AFTER}/{f}.yaml"))).unwrap())
        .collect::<Vec<_>>()
        .join("\n---\n");
    let piped = run(
        &["diff", BEFORE, "-", "--format", "tsv"],
        Some(text.as_bytes()),
    );
    let files = run(&["diff", BEFORE, AFTER, "--format", "tsv"], None);
    assert_eq!(piped.status.code(), Some(1));
    assert_eq!(stdout(&piped), stdout(&files));
    // Chosen ports only.
    let o = run(
        &[
            "diff", BEFORE, AFTER, "--ports", "UDP/53", "--format", "tsv",
        ],
        None,
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    let o = run(&["diff", BEFORE, AFTER, "--ports", "TCP/80"], None);
    assert_eq!(o.status.code(), Some(0), "no change on TCP/80");
}

#[test]
fn what_cannot_run_exits_2() {
    for args in [
        vec!["diff", "-", "-"],
        vec!["diff", BEFORE, "no/such/file.yaml"],
        vec!["diff", BEFORE, AFTER, "--ports", "TCP/0"],
        vec!["diff", BEFORE],
    ] {
        let o = run(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn render_diff_draws_the_changes_of_diff() {
    let files: Vec<String> = ["backend", "frontend", "netpols"]
        .iter()
        .map(|f| format!("{AFTER}/{f}.yaml"))
        .collect();
    let mut args = vec!["render", "--diff", BEFORE];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = stdout(&o);
    golden("svg/diff-netpol-minimal.svg", &svg);
    assert_eq!(svg.matches(":opened\"").count(), 2, "two opened edges");
    assert!(svg.contains("2 flows opened (thick, solid), 0 closed"));
    // A focus is not a diff's: refused rather than ignored.
    let mut focused = args.clone();
    focused.extend(["--focus", "default/frontend[Deployment]"]);
    assert_eq!(run(&focused, None).status.code(), Some(2));
}

#[test]
fn check_reports_a_redundant_rule() {
    let text = std::fs::read_to_string(root().join(format!("{REF}/api-allow.yaml"))).unwrap();
    // The coffeeshop rule again, on TCP/80 only: the first admits all it admits.
    let twice = text.clone()
        + "  - from:\n    - podSelector:\n        matchLabels:\n          app: coffeeshop\n    ports:\n    - port: 80\n";
    let o = run(&["check", "-"], Some(twice.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "a finding, not an error");
    let out = stdout(&o);
    assert!(
        out.contains("info: ingress[1] of default/api-allow admits nothing that other rules don't already admit: removing it changes no verdict [redundant-rule: NetworkPolicy default/api-allow spec.ingress[1]]"),
        "{out}"
    );
    let o = run(&["check", "-"], Some(text.as_bytes()));
    assert!(!stdout(&o).contains("redundant-rule"));
}
