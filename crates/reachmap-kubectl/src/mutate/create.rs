//! `kubectl create service|deployment|namespace` and `kubectl create -f` (whose loop over the
//! files' objects `kubectl apply -f` shares).

use super::refusal::invalid_inline;
use super::{
    flags, labels_value, map, metadata, object, placed, usage, Id, Namespace, Refusal, Work,
    DRY_RUN, FILENAME, OUTPUT,
};
use crate::args::{not_an_integer, Args, Flag};
use crate::kinds::Kind;
use crate::resources::{file_objects, files};
use crate::{Ctx, Outcome};
use reachmap_core::model::Labels;
use reachmap_core::parse::validate;
use reachmap_core::yaml::emit;
use serde_yaml::{Mapping, Value};

pub(super) const VALIDATE: Flag = Flag::boolean("validate");
const SAVE_CONFIG: Flag = Flag::boolean("save-config");

/// `kubectl create …`: a subcommand, or `-f FILE`.
pub fn kubectl_create(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let (sub, at) = match subcommand(words) {
        Some((w, i)) => (w, i),
        None => ("", words.len()),
    };
    let rest = || {
        let mut v = words[..at].to_vec();
        v.extend_from_slice(&words[at + 1..]);
        v
    };
    match sub {
        "service" | "svc" => service(ctx, &rest()),
        "deployment" | "deploy" => deployment(ctx, &rest()),
        "namespace" | "ns" => namespace(ctx, &rest()),
        _ => from_files(ctx, words),
    }
}

/// The first word that is not a flag or a flag's value: a subcommand, and where it is.
fn subcommand(words: &[String]) -> Option<(&str, usize)> {
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        if w == "--" {
            return None;
        }
        if matches!(
            w,
            "-n" | "--namespace" | "-f" | "--filename" | "-o" | "--output"
        ) {
            i += 2;
            continue;
        }
        if !w.starts_with('-') {
            return Some((w, i));
        }
        i += 1;
    }
    None
}

fn from_files(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let known = [FILENAME, DRY_RUN, OUTPUT, VALIDATE, SAVE_CONFIG];
    each_object(ctx, words, &known, "create", |work, id, _, text| {
        work.create(id, text).map(|()| "created")
    })
}

/// `kubectl create -f` and `apply -f`: `write` each object of the files (its id, value and
/// text, placed in the command's namespace) and print what it did.
pub(super) fn each_object(
    ctx: &Ctx,
    words: &[String],
    known: &[Flag],
    verb: &str,
    mut write: impl FnMut(&mut Work, &Id, Value, &str) -> Result<&'static str, Refusal>,
) -> Result<Outcome, String> {
    let path = format!("kubectl {verb}");
    let args = flags(words, known, &path)?;
    if args.on("server-side") {
        return Err("error: --server-side is not simulated here; `kubectl apply -f` without it gives the same objects".into());
    }
    if !args.positional.is_empty() {
        return Err(usage(
            &format!("Unexpected args: [{}]", args.positional.join(" ")),
            &path,
        ));
    }
    if args.all("filename").is_empty() {
        return Err("error: must specify one of -f and -k".into());
    }
    let ns = Namespace::of(&args);
    let mut work = Work::new(ctx, &args)?;
    let doing = if verb == "create" {
        "creating"
    } else {
        "applying"
    };
    let mut count = 0;
    for input in files(ctx, &args)? {
        for object in file_objects(input)? {
            count += 1;
            match placed(&object, &ns) {
                Ok((id, value, text)) => match write(&mut work, &id, value, &text) {
                    Ok(did) => work.done(&id, did),
                    Err(r) => work.refuse(r, &id, doing, Some(&input.name)),
                },
                Err(e) => work.fail(e),
            }
        }
    }
    if count == 0 {
        return Err(format!("error: no objects passed to {verb}"));
    }
    Ok(work.finish())
}

/// `kubectl create service` alone prints its subcommands and fails.
const SERVICE_HELP: &str = "Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use \"kubectl create service <command> --help\" for more information about a given command.";

/// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME …`.
fn service(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let Some((sub, at)) = subcommand(words) else {
        return Ok(ctx.fail(SERVICE_HELP));
    };
    let (service_type, own): (&str, &[Flag]) = match sub {
        "clusterip" => ("ClusterIP", &[Flag::value("tcp"), Flag::value("clusterip")]),
        "nodeport" => ("NodePort", &[Flag::value("tcp"), Flag::value("node-port")]),
        "loadbalancer" => ("LoadBalancer", &[Flag::value("tcp")]),
        "externalname" => (
            "ExternalName",
            &[Flag::value("tcp"), Flag::value("external-name")],
        ),
        other => {
            return Err(format!(
                "error: unknown command \"{other}\" for \"kubectl create service\""
            ))
        }
    };
    let path = format!("kubectl create service {sub}");
    let mut known = vec![DRY_RUN, OUTPUT, VALIDATE, SAVE_CONFIG];
    known.extend_from_slice(own);
    let mut rest = words[..at].to_vec();
    rest.extend_from_slice(&words[at + 1..]);
    let args = flags(&rest, &known, &path)?;
    if service_type == "ExternalName" && args.get("external-name").is_none() {
        return Err("error: required flag(s) \"external-name\" not set".into());
    }
    let name = one_name(&args, &path)?;
    let node_port: i64 = match args.get("node-port") {
        None => 0,
        Some(v) => v
            .parse()
            .map_err(|_| not_an_integer("--node-port", v, &path))?,
    };
    let cluster_ip = args.get("clusterip").unwrap_or("");
    let tcp: Vec<&str> = args.all("tcp").iter().flat_map(|v| v.split(',')).collect();
    if cluster_ip == "None" && service_type != "ClusterIP" {
        return Err("error: ClusterIP=None can only be used with ClusterIP service type".into());
    }
    if cluster_ip != "None" && tcp.is_empty() && service_type != "ExternalName" {
        return Err("error: at least one tcp port specifier must be provided".into());
    }
    let external = args.get("external-name").unwrap_or("");
    if service_type == "ExternalName" && validate::dns1123_subdomain(external).is_err() {
        return Err(format!("error: invalid service external name {external}"));
    }
    let mut ports = Vec::new();
    for spec in tcp {
        let (port, target) = tcp_ports(spec)?;
        let mut p = map([
            ("name", spec.replace(':', "-").into()),
            ("port", port.into()),
            ("protocol", "TCP".into()),
            ("targetPort", target),
        ]);
        if node_port != 0 {
            if let Value::Mapping(m) = &mut p {
                m.insert("nodePort".into(), node_port.into());
            }
        }
        ports.push(p);
    }
    let app: Labels = [("app".to_string(), name.to_string())].into();
    let ns = Namespace::of(&args);
    let mut spec = Mapping::new();
    if !ports.is_empty() {
        spec.insert("ports".into(), Value::Sequence(ports));
    }
    spec.insert("selector".into(), labels_value(&app));
    spec.insert("type".into(), service_type.into());
    if !cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), cluster_ip.into());
    }
    if !external.is_empty() {
        spec.insert("externalName".into(), external.into());
    }
    let value = object(
        Kind::Service,
        metadata(name, &app, &ns),
        Some(Value::Mapping(spec)),
    );
    let id = Id::new(Kind::Service, ns.name, name);
    let what = format!("failed to create {service_type} service");
    created(ctx, &args, &id, &value, &what)
}

/// `PORT[:TARGET]` of `--tcp`, as kubectl reads it.
fn tcp_ports(spec: &str) -> Result<(u16, Value), String> {
    let mut parts = spec.split(':');
    let port = parts.next().unwrap_or_default();
    let port: u16 = port.parse().map_err(|_| {
        let why = if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
            "value out of range"
        } else {
            "invalid syntax"
        };
        format!("error: strconv.ParseUint: parsing \"{port}\": {why}")
    })?;
    let Some(target) = parts.next() else {
        return Ok((port, port.into()));
    };
    let target = match target.parse::<i64>() {
        Ok(n) if (1..=65535).contains(&n) => n.into(),
        Ok(_) => return Err("error: must be between 1 and 65535, inclusive".into()),
        Err(_) => {
            validate::iana_svc_name(target).map_err(|why| format!("error: {why}"))?;
            target.into()
        }
    };
    Ok((port, target))
}

/// The one NAME a `create` subcommand takes.
fn one_name<'a>(args: &'a Args, path: &str) -> Result<&'a str, String> {
    match args.positional.as_slice() {
        [name] => Ok(name),
        other => Err(usage(
            &format!("exactly one NAME is required, got {}", other.len()),
            path,
        )),
    }
}

/// Writes a new object made by a `create` subcommand; `what` prefixes the server's error as
/// the subcommand does (`failed to create deployment`), when it does.
fn created(ctx: &Ctx, args: &Args, id: &Id, value: &Value, what: &str) -> Result<Outcome, String> {
    let mut work = Work::new(ctx, args)?;
    let error = |r: Refusal| -> String {
        let inner = match &r {
            Refusal::Invalid(causes) => invalid_inline(id, causes),
            Refusal::Exists => format!("{} \"{}\" already exists", id.resource(), id.name),
            other => return other.message(id, "creating", None),
        };
        if what.is_empty() {
            r.message(id, "creating", None)
        } else {
            format!("error: {what}: {inner}")
        }
    };
    match work.create(id, &emit::document(value)) {
        Ok(()) => {
            work.done(id, "created");
            Ok(work.finish())
        }
        Err(r) => Err(error(r)),
    }
}

