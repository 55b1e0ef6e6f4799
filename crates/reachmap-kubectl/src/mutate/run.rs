//! `kubectl run NAME --image=IMAGE …`: a Pod as kubectl makes it, with `--expose` a ClusterIP
//! Service in front of it, and with `-i`/`-it` a shell in it.

use super::{
    flags, labels_value, map, metadata, object, parse_pairs, Id, Namespace, Work, DRY_RUN, OUTPUT,
};
use crate::args::Flag;
use crate::kinds::Kind;
use crate::{Ctx, Outcome, Shell};
use reachmap_core::model::Labels;
use reachmap_core::yaml::emit;
use serde_yaml::{Mapping, Value};

const FLAGS: &[Flag] = &[
    Flag::value("image"),
    Flag::value("restart"),
    Flag::value("port"),
    Flag::value("labels").short('l'),
    Flag::value("env"),
    Flag::value("annotations"),
    Flag::value("image-pull-policy"),
    Flag::boolean("expose"),
    Flag::boolean("stdin").short('i'),
    Flag::boolean("tty").short('t'),
    Flag::boolean("attach"),
    Flag::boolean("leave-stdin-open"),
    Flag::boolean("rm"),
    Flag::boolean("command"),
    Flag::boolean("privileged"),
    Flag::boolean("quiet").short('q'),
    Flag::boolean("save-config"),
    DRY_RUN,
    OUTPUT,
];

/// What kubectl prints when it attaches to a pod's terminal (kubectl 1.31).
const ATTACHED: &str = "If you don't see a command prompt, try pressing enter.";

pub fn kubectl_run(ctx: &Ctx, words: &[String]) -> Result<Outcome, String> {
    let args = flags(words, FLAGS, "kubectl run")?;
    let Some(image) = args.get("image") else {
        return Err("error: required flag(s) \"image\" not set".into());
    };
    let labels = match args.get("labels") {
        Some(spec) if !spec.is_empty() => parse_pairs(spec)?,
        _ => Labels::new(),
    };
    let annotations = pairs(args.all("annotations"), "annotations")?;
    let mut env = Vec::new();
    for e in args.all("env") {
        match e.split_once('=') {
            Some((name, value)) if env_name(name) => {
                env.push(map([("name", name.into()), ("value", value.into())]))
            }
            _ => return Err(format!("error: invalid env: {e}")),
        }
    }
    let restart = args.get("restart").unwrap_or("Always");
    if !matches!(restart, "Always" | "OnFailure" | "Never") {
        return Err(format!(
            "error: invalid restart policy: {restart}, valid values are: Always, OnFailure, Never"
        ));
    }
    let pull = args.get("image-pull-policy").unwrap_or("");
    if !matches!(pull, "" | "Always" | "IfNotPresent" | "Never") {
        return Err(format!("error: invalid image pull policy: {pull}"));
    }
    let (stdin, tty) = (args.on("stdin"), args.on("tty"));
    let attach = match args.get("attach") {
        Some(v) => v == "true",
        None => stdin,
    };
    let Some(name) = args.positional.first() else {
        return Err("error: NAME is required for run".into());
    };
    if !image_reference(image) {
        return Err(format!(
            "error: invalid image name \"{image}\": invalid reference format"
        ));
    }
    if tty && !stdin {
        return Err("error: -i/--stdin is required for containers with -t/--tty=true".into());
    }
    let port = args.get("port").unwrap_or("");
    if args.on("expose") && port.is_empty() {
        return Err("error: --port must be set when exposing a service".into());
    }
    let port: Option<i64> = match port {
        "" => None,
        p => Some(
            p.parse::<i64>()
                .map_err(|_| "error: --port must be a number".to_string())?,
        ),
    };
    if !attach && args.on("rm") {
        return Err("error: --rm should only be used for attached containers".into());
    }
    if attach
        && args
            .get("dry-run")
            .is_some_and(|v| v != "none" && v != "false")
    {
        return Err("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)".into());
    }

    let ns = Namespace::of(&args);
    let selector = if labels.is_empty() {
        [("run".to_string(), name.clone())].into()
    } else {
        labels.clone()
    };
    // Words after the NAME (after `--` or not) are the container's args, or its command.
    let words: Vec<Value> = args.positional[1..]
        .iter()
        .chain(&args.command)
        .map(|w| w.as_str().into())
        .collect();
    let mut container = Mapping::new();
    if !words.is_empty() {
        let field = if args.on("command") {
            "command"
        } else {
            "args"
        };
        container.insert(field.into(), Value::Sequence(words));
    }
    if !env.is_empty() {
        container.insert("env".into(), Value::Sequence(env));
    }
    container.insert("image".into(), image.into());
    if !pull.is_empty() {
        container.insert("imagePullPolicy".into(), pull.into());
    }
    container.insert("name".into(), name.as_str().into());
    if let Some(p) = port {
        container.insert(
            "ports".into(),
            Value::Sequence(vec![map([("containerPort", p.into())])]),
        );
    }
    if args.on("privileged") {
        container.insert("securityContext".into(), map([("privileged", true.into())]));
    }
    if stdin {
        container.insert("stdin".into(), true.into());
        if !args.on("leave-stdin-open") {
            container.insert("stdinOnce".into(), true.into());
        }
    }
    if tty {
        container.insert("tty".into(), true.into());
    }
    let mut pod_metadata = metadata(name, &selector, &ns);
    if !annotations.is_empty() {
        pod_metadata.insert("annotations".into(), labels_value(&annotations));
    }
    let pod = object(
        Kind::Pod,
        pod_metadata,
        Some(map([
            (
                "containers",
                Value::Sequence(vec![Value::Mapping(container)]),
            ),
            ("dnsPolicy", "ClusterFirst".into()),
            ("restartPolicy", restart.into()),
        ])),
    );

    let mut work = Work::new(ctx, &args)?;
    let pod_id = Id::new(Kind::Pod, ns.name, name);
    if let Err(r) = work.create(&pod_id, &emit::document(&pod)) {
        return Err(r.message(&pod_id, "creating", None));
    }
    // kubectl 1.18, the reference's, printed the Service before the Pod (it creates the Pod
    // first); kubectl 1.20 and later print the Pod first.
    let mut service_id = None;
    if let (true, Some(p)) = (args.on("expose"), port) {
        let id = Id::new(Kind::Service, ns.name, name);
        let service = object(
            Kind::Service,
            metadata(name, &labels, &ns),
            Some(map([
                (
                    "ports",
                    Value::Sequence(vec![map([
                        ("port", p.into()),
                        ("protocol", "TCP".into()),
                        ("targetPort", p.into()),
                    ])]),
                ),
                ("selector", labels_value(&selector)),
            ])),
        );
        match work.create(&id, &emit::document(&service)) {
            Ok(()) => service_id = Some(id),
            Err(r) => work.refuse(r, &id, "creating", None),
        }
    }
    if attach {
        // kubectl attaches instead of printing what it created.
        if stdin && !args.on("quiet") {
            work.out.push(ATTACHED.to_string());
        }
        let mut outcome = work.finish();
        if stdin {
            outcome.session.shell = Some(Shell {
                namespace: ns.name.to_string(),
                pod: name.clone(),
                remove_on_exit: args.on("rm"),
            });
        }
        return Ok(outcome);
    }
    if let Some(id) = &service_id {
        work.done(id, "created");
    }
    work.done(&pod_id, "created");
    Ok(work.finish())
}

