//! Typed lists: what the API server's list endpoints return (`PodList`, `NamespaceList`, …,
//! from `kubectl get --raw` or a client library) holds items without `kind` and `apiVersion`,
//! because the list's own kind says them. Clients give each item the kind the list names and
//! the list's apiVersion (kubernetes/kubernetes#63676); so does Reachmap, in the document's
//! value, so that the model, the diagnostics and the console all see the same object. A
//! `kind: List` names no kind: its items must carry their own, and one without stays an
//! error at its place. The reader takes the kind from `Typed` (the text has none, so nothing
//! of the item moves); the document's value gets it afterwards (`fill_typed_items`).

use serde_yaml::Value;

/// The kind a typed list's items are (`PodList` → `Pod`); `None` for `List` and non-lists.
fn item_kind(list_kind: &str) -> Option<&str> {
    list_kind.strip_suffix("List").filter(|k| !k.is_empty())
}

/// What a typed list says of its items.
pub(super) struct Typed {
    pub kind: String,
    /// The list's apiVersion, when it is a string.
    pub api_version: Option<String>,
}

impl Typed {
    /// What the typed list `document` says of its items; `None` for a `List` or a non-list.
    pub fn of(document: &Value) -> Option<Typed> {
        let kind = document
            .get("kind")
            .and_then(Value::as_str)
            .and_then(item_kind)?;
        Some(Typed {
            kind: kind.to_string(),
            api_version: document
                .get("apiVersion")
                .and_then(Value::as_str)
                .map(str::to_string),
        })
    }
}

/// Gives each item of a typed list that has no `kind` (`apiVersion`) the list's.
pub(super) fn fill_typed_items(document: &mut Value) {
    let Value::Mapping(map) = document else {
        return;
    };
    let Some(kind) = map.get("kind").and_then(Value::as_str).and_then(item_kind) else {
        return;
    };
    let kind = Value::String(kind.to_string());
    let api_version = map.get("apiVersion").filter(|v| v.is_string()).cloned();
    let Some(Value::Sequence(items)) = map.get_mut("items") else {
        return;
    };
    for item in items {
        let Value::Mapping(item) = item else { continue };
        if item.get("kind").is_none() {
            item.insert(Value::String("kind".into()), kind.clone());
            if let (None, Some(v)) = (item.get("apiVersion"), &api_version) {
                item.insert(Value::String("apiVersion".into()), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(text: &str) -> Value {
        let mut v: Value = serde_yaml::from_str(text).unwrap();
        fill_typed_items(&mut v);
        v
    }

    #[test]
    fn items_of_a_typed_list_get_its_kind_and_api_version() {
        let v = filled("apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n- {kind: Service, apiVersion: v2, metadata: {name: s}}\n- {apiVersion: v9, metadata: {name: b}}\n");
        let items = v["items"].as_sequence().unwrap();
        assert_eq!(items[0]["kind"], "Pod");
        assert_eq!(items[0]["apiVersion"], "v1");
        // An item's own kind and apiVersion stay.
        assert_eq!(items[1]["kind"], "Service");
        assert_eq!(items[1]["apiVersion"], "v2");
        assert_eq!(items[2]["kind"], "Pod");
        assert_eq!(items[2]["apiVersion"], "v9");
    }

    #[test]
    fn a_plain_list_names_no_kind() {
        let v = filled("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n");
        assert!(v["items"][0].get("kind").is_none());
        assert_eq!(item_kind("NetworkPolicyList"), Some("NetworkPolicy"));
        assert_eq!(item_kind("List"), None);
        assert_eq!(item_kind("Pod"), None);
    }
}
