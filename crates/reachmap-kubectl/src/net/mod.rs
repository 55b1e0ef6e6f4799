//! Reaching things: `kubectl proxy`, `port-forward`, `exec`, a pod's shell, `curl` and `wget`.
//!
//! The way a connection goes is the cluster's (DNS, cluster IPs, nodePorts, the API server's
//! service proxy, the kubelet's port-forward); whether it gets through is the analysis's
//! verdict (`target`); what the other end answers is what Reachmap knows of its image
//! (`pages`); the words are those of the programs that print them (busybox, curl, kubectl).

mod attach;
mod http;
mod kube;
mod pages;
mod shell;
mod target;

use super::{Ctx, Outcome, Session, Tried};

pub(crate) use kube::{kubectl_exec, kubectl_port_forward, kubectl_proxy};

/// `curl` or `wget` at the person's own prompt, outside the cluster.
pub(crate) fn outside_command(ctx: &Ctx, words: &[String]) -> Outcome {
    let ran = match words[0].as_str() {
        "curl" => http::curl(ctx, target::Origin::Outside, &words[1..]),
        _ => http::wget(ctx, &words[1..]),
    };
    ran.outcome(ctx)
}

pub(crate) use shell::in_pod_shell;

/// What a program printed, its exit status, the flow it tried, and the session after it (a
/// port-forward that ended).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Ran {
    output: String,
    code: i32,
    tried: Option<Tried>,
    session: Option<Session>,
}

impl Ran {
    fn ok(output: String) -> Ran {
        Ran {
            output,
            code: 0,
            tried: None,
            session: None,
        }
    }

    fn fail(output: String, code: i32) -> Ran {
        Ran {
            code,
            ..Ran::ok(output)
        }
    }

    /// This run, then `next`: both outputs, the last status, the latest flow and session.
    fn and(mut self, next: Ran) -> Ran {
        self.output.push_str(&next.output);
        self.code = next.code;
        self.tried = next.tried.or(self.tried);
        self.session = next.session.or(self.session);
        self
    }

    fn outcome(self, ctx: &Ctx) -> Outcome {
        Outcome {
            ok: self.code == 0,
            tried: self.tried,
            session: self.session.unwrap_or_else(|| ctx.session.clone()),
            ..Outcome::print(ctx.session, self.output)
        }
    }
}

/// A name that is an ExternalName Service's alias for a name outside: Reachmap cannot resolve
/// it, but says so with the flow the policies decide (the client's egress to the outside).
fn alias(ctx: &Ctx, origin: target::Origin, lookup: (usize, &str), url: &Url, code: i32) -> Ran {
    let (service, name) = lookup;
    let port = ctx.parsed.model.services[service]
        .ports
        .iter()
        .position(|p| p.port == url.port);
    Ran {
        tried: port.and_then(|p| target::connect_service(ctx, origin.endpoint(), service, p).tried),
        ..Ran::fail(
            format!(
                "reachmap: {} is an ExternalName alias for {}, a name outside the cluster that Reachmap cannot resolve\n",
                url.host,
                reachmap_core::report::clean(name)
            ),
            code,
        )
    }
}

/// The line for a verdict that depends on an outside address (an ipBlock), said plainly.
fn depends(host: &str) -> String {
    format!("reachmap: whether {host} answers depends on which outside address is at the other end: a NetworkPolicy ipBlock admits some addresses and not others (see the explanation)\n")
}

/// Why a URL does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
enum UrlError {
    /// A scheme other than http and https.
    Scheme(String),
    /// No host.
    Host,
    /// A port that is not a number from 1 to 65535.
    Port,
}

/// An http(s) URL as wget and curl read it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Url {
    /// The host, without brackets around an IPv6 address.
    host: String,
    /// The host and port as the URL writes them (`10.96.0.7:80`, `nginx`).
    written: String,
    port: u16,
    /// From the first `/` (or `?`) on; empty when the URL has none.
    path: String,
}

