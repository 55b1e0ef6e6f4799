//! `kubectl patch KIND NAME -p PATCH [--type strategic|merge|json]`: the patch applied as the
//! API server applies it (`patches`), then what the API server does to the result.

use super::patches::{self, Type};
use super::select::each;
use super::{flags, Id, DRY_RUN, FILENAME, OUTPUT};
use crate::args::Flag;
use crate::resources::{self, requests};
use crate::{Ctx, Outcome};
use reachmap_core::yaml::document::str_at;
use reachmap_core::yaml::quote::double_quoted;
use reachmap_core::yaml::YamlError;
use serde_yaml::Value;

/// `kubectl patch KIND NAME -p PATCH [--type strategic|merge|json]`.
pub fn kubectl_patch(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            Flag::value("patch").short('p'),
            Flag::value("patch-file"),
            Flag::value("type"),
            Flag::boolean("local"),
            Flag::value("subresource"),
            FILENAME,
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl patch",
    )?;
    let patch_text =
        match (args.get("patch"), args.get("patch-file")) {
            (Some(p), Some(_)) if !p.is_empty() => {
                return Err("error: cannot specify --patch and --patch-file together".into())
            }
            (Some(p), _) if !p.is_empty() => p.to_string(),
            (_, Some(f)) if !f.is_empty() => match resources::file(ctx, f) {
                Ok(input) => input.text.clone(),
                Err(_) => {
                    return Err(format!(
                        "error: unable to read patch file: open {f}: no such file or directory"
                    ))
                }
            },
            _ => return Err(
                "error: must specify --patch or --patch-file containing the contents of the patch"
                    .into(),
            ),
        };
    if args.on("local") {
        return Err(
            "error: --local is not simulated here; patch an object of the manifests".into(),
        );
    }
    if let Some(s) = args.get("subresource") {
        if s != "scale" {
            return Err(format!(
                "error: --subresource={s} is not simulated here (only scale)"
            ));
        }
    }
    let kind = match args.get("type") {
        None | Some("") => Type::Strategic,
        Some(t) => Type::parse(t).ok_or_else(|| {
            format!("error: --type must be one of [json merge strategic], not \"{t}\"")
        })?,
    };
    let patch_value: Value = serde_yaml::from_str(&patch_text).map_err(|e| {
        format!(
            "error: unable to parse {}: {}",
            double_quoted(&patch_text),
            YamlError::of(&e).go_yaml(0)
        )
    })?;
    let requests = requests(&args.positional)?;
    each(ctx, &args, &requests, "patch", |_, id, old| {
        let mut new = patches::apply(kind, old, &patch_value, &id.kind)?;
        same_object(old, &new, id)?;
        type_change(old, &mut new);
        Ok((new, "patched", "patched (no change)"))
    })
}

/// The API server's refusal of a patch that changes what the object is.
fn same_object(old: &Value, new: &Value, id: &Id) -> Result<(), String> {
    let at = |v: &Value, path: &[&str]| str_at(v, path).map(str::to_string);
    if at(new, &["metadata", "name"]) != at(old, &["metadata", "name"]) {
        return Err(format!(
            "Error from server (BadRequest): the name of the object ({}) does not match the name on the URL ({})",
            at(new, &["metadata", "name"]).unwrap_or_default(),
            id.name
        ));
    }
    if at(new, &["metadata", "namespace"]) != at(old, &["metadata", "namespace"]) {
        return Err("Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request".into());
    }
    if at(new, &["kind"]) != at(old, &["kind"])
        || at(new, &["apiVersion"]) != at(old, &["apiVersion"])
    {
        return Err(format!(
            "Error from server (BadRequest): the API version and kind in the patch must stay {} {}",
            at(old, &["apiVersion"]).unwrap_or_default(),
            id.kind
        ));
    }
    Ok(())
}

/// What the API server drops when a Service's type changes: nodePorts it had allocated when
/// the new type has none (ClusterIP, ExternalName), the cluster IP for ExternalName. Values
/// the patch itself set are kept, and the API server's validation speaks for them.
fn type_change(old: &Value, new: &mut Value) {
    if str_at(new, &["kind"]) != Some("Service") {
        return;
    }
    let type_of = |v: &Value| {
        str_at(v, &["spec", "type"])
            .unwrap_or("ClusterIP")
            .to_string()
    };
    let (before, after) = (type_of(old), type_of(new));
    if before == after {
        return;
    }
    let old_ports = old.get("spec").and_then(|s| s.get("ports")).cloned();
    let Some(Value::Mapping(spec)) = new.get_mut("spec") else {
        return;
    };
    if matches!(after.as_str(), "ClusterIP" | "ExternalName") {
        if let Some(Value::Sequence(ports)) = spec.get_mut("ports") {
            for (i, port) in ports.iter_mut().enumerate() {
                let was = old_ports
                    .as_ref()
                    .and_then(|p| p.get(i))
                    .and_then(|p| p.get("nodePort"));
                if let Value::Mapping(p) = port {
                    if p.get("nodePort").is_some() && p.get("nodePort") == was {
                        p.remove("nodePort");
                    }
                }
            }
        }
    }
    if after == "ExternalName" {
        for key in ["clusterIP", "clusterIPs"] {
            if spec.get(key) == old.get("spec").and_then(|s| s.get(key)) {
                spec.remove(key);
            }
        }
    }
}
