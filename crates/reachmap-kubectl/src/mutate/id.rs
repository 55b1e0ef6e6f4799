//! An object as kubectl names it — `pod/nginx`, `deployment.apps/web`, `deployments.apps` in
//! server errors — also for kinds the console does not know.

use crate::kinds::Kind;
use reachmap_core::yaml::document::str_at;
use serde_yaml::Value;

/// An object as kubectl names it: its kind and API group, namespace and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Id {
    /// The API kind (`Deployment`).
    pub kind: String,
    /// The API group, empty for the core group.
    pub group: String,
    /// `None` for a cluster-scoped object.
    pub namespace: Option<String>,
    pub name: String,
}

impl Id {
    pub fn new(kind: Kind, namespace: &str, name: &str) -> Id {
        let group = kind
            .api_version()
            .rsplit_once('/')
            .map(|(g, _)| g.to_string())
            .unwrap_or_default();
        Id {
            kind: kind.api_kind().to_string(),
            group,
            namespace: kind.namespaced().then(|| namespace.to_string()),
            name: name.to_string(),
        }
    }

    /// The object a value describes, in `namespace` when it names none.
    pub fn of(value: &Value, namespace: &str) -> Option<Id> {
        let kind = str_at(value, &["kind"])?.to_string();
        let group = str_at(value, &["apiVersion"])
            .and_then(|v| v.rsplit_once('/'))
            .map(|(g, _)| g.to_string())
            .unwrap_or_default();
        let namespaced = Kind::from_api_kind(&kind).is_none_or(Kind::namespaced);
        let namespace = str_at(value, &["metadata", "namespace"]).unwrap_or(namespace);
        let name = str_at(value, &["metadata", "name"])
            .unwrap_or_default()
            .to_string();
        Some(Id {
            kind,
            group,
            namespace: namespaced.then(|| namespace.to_string()),
            name,
        })
    }

    pub fn kind(&self) -> Option<Kind> {
        Kind::from_api_kind(&self.kind)
    }

    /// `deployment.apps`, as in `deployment.apps/web created`.
    pub fn qualified(&self) -> String {
        let kind = self.kind.to_ascii_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{kind}.{}", self.group)
        }
    }

    /// `deployments.apps`, as in server errors; guessed from the kind as the API machinery
    /// does for kinds the console does not know.
    pub fn resource(&self) -> String {
        if let Some(k) = self.kind() {
            return k.resource();
        }
        let singular = self.kind.to_ascii_lowercase();
        let plural = if let Some(stem) = singular.strip_suffix('y') {
            format!("{stem}ies")
        } else if singular.ends_with('s') {
            format!("{singular}es")
        } else {
            format!("{singular}s")
        };
        if self.group.is_empty() {
            plural
        } else {
            format!("{plural}.{}", self.group)
        }
    }

    /// How the parser names the object in its diagnostics.
    pub fn display(&self) -> String {
        match &self.namespace {
            Some(ns) if self.kind != "Namespace" => format!("{} {ns}/{}", self.kind, self.name),
            _ => format!("{} {}", self.kind, self.name),
        }
    }

    /// `pod/nginx`.
    pub fn slash(&self) -> String {
        format!("{}/{}", self.qualified(), self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_kinds_the_console_does_not_know() {
        let v: Value = serde_yaml::from_str(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}",
        )
        .unwrap();
        let id = Id::of(&v, "default").unwrap();
        assert_eq!(id.slash(), "ingress.networking.k8s.io/a");
        assert_eq!(id.resource(), "ingresses.networking.k8s.io");
        let v: Value =
            serde_yaml::from_str("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}").unwrap();
        assert_eq!(Id::of(&v, "default").unwrap().resource(), "configmaps");
        let policy = Id::new(Kind::NetworkPolicy, "default", "api-allow");
        assert_eq!(policy.slash(), "networkpolicy.networking.k8s.io/api-allow");
    }
}