impl Url {
    /// Reads `http://…`, `https://…` or a bare `host[:port][/path]`.
    fn parse(text: &str) -> Result<Url, UrlError> {
        let (scheme, rest) = match text.split_once("://") {
            Some((s, r)) => (s.to_ascii_lowercase(), r),
            None => ("http".to_string(), text),
        };
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return Err(UrlError::Scheme(scheme)),
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        let written = authority.rsplit('@').next().unwrap_or("");
        let (host, port) = if let Some(v6) = written.strip_prefix('[') {
            let (host, after) = v6.split_once(']').ok_or(UrlError::Host)?;
            (host, after.strip_prefix(':'))
        } else {
            match written.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (written, None),
            }
        };
        let port = match port {
            None => default_port,
            Some(p) => p.parse().ok().filter(|n| *n > 0).ok_or(UrlError::Port)?,
        };
        if host.is_empty() {
            return Err(UrlError::Host);
        }
        Ok(Url {
            host: host.to_string(),
            written: written.to_string(),
            port,
            path: path.to_string(),
        })
    }

    /// The server as busybox names it: host and port as written.
    fn authority(&self) -> &str {
        &self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Console, Shell};
    use reachmap_core::analysis::Verdict;
    use reachmap_core::parse::Input;

    /// One command line on `text`, in `session`.
    fn run(text: &str, line: &str, session: &Session, files: &[Input]) -> Outcome {
        Console::new(text, files.to_vec())
            .in_session(session.clone())
            .run(line)
    }

    const REFERENCE: &str = include_str!("../../tests/kubectl/net_reference.yaml");
    const BUSYBOX: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: busybox, labels: {run: busybox}}\nspec:\n  containers:\n  - {name: busybox, image: busybox}\n";

    fn in_shell(pod: &str, remove_on_exit: bool) -> Session {
        Session {
            shell: Some(Shell {
                namespace: "default".into(),
                pod: pod.into(),
                remove_on_exit,
            }),
            ..Session::default()
        }
    }

    #[test]
    fn nslookup_goes_through_the_search_list_and_fails_on_nxdomain() {
        let out = run(
            REFERENCE,
            "nslookup nginx",
            &in_shell("busybox", false),
            &[],
        );
        assert_eq!(
            out.output,
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\
             Name:\tnginx.default.svc.cluster.local\nAddress: 10.96.225.204\n\n\
             ** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n\
             ** server can't find nginx.cluster.local: NXDOMAIN\n\n\
             \n\
             ** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n\
             ** server can't find nginx.cluster.local: NXDOMAIN\n\n"
        );
        assert!(!out.ok);
        let out = run(
            REFERENCE,
            "nslookup 10.96.225.204",
            &in_shell("busybox", false),
            &[],
        );
        assert!(out.ok);
        assert!(out
            .output
            .ends_with("204.225.96.10.in-addr.arpa\tname = nginx.default.svc.cluster.local\n\n"));
    }

    #[test]
    fn exit_after_run_rm_deletes_the_pod_from_the_text() {
        let session = in_shell("busybox", true);
        let out = run(REFERENCE, "exit", &session, &[]);
        assert_eq!(out.output, "pod \"busybox\" deleted\n");
        assert_eq!(out.session.shell, None);
        let text = out.text.expect("the pod is deleted");
        assert!(!text.contains("name: busybox") && text.contains("name: nginx"));
        let out = run(REFERENCE, "exit 2", &session, &[]);
        assert_eq!(
            out.output,
            "pod \"busybox\" deleted\npod default/busybox terminated (Error)\n"
        );
        assert!(out.ok && out.text.is_some());
        // Without --rm, `exit` changes nothing.
        let out = run(REFERENCE, "exit", &in_shell("busybox", false), &[]);
        assert_eq!((out.output.as_str(), out.text, out.ok), ("", None, true));
    }

    #[test]
    fn a_shell_whose_pod_is_gone_ends() {
        let out = run(BUSYBOX, "wget -O- nginx", &in_shell("gone", false), &[]);
        assert!(!out.ok && out.session.shell.is_none(), "{out:?}");
        assert!(out
            .output
            .contains("pod \"gone\" is no longer in the manifests"));
    }

    #[test]
    fn a_verdict_that_depends_on_the_address_says_so() {
        let text = format!(
            "{REFERENCE}---\napiVersion: v1\nkind: Service\nmetadata: {{name: outside}}\nspec:\n  type: NodePort\n  selector: {{run: nginx}}\n  ports: [{{port: 80, nodePort: 30080}}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: office}}\nspec:\n  podSelector: {{matchLabels: {{run: nginx}}}}\n  ingress:\n  - from: [{{ipBlock: {{cidr: 203.0.113.0/24}}}}]\n"
        );
        let out = run(&text, "curl 192.168.64.2:30080", &Session::default(), &[]);
        assert!(!out.ok);
        assert!(out
            .output
            .starts_with("reachmap: whether 192.168.64.2 answers depends"));
        let tried = out.tried.expect("a flow");
        assert_eq!(
            (tried.from.as_str(), tried.to.as_str(), tried.verdict),
            ("outside", "default/outside:80", Verdict::Depends)
        );
        // From a pod in the cluster the same Service is denied: no ipBlock matches pods here.
        let out = run(&text, "wget -qO- outside", &in_shell("busybox", false), &[]);
        assert_eq!(out.tried.map(|t| t.verdict), Some(Verdict::Denied));
    }

    #[test]
    fn headless_and_external_names() {
        let text = format!(
            "{REFERENCE}---\napiVersion: v1\nkind: Service\nmetadata: {{name: direct}}\nspec:\n  clusterIP: None\n  selector: {{run: nginx}}\n  ports: [{{port: 8080, targetPort: 80}}]\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: alias}}\nspec:\n  type: ExternalName\n  externalName: example.com\n  ports: [{{port: 80}}]\n"
        );
        let ctx_session = in_shell("busybox", false);
        // A headless name is the pod's own address: the port is the one written, not translated.
        let out = run(&text, "wget -O- direct:80", &ctx_session, &[]);
        assert!(
            out.output.starts_with("Connecting to direct:80 (10.244."),
            "{}",
            out.output
        );
        assert!(out.output.contains("<!DOCTYPE html>"));
        let tried = out.tried.expect("a flow");
        assert_eq!(
            (tried.to.as_str(), tried.port.as_str()),
            ("default/nginx", "TCP/80")
        );
        let out = run(&text, "wget -O- alias", &ctx_session, &[]);
        assert!(!out.ok);
        assert!(out
            .output
            .contains("alias is an ExternalName alias for example.com"));
        assert_eq!(
            out.tried.map(|t| t.to),
            Some("default/alias:80".to_string())
        );
        let out = run(
            &text,
            "nslookup alias.default.svc.cluster.local",
            &ctx_session,
            &[],
        );
        assert!(out
            .output
            .contains("alias.default.svc.cluster.local\tcanonical name = example.com\n"));
    }

    #[test]
    fn a_port_forward_to_a_pod_that_is_gone_ends() {
        let session = Session {
            forwards: vec![crate::Forward {
                local: 8080,
                namespace: "default".into(),
                target: "pod/gone".into(),
                remote: 80,
            }],
            ..Session::default()
        };
        let out = run(REFERENCE, "curl localhost:8080", &session, &[]);
        assert_eq!(
            out.output,
            "Handling connection for 8080\nerror: lost connection to pod\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n"
        );
        assert!(out.session.forwards.is_empty() && !out.ok);
    }

    #[test]
    fn no_words_panic_or_change_the_text() {
        let lines = [
            "wget",
            "wget -",
            "wget -T",
            "wget -Tx x",
            "wget -O",
            "wget http://",
            "wget http://[",
            "wget ftp://x",
            "wget -é x",
            "wget x:99999",
            "wget :80",
            "wget -qO- é:80",
            "curl -é",
            "curl -m",
            "curl 'http://a:99999'",
            "curl http://[::1]:8080/",
            "curl -",
            "curl <pending>",
            "nslookup",
            "nslookup -type=a x",
            "nslookup 1.2.3",
            "exit x",
            "hostname extra",
            "ls -l",
            "kubectl",
            "/bin/sh",
            "echo",
            "curl localhost:0",
        ];
        let outside = [
            "curl",
            "curl é",
            "curl http://é:80",
            "curl localhost:9999/api/v1/namespaces//services//proxy",
            "curl -L localhost:9999/api/v1/namespaces/default/services/a:b:c:d/proxy",
            "curl localhost:9999/api/v1/namespaces/default/services/:80/proxy/",
            "curl localhost:9999/api",
            "wget",
            "wget -O",
            "wget -qO- é",
            "kubectl port-forward svc/nginx :",
            "kubectl port-forward svc/nginx 0:0",
            "kubectl port-forward svc/nginx é:80",
            "kubectl port-forward svc/nginx 1:2:3",
            "kubectl port-forward svc/nginx 8080:99999",
            "kubectl port-forward pod/nginx 8080:99999",
            "kubectl port-forward / 80",
            "kubectl port-forward svc/ 80",
            "kubectl exec -it / -- sh",
            "kubectl exec -it x/y -- sh",
            "kubectl exec busybox -- sh -c",
            "kubectl exec busybox -- sh -c '|'",
            "kubectl exec busybox -- sh -c \"'\"",
            "kubectl exec busybox -- sh -x",
            "kubectl proxy --port=-1",
            "kubectl proxy --port=",
            "kubectl proxy --address=::1 --port=0",
        ];
        let proxied = Session {
            proxy: Some(9999),
            ..Session::default()
        };
        for line in lines {
            let out = run(REFERENCE, line, &in_shell("busybox", false), &[]);
            assert_eq!(out.text, None, "{line}");
        }
        for line in outside {
            let out = run(REFERENCE, line, &proxied, &[]);
            assert_eq!(out.text, None, "{line}");
        }
    }

    #[test]
    fn urls_as_wget_and_curl_read_them() {
        let u = Url::parse("10.96.225.204:80").unwrap();
        assert_eq!(
            (u.host.as_str(), u.authority(), u.port, u.path.as_str()),
            ("10.96.225.204", "10.96.225.204:80", 80, "")
        );
        let u = Url::parse("http://user@nginx.default/a/b?c").unwrap();
        assert_eq!(
            (u.host.as_str(), u.authority(), u.port, u.path.as_str()),
            ("nginx.default", "nginx.default", 80, "/a/b?c")
        );
        let u = Url::parse("https://[::1]:8443").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("::1", 8443));
        assert_eq!(
            Url::parse("ftp://x").unwrap_err(),
            UrlError::Scheme("ftp".into())
        );
        assert_eq!(Url::parse("x:0").unwrap_err(), UrlError::Port);
        assert_eq!(Url::parse("x:http").unwrap_err(), UrlError::Port);
        assert_eq!(Url::parse(":80").unwrap_err(), UrlError::Host);
        assert_eq!(Url::parse("[::1").unwrap_err(), UrlError::Host);
    }
}
