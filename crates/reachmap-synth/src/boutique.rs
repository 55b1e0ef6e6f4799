//! Google's Online Boutique (the page's example, Apache-2.0) as people write it, run in several
//! namespaces: the realistic mid-size case of the Policies view (12 Deployments and their
//! policies per namespace) without a dump's noise.

use crate::dump::{BOUTIQUE, BOUTIQUE_POLICIES};

/// The Boutique's manifests and policies once per namespace, each object's `metadata` given the
/// namespace. The policies select pods of their own namespace only, so each copy keeps its
/// own flows; its frontend admits every source, so the copies also reach each other there.
pub fn boutique(namespaces: &[&str]) -> String {
    let mut out = String::new();
    for ns in namespaces {
        for text in [BOUTIQUE, BOUTIQUE_POLICIES] {
            // Top-level `metadata:` only: a pod template's is indented.
            out.push_str(&text.replace(
                "\nmetadata:\n",
                &format!("\nmetadata:\n  namespace: {ns}\n"),
            ));
            out.push_str("\n---\n");
        }
    }
    out
}

/// The dump the Policies view is measured on: 3 namespaces running the Boutique, 2 replicas
/// per Deployment, 3 nodes (with kube-system's CoreDNS and kube-proxy), as `kubectl get -o yaml`
/// prints it.
pub fn three_namespace_dump() -> String {
    crate::dump(
        &crate::DumpSpec {
            namespaces: 3,
            replicas: 2,
            nodes: 3,
            seed: 1,
        },
        crate::DumpFormat::Yaml,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_object_is_in_its_namespace() {
        let text = super::boutique(&["shop-0", "shop-1"]);
        assert_eq!(text.matches("namespace: shop-0\n").count(), 48);
        assert_eq!(text.matches("namespace: shop-1\n").count(), 48);
        assert_eq!(text.matches("\nmetadata:\n").count(), 96);
    }
}
