//! The parsed documents as the console reads them: from a model object to its document, and
//! every object of the text (the model's and those it leaves out) by kind and name.

use super::lists::Typed;
use super::reader::{DocPlace, Node};
use super::Parsed;
use crate::diag::Location;
use crate::model::DEFAULT_NAMESPACE;
use crate::yaml::document::{str_at, Document, DocumentObject, ObjectHead};

/// What names the object at `node` (item `item` of a List, or the document itself): `None`
/// when it has no `kind` (of its own or its typed list's), which nothing can name it by.
pub(super) fn head(
    place: &DocPlace,
    node: &Node,
    item: Option<usize>,
    typed: Option<&Typed>,
) -> Option<ObjectHead> {
    let value = node.value;
    let kind = str_at(value, &["kind"]).or(typed.map(|t| t.kind.as_str()))?;
    Some(ObjectHead {
        kind: kind.to_string(),
        name: str_at(value, &["metadata", "name"])
            .unwrap_or_default()
            .to_string(),
        namespace: str_at(value, &["metadata", "namespace"])
            .unwrap_or(DEFAULT_NAMESPACE)
            .to_string(),
        item,
        location: place.location(&node.path),
    })
}

impl Parsed {
    /// The document at `location` (a model object's, or a diagnostic's).
    pub fn document(&self, location: &Location) -> Option<&Document> {
        let key = (location.source, location.document);
        let i = self
            .documents
            .binary_search_by_key(&key, |d| (d.source, d.index))
            .ok()?;
        Some(&self.documents[i])
    }

    /// The object a model object was read from, by its `location`.
    pub fn object(&self, location: &Location) -> Option<DocumentObject<'_>> {
        self.document(location)?
            .objects()
            .find(|o| &o.location == location)
    }

    /// Every object of every document, in order: those the model leaves out too.
    pub fn objects(&self) -> impl Iterator<Item = DocumentObject<'_>> {
        self.documents.iter().flat_map(Document::objects)
    }

    /// The first object of API kind `kind` named `name`, in `namespace` when given (see
    /// `ObjectHead::namespace`).
    pub fn find_object(
        &self,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Option<DocumentObject<'_>> {
        find_object(self.objects(), kind, namespace, name)
    }
}

