//! A simulated `kubectl` over the manifest text, for the page's console: the commands of the
//! reference document, with kubectl's defaults and output, and the few shell commands it uses
//! to reach a Service (`wget`, `curl`). Plain data in, plain data out, no web dependency.
//!
//! The text stays the one source of truth: a command that creates or changes an object returns
//! a new text (one document added or edited, every other byte kept); a command that reads
//! prints from the model; what only a cluster could know (addresses, pod names, ages) comes
//! from `sim`, stable for a given text. Verdicts come from the analysis, never from here.

pub mod args;
pub mod complete;
pub mod files;
mod filter;
pub mod kinds;
pub mod line;
mod mutate;
mod net;
pub mod reach;
mod read;
pub mod sim;
pub mod words;

use reachmap_core::analysis::{analyze_services, ServiceReport, Verdict};
use reachmap_core::parse::{parse, Input, Parsed};
use sim::Cluster;

/// What the console keeps between commands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    /// A shell inside a pod (`kubectl run … -it -- /bin/sh`, `kubectl exec -it`).
    pub shell: Option<Shell>,
    /// The local port of a running `kubectl proxy`.
    pub proxy: Option<u16>,
    /// Running `kubectl port-forward`s.
    pub forwards: Vec<Forward>,
}

/// A shell in a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    pub namespace: String,
    /// The pod's name (a bare Pod's, or a workload pod's simulated name).
    pub pod: String,
    /// `kubectl run --rm`: the pod is deleted when the shell exits.
    pub remove_on_exit: bool,
}

/// A running `kubectl port-forward`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forward {
    pub local: u16,
    pub namespace: String,
    /// As written: `svc/nginx`, `pod/nginx`, `deployment/web`.
    pub target: String,
    pub remote: u16,
}

impl Session {
    /// The prompt for the next command.
    pub fn prompt(&self) -> &'static str {
        if self.shell.is_some() {
            "/ # "
        } else {
            "$ "
        }
    }
}

/// A flow a command tried (`wget`, `curl`), in the words `FlowQuery::parse` reads, with the
/// verdict that decided its output: the page highlights and explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tried {
    pub from: String,
    /// An endpoint, or a Service port `ns/service:port`.
    pub to: String,
    /// `PROTOCOL/PORT`, empty for a Service port.
    pub port: String,
    pub verdict: Verdict,
}

/// What one command line did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// What it printed (standard output and error, in order).
    pub output: String,
    /// Exit status 0.
    pub ok: bool,
    /// The new manifest text, when the command changed it.
    pub text: Option<String>,
    /// The YAML of the objects a creating command wrote, as `--dry-run=client -o yaml` shows
    /// it: the page shows it under the output.
    pub yaml: Option<String>,
    /// The session after the command.
    pub session: Session,
    pub tried: Option<Tried>,
}

impl Outcome {
    /// A command that printed `output` and succeeded.
    pub fn print(session: &Session, output: impl Into<String>) -> Outcome {
        Outcome {
            output: output.into(),
            ok: true,
            text: None,
            yaml: None,
            session: session.clone(),
            tried: None,
        }
    }

    /// A command that failed with `error` and changed nothing.
    pub fn fail(session: &Session, error: impl Into<String>) -> Outcome {
        Outcome {
            ok: false,
            ..Outcome::print(session, error)
        }
    }
}

/// Everything a command reads: the text, its model and analysis, and the simulated cluster.
/// The text is parsed once, here: its documents and their values are `parsed.documents`.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub parsed: Parsed,
    pub services: Vec<ServiceReport>,
    pub cluster: Cluster,
    /// Files a command may name (`-f FILE`): files the person opened, and the bundled examples.
    pub files: &'a [Input],
    pub session: &'a Session,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, session: &'a Session, files: &'a [Input]) -> Ctx<'a> {
        let parsed = parse(text);
        let services = analyze_services(&parsed.model);
        let cluster = Cluster::new(&parsed.model);
        Ctx {
            text,
            parsed,
            services,
            cluster,
            files,
            session,
        }
    }

    pub fn print(&self, output: impl Into<String>) -> Outcome {
        Outcome::print(self.session, output)
    }

    pub fn fail(&self, error: impl Into<String>) -> Outcome {
        Outcome::fail(self.session, error)
    }
}

/// Runs one command line against the manifest `text`.
pub fn run(text: &str, line: &str, session: &Session, files: &[Input]) -> Outcome {
    let stages = match words::pipeline(line) {
        Ok(stages) => stages,
        Err(e) => return Outcome::fail(session, format!("sh: {e}")),
    };
    if stages[0].is_empty() {
        return Outcome::print(session, "");
    }
    let ctx = Ctx::new(text, session, files);
    let mut outcome = match &session.shell {
        Some(shell) => net::shell(&ctx, shell, &stages[0]),
        None => command(&ctx, &stages[0]),
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
        "curl" | "wget" => net::command(ctx, words),
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
            mutate::run(ctx, &verb, &rest)
        }
        "get" | "describe" => read::run(ctx, &verb, &rest),
        "proxy" | "port-forward" | "exec" => net::kubectl(ctx, &verb, &rest),
        "help" | "--help" | "-h" => ctx.print(HELP),
        "version" => ctx.print(format!(
            "Client Version: {v}\nServer Version: {v} (simulated by Reachmap)",
            v = sim::NODE_VERSION
        )),
        other => ctx.fail(format!(
            "error: unknown command \"{other}\" for \"kubectl\"\nRun 'kubectl --help' for usage."
        )),
    }
}
