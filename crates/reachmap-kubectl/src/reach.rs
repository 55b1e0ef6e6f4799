//! Every way to reach a Service, as the reference document does it, with the exact commands to
//! type: from a pod inside the cluster (by cluster IP and by DNS name), through the API server
//! (`kubectl proxy`), from outside at a node's IP on the nodePort or at a load balancer, and
//! with `kubectl port-forward`. The page lists them and types them into the console.

use super::{sim, Ctx, Session};
use reachmap_core::analysis::Access;
use reachmap_core::model::ServiceType;

/// The pod the reference starts a shell in.
const CLIENT: &str = "busybox";
/// The proxy's port in the reference.
const PROXY_PORT: u16 = 9999;
/// The local port `port-forward` uses here.
const FORWARD_PORT: u16 = 8080;

/// One way to reach a Service port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Way {
    /// What it is, in a few words.
    pub title: String,
    /// The command that opens a shell in a pod, when the commands run there.
    pub enter: Option<String>,
    /// The commands, in order.
    pub commands: Vec<String>,
}

impl Way {
    /// The lines to type from where the session is: a shell is opened only when needed, and
    /// left (`exit`) when the way starts at the person's own prompt.
    pub fn plan(&self, session: &Session) -> Vec<String> {
        let in_shell = session.shell.is_some();
        let mut lines = Vec::new();
        match (&self.enter, in_shell) {
            (Some(enter), false) => lines.push(enter.clone()),
            (None, true) => lines.push("exit".into()),
            _ => {}
        }
        lines.extend(self.commands.iter().cloned());
        lines
    }
}

/// The ways to reach each port of Service `service` (an index into `Model::services`).
pub(crate) fn ways(ctx: &Ctx, service: usize) -> Vec<Way> {
    let model = &ctx.parsed.model;
    let Some(s) = model.services.get(service) else {
        return Vec::new();
    };
    let Some(report) = ctx.services.iter().find(|r| r.service == service) else {
        return Vec::new();
    };
    let enter = Some(shell_command(ctx));
    let dns = format!("{}.{}", s.name, s.namespace);
    let mut out = Vec::new();
    if s.service_type == ServiceType::ExternalName {
        out.push(Way {
            title: format!("{dns} from a pod: a DNS alias"),
            enter,
            commands: vec![format!("nslookup {dns}")],
        });
        return out;
    }
    let several = s.ports.len() > 1;
    for (i, port) in s.ports.iter().enumerate() {
        let on = if several {
            format!(
                " (port {})",
                port.name.clone().unwrap_or_else(|| port.port.to_string())
            )
        } else {
            String::new()
        };
        let accesses = report
            .ports
            .get(i)
            .map(|p| p.access.as_slice())
            .unwrap_or(&[]);
        for access in accesses {
            match access {
                Access::ClusterIp { .. } => {
                    if let Some(ip) = ctx
                        .cluster
                        .service_ips
                        .get(service)
                        .and_then(Option::as_ref)
                    {
                        out.push(Way {
                            title: format!("From a pod, at the cluster IP{on}"),
                            enter: enter.clone(),
                            commands: vec![format!("wget -O- {}:{}", ip.value, port.port)],
                        });
                    }
                    out.push(Way {
                        title: format!("From a pod, by DNS name{on}"),
                        enter: enter.clone(),
                        commands: vec![format!("wget -O- {dns}:{}", port.port)],
                    });
                }
                Access::Headless { .. } => {
                    let target = report
                        .ports
                        .get(i)
                        .and_then(|p| p.resolved.iter().flatten().next().copied())
                        .unwrap_or(port.port);
                    out.push(Way {
                        title: format!(
                            "From a pod, by DNS name (headless: the pods' own addresses){on}"
                        ),
                        enter: enter.clone(),
                        commands: vec![format!("wget -O- {dns}:{target}")],
                    });
                }
                Access::NodePort { node_port, .. } => out.push(Way {
                    title: format!("From outside, at the node's IP on the nodePort{on}"),
                    enter: None,
                    commands: vec![format!("curl {}:{node_port}", sim::NODE_IP)],
                }),
                Access::LoadBalancer { addresses, port } => {
                    for a in addresses {
                        out.push(Way {
                            title: format!("From outside, through the load balancer{on}"),
                            enter: None,
                            commands: vec![format!("curl {a}:{port}")],
                        });
                    }
                }
                Access::ExternalName { .. } => {}
            }
        }
        if !matches!(s.cluster_ip, reachmap_core::model::ClusterIp::Headless) {
            let (start, proxy_port) = match ctx.session.proxy {
                Some(p) => (None, p),
                None => (
                    Some(format!("kubectl proxy --port={PROXY_PORT}")),
                    PROXY_PORT,
                ),
            };
            let target = if several {
                format!(
                    "{}:{}",
                    s.name,
                    port.name.clone().unwrap_or_else(|| port.port.to_string())
                )
            } else {
                s.name.clone()
            };
            out.push(Way {
                title: format!("Through the API server (kubectl proxy){on}"),
                enter: None,
                commands: start
                    .into_iter()
                    .chain([format!(
                        "curl -L localhost:{proxy_port}/api/v1/namespaces/{}/services/{target}/proxy",
                        s.namespace
                    )])
                    .collect(),
            });
        }
        let forwarded = ctx.session.forwards.iter().find(|f| {
            f.namespace == s.namespace
                && f.target == format!("svc/{}", s.name)
                && f.remote == port.port
        });
        let (start, local) = match forwarded {
            Some(f) => (None, f.local),
            None => {
                let taken = ctx.session.forwards.iter().map(|f| f.local).max();
                let local = taken.map_or(FORWARD_PORT, |p| p.saturating_add(1));
                let ns = if s.namespace == reachmap_core::model::DEFAULT_NAMESPACE {
                    String::new()
                } else {
                    format!(" -n {}", s.namespace)
                };
                (
                    Some(format!(
                        "kubectl port-forward svc/{}{ns} {local}:{}",
                        s.name, port.port
                    )),
                    local,
                )
            }
        };
        out.push(Way {
            title: format!("From your machine, with kubectl port-forward{on}"),
            enter: None,
            commands: start
                .into_iter()
                .chain([format!("curl localhost:{local}")])
                .collect(),
        });
    }
    out
}

