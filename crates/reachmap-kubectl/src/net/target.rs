//! Where an address leads and whether a connection gets there. The way there is the cluster's
//! (cluster DNS, cluster IPs, nodePorts, load balancers, pod IPs); whether the policies let the
//! traffic through is the analysis's verdict (`service_flow`, `explain`,
//! `node_service_flow`), never decided here.

use super::pages::Server;
use crate::{sim, Ctx, Tried};
use reachmap_core::analysis::probe::Probe;
use reachmap_core::analysis::to_itself::explain_direct;
use reachmap_core::analysis::{
    dns, explain, node_service_flow, service_flow, Access, Endpoint, FlowQuery, FlowTarget, Verdict,
};
use reachmap_core::model::{Protocol, ServiceType};
use std::net::IpAddr;

/// Where a command runs: at the person's own prompt, or in a pod (group, pod of the group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Outside,
    Pod(usize, usize),
}

impl Origin {
    /// The client as the analysis names it: any outside address, or the pod's group.
    pub fn endpoint(self) -> Endpoint {
        match self {
            Origin::Outside => Endpoint::Outside(None),
            Origin::Pod(g, _) => Endpoint::Group(g),
        }
    }
}

/// What a host name means to the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// An address (an IP address, or a load balancer's host name).
    Addr(String),
    /// An ExternalName Service: a DNS alias for a name outside the cluster.
    Alias {
        service: usize,
        target: String,
    },
    NotFound,
    /// The pod's lookups never reach the cluster DNS (its egress policies refuse UDP/53 to
    /// it): why, in words.
    NoDns(String),
}

/// Resolves `host` as the client would: an address as written, `localhost`, and from a pod the
/// cluster DNS names of Services (a headless Service's name gives its first pod's address).
pub fn lookup(ctx: &Ctx, origin: Origin, host: &str) -> Lookup {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.parse::<IpAddr>().is_ok() {
        return Lookup::Addr(host.to_string());
    }
    if host.eq_ignore_ascii_case("localhost") {
        return Lookup::Addr("127.0.0.1".into());
    }
    let model = &ctx.parsed.model;
    match origin {
        Origin::Outside => {
            let balancer = ctx.services.iter().flat_map(|r| &r.ports).any(|p| {
                p.access.iter().any(|a| {
                    matches!(a, Access::LoadBalancer { addresses, .. } if addresses.iter().any(|x| x == host))
                })
            });
            if balancer {
                Lookup::Addr(host.to_string())
            } else {
                Lookup::NotFound
            }
        }
        Origin::Pod(g, _) => {
            if let Some(why) = dns_refused(ctx, g) {
                return Lookup::NoDns(why);
            }
            let Some(s) = ctx
                .cluster
                .resolve_service(model, host, &model.groups[g].namespace)
            else {
                return Lookup::NotFound;
            };
            let service = &model.services[s];
            if service.service_type == ServiceType::ExternalName {
                return Lookup::Alias {
                    service: s,
                    target: service.external_name.clone().unwrap_or_default(),
                };
            }
            match ctx.cluster.service_ips.get(s).and_then(Option::as_ref) {
                Some(ip) => Lookup::Addr(ip.value.clone()),
                None => headless_address(ctx, s).map_or(Lookup::NotFound, Lookup::Addr),
            }
        }
    }
}

/// Why pod group `g` cannot look names up, when the analysis denies its UDP/53 to the cluster
/// DNS (`dns::lookup`); `None` when it can, or when that depends on what the manifests do not
/// say (the lookup then goes ahead, as the connection's own verdict still decides).
pub fn dns_refused(ctx: &Ctx, g: usize) -> Option<String> {
    let model = &ctx.parsed.model;
    let answer = dns::lookup(model, g);
    if answer.verdict != Verdict::Denied {
        return None;
    }
    let pod = model.groups[g].endpoint();
    let names: Vec<String> = answer
        .egress_policies
        .iter()
        .map(|&p| model.policies[p].key())
        .collect();
    Some(if names.is_empty() {
        format!(
            "{pod} cannot look names up: the policies of the cluster DNS pods refuse its {}",
            dns::DNS_WORDS
        )
    } else {
        format!(
            "{pod} cannot look names up: its egress is isolated by {}, and no rule admits {}",
            reachmap_core::report::and_list(&names),
            dns::DNS_WORDS
        )
    })
}

/// The first backend pod's address of a headless Service, as its DNS name returns it.
fn headless_address(ctx: &Ctx, service: usize) -> Option<String> {
    let report = ctx.services.iter().find(|r| r.service == service)?;
    crate::objects::service::dns_addresses(ctx, report)
        .into_iter()
        .next()
}