/// `--annotations k=v` (several).
fn pairs(values: &[String], what: &str) -> Result<Labels, String> {
    let mut out = Labels::new();
    for v in values {
        match v.split_once('=') {
            Some((k, val)) if !k.is_empty() => {
                out.insert(k.to_string(), val.to_string());
            }
            _ => return Err(format!("error: invalid {what}: {v}")),
        }
    }
    Ok(out)
}

/// An environment variable's name as the API takes it: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
fn env_name(name: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
    !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) && name.chars().all(ok)
}

/// Whether `image` is a valid image reference (the `distribution/reference` grammar:
/// `[host[:port]/]path[:tag][@digest]`, path components in lowercase).
fn image_reference(image: &str) -> bool {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else {
            return false;
        };
        if algo.is_empty()
            || !algo.starts_with(|c: char| c.is_ascii_alphabetic())
            || hex.len() < 32
            || !hex.chars().all(|c| c.is_ascii_hexdigit())
        {
            return false;
        }
    }
    let (name, tag) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains('/') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if let Some(tag) = tag {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if tag.is_empty()
            || tag.len() > 128
            || !tag.starts_with(word)
            || !tag.chars().all(|c| word(c) || c == '.' || c == '-')
        {
            return false;
        }
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1
        && (parts[0].contains(['.', ':'])
            || parts[0] == "localhost"
            || parts[0].contains(char::is_uppercase))
    {
        let host = parts.remove(0);
        let (h, port) = host.split_once(':').unwrap_or((host, "0"));
        if h.is_empty()
            || !h
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            || !port.chars().all(|c| c.is_ascii_digit())
            || port.is_empty()
        {
            return false;
        }
    }
    !parts.is_empty() && parts.iter().all(|p| path_component(p))
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
fn path_component(p: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !p.starts_with(alnum) || !p.ends_with(alnum) {
        return false;
    }
    let mut separator = String::new();
    for c in p.chars() {
        if alnum(c) {
            if !matches!(separator.as_str(), "" | "." | "_" | "__")
                && !separator.chars().all(|s| s == '-')
            {
                return false;
            }
            separator.clear();
        } else if matches!(c, '.' | '_' | '-') {
            separator.push(c);
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        for ok in [
            "nginx",
            "nginx:1.25",
            "busybox:latest",
            "registry.k8s.io/e2e-test-images/agnhost:2.39",
            "localhost:5000/my_app__x/web-app:v1.0",
            "gcr.io/google-samples/microservices-demo/frontend@sha256:0123456789abcdef0123456789abcdef",
        ] {
            assert!(image_reference(ok), "{ok}");
        }
        for bad in [
            "Nginx",
            "nginx:",
            "",
            "a b",
            "nginx::1",
            "-nginx",
            "a..b",
            "nginx@sha256:xyz",
        ] {
            assert!(!image_reference(bad), "{bad}");
        }
    }

    #[test]
    fn env_names() {
        assert!(env_name("POD_NAMESPACE"));
        assert!(env_name("a.b-c"));
        assert!(!env_name("1A"));
        assert!(!env_name("A B"));
    }
}
