//! `curl` (curl 8.x's messages, lib/connect.c and lib/strerror.c) at the person's own prompt
//! or in a pod whose image has it, and GNU `wget` at the person's prompt; `localhost` reaches a
//! running `kubectl proxy` (the API server's service proxy) or `kubectl port-forward`.

use super::attach::{container_port, resolve_target};
use super::pages::{self, Body, Server};
use super::target::{connect, from_node, lookup, route, Conn, Dest, Lookup, Origin};
use super::{alias, depends, Ran, Url, UrlError};
use crate::{sim, Ctx, Forward};

/// curl's line after an error about its arguments.
const TRY_HELP: &str = "curl: try 'curl --help' or 'curl --manual' for more information\n";
/// Linux gives up a TCP connection that is never answered after about 129 s (6 SYN retries).
const CONNECT_GIVES_UP_MS: u64 = 129_000;

/// curl's options that change what Reachmap prints.
#[derive(Debug, Default)]
struct Curl {
    follow: bool,
    silent: bool,
    show_error: bool,
    fail: bool,
    /// `--connect-timeout` or `-m`, in seconds.
    timeout: Option<f64>,
    urls: Vec<String>,
}

/// Options curl has that Reachmap does not simulate.
const NOT_SIMULATED: &[&str] = &[
    "-v",
    "--verbose",
    "-i",
    "--include",
    "-I",
    "--head",
    "-H",
    "--header",
    "-X",
    "--request",
    "-d",
    "--data",
    "-o",
    "--output",
    "-O",
    "--remote-name",
    "-k",
    "--insecure",
    "-u",
    "--user",
    "-A",
    "--user-agent",
    "-w",
    "--write-out",
    "-x",
    "--proxy",
    "--resolve",
    "-b",
    "--cookie",
];

fn curl_options(args: &[String]) -> Result<Curl, String> {
    let mut c = Curl::default();
    let mut it = args.iter();
    let number = |opt: &str, v: Option<&String>| -> Result<f64, String> {
        let v = v.ok_or_else(|| format!("curl: option {opt}: requires parameter\n{TRY_HELP}"))?;
        v.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| {
                format!("curl: option {opt}: expected a proper numerical parameter\n{TRY_HELP}")
            })
    };
    while let Some(word) = it.next() {
        let base = word.split('=').next().unwrap_or("");
        let short = word.get(..2).filter(|_| !word.starts_with("--"));
        if NOT_SIMULATED.contains(&base) || short.is_some_and(|s| NOT_SIMULATED.contains(&s)) {
            return Err(format!(
                "reachmap: curl {base} is not simulated here; try curl [-sSfL] [-m SECONDS] URL\n"
            ));
        }
        match word.as_str() {
            "--location" => c.follow = true,
            "--silent" => c.silent = true,
            "--show-error" => c.show_error = true,
            "--fail" => c.fail = true,
            "--max-time" | "--connect-timeout" => c.timeout = Some(number(word, it.next())?),
            "--url" => c.urls.extend(it.next().cloned()),
            w if w.starts_with("--") => {
                return Err(format!("curl: option {w}: is unknown\n{TRY_HELP}"))
            }
            w if w.len() > 1 && w.starts_with('-') => {
                for (j, ch) in w.char_indices().skip(1) {
                    match ch {
                        'L' => c.follow = true,
                        's' => c.silent = true,
                        'S' => c.show_error = true,
                        'f' => c.fail = true,
                        'm' => {
                            let rest = &w[j + 1..];
                            let value = if rest.is_empty() {
                                it.next().cloned()
                            } else {
                                Some(rest.to_string())
                            };
                            c.timeout = Some(number("-m", value.as_ref())?);
                            break;
                        }
                        _ => return Err(format!("curl: option {w}: is unknown\n{TRY_HELP}")),
                    }
                }
            }
            url => c.urls.push(url.to_string()),
        }
    }
    if c.urls.is_empty() {
        return Err(format!("curl: (2) no URL specified\n{TRY_HELP}"));
    }
    Ok(c)
}

/// `curl [OPTIONS] URL…` from `origin`.
pub fn curl(ctx: &Ctx, origin: Origin, args: &[String]) -> Ran {
    let opts = match curl_options(args) {
        Ok(o) => o,
        Err(e) => return Ran::fail(e, 2),
    };
    opts.urls.iter().fold(Ran::ok(String::new()), |all, url| {
        all.and(curl_one(ctx, origin, &opts, url))
    })
}

