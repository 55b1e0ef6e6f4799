//! `kubectl proxy`, `kubectl port-forward` and `kubectl exec`, with kubectl's flags, output
//! and errors (k8s.io/kubectl pkg/cmd/proxy, portforward, exec; client-go's port forwarder).

use super::attach::{container_port, resolve_target};
use super::shell::program;
use super::target::Origin;
use super::Ran;
use crate::args::{Args, Flag};
use crate::{filter, shell_words, sim, Ctx, Forward, Outcome, Shell};

/// kubectl's usage error: the message, then where help is.
fn usage(verb: &str, message: &str) -> String {
    format!(
        "{}\n",
        crate::args::usage(message, &format!("kubectl {verb}"))
    )
}

/// A local port chosen by the system (`--port=0`, `:80`), not one the session uses.
fn ephemeral(ctx: &Ctx, key: &str) -> u16 {
    sim::ephemeral_port(key, |port| in_use(ctx, port))
}

fn in_use(ctx: &Ctx, port: u16) -> bool {
    ctx.session.proxy == Some(port) || ctx.session.forwards.iter().any(|f| f.local == port)
}

const PROXY: &[Flag] = &[
    Flag::value("port").short('p'),
    Flag::value("address"),
    Flag::value("www").short('w'),
    Flag::value("www-prefix").short('P'),
    Flag::value("api-prefix"),
    Flag::value("accept-paths"),
    Flag::value("reject-paths"),
    Flag::value("accept-hosts"),
    Flag::value("reject-methods"),
    Flag::boolean("disable-filter"),
    Flag::value("unix-socket").short('u'),
    Flag::value("keepalive"),
    Flag::boolean("append-server-path"),
];

