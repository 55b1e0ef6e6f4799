//! Labels and label selectors as values, with a pure `matches`.
//!
//! Semantics of `metav1.LabelSelector`: `matchLabels` and every `matchExpressions` requirement
//! must all hold (AND); an empty selector matches everything.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A set of labels, ordered by key so that output is deterministic.
pub type Labels = BTreeMap<String, String>;

/// A selector operator of `matchExpressions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Operator {
    /// The label's value must be one of `values`.
    In,
    /// The label is absent, or its value is none of `values`.
    NotIn,
    /// The label is present, whatever its value (`values` must be empty).
    Exists,
    /// The label is absent (`values` must be empty).
    DoesNotExist,
}

impl Operator {
    /// Parses the operator as the API spells it (case-sensitive, as the API server is).
    pub fn parse(s: &str) -> Option<Operator> {
        match s {
            "In" => Some(Operator::In),
            "NotIn" => Some(Operator::NotIn),
            "Exists" => Some(Operator::Exists),
            "DoesNotExist" => Some(Operator::DoesNotExist),
            _ => None,
        }
    }
}

/// One `matchExpressions` entry.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Requirement {
    /// The label key the requirement tests.
    pub key: String,
    /// How the key's value is tested.
    pub operator: Operator,
    /// The values `In` and `NotIn` compare with (non-empty for them, empty otherwise).
    pub values: BTreeSet<String>,
}

impl Requirement {
    /// Whether a set of labels satisfies this requirement.
    pub fn matches(&self, labels: &Labels) -> bool {
        let value = labels.get(&self.key);
        match self.operator {
            Operator::In => value.is_some_and(|v| self.values.contains(v)),
            Operator::NotIn => value.is_none_or(|v| !self.values.contains(v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values = || self.values.iter().cloned().collect::<Vec<_>>().join(",");
        match self.operator {
            Operator::In => write!(f, "{} in ({})", self.key, values()),
            Operator::NotIn => write!(f, "{} notin ({})", self.key, values()),
            Operator::Exists => write!(f, "{}", self.key),
            Operator::DoesNotExist => write!(f, "!{}", self.key),
        }
    }
}

/// A `metav1.LabelSelector`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LabelSelector {
    /// `matchLabels`: each key must be present with exactly this value.
    pub match_labels: Labels,
    /// `matchExpressions`: each requirement must hold too.
    pub match_expressions: Vec<Requirement>,
}

impl LabelSelector {
    /// A selector of `matchLabels` only (what a Service's `spec.selector` is).
    pub fn from_labels(match_labels: Labels) -> LabelSelector {
        LabelSelector {
            match_labels,
            match_expressions: Vec::new(),
        }
    }

    /// Whether the selector is `{}`, which selects everything.
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// Whether a set of labels satisfies every term of the selector.
    pub fn matches(&self, labels: &Labels) -> bool {
        matches_all(&self.match_labels, labels)
            && self.match_expressions.iter().all(|r| r.matches(labels))
    }

    /// The label keys the selector tests.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.match_labels
            .keys()
            .map(String::as_str)
            .chain(self.match_expressions.iter().map(|r| r.key.as_str()))
    }
}

/// Prints the selector as kubectl does: `app=payment-processor,role=api`, `<none>` when empty.
impl fmt::Display for LabelSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("<none>");
        }
        let mut terms: Vec<String> = self
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        terms.extend(self.match_expressions.iter().map(|r| r.to_string()));
        f.write_str(&terms.join(","))
    }
}

/// Whether `labels` carry every key of `required` with the same value: `matchLabels`, and a
/// Service's `spec.selector`.
pub fn matches_all(required: &Labels, labels: &Labels) -> bool {
    required.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// Formats labels as `k=v,k2=v2`.
pub fn format_labels(labels: &Labels) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn req(key: &str, operator: Operator, values: &[&str]) -> Requirement {
        Requirement {
            key: key.into(),
            operator,
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn empty_selector_matches_everything() {
        assert!(LabelSelector::default().matches(&labels(&[])));
        assert!(LabelSelector::default().matches(&labels(&[("a", "b")])));
    }

    #[test]
    fn match_labels_and_expressions_are_anded() {
        let sel = LabelSelector {
            match_labels: labels(&[("app", "web")]),
            match_expressions: vec![req("tier", Operator::In, &["front", "edge"])],
        };
        assert!(sel.matches(&labels(&[("app", "web"), ("tier", "edge")])));
        assert!(!sel.matches(&labels(&[("app", "web"), ("tier", "back")])));
        assert!(!sel.matches(&labels(&[("app", "db"), ("tier", "edge")])));
        assert!(!sel.matches(&labels(&[("tier", "edge")])));
    }

    #[test]
    fn operators() {
        let l = labels(&[("a", "1")]);
        assert!(req("a", Operator::In, &["1", "2"]).matches(&l));
        assert!(!req("a", Operator::In, &["2"]).matches(&l));
        assert!(!req("b", Operator::In, &["1"]).matches(&l));
        assert!(!req("a", Operator::NotIn, &["1"]).matches(&l));
        assert!(req("a", Operator::NotIn, &["2"]).matches(&l));
        // NotIn holds for a missing key, as in Kubernetes.
        assert!(req("b", Operator::NotIn, &["1"]).matches(&l));
        assert!(req("a", Operator::Exists, &[]).matches(&l));
        assert!(!req("b", Operator::Exists, &[]).matches(&l));
        assert!(req("b", Operator::DoesNotExist, &[]).matches(&l));
        assert!(!req("a", Operator::DoesNotExist, &[]).matches(&l));
    }

    #[test]
    fn displays_like_kubectl() {
        let sel =
            LabelSelector::from_labels(labels(&[("role", "api"), ("app", "payment-processor")]));
        assert_eq!(sel.to_string(), "app=payment-processor,role=api");
        assert_eq!(LabelSelector::default().to_string(), "<none>");
    }
}