fn curl_one(ctx: &Ctx, origin: Origin, opts: &Curl, text: &str) -> Ran {
    if text.split(['/', ':']).any(|part| part == "<pending>") {
        return Ran::fail("reachmap: the load balancer's external address is <pending>: the cloud provider assigns it (on minikube, `minikube tunnel`), so there is nothing to connect to yet\n".into(), 6);
    }
    let url = match Url::parse(text) {
        Ok(u) => u,
        Err(UrlError::Scheme(scheme)) => {
            return Ran::fail(
                format!("reachmap: only http:// and https:// are simulated, not {scheme}://\n"),
                1,
            )
        }
        Err(UrlError::Host) => {
            return Ran::fail(
                "curl: (3) URL rejected: No host part in the URL\n".into(),
                3,
            )
        }
        Err(UrlError::Port) => return Ran::fail(
            "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n"
                .into(),
            3,
        ),
    };
    let error = |line: String, code: i32| {
        let shown = !opts.silent || opts.show_error;
        Ran::fail(if shown { line } else { String::new() }, code)
    };
    let addr = match lookup(ctx, origin, &url.host) {
        Lookup::Addr(a) => a,
        Lookup::NotFound => {
            return error(
                format!("curl: (6) Could not resolve host: {}\n", url.host),
                6,
            )
        }
        Lookup::NoDns(why) => {
            return error(
                format!(
                    "curl: (6) Could not resolve host: {}\nreachmap: {why}\n",
                    url.host
                ),
                6,
            )
        }
        Lookup::Alias { service, target } => {
            return alias(ctx, origin, (service, &target), &url, 6)
        }
    };
    let dest = route(ctx, origin, &addr, url.port);
    if let (Origin::Outside, Dest::Loopback(port)) = (origin, &dest) {
        if ctx.session.proxy == Some(*port) {
            return through_proxy(ctx, opts, &url.path);
        }
        if let Some(f) = ctx.session.forwards.iter().find(|f| f.local == *port) {
            return through_forward(ctx, opts, f, &url);
        }
    }
    if dest == Dest::Unknown {
        return Ran::fail(
            format!(
                "reachmap: {} is not an address of the simulated cluster; from your machine Reachmap reaches the node ({}), load balancers, and localhost (kubectl proxy, kubectl port-forward)\n",
                url.host,
                sim::NODE_IP
            ),
            7,
        );
    }
    let attempt = connect(ctx, origin, &dest);
    let mut ran = match attempt.conn {
        Conn::Open(server) => Ran::ok(body_text(pages::body(ctx, &server, &url.path))),
        Conn::Refused => error(refused(&url, matches!(dest, Dest::Loopback(_))), 7),
        Conn::TimedOut => error(timed_out(opts, &url), 28),
        Conn::Depends => Ran::fail(depends(&url.host), 1),
    };
    if let Some(hint) = attempt.hint {
        ran.output.push_str(&format!("reachmap: {hint}\n"));
    }
    ran.tried = attempt.tried;
    ran
}

fn body_text(body: Body) -> String {
    match body {
        Body::Page(p) => p.to_string(),
        Body::Note(n) => format!("{n}\n"),
    }
}

/// curl's error for a refused connection (a loopback one fails at once).
fn refused(url: &Url, local: bool) -> String {
    format!(
        "curl: (7) Failed to connect to {} port {} after {} ms: Couldn't connect to server\n",
        url.host,
        url.port,
        if local { 0 } else { 2 }
    )
}

/// curl's error for a connection nobody answers: its own timeout, or the system's.
fn timed_out(opts: &Curl, url: &Url) -> String {
    match opts.timeout {
        Some(t) => format!(
            "curl: (28) Connection timed out after {} milliseconds\n",
            (t * 1000.0) as u64 + 1
        ),
        None => format!(
            "curl: (28) Failed to connect to {} port {} after {CONNECT_GIVES_UP_MS} ms: Couldn't connect to server\n",
            url.host, url.port
        ),
    }
}

