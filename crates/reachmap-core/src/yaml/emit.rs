//! Objects written as kubectl writes them with `-o yaml`: block style, sequences not indented
//! under their key, and every mapping's keys in the order kubectl's JSON-to-YAML conversion
//! (go-yaml v2) sorts them.

use super::quote::go_yaml_quotes;
use serde_yaml::{Mapping, Value};
use std::cmp::Ordering;

/// A new object's document, keys sorted as kubectl prints them, ending in a newline.
pub fn document(value: &Value) -> String {
    block(&sorted(value))
}

/// `value` in block YAML, in its own key order, ending in a newline, quoted as kubectl quotes.
pub(crate) fn block(value: &Value) -> String {
    // Serializing a `Value` cannot fail: every key and scalar has a YAML form.
    let plain = serde_yaml::to_string(value).unwrap_or_default();
    let quoted = go_yaml_quotes(&plain);
    // The quotes change how scalars look, never what they are: else serde_yaml's text.
    if quoted != plain && serde_yaml::from_str::<Value>(&quoted).ok().as_ref() != Some(value) {
        return plain;
    }
    quoted
}

/// A scalar as written after `key: ` or `- `: `None` for a collection that is not empty, or a
/// string that takes several lines.
pub fn inline(value: &Value) -> Option<String> {
    match value {
        Value::Mapping(m) if !m.is_empty() => return None,
        Value::Sequence(s) if !s.is_empty() => return None,
        Value::Tagged(_) => return None,
        _ => {}
    }
    let text = block(value);
    let line = text.strip_suffix('\n')?;
    (!line.contains('\n')).then(|| line.to_string())
}

/// `value` with the keys of every mapping sorted as kubectl sorts them.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Mapping(m) => {
            let mut entries: Vec<(&Value, &Value)> = m.iter().collect();
            entries.sort_by(|a, b| key_order(a.0, b.0));
            let mut out = Mapping::new();
            for (k, v) in entries {
                out.insert(k.clone(), sorted(v));
            }
            Value::Mapping(out)
        }
        Value::Sequence(items) => Value::Sequence(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// go-yaml v2's order of mapping keys (`keyList.Less`): numbers by value and before strings;
/// strings rune by rune, a letter after anything else, runs of digits by their value.
fn key_order(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::String(a), Value::String(b)) => string_order(a, b),
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Number(_), _) => Ordering::Less,
        (_, Value::Number(_)) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

fn string_order(a: &str, b: &str) -> Ordering {
    let (ar, br): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            continue;
        }
        let (al, bl) = (ar[i].is_alphabetic(), br[i].is_alphabetic());
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if bl {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let digits = |r: &[char]| -> (usize, u128) {
            let mut n: u128 = 0;
            let mut end = i;
            while end < r.len() && r[end].is_ascii_digit() {
                n = n
                    .saturating_mul(10)
                    .saturating_add(u128::from(r[end] as u8 - b'0'));
                end += 1;
            }
            (end, n)
        };
        let ((ae, an), (be, bn)) = (digits(&ar), digits(&br));
        // A leading zero run compares as in go-yaml: "01" after "1" only by length.
        return an.cmp(&bn).then(ae.cmp(&be)).then(ar[i].cmp(&br[i]));
    }
    ar.len().cmp(&br.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    #[test]
    fn documents_as_kubectl_writes_them() {
        let v = yaml("kind: Service\napiVersion: v1\nmetadata: {name: a, labels: {app: a}}\nspec: {type: ClusterIP, selector: {app: a}, ports: [{targetPort: 80, port: 80, protocol: TCP, name: 80-80}]}");
        assert_eq!(
            document(&v),
            "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: a\n  name: a\nspec:\n  ports:\n  - name: 80-80\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: a\n  type: ClusterIP\n"
        );
    }

    #[test]
    fn quoted_as_kubectl_quotes() {
        let v = yaml("{run: 'y', 'no': 'on', args: [sleep, '3600', 'it''s'], text: \"a\\nyes\\n\", 'a: b': 'c: d'}");
        // Keys and values with escapes read back the same.
        for odd in [
            "{\"\\u00e9: \\t\": \"\\e\"}",
            "{\"a\\\"b: c\": '#x'}",
            "{\"\\x1b\": \"y: n\"}",
        ] {
            let odd = yaml(odd);
            assert_eq!(yaml(&block(&odd)), odd, "{}", block(&odd));
        }
        let text = block(&v);
        assert_eq!(
            text,
            "run: \"y\"\n\"no\": \"on\"\nargs:\n- sleep\n- \"3600\"\n- it's\ntext: |\n  a\n  yes\n\"a: b\": \"c: d\"\n"
        );
        assert_eq!(yaml(&text), v);
    }

    #[test]
    fn keys_in_go_yaml_order() {
        let mut keys = vec!["port-10", "port-9", "b", "B", "_x", "a.b", "ab", "a"];
        keys.sort_by(|a, b| string_order(a, b));
        assert_eq!(
            keys,
            ["_x", "B", "a", "a.b", "ab", "b", "port-9", "port-10"]
        );
    }

    #[test]
    fn inline_scalars() {
        assert_eq!(inline(&yaml("NodePort")).as_deref(), Some("NodePort"));
        assert_eq!(inline(&yaml("'80'")).as_deref(), Some("\"80\""));
        assert_eq!(inline(&yaml("'y'")).as_deref(), Some("\"y\""));
        assert_eq!(inline(&yaml("{}")).as_deref(), Some("{}"));
        assert_eq!(inline(&yaml("{a: 1}")), None);
        assert_eq!(inline(&Value::String("a\nb".into())), None);
    }
}
