//! What the console keeps between commands besides the text: a shell open in a pod, a running
//! `kubectl proxy`, running `kubectl port-forward`s.

/// What the console keeps between commands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    /// A shell inside a pod (`kubectl run … -it -- /bin/sh`, `kubectl exec -it`).
    pub shell: Option<Shell>,
    /// The local port of a running `kubectl proxy`.
    pub proxy: Option<u16>,
    /// Running `kubectl port-forward`s.
    pub forwards: Vec<Forward>,
}

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
    /// The prompt for the next command.
    pub fn prompt(&self) -> &'static str {
        if self.shell.is_some() {
            "/ # "
        } else {
            "$ "
        }
    }
}
