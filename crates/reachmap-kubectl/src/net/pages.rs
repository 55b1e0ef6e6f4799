//! What answers at the other end of a connection: the pod, the image it runs (read from the
//! manifest, as the model keeps no images), and what Reachmap knows that image serves —
//! nginx's welcome page, byte for byte as each nginx release ships it
//! (`docs/html/index.html` of nginx's source, installed as the image's index.html).

use crate::Ctx;
use reachmap_core::analysis::{Backend, Endpoint};
use reachmap_core::model::{Protocol, WorkloadKind};
use serde_yaml::Value;

/// nginx's welcome page up to 1.21.1 (612 bytes).
const WELCOME_UNTIL_1_21_1: &str = include_str!("pages/nginx-welcome-until-1.21.1.html");
/// nginx's welcome page from 1.21.2 to 1.29.5 (615 bytes): light and dark.
const WELCOME_UNTIL_1_29_5: &str = include_str!("pages/nginx-welcome-until-1.29.5.html");
/// nginx's welcome page since 1.29.6 (896 bytes), the one of `nginx:latest`.
const WELCOME_SINCE_1_29_6: &str = include_str!("pages/nginx-welcome-since-1.29.6.html");

/// Who accepted a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// The pod group; `None` for an address outside the manifests.
    pub group: Option<usize>,
    /// How to name it: the endpoint name (`default/nginx`) or the address.
    pub name: String,
    pub port: u16,
}

impl Server {
    pub fn pod(ctx: &Ctx, group: usize, port: u16) -> Server {
        Server {
            group: Some(group),
            name: Endpoint::Group(group).name(&ctx.parsed.model),
            port,
        }
    }

    pub fn backend(ctx: &Ctx, backend: &Backend, port: u16) -> Server {
        match backend {
            Backend::Group(g) => Server::pod(ctx, *g, port),
            Backend::Address(ip) => Server::address(ip.to_string(), port),
        }
    }

    pub fn address(name: String, port: u16) -> Server {
        Server {
            group: None,
            name,
            port,
        }
    }

    /// Whether something listens on the port, as far as the manifests say: a declared TCP
    /// container port, or nginx's port 80.
    pub fn listens(&self, ctx: &Ctx) -> bool {
        let Some(g) = self.group else {
            return false;
        };
        let declared = ctx.parsed.model.groups[g]
            .ports
            .iter()
            .any(|p| p.port == self.port && p.protocol == Protocol::Tcp);
        declared || (self.port == 80 && image(ctx, g, 80).as_deref().is_some_and(is_nginx))
    }
}

/// What a request for `path` gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// A page Reachmap knows, byte for byte.
    Page(&'static str),
    /// One line: the connection succeeded, and what Reachmap does not know.
    Note(String),
}

/// What `server` answers to an HTTP GET of `path`.
pub fn body(ctx: &Ctx, server: &Server, path: &str) -> Body {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let image = server.group.and_then(|g| image(ctx, g, server.port));
    let root = matches!(path, "" | "/" | "/index.html");
    if let Some(page) = image.as_deref().and_then(nginx_page) {
        if server.port == 80 && root {
            return Body::Page(page);
        }
    }
    if server.group.is_some() && !server.listens(ctx) {
        return Body::Note(format!(
            "reachmap: the connection to {} on port {} gets through, but no container there declares that port; whether anything listens on it, Reachmap does not know",
            server.name, server.port
        ));
    }
    // The image is the manifest's string: printed on a terminal too, so cleaned.
    let image = image.as_deref().map(reachmap_core::report::clean);
    let unknown = match (&image, server.group, root) {
        (Some(i), _, true) => format!("what the image \"{i}\" serves"),
        (Some(i), _, false) => format!("what the image \"{i}\" serves at {path}"),
        (None, Some(_), _) => "what this pod's image serves".into(),
        (None, None, _) => "what serves there".into(),
    };
    Body::Note(format!(
        "reachmap: the connection to {} on port {} succeeded; Reachmap does not know {unknown}",
        server.name, server.port
    ))
}

