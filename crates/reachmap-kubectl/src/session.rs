//! What the console keeps between commands besides the text: a shell open in a pod, a running
//! `kubectl proxy`, running `kubectl port-forward`s.

use std::collections::BTreeMap;

/// What the console keeps between commands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    /// A shell inside a pod (`kubectl run … -it -- /bin/sh`, `kubectl exec -it`).
    pub shell: Option<Shell>,
    /// The local port of a running `kubectl proxy`.
    pub proxy: Option<u16>,
    /// Running `kubectl port-forward`s.
    pub forwards: Vec<Forward>,
    /// The simulated seconds since the console started: each command line takes
    /// `COMMAND_SECONDS`, so an object the console created is seconds old, not days.
    pub clock: u64,
    /// When (on `clock`) the console created the objects of a namespace and name (a workload,
    /// its pods, a Service exposing it share theirs); the manifests' own objects keep their
    /// simulated ages.
    pub created: BTreeMap<(String, String), u64>,
}

/// How many simulated seconds one command line takes.
pub const COMMAND_SECONDS: u64 = 4;

/// A shell in a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    pub namespace: String,
    /// The pod's name (a bare Pod's, or a workload pod's simulated name).
    pub pod: String,
    /// `kubectl run --rm`: the pod is deleted when the shell exits.
    pub remove_on_exit: bool,
}

/// A running `kubectl port-forward`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forward {
    pub local: u16,
    pub namespace: String,
    /// As written: `svc/nginx`, `pod/nginx`, `deployment/web`.
    pub target: String,
    pub remote: u16,
}

impl Session {
    /// How long ago the console created the objects named `name` in `namespace`, if it did.
    pub fn created_ago(&self, namespace: &str, name: &str) -> Option<u64> {
        let at = self
            .created
            .get(&(namespace.to_string(), name.to_string()))?;
        Some(self.clock.saturating_sub(*at))
    }

    /// The prompt for the next command.
    pub fn prompt(&self) -> &'static str {
        if self.shell.is_some() {
            "/ # "
        } else {
            "$ "
        }
    }
}
