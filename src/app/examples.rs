//! The examples the page offers: the reference document's examples, embedded in the wasm (a
//! few kilobytes: the first visit shows one at once), and Google's Online Boutique, fetched from
//! the page's own `examples/` folder when it is chosen (34 KB of YAML, 6 KB of the gzipped
//! wasm otherwise).

use reachmap_kubectl::files as reference;

/// One example of the picker.
pub struct Example {
    /// The `<option>` value, stable across releases.
    pub id: &'static str,
    /// What the picker shows.
    pub label: &'static str,
    /// The text, when embedded; empty for an example read from `files`.
    pub text: &'static str,
    /// The page's own files that make up the example, joined in this order.
    pub files: &'static [&'static str],
}

/// The example a first visit loads: three pods and a policy that admits one of them, so the
/// first picture already shows allowed and denied flows.
pub const DEFAULT: &str = "api-allow";

/// The id of the Online Boutique example, whose licence the page shows when it is loaded.
pub const BOUTIQUE: &str = "online-boutique";

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "nginx-service",
        label: "nginx Service and pod",
        text: reference::NGINX_SERVICE,
        files: &[],
    },
    Example {
        id: "run-expose",
        label: "kubectl run --expose",
        text: reference::RUN_EXPOSE,
        files: &[],
    },
    Example {
        id: "deployment-service",
        label: "Deployment behind a Service",
        text: reference::DEPLOYMENT_SERVICE,
        files: &[],
    },
    Example {
        id: "api-allow",
        label: "api-allow",
        text: reference::API_ALLOW,
        files: &[],
    },
    Example {
        id: "default-deny-all",
        label: "default-deny-all",
        text: reference::DEFAULT_DENY_ALL,
        files: &[],
    },
    Example {
        id: "port-allow",
        label: "port-allow",
        text: reference::PORT_ALLOW,
        files: &[],
    },
    Example {
        id: "cluster-tiers",
        label: "Cluster guardrail: Admin and Baseline tiers",
        text: "",
        files: &["examples/cluster-tiers/guardrail.yaml"],
    },
    Example {
        id: BOUTIQUE,
        label: "Online Boutique (Google, Apache-2.0)",
        text: "",
        files: &[
            "examples/online-boutique/kubernetes-manifests.yaml",
            "examples/online-boutique/network-policies.yaml",
        ],
    },
];

/// The Online Boutique's NOTICE, shown next to the picker while that example is loaded.
pub const BOUTIQUE_NOTICE: &str = include_str!("../../public/examples/online-boutique/NOTICE");

/// The example with this id.
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The embedded example whose text is exactly `text`, if any: the picker shows it as chosen.
pub fn matching(text: &str) -> Option<&'static Example> {
    EXAMPLES
        .iter()
        .find(|e| !e.text.is_empty() && e.text == text)
}
