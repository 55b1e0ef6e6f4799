//! The commands that create or change objects: they return a new text.
use super::{Ctx, Outcome};

pub fn run(ctx: &Ctx, verb: &str, _args: &[String]) -> Outcome {
    ctx.fail(format!("error: `kubectl {verb}` is being written"))
}
