//! The editor's tests: each edit must read back as the new value, and keep the text it did
//! not need to change.

use super::rewrite;
use crate::yaml::splice;
use serde_yaml::Value;

fn v(s: &str) -> Value {
    serde_yaml::from_str(s).unwrap()
}

/// Rewrites `body` after changing its value with `change`.
fn edit(body: &str, change: impl FnOnce(&mut Value)) -> String {
    let old = v(body);
    let mut new = old.clone();
    change(&mut new);
    let out = rewrite(body, &old, &new);
    assert_eq!(v(&out), new, "{out}");
    out
}

const POD: &str = "# my pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx   # the name\n  labels:\n    run: nginx\nspec:\n  containers:\n  - name: nginx\n    image: \"nginx:1.25\"\n    ports:\n    - containerPort: 80\n\n  # keep me\n  restartPolicy: Never\n";

#[test]
fn a_changed_scalar_keeps_everything_else() {
    let out = edit(POD, |n| n["spec"]["restartPolicy"] = "Always".into());
    assert_eq!(out, POD.replace("Never", "Always"));
    let out = edit(POD, |n| {
        n["spec"]["containers"][0]["image"] = "nginx:1.27".into()
    });
    assert_eq!(out, POD.replace("1.25", "1.27"));
    let out = edit(POD, |n| n["metadata"]["name"] = "web".into());
    assert_eq!(out, POD.replace("name: nginx   #", "name: web   #"));
}

#[test]
fn keys_added_and_removed_by_lines() {
    let out = edit(POD, |n| {
        n["metadata"]["labels"]["tier"] = "web".into();
    });
    assert_eq!(
        out,
        POD.replace("    run: nginx\n", "    run: nginx\n    tier: web\n")
    );
    let out = edit(POD, |n| {
        n["metadata"]["labels"]
            .as_mapping_mut()
            .unwrap()
            .remove("run");
        n["metadata"]["labels"]["app"] = "a".into();
    });
    assert_eq!(out, POD.replace("    run: nginx\n", "    app: a\n"));
    // Labels removed entirely.
    let out = edit(POD, |n| {
        n["metadata"].as_mapping_mut().unwrap().remove("labels");
    });
    assert_eq!(out, POD.replace("  labels:\n    run: nginx\n", ""));
    // A key into a list item, and a new item.
    let out = edit(POD, |n| {
        n["spec"]["containers"][0]["ports"][0]["protocol"] = "TCP".into();
    });
    assert!(
        out.contains("    - containerPort: 80\n      protocol: TCP\n\n  # keep me\n"),
        "{out}"
    );
    let out = edit(POD, |n| {
        let ports = n["spec"]["containers"][0]["ports"]
            .as_sequence_mut()
            .unwrap();
        ports.push(v("containerPort: 443"));
    });
    assert!(
        out.contains("    - containerPort: 80\n    - containerPort: 443\n"),
        "{out}"
    );
}

#[test]
fn sorted_mappings_get_new_keys_in_place() {
    let body = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: nginx\n";
    let out = edit(body, |n| n["spec"]["type"] = "NodePort".into());
    assert_eq!(out, format!("{body}  type: NodePort\n"));
    let out = edit(body, |n| n["spec"]["ports"][0]["nodePort"] = 30080.into());
    assert!(
        out.contains("  - nodePort: 30080\n    port: 80\n")
            || out.contains("  - port: 80\n    nodePort: 30080\n"),
        "{out}"
    );
    let out = edit(body, |n| n["spec"]["clusterIP"] = "10.96.0.20".into());
    assert!(
        out.contains("spec:\n  clusterIP: 10.96.0.20\n  ports:\n"),
        "{out}"
    );
}

#[test]
fn the_first_key_of_an_item_can_go() {
    let body = "spec:\n  ports:\n  - name: http\n    port: 80\n";
    let out = edit(body, |n| {
        n["spec"]["ports"][0]
            .as_mapping_mut()
            .unwrap()
            .remove("name");
    });
    assert_eq!(out, "spec:\n  ports:\n  - port: 80\n");
}

