//! `kubectl scale KIND NAME --replicas=N`.

use super::select::each;
use super::{flags, ALL, DRY_RUN, FILENAME, OUTPUT, SELECTOR};
use crate::args::{not_an_integer, Flag};
use crate::kinds::Kind;
use crate::resources::requests;
use crate::{Ctx, Outcome};
use serde_yaml::Value;

/// `kubectl scale KIND NAME --replicas=N`.
pub fn kubectl_scale(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(
        words,
        &[
            Flag::value("replicas"),
            Flag::value("current-replicas"),
            Flag::value("resource-version"),
            Flag::value("timeout"),
            SELECTOR,
            ALL,
            FILENAME,
            DRY_RUN,
            OUTPUT,
        ],
        "kubectl scale",
    )?;
    let int = |flag: &str, default: i64| -> Result<i64, String> {
        match args.get(flag) {
            None => Ok(default),
            Some(v) => v
                .parse::<i64>()
                .map_err(|_| not_an_integer(&format!("--{flag}"), v, "kubectl scale")),
        }
    };
    let replicas = int("replicas", -1)?;
    let current = int("current-replicas", -1)?;
    if replicas < 0 {
        return Err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into());
    }
    if current < -1 {
        return Err(
            "error: The --current-replicas must specify an integer of -1 or greater".into(),
        );
    }
    let requests = requests(&args.positional)?;
    each(ctx, &args, &requests, "scale", |_, id, old| {
        if !matches!(
            id.kind(),
            Some(Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet)
        ) {
            return Err(
                "Error from server (NotFound): the server could not find the requested resource"
                    .into(),
            );
        }
        let now = old
            .get("spec")
            .and_then(|s| s.get("replicas"))
            .and_then(Value::as_i64)
            .unwrap_or(1);
        if current >= 0 && current != now {
            return Err(format!(
                "error: Expected replicas to be {current}, was {now}"
            ));
        }
        let mut new = old.clone();
        if now != replicas {
            if let Some(Value::Mapping(spec)) = new.get_mut("spec") {
                spec.insert("replicas".into(), replicas.into());
            }
        }
        Ok((new, "scaled", "scaled"))
    })
}
