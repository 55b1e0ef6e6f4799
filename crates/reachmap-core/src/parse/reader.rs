//! A tolerant reader over one object's YAML value: every access that finds the wrong type or
//! a value the API server rejects records a diagnostic at the field's line and column and
//! carries on, so one bad field never hides the rest.

use super::locate::{push_step, Step};
use super::validate;
use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::model::{LabelSelector, Labels, Operator, PortRef, Protocol, Requirement};
use crate::yaml::document::Positions;
use serde_yaml::Value;

/// Where a document is: which input, which document, its first line in the input, and where
/// its nodes are.
pub struct DocPlace<'a> {
    pub positions: &'a Positions,
    /// The document's value, which `positions` describe.
    pub root: &'a Value,
    pub source: usize,
    pub document: usize,
    pub first_line: u32,
}

impl DocPlace<'_> {
    /// Whether the value at `path` is an unquoted `yes`/`no`/`on`/`off`/`y`/`n`.
    pub fn is_yaml11_boolean(&self, path: &str) -> bool {
        self.positions.is_yaml11_boolean(self.root, path)
    }

    /// The input position of a field path of this document.
    pub fn location(&self, path: &str) -> Location {
        let (line, column) = self.positions.find(self.root, path).unwrap_or((1, 1));
        Location {
            source: self.source,
            document: self.document,
            line: self.first_line + line,
            column,
        }
    }
}

/// A value and its field path from the document's root.
#[derive(Clone)]
pub struct Node<'v> {
    pub value: &'v Value,
    pub path: String,
}

impl<'v> Node<'v> {
    pub fn root(value: &'v Value) -> Node<'v> {
        Node {
            value,
            path: String::new(),
        }
    }

    /// The node one step below this one.
    pub fn step(&self, value: &'v Value, step: Step) -> Node<'v> {
        let mut path = self.path.clone();
        push_step(&mut path, &step);
        Node { value, path }
    }
}

/// The type of a YAML value, as a message says it.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(t) => type_name(&t.value),
    }
}

/// Strips a YAML tag (`!foo value`) that Kubernetes would not see.
fn untag(value: &Value) -> &Value {
    match value {
        Value::Tagged(t) => untag(&t.value),
        v => v,
    }
}

/// Reads one object and collects what is wrong with it.
pub struct ObjectReader<'a> {
    pub place: &'a DocPlace<'a>,
    /// The path of the object within its document (`items[3]` inside a List), to strip from
    /// the paths shown to people.
    pub base: String,
    /// The object as people name it: `Service default/nginx`.
    pub object: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Some error makes the API server reject the object.
    pub rejected: bool,
}

