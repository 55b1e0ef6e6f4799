//! `parse_cached`: an edited text parsed with the readings of the last one kept gives exactly
//! what parsing it afresh gives (model, diagnostics with their places, documents), and reads
//! only the documents that changed.

mod common;

use common::read_example;
use reachmap_core::parse::{parse_cached, parse_with, ParseOptions, Parsed, ReadCache};

/// The Online Boutique and its policies, one text, and a few documents that do not read.
fn text() -> String {
    let manifests = read_example("public/examples/online-boutique/kubernetes-manifests.yaml");
    let policies = read_example("public/examples/online-boutique/network-policies.yaml");
    format!(
        "{manifests}\n---\n{policies}\n---\nkind: Pod\nmetadata: {{name: [broken\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: tabbed\n\tspec: {{}}\n"
    )
}

/// `kubectl get … -A -o yaml`: one List document; 120 pods of 12 Deployments, with their
/// managedFields, owners and status. With its number of items.
fn dump() -> (String, usize) {
    let dump = reachmap_synth::dump(
        &reachmap_synth::DumpSpec::with_pods(120, 10),
        reachmap_synth::DumpFormat::Yaml,
    );
    let items = dump.matches("\n- ").count();
    (dump, items)
}

fn same(cached: &Parsed, fresh: &Parsed, what: &str) {
    assert_eq!(cached.diagnostics, fresh.diagnostics, "{what}: diagnostics");
    assert_eq!(cached.model, fresh.model, "{what}: model");
    assert_eq!(cached.documents, fresh.documents, "{what}: documents");
    assert_eq!(cached.sources, fresh.sources, "{what}: sources");
}

/// Parses each text with one cache, comparing with a fresh parse; the documents read afresh.
fn fresh_reads(texts: &[(&str, String)]) -> Vec<usize> {
    let options = ParseOptions::default();
    let mut cache = ReadCache::default();
    texts
        .iter()
        .map(|(what, text)| {
            let cached = parse_cached(text, &options, &mut cache);
            same(&cached, &parse_with(text, &options), what);
            cache.fresh()
        })
        .collect()
}

#[test]
fn an_edited_text_reads_only_its_changed_documents_and_parses_as_a_fresh_one() {
    let first = text();
    let documents = parse_with(&first, &ParseOptions::default()).documents.len();
    assert!(documents > 25, "{documents} documents");
    // A label changed in one Deployment: its document only.
    let relabelled = first.replacen("app: frontend\n", "app: frontend2\n", 1);
    assert_ne!(relabelled, first);
    // A document inserted at the top: every line below moves, no document is read again.
    let shifted = format!("# a comment\n---\nkind: Namespace\napiVersion: v1\nmetadata:\n  name: shop\n---\n{relabelled}");
    // A policy's document removed; the broken one mended.
    let removed = shifted
        .replacen("kind: NetworkPolicy", "kind: NetworkPolicyGone", 1)
        .replace("{name: [broken", "{name: mended}");
    // The same document twice: read once.
    let doubled =
        format!("{removed}---\nkind: Namespace\napiVersion: v1\nmetadata:\n  name: shop\n");
    let reads = fresh_reads(&[
        ("first", first.clone()),
        ("relabelled", relabelled),
        ("shifted", shifted),
        ("removed", removed),
        ("doubled", doubled),
        ("first again", first),
    ]);
    assert_eq!(reads[0], documents, "the first text is read whole");
    assert_eq!(reads[1], 1, "one document changed");
    // The two documents put in front, and the old first one (the license comment), which now
    // starts at a `---` line of its own; the rest are kept.
    assert_eq!(
        reads[2], 3,
        "the documents put in front and the old first one"
    );
    assert_eq!(reads[3], 2, "the policy's document and the mended one");
    assert_eq!(
        reads[4], 0,
        "the appended Namespace is the one in front, read then"
    );
    assert!(
        reads[5] >= 3,
        "back to the first text: its documents were dropped"
    );
}