#[test]
fn quotes_crlf_and_a_missing_last_newline() {
    let body = "kind: Service\r\nspec:\r\n  type: 'ClusterIP'\r\n";
    let out = edit(body, |n| n["spec"]["type"] = "NodePort".into());
    assert_eq!(out, "kind: Service\r\nspec:\r\n  type: 'NodePort'\r\n");
    let out = edit(body, |n| n["spec"]["x"] = "y".into());
    assert_eq!(
        out,
        "kind: Service\r\nspec:\r\n  type: 'ClusterIP'\r\n  x: \"y\"\r\n"
    );
    let body = "kind: Pod\nmetadata:\n  name: a";
    let out = edit(body, |n| n["metadata"]["namespace"] = "prod".into());
    assert!(
        out.starts_with("kind: Pod\nmetadata:\n  name: a\n"),
        "{out}"
    );
}

#[test]
fn flow_style_and_json_are_written_whole() {
    let body = "# top\nkind: Service\nspec: {type: ClusterIP, ports: [{port: 80}]}\n";
    let out = edit(body, |n| n["spec"]["type"] = "NodePort".into());
    assert!(out.starts_with("# top\nkind: Service\n"), "{out}");
    let body = "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n";
    let out = edit(body, |n| n["metadata"]["name"] = "b".into());
    assert!(out.starts_with("{\n  \"kind\": \"Pod\""), "{out}");
}

#[test]
fn values_that_change_shape() {
    let out = edit(POD, |n| n["metadata"]["labels"] = v("{}"));
    assert!(out.contains("  labels: {}\n"), "{out}");
    let out = edit(POD, |n| n["spec"]["restartPolicy"] = v("[a, b]"));
    assert!(out.contains("  restartPolicy:\n  - a\n  - b\n"), "{out}");
    let body = "a:\nb: 1\n";
    let out = edit(body, |n| n["a"] = v("{x: 1}"));
    assert_eq!(out, "a:\n  x: 1\nb: 1\n");
}

/// Every edit of a document written in a way the editor may not follow line by line, made
/// inside a text of several documents as the console makes it: the text outside the
/// document's body stays byte for byte, the document keeps its leading comment, and the new
/// text reads as the new value there and as before everywhere else.
#[test]
fn odd_documents_are_edited_and_nothing_else() {
    let changes: [fn(&mut Value); 3] = [
        |n| n["b"] = 9.into(),
        |n| n["z"] = v("{y: [1]}"),
        |n| {
            n.as_mapping_mut().unwrap().remove("b");
        },
    ];
    for odd in [
        "a: &x {b: 1}\nc: *x\n",
        "a: |\n  text\n  more\nb: 1\n",
        "a: \"multi\n  line\"\nb: 1\n",
        "? complex\n: value\nb: 1\n",
        "a:\n- - 1\n  - 2\nb: 1\n",
        "\"quoted key\": 1\nb: 2\n",
        "a: 1\nb: 2\n...\n",
        "{\"a\": [1, 2], \"b\": {\"c\": null}}\n",
        "a: !!str 1\nb: 1 # note\n",
        "a: [1,\n  2]\nb: 1\n",
    ] {
        let body = format!("# odd\n{odd}");
        let text = format!("# first\nkind: A\n---\n{body}---\n# last\nkind: Z\n");
        let parsed = crate::parse(&text);
        let document = &parsed.documents[1];
        assert_eq!(document.body(&text), body);
        let old = document.value.clone().expect("the odd document reads");
        for change in changes {
            let mut new = old.clone();
            change(&mut new);
            let written = rewrite(&body, &old, &new);
            let edited = splice::replace(&text, document, &written);
            let (head, tail) = (&text[..document.body_start], &text[document.span.end..]);
            assert!(
                edited.starts_with(head) && edited.ends_with(tail),
                "{edited}"
            );
            assert!(written.starts_with("# odd\n"), "{written}");
            let values = |p: &crate::Parsed| -> Vec<Option<Value>> {
                p.documents.iter().map(|d| d.value.clone()).collect()
            };
            let mut expected = values(&parsed);
            expected[1] = Some(new);
            assert_eq!(values(&crate::parse(&edited)), expected, "{edited}");
        }
    }
}
