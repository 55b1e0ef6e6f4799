//! `-o jsonpath=TEMPLATE`, as kubectl's JSONPath (k8s.io/client-go/util/jsonpath) reads it: text
//! with `{…}` actions — fields (`.spec.ports[0].nodePort`, `['key']`), `[*]`, indexes (negative
//! from the end), filters (`[?(@.type=="InternalIP")]`), string literals (`{"\n"}`), and
//! `{range …}…{end}`. Missing fields print nothing (kubectl's `--allow-missing-template-keys`).

use serde_json::Value;

#[derive(Debug, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

#[derive(Debug, PartialEq)]
enum Step {
    Key(String),
    Index(i64),
    All,
    /// `[?(@.path OP literal)]`, `OP` `==` or `!=`.
    Filter(Vec<Step>, bool, Value),
}

/// The text `template` yields over `data`; the error is kubectl's kind of message.
pub fn render(template: &str, data: &Value) -> Result<String, String> {
    let nodes =
        parse(template).map_err(|e| format!("error: error parsing jsonpath {template}, {e}"))?;
    let mut out = String::new();
    write(&nodes, data, &mut out);
    Ok(out)
}

fn write(nodes: &[Node], data: &Value, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Path(steps) => {
                let texts: Vec<String> = eval(steps, data).into_iter().map(text).collect();
                out.push_str(&texts.join(" "));
            }
            Node::Range(steps, body) => {
                for item in eval(steps, data) {
                    write(body, item, out);
                }
            }
        }
    }
}

/// A result as jsonpath prints it: strings as they are, collections as compact JSON.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        Value::Array(_) | Value::Object(_) => serde_json::to_string(v).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn eval<'v>(steps: &[Step], data: &'v Value) -> Vec<&'v Value> {
    let mut current = vec![data];
    for step in steps {
        let mut next = Vec::new();
        for v in current {
            match (step, v) {
                (Step::Key(k), Value::Object(m)) => next.extend(m.get(k)),
                (Step::Index(i), Value::Array(a)) => {
                    let at = if *i < 0 { a.len() as i64 + i } else { *i };
                    if let Ok(at) = usize::try_from(at) {
                        next.extend(a.get(at));
                    }
                }
                (Step::All, Value::Array(a)) => next.extend(a.iter()),
                (Step::All, Value::Object(m)) => next.extend(m.values()),
                (Step::Filter(path, equal, literal), Value::Array(a)) => {
                    next.extend(a.iter().filter(|item| {
                        let hit = eval(path, item).first().is_some_and(|x| *x == literal);
                        hit == *equal
                    }));
                }
                _ => {}
            }
        }
        current = next;
    }
    current
}

fn parse(template: &str) -> Result<Vec<Node>, String> {
    let mut stack: Vec<(Vec<Step>, Vec<Node>)> = Vec::new();
    let mut nodes = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            nodes.push(Node::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            nodes.push(Node::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = action_end(after).ok_or("unclosed action")?;
        let action = after[..close].trim();
        rest = &after[close + 1..];
        if let Some(lit) = string_literal(action) {
            nodes.push(Node::Text(lit));
        } else if action == "end" {
            let (steps, outer) = stack.pop().ok_or("not in range, nothing to end")?;
            let body = std::mem::replace(&mut nodes, outer);
            nodes.push(Node::Range(steps, body));
        } else if let Some(path) = action.strip_prefix("range ") {
            stack.push((path_steps(path.trim())?, std::mem::take(&mut nodes)));
        } else {
            nodes.push(Node::Path(path_steps(action)?));
        }
    }
    if !stack.is_empty() {
        return Err("range without end".into());
    }
    Ok(nodes)
}

/// Where the action that starts `s` ends (its `}`), outside quotes.
fn action_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '}' => return Some(i),
            None => {}
        }
    }
    None
}

/// `"text"` with `\n`, `\t`, `\\`, `\"` escapes.
fn string_literal(action: &str) -> Option<String> {
    let inner = action
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .or_else(|| action.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out)
}

fn path_steps(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut rest = path
        .strip_prefix('$')
        .or_else(|| path.strip_prefix('@'))
        .unwrap_or(path);
    while !rest.is_empty() {
        if rest.starts_with("..") {
            return Err("recursive descent (..) is not supported here".into());
        }
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                rest = r;
                continue;
            }
            steps.push(Step::Key(r[..end].to_string()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = bracket_end(r).ok_or("unterminated array")?;
            steps.push(bracket(r[..end].trim())?);
            rest = &r[end + 1..];
        } else {
            return Err(format!("unrecognized character in action: {rest}"));
        }
    }
    Ok(steps)
}

/// The `]` closing a bracket, outside quotes and parentheses.
fn bracket_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ']') if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

fn bracket(inner: &str) -> Result<Step, String> {
    if inner == "*" {
        return Ok(Step::All);
    }
    if let Some(key) = string_literal(inner) {
        return Ok(Step::Key(key));
    }
    if let Ok(i) = inner.parse::<i64>() {
        return Ok(Step::Index(i));
    }
    if let Some(filter) = inner.strip_prefix("?(").and_then(|f| f.strip_suffix(')')) {
        for (op, equal) in [("==", true), ("!=", false)] {
            if let Some((left, right)) = filter.split_once(op) {
                let right = right.trim();
                let literal = match string_literal(right) {
                    Some(s) => Value::String(s),
                    None => serde_json::from_str(right)
                        .map_err(|_| format!("unrecognized literal in filter: {right}"))?,
                };
                return Ok(Step::Filter(path_steps(left.trim())?, equal, literal));
            }
        }
        return Err(format!("unsupported filter: {filter}"));
    }
    Err(format!("unsupported array index: [{inner}]"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_indexes_filters_and_ranges() {
        let svc = json!({"spec": {"clusterIP": "10.96.1.2", "ports": [{"port": 80, "nodePort": 30080}, {"port": 443}]}});
        assert_eq!(render("{.spec.ports[0].nodePort}", &svc).unwrap(), "30080");
        assert_eq!(render("{.spec.ports[*].port}", &svc).unwrap(), "80 443");
        assert_eq!(render("{.spec.ports[-1].port}", &svc).unwrap(), "443");
        assert_eq!(render("{.spec['clusterIP']}", &svc).unwrap(), "10.96.1.2");
        assert_eq!(
            render("ip={.spec.clusterIP}{\"\\n\"}", &svc).unwrap(),
            "ip=10.96.1.2\n"
        );
        assert_eq!(render("{.spec.missing}", &svc).unwrap(), "");
        assert_eq!(render("{.spec.ports[1]}", &svc).unwrap(), "{\"port\":443}");
        let node = json!({"items": [{"status": {"addresses": [
            {"type": "InternalIP", "address": "192.168.64.2"},
            {"type": "Hostname", "address": "minikube"}]}}]});
        assert_eq!(
            render(
                "{.items[*].status.addresses[?(@.type==\"InternalIP\")].address}",
                &node
            )
            .unwrap(),
            "192.168.64.2"
        );
        assert_eq!(
            render(
                "{range .items[*].status.addresses[*]}{.type}: {.address}{\"\\n\"}{end}",
                &node
            )
            .unwrap(),
            "InternalIP: 192.168.64.2\nHostname: minikube\n"
        );
        assert!(render("{.spec", &svc)
            .unwrap_err()
            .contains("unclosed action"));
        assert!(render("{end}", &svc).is_err());
        assert!(render("{range .a}", &svc).is_err());
    }
}
