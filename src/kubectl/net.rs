//! Reaching things: `kubectl proxy`, `port-forward`, `exec`, a pod's shell, `curl` and `wget`.
use super::{Ctx, Outcome, Shell};

pub fn kubectl(ctx: &Ctx, verb: &str, _args: &[String]) -> Outcome {
    ctx.fail(format!("error: `kubectl {verb}` is being written"))
}

pub fn command(ctx: &Ctx, words: &[String]) -> Outcome {
    ctx.fail(format!("{}: is being written", words[0]))
}

pub fn shell(ctx: &Ctx, _shell: &Shell, words: &[String]) -> Outcome {
    ctx.fail(format!("sh: {}: is being written", words[0]))
}
