//! The fast readers (`build` over yaml-rust2's events, `json`) must give exactly what
//! serde_yaml and the `Locator` give: the same value (`managedFields` aside), the same position
//! for every field path, the same YAML 1.1 booleans. Checked over every example, every golden
//! input, dumps in YAML and JSON, and texts made to be awkward.

use super::build;
use super::json;
use crate::parse::locate::{push_step, Locator, Step};
use serde_yaml::Value;

/// Every field path of a value, as the reader formats them (string keys only: the reader asks
/// for no other).
fn paths(value: &Value, path: &mut String, out: &mut Vec<String>) {
    out.push(path.clone());
    let base = path.len();
    match value {
        Value::Mapping(m) => {
            for (k, v) in m {
                if let Value::String(k) = k {
                    push_step(path, &Step::Key(k.clone()));
                    paths(v, path, out);
                    path.truncate(base);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                push_step(path, &Step::Index(i));
                paths(v, path, out);
                path.truncate(base);
            }
        }
        _ => {}
    }
    // A path that does not exist finds its nearest ancestor.
    if matches!(value, Value::Mapping(_) | Value::Sequence(_)) {
        out.push(format!(
            "{path}{}nope",
            if path.is_empty() { "" } else { "." }
        ));
        out.push(format!("{path}[7]"));
        out.push(format!("{path}[99999999999999999999999].x"));
    }
}

/// Whether two equal values also hold their mappings' keys in the same order (`Value`'s `==`
/// does not look at order, the console's `get -o yaml` does).
fn in_order(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Mapping(a), Value::Mapping(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && in_order(va, vb))
        }
        (Value::Sequence(a), Value::Sequence(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| in_order(a, b))
        }
        _ => true,
    }
}

fn without_managed_fields(mut v: Value) -> Value {
    let drop = |o: &mut Value| {
        if let Some(Value::Mapping(m)) = o.get_mut("metadata") {
            m.shift_remove("managedFields");
        }
    };
    if let Some(Value::Sequence(items)) = v.get_mut("items") {
        items.iter_mut().for_each(drop);
    }
    drop(&mut v);
    v
}

/// Checks one document's text against serde_yaml and the Locator; whether a fast reader took it.
fn agrees(text: &str, name: &str) -> bool {
    if super::document::only_libyaml_reads(text) {
        return false;
    }
    let one_line = super::limits::flow_scan(text, 200) == super::limits::Flow::OneLine;
    let fast = if json::looks_like_json(text) {
        json::read(text).or_else(|| build::read(text).filter(|_| one_line))
    } else {
        build::read(text).filter(|_| one_line)
    };
    let Some(fast) = fast else {
        return false;
    };
    let mut reference: Value = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("{name}: a fast reader took what serde_yaml refuses: {e}"));
    reference.apply_merge().unwrap();
    let reference = without_managed_fields(reference);
    assert_eq!(fast.value, reference, "{name}");
    assert!(
        in_order(&fast.value, &reference),
        "{name}: keys in another order"
    );
    let locator = Locator::new(text);
    let mut all = Vec::new();
    paths(&fast.value, &mut String::new(), &mut all);
    for path in &all {
        assert_eq!(
            fast.marks.find(&fast.value, path),
            locator.find(path),
            "{name}: position of `{path}`"
        );
        assert_eq!(
            fast.marks.is_yaml11_boolean(&fast.value, path),
            locator.is_yaml11_boolean(path),
            "{name}: YAML 1.1 boolean at `{path}`"
        );
    }
    true
}

fn documents(text: &str) -> Vec<String> {
    super::split::split(text)
        .into_iter()
        .map(|c| c.text.into_owned())
        .collect()
}

#[test]
fn on_every_example_and_golden_input() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut files = Vec::new();
    for dir in [
        "public/examples/reference",
        "public/examples/online-boutique",
        "crates/reachmap-cli/tests/golden",
        "crates/reachmap-core/tests/netpol_scenarios",
    ] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if matches!(
                path.extension().and_then(|x| x.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 10, "{files:?}");
    let mut taken = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for (i, doc) in documents(&text).iter().enumerate() {
            taken += usize::from(agrees(doc, &format!("{}#{i}", path.display())));
        }
    }
    assert!(taken > 20, "the fast readers read the examples");
}

