//! The commands that create or change objects — `create`, `apply`, `run`, `expose`, `patch`,
//! `label`, `scale`, `delete` — with kubectl's defaults, output and errors, one file each. Each
//! returns a new text: a new object is a document appended in kubectl's `-o yaml` form
//! (`build`, then the core's `yaml::emit`), a changed object has only its own document edited
//! (in place, line by line, with `yaml::edit`), every other byte kept.
//!
//! A command's changes go through one transaction (`work`): what the API server would check is
//! checked by the parser, an object it would reject is refused with the parser's reasons
//! (`refusal`), and nothing changes. `id` names objects as kubectl does; `select` finds the
//! objects a command names; `namespace` places them in the command's namespace.

mod apply;
mod build;
mod create;
mod delete;
mod expose;
mod id;
mod label;
mod namespace;
mod patch;
mod patches;
mod refusal;
mod run;
mod scale;
mod select;
mod work;

use super::args::{parse_command as flags, usage, Flag};
use super::{Ctx, Outcome};
use build::{labels_of, labels_value, map, metadata, object, parse_pairs};
use id::Id;
use namespace::{placed, Namespace};
use refusal::Refusal;
use work::Work;

/// `kubectl VERB …` for a verb that creates or changes objects.
pub(crate) fn kubectl_change(ctx: &Ctx, verb: &str, args: &[String]) -> Outcome {
    let result = match verb {
        "create" => create::kubectl_create(ctx, args),
        "apply" => apply::kubectl_apply(ctx, args),
        "run" => run::kubectl_run(ctx, args),
        "expose" => expose::kubectl_expose(ctx, args),
        "patch" => patch::kubectl_patch(ctx, args),
        "label" => label::kubectl_label(ctx, args),
        "scale" => scale::kubectl_scale(ctx, args),
        "delete" => delete::kubectl_delete(ctx, args),
        other => Err(format!(
            "error: unknown command \"{other}\" for \"kubectl\""
        )),
    };
    result.unwrap_or_else(|e| ctx.fail(e))
}

/// The flags the changing commands share: `--dry-run` and `-o`, which every one takes, and
/// `-f`, `-l`, `--all` for those that name objects.
const DRY_RUN: Flag = Flag::boolean("dry-run");
const OUTPUT: Flag = Flag::value("output").short('o');
const FILENAME: Flag = Flag::value("filename").short('f');
const SELECTOR: Flag = Flag::value("selector").short('l');
const ALL: Flag = Flag::boolean("all");

/// The resource builder's error when a command names nothing.
const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'";

/// The resource builder's error for a kind without a name (and no `-l` or `--all`).
const NO_NAME: &str = "error: resource(s) were provided, but no name was specified";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{files::bundled, Console};
    use reachmap_core::analysis::{analyze_services, Access};
    use reachmap_core::parse::parse;

    /// Runs commands from empty manifests; the last outcome and the text.
    fn session(lines: &[&str]) -> (Outcome, String) {
        let mut console = Console::new("", bundled());
        let last = lines.iter().map(|line| console.run(line)).last();
        (last.expect("a command"), console.text().to_string())
    }

    #[test]
    fn the_reference_nodeport_is_allocated_not_written() {
        let (o, text) = session(&[
            "kubectl run nginx --image=nginx --restart=Never --port=80 --expose",
            r#"kubectl patch service nginx -p '{ "spec": {"type": "NodePort"} }'"#,
        ]);
        assert!(o.ok && o.output == "service/nginx patched", "{o:?}");
        assert!(!text.contains("nodePort"), "{text}");
        let model = parse(&text).model;
        let reports = analyze_services(&model);
        assert!(
            reports[0].ports[0].access.iter().any(|a| matches!(
                a,
                Access::NodePort { node_port, allocated: true } if (30000..=32767).contains(node_port)
            )),
            "{reports:?}"
        );
        assert!(o.yaml.is_some_and(|y| y.contains("type: NodePort")));
    }

    #[test]
    fn run_it_enters_the_pod_and_shows_the_yaml_written() {
        let (o, text) =
            session(&["kubectl run busybox --image=busybox --restart=Never --rm -it -- /bin/sh"]);
        assert_eq!(
            o.session.shell,
            Some(crate::Shell {
                namespace: "default".into(),
                pod: "busybox".into(),
                remove_on_exit: true
            })
        );
        assert_eq!(o.yaml.as_deref(), Some(text.as_str()));
        let (o, _) = session(&["kubectl run web --image=nginx --port=80 --expose"]);
        assert_eq!(o.yaml.unwrap().matches("---\n").count(), 1);
    }

    /// Whether a command line must fail or succeed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Must {
        Fail,
        Succeed,
    }

    /// Odd command lines: each fails as kubectl would, and then leaves the text exactly as it
    /// was, or succeeds as kubectl would; none panics.
    #[test]
    fn failures_change_nothing_and_nothing_panics() {
        use Must::{Fail, Succeed};
        let cases = [
            ("kubectl create", Fail),
            ("kubectl create service nodeport", Fail),
            ("kubectl run", Fail),
            ("kubectl run -- x", Fail),
            ("kubectl run x --image", Fail),
            ("kubectl expose", Fail),
            ("kubectl expose pod/", Fail),
            ("kubectl patch", Fail),
            ("kubectl patch svc x -p", Fail),
            ("kubectl patch svc x -p '{'", Fail),
            ("kubectl patch svc x --type json -p '[{}]'", Fail),
            ("kubectl label", Fail),
            ("kubectl label -- -", Fail),
            ("kubectl label pod a =b", Fail),
            ("kubectl delete -l '!'", Fail),
            ("kubectl delete pods -l 'a in (b'", Fail),
            ("kubectl scale --replicas=-1 deploy x", Fail),
            ("kubectl apply -f ,", Fail),
            ("kubectl create -f ''", Fail),
            ("kubectl delete po/ po", Fail),
            ("kubectl delete po/x/y", Fail),
            ("kubectl delete pods -l ' '", Fail),
            ("kubectl run é --image=é", Fail),
            (
                "kubectl create deployment x --image=nginx --port=99999999999",
                Fail,
            ),
            ("kubectl create service clusterip x --tcp=:", Fail),
            // An empty --port: the pod's own port, as kubectl's introspection finds it.
            ("kubectl expose pod x --port=", Succeed),
            // kubectl's `all` category, with a selector.
            ("kubectl delete all -l a=b", Succeed),
            ("kubectl label po,po x c=d", Succeed),
        ];
        let setup = "kubectl run x --image=nginx -l a=b --port=80";
        let (_, before) = session(&[setup]);
        for (line, must) in cases {
            let (o, text) = session(&[setup, line]);
            match must {
                Must::Fail => {
                    assert!(!o.ok, "{line}: succeeded: {o:?}");
                    assert_eq!(o.text, None, "{line}: a failure changed the text");
                    assert_eq!(text, before, "{line}");
                }
                Must::Succeed => {
                    assert!(o.ok, "{line}: failed: {o:?}");
                    assert_ne!(text, before, "{line}: changed nothing");
                }
            }
        }
    }
}
