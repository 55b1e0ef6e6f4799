//! `kubectl describe`: kubectl's describers (k8s.io/kubectl pkg/describe), written as they
//! write — tab-separated cells through the same tabwriter settings — from the model, the
//! Service reports and the simulated cluster. One file per family of kinds.

mod custom;
mod node;
mod pod;
mod policy;
mod service;
mod workload;
mod writer;

use crate::args::{parse_command, Flag};
use crate::kinds::{self, Kind};
use crate::objects::{find, list, nothing_found, scope, Obj};
use crate::resources::{check_names, requests, Request};
use crate::selector;
use crate::tabwriter::{self, DESCRIBE};
use crate::{Ctx, Outcome};
use serde_yaml::Value;
use writer::PrefixWriter;

const FLAGS: &[Flag] = &[
    Flag::value("selector").short('l'),
    Flag::boolean("show-events"),
];

pub(crate) fn kubectl_describe(ctx: &Ctx, words: &[String]) -> Outcome {
    let args = match parse_command(words, FLAGS, "kubectl describe") {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    if args.positional.is_empty() {
        return ctx.fail("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
    }
    let selector = requests(&args.positional).and_then(|requests| {
        let selector = crate::resources::selector(&args)?;
        check_names(&requests, selector.is_some(), args.all_namespaces())?;
        Ok((requests, selector.unwrap_or_default()))
    });
    let (requests, selector) = match selector {
        Ok(read) => read,
        Err(e) => return ctx.fail(e),
    };
    let namespace = scope(&args);
    let mut objs = Vec::new();
    let mut errors = Vec::new();
    for Request { kind, name } in &requests {
        match name {
            None => objs.extend(
                list(ctx, *kind, namespace)
                    .into_iter()
                    .filter(|o| selector::matches(&selector, &o.labels)),
            ),
            Some(name) => match find(ctx, *kind, args.namespace(), name) {
                Some(o) => objs.push(o),
                None => errors.push(kinds::not_found(*kind, name)),
            },
        }
    }
    // kubectl 1.31 shows events for every object described, unless `--show-events=false`.
    let events = args.get("show-events").is_none_or(|v| v == "true");
    // A name that is no object's: kubectl describes every object whose name starts with it.
    if let (
        [Request {
            kind,
            name: Some(prefix),
        }],
        [_, _],
    ) = (requests.as_slice(), args.positional.as_slice())
    {
        if objs.is_empty() {
            let matching: Vec<Obj> = list(ctx, *kind, namespace)
                .into_iter()
                .filter(|o| o.name.starts_with(prefix.as_str()))
                .collect();
            if !matching.is_empty() {
                let mut out = String::new();
                for o in &matching {
                    out.push_str(&describe(ctx, o, events));
                    out.push('\n');
                }
                return ctx.print(out);
            }
        }
    }
    let described: Vec<String> = objs.iter().map(|o| describe(ctx, o, events)).collect();
    let mut out = described.join("\n\n");
    if objs.is_empty() && errors.is_empty() {
        out = nothing_found(namespace) + "\n";
    }
    for e in &errors {
        out.push_str(e);
        out.push('\n');
    }
    Outcome {
        ok: errors.is_empty(),
        ..ctx.print(out)
    }
}

/// The description of one object, aligned.
fn describe(ctx: &Ctx, obj: &Obj, events: bool) -> String {
    let mut w = PrefixWriter::default();
    match obj.kind {
        Kind::Service => service::service(ctx, obj, &mut w),
        Kind::Pod => pod::pod(ctx, obj, &mut w),
        Kind::NetworkPolicy => policy::policy(ctx, obj, &mut w),
        Kind::Node => node::node(ctx, obj, &mut w),
        Kind::Namespace => node::namespace(ctx, obj, &mut w),
        Kind::Endpoints => service::endpoints(ctx, obj, &mut w),
        Kind::EndpointSlice => service::endpoint_slice(ctx, obj, &mut w),
        Kind::Deployment => workload::deployment(ctx, obj, &mut w),
        k if k.cluster_policy() => custom::custom(ctx, obj, &mut w),
        _ => workload::workload(ctx, obj, &mut w),
    }
    // kubectl's NetworkPolicy and Namespace describers print no events.
    if events && !matches!(obj.kind, Kind::NetworkPolicy | Kind::Namespace) {
        w.line(0, "Events:\t<none>");
    }
    tabwriter::align(w.text(), DESCRIBE)
}

/// `stringOrNone`.
pub(super) fn or_none(s: String) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

pub(super) fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

pub(super) fn seq<'v>(v: Option<&'v Value>, key: &str) -> Vec<&'v Value> {
    v.and_then(|v| v.get(key))
        .and_then(Value::as_sequence)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}