#[test]
fn a_dump_reads_only_its_changed_items_and_parses_as_a_fresh_one() {
    let (dump, items) = dump();
    assert!(items > 100, "{items} items");
    // A label of one pod changed; a pod's container port made invalid (a located error); a
    // comment between items; an item removed.
    let relabelled = dump.replacen("      app: frontend\n", "      app: frontend-2\n", 1);
    assert_ne!(relabelled, dump);
    let at = relabelled.find("containerPort: ").expect("a port") + "containerPort: ".len();
    let broken = format!(
        "{}99999{}",
        &relabelled[..at],
        &relabelled[at..].trim_start_matches(char::is_numeric)
    );
    let commented = broken.replacen("\n- ", "\n# an operator's note\n- ", 3);
    let first_item = commented.find("\n- ").unwrap() + 1;
    let second_item = commented[first_item + 2..].find("\n- ").unwrap() + first_item + 3;
    let removed = format!("{}{}", &commented[..first_item], &commented[second_item..]);
    let options = ParseOptions::default();
    let mut cache = ReadCache::default();
    let mut reads = Vec::new();
    for (what, text) in [
        ("dump", &dump),
        ("relabelled", &relabelled),
        ("broken", &broken),
        ("commented", &commented),
        ("removed", &removed),
    ] {
        let cached = parse_cached(text, &options, &mut cache);
        same(&cached, &parse_with(text, &options), what);
        reads.push(cache.fresh_items());
    }
    assert!(
        cache.is_empty(),
        "one document: the document itself is not kept"
    );
    assert_eq!(reads[0], items, "the first dump is read item by item");
    assert_eq!(&reads[1..], [1, 1, 2, 0], "only the items that changed");
    assert!(
        !parse_with(&broken, &options).diagnostics.is_empty(),
        "the port's error"
    );
}

#[test]
fn a_list_the_fast_reader_leaves_to_serde_yaml_is_read_whole() {
    // An anchor and its alias across items: read whole, the same as without a cache.
    let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: prod\n    labels: &l {env: prod}\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: dev\n    labels: *l\n";
    let options = ParseOptions::default();
    let mut cache = ReadCache::default();
    same(
        &parse_cached(list, &options, &mut cache),
        &parse_with(list, &options),
        "aliases",
    );
    assert_eq!((cache.items(), cache.fresh_items()), (0, 0));
    // After a text of several documents, one of one drops them.
    let two = format!("{list}---\nkind: Namespace\napiVersion: v1\nmetadata:\n  name: qa\n");
    parse_cached(&two, &options, &mut cache);
    assert_eq!(cache.len(), 2);
    parse_cached(list, &options, &mut cache);
    assert!(cache.is_empty());
}

#[test]
fn typing_through_an_unclosed_flow_collection_keeps_the_dumps_items() {
    // Typing `x: [1]` into one item of a dump: while `[` is open the List reads whole (its
    // syntax error said where), and once it closes only that item is read again.
    let (dump, items) = dump();
    let at = dump.find("\n  spec:\n").expect("a spec") + 1;
    let typed = |s: &str| format!("{}  x: {s}\n{}", &dump[..at], &dump[at..]);
    let options = ParseOptions::default();
    let mut cache = ReadCache::default();
    let mut reads = Vec::new();
    for (what, text) in [
        ("dump", dump.clone()),
        ("opened", typed("[")),
        ("a value", typed("[1")),
        ("closed", typed("[1]")),
    ] {
        let cached = parse_cached(&text, &options, &mut cache);
        same(&cached, &parse_with(&text, &options), what);
        reads.push(cache.fresh_items());
    }
    assert_eq!(
        reads,
        [items, 0, 0, 1],
        "only the typed item, once it reads"
    );
    assert!(
        parse_with(&typed("[1"), &options)
            .diagnostics
            .iter()
            .any(|d| d.location.line > 1),
        "the open `[`, at its line"
    );
    // Another text: the items are kept through one parse, not two.
    let other = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n";
    parse_cached(other, &options, &mut cache);
    assert_eq!(cache.items(), items);
    parse_cached(other, &options, &mut cache);
    assert_eq!(cache.items(), 0, "dropped at the second parse without them");
}
