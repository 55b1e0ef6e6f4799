//! `-o yaml` and `-o json` as kubectl's encoders write them: keys sorted as Go sorts a map's,
//! go-yaml's quoting (`yaml::quote`), Go's JSON escapes.

use reachmap_core::yaml::quote::go_yaml_quotes;

/// Keys sorted at every level, as Go's encoders write maps.
pub(super) fn sorted(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let mut out = serde_json::Map::new();
            for (k, v) in entries {
                out.insert(k.clone(), sorted(v));
            }
            serde_json::Value::Object(out)
        }
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// `-o yaml`, quoted as kubectl's encoder (go-yaml) quotes.
pub(super) fn yaml(v: &serde_json::Value) -> String {
    go_yaml_quotes(&serde_yaml::to_string(&sorted(v)).unwrap_or_default())
}

/// `-o json`: Go's `json.MarshalIndent` with four spaces, `<`, `>` and `&` escaped as Go does.
pub(super) fn json(v: &serde_json::Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if sorted(v).serialize(&mut ser).is_err() {
        return String::new();
    }
    let text = String::from_utf8(buf).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_as_go_does() {
        let v = serde_json::json!({"b": "<a&b>", "a": 1});
        assert_eq!(
            json(&v),
            "{\n    \"a\": 1,\n    \"b\": \"\\u003ca\\u0026b\\u003e\"\n}\n"
        );
    }
}