/// `kubectl proxy [--port=N] [--address=IP]`: serves the API server on a local port until the
/// console ends (a new proxy replaces it, as stopping one and starting another would).
pub(crate) fn kubectl_proxy(ctx: &Ctx, args: &[String]) -> Outcome {
    let a = match Args::parse(args, PROXY) {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    let simulated = ["port", "address", "namespace", "all-namespaces"];
    if let Some(flag) = a.flags.keys().find(|f| !simulated.contains(*f)) {
        return ctx.fail(format!(
            "error: reachmap: kubectl proxy --{flag} is not simulated; --port and --address are"
        ));
    }
    let port = match a.get("port") {
        None => 8001,
        Some(p) => match p.parse::<i64>() {
            Ok(0) => ephemeral(ctx, "proxy"),
            Ok(n) => match u16::try_from(n) {
                Ok(n) => n,
                Err(_) => return ctx.fail(format!("error: listen tcp: address {n}: invalid port")),
            },
            Err(_) => {
                return ctx.fail(format!(
                "error: invalid argument \"{p}\" for \"-p, --port\" flag: strconv.ParseInt: parsing \"{p}\": invalid syntax"
            ))
            }
        },
    };
    let address = a.get("address").unwrap_or("127.0.0.1");
    if ctx.session.forwards.iter().any(|f| f.local == port) {
        return ctx.fail(format!(
            "error: listen tcp {address}:{port}: bind: address already in use"
        ));
    }
    let shown = match address {
        "0.0.0.0" | "::" => format!("[::]:{port}"),
        a if a.contains(':') => format!("[{a}]:{port}"),
        a => format!("{a}:{port}"),
    };
    let mut session = ctx.session.clone();
    session.proxy = Some(port);
    Outcome {
        session,
        ..ctx.print(format!("Starting to serve on {shown}\n"))
    }
}

const PORT_FORWARD: &[Flag] = &[Flag::value("address"), Flag::value("pod-running-timeout")];

/// `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…`: listens on the local ports until the
/// console ends; `curl localhost:LOCAL` then reaches the pod through the kubelet.
pub(crate) fn kubectl_port_forward(ctx: &Ctx, args: &[String]) -> Outcome {
    let a = match Args::parse(args, PORT_FORWARD) {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    let [word, specs @ ..] = a.positional.as_slice() else {
        return ctx.fail(usage(
            "port-forward",
            "TYPE/NAME and list of ports are required for port-forward",
        ));
    };
    if specs.is_empty() {
        return ctx.fail(usage(
            "port-forward",
            "TYPE/NAME and list of ports are required for port-forward",
        ));
    }
    let namespace = a.namespace();
    let target = match resolve_target(ctx, namespace, word) {
        Ok(t) => t,
        Err(e) => return ctx.fail(e),
    };
    let model = &ctx.parsed.model;
    let pod = &ctx.cluster.pods[target.group][target.pod].name;
    let mut forwards: Vec<Forward> = Vec::new();
    let mut translated = Vec::new();
    for spec in specs {
        let parts: Vec<&str> = spec.split(':').collect();
        let (local, remote) = match parts.as_slice() {
            [one] => (*one, *one),
            [l, r] => (*l, *r),
            _ => return ctx.fail(format!("error: invalid port format '{spec}'")),
        };
        if remote.is_empty() {
            return ctx.fail("error: remote port cannot be empty");
        }
        // A named port: the Service's port of that name, or the pod's container port.
        let numeric = remote.bytes().all(|b| b.is_ascii_digit());
        let (local, remote): (String, String) = if numeric {
            (local.to_string(), remote.to_string())
        } else {
            let number = match target.service {
                Some(s) => model.services[s]
                    .ports
                    .iter()
                    .find(|p| p.name.as_deref() == Some(remote))
                    .map(|p| p.port)
                    .ok_or_else(|| {
                        format!(
                            "error: Service '{}' does not have a named port '{remote}'",
                            model.services[s].name
                        )
                    }),
                None => model.groups[target.group]
                    .ports
                    .iter()
                    .find(|p| p.name.as_deref() == Some(remote))
                    .map(|p| p.port)
                    .ok_or_else(|| {
                        format!("error: Pod '{pod}' does not have a named port '{remote}'")
                    }),
            };
            match number {
                Ok(n) if local == remote => (n.to_string(), n.to_string()),
                Ok(n) => (local.to_string(), n.to_string()),
                Err(e) => return ctx.fail(e),
            }
        };
        let Ok(remote) = remote.parse::<u16>() else {
            return ctx.fail(match target.service {
                Some(s) => format!(
                    "error: Service {} does not have a service port {remote}",
                    model.services[s].name
                ),
                None => format!(
                    "error: error parsing remote port '{remote}': strconv.ParseUint: parsing \"{remote}\": value out of range"
                ),
            });
        };
        if remote == 0 {
            return ctx.fail("error: remote port must be > 0");
        }
        let pod_port = match container_port(ctx, &target, remote) {
            Ok(p) => p,
            Err(e) => return ctx.fail(e),
        };
        let local_text = if local.is_empty() { "0" } else { &local };
        let local = match local_text.parse::<u16>() {
            Ok(0) => ephemeral(ctx, &format!("{namespace}/{word}/{spec}")),
            Ok(n) => n,
            Err(_) => {
                let why = if local_text.chars().all(|c| c.is_ascii_digit()) {
                    "value out of range"
                } else {
                    "invalid syntax"
                };
                return ctx.fail(format!(
                    "error: error parsing local port '{local_text}': strconv.ParseUint: parsing \"{local_text}\": {why}"
                ));
            }
        };
        if in_use(ctx, local) || forwards.iter().any(|f| f.local == local) {
            return ctx.fail(format!(
                "Unable to listen on port {local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:{local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:{local}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{{{local} {pod_port}}}]"
            ));
        }
        translated.push((local, pod_port));
        forwards.push(Forward {
            local,
            namespace: namespace.to_string(),
            target: word.clone(),
            remote,
        });
    }
    let addresses: Vec<String> = match a.get("address") {
        None => vec!["localhost".into()],
        Some(list) => list.split(',').map(str::to_string).collect(),
    };
    let mut out = String::new();
    for (local, pod_port) in &translated {
        for address in &addresses {
            let shown: &[&str] = match address.as_str() {
                "localhost" => &["127.0.0.1", "[::1]"],
                a => &[a],
            };
            for host in shown {
                let host = if host.contains(':') && !host.starts_with('[') {
                    format!("[{host}]")
                } else {
                    host.to_string()
                };
                out.push_str(&format!("Forwarding from {host}:{local} -> {pod_port}\n"));
            }
        }
    }
    let mut session = ctx.session.clone();
    session.forwards.extend(forwards);
    Outcome {
        session,
        ..ctx.print(out)
    }
}

const EXEC: &[Flag] = &[
    Flag::boolean("stdin").short('i'),
    Flag::boolean("tty").short('t'),
    Flag::value("container").short('c'),
    Flag::boolean("quiet").short('q'),
    Flag::value("pod-running-timeout"),
    Flag::value("filename").short('f'),
];

/// `kubectl exec [-it] (POD | TYPE/NAME) -- COMMAND…`: a shell with `-i` opens the pod's
/// prompt; another command runs in the pod and prints what it prints.
pub(crate) fn kubectl_exec(ctx: &Ctx, args: &[String]) -> Outcome {
    let a = match Args::parse(args, EXEC) {
        Ok(a) => a,
        Err(e) => return ctx.fail(e),
    };
    if a.get("filename").is_some() {
        return ctx.fail("error: reachmap: kubectl exec -f is not simulated; name the pod");
    }
    let Some(word) = a.positional.first() else {
        return ctx.fail("error: pod, type/name or --filename must be specified");
    };
    if a.positional.len() > 1 {
        return ctx.fail(usage(
            "exec",
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        ));
    }
    if a.command.is_empty() {
        return ctx.fail("error: you must specify at least one command for the container");
    }
    let namespace = a.namespace();
    let target = match resolve_target(ctx, namespace, word) {
        Ok(t) => t,
        Err(e) => return ctx.fail(e),
    };
    let pod = ctx.cluster.pods[target.group][target.pod].name.clone();
    let origin = Origin::Pod(target.group, target.pod);
    let image = super::pages::image(ctx, target.group, 0);
    let busybox = image.as_deref().is_some_and(super::pages::is_busybox);
    let program_name = a.command[0].rsplit('/').next().unwrap_or("");
    let shells: &[&str] = if busybox {
        &["sh", "ash"]
    } else {
        &["sh", "ash", "bash"]
    };
    if shells.contains(&program_name) {
        return match a.command.get(1).map(String::as_str) {
            // `sh -c 'COMMAND'`: the command, run in the pod.
            Some("-c") => {
                let script = a.command.get(2).cloned().unwrap_or_default();
                run_script(ctx, origin, &script)
            }
            Some(_) => ctx.fail("error: reachmap: only `sh` and `sh -c COMMAND` are simulated"),
            None if a.on("stdin") => {
                let mut session = ctx.session.clone();
                session.shell = Some(Shell {
                    namespace: namespace.to_string(),
                    pod,
                    remove_on_exit: false,
                });
                Outcome {
                    session,
                    ..ctx.print("")
                }
            }
            // Without -i the shell reads no input and exits at once.
            None => ctx.print(""),
        };
    }
    match program(ctx, origin, &a.command) {
        Some(ran) => terminated(ran).outcome(ctx),
        None => ctx.fail(format!(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n",
            a.command[0]
        )),
    }
}

/// `sh -c SCRIPT` in the pod: one command, and the filters after its pipes.
fn run_script(ctx: &Ctx, origin: Origin, script: &str) -> Outcome {
    let stages = match shell_words::pipeline(script) {
        Ok(s) => s,
        Err(e) => return ctx.fail(format!("sh: {e}\ncommand terminated with exit code 2\n")),
    };
    if stages[0].is_empty() {
        return ctx.print("");
    }
    let mut ran = match program(ctx, origin, &stages[0]) {
        Some(ran) => ran,
        None => Ran::fail(format!("sh: {}: not found\n", stages[0][0]), 127),
    };
    for stage in &stages[1..] {
        match filter::apply(stage, &ran.output) {
            Ok(out) => ran.output = out,
            Err(e) => {
                ran.output = e;
                ran.code = 1;
            }
        }
    }
    terminated(ran).outcome(ctx)
}

/// kubectl's line after a command that exited with an error.
fn terminated(mut ran: Ran) -> Ran {
    if ran.code != 0 {
        ran.output
            .push_str(&format!("command terminated with exit code {}\n", ran.code));
    }
    ran
}
