//! Hostile and broken input: each case is what a person pastes by mistake or on purpose, and
//! the diagnostic they should see. Nothing panics, nothing hangs, and the valid documents
//! around a broken one all survive.

use reachmap_core::text::{text_of, NotText};
use reachmap_core::yaml::limits::{MAX_FLOW_DEPTH, MAX_INPUT_BYTES, PAGE_MAX_INPUT_BYTES};
use reachmap_core::{parse, parse_inputs_with, Code, Input, ParseOptions, Parsed, Severity};
use std::time::Instant;

/// A valid Pod, to follow the broken document and prove it survives.
const VALID: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: survivor\n  labels: {app: s}\nspec:\n  containers: [{name: c, image: nginx}]\n";

fn errors(parsed: &Parsed) -> Vec<String> {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            format!(
                "{}:{} [{}] {}",
                d.location.line,
                d.location.column,
                d.code.name(),
                d.message
            )
        })
        .collect()
}

/// The one error of `text`, as `line:column [code] message`; the survivor must be in the model.
fn one_error_then_survivor(text: &str) -> String {
    let full = format!("{text}\n---\n{VALID}");
    let parsed = parse(&full);
    assert!(
        parsed.model.group("default/survivor").is_some(),
        "the valid document after the broken one was lost: {:#?}",
        parsed.diagnostics
    );
    let errors = errors(&parsed);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors[0].clone()
}

#[test]
fn an_alias_expansion_bomb_is_refused_with_a_limit_error() {
    let mut bomb = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: lol\n  labels:\n    a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        bomb.push_str(&format!("    {}: &{} [{refs}]\n", w[1], w[1]));
    }
    let started = Instant::now();
    let error = one_error_then_survivor(&bomb);
    // Levels a–f add 665,000 nodes; the first alias of level g (line 12) passes a million.
    assert!(
        error.starts_with("12:12 "),
        "should point at the alias that passes the limit: {error}"
    );
    assert!(error.contains("[limit]"), "{error}");
    assert!(error.contains("aliases"), "{error}");
    // Not a timing test: a bomb that were expanded would take minutes and gigabytes.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn deep_nesting_is_refused_at_the_first_level_too_deep() {
    let text = format!("a: {}", "[".repeat(200_000));
    let error = one_error_then_survivor(&text);
    assert_eq!(
        error.split(' ').next().unwrap(),
        format!("1:{}", 4 + MAX_FLOW_DEPTH)
    );
    assert!(error.contains("[limit]"), "{error}");
}

#[test]
fn a_single_five_megabyte_line_is_one_clear_error() {
    let text = format!("a: {}", "x".repeat(5 << 20));
    let error = one_error_then_survivor(&text);
    assert_eq!(
        error,
        "1:1 [missing-field] `kind` is missing, so this object cannot be read"
    );
}

#[test]
fn input_over_the_size_limit_is_refused_whole_and_the_rest_is_read() {
    // A limit of 1 MiB, so that the test does not write a gigabyte.
    let options = ParseOptions {
        max_input_bytes: 1 << 20,
    };
    let huge = "# padding\n".repeat(options.max_input_bytes / 10 + 1);
    let parsed = parse_inputs_with(
        &[
            Input {
                name: "huge.yaml".into(),
                text: huge,
            },
            Input {
                name: "small.yaml".into(),
                text: VALID.into(),
            },
        ],
        &options,
    );
    let errors = errors(&parsed);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("1:1 [limit]"), "{}", errors[0]);
    assert!(
        errors[0].contains("this input is 2 MiB; Reachmap reads at most 1 MiB"),
        "{}",
        errors[0]
    );
    assert_eq!(parsed.diagnostics[0].location.source, 0);
    assert!(parsed.model.group("default/survivor").is_some());
}

#[test]
fn a_duplicate_key_points_at_its_second_occurrence() {
    let error = one_error_then_survivor(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: x\n    app: y\nspec:\n  containers: [{name: c}]\n",
    );
    assert!(error.starts_with("7:5 [syntax]"), "{error}");
    assert!(
        error.contains("duplicate entry with key \"app\""),
        "{error}"
    );
}

#[test]
fn a_duplicate_key_in_another_mapping_is_not_a_duplicate() {
    // `name` twice, but in two different mappings: valid YAML.
    let parsed = parse(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
    );
    assert!(errors(&parsed).is_empty(), "{:#?}", parsed.diagnostics);
}

#[test]
fn scalar_and_list_documents_are_not_objects() {
    for (text, what) in [
        ("just a string", "a string"),
        ("42", "a number"),
        ("- a\n- b", "a list"),
        ("true", "a boolean"),
    ] {
        let error = one_error_then_survivor(text);
        assert!(
            error.starts_with("1:1 [not-an-object]") && error.contains(what),
            "{text:?}: {error}"
        );
    }
}

