//! Commands typed in a pod's shell, as busybox's `sh` and applets print them: `wget`
//! (networking/wget.c), `nslookup` (networking/nslookup.c), `hostname`, `echo`, `exit`, and
//! `curl` where the image is not busybox.

use super::pages::{self, Body};
use super::target::{connect, lookup, route, Conn, Lookup, Origin};
use super::{alias, http, Ran, Url, UrlError};
use crate::sim::DNS_IP;
use crate::{Ctx, Outcome, Shell};
use reachmap_core::model::ServiceType;
use reachmap_core::yaml::splice;

/// busybox's wget without a terminal width: 80 columns leave a 32-star bar.
const BAR: usize = 32;

/// Runs one command typed in the pod's shell `shell`.
pub(crate) fn in_pod_shell(ctx: &Ctx, shell: &Shell, words: &[String]) -> Outcome {
    let model = &ctx.parsed.model;
    let Some((g, i)) = ctx.cluster.pod_by_name(model, &shell.namespace, &shell.pod) else {
        let mut session = ctx.session.clone();
        session.shell = None;
        return Outcome {
            session,
            ..Outcome::fail(
                ctx.session,
                format!(
                    "reachmap: pod \"{}\" is no longer in the manifests, so its shell has ended\n",
                    shell.pod
                ),
            )
        };
    };
    if words[0] == "exit" {
        return exit(ctx, shell, &words[1..]);
    }
    match program(ctx, Origin::Pod(g, i), words) {
        Some(ran) => ran.outcome(ctx),
        None => Ran::fail(format!("/bin/sh: {}: not found\n", words[0]), 127).outcome(ctx),
    }
}

/// `exit [N]`: leaves the shell; after `kubectl run --rm` the pod is deleted from the text, as
/// kubectl deletes it.
fn exit(ctx: &Ctx, shell: &Shell, args: &[String]) -> Outcome {
    let code = match args.first() {
        None => 0,
        Some(n) => match n.parse::<u8>() {
            Ok(n) => n,
            Err(_) => {
                return Ran::fail(format!("/bin/sh: exit: Illegal number: {n}\n"), 2).outcome(ctx)
            }
        },
    };
    let mut session = ctx.session.clone();
    session.shell = None;
    let mut output = String::new();
    let mut text = None;
    if shell.remove_on_exit {
        let pod = ctx
            .parsed
            .find_object("Pod", Some(&shell.namespace), &shell.pod);
        if let Some(pod) = pod {
            if !pod.in_list() {
                text = Some(splice::remove(ctx.text, pod.document));
                output.push_str(&format!("pod \"{}\" deleted\n", shell.pod));
            }
        }
        // kubectl run then reports the pod's failure (and exits with its code); the console
        // counts the command as done, since it changed the text.
        if code != 0 {
            output.push_str(&format!(
                "pod {}/{} terminated (Error)\n",
                shell.namespace, shell.pod
            ));
        }
    } else if code != 0 {
        output.push_str(&format!("command terminated with exit code {code}\n"));
    }
    Outcome {
        ok: code == 0 || text.is_some(),
        text,
        session,
        ..Outcome::print(ctx.session, output)
    }
}

/// A program run in the pod (`words[0]` may be a path); `None` when the image has no such
/// program.
pub fn program(ctx: &Ctx, origin: Origin, words: &[String]) -> Option<Ran> {
    let name = words[0].rsplit('/').next().unwrap_or("");
    let args = &words[1..];
    let busybox = own_image(ctx, origin)
        .as_deref()
        .is_some_and(pages::is_busybox);
    Some(match name {
        "wget" => wget(ctx, origin, args),
        "nslookup" => nslookup(ctx, origin, args),
        "hostname" => match origin {
            Origin::Pod(g, i) => Ran::ok(format!("{}\n", ctx.cluster.pods[g][i].name)),
            Origin::Outside => Ran::ok(String::new()),
        },
        "echo" => Ran::ok(format!("{}\n", args.join(" "))),
        "true" => Ran::ok(String::new()),
        "false" => Ran::fail(String::new(), 1),
        "curl" if !busybox => http::curl(ctx, origin, args),
        _ if APPLETS.contains(&name) => Ran::fail(
            format!("reachmap: `{name}` is not simulated in this shell; it runs wget, nslookup, hostname, echo and exit{}\n", if busybox { "" } else { ", and curl" }),
            1,
        ),
        _ => return None,
    })
}