/// Where a connection to an address and TCP port goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dest {
    /// A Service port: at its cluster IP, a nodePort, or its load balancer.
    Service { service: usize, port: usize },
    /// A pod's own address.
    Pod { group: usize, pod: usize, port: u16 },
    /// The client's own loopback interface.
    Loopback(u16),
    /// An address outside the cluster, from a pod.
    Outside { ip: IpAddr, port: u16 },
    /// A host that answers but where nothing listens on the port: refused.
    Closed,
    /// Packets that go nowhere (a timeout), and why in words where it helps.
    Unroutable(Option<String>),
    /// From outside: an address that is not part of the simulated cluster.
    Unknown,
}

/// Routes a connection to `addr`:`port` (TCP) from `origin`.
pub fn route(ctx: &Ctx, origin: Origin, addr: &str, port: u16) -> Dest {
    let ip = addr.parse::<IpAddr>().ok();
    if ip.is_some_and(|ip| ip.is_loopback()) {
        return Dest::Loopback(port);
    }
    let outside = origin == Origin::Outside;
    if let Some(s) = ctx.cluster.service_by_ip(addr) {
        if outside {
            return Dest::Unroutable(Some(format!(
                "{addr} is a cluster IP, routable only inside the cluster: from here use a NodePort, a load balancer, kubectl port-forward or kubectl proxy"
            )));
        }
        return match tcp_port(ctx, s, port) {
            Some(p) => Dest::Service {
                service: s,
                port: p,
            },
            None => Dest::Unroutable(Some(format!(
                "Service {} has no TCP port {port}: nothing forwards {addr}:{port}, so the packets go nowhere",
                ctx.parsed.model.services[s].key()
            ))),
        };
    }
    if addr == sim::NODE_IP {
        return node_port(ctx, port).map_or(Dest::Closed, |(service, port)| Dest::Service {
            service,
            port,
        });
    }
    let mut balanced = false;
    for report in ctx.services {
        for (pi, p) in report.ports.iter().enumerate() {
            for a in &p.access {
                if let Access::LoadBalancer {
                    addresses,
                    port: lb_port,
                } = a
                {
                    if addresses.iter().any(|x| x == addr) {
                        balanced = true;
                        if *lb_port == port && is_tcp(ctx, report.service, pi) {
                            return Dest::Service {
                                service: report.service,
                                port: pi,
                            };
                        }
                    }
                }
            }
        }
    }
    if balanced {
        return Dest::Unroutable(Some(format!(
            "the load balancer at {addr} has no listener on port {port}"
        )));
    }
    if let Some((group, pod)) = ctx.cluster.pod_by_ip(addr) {
        if outside {
            return Dest::Unroutable(Some(format!(
                "{addr} is a pod IP, routable only inside the cluster: from here use a Service (NodePort, load balancer), kubectl port-forward or kubectl proxy"
            )));
        }
        return Dest::Pod { group, pod, port };
    }
    // An unused address of the cluster's own ranges leads nowhere: it is no outside host.
    for (cidr, what) in [(sim::POD_CIDR, "pod"), (sim::SERVICE_CIDR, "Service")] {
        if ip.is_some_and(|ip| sim::in_cidr(&ip, cidr)) {
            return Dest::Unroutable(Some(format!(
                "{addr} is in the cluster's {what} range, but no {what} has it"
            )));
        }
    }
    match (ip, outside) {
        (Some(ip), false) => Dest::Outside { ip, port },
        _ => Dest::Unknown,
    }
}

fn is_tcp(ctx: &Ctx, service: usize, port: usize) -> bool {
    ctx.parsed.model.services[service].ports[port].protocol == Protocol::Tcp
}

/// The TCP port of Service `service` numbered `port`.
fn tcp_port(ctx: &Ctx, service: usize, port: u16) -> Option<usize> {
    ctx.parsed.model.services[service]
        .ports
        .iter()
        .position(|p| p.port == port && p.protocol == Protocol::Tcp)
}

/// The Service port a TCP nodePort belongs to.
fn node_port(ctx: &Ctx, port: u16) -> Option<(usize, usize)> {
    ctx.services.iter().find_map(|report| {
        report.ports.iter().enumerate().find_map(|(pi, p)| {
            let opens = p
                .access
                .iter()
                .any(|a| matches!(a, Access::NodePort { node_port, .. } if *node_port == port));
            (opens && is_tcp(ctx, report.service, pi)).then_some((report.service, pi))
        })
    })
}

/// How a connection ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conn {
    /// Accepted by this server.
    Open(Server),
    Refused,
    TimedOut,
    /// The verdict depends on which outside address the client or server is.
    Depends,
}

/// A connection attempt: how it ended, the flow the analysis decided it by, and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub conn: Conn,
    pub tried: Option<Tried>,
    pub hint: Option<String>,
}

impl Attempt {
    fn plain(conn: Conn) -> Attempt {
        Attempt {
            conn,
            tried: None,
            hint: None,
        }
    }
}

