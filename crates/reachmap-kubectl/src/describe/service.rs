//! Services and Endpoints.

use super::or_none;
use super::writer::PrefixWriter;
use crate::objects::service::{self, at_most_three};
use crate::objects::Obj;
use crate::selector;
use crate::Ctx;

pub(super) fn service(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let svc = service::view(ctx, obj);
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(
        0,
        format!(
            "Selector:\t{}",
            selector::labels(&svc.selector.clone().unwrap_or_default())
        ),
    );
    w.line(0, format!("Type:\t{}", svc.service_type.as_str()));
    if let Some(p) = &svc.ip_family_policy {
        w.line(0, format!("IP Family Policy:\t{p}"));
    }
    w.line(
        0,
        format!("IP Families:\t{}", or_none(svc.ip_families.join(","))),
    );
    w.line(0, format!("IP:\t{}", svc.cluster_ip));
    w.line(0, format!("IPs:\t{}", or_none(svc.cluster_ip.clone())));
    if !svc.external_ips.is_empty() {
        w.line(0, format!("External IPs:\t{}", svc.external_ips.join(",")));
    }
    if let Some(ip) = &svc.load_balancer_ip {
        w.line(0, format!("Desired LoadBalancer IP:\t{ip}"));
    }
    if let Some(name) = &svc.external_name {
        w.line(0, format!("External Name:\t{name}"));
    }
    if !svc.load_balancer_ingress.is_empty() {
        w.line(
            0,
            format!(
                "LoadBalancer Ingress:\t{}",
                svc.load_balancer_ingress.join(", ")
            ),
        );
    }
    for p in &svc.ports {
        let name = p.name.clone().unwrap_or_else(|| "<unset>".into());
        w.line(0, format!("Port:\t{name}\t{}/{}", p.port, p.protocol));
        w.line(0, format!("TargetPort:\t{}/{}", p.target, p.protocol));
        if let Some(n) = p.node_port {
            w.line(0, format!("NodePort:\t{name}\t{n}/{}", p.protocol));
        }
        let endpoints = if svc.has_endpoints {
            at_most_three(&p.endpoints)
        } else {
            "<none>".into()
        };
        w.line(0, format!("Endpoints:\t{endpoints}"));
    }
    w.line(0, format!("Session Affinity:\t{}", svc.session_affinity));
    if let Some(p) = &svc.external_traffic_policy {
        w.line(0, format!("External Traffic Policy:\t{p}"));
    }
    if let Some(p) = &svc.internal_traffic_policy {
        w.line(0, format!("Internal Traffic Policy:\t{p}"));
    }
}

pub(super) fn endpoints(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, "Subsets:");
    for s in service::subsets(ctx, obj) {
        w.line(1, format!("Addresses:\t{}", or_none(s.addresses.join(","))));
        w.line(
            1,
            format!("NotReadyAddresses:\t{}", or_none(s.not_ready.join(","))),
        );
        if !s.ports.is_empty() {
            w.line(1, "Ports:");
            ports_table(w, 2, &s.ports);
        }
        w.line(0, "");
    }
}

/// `describeEndpointSliceV1`.
pub(super) fn endpoint_slice(ctx: &Ctx, obj: &Obj, w: &mut PrefixWriter) {
    let slice = crate::objects::slices::of(ctx, obj);
    w.line(0, format!("Name:\t{}", obj.name));
    w.line(0, format!("Namespace:\t{}", obj.namespace));
    w.labels("Labels", &obj.labels);
    w.annotations("Annotations", &obj.annotations(ctx));
    w.line(0, format!("AddressType:\t{}", slice.address_type));
    if slice.ports.is_empty() {
        w.line(0, "Ports:\t<unset>");
    } else {
        w.line(0, "Ports:");
        ports_table(w, 1, &slice.ports);
    }
    if slice.endpoints.is_empty() {
        w.line(0, "Endpoints:\t<none>");
    } else {
        w.line(0, "Endpoints:");
        for e in &slice.endpoints {
            w.line(1, format!("- Addresses:\t{}", e.address));
            w.line(2, "Conditions:");
            w.line(3, format!("Ready:\t{}", e.ready));
            w.line(2, "Hostname:\t<unset>");
            match &e.pod {
                Some(p) => w.line(2, format!("TargetRef:\tPod/{p}")),
                None => w.line(2, "TargetRef:\t<unset>"),
            }
            w.line(
                2,
                format!("NodeName:\t{}", e.node.as_deref().unwrap_or("<unset>")),
            );
            w.line(2, "Zone:\t<unset>");
        }
    }
}

/// The Name/Port/Protocol table of an Endpoints subset's or an EndpointSlice's ports.
fn ports_table(
    w: &mut PrefixWriter,
    level: usize,
    ports: &[(Option<String>, u16, reachmap_core::model::Protocol)],
) {
    w.line(level, "Name\tPort\tProtocol");
    w.line(level, "----\t----\t--------");
    for (name, port, proto) in ports {
        let name = name.clone().unwrap_or_else(|| "<unset>".into());
        w.line(level, format!("{name}\t{port}\t{proto}"));
    }
}