/// busybox applets the shell has but Reachmap does not run.
const APPLETS: &[&str] = &[
    "ls",
    "cat",
    "ps",
    "env",
    "pwd",
    "cd",
    "ping",
    "ip",
    "ifconfig",
    "netstat",
    "nc",
    "telnet",
    "traceroute",
    "top",
    "vi",
    "sleep",
    "date",
    "id",
    "whoami",
    "uname",
    "mount",
    "df",
    "free",
    "grep",
    "head",
    "tail",
    "sed",
    "awk",
    "find",
    "touch",
    "rm",
    "mkdir",
    "printenv",
    "route",
    "arp",
    "ss",
    "dig",
    "host",
];

/// The image of the client pod's first container.
fn own_image(ctx: &Ctx, origin: Origin) -> Option<String> {
    match origin {
        Origin::Pod(g, _) => pages::image(ctx, g, 0),
        Origin::Outside => None,
    }
}

/// busybox wget's options.
#[derive(Debug, Default)]
struct Wget {
    quiet: bool,
    /// `-O FILE` (`-` for standard output).
    output: Option<String>,
    /// `-T SEC`.
    timeout: Option<u32>,
    spider: bool,
    urls: Vec<String>,
}

const WGET_USAGE: &str = "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
\t[--post-data STR | --post-file FILE] [-Y on/off]
\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...
";

/// Reads wget's words as busybox's getopt32 does ("cqSO:o:P:Y:U:T:+t:n::" and long options).
fn wget_options(args: &[String]) -> Result<Wget, String> {
    let mut w = Wget::default();
    let mut it = args.iter();
    let set = |w: &mut Wget, opt: char, value: Option<String>| -> Result<(), String> {
        match opt {
            'q' => w.quiet = true,
            'O' => w.output = value,
            'T' => {
                let v = value.unwrap_or_default();
                w.timeout = Some(
                    v.parse()
                        .map_err(|_| format!("wget: invalid number '{v}'\n"))?,
                )
            }
            'S' | 'o' => {
                return Err(format!(
                    "reachmap: wget -{opt} is not simulated; try wget -O- or wget -qO-\n"
                ))
            }
            _ => {}
        }
        Ok(())
    };
    while let Some(word) = it.next() {
        if word == "--" {
            w.urls.extend(it.by_ref().cloned());
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let (opt, takes) = match name {
                "quiet" => ('q', false),
                "continue" => ('c', false),
                "server-response" => ('S', false),
                "output-document" => ('O', true),
                "output-file" => ('o', true),
                "directory-prefix" => ('P', true),
                "proxy" => ('Y', true),
                "user-agent" => ('U', true),
                "timeout" => ('T', true),
                "tries" | "header" => ('t', true),
                "post-data" | "post-file" => {
                    return Err(format!("reachmap: wget --{name} is not simulated\n"))
                }
                "spider" => {
                    w.spider = true;
                    continue;
                }
                "no-check-certificate"
                | "no-cache"
                | "passive-ftp"
                | "no-verbose"
                | "no-clobber"
                | "no-host-directories"
                | "no-parent" => continue,
                _ => {
                    return Err(format!(
                        "wget: unrecognized option '--{name}'\n{WGET_USAGE}"
                    ))
                }
            };
            let value = match (takes, inline) {
                (false, _) => None,
                (true, Some(v)) => Some(v),
                (true, None) => Some(it.next().cloned().ok_or_else(|| {
                    format!("wget: option '--{name}' requires an argument\n{WGET_USAGE}")
                })?),
            };
            set(&mut w, opt, value)?;
            continue;
        }
        if word.len() < 2 || !word.starts_with('-') {
            w.urls.push(word.clone());
            continue;
        }
        let chars: Vec<char> = word[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            match c {
                'c' | 'q' | 'S' => set(&mut w, c, None)?,
                'n' => break,
                'O' | 'o' | 'P' | 'Y' | 'U' | 'T' | 't' => {
                    let rest: String = chars[j + 1..].iter().collect();
                    let value = if rest.is_empty() {
                        it.next().cloned().ok_or_else(|| {
                            format!("wget: option requires an argument -- '{c}'\n{WGET_USAGE}")
                        })?
                    } else {
                        rest
                    };
                    set(&mut w, c, Some(value))?;
                    break;
                }
                _ => return Err(format!("wget: invalid option -- '{c}'\n{WGET_USAGE}")),
            }
            j += 1;
        }
    }
    if w.urls.is_empty() {
        return Err(WGET_USAGE.to_string());
    }
    Ok(w)
}