/// The command that opens a shell in the reference's client pod: `exec` into it when the
/// manifests have one, else `run` it as the reference does.
fn shell_command(ctx: &Ctx) -> String {
    let exists = ctx
        .cluster
        .pod_by_name(
            &ctx.parsed.model,
            reachmap_core::model::DEFAULT_NAMESPACE,
            CLIENT,
        )
        .is_some();
    if exists {
        format!("kubectl exec -it {CLIENT} -- /bin/sh")
    } else {
        format!("kubectl run {CLIENT} --image=busybox --restart=Never -it -- /bin/sh")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Console;

    const NGINX: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels: {run: nginx}\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    ports: [{containerPort: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: nginx}\nspec:\n  type: NodePort\n  selector: {run: nginx}\n  ports: [{port: 80, targetPort: 80, nodePort: 32300}]\n";

    fn commands(ways: &[Way]) -> Vec<(String, Vec<String>)> {
        ways.iter()
            .map(|w| (w.title.clone(), w.commands.clone()))
            .collect()
    }

    #[test]
    fn the_references_ways_for_a_node_port_service() {
        let mut console = Console::new(NGINX, Vec::new());
        let ways = console.ways(0);
        let cluster = sim::Cluster::new(&reachmap_core::parse::parse(NGINX).model);
        let ip = cluster.service_ips[0].as_ref().unwrap().value.clone();
        assert_eq!(
            commands(&ways),
            [
                (
                    "From a pod, at the cluster IP".to_string(),
                    vec![format!("wget -O- {ip}:80")]
                ),
                (
                    "From a pod, by DNS name".into(),
                    vec!["wget -O- nginx.default:80".into()]
                ),
                (
                    "From outside, at the node's IP on the nodePort".into(),
                    vec!["curl 192.168.64.2:32300".into()]
                ),
                (
                    "Through the API server (kubectl proxy)".into(),
                    vec![
                        "kubectl proxy --port=9999".into(),
                        "curl -L localhost:9999/api/v1/namespaces/default/services/nginx/proxy"
                            .into()
                    ]
                ),
                (
                    "From your machine, with kubectl port-forward".into(),
                    vec![
                        "kubectl port-forward svc/nginx 8080:80".into(),
                        "curl localhost:8080".into()
                    ]
                ),
            ]
        );
        assert_eq!(
            ways[0].plan(console.session()),
            [
                "kubectl run busybox --image=busybox --restart=Never -it -- /bin/sh".to_string(),
                format!("wget -O- {ip}:80")
            ]
        );
    }

    #[test]
    fn plans_follow_the_session() {
        let session = Session {
            shell: Some(crate::Shell {
                namespace: "default".into(),
                pod: "busybox".into(),
                remove_on_exit: false,
            }),
            proxy: Some(8001),
            ..Session::default()
        };
        let mut console = Console::new(NGINX, Vec::new()).in_session(session.clone());
        let ways = console.ways(0);
        assert_eq!(ways[1].plan(&session), ["wget -O- nginx.default:80"]);
        let proxy = ways
            .iter()
            .find(|w| w.title.starts_with("Through"))
            .unwrap();
        assert_eq!(
            proxy.plan(&session),
            [
                "exit",
                "curl -L localhost:8001/api/v1/namespaces/default/services/nginx/proxy"
            ]
        );
    }
}
