//! The editor's YAML highlighting (`src/highlight.rs`): every character of the input comes back
//! in place, escaped, and tokens carry the class a reader expects.

use proptest::prelude::*;
use reachmap_core::highlight::{yaml_html, yaml_html_lines, CLASSES};

/// The text of the HTML: tags removed and the five entities unescaped. Fails on anything
/// `yaml_html` must never write: an unknown tag or class, a nested or unclosed span, a span
/// across a line break, a bare `<`, `>`, `"` or `'`, an unknown entity.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut open = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("</span>") {
            assert!(open, "close without open in {html:?}");
            open = false;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("<span class=\"") {
            assert!(!open, "nested span in {html:?}");
            let end = after.find("\">").expect("tag end");
            let class = &after[..end];
            assert!(CLASSES.contains(&class), "unknown class {class:?}");
            open = true;
            rest = &after[end + 2..];
        } else if c == '&' {
            let end = rest.find(';').expect("entity end");
            text.push(match &rest[..=end] {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                "&quot;" => '"',
                "&#39;" => '\'',
                other => panic!("unknown entity {other:?}"),
            });
            rest = &rest[end + 1..];
        } else {
            assert!(!"<>\"'".contains(c), "unescaped {c:?} in {html:?}");
            assert!(!(open && c == '\n'), "span across a line in {html:?}");
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    assert!(!open, "unclosed span in {html:?}");
    text
}

/// The (class, text) of every span, in order.
fn spans(html: &str) -> Vec<(String, String)> {
    html.split("<span class=\"")
        .skip(1)
        .map(|s| {
            let (class, rest) = s.split_once("\">").unwrap();
            let body = rest.split("</span>").next().unwrap();
            (class.to_string(), text_of(body))
        })
        .collect()
}

fn has(html: &str, class: &str, text: &str) -> bool {
    spans(html)
        .iter()
        .any(|(c, t)| c == &format!("hl-{class}") && t == text)
}

#[track_caller]
fn assert_tokens(line: &str, expected: &[(&str, &str)]) {
    let html = yaml_html(line);
    let got: Vec<(String, String)> = spans(&html);
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(c, t)| (format!("hl-{c}"), t.to_string()))
        .collect();
    assert_eq!(got, want, "{line:?} → {html}");
    assert_eq!(text_of(&html), line);
}

#[test]
fn a_key_and_its_values() {
    assert_tokens(
        "  name: web",
        &[("key", "name"), ("punct", ":"), ("string", "web")],
    );
    assert_tokens(
        "port: 8080",
        &[("key", "port"), ("punct", ":"), ("number", "8080")],
    );
    assert_tokens(
        "hostNetwork: true",
        &[("key", "hostNetwork"), ("punct", ":"), ("bool", "true")],
    );
    assert_tokens(
        "selector: null",
        &[("key", "selector"), ("punct", ":"), ("null", "null")],
    );
    assert_tokens("spec:", &[("key", "spec"), ("punct", ":")]);
}

#[test]
fn yaml_1_1_booleans_are_booleans() {
    // kubectl reads these as booleans, which is why Reachmap reports them where a string
    // belongs; the editor shows them so.
    for word in ["yes", "No", "on", "OFF", "y", "n"] {
        assert!(
            has(&yaml_html(&format!("a: {word}")), "bool", word),
            "{word}"
        );
    }
    assert!(has(&yaml_html("a: yesterday"), "string", "yesterday"));
}

#[test]
fn numbers_and_what_only_looks_like_them() {
    for n in [
        "0", "-1", "+12", "3.14", ".5", "1e3", "6.02E+23", "0x1F", "0o17", "1_000", ".inf",
        "-.Inf", ".nan",
    ] {
        assert!(has(&yaml_html(&format!("v: {n}")), "number", n), "{n}");
    }
    for s in [
        "1.2.3", "10Mi", "0x", "e5", "-", "v1", "1e", "8080/TCP", "12:30x",
    ] {
        assert!(has(&yaml_html(&format!("v: {s}")), "string", s), "{s}");
    }
}

#[test]
fn sequences_and_nested_keys() {
    assert_tokens(
        "  - containerPort: 80",
        &[
            ("punct", "-"),
            ("key", "containerPort"),
            ("punct", ":"),
            ("number", "80"),
        ],
    );
    assert_tokens("- - a", &[("punct", "-"), ("punct", "-"), ("string", "a")]);
    assert_tokens(
        "? complex\n: value",
        &[
            ("punct", "?"),
            ("string", "complex"),
            ("punct", ":"),
            ("string", "value"),
        ],
    );
}

