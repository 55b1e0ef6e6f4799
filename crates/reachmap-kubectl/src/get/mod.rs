//! `kubectl get`: kubectl's tables (its printers' columns, its tabwriter: `table`), `-o wide`,
//! `-o name`, `-o yaml`, `-o json` (the objects as the API server returns them: `manifest`,
//! encoded as Go's encoders write: `encode`), `-o jsonpath`, `-l`, `--show-labels`, `-A`,
//! several kinds at once.

mod encode;
mod jsonpath;
mod manifest;
mod table;

use crate::args::{parse_command, Flag};
use crate::kinds;
use crate::objects::{find, list, nothing_found, scope};
use crate::resources::{check_names, requests};
use crate::selector;
use crate::{Ctx, Outcome};
use encode::{json, sorted, yaml};
pub(crate) use manifest::manifest;
use table::{tables, Shown};

const FLAGS: &[Flag] = &[
    Flag::value("output").short('o'),
    Flag::value("selector").short('l'),
    Flag::boolean("show-labels"),
    Flag::boolean("show-kind"),
    Flag::boolean("no-headers"),
    Flag::boolean("ignore-not-found"),
    Flag::boolean("watch").short('w'),
];

/// How the objects are printed.
#[derive(Clone, PartialEq, Eq)]
enum Output {
    Table { wide: bool },
    Name,
    Yaml,
    Json,
    JsonPath(String),
}

pub(crate) fn kubectl_get(ctx: &Ctx, words: &[String]) -> Outcome {
    match get(ctx, words) {
        Ok((output, ok)) => Outcome {
            ok,
            ..ctx.print(output)
        },
        Err(e) => ctx.fail(e),
    }
}

/// What `get` prints, and whether it succeeded; `Err` for a command that printed nothing else.
fn get(ctx: &Ctx, words: &[String]) -> Result<(String, bool), String> {
    let args = parse_command(words, FLAGS, "kubectl get")?;
    if args.on("watch") {
        return Err(
            "error: --watch is not simulated: this cluster changes only when a command changes the manifests"
                .into(),
        );
    }
    let output = match args.get("output").unwrap_or("") {
        "" => Output::Table { wide: false },
        "wide" => Output::Table { wide: true },
        "name" => Output::Name,
        "yaml" => Output::Yaml,
        "json" => Output::Json,
        other => match other.strip_prefix("jsonpath=") {
            Some(template) => Output::JsonPath(template.to_string()),
            None => return Err(format!("error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,jsonpath,name,wide,yaml (this console prints these)")),
        },
    };
    if args.on("show-labels") && !matches!(output, Output::Table { .. }) {
        return Err(format!(
            "error: --show-labels option cannot be used with {} printer",
            args.get("output").unwrap_or_default()
        ));
    }
    if args.positional.is_empty() {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".into());
    }
    let requests = requests(&args.positional)?;
    let selector = crate::resources::selector(&args)?;
    check_names(&requests, selector.is_some(), args.all_namespaces())?;
    let selector = selector.unwrap_or_default();
    let named = requests.iter().any(|r| r.name.is_some());
    let namespace = scope(&args);
    let mut objs = Vec::new();
    let mut errors = Vec::new();
    for r in &requests {
        match &r.name {
            None => objs.extend(
                list(ctx, r.kind, namespace)
                    .into_iter()
                    .filter(|o| selector::matches(&selector, &o.labels)),
            ),
            Some(name) => match find(ctx, r.kind, args.namespace(), name) {
                Some(o) => objs.push(o),
                None => errors.push(kinds::not_found(r.kind, name)),
            },
        }
    }
    if args.on("ignore-not-found") {
        errors.clear();
    }
    let single = requests.len() == 1 && named;
    let mut out = match &output {
        Output::Table { wide } => {
            let shown = Shown {
                wide: *wide,
                all_namespaces: args.all_namespaces(),
                labels: args.on("show-labels"),
                kind: args.on("show-kind"),
                headers: !args.on("no-headers"),
            };
            let tables = tables(ctx, &objs, shown);
            if objs.is_empty() && errors.is_empty() && !args.on("ignore-not-found") {
                nothing_found(namespace) + "\n"
            } else {
                tables
            }
        }
        Output::Name => objs.iter().map(|o| o.qualified_name() + "\n").collect(),
        Output::Yaml | Output::Json | Output::JsonPath(_) => {
            let value = match (single, objs.as_slice()) {
                (true, [obj]) => Some(manifest(ctx, obj)),
                (true, _) => None,
                (false, _) => Some(serde_json::json!({
                    "apiVersion": "v1",
                    "items": objs.iter().map(|o| manifest(ctx, o)).collect::<Vec<_>>(),
                    "kind": "List",
                    "metadata": {"resourceVersion": ""},
                })),
            };
            match (value, &output) {
                (None, _) => String::new(),
                (Some(v), Output::Yaml) => yaml(&v),
                (Some(v), Output::JsonPath(template)) => jsonpath::render(template, &sorted(&v))?,
                (Some(v), _) => json(&v),
            }
        }
    };
    for e in &errors {
        out.push_str(e);
        out.push('\n');
    }
    Ok((out, errors.is_empty()))
}
