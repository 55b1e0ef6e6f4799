//! The commands that read: `get` and `describe`, printed from the model and the simulation.
use super::{Ctx, Outcome};

pub fn run(ctx: &Ctx, verb: &str, _args: &[String]) -> Outcome {
    ctx.fail(format!("error: `kubectl {verb}` is being written"))
}
