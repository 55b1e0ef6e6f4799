//! The three kinds of patch `kubectl patch` sends, applied as the API server applies them:
//! JSON merge patch (RFC 7386), strategic merge patch (the built-in kinds' default: a merge
//! patch whose lists of keyed items merge by key), and JSON patch (RFC 6902).

use reachmap_core::yaml::emit;
use serde_yaml::{Mapping, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Strategic,
    Merge,
    Json,
}

impl Type {
    pub fn parse(s: &str) -> Option<Type> {
        match s.to_ascii_lowercase().as_str() {
            "strategic" => Some(Type::Strategic),
            "merge" => Some(Type::Merge),
            "json" => Some(Type::Json),
            _ => None,
        }
    }
}

/// The object `target` (of API kind `kind`) patched; the error is the API server's, as
/// kubectl prints it.
pub fn apply(kind: Type, target: &Value, patch: &Value, api_kind: &str) -> Result<Value, String> {
    match kind {
        Type::Json => json_patch(target, patch),
        Type::Merge | Type::Strategic => {
            let Value::Mapping(p) = patch else {
                return Err(format!(
                    "Error from server (BadRequest): json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    go_type(patch)
                ));
            };
            let mut out = target.clone();
            if kind == Type::Merge {
                merge(&mut out, p);
            } else {
                strategic(&mut out, p, &mut Vec::new(), api_kind)?;
            }
            Ok(out)
        }
    }
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Sequence(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

/// RFC 7386: keys of the patch replace the target's, `null` removes, objects merge.
fn merge(target: &mut Value, patch: &Mapping) {
    if !target.is_mapping() {
        *target = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(t) = target else { return };
    for (k, v) in patch {
        match v {
            Value::Null => {
                t.remove(k);
            }
            Value::Mapping(pm) => {
                let entry = t.entry(k.clone()).or_insert(Value::Null);
                merge(entry, pm);
            }
            other => {
                t.insert(k.clone(), other.clone());
            }
        }
    }
}

/// The key strategic merge patch merges a list by, for the list at `path` (mapping keys
/// from the object's root, list indexes left out) of an object of kind `kind`.
fn merge_key(path: &[String], kind: &str) -> Option<&'static str> {
    let last = path.last()?.as_str();
    let parent = path.len().checked_sub(2).map(|i| path[i].as_str());
    let in_container = matches!(
        parent,
        Some("containers" | "initContainers" | "ephemeralContainers")
    );
    match last {
        "ports" if kind == "Service" && path.len() == 2 && path[0] == "spec" => Some("port"),
        "ports" if in_container => Some("containerPort"),
        "env" | "volumeMounts" | "volumeDevices" if !in_container => None,
        "env" => Some("name"),
        "volumeMounts" => Some("mountPath"),
        "volumeDevices" => Some("devicePath"),
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "volumes"
        | "imagePullSecrets" => Some("name"),
        "hostAliases" => Some("ip"),
        _ => None,
    }
}

/// Strategic merge patch: a merge patch whose keyed lists merge item by item, with the
/// `$patch` directive (`replace`, `delete`) honoured and `$setElementOrder` ignored (it only
/// orders).
fn strategic(
    target: &mut Value,
    patch: &Mapping,
    path: &mut Vec<String>,
    kind: &str,
) -> Result<(), String> {
    if let Some(directive) = patch.get("$patch") {
        match directive.as_str() {
            Some("replace") => {
                let mut p = patch.clone();
                p.remove("$patch");
                *target = clean(&Value::Mapping(p));
                return Ok(());
            }
            Some("delete") => {
                *target = Value::Mapping(Mapping::new());
                return Ok(());
            }
            Some("merge") => {}
            _ => {
                return Err(format!(
                    "Error from server: Unknown patch type: {}",
                    emit::inline(directive).unwrap_or_default()
                ))
            }
        }
    }
    if !target.is_mapping() {
        *target = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(t) = target else {
        return Ok(());
    };
    for (k, v) in patch {
        let Some(key) = k.as_str() else {
            t.insert(k.clone(), v.clone());
            continue;
        };
        if key == "$patch" || key.starts_with("$setElementOrder/") {
            continue;
        }
        if key.starts_with('$') {
            return Err(format!(
                "error: the strategic merge directive {key} is not simulated here; use --type merge or --type json"
            ));
        }
        path.push(key.to_string());
        match v {
            Value::Null => {
                t.remove(k);
            }
            Value::Mapping(pm) => {
                let directive = pm.get("$patch").and_then(Value::as_str);
                if directive == Some("delete") {
                    t.remove(k);
                } else {
                    let entry = t.entry(k.clone()).or_insert(Value::Null);
                    strategic(entry, pm, path, kind)?;
                }
            }
            Value::Sequence(items) => match (merge_key(path, kind), t.get_mut(k)) {
                (Some(by), Some(Value::Sequence(current))) => {
                    merge_list(current, items, by, path, kind)?
                }
                _ => {
                    t.insert(k.clone(), clean_list(items));
                }
            },
            other => {
                t.insert(k.clone(), other.clone());
            }
        }
        path.pop();
    }
    Ok(())
}

/// A keyed list merged with the patch's items: an item with the same key is patched, an
/// item `{$patch: delete, KEY: …}` removes it, `{$patch: replace}` makes the list the
/// patch's, a new key is appended.
fn merge_list(
    current: &mut Vec<Value>,
    items: &[Value],
    by: &str,
    path: &mut Vec<String>,
    kind: &str,
) -> Result<(), String> {
    if items
        .iter()
        .any(|i| i.get("$patch").and_then(Value::as_str) == Some("replace"))
    {
        *current = items
            .iter()
            .filter(|i| i.get("$patch").is_none())
            .map(clean)
            .collect();
        return Ok(());
    }
    for item in items {
        let Value::Mapping(pm) = item else {
            return Err(format!(
                "Error from server: map: {} does not contain declared merge key: {by}",
                emit::inline(item).unwrap_or_default()
            ));
        };
        let Some(key) = pm.get(by) else {
            return Err(format!(
                "Error from server: map: map[{}] does not contain declared merge key: {by}",
                go_map(pm)
            ));
        };
        let found = current.iter().position(|c| c.get(by) == Some(key));
        let delete = pm.get("$patch").and_then(Value::as_str) == Some("delete");
        match (found, delete) {
            (Some(i), true) => {
                current.remove(i);
            }
            (None, true) => {}
            (Some(i), false) => strategic(&mut current[i], pm, path, kind)?,
            (None, false) => current.push(clean(item)),
        }
    }
    Ok(())
}

/// A map as Go prints it (`%v`), for the merge key error.
fn go_map(m: &Mapping) -> String {
    m.iter()
        .map(|(k, v)| {
            format!(
                "{}:{}",
                k.as_str().unwrap_or_default(),
                emit::inline(v).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A patch value as it lands where nothing was: `null`s and directives removed from its
/// mappings.
fn clean(v: &Value) -> Value {
    match v {
        Value::Mapping(m) => Value::Mapping(
            m.iter()
                .filter(|(k, v)| !v.is_null() && !k.as_str().is_some_and(|k| k.starts_with('$')))
                .map(|(k, v)| (k.clone(), clean(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn clean_list(items: &[Value]) -> Value {
    Value::Sequence(items.iter().map(clean).collect())
}

/// RFC 6902 operations, in order; all or nothing.
fn json_patch(target: &Value, patch: &Value) -> Result<Value, String> {
    let Value::Sequence(ops) = patch else {
        return Err(format!(
            "Error from server (BadRequest): json: cannot unmarshal {} into Go value of type jsonpatch.Patch",
            go_type(patch)
        ));
    };
    let mut doc = target.clone();
    for op in ops {
        let s = |k: &str| op.get(k).and_then(Value::as_str);
        let bad = |why: String| format!("Error from server (BadRequest): {why}");
        let name = s("op").unwrap_or_default();
        let path = s("path").ok_or_else(|| {
            bad(format!(
                "jsonpatch {name} operation does not apply: doc is missing path: \"\""
            ))
        })?;
        let tokens = pointer(path).ok_or_else(|| {
            bad(format!(
                "jsonpatch {name} operation does not apply: doc is missing path: \"{path}\""
            ))
        })?;
        let value = || {
            op.get("value").cloned().ok_or_else(|| {
                bad(format!(
                    "jsonpatch {name} operation does not apply: missing value"
                ))
            })
        };
        let missing = || {
            bad(format!("jsonpatch {name} operation does not apply: doc is missing path: \"{path}\": missing value"))
        };
        match name {
            "add" => add(&mut doc, &tokens, value()?).ok_or_else(missing)?,
            "remove" => {
                remove(&mut doc, &tokens).ok_or_else(missing)?;
            }
            "replace" => {
                let v = value()?;
                let slot = get_mut(&mut doc, &tokens).ok_or_else(|| {
                    bad(format!("jsonpatch replace operation does not apply: doc is missing key: {path}: missing value"))
                })?;
                *slot = v;
            }
            "move" | "copy" => {
                let from = s("from").unwrap_or_default();
                let from_tokens = pointer(from).ok_or_else(missing)?;
                let v = if name == "move" {
                    remove(&mut doc, &from_tokens)
                } else {
                    get_mut(&mut doc, &from_tokens).map(|v| v.clone())
                }
                .ok_or_else(|| bad(format!("jsonpatch {name} operation does not apply: doc is missing from path: \"{from}\": missing value")))?;
                add(&mut doc, &tokens, v).ok_or_else(missing)?;
            }
            "test" => {
                let v = value()?;
                if get_mut(&mut doc, &tokens).map(|x| &*x) != Some(&v) {
                    return Err(format!(
                        "The request is invalid: testing value {path} failed: test failed"
                    ));
                }
            }
            other => {
                return Err(bad(format!("Unexpected kind: {other}")));
            }
        }
    }
    Ok(doc)
}

/// A JSON pointer's tokens (`/spec/ports/0` → `spec`, `ports`, `0`).
fn pointer(path: &str) -> Option<Vec<String>> {
    if path.is_empty() {
        return Some(Vec::new());
    }
    let rest = path.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

fn get_mut<'v>(doc: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    let mut v = doc;
    for t in tokens {
        v = match v {
            Value::Mapping(m) => m.get_mut(t.as_str())?,
            Value::Sequence(s) => s.get_mut(index(t)?)?,
            _ => return None,
        };
    }
    Some(v)
}

fn index(token: &str) -> Option<usize> {
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

fn add(doc: &mut Value, tokens: &[String], value: Value) -> Option<()> {
    let Some((last, parent)) = tokens.split_last() else {
        *doc = value;
        return Some(());
    };
    match get_mut(doc, parent)? {
        Value::Mapping(m) => {
            m.insert(last.as_str().into(), value);
        }
        Value::Sequence(s) => {
            let i = if last == "-" { s.len() } else { index(last)? };
            if i > s.len() {
                return None;
            }
            s.insert(i, value);
        }
        _ => return None,
    }
    Some(())
}

fn remove(doc: &mut Value, tokens: &[String]) -> Option<Value> {
    let (last, parent) = tokens.split_last()?;
    match get_mut(doc, parent)? {
        Value::Mapping(m) => m.remove(last.as_str()),
        Value::Sequence(s) => {
            let i = index(last)?;
            (i < s.len()).then(|| s.remove(i))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    const SERVICE: &str = "kind: Service\nmetadata: {name: nginx, labels: {a: b}}\nspec: {selector: {run: nginx}, ports: [{port: 80, targetPort: 80}, {port: 443, targetPort: 8443}]}";

    #[test]
    fn merge_patch() {
        let out = apply(
            Type::Merge,
            &v(SERVICE),
            &v(r#"{"spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}]}, "metadata": {"labels": {"a": null}}}"#),
            "Service",
        )
        .unwrap();
        assert_eq!(out["spec"]["type"], v("NodePort"));
        // A merge patch replaces lists.
        assert_eq!(out["spec"]["ports"], v("[{port: 80, nodePort: 30080}]"));
        assert_eq!(out["metadata"]["labels"], v("{}"));
    }

    #[test]
    fn strategic_merge_patch_merges_keyed_lists() {
        let out = apply(
            Type::Strategic,
            &v(SERVICE),
            &v(r#"{"spec": {"ports": [{"port": 80, "nodePort": 30080}, {"port": 8080, "x": null}]}}"#),
            "Service",
        )
        .unwrap();
        assert_eq!(
            out["spec"]["ports"],
            v("[{port: 80, targetPort: 80, nodePort: 30080}, {port: 443, targetPort: 8443}, {port: 8080}]")
        );
        let out = apply(
            Type::Strategic,
            &v(SERVICE),
            &v(r#"{"spec": {"ports": [{"port": 443, "$patch": "delete"}]}}"#),
            "Service",
        )
        .unwrap();
        assert_eq!(out["spec"]["ports"], v("[{port: 80, targetPort: 80}]"));
        let pod = v("kind: Pod\nspec: {containers: [{name: a, image: x, ports: [{containerPort: 80}]}, {name: b, image: y}]}");
        let out = apply(
            Type::Strategic,
            &pod,
            &v(r#"{"spec": {"containers": [{"name": "b", "image": "z", "ports": [{"containerPort": 9090}]}]}}"#),
            "Pod",
        )
        .unwrap();
        assert_eq!(out["spec"]["containers"][0]["image"], v("x"));
        assert_eq!(out["spec"]["containers"][1]["image"], v("z"));
        assert_eq!(
            out["spec"]["containers"][1]["ports"],
            v("[{containerPort: 9090}]")
        );
        assert!(apply(
            Type::Strategic,
            &pod,
            &v(r#"{"spec": {"containers": [{"image": "z"}]}}"#),
            "Pod"
        )
        .unwrap_err()
        .contains("does not contain declared merge key: name"));
        // Lists without a merge key are replaced.
        let policy =
            v("kind: NetworkPolicy\nspec: {ingress: [{from: []}], policyTypes: [Ingress]}");
        let out = apply(
            Type::Strategic,
            &policy,
            &v("{spec: {policyTypes: [Egress]}}"),
            "NetworkPolicy",
        )
        .unwrap();
        assert_eq!(out["spec"]["policyTypes"], v("[Egress]"));
    }

    #[test]
    fn json_patch_operations() {
        let out = apply(
            Type::Json,
            &v(SERVICE),
            &v(r#"[{"op": "replace", "path": "/spec/ports/1/port", "value": 8443},
                   {"op": "add", "path": "/metadata/labels/app.kubernetes.io~1name", "value": "web"},
                   {"op": "remove", "path": "/metadata/labels/a"},
                   {"op": "add", "path": "/spec/ports/-", "value": {"port": 1}},
                   {"op": "test", "path": "/spec/selector/run", "value": "nginx"},
                   {"op": "copy", "from": "/spec/selector", "path": "/metadata/annotations"}]"#),
            "Service",
        )
        .unwrap();
        assert_eq!(out["spec"]["ports"][1]["port"], v("8443"));
        assert_eq!(out["spec"]["ports"][2], v("{port: 1}"));
        assert_eq!(
            out["metadata"]["labels"],
            v("{app.kubernetes.io/name: web}")
        );
        assert_eq!(out["metadata"]["annotations"], v("{run: nginx}"));
        assert_eq!(
            apply(Type::Json, &v(SERVICE), &v(r#"[{"op": "remove", "path": "/spec/nope"}]"#), "Service").unwrap_err(),
            "Error from server (BadRequest): jsonpatch remove operation does not apply: doc is missing path: \"/spec/nope\": missing value"
        );
        assert!(apply(Type::Json, &v(SERVICE), &v("{a: 1}"), "Service").is_err());
        assert!(apply(
            Type::Json,
            &v(SERVICE),
            &v(r#"[{"op": "test", "path": "/kind", "value": "Pod"}]"#),
            "Service"
        )
        .is_err());
    }
}