#[test]
fn on_awkward_texts() {
    let texts = [
        "a: 1\nb: [1, 2, {c: d}]\nc: {}\nd: []\ne:\n- {}\n- []\n- x\n- - y\n  - z\n",
        "kind: Pod\nmetadata:\n  labels: {a: yes, b: 'no', c: \"on\", d: off}\nspec:\n  x: y\n  n: N\n",
        "s: |\n  line one\n  line two\nf: >-\n  folded\n  text\n\nq: 'it''s'\nd: \"tab\\there\\u00e9\"\n",
        "k: 0x1F\nl: 007\nm: 1e3\nn: .inf\no: ~\np:\nq: null\nr: True\n\"quoted key\": v\n'x.y': w\n",
        "items:\n- metadata:\n    name: a\n    managedFields:\n    - {manager: m, fieldsV1: {f:a: {}}}\n  spec: {}\n- metadata: {managedFields: [], name: b}\n",
        "metadata:\n  managedFields: [{a: 1}]\n  name: x\n",
        "# only a comment\n",
        "",
        "- a\n- b\n",
        "just a scalar\n",
        "{\"a\": [1, 2.5, -3, true, false, null, \"s\\\"q\\u00e9\\u0041\"], \"b\": {}}\n",
        "[\n  {\"x\": 1},\n  {}\n]\n",
        "{\n    \"items\": [\n        {\n            \"metadata\": {\"name\": \"é\", \"managedFields\": [{\"k\": {\"f:x\": {}}}]},\n            \"kind\": \"Pod\"\n        }\n    ]\n}\n",
        "{\"a\":1,\"b\":{\"c\":[{\"d\":\"é\"},{\"e\":2}]}}",
        "unicode: ünïcödé\nemoji: \"😀\"\nkey ünï: v\n",
        "a:\n  - b: 1\n    c: 2\n  -   d: 3\n",
        "a: b\r\nc: d\r\n",
    ];
    for (i, text) in texts.iter().enumerate() {
        agrees(text, &format!("text {i}"));
    }
    // What the fast readers leave to serde_yaml.
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !tag 1\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "? [a]\n: b\n",
        "a: 340282366920938463463374607431768211455\n",
        "metadata:\n  managedFields: [{a: 1, a: 2}]\n",
        "a: [\n",
    ] {
        assert!(build::read(text).is_none(), "{text:?}");
    }
    for text in [
        "{\"a\": 1, \"a\": 2}",
        "{\"a\": 1} {}",
        "{\"a\": 1,}",
        "{\"a\": \"\\ud800\"}",
        "{\"a\": 01}",
        "{\"a\": 1}\r",
    ] {
        assert!(json::read(text).is_none(), "{text:?}");
    }
}

#[test]
fn on_dumps() {
    for format in [
        reachmap_synth::DumpFormat::Yaml,
        reachmap_synth::DumpFormat::Json,
        reachmap_synth::DumpFormat::TypedLists,
    ] {
        let text = reachmap_synth::dump(
            &reachmap_synth::DumpSpec {
                namespaces: 1,
                replicas: 2,
                nodes: 2,
                seed: 5,
            },
            format,
        );
        for (i, doc) in documents(&text).iter().enumerate() {
            if !doc.trim().is_empty() {
                assert!(agrees(doc, &format!("{format:?} #{i}")), "{format:?} #{i}");
            }
        }
    }
}

#[test]
fn on_synthetic_manifests() {
    let text = reachmap_synth::generate(&reachmap_synth::Spec::default());
    for (i, doc) in documents(&text).iter().enumerate() {
        if !doc.trim().is_empty() {
            assert!(agrees(doc, &format!("synthetic #{i}")));
        }
    }
}

/// Fragments of YAML and JSON that parsers are known to read differently.
const FRAGMENTS: &[&str] = &[
    "a",
    "b",
    "k",
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n- ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    ", ",
    "'",
    "\"",
    "\\",
    "#",
    " #",
    "|",
    ">",
    "|-",
    ">+",
    "yes",
    "no",
    "on",
    "1",
    "0x1",
    "01",
    "1.5",
    "-1",
    ".inf",
    "~",
    "null",
    "true",
    "?",
    "? ",
    "!",
    "&a",
    "*a",
    "%",
    "@",
    "`",
    "\t",
    "...",
    "---",
    "é",
    "\"x\"",
    "'y'",
    "<<",
    "\\n",
    "\\u0041",
    "  - ",
    "\n    ",
    "x: y",
    "key: value\n",
    "  nested:\n",
    "    - item\n",
    "a: |\n  text\n",
    "b: >-\n  folded\n",
    "\n\n",
    "c: 'q''t'\n",
    "d: \"\\t\"\n",
    "- name: x\n  port: 80\n",
    "e: {f: g, h: [i, j]}\n",
    "   ",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

    #[test]
    fn on_random_fragments(parts in proptest::collection::vec(0..FRAGMENTS.len(), 1..24)) {
        let text: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        // As the parser reads it: cut into documents at `---` and `...` lines first.
        for doc in documents(&text) {
            agrees(&doc, &format!("{doc:?}"));
        }
    }
}

/// Random JSON documents, compact and indented as kubectl prints them.
fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        (-1e30f64..1e30).prop_map(serde_json::Value::from),
        "[a-z0-9 ._/:é\"\\\\\n\t{}\\[\\],#&*!|>-]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z.\"/ -]{1,8}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

    #[test]
    fn on_random_json(value in json_value(), pretty in proptest::bool::ANY) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        for doc in documents(&text) {
            agrees(&doc, &format!("{doc:?}"));
        }
    }
}