/// busybox `wget`: each URL in turn, stopping at the first failure as busybox dies there.
fn wget(ctx: &Ctx, origin: Origin, args: &[String]) -> Ran {
    let opts = match wget_options(args) {
        Ok(o) => o,
        Err(e) => return Ran::fail(e, 1),
    };
    let mut all = Ran::ok(String::new());
    for url in &opts.urls {
        all = all.and(fetch(ctx, origin, &opts, url));
        if all.code != 0 {
            break;
        }
    }
    all
}

fn fetch(ctx: &Ctx, origin: Origin, opts: &Wget, url: &str) -> Ran {
    let url = match Url::parse(url) {
        Ok(u) => u,
        Err(UrlError::Scheme(s)) if s.starts_with("ftp") => {
            return Ran::fail(format!("reachmap: wget {s}:// is not simulated\n"), 1)
        }
        Err(UrlError::Scheme(_)) => {
            return Ran::fail(format!("wget: not an http or ftp url: {url}\n"), 1)
        }
        Err(_) => return Ran::fail(format!("wget: bad address '{url}'\n"), 1),
    };
    // busybox names the server as the URL writes it, port included.
    let server = url.authority();
    let addr = match lookup(ctx, origin, &url.host) {
        Lookup::Addr(a) => a,
        Lookup::NotFound => return Ran::fail(format!("wget: bad address '{server}'\n"), 1),
        Lookup::NoDns(why) => {
            return Ran::fail(
                format!("wget: bad address '{server}'\nreachmap: {why}\n"),
                1,
            )
        }
        Lookup::Alias { service, target } => {
            return alias(ctx, origin, (service, &target), &url, 1)
        }
    };
    let dotted = if addr.contains(':') {
        format!("[{addr}]:{}", url.port)
    } else {
        format!("{addr}:{}", url.port)
    };
    let mut out = String::new();
    if !opts.quiet {
        out.push_str(&format!("Connecting to {server} ({dotted})\n"));
    }
    let attempt = connect(ctx, origin, &route(ctx, origin, &addr, url.port));
    let mut ran = match attempt.conn {
        Conn::Open(server) => {
            let mut ran = Ran::ok(out);
            if !opts.spider {
                ran.output.push_str(&download(
                    opts,
                    &url.path,
                    pages::body(ctx, &server, &url.path),
                ));
            }
            ran
        }
        Conn::Refused => {
            out.push_str(&cannot_connect(&addr, "Connection refused"));
            Ran::fail(out, 1)
        }
        Conn::TimedOut => {
            if opts.timeout.is_some() {
                out.push_str("wget: download timed out\n");
            } else {
                out.push_str(&cannot_connect(&addr, "Connection timed out"));
            }
            Ran::fail(out, 1)
        }
        Conn::Depends => {
            out.push_str(&super::depends(&url.host));
            Ran::fail(out, 1)
        }
    };
    if let Some(hint) = attempt.hint {
        ran.output.push_str(&format!("reachmap: {hint}\n"));
    }
    ran.tried = attempt.tried;
    ran
}

/// xconnect's error: the IPv4 address is named, an IPv6 one is not.
fn cannot_connect(addr: &str, error: &str) -> String {
    if addr.contains(':') {
        format!("wget: can't connect to remote host: {error}\n")
    } else {
        format!("wget: can't connect to remote host ({addr}): {error}\n")
    }
}

/// What wget prints once connected: the body to standard output or a file, with busybox's
/// messages and its progress bar at 100%.
fn download(opts: &Wget, path: &str, body: Body) -> String {
    let page = match body {
        Body::Page(p) => p,
        Body::Note(n) => return format!("{n}\n"),
    };
    let file = match opts.output.as_deref() {
        Some(f) => f.to_string(),
        None => {
            let last = path.rsplit('/').next().unwrap_or("");
            if last.is_empty() {
                "index.html".into()
            } else {
                last.to_string()
            }
        }
    };
    let stdout = file == "-";
    if opts.quiet {
        return if stdout {
            page.to_string()
        } else {
            String::new()
        };
    }
    let mut out = if stdout {
        "writing to stdout\n".to_string()
    } else {
        format!("saving to '{file}'\n")
    };
    if stdout {
        out.push_str(page);
    }
    // libbb/progress.c: "%-20.20s " (the file's last path component), "%3u%% ", the bar,
    // smart_ulltoa5's 5 columns, then the ETA.
    let name: String = file
        .rsplit('/')
        .next()
        .unwrap_or("")
        .chars()
        .take(20)
        .collect();
    out.push_str(&format!(
        "{name:<20} 100% |{}| {:>5}  0:00:00 ETA\n",
        "*".repeat(BAR),
        page.len()
    ));
    out.push_str(&if stdout {
        "written to stdout\n".to_string()
    } else {
        format!("'{file}' saved\n")
    });
    out
}