impl<'a> ObjectReader<'a> {
    pub fn new(place: &'a DocPlace<'a>, base: String, object: String) -> ObjectReader<'a> {
        ObjectReader {
            place,
            base,
            object,
            diagnostics: Vec::new(),
            rejected: false,
        }
    }

    /// A path from the document's root as people read it: from the object's root (without
    /// `items[3].` inside a List).
    pub fn shown_path(&self, path: &str) -> String {
        path.strip_prefix(self.base.as_str())
            .map(|p| p.trim_start_matches('.'))
            .unwrap_or(path)
            .to_string()
    }

    /// Records a diagnostic about the field at `path` (a path from the document's root).
    pub fn report(&mut self, severity: Severity, code: Code, path: &str, message: String) {
        if severity == Severity::Error {
            self.rejected = true;
        }
        self.diagnostics.push(Diagnostic {
            severity,
            code,
            location: self.place.location(path),
            path: self.shown_path(path),
            object: self.object.clone(),
            message,
        });
    }

    pub fn error(&mut self, code: Code, node: &Node, message: String) {
        self.report(Severity::Error, code, &node.path, message);
    }

    pub fn warn(&mut self, code: Code, node: &Node, message: String) {
        self.report(Severity::Warning, code, &node.path, message);
    }

    fn wrong_type(&mut self, node: &Node, expected: &str) {
        let found = type_name(node.value);
        let key = node.path.rsplit(['.', '[']).next().unwrap_or("");
        self.error(
            Code::WrongType,
            node,
            format!(
                "`{}` must be {expected}, not {found}",
                key.trim_end_matches(']')
            ),
        );
    }

    /// The field `key` of a mapping node; `None` when absent or null.
    pub fn field<'v>(&mut self, node: &Node<'v>, key: &str) -> Option<Node<'v>> {
        let Value::Mapping(map) = untag(node.value) else {
            return None;
        };
        let value = map.get(key)?;
        if untag(value).is_null() {
            return None;
        }
        Some(node.step(untag(value), Step::Key(key.to_string())))
    }

    /// A field that must be a mapping.
    pub fn mapping<'v>(&mut self, node: &Node<'v>, key: &str) -> Option<Node<'v>> {
        let child = self.field(node, key)?;
        if child.value.is_mapping() {
            Some(child)
        } else {
            self.wrong_type(&child, "a mapping");
            None
        }
    }

    /// A field that must be a list; its items, each with its path. Absent means empty.
    pub fn list<'v>(&mut self, node: &Node<'v>, key: &str) -> Vec<Node<'v>> {
        self.list_or_absent(node, key).unwrap_or_default()
    }

    /// A field that must be a list: `None` when absent, so that `[]` and absence differ.
    pub fn list_or_absent<'v>(&mut self, node: &Node<'v>, key: &str) -> Option<Vec<Node<'v>>> {
        let child = self.field(node, key)?;
        match child.value {
            Value::Sequence(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| child.step(untag(v), Step::Index(i)))
                    .collect(),
            ),
            _ => {
                self.wrong_type(&child, "a list");
                None
            }
        }
    }

    /// kubectl reads YAML 1.1, where an unquoted `yes`, `no`, `on`, `off`, `y` or `n` is a
    /// boolean: the API server then rejects it where a string belongs. serde_yaml (YAML 1.2)
    /// reads a string, so the difference is caught here, on the scalar's style.
    fn check_yaml11_boolean(&mut self, node: &Node, s: &str) -> bool {
        if self.place.is_yaml11_boolean(&node.path) {
            self.error(
                Code::WrongType,
                node,
                format!("kubectl reads an unquoted `{s}` as a boolean (YAML 1.1), not a string; quote it: \"{s}\""),
            );
            return true;
        }
        false
    }

    /// A field that must be a string.
    pub fn string(&mut self, node: &Node, key: &str) -> Option<String> {
        let child = self.field(node, key)?;
        match child.value {
            Value::String(s) => {
                self.check_yaml11_boolean(&child, s);
                Some(s.clone())
            }
            _ => {
                self.wrong_type(&child, "a string");
                None
            }
        }
    }

    /// A field that must be a boolean; an unquoted `yes`/`no`/`on`/`off`/`y`/`n` is one, as
    /// kubectl (YAML 1.1) reads it.
    pub fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        let child = self.field(node, key)?;
        match child.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if self.place.is_yaml11_boolean(&child.path) => Some(matches!(
                s.as_str(),
                "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y"
            )),
            _ => {
                self.wrong_type(&child, "a boolean");
                None
            }
        }
    }

    /// A field that must be an integer.
    pub fn integer(&mut self, node: &Node, key: &str) -> Option<i64> {
        let child = self.field(node, key)?;
        match child.value {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            _ => {
                self.wrong_type(&child, "an integer");
                None
            }
        }
    }

    /// A port number field: an integer from `min` to 65535.
    pub fn port_number(&mut self, node: &Node, key: &str, min: i64) -> Option<u16> {
        let n = self.integer(node, key)?;
        if (min..=65535).contains(&n) {
            Some(n as u16)
        } else {
            let child = self.field(node, key)?;
            self.error(
                Code::InvalidValue,
                &child,
                format!("`{key}` is {n}; it must be between {min} and 65535"),
            );
            None
        }
    }

    /// A port by number (1–65535) or by name (an IANA service name).
    pub fn port_ref(&mut self, node: &Node, key: &str) -> Option<PortRef> {
        let child = self.field(node, key)?;
        match child.value {
            Value::Number(_) => self.port_number(node, key, 1).map(PortRef::Number),
            Value::String(s) => match validate::iana_svc_name(s) {
                Ok(()) => Some(PortRef::Name(s.clone())),
                Err(why) => {
                    let hint = if s.parse::<u32>().is_ok() {
                        " (a number in quotes is a name; write it without quotes)"
                    } else {
                        ""
                    };
                    self.error(Code::InvalidValue, &child, format!("`{key}`: {why}{hint}"));
                    None
                }
            },
            _ => {
                self.wrong_type(&child, "a port number or name");
                None
            }
        }
    }

    /// `protocol`, defaulting to TCP.
    pub fn protocol(&mut self, node: &Node) -> Protocol {
        let Some(s) = self.string(node, "protocol") else {
            return Protocol::Tcp;
        };
        match Protocol::parse(&s) {
            Some(p) => p,
            None => {
                let child = self.field(node, "protocol").expect("just read");
                self.error(
                    Code::InvalidValue,
                    &child,
                    format!("protocol `{s}` is not supported: use TCP, UDP or SCTP"),
                );
                Protocol::Tcp
            }
        }
    }

    /// A name field checked with one of the `validate` rules.
    pub fn name(
        &mut self,
        node: &Node,
        key: &str,
        rule: fn(&str) -> Result<(), String>,
    ) -> Option<String> {
        let s = self.string(node, key)?;
        if let Err(why) = rule(&s) {
            let child = self.field(node, key).expect("just read");
            self.error(Code::InvalidName, &child, why);
        }
        Some(s)
    }

    /// A map of label keys to values (labels, matchLabels, a Service's selector), validated.
    pub fn labels(&mut self, node: &Node, key: &str) -> Labels {
        let mut labels = Labels::new();
        let Some(map_node) = self.mapping(node, key) else {
            return labels;
        };
        let Value::Mapping(map) = map_node.value else {
            return labels;
        };
        for (k, v) in map {
            let Value::String(k) = untag(k) else {
                self.error(
                    Code::InvalidLabel,
                    &map_node,
                    format!("label keys must be strings, not {}", type_name(k)),
                );
                continue;
            };
            let child = map_node.step(untag(v), Step::Key(k.clone()));
            let value = match untag(v) {
                Value::String(s) => {
                    if self.check_yaml11_boolean(&child, s) {
                        continue;
                    }
                    s.clone()
                }
                Value::Null => String::new(),
                other => {
                    // A scalar is shown as written, to say how to quote it; a list or a
                    // mapping has nothing to quote. (Not serde_yaml's emitter: it would add
                    // libyaml's whole writer to the page for this one sentence.)
                    let quote = match untag(other) {
                        Value::Bool(b) => format!("; quote it: \"{b}\""),
                        Value::Number(n) => format!("; quote it: \"{n}\""),
                        _ => String::new(),
                    };
                    self.error(
                        Code::WrongType,
                        &child,
                        format!(
                            "the value of label `{k}` must be a string, not {}{quote}",
                            type_name(other)
                        ),
                    );
                    continue;
                }
            };
            if let Err(why) = validate::label_key(k) {
                self.error(Code::InvalidLabel, &child, why);
            }
            if let Err(why) = validate::label_value(&value) {
                self.error(Code::InvalidLabel, &child, why);
            }
            labels.insert(k.clone(), value);
        }
        labels
    }

    /// A `metav1.LabelSelector` field; `None` when absent.
    pub fn selector(&mut self, node: &Node, key: &str) -> Option<LabelSelector> {
        let sel = self.mapping(node, key)?;
        let match_labels = self.labels(&sel, "matchLabels");
        let mut match_expressions = Vec::new();
        for expr in self.list(&sel, "matchExpressions") {
            if let Some(r) = self.requirement(&expr) {
                match_expressions.push(r);
            }
        }
        Some(LabelSelector {
            match_labels,
            match_expressions,
        })
    }

    fn requirement(&mut self, expr: &Node) -> Option<Requirement> {
        let key = self.string(expr, "key");
        let op = self.string(expr, "operator");
        let mut values = std::collections::BTreeSet::new();
        for v in self.list(expr, "values") {
            match v.value {
                Value::String(s) => {
                    self.check_yaml11_boolean(&v, s);
                    if let Err(why) = validate::label_value(s) {
                        self.error(Code::InvalidSelector, &v, why);
                    }
                    values.insert(s.clone());
                }
                other => self.error(
                    Code::WrongType,
                    &v,
                    format!("selector values must be strings, not {}", type_name(other)),
                ),
            }
        }
        let Some(key) = key else {
            self.error(Code::MissingField, expr, "`key` is required".into());
            return None;
        };
        if let Err(why) = validate::label_key(&key) {
            let at = self.field(expr, "key").expect("just read");
            self.error(Code::InvalidSelector, &at, why);
        }
        let Some(op) = op else {
            self.error(Code::MissingField, expr, "`operator` is required".into());
            return None;
        };
        let at = self.field(expr, "operator").expect("just read");
        let Some(operator) = Operator::parse(&op) else {
            self.error(
                Code::InvalidSelector,
                &at,
                format!("operator `{op}` does not exist: use In, NotIn, Exists or DoesNotExist"),
            );
            return None;
        };
        match operator {
            Operator::In | Operator::NotIn if values.is_empty() => self.error(
                Code::InvalidSelector,
                &at,
                format!("operator {op} needs at least one value in `values`"),
            ),
            Operator::Exists | Operator::DoesNotExist if !values.is_empty() => self.error(
                Code::InvalidSelector,
                &at,
                format!("operator {op} takes no `values`"),
            ),
            _ => {}
        }
        Some(Requirement {
            key,
            operator,
            values,
        })
    }
}