/// The image of the container of pod group `group` that serves `port` (the one declaring it,
/// else the first), as the manifest writes it.
pub fn image(ctx: &Ctx, group: usize, port: u16) -> Option<String> {
    let g = ctx.parsed.model.groups.get(group)?;
    let doc = ctx.parsed.object(&g.location)?;
    let spec = doc.value.get("spec")?;
    let pod_spec = match g.owner {
        None => spec,
        Some(WorkloadKind::CronJob) => spec
            .get("jobTemplate")?
            .get("spec")?
            .get("template")?
            .get("spec")?,
        Some(_) => spec.get("template")?.get("spec")?,
    };
    let containers = pod_spec.get("containers")?.as_sequence()?;
    let declares = |c: &&Value| {
        c.get("ports")
            .and_then(Value::as_sequence)
            .is_some_and(|ports| {
                ports.iter().any(|p| {
                    p.get("containerPort").and_then(Value::as_u64) == Some(u64::from(port))
                })
            })
    };
    let container = containers.iter().find(declares).or(containers.first())?;
    container.get("image")?.as_str().map(str::to_string)
}

/// An image reference's repository, without its registry and Docker Hub's `library/`, and its
/// tag: `docker.io/library/nginx:1.27@sha256:…` is `("nginx", Some("1.27"))`.
fn repository(image: &str) -> (String, Option<&str>) {
    let image = image.split('@').next().unwrap_or(image);
    let (name, tag) = match image.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n, Some(t)),
        _ => (image, None),
    };
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1
        && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
    {
        parts.remove(0);
    }
    if parts.len() > 1 && parts[0] == "library" {
        parts.remove(0);
    }
    (parts.join("/"), tag)
}

fn is_nginx(image: &str) -> bool {
    repository(image).0 == "nginx"
}

/// Whether the image is busybox (whose shell has `wget` and no `curl`).
pub fn is_busybox(image: &str) -> bool {
    repository(image).0 == "busybox"
}

/// The welcome page of an nginx image, by the release its tag names (untagged, `latest`,
/// `stable`, `alpine`… are the newest).
fn nginx_page(image: &str) -> Option<&'static str> {
    let (repo, tag) = repository(image);
    if repo != "nginx" {
        return None;
    }
    let digits = tag
        .and_then(|t| t.split(|c: char| !(c.is_ascii_digit() || c == '.')).next())
        .unwrap_or("");
    let numbers: Vec<u32> = digits.split('.').map_while(|n| n.parse().ok()).collect();
    if numbers.is_empty() {
        return Some(WELCOME_SINCE_1_29_6);
    }
    // A tag without a patch (or minor) release means the newest of that line.
    let at = |i: usize| numbers.get(i).copied().unwrap_or(u32::MAX);
    let version = (at(0), at(1), at(2));
    Some(if version <= (1, 21, 1) {
        WELCOME_UNTIL_1_21_1
    } else if version <= (1, 29, 5) {
        WELCOME_UNTIL_1_29_5
    } else {
        WELCOME_SINCE_1_29_6
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welcome_pages_by_release() {
        assert_eq!(WELCOME_UNTIL_1_21_1.len(), 612);
        assert_eq!(WELCOME_UNTIL_1_29_5.len(), 615);
        assert_eq!(WELCOME_SINCE_1_29_6.len(), 896);
        for page in [
            WELCOME_UNTIL_1_21_1,
            WELCOME_UNTIL_1_29_5,
            WELCOME_SINCE_1_29_6,
        ] {
            assert!(page.starts_with("<!DOCTYPE html>\n") && page.ends_with("</html>\n"));
        }
        let page = |i| nginx_page(i).map(str::len);
        assert_eq!(page("nginx"), Some(896));
        assert_eq!(page("nginx:latest"), Some(896));
        assert_eq!(page("docker.io/library/nginx:1.27.0-alpine"), Some(615));
        assert_eq!(page("library/nginx:1.21"), Some(615));
        assert_eq!(page("nginx:1.21.1"), Some(612));
        assert_eq!(page("nginx:1.19@sha256:abc"), Some(612));
        assert_eq!(page("nginx:1.29"), Some(896));
        assert_eq!(page("nginx:stable-alpine"), Some(896));
        assert_eq!(page("bitnami/nginx"), None);
        assert_eq!(page("localhost:5000/nginx"), Some(896));
        assert!(is_busybox("busybox:1.36") && is_busybox("docker.io/library/busybox"));
        assert!(!is_busybox("curlimages/curl"));
    }
}