/// A request through `kubectl proxy` to the API server's service proxy,
/// `/api/v1/namespaces/NS/services/NAME[:PORT]/proxy[/PATH]`: the API server, on the node,
/// connects to one backend on its targetPort (`node_service_flow`).
fn through_proxy(ctx: &Ctx, opts: &Curl, path: &str) -> Ran {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix("/api/v1/namespaces/") else {
        return not_simulated_path();
    };
    let mut segments = rest.splitn(4, '/');
    let (Some(namespace), Some("services"), Some(id), Some(after)) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return not_simulated_path();
    };
    let rest = match after.strip_prefix("proxy") {
        Some("") => None,
        Some(r) if r.starts_with('/') => Some(r.to_string()),
        _ => return not_simulated_path(),
    };
    // The API server finds the Service's endpoint first, then redirects …/proxy to
    // …/proxy/ (a 301 without a body), which -L follows.
    let location = service_location(ctx, namespace, id);
    let Some(rest) = rest.or_else(|| (opts.follow || location.is_err()).then(|| "/".to_string()))
    else {
        return Ran::ok(String::new());
    };
    match location {
        Err(status) => {
            if opts.fail {
                let shown = !opts.silent || opts.show_error;
                let line = format!(
                    "curl: (22) The requested URL returned error: {}\n",
                    status.code
                );
                return Ran::fail(if shown { line } else { String::new() }, 22);
            }
            Ran::ok(status.json())
        }
        Ok((service, port)) => match from_node(ctx, service, port) {
            Some(server) => Ran::ok(body_text(pages::body(ctx, &server, &rest))),
            None => Ran::ok(
                Status::unavailable(format!("no endpoints available for service \"{id}\"")).json(),
            ),
        },
    }
}

fn not_simulated_path() -> Ran {
    Ran::fail("reachmap: through kubectl proxy, Reachmap simulates only /api/v1/namespaces/NAMESPACE/services/NAME[:PORT]/proxy[/PATH]\n".into(), 1)
}

/// An API error as the API server writes it to curl (pretty-printed for curl's user agent).
struct Status {
    message: String,
    reason: &'static str,
    code: u16,
    /// `details`: the name and the resource.
    details: Option<(String, &'static str)>,
}

impl Status {
    fn unavailable(message: String) -> Status {
        Status {
            message,
            reason: "ServiceUnavailable",
            code: 503,
            details: None,
        }
    }

    fn not_found(resource: &'static str, name: &str) -> Status {
        Status {
            message: format!("{resource} \"{name}\" not found"),
            reason: "NotFound",
            code: 404,
            details: Some((name.to_string(), resource)),
        }
    }