#[test]
fn quoted_strings_and_quoted_keys() {
    assert_tokens(
        "name: \"a: b # not a comment\"",
        &[
            ("key", "name"),
            ("punct", ":"),
            ("string", "\"a: b # not a comment\""),
        ],
    );
    assert_tokens(
        "'it''s': 'x'",
        &[("key", "'it''s'"), ("punct", ":"), ("string", "'x'")],
    );
    assert_tokens(
        r#"v: "esc \" quote""#,
        &[
            ("key", "v"),
            ("punct", ":"),
            ("string", r#""esc \" quote""#),
        ],
    );
    assert_tokens(
        "v: \"80\"",
        &[("key", "v"), ("punct", ":"), ("string", "\"80\"")],
    );
}

#[test]
fn a_quoted_string_may_continue_on_the_next_line() {
    let html = yaml_html("a: \"first\n  second\" # c\nb: 1");
    assert_eq!(
        spans(&html),
        [
            ("hl-key", "a"),
            ("hl-punct", ":"),
            ("hl-string", "\"first"),
            ("hl-string", "  second\""),
            ("hl-comment", "# c"),
            ("hl-key", "b"),
            ("hl-punct", ":"),
            ("hl-number", "1"),
        ]
        .map(|(c, t)| (c.to_string(), t.to_string()))
    );
}

#[test]
fn comments_start_only_after_a_space() {
    assert_tokens("# whole line", &[("comment", "# whole line")]);
    assert_tokens(
        "image: nginx:1.25 # pinned",
        &[
            ("key", "image"),
            ("punct", ":"),
            ("string", "nginx:1.25"),
            ("comment", "# pinned"),
        ],
    );
    assert_tokens(
        "url: http://x/#frag",
        &[("key", "url"), ("punct", ":"), ("string", "http://x/#frag")],
    );
}

#[test]
fn document_markers_and_directives() {
    assert_tokens("---", &[("doc", "---")]);
    assert_tokens("--- # first", &[("doc", "---"), ("comment", "# first")]);
    assert_tokens("...", &[("doc", "...")]);
    assert_tokens("%YAML 1.2", &[("doc", "%YAML 1.2")]);
    // Not markers: more dashes, or not at the start of the line.
    assert!(!yaml_html("----").contains("hl-doc"));
    assert!(!yaml_html(" ---").contains("hl-doc"));
}

#[test]
fn anchors_aliases_tags_and_merge_keys() {
    assert_tokens(
        "labels: &common {app: web}",
        &[
            ("key", "labels"),
            ("punct", ":"),
            ("anchor", "&common"),
            ("punct", "{"),
            ("key", "app"),
            ("punct", ":"),
            ("string", "web"),
            ("punct", "}"),
        ],
    );
    assert_tokens(
        "<<: *common",
        &[("key", "<<"), ("punct", ":"), ("anchor", "*common")],
    );
    assert_tokens(
        "port: !!str 80",
        &[
            ("key", "port"),
            ("punct", ":"),
            ("tag", "!!str"),
            ("number", "80"),
        ],
    );
}

#[test]
fn flow_collections_and_json() {
    assert_tokens(
        "ports: [80, \"443\", http]",
        &[
            ("key", "ports"),
            ("punct", ":"),
            ("punct", "["),
            ("number", "80"),
            ("punct", ","),
            ("string", "\"443\""),
            ("punct", ","),
            ("string", "http"),
            ("punct", "]"),
        ],
    );
    // JSON over several lines: the open brace carries over, and `"key":value` is a key.
    let html = yaml_html("{\n  \"kind\":\"Pod\",\n  \"n\": 2\n}");
    assert!(has(&html, "key", "\"kind\""), "{html}");
    assert!(has(&html, "string", "\"Pod\""), "{html}");
    assert!(has(&html, "key", "\"n\""), "{html}");
    assert!(has(&html, "number", "2"), "{html}");
}

#[test]
fn block_scalars_are_strings_until_the_indentation_returns() {
    let text =
        "data:\n  script: |\n    echo \"a: b\" # not a comment\n\n    - not a list\n  next: 1\n";
    let html = yaml_html(text);
    assert!(has(&html, "punct", "|"), "{html}");
    assert!(
        has(&html, "string", "echo \"a: b\" # not a comment"),
        "{html}"
    );
    assert!(has(&html, "string", "- not a list"), "{html}");
    assert!(has(&html, "key", "next"), "{html}");
    assert!(has(&html, "number", "1"), "{html}");
    assert_eq!(text_of(&html), text);
    // Folded with chomping and indentation indicators, and a top-level one after `---`.
    assert!(has(&yaml_html("a: >-\n  x: y"), "string", "x: y"));
    assert!(has(&yaml_html("a: |2+\n  x: y"), "string", "x: y"));
    assert!(has(&yaml_html("--- |\nx: y\n---\nz: 1"), "string", "x: y"));
    assert!(has(&yaml_html("--- |\nx: y\n---\nz: 1"), "key", "z"));
    // `|` followed by text is a plain scalar, not a block.
    assert!(has(&yaml_html("a: |x\nb: 1"), "key", "b"));
}

#[test]
fn markup_in_a_manifest_is_escaped() {
    let text = "name: \"<script>alert('x')</script>\"\nlabel: a&b <img src=x onerror=y>";
    let html = yaml_html(text);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("a&amp;b &lt;img"));
    assert_eq!(text_of(&html), text);
}

