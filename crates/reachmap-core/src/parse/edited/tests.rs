use super::*;
use crate::parse::find_object;

/// Texts cut in every way `split` knows: `---` lines with comments, `...` lines, a leading
/// `---`, no final newline, empty and broken documents, a List.
const TEXTS: &[&str] = &[
    "",
    "\n\n",
    "# only a comment\n",
    "kind: Pod\nmetadata: {name: a}\n",
    "kind: Pod\nmetadata: {name: a}",
    "---\nkind: Pod\nmetadata: {name: a}\n--- # b\nkind: Pod\nmetadata: {name: b}\n",
    "kind: Pod\nmetadata: {name: a}\n...\nkind: Pod\nmetadata: {name: b}\n...\n---\nkind: Pod\nmetadata: {name: c}\n...\n",
    "kind: Pod\nmetadata: {name: a}\n---\nkind: [unclosed\n---\n---\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: b}\n---",
    "a: 1\n...",
    "# head\nkind: Service\nmetadata:\n  name: s\n  namespace: prod\nspec:\n  ports: [{port: 80}]\n---\n\n---\nkind: Pod\nmetadata: {name: p}\n",
];

/// What a change may write: a document, with or without its final newline, empty, broken,
/// or text that `split` cuts in two.
const BODIES: &[&str] = &[
    "kind: Pod\nmetadata: {name: x}\n",
    "kind: Pod\nmetadata:\n  name: y\n  labels: {app: y}\nspec:\n  containers: [{name: c, image: i}]\n",
    "kind: Pod\nmetadata: {name: z}",
    "",
    "kind: [broken\n",
    "a: 1\n...\n",
    "a: 1\n---\nkind: Pod\nmetadata: {name: w}\n",
    "# a comment\n",
    "---\nkind: Pod\nmetadata: {name: v}\n",
    "...\n",
    "kind: Pod\r\nmetadata: {name: u}\r\n---\r\n",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn assert_as_parsed(edited: &EditedText, what: &str) {
    let whole = parse(edited.text());
    let kept: Vec<&Document> = edited.documents().collect();
    let parsed: Vec<&Document> = whole.documents.iter().collect();
    assert_eq!(kept, parsed, "{what}: {:?}", edited.text());
}

#[test]
fn changes_keep_the_documents_parse_gives() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (t, text) in TEXTS.iter().enumerate() {
        for run in 0..30 {
            let parsed = parse(text);
            let mut edited = EditedText::new(text, &parsed);
            let mut steps = Vec::new();
            for _ in 0..8 {
                let count = edited.documents().count();
                let body = BODIES[rng.below(BODIES.len())];
                let change = match rng.below(3) {
                    0 => {
                        steps.push(format!("append {body:?}"));
                        edited.append(body)
                    }
                    1 if count > 0 => {
                        let i = rng.below(count);
                        steps.push(format!("replace {i} {body:?}"));
                        edited.replace(i, body)
                    }
                    _ if count > 0 => {
                        let i = rng.below(count);
                        steps.push(format!("remove {i}"));
                        edited.remove(i)
                    }
                    _ => continue,
                };
                edited.apply(change);
                assert_as_parsed(&edited, &format!("text {t}, run {run}: {steps:?}"));
            }
        }
    }
}

#[test]
fn a_change_reads_only_the_documents_it_touches() {
    let pod = |name: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: web}}\nspec:\n  containers: [{{name: c, image: nginx}}]\n")
    };
    let text: String = (0..50)
        .map(|i| pod(&format!("p{i}")))
        .collect::<Vec<_>>()
        .join("---\n");
    let parsed = parse(&text);
    let mut edited = EditedText::new(&text, &parsed);
    let longest = pod("p00").len() + 20;
    for i in (0..50).step_by(7) {
        let change = edited.replace(i, &pod(&format!("q{i}")));
        assert!(
            change.read_bytes().len() <= longest,
            "{:?}",
            change.read_bytes()
        );
        assert!(change.diagnostics().is_empty());
        edited.apply(change);
    }
    let change = edited.append(&pod("new"));
    assert!(change.read_bytes().len() <= longest);
    edited.apply(change);
    let change = edited.remove(20);
    assert!(change.read_bytes().is_empty());
    edited.apply(change);
    let change = edited.remove(0);
    assert!(change.read_bytes().len() <= longest);
    edited.apply(change);
    assert_as_parsed(&edited, "fifty pods");
    assert!(find_object(edited.objects(), "Pod", Some("default"), "q7").is_some());
    assert!(find_object(edited.objects(), "Pod", None, "p7").is_none());
    assert_eq!(edited.objects().count(), 49);
}

#[test]
fn the_parser_speaks_of_the_touched_document_alone() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n---\nkind: Pod\nmetadata: {name: a}\n";
    let parsed = parse(text);
    let edited = EditedText::new(text, &parsed);
    let change = edited.replace(
        0,
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 99999}]\n",
    );
    assert!(
        change
            .diagnostics()
            .iter()
            .any(|d| d.object.contains("s") && d.path == "spec.ports[0].port"),
        "{:?}",
        change.diagnostics()
    );
    assert!(change.text().contains("99999"));
}