/// `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=N] [-- COMMAND…]`.
fn deployment(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let path = "kubectl create deployment";
    let args = flags(
        words,
        &[
            Flag::value("image"),
            Flag::value("replicas").short('r'),
            Flag::value("port"),
            DRY_RUN,
            OUTPUT,
            VALIDATE,
            SAVE_CONFIG,
        ],
        path,
    )?;
    let images: Vec<&str> = args
        .all("image")
        .iter()
        .flat_map(|v| v.split(','))
        .filter(|v| !v.is_empty())
        .collect();
    if images.is_empty() {
        return Err("error: required flag(s) \"image\" not set".into());
    }
    let name = one_name(&args, path)?;
    if images.len() > 1 && !args.command.is_empty() {
        return Err("error: cannot specify multiple --image options and command".into());
    }
    let int = |flag: &str, shown: &str, default: i64| -> Result<i64, String> {
        match args.get(flag) {
            None => Ok(default),
            Some(v) => v
                .parse::<i32>()
                .map(i64::from)
                .map_err(|_| not_an_integer(shown, v, path)),
        }
    };
    let replicas = int("replicas", "-r, --replicas", 1)?;
    let port = int("port", "--port", -1)?;
    let app: Labels = [("app".to_string(), name.to_string())].into();
    let containers: Vec<Value> = images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let mut c = Mapping::new();
            c.insert("image".into(), (*image).into());
            c.insert("name".into(), container_name(image).into());
            if !args.command.is_empty() {
                let command = args.command.iter().map(|w| w.as_str().into()).collect();
                c.insert("command".into(), Value::Sequence(command));
            }
            if i == 0 && port >= 0 {
                c.insert(
                    "ports".into(),
                    Value::Sequence(vec![map([("containerPort", port.into())])]),
                );
            }
            Value::Mapping(c)
        })
        .collect();
    let ns = Namespace::of(&args);
    let value = object(
        Kind::Deployment,
        metadata(name, &app, &ns),
        Some(map([
            ("replicas", replicas.into()),
            ("selector", map([("matchLabels", labels_value(&app))])),
            (
                "template",
                map([
                    ("metadata", map([("labels", labels_value(&app))])),
                    ("spec", map([("containers", Value::Sequence(containers))])),
                ]),
            ),
        ])),
    );
    let id = Id::new(Kind::Deployment, ns.name, name);
    created(ctx, &args, &id, &value, "failed to create deployment")
}

/// A container's name from its image, as `kubectl create deployment` makes it: the last
/// path component without tag or digest, `_` and `.` made `-`. (kubectl then adds a random
/// five-letter suffix to a name it had to change; here the name stays as made, to be stable.)
fn container_name(image: &str) -> String {
    let base = image.rsplit('/').next().unwrap_or(image);
    let base = base.split(':').next().unwrap_or(base);
    let base = base.split('@').next().unwrap_or(base);
    base.replace(['_', '.'], "-")
}

/// `kubectl create namespace NAME`.
fn namespace(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let path = "kubectl create namespace";
    let args = flags(words, &[DRY_RUN, OUTPUT, VALIDATE, SAVE_CONFIG], path)?;
    let name = one_name(&args, path)?;
    let none = Namespace {
        name: "",
        given: false,
    };
    let value = object(Kind::Namespace, metadata(name, &Labels::new(), &none), None);
    let id = Id::new(Kind::Namespace, "", name);
    created(ctx, &args, &id, &value, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_from_images() {
        assert_eq!(container_name("nginx"), "nginx");
        assert_eq!(container_name("nginx:1.25"), "nginx");
        assert_eq!(
            container_name("registry.k8s.io/e2e/agnhost@sha256:abc"),
            "agnhost"
        );
        assert_eq!(container_name("localhost:5000/my_app.v2:1"), "my-app-v2");
    }

    #[test]
    fn tcp_specs() {
        assert_eq!(tcp_ports("80:8080").unwrap(), (80, 8080.into()));
        assert_eq!(tcp_ports("443").unwrap(), (443, 443.into()));
        assert_eq!(tcp_ports("80:http").unwrap(), (80, "http".into()));
        assert_eq!(
            tcp_ports("x:80").unwrap_err(),
            "error: strconv.ParseUint: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            tcp_ports("70000").unwrap_err(),
            "error: strconv.ParseUint: parsing \"70000\": value out of range"
        );
        assert!(tcp_ports("80:0").is_err());
    }
}