#[test]
fn crlf_lines_and_unicode_keep_every_character() {
    for text in [
        "a: 1\r\nb: \"x\"\r\n",
        "名前: 値 # コメント\n- ✓: é",
        "\r\r\n\t-\t\n:",
        "",
        "\n\n",
        "a:\u{0}b: \u{7f}",
    ] {
        assert_eq!(text_of(&yaml_html(text)), text, "{text:?}");
    }
}

#[test]
fn the_reference_examples_read_as_expected() {
    let path = format!(
        "{}/../../public/examples/reference/api-allow.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let html = yaml_html(&text);
    assert_eq!(text_of(&html), text);
    for key in ["apiVersion", "kind", "metadata", "podSelector", "ingress"] {
        assert!(has(&html, "key", key), "{key}");
    }
    assert!(has(&html, "string", "NetworkPolicy"));
    assert!(has(&html, "doc", "---"));
}

#[test]
fn a_500_pod_cluster_keeps_every_character() {
    let spec = reachmap_synth::Spec {
        pods: 500,
        policies: 100,
        namespaces: 10,
        services: 50,
        seed: 1,
    };
    let text = reachmap_synth::generate(&spec);
    assert_eq!(text_of(&yaml_html(&text)), text);
}

#[test]
fn a_window_of_lines_is_highlighted_as_in_the_whole_text() {
    let text = "a: |\n  x: 1\n  y: 2\nb: \"open\n  still: string\"\nc: 3";
    // Line 2 is inside the block scalar opened on line 0.
    assert_eq!(
        spans(&yaml_html_lines(text, 2..3)),
        [("hl-string".to_string(), "y: 2".to_string())]
    );
    // Line 4 closes the quote opened on line 3; line 5 is a key again.
    let window = yaml_html_lines(text, 4..6);
    assert_eq!(text_of(&window), "  still: string\"\nc: 3");
    assert!(has(&window, "string", "  still: string\""), "{window}");
    assert!(has(&window, "key", "c"), "{window}");
    // Out of range and empty ranges give nothing; the end is clamped.
    assert_eq!(yaml_html_lines(text, 6..9), "");
    assert_eq!(yaml_html_lines(text, 3..3), "");
    assert_eq!(yaml_html_lines(text, 5..100), yaml_html_lines(text, 5..6));
}

/// Pieces of YAML and of everything else, glued at random: each line is hard on one rule.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("? ".to_string()),
        Just("---".to_string()),
        Just("...".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("#".to_string()),
        Just(" #".to_string()),
        Just("|".to_string()),
        Just(">-".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\\".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(",".to_string()),
        Just("&a".to_string()),
        Just("*a".to_string()),
        Just("!!str".to_string()),
        Just("%".to_string()),
        Just("<&>".to_string()),
        "[a-z0-9.+-]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn any_text_comes_back_exactly(text in any::<String>()) {
        prop_assert_eq!(text_of(&yaml_html(&text)), text);
    }

    #[test]
    fn yaml_like_text_comes_back_exactly(text in yamlish()) {
        prop_assert_eq!(text_of(&yaml_html(&text)), text);
    }

    /// Any window of lines is exactly those lines of the whole output.
    #[test]
    fn a_window_equals_those_lines_of_the_whole(text in yamlish(), a in 0usize..12, n in 0usize..12) {
        let whole = yaml_html(&text);
        let expected: Vec<&str> = whole.split('\n').skip(a).take(n).collect();
        prop_assert_eq!(yaml_html_lines(&text, a..a + n), expected.join("\n"));
    }
}
