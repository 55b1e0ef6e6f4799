//! `kubectl delete KIND NAME… | -f FILE | KIND -l SELECTOR | KIND --all`.

use super::select::{select, Found};
use super::{flags, Id, Namespace, Refusal, Work, ALL, DRY_RUN, FILENAME, OUTPUT, SELECTOR};
use crate::args::{not_an_integer, Flag};
use crate::resources::requests;
use crate::{Ctx, Outcome};
use reachmap_core::model::WorkloadKind;

/// `kubectl delete KIND NAME… | -f FILE | KIND -l SELECTOR | KIND --all`.
pub fn kubectl_delete(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            SELECTOR,
            ALL,
            FILENAME,
            Flag::boolean("ignore-not-found"),
            Flag::boolean("force"),
            Flag::value("grace-period"),
            Flag::boolean("now"),
            Flag::boolean("wait"),
            Flag::value("cascade"),
            Flag::value("timeout"),
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl delete",
    )?;
    if let Some(o) = args.get("output") {
        if o != "name" {
            return Err(format!(
                "error: unexpected -o output mode: {o}. We only support '-o name'"
            ));
        }
    }
    let mut grace: i64 = match args.get("grace-period") {
        None => -1,
        Some(v) => v
            .parse()
            .map_err(|_| not_an_integer("--grace-period", v, "kubectl delete"))?,
    };
    if args.on("now") {
        if grace != -1 {
            return Err("error: --now and --grace-period cannot be specified together".into());
        }
        grace = 1;
    }
    let force = args.on("force");
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    let ignore = args.on("ignore-not-found")
        || (args.get("ignore-not-found").is_none()
            && (args.on("all") || args.get("selector").is_some()));
    let requests = requests(&args.positional)?;
    // A workload's pod by its simulated name: deleted, and its controller makes it again.
    let ns = Namespace::of(&args);
    let mut work = Work::new(ctx, &args)?;
    let found = select(&work, &args, &requests)?;
    let mut lines = Vec::new();
    if force && grace == 0 {
        lines.push("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.".to_string());
    }
    let did = if grace == 0 {
        "force deleted"
    } else {
        "deleted"
    };
    let dry = work.dry_run.unwrap_or("");
    let mut count = 0;
    for (found, file) in found {
        match found {
            Found::Object(id) => {
                if id.kind == "Namespace" {
                    cascade(&mut work, &id.name);
                }
                match work.delete(&id) {
                    Ok(()) => {
                        count += 1;
                        lines.push(if args.get("output") == Some("name") {
                            id.slash()
                        } else {
                            format!("{} \"{}\" {did}{dry}", id.qualified(), id.name)
                        });
                    }
                    Err(r) => work.refuse(r, &id, "deleting", file.as_deref()),
                }
            }
            Found::Missing(id) => {
                if id.kind == "Pod" && workload_pod(ctx, ns.name, &id.name).is_some() {
                    count += 1;
                    lines.push(format!("pod \"{}\" {did}{dry}", id.name));
                } else if !ignore {
                    work.refuse(Refusal::NotFound, &id, "deleting", file.as_deref());
                }
            }
        }
    }
    if count == 0 && work.err.is_empty() {
        lines.push("No resources found".into());
    }
    work.out.splice(0..0, lines);
    Ok(work.finish())
}

/// Deleting a namespace deletes what is in it.
fn cascade(work: &mut Work, namespace: &str) {
    let inside: Vec<Id> = work
        .objects()
        .filter(|d| d.namespace == namespace && d.kind != "Namespace" && !d.in_list())
        .filter_map(|d| Id::of(d.value, namespace))
        .collect();
    for id in inside {
        let _ = work.delete(&id);
    }
}

/// The workload that makes the pod of this simulated name, if any.
fn workload_pod(ctx: &Ctx, namespace: &str, name: &str) -> Option<WorkloadKind> {
    let (g, _) = ctx
        .cluster
        .pod_by_name(&ctx.parsed.model, namespace, name)?;
    ctx.parsed.model.groups.get(g)?.owner
}
