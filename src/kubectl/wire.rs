//! The console's interpreter runs in a Web Worker with its own wasm (`reachmap-console`),
//! fetched when the console is first used, so the page's first download stays small. This is
//! the message format between the page and that worker: flat lists of strings (`None` where a
//! field is absent), encoded and decoded here so that both sides — and the native tests —
//! share one definition. `answer` is the worker's whole job.

use super::reach::ways;
use super::{complete::complete, run, Ctx, Forward, Outcome, Session, Shell, Tried};
use crate::analysis::Verdict;
use crate::parse::Input;

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Run one command line.
    Run {
        text: String,
        line: String,
        session: Session,
        /// The files the person opened (the bundled ones are the worker's own).
        files: Vec<Input>,
    },
    /// Completions for the end of `line`.
    Complete {
        text: String,
        line: String,
        session: Session,
    },
    /// The ways to reach Service `service` (`ns/name`).
    Ways {
        text: String,
        service: String,
        session: Session,
    },
}

impl Request {
    pub fn encode(&self) -> Vec<String> {
        match self {
            Request::Run {
                text,
                line,
                session,
                files,
            } => {
                let mut out = vec![
                    "run".into(),
                    text.clone(),
                    line.clone(),
                    encode_session(session),
                ];
                for f in files {
                    out.push(f.name.clone());
                    out.push(f.text.clone());
                }
                out
            }
            Request::Complete {
                text,
                line,
                session,
            } => vec![
                "complete".into(),
                text.clone(),
                line.clone(),
                encode_session(session),
            ],
            Request::Ways {
                text,
                service,
                session,
            } => vec![
                "ways".into(),
                text.clone(),
                service.clone(),
                encode_session(session),
            ],
        }
    }

    pub fn decode(fields: &[String]) -> Option<Request> {
        let [op, text, word, session, rest @ ..] = fields else {
            return None;
        };
        let (text, session) = (text.clone(), decode_session(session));
        match op.as_str() {
            "run" if rest.len() % 2 == 0 => Some(Request::Run {
                text,
                line: word.clone(),
                session,
                files: rest
                    .chunks(2)
                    .map(|c| Input {
                        name: c[0].clone(),
                        text: c[1].clone(),
                    })
                    .collect(),
            }),
            "complete" => Some(Request::Complete {
                text,
                line: word.clone(),
                session,
            }),
            "ways" => Some(Request::Ways {
                text,
                service: word.clone(),
                session,
            }),
            _ => None,
        }
    }
}

/// One way to reach a Service, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WayView {
    pub title: String,
    /// Every command of the way, the shell-opening one included.
    pub shown: Vec<String>,
    /// What to type from where the session is (`Way::plan`).
    pub plan: Vec<String>,
}

/// The worker's answer to a request.
pub fn answer(request: &Request) -> Vec<Option<String>> {
    match request {
        Request::Run {
            text,
            line,
            session,
            files,
        } => {
            let mut all = files.clone();
            all.extend(super::files::bundled());
            encode_outcome(&run(text, line, session, &all))
        }
        Request::Complete {
            text,
            line,
            session,
        } => {
            let files = super::files::bundled();
            let ctx = Ctx::new(text, session, &files);
            complete(&ctx, line).into_iter().map(Some).collect()
        }
        Request::Ways {
            text,
            service,
            session,
        } => {
            let ctx = Ctx::new(text, session, &[]);
            let Some(index) = ctx
                .parsed
                .model
                .services
                .iter()
                .position(|s| s.key() == *service)
            else {
                return Vec::new();
            };
            ways(&ctx, index)
                .iter()
                .flat_map(|w| {
                    let shown: Vec<String> = w.enter.iter().chain(&w.commands).cloned().collect();
                    [
                        Some(w.title.clone()),
                        Some(shown.join("\n")),
                        Some(w.plan(&ctx).join("\n")),
                    ]
                })
                .collect()
        }
    }
}

/// Reads the answer to a `Complete`.
pub fn decode_completions(fields: &[Option<String>]) -> Vec<String> {
    fields.iter().flatten().cloned().collect()
}

/// Reads the answer to a `Ways`.
pub fn decode_ways(fields: &[Option<String>]) -> Vec<WayView> {
    let lines = |s: &Option<String>| -> Vec<String> {
        s.as_deref()
            .unwrap_or("")
            .lines()
            .map(str::to_string)
            .collect()
    };
    fields
        .chunks_exact(3)
        .map(|c| WayView {
            title: c[0].clone().unwrap_or_default(),
            shown: lines(&c[1]),
            plan: lines(&c[2]),
        })
        .collect()
}

const VERDICTS: [(Verdict, &str); 3] = [
    (Verdict::Allowed, "allowed"),
    (Verdict::Denied, "denied"),
    (Verdict::Depends, "depends"),
];

pub fn encode_outcome(o: &Outcome) -> Vec<Option<String>> {
    let mut out = vec![
        Some(o.output.clone()),
        Some(if o.ok { "ok" } else { "failed" }.into()),
        o.text.clone(),
        o.yaml.clone(),
        Some(encode_session(&o.session)),
    ];
    if let Some(t) = &o.tried {
        let verdict = VERDICTS.iter().find(|(v, _)| *v == t.verdict).map(|v| v.1);
        out.extend([
            Some(t.from.clone()),
            Some(t.to.clone()),
            Some(t.port.clone()),
            verdict.map(str::to_string),
        ]);
    }
    out
}