/// busybox `nslookup NAME`: the cluster DNS's answers, one reply per query in the order the
/// queries go out (A then AAAA, each through the search list when the name has no dot).
fn nslookup(ctx: &Ctx, origin: Origin, args: &[String]) -> Ran {
    let model = &ctx.parsed.model;
    let Some(name) = args.first() else {
        return Ran::fail(
            "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n".into(),
            1,
        );
    };
    if name.starts_with('-') || args.len() > 1 {
        return Ran::fail(
            format!(
                "reachmap: only `nslookup NAME` is simulated, against the cluster DNS ({DNS_IP})\n"
            ),
            1,
        );
    }
    let namespace = match origin {
        Origin::Pod(g, _) => model.groups[g].namespace.clone(),
        Origin::Outside => reachmap_core::model::DEFAULT_NAMESPACE.to_string(),
    };
    if let Origin::Pod(g, _) = origin {
        if let Some(why) = super::target::dns_refused(ctx, g) {
            return Ran::fail(
                format!(
                    ";; connection timed out; no servers could be reached\n\nreachmap: {why}\n"
                ),
                1,
            );
        }
    }
    let mut out = format!("Server:\t\t{DNS_IP}\nAddress:\t{DNS_IP}:53\n\n");
    let mut failed = false;
    let mut nxdomain = |out: &mut String, query: &str| {
        out.push_str(&format!("** server can't find {query}: NXDOMAIN\n\n"));
        failed = true;
    };
    if let Ok(ip) = name.parse::<std::net::Ipv4Addr>() {
        let [a, b, c, d] = ip.octets();
        let reverse = format!("{d}.{c}.{b}.{a}.in-addr.arpa");
        match ctx.cluster.service_by_ip(name) {
            Some(s) => out.push_str(&format!(
                "{reverse}\tname = {}\n\n",
                model.services[s].dns_name()
            )),
            None => nxdomain(&mut out, &reverse),
        }
        return Ran {
            code: i32::from(failed),
            ..Ran::ok(out)
        };
    }
    let queries: Vec<String> = if name.contains('.') {
        vec![name.clone()]
    } else {
        [
            format!("{namespace}.svc.cluster.local"),
            "svc.cluster.local".into(),
            "cluster.local".into(),
        ]
        .iter()
        .map(|domain| format!("{name}.{domain}"))
        .collect()
    };
    for ipv6 in [false, true] {
        for query in &queries {
            match answer(ctx, query) {
                None => nxdomain(&mut out, query),
                Some(Answer::Alias(target)) => out.push_str(&format!(
                    "{query}\tcanonical name = {}\n\n",
                    reachmap_core::report::clean(&target)
                )),
                // The cluster's addresses are IPv4: the AAAA answer is empty.
                Some(Answer::Addresses(_)) if ipv6 => out.push('\n'),
                Some(Answer::Addresses(ips)) => {
                    for ip in ips {
                        out.push_str(&format!("Name:\t{query}\nAddress: {ip}\n"));
                    }
                    out.push('\n');
                }
            }
        }
    }
    Ran {
        code: i32::from(failed),
        ..Ran::ok(out)
    }
}

/// What the cluster DNS answers for a fully qualified name.
enum Answer {
    Addresses(Vec<String>),
    Alias(String),
}

/// The cluster DNS's answer for `NAME.NAMESPACE.svc.cluster.local`: the cluster IP, a headless
/// Service's pod addresses, or an ExternalName's alias; `None` is NXDOMAIN.
fn answer(ctx: &Ctx, query: &str) -> Option<Answer> {
    let model = &ctx.parsed.model;
    let (name, namespace) = query
        .trim_end_matches('.')
        .strip_suffix(".svc.cluster.local")?
        .split_once('.')?;
    let s = model
        .services
        .iter()
        .position(|s| s.name == name && s.namespace == namespace)?;
    let service = &model.services[s];
    if service.service_type == ServiceType::ExternalName {
        return Some(Answer::Alias(
            service.external_name.clone().unwrap_or_default(),
        ));
    }
    if let Some(ip) = ctx.cluster.service_ips.get(s).and_then(Option::as_ref) {
        return Some(Answer::Addresses(vec![ip.value.clone()]));
    }
    let report = ctx.services.iter().find(|r| r.service == s)?;
    let ips = crate::objects::service::dns_addresses(ctx, report);
    (!ips.is_empty()).then_some(Answer::Addresses(ips))
}
