//! One command line, from its words to the program that runs it: a pipeline's first command
//! (kubectl's verbs, `curl`, `wget`, `help`, or a command in a pod's shell), then the filters
//! after its pipes.

use super::{describe, filter, get, mutate, net, shell_words, sim, Ctx, Outcome};

/// Runs one command line on what `ctx` reads.
pub(crate) fn run_line(ctx: &Ctx, line: &str) -> Outcome {
    let stages = match shell_words::pipeline(line) {
        Ok(stages) => stages,
        Err(e) => return ctx.fail(format!("sh: {e}")),
    };
    if stages[0].is_empty() {
        return ctx.print("");
    }
    let mut outcome = match &ctx.session.shell {
        Some(shell) => net::in_pod_shell(ctx, shell, &stages[0]),
        None => command(ctx, &stages[0]),
    };
    for stage in &stages[1..] {
        match filter::apply(stage, &outcome.output) {
            Ok(output) => outcome.output = output,
            Err(e) => {
                outcome.output = e;
                outcome.ok = false;
            }
        }
    }
    outcome
}

/// A command at the person's own prompt.
fn command(ctx: &Ctx, words: &[String]) -> Outcome {
    match words[0].as_str() {
        "kubectl" => kubectl(ctx, &words[1..]),
        "curl" | "wget" => net::outside_command(ctx, words),
        "help" => ctx.print(HELP),
        other => ctx.fail(format!(
            "sh: {other}: command not found (this console runs kubectl, curl and wget; try `help`)"
        )),
    }
}

/// What `help` prints.
const HELP: &str =
    "This console simulates a one-node cluster (minikube) over the manifests in the editor.
Commands that create or change objects edit the manifests; cluster IPs, pod names and IPs,
nodePorts and ages are simulated, stable for a given text.

  kubectl create service clusterip|nodeport|loadbalancer NAME --tcp=PORT:TARGET
  kubectl create deployment NAME --image=IMAGE
  kubectl create -f FILE | kubectl apply -f FILE
  kubectl run NAME --image=IMAGE [--port=N] [--expose] [-l k=v] [-it -- /bin/sh]
  kubectl expose deployment|pod|service NAME --port=N [--target-port=N]
  kubectl patch KIND NAME -p JSON
  kubectl label KIND NAME key=value | kubectl scale deployment NAME --replicas=N
  kubectl delete KIND NAME
  kubectl get KIND[,KIND] [NAME] [-o wide|yaml|name] [-n NS | -A]
  kubectl describe KIND NAME
  kubectl proxy --port=N, then curl localhost:N/api/v1/namespaces/NS/services/NAME/proxy
  kubectl port-forward svc/NAME LOCAL:PORT, then curl localhost:LOCAL
  kubectl exec -it POD -- /bin/sh, then wget -O- HOST:PORT; exit
  curl NODE-IP:NODEPORT            ... | grep TEXT

Up/Down: history. Tab: completion. A line ending in \\ goes on on the next. clear: empty the log.";

/// `kubectl …`: the verb, then the command's own words (a leading `-n NS` moved after it).
fn kubectl(ctx: &Ctx, words: &[String]) -> Outcome {
    let mut words = words.to_vec();
    // `kubectl -n prod get pods` means `kubectl get pods -n prod`.
    let mut leading = Vec::new();
    while let Some(first) = words.first() {
        if matches!(first.as_str(), "-n" | "--namespace") && words.len() > 1 {
            leading.extend(words.drain(..2));
        } else if first.starts_with("--namespace=")
            || first == "-A"
            || first == "--all-namespaces"
            || (first.starts_with("-n") && first.len() > 2)
        {
            leading.push(words.remove(0));
        } else {
            break;
        }
    }
    let Some(verb) = words.first().cloned() else {
        return ctx.print(HELP);
    };
    let mut rest = words[1..].to_vec();
    rest.extend(leading);
    match verb.as_str() {
        "create" | "run" | "expose" | "apply" | "patch" | "label" | "delete" | "scale" => {
            mutate::kubectl_change(ctx, &verb, &rest)
        }
        "get" => get::kubectl_get(ctx, &rest),
        "describe" => describe::kubectl_describe(ctx, &rest),
        "proxy" => net::kubectl_proxy(ctx, &rest),
        "port-forward" => net::kubectl_port_forward(ctx, &rest),
        "exec" => net::kubectl_exec(ctx, &rest),
        "help" | "--help" | "-h" => ctx.print(HELP),
        "version" => ctx.print(format!(
            "Client Version: {v}\nServer Version: {v} (simulated by Reachmap)",
            v = sim::NODE_VERSION
        )),
        other if NOT_SIMULATED.contains(&other) => ctx.fail(format!(
            "kubectl {other} is not simulated: this console simulates what decides who can reach what (get, describe, create, apply, run, expose, label, patch, scale, delete, exec, proxy, port-forward). Run 'kubectl --help' for what it does."
        )),
        other => ctx.fail(format!(
            "error: unknown command \"{other}\" for \"kubectl\"\nRun 'kubectl --help' for usage."
        )),
    }
}

/// kubectl's own commands that the console does not simulate (their output is a container's
/// log, metrics, a live edit…): saying "unknown command" would teach that kubectl lacks them.
const NOT_SIMULATED: &[&str] = &[
    "annotate",
    "api-resources",
    "api-versions",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "debug",
    "diff",
    "drain",
    "edit",
    "events",
    "explain",
    "kustomize",
    "logs",
    "plugin",
    "replace",
    "rollout",
    "set",
    "taint",
    "top",
    "uncordon",
    "wait",
];