/// The first of `objects` (`Parsed::objects`, `EditedText::objects`) of API kind `kind` named
/// `name`, in `namespace` when given (see `ObjectHead::namespace`).
pub fn find_object<'d>(
    mut objects: impl Iterator<Item = DocumentObject<'d>>,
    kind: &str,
    namespace: Option<&str>,
    name: &str,
) -> Option<DocumentObject<'d>> {
    objects
        .find(|o| o.kind == kind && o.name == name && namespace.is_none_or(|ns| o.namespace == ns))
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::yaml::limits::MAX_FLOW_DEPTH;
    use crate::{parse, parse_inputs_with, Input, ParseOptions};
    use serde_yaml::Value;

    const TEXT: &str = "# mine\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: [{name: c, image: nginx}]\n--- # services\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: prod\nspec:\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n  spec:\n    containers: [{name: c, image: nginx}]\n- kind: ConfigMap\n  metadata: {name: c}\n";

    /// (kind, namespace, name, item) of every object.
    fn heads(parsed: &crate::Parsed) -> Vec<(String, String, String, Option<usize>)> {
        parsed
            .objects()
            .map(|o| (o.kind.clone(), o.namespace.clone(), o.name.clone(), o.item))
            .collect()
    }

    #[test]
    fn documents_cover_the_text_with_their_spans() {
        let parsed = parse(TEXT);
        let docs = &parsed.documents;
        assert_eq!(docs.len(), 3);
        let spans: Vec<_> = docs.iter().map(|d| d.span.clone()).collect();
        assert_eq!(spans[0].start, 0);
        assert_eq!(spans[2].end, TEXT.len());
        assert!(spans.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(&TEXT[docs[1].span.clone()][..16], "--- # services\na");
        assert!(docs[1]
            .body(TEXT)
            .starts_with("apiVersion: v1\nkind: Service\n"));
        assert_eq!(docs[0].body_start, 0);
        let lines: Vec<_> = docs.iter().map(|d| d.first_line).collect();
        assert_eq!(lines, [0, 7, 15]);
        let indices: Vec<_> = docs.iter().map(|d| (d.source, d.index)).collect();
        assert_eq!(indices, [(0, 0), (0, 1), (0, 2)]);
        assert!(docs.iter().all(|d| d.value.is_some() && d.error.is_none()));
    }

    #[test]
    fn list_items_are_objects_of_their_document() {
        let parsed = parse(TEXT);
        let s = |x: &str| x.to_string();
        assert_eq!(
            heads(&parsed),
            [
                (s("Pod"), s("default"), s("a"), None),
                (s("Service"), s("prod"), s("s"), None),
                (s("Pod"), s("default"), s("b"), Some(0)),
                (s("ConfigMap"), s("default"), s("c"), Some(1)),
            ]
        );
        let b = parsed.find_object("Pod", Some("default"), "b").unwrap();
        assert!(b.in_list());
        assert_eq!(b.document.index, 2);
        assert_eq!(b.value.get("kind"), Some(&Value::from("Pod")));
        assert!(parsed
            .find_object("Service", Some("default"), "s")
            .is_none());
        assert!(parsed.find_object("Service", None, "s").is_some());
    }

    #[test]
    fn a_model_object_leads_to_its_document() {
        let parsed = parse(TEXT);
        let model = &parsed.model;
        let b = model.groups.iter().find(|g| g.name == "b").unwrap();
        let object = parsed.object(&b.location).unwrap();
        assert_eq!((object.name.as_str(), object.item), ("b", Some(0)));
        assert_eq!(parsed.document(&b.location).unwrap().index, 2);
        let service = &model.services[0];
        let object = parsed.object(&service.location).unwrap();
        assert_eq!(
            (object.kind.as_str(), object.document.index),
            ("Service", 1)
        );
        // Every object the model holds has its document object.
        for g in &model.groups {
            assert_eq!(parsed.object(&g.location).unwrap().name, g.name);
        }
    }

    #[test]
    fn a_broken_document_keeps_its_neighbours() {
        let text = "kind: Pod\nmetadata: {name: a}\n---\nkind: [unclosed\n---\nkind: Pod\nmetadata: {name: b}\n";
        let parsed = parse(text);
        let docs = &parsed.documents;
        assert_eq!(docs.len(), 3);
        assert!(docs[1].value.is_none());
        let error = docs[1].error.as_ref().expect("a syntax error");
        assert!(error.go_yaml(docs[1].first_line).starts_with("yaml: line "));
        let names: Vec<_> = parsed.objects().map(|o| o.name.clone()).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(docs[2]
            .body(text)
            .starts_with("kind: Pod\nmetadata: {name: b}"));
    }

    #[test]
    fn documents_a_limit_refuses_have_no_value() {
        let deep = format!(
            "a: {}{}\n",
            "[".repeat(MAX_FLOW_DEPTH + 1),
            "]".repeat(MAX_FLOW_DEPTH + 1)
        );
        let text = format!(
            "kind: Pod\nmetadata: {{name: a}}\n---\n{deep}---\nkind: Pod\nmetadata: {{name: b}}\n"
        );
        let parsed = parse(&text);
        let docs = &parsed.documents;
        assert_eq!(docs.len(), 3);
        assert!(docs[1].value.is_none() && docs[1].error.is_none());
        assert!(docs[1].objects.is_empty());
        assert!(parsed
            .diagnostics
            .iter()
            .any(|d| d.code == Code::Limit && d.location.document == 1));
        assert_eq!(parsed.objects().count(), 2);
    }

    #[test]
    fn an_input_refused_whole_is_one_document_without_value() {
        let options = ParseOptions {
            max_input_bytes: 1000,
        };
        let big = "#".repeat(options.max_input_bytes + 1);
        let inputs = [
            Input {
                name: "big".into(),
                text: big.clone(),
            },
            Input {
                name: "small".into(),
                text: "kind: Pod\nmetadata: {name: a}\n---\n# end\n".into(),
            },
        ];
        let parsed = parse_inputs_with(&inputs, &options);
        let docs = &parsed.documents;
        let places: Vec<_> = docs.iter().map(|d| (d.source, d.index)).collect();
        assert_eq!(places, [(0, 0), (1, 0), (1, 1)]);
        assert_eq!(docs[0].span, 0..big.len());
        assert!(docs[0].value.is_none());
        // An empty document has a value: null.
        assert_eq!(docs[2].value, Some(Value::Null));
        assert_eq!(parsed.objects().count(), 1);
    }

    #[test]
    fn values_have_merge_keys_applied() {
        let text = "kind: Pod\nmetadata: &m {name: a}\nspec:\n  <<: {x: 1}\n  y: 2\n";
        let parsed = parse(text);
        let value = parsed.documents[0].value.as_ref().unwrap();
        assert_eq!(value["spec"]["x"], Value::from(1));
        assert!(value["spec"].get("<<").is_none());
    }
}
