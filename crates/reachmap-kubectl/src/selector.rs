//! Label selectors as kubectl reads them (`-l app=web,tier!=db,env in (a,b),!legacy`) and
//! prints them (`metav1.FormatLabelSelector`: every term sorted by key).

use reachmap_core::model::{LabelSelector, Labels, Operator, Requirement};
use serde_yaml::Value;

/// Reads a `-l` selector into requirements; the error is kubectl's kind of message.
pub fn parse(text: &str) -> Result<Vec<Requirement>, String> {
    let mut out = Vec::new();
    for term in split_terms(text) {
        let term = term.trim();
        if term.is_empty() {
            continue;
        }
        out.push(requirement(term).ok_or_else(|| {
            format!("error: unable to parse requirement: found '{term}', expected: a label selector term such as key=value, key!=value, key in (a,b), key notin (a,b), key or !key")
        })?);
    }
    Ok(out)
}

/// Splits at commas outside parentheses.
fn split_terms(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

fn requirement(term: &str) -> Option<Requirement> {
    let req = |key: &str, operator, values: &[&str]| {
        let key = key.trim();
        valid_key(key).then(|| Requirement {
            key: key.to_string(),
            operator,
            values: values.iter().map(|v| v.trim().to_string()).collect(),
        })
    };
    if let Some((key, value)) = term.split_once("!=") {
        return req(key, Operator::NotIn, &[value]).filter(|_| valid_value(value.trim()));
    }
    if let Some((key, value)) = term.split_once("==").or_else(|| term.split_once('=')) {
        return req(key, Operator::In, &[value]).filter(|_| valid_value(value.trim()));
    }
    for (word, operator) in [(" notin ", Operator::NotIn), (" in ", Operator::In)] {
        if let Some((key, set)) = term.split_once(word) {
            let set = set.trim().strip_prefix('(')?.strip_suffix(')')?;
            let values: Vec<&str> = set.split(',').map(str::trim).collect();
            if values.iter().any(|v| !valid_value(v)) {
                return None;
            }
            return req(key, operator, &values);
        }
    }
    match term.strip_prefix('!') {
        Some(key) => req(key, Operator::DoesNotExist, &[]),
        None => req(term, Operator::Exists, &[]),
    }
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

fn valid_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Whether `labels` satisfy every requirement.
pub fn matches(requirements: &[Requirement], labels: &Labels) -> bool {
    requirements.iter().all(|r| r.matches(labels))
}

/// `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, terms sorted by key, `<none>` when
/// the selector is empty.
pub fn format(selector: &LabelSelector) -> String {
    let s = string(selector);
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

/// `labels.Selector.String()`: as `format`, but empty for an empty selector.
pub fn string(selector: &LabelSelector) -> String {
    let mut terms: Vec<(&str, String)> = selector
        .match_labels
        .iter()
        .map(|(k, v)| (k.as_str(), format!("{k}={v}")))
        .collect();
    terms.extend(
        selector
            .match_expressions
            .iter()
            .map(|r| (r.key.as_str(), r.to_string())),
    );
    terms.sort_by(|a, b| a.0.cmp(b.0));
    terms
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(",")
}

/// `labels.FormatLabels`: `a=b,c=d`, `<none>` when empty.
pub fn labels(labels: &Labels) -> String {
    if labels.is_empty() {
        "<none>".into()
    } else {
        reachmap_core::model::format_labels(labels)
    }
}

/// A `metav1.LabelSelector` written in a manifest (`matchLabels`, `matchExpressions`).
pub fn from_value(value: Option<&Value>) -> LabelSelector {
    let Some(value) = value else {
        return LabelSelector::default();
    };
    let match_labels = string_map(value.get("matchLabels"));
    let match_expressions = value
        .get("matchExpressions")
        .and_then(Value::as_sequence)
        .map(|exprs| {
            exprs
                .iter()
                .filter_map(|e| {
                    Some(Requirement {
                        key: e.get("key")?.as_str()?.to_string(),
                        operator: Operator::parse(e.get("operator")?.as_str()?)?,
                        values: e
                            .get("values")
                            .and_then(Value::as_sequence)
                            .map(|vs| vs.iter().filter_map(scalar).collect())
                            .unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    LabelSelector {
        match_labels,
        match_expressions,
    }
}

/// A mapping of strings (labels, annotations, a selector's `matchLabels`); non-string scalars
/// as YAML writes them.
pub fn string_map(value: Option<&Value>) -> Labels {
    let mut out = Labels::new();
    if let Some(Value::Mapping(m)) = value {
        for (k, v) in m {
            if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                out.insert(k, v);
            }
        }
    }
    out
}

/// A scalar as text.
pub fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_of(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_kubectl_selectors() {
        let reqs = parse("app=web,tier!=db,env in (a, b),!legacy,team").unwrap();
        assert_eq!(reqs.len(), 5);
        let l = labels_of(&[("app", "web"), ("env", "b"), ("team", "x")]);
        assert!(matches(&reqs, &l));
        assert!(!matches(
            &reqs,
            &labels_of(&[("app", "web"), ("env", "c"), ("team", "x")])
        ));
        assert!(parse("app==web").unwrap()[0].matches(&labels_of(&[("app", "web")])));
        assert!(parse("a b=c").is_err());
        assert!(parse("a in (x").is_err());
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn prints_as_kubectl_sorted_by_key() {
        let sel = LabelSelector {
            match_labels: labels_of(&[("role", "api")]),
            match_expressions: vec![Requirement {
                key: "app".into(),
                operator: Operator::In,
                values: ["b".to_string(), "a".to_string()].into(),
            }],
        };
        assert_eq!(format(&sel), "app in (a,b),role=api");
        assert_eq!(format(&LabelSelector::default()), "<none>");
        assert_eq!(string(&LabelSelector::default()), "");
    }
}