    fn json(&self) -> String {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
        let details = match &self.details {
            Some((name, kind)) => format!(
                "  \"details\": {{\n    \"name\": {},\n    \"kind\": {}\n  }},\n",
                quote(name),
                quote(kind)
            ),
            None => String::new(),
        };
        format!(
            "{{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {{}},\n  \"status\": \"Failure\",\n  \"message\": {},\n  \"reason\": \"{}\",\n{details}  \"code\": {}\n}}\n",
            quote(&self.message),
            self.reason,
            self.code
        )
    }
}

/// The Service port `id` (`NAME`, `NAME:PORT`, `SCHEME:NAME:PORT`) names, as the API server's
/// ResourceLocation finds it, with its errors: a port number picks the Service port of that
/// number; then the Service's Endpoints must have an address for a port of that name.
fn service_location(ctx: &Ctx, namespace: &str, id: &str) -> Result<(usize, usize), Status> {
    let model = &ctx.parsed.model;
    let bad = || Status {
        message: format!("invalid service request \"{id}\""),
        reason: "BadRequest",
        code: 400,
        details: None,
    };
    let parts: Vec<&str> = id.split(':').collect();
    let (name, port) = match parts.as_slice() {
        [name] => (*name, ""),
        [name, port] => (*name, *port),
        [scheme, name, port] if matches!(*scheme, "http" | "https") => (*name, *port),
        _ => return Err(bad()),
    };
    if name.is_empty() {
        return Err(bad());
    }
    let index = model
        .services
        .iter()
        .position(|s| s.namespace == namespace && s.name == name);
    let mut port_name = port.to_string();
    if let Ok(number) = port.parse::<i64>() {
        let s = index.ok_or_else(|| Status::not_found("services", name))?;
        let p = model.services[s]
            .ports
            .iter()
            .find(|p| i64::from(p.port) == number)
            .ok_or_else(|| {
                Status::unavailable(format!(
                    "no service port {number} found for service \"{name}\""
                ))
            })?;
        port_name = p.name.clone().unwrap_or_default();
    }
    let s = index.ok_or_else(|| Status::not_found("endpoints", name))?;
    let service = &model.services[s];
    let listed = model
        .endpoint_addresses
        .iter()
        .any(|e| e.namespace == namespace && e.service == name);
    if service.service_type == reachmap_core::model::ServiceType::ExternalName
        || (service.selector.is_none() && !listed)
    {
        return Err(Status::not_found("endpoints", name));
    }
    let report = ctx
        .services
        .iter()
        .find(|r| r.service == s)
        .ok_or_else(|| Status::not_found("endpoints", name))?;
    // A port "has endpoints" where kube-proxy would send its traffic somewhere.
    let resolved = |i: usize| !report.served(i).is_empty();
    if !(0..report.ports.len()).any(resolved) {
        return Err(Status::unavailable(format!(
            "no endpoints available for service \"{name}\""
        )));
    }
    service
        .ports
        .iter()
        .enumerate()
        .find(|(i, p)| {
            p.name.clone().unwrap_or_default() == port_name
                && *i < report.ports.len()
                && resolved(*i)
        })
        .map(|(i, _)| (s, i))
        .ok_or_else(|| Status::unavailable(format!("no endpoints available for service \"{id}\"")))
}

/// A connection to a `kubectl port-forward`'s local port: kubectl's terminal says it handles
/// it, and the kubelet connects to the port inside the pod's own network namespace, where no
/// NetworkPolicy applies (and traffic from the node is always allowed). A pod that is gone
/// ends the port-forward.
fn through_forward(ctx: &Ctx, opts: &Curl, forward: &Forward, url: &Url) -> Ran {
    let mut out = format!("Handling connection for {}\n", forward.local);
    let reached = resolve_target(ctx, &forward.namespace, &forward.target).and_then(|t| {
        let port = container_port(ctx, &t, forward.remote)?;
        Ok(Server::pod(ctx, t.group, port))
    });
    match reached {
        Ok(server) => {
            out.push_str(&body_text(pages::body(ctx, &server, &url.path)));
            Ran::ok(out)
        }
        Err(_) => {
            out.push_str("error: lost connection to pod\n");
            if !opts.silent || opts.show_error {
                out.push_str(&refused(url, true));
            }
            let mut session = ctx.session.clone();
            session.forwards.retain(|f| f.local != forward.local);
            Ran {
                session: Some(session),
                ..Ran::fail(out, 7)
            }
        }
    }
}

/// GNU `wget` at the person's own prompt: `-q`, `-O FILE`/`-O-`, `-T SEC`. Its first and last
/// lines (a timestamp and the URL, the transfer's speed) and its progress bar are left out.
pub fn wget(ctx: &Ctx, args: &[String]) -> Ran {
    let mut quiet = false;
    let mut to_stdout = false;
    let mut urls = Vec::new();
    let mut it = args.iter();
    while let Some(w) = it.next() {
        match w.as_str() {
            "-q" | "--quiet" => quiet = true,
            "-qO-" | "-qO" | "-O-" | "-O" | "--output-document" => {
                quiet |= w.starts_with("-q");
                let file = if w.ends_with('-') {
                    "-".to_string()
                } else {
                    it.next().cloned().unwrap_or_default()
                };
                to_stdout = file == "-";
            }
            "-T" | "--timeout" => {
                it.next();
            }
            o if o.starts_with('-') && o.len() > 1 => {
                return Ran::fail(
                    format!(
                    "reachmap: GNU wget {o} is not simulated here; try wget -qO- URL or curl URL\n"
                ),
                    2,
                )
            }
            u => urls.push(u.to_string()),
        }
    }
    let Some(text) = urls.first() else {
        return Ran::fail(
            "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n".into(),
            1,
        );
    };
    let as_curl = Curl {
        follow: true,
        silent: true,
        urls: vec![text.clone()],
        ..Curl::default()
    };
    let ran = curl_one(ctx, Origin::Outside, &as_curl, text);
    let Ok(url) = Url::parse(text) else {
        return Ran::fail(format!("{text}: Unsupported scheme.\n"), 1);
    };
    let connecting = format!("Connecting to {}:{}... ", url.host, url.port);
    let mut out = String::new();
    let code = match ran.code {
        0 => {
            if !quiet {
                out.push_str(&connecting);
                out.push_str("connected.\nHTTP request sent, awaiting response... 200 OK\n");
            }
            if to_stdout {
                out.push_str(&ran.output);
            } else if !quiet {
                out.push_str("Saving to: 'index.html'\n");
            }
            0
        }
        7 | 28 => {
            if !quiet {
                out.push_str(&connecting);
                out.push_str(if ran.code == 7 {
                    "failed: Connection refused.\n"
                } else {
                    "failed: Connection timed out.\n"
                });
            }
            4
        }
        6 if ran.output.is_empty() => {
            out.push_str(&format!(
                "wget: unable to resolve host address '{}'\n",
                url.host
            ));
            4
        }
        code => {
            out.push_str(&ran.output);
            code
        }
    };
    Ran {
        output: out,
        code,
        ..ran
    }
}