pub fn decode_outcome(fields: &[Option<String>]) -> Option<Outcome> {
    let [Some(output), Some(status), text, yaml, Some(session), rest @ ..] = fields else {
        return None;
    };
    let tried = match rest {
        [Some(from), Some(to), Some(port), Some(verdict)] => Some(Tried {
            from: from.clone(),
            to: to.clone(),
            port: port.clone(),
            verdict: VERDICTS.iter().find(|v| v.1 == verdict)?.0,
        }),
        [] => None,
        _ => return None,
    };
    Some(Outcome {
        output: output.clone(),
        ok: status == "ok",
        text: text.clone(),
        yaml: yaml.clone(),
        session: decode_session(session),
        tried,
    })
}

/// A session as lines of tab-separated fields (names never hold a tab or a newline).
pub fn encode_session(s: &Session) -> String {
    let mut out = String::new();
    if let Some(sh) = &s.shell {
        out.push_str(&format!(
            "shell\t{}\t{}\t{}\n",
            sh.namespace, sh.pod, sh.remove_on_exit
        ));
    }
    if let Some(p) = s.proxy {
        out.push_str(&format!("proxy\t{p}\n"));
    }
    for f in &s.forwards {
        out.push_str(&format!(
            "forward\t{}\t{}\t{}\t{}\n",
            f.local, f.namespace, f.target, f.remote
        ));
    }
    out
}

/// Reads `encode_session`'s lines; what does not read is left out.
pub fn decode_session(text: &str) -> Session {
    let mut s = Session::default();
    for line in text.lines() {
        match line.split('\t').collect::<Vec<_>>().as_slice() {
            ["shell", ns, pod, rm] => {
                s.shell = Some(Shell {
                    namespace: (*ns).into(),
                    pod: (*pod).into(),
                    remove_on_exit: *rm == "true",
                })
            }
            ["proxy", p] => s.proxy = p.parse().ok(),
            ["forward", local, ns, target, remote] => {
                if let (Ok(local), Ok(remote)) = (local.parse(), remote.parse()) {
                    s.forwards.push(Forward {
                        local,
                        namespace: (*ns).into(),
                        target: (*target).into(),
                        remote,
                    });
                }
            }
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            shell: Some(Shell {
                namespace: "default".into(),
                pod: "busybox".into(),
                remove_on_exit: true,
            }),
            proxy: Some(9999),
            forwards: vec![Forward {
                local: 8080,
                namespace: "prod".into(),
                target: "svc/web".into(),
                remote: 80,
            }],
        }
    }

    #[test]
    fn requests_and_sessions_round_trip() {
        for r in [
            Request::Run {
                text: "a: 1\n".into(),
                line: "kubectl get pods".into(),
                session: session(),
                files: vec![Input {
                    name: "x.yaml".into(),
                    text: "kind: Pod\n".into(),
                }],
            },
            Request::Complete {
                text: String::new(),
                line: "kubectl g".into(),
                session: Session::default(),
            },
            Request::Ways {
                text: String::new(),
                service: "default/web".into(),
                session: session(),
            },
        ] {
            assert_eq!(Request::decode(&r.encode()), Some(r));
        }
        assert_eq!(Request::decode(&["frob".into()]), None);
    }

    #[test]
    fn outcomes_round_trip() {
        let mut o = Outcome::print(&session(), "service/nginx created\n");
        o.text = Some("kind: Service\n".into());
        o.tried = Some(Tried {
            from: "default/busybox".into(),
            to: "default/nginx:80".into(),
            port: String::new(),
            verdict: Verdict::Depends,
        });
        assert_eq!(decode_outcome(&encode_outcome(&o)), Some(o));
        let failed = Outcome::fail(&Session::default(), "error: x");
        assert_eq!(decode_outcome(&encode_outcome(&failed)), Some(failed));
        assert_eq!(decode_outcome(&[None]), None);
    }

    #[test]
    fn the_worker_answers_each_request() {
        let run = Request::Run {
            text: String::new(),
            line: "kubectl version".into(),
            session: Session::default(),
            files: Vec::new(),
        };
        let o = decode_outcome(&answer(&run)).unwrap();
        assert!(o.ok && o.output.starts_with("Client Version"));
        let c = Request::Complete {
            text: String::new(),
            line: "kubectl desc".into(),
            session: Session::default(),
        };
        assert_eq!(decode_completions(&answer(&c)), ["describe"]);
        let text =
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n";
        let w = Request::Ways {
            text: text.into(),
            service: "default/web".into(),
            session: Session::default(),
        };
        let ways = decode_ways(&answer(&w));
        assert!(ways.len() >= 3, "{ways:?}");
        assert_eq!(ways[1].shown[1], "wget -O- web.default:80");
        assert_eq!(
            ways[1].plan[0],
            "kubectl run busybox --image=busybox --restart=Never -it -- /bin/sh"
        );
    }
}