/// Connects from `origin` to `dest`. A loopback destination is the client pod itself (the
/// person's own machine is the caller's business: `kubectl proxy`, `port-forward`).
pub fn connect(ctx: &Ctx, origin: Origin, dest: &Dest) -> Attempt {
    let model = &ctx.parsed.model;
    let client = origin.endpoint();
    match dest {
        Dest::Service { service, port } => connect_service(ctx, client, *service, *port),
        Dest::Pod { group, port, .. } => {
            let probe = Probe::tcp(*port);
            // The pod's own address: a pod reaching itself is not the rules' to stop.
            let e = explain_direct(model, client, Endpoint::Group(*group), probe);
            let conn = by_verdict(e.verdict, || Server::pod(ctx, *group, *port));
            let query = FlowQuery {
                from: client,
                to: FlowTarget::Endpoint(Endpoint::Group(*group)),
                probe: Some(probe),
            };
            Attempt {
                conn,
                tried: Some(tried(ctx, &query, e.verdict)),
                hint: None,
            }
        }
        Dest::Outside { ip, port } => {
            let probe = Probe::tcp(*port);
            let to = Endpoint::Outside(Some(*ip));
            let e = explain(model, client, to, probe);
            let conn = by_verdict(e.verdict, || Server::address(ip.to_string(), *port));
            let query = FlowQuery {
                from: client,
                to: FlowTarget::Endpoint(to),
                probe: Some(probe),
            };
            Attempt {
                conn,
                tried: Some(tried(ctx, &query, e.verdict)),
                hint: None,
            }
        }
        // The pod itself: no policy stands between a pod and its own loopback.
        Dest::Loopback(port) => match origin {
            Origin::Pod(g, _) => Attempt::plain(Conn::Open(Server::pod(ctx, g, *port))),
            Origin::Outside => Attempt::plain(Conn::Refused),
        },
        Dest::Closed => Attempt::plain(Conn::Refused),
        Dest::Unroutable(hint) => Attempt {
            hint: hint.clone(),
            ..Attempt::plain(Conn::TimedOut)
        },
        Dest::Unknown => Attempt::plain(Conn::Refused),
    }
}

/// Connects `client` to Service port `port` of Service `service`: through its backends on
/// their targetPorts (`service_flow`); an ExternalName Service is the client's egress to the
/// outside name. The connection lands on the first backend the policies admit; it is refused
/// where the Service has nowhere to send it (kube-proxy rejects a Service without endpoints).
pub fn connect_service(ctx: &Ctx, client: Endpoint, service: usize, port: usize) -> Attempt {
    let model = &ctx.parsed.model;
    let Some(report) = ctx.services.iter().find(|r| r.service == service) else {
        return Attempt::plain(Conn::Refused);
    };
    let flow = service_flow(model, report, client, port);
    let query = FlowQuery {
        from: client,
        to: FlowTarget::ServicePort { service, port },
        probe: None,
    };
    let tried = Some(tried(ctx, &query, flow.verdict));
    let s = &model.services[service];
    if s.service_type == ServiceType::ExternalName {
        let target = s.external_name.clone().unwrap_or_default();
        let conn = by_verdict(flow.verdict, || Server::address(target, s.ports[port].port));
        return Attempt {
            conn,
            tried,
            hint: None,
        };
    }
    if flow.backends.iter().all(|b| b.explanation.is_none()) {
        return Attempt {
            conn: Conn::Refused,
            tried,
            hint: None,
        };
    }
    let open = flow.backends.iter().find_map(|b| {
        let e = b.explanation.as_ref()?;
        let target = b.target?;
        (e.verdict == Verdict::Allowed).then(|| Server::backend(ctx, &b.backend, target.port))
    });
    let conn = match (flow.verdict, open) {
        (Verdict::Allowed, Some(server)) => Conn::Open(server),
        (Verdict::Depends, _) => Conn::Depends,
        _ => Conn::TimedOut,
    };
    Attempt {
        conn,
        tried,
        hint: None,
    }
}

/// The backend a connection from the node reaches (`node_service_flow`): the first one with a
/// resolved targetPort; `None` when the traffic has nowhere to go.
pub fn from_node(ctx: &Ctx, service: usize, port: usize) -> Option<Server> {
    let report = ctx.services.iter().find(|r| r.service == service)?;
    let flow = node_service_flow(&ctx.parsed.model, report, port);
    if flow.verdict != Verdict::Allowed {
        return None;
    }
    flow.backends
        .iter()
        .find_map(|b| Some(Server::backend(ctx, &b.backend, b.target?.port)))
}

fn by_verdict(verdict: Verdict, server: impl FnOnce() -> Server) -> Conn {
    match verdict {
        Verdict::Allowed => Conn::Open(server()),
        Verdict::Denied => Conn::TimedOut,
        Verdict::Depends => Conn::Depends,
    }
}

/// The flow in the words `FlowQuery::parse` reads.
fn tried(ctx: &Ctx, query: &FlowQuery, verdict: Verdict) -> Tried {
    let (from, to, port) = query.words(&ctx.parsed.model);
    Tried {
        from,
        to,
        port,
        verdict,
    }
}
