//! `kubectl label KIND NAME… key=value key2- [--overwrite]`.

use super::select::each;
use super::{flags, labels_of, ALL, DRY_RUN, FILENAME, OUTPUT, SELECTOR};
use crate::args::Flag;
use crate::resources::requests;
use crate::{Ctx, Outcome};
use reachmap_core::model::Labels;
use reachmap_core::parse::validate;
use serde_yaml::{Mapping, Value};

/// `kubectl label KIND NAME… key=value key2- [--overwrite]`.
pub fn kubectl_label(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            Flag::boolean("overwrite"),
            Flag::boolean("list"),
            Flag::boolean("local"),
            Flag::value("resource-version"),
            SELECTOR,
            ALL,
            FILENAME,
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl label",
    )?;
    // Resources first, then the label changes (`k=v`, `k-`).
    let (mut resources, mut changes) = (Vec::new(), Vec::new());
    for w in args.positional.iter().chain(&args.command) {
        let change = (w.contains('=') && !w.starts_with('=')) || (w.ends_with('-') && w != "-");
        if change {
            changes.push(w.as_str());
        } else if !changes.is_empty() {
            return Err(format!(
                "error: all resources must be specified before label changes: {w}"
            ));
        } else {
            resources.push(w.clone());
        }
    }
    let mut set = Labels::new();
    let mut remove = Vec::new();
    for c in &changes {
        if c.contains('=') {
            let parts: Vec<&str> = c.split('=').collect();
            let [key, value] = parts.as_slice() else {
                return Err(format!("error: invalid label spec: {c}"));
            };
            if validate::label_value(value).is_err() {
                return Err(format!(
                    "error: invalid label value: \"{c}\": {}",
                    label_value_errors(value)
                ));
            }
            set.insert(key.to_string(), value.to_string());
        } else if let Some(key) = c.strip_suffix('-') {
            remove.push(key.to_string());
        }
    }
    if remove.iter().any(|k| set.contains_key(k)) {
        return Err("error: can not both modify and remove a label in the same command".into());
    }
    if args.on("list") {
        return Err(
            "error: --list is not simulated here; `kubectl get KIND NAME --show-labels` shows them"
                .into(),
        );
    }
    if args.on("all") && args.get("selector").is_some() {
        return Err("error: cannot set --all and --selector at the same time".into());
    }
    if resources.is_empty() && args.all("filename").is_empty() {
        return Err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    }
    if set.is_empty() && remove.is_empty() {
        return Err("error: at least one label update is required".into());
    }
    let requests = requests(&resources)?;
    let overwrite = args.on("overwrite");
    each(ctx, &args, &requests, "label", |work, _, old| {
        let current = labels_of(old.get("metadata").and_then(|m| m.get("labels")));
        if !overwrite {
            let clashes: Vec<String> = set
                .iter()
                .filter_map(|(k, v)| {
                    let now = current.get(k)?;
                    (now != v).then(|| {
                        format!("'{k}' already has a value ({now}), and --overwrite is false")
                    })
                })
                .collect();
            match clashes.as_slice() {
                [] => {}
                [one] => return Err(format!("error: {one}")),
                many => return Err(format!("error: [{}]", many.join(", "))),
            }
        }
        for key in &remove {
            if !current.contains_key(key) {
                work.out.push(format!("label \"{key}\" not found."));
            }
        }
        let mut labels = current.clone();
        let added = set
            .iter()
            .filter(|(k, v)| current.get(*k) != Some(v))
            .count();
        labels.extend(set.iter().map(|(k, v)| (k.clone(), v.clone())));
        let removed = remove
            .iter()
            .filter(|k| labels.remove(*k).is_some())
            .count();
        let message = match (added > 0, removed > 0) {
            (true, true) => "modified",
            (true, false) => "labeled",
            (false, true) => "unlabeled",
            (false, false) => "not labeled",
        };
        Ok((with_labels(old, &current, &labels), message, message))
    })
}

/// Why a label value is invalid, in the API machinery's words (`IsValidLabelValue`), as
/// `kubectl label` checks it before sending anything.
fn label_value_errors(value: &str) -> String {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    let alnum = |c: char| c.is_ascii_alphanumeric();
    let chars_ok = value.is_empty()
        || (value.starts_with(alnum)
            && value.ends_with(alnum)
            && value
                .chars()
                .all(|c| alnum(c) || matches!(c, '-' | '_' | '.')));
    if !chars_ok {
        errors.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string());
    }
    errors.join(";")
}

/// The object with `labels` as its labels: keys kept in their written order and values in
/// their written form where unchanged, new keys after them; no `labels` key when empty.
fn with_labels(old: &Value, current: &Labels, labels: &Labels) -> Value {
    let mut new = old.clone();
    let Some(Value::Mapping(meta)) = new.get_mut("metadata") else {
        return new;
    };
    if labels.is_empty() {
        meta.remove("labels");
        return new;
    }
    let mut m = match meta.get("labels") {
        Some(Value::Mapping(m)) => m.clone(),
        _ => Mapping::new(),
    };
    m.retain(|k, _| k.as_str().is_some_and(|k| labels.contains_key(k)));
    for (k, v) in labels {
        if current.get(k) != Some(v) {
            m.insert(k.clone().into(), v.clone().into());
        }
    }
    meta.insert("labels".into(), Value::Mapping(m));
    new
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_their_written_order() {
        let old: Value = serde_yaml::from_str("metadata: {labels: {z: '1', a: b}}").unwrap();
        let current = labels_of(old["metadata"].get("labels"));
        let mut labels = current.clone();
        labels.insert("m".into(), "n".into());
        labels.remove("a");
        let new = with_labels(&old, &current, &labels);
        let keys: Vec<&str> = new["metadata"]["labels"]
            .as_mapping()
            .unwrap()
            .keys()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(keys, ["z", "m"]);
        assert_eq!(new["metadata"]["labels"]["z"], Value::String("1".into()));
    }
}