#[test]
fn empty_documents_and_lone_separators_say_nothing() {
    for text in [
        "",
        "---",
        "---\n---\n",
        "...\n",
        "# only a comment\n",
        "\n\n\n",
    ] {
        let parsed = parse(text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{text:?}: {:#?}",
            parsed.diagnostics
        );
        let full = format!("{text}\n---\n{VALID}");
        assert!(parse(&full).model.group("default/survivor").is_some());
    }
}

#[test]
fn text_that_is_not_yaml_at_all_is_one_syntax_error() {
    // What a binary file looks like once read as text (invalid bytes replaced).
    let binary: String = (0u8..=255)
        .cycle()
        .take(4000)
        .map(|b| char::from_u32(b as u32).unwrap_or('\u{FFFD}'))
        .collect();
    let parsed = parse(&binary);
    assert!(
        !parsed.diagnostics.is_empty(),
        "binary input must say something"
    );
    assert!(parsed
        .diagnostics
        .iter()
        .all(|d| d.location.line >= 1 && d.location.column >= 1));
}

#[test]
fn every_wrong_field_costs_only_its_own_object() {
    let broken = [
        ("port 0", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 0}]\n", "invalid-value"),
        ("port as text", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: eighty}]\n", "wrong-type"),
        ("nodePort out of range", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 80}]\n", "invalid-value"),
        ("endPort below port", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 90, endPort: 80}]\n", "invalid-value"),
        ("unknown operator", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchExpressions: [{key: a, operator: Like, values: [b]}]\n", "invalid-selector"),
        ("In without values", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchExpressions: [{key: a, operator: In, values: []}]\n", "invalid-selector"),
        ("CIDR /33", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/33}}]\n", "invalid-cidr"),
        ("except outside cidr", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}}]\n", "invalid-cidr"),
        ("label key with spaces", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\"a b\": c}\nspec:\n  containers: [{name: c}]\n", "invalid-label"),
        ("uppercase name", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web\nspec:\n  containers: [{name: c}]\n", "invalid-name"),
    ];
    for (what, text, code) in broken {
        let error = one_error_then_survivor(text);
        assert!(error.contains(&format!("[{code}]")), "{what}: {error}");
    }
}

#[test]
fn markup_in_a_rejected_value_is_quoted_literally_in_the_diagnostic() {
    // Escaping is each renderer's job (page, SVG, terminal): the core keeps the text as typed.
    let parsed = parse(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: \"<script>alert(1)</script>\"}\nspec:\n  containers: [{name: c}]\n",
    );
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidLabel)
        .expect("an invalid label value");
    assert!(
        d.message.contains("<script>alert(1)</script>"),
        "{}",
        d.message
    );
    assert!(parsed.model.group("default/p").is_none());
}

#[test]
fn many_aliases_of_a_long_list_are_refused_too() {
    // 100 KB of text that serde_yaml's own guard (it counts alias jumps, not copied nodes)
    // lets through: 20,000 copies of a 20,000-item list. This hung for minutes before.
    let n = 20_000;
    let text = format!(
        "a: &a [{}]\nb: [{}]\n",
        vec!["x"; n].join(","),
        vec!["*a"; n].join(",")
    );
    let error = one_error_then_survivor(&text);
    assert!(
        error.starts_with("2:") && error.contains("[limit]"),
        "{error}"
    );
}

#[test]
fn a_nul_byte_costs_its_own_document_only() {
    // Valid UTF-8, but no YAML (and no text file) holds a NUL: the page refuses such a file
    // before parsing (src/app/files.rs); pasted or piped in, it is one syntax error.
    let error = one_error_then_survivor("apiVersion: v1\nkind: Pod\nmetadata: {name: a\0b}\n");
    assert!(
        error.contains("[syntax]") && error.contains("control characters"),
        "{error}"
    );
}

#[test]
fn bytes_that_are_not_text_are_refused_at_the_first_byte_at_fault() {
    let not = |offset, byte, line, column| {
        Err(NotText {
            offset,
            byte,
            line,
            column,
        })
    };
    assert_eq!(text_of(b"kind: Pod\n"), Ok("kind: Pod\n"));
    assert_eq!(text_of(b""), Ok(""));
    assert_eq!(text_of("ünï: ✓\n".as_bytes()), Ok("ünï: ✓\n"));
    // A PNG: 0x89 first. UTF-16 with its byte-order mark. Latin-1 after two lines.
    assert_eq!(text_of(b"\x89PNG\r\n\x1a\n\0\0"), not(0, 0x89, 1, 1));
    assert_eq!(text_of(b"\xff\xfek\0"), not(0, 0xff, 1, 1));
    assert_eq!(
        text_of(b"a: 1\nb: 2\nname: caf\xe9\n"),
        not(19, 0xe9, 3, 10)
    );
    // A NUL is valid UTF-8 but never text; the earlier fault is the one named.
    assert_eq!(text_of(b"a: \0\xff"), not(3, 0, 1, 4));
    assert_eq!(text_of(b"a: \xff\0"), not(3, 0xff, 1, 4));
    // A character cut at the end of the file; columns count characters, not bytes.
    assert_eq!(text_of(b"\xc3\xa9: \xe2\x9c"), not(4, 0xe2, 1, 4));
    assert_eq!(
        text_of(b"\x89PNG").unwrap_err().to_string(),
        "byte 0x89 at offset 0 is not UTF-8"
    );
    assert_eq!(
        text_of(b"a\0").unwrap_err().to_string(),
        "byte 0x00 at offset 1 is a NUL, which text never holds"
    );
}

#[test]
fn the_default_limit_is_the_clis_gigabyte_and_the_page_reads_a_quarter_of_it() {
    assert_eq!(ParseOptions::default().max_input_bytes, 1 << 30);
    assert_eq!(MAX_INPUT_BYTES, 1 << 30);
    assert_eq!(ParseOptions::page().max_input_bytes, PAGE_MAX_INPUT_BYTES);
    assert_eq!(PAGE_MAX_INPUT_BYTES, 256 << 20);
}

#[test]
fn a_limit_below_a_mebibyte_is_said_in_bytes() {
    let options = ParseOptions {
        max_input_bytes: 100,
    };
    let text = format!("{VALID}# {}\n", "x".repeat(100));
    let parsed = parse_inputs_with(
        &[Input {
            name: "a.yaml".into(),
            text: text.clone(),
        }],
        &options,
    );
    let errors = errors(&parsed);
    assert_eq!(
        errors,
        [format!(
            "1:1 [limit] this input is {} bytes; Reachmap reads at most 100 bytes of manifests in all, so it is not read",
            text.len()
        )]
    );
}
