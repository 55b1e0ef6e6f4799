//! A verdict in words: which policies isolate each side, and the rule that admits the flow or
//! the fact that none does.

use super::linked::Linked;
use super::network_side::{network_rules, network_words};
use crate::analysis::breakdown::{breakdown, Check, SideCheck};
use crate::analysis::policy::Direction;
use crate::analysis::{Backend, Endpoint, Explanation, Match, ServiceFlow, Side, Verdict};
use crate::model::Model;
use std::fmt::Write;

/// One flow and its verdict, as every place says it (the explanation's first line, an arrow's
/// tooltip, a matrix cell's accessible name): `default/a → default/b TCP/80: allowed`.
pub fn flow_line(from: &str, to: &str, ports: &str, verdict: Verdict) -> String {
    format!("{from} → {to} {ports}: {verdict}")
}

/// The whole explanation of one flow, a first line with the verdict and one line per side.
pub fn explanation_text(model: &Model, e: &Explanation) -> String {
    explanation_linked(model, e).text
}

/// `explanation_text` with its references to policies and rules, each with its place in the
/// manifests (the page's links).
pub fn explanation_linked(model: &Model, e: &Explanation) -> Linked {
    let from = e.from.name(model);
    let to = e.to.name(model);
    let mut out = Linked::default();
    let _ = writeln!(
        out,
        "{}",
        flow_line(&from, &to, &e.probe.to_string(), e.verdict)
    );
    let checks = breakdown(model, e);
    for (dir, who, peer, side, direction) in [
        ("egress", &from, &to, &e.egress, Direction::Egress),
        ("ingress", &to, &from, &e.ingress, Direction::Ingress),
    ] {
        side_text(&mut out, model, dir, who, peer, side, e);
        if let Some(check) = checks.iter().find(|c| c.direction == direction) {
            side_checks_text(&mut out, model, check);
        }
    }
    for a in &e.assumptions {
        let _ = writeln!(out, "  note: {a}");
    }
    for end in [e.from, e.to] {
        if let Endpoint::Group(g) = end {
            pods_text(&mut out, model, g);
        }
    }
    out
}

/// The pods a workload's endpoint stands for, when the input shows them, and for a part of
/// them, what sets it apart: the verdict is theirs.
fn pods_text(out: &mut Linked, model: &Model, g: usize) {
    let group = &model.groups[g];
    let Some(kind) = group.owner.filter(|_| !group.pods.is_empty()) else {
        return;
    };
    const SHOWN: usize = 5;
    let mut names: String = group
        .pods
        .iter()
        .take(SHOWN)
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if group.pods.len() > SHOWN {
        let _ = write!(names, " and {} more", group.pods.len() - SHOWN);
    }
    let endpoint = group.endpoint();
    match &group.part {
        None => {
            let _ = writeln!(out, "  {endpoint}: its {} pods ({names})", group.pods.len());
        }
        Some(part) => {
            let all: usize = model
                .groups
                .iter()
                .filter(|o| {
                    o.namespace == group.namespace && o.name == group.name && o.owner == group.owner
                })
                .map(|o| o.pods.len())
                .sum();
            let _ = writeln!(
                out,
                "  {endpoint}: {} of the {all} pods of {} {}/{} ({names}), part {} of {}: policies tell them apart by {}",
                group.pods.len(),
                kind.as_str(),
                group.namespace,
                group.name,
                part.index,
                part.count,
                part.differences.join(", ")
            );
        }
    }
}

fn side_text(
    out: &mut Linked,
    model: &Model,
    dir: &str,
    who: &str,
    peer: &str,
    side: &Side,
    e: &Explanation,
) {
    let walk = if dir == "egress" {
        &e.egress_tiers
    } else {
        &e.ingress_tiers
    };
    if let Some(walk) = walk {
        return super::tiers::side_text(out, model, dir, who, peer, walk, side, e);
    }
    let _ = write!(out, "  {dir} of {who}: ");
    network_words(out, model, dir, side);
    out.text.push('\n');
    network_rules(out, model, dir, peer, side, e);
}

/// Rule by rule, why the side does not admit the flow: each isolating policy's rules, each
/// entry marked ✓ (admits) or ✗, with its line.
fn side_checks_text(out: &mut Linked, model: &Model, side: &SideCheck) {
    for policy in &side.policies {
        let name = model.policies[policy.policy].key();
        if policy.rules.is_empty() {
            let list = match side.direction {
                Direction::Ingress => "ingress",
                Direction::Egress => "egress",
            };
            let _ = writeln!(out, "      {name} has no {list} rules: it admits nothing");
            continue;
        }
        for rule in &policy.rules {
            let short = rule.link.path.trim_start_matches("spec.");
            out.text.push_str("      ");
            out.link(
                &format!("{name} {short}"),
                rule.link.path.clone(),
                rule.link.location.clone(),
            );
            let _ = writeln!(out, " (line {}):", rule.link.location.line);
            let (peers, every_peer) = match side.direction {
                Direction::Ingress => ("from", "every source (no `from`)"),
                Direction::Egress => ("to", "every destination (no `to`)"),
            };
            if rule.peers.is_empty() {
                let _ = writeln!(out, "        ✓ {every_peer}");
            }
            for check in &rule.peers {
                check_line(out, peers, check.link.rule.peer, check);
            }
            if rule.ports.is_empty() {
                let _ = writeln!(out, "        ✓ every port (no `ports`)");
            }
            for check in &rule.ports {
                check_line(out, "ports", check.link.rule.port, check);
            }
        }
    }
}

fn check_line(out: &mut Linked, field: &str, index: Option<usize>, check: &Check) {
    let mark = match check.admits {
        Match::Yes => "✓",
        Match::Partly => "~",
        Match::No => "✗",
    };
    let _ = write!(out, "        {mark} ");
    out.link(
        &format!("{field}[{}]", index.unwrap_or(0)),
        check.link.path.clone(),
        check.link.location.clone(),
    );
    let _ = writeln!(out, " (line {}): {}", check.link.location.line, check.words);
}

/// A client → Service:port flow: the verdict for each backend on its resolved targetPort.
pub fn service_flow_text(model: &Model, flow: &ServiceFlow) -> String {
    service_flow_linked(model, flow).text
}

/// `service_flow_text` with its references to policies and rules (`explanation_linked`).
pub fn service_flow_linked(model: &Model, flow: &ServiceFlow) -> Linked {
    let service = &model.services[flow.service];
    let port = &service.ports[flow.port];
    let client = flow.client.name(model);
    let mut out = Linked::default();
    let _ = writeln!(
        out,
        "{client} → service {}:{} ({}/{}): {}",
        service.key(),
        port.name
            .as_deref()
            .map_or(port.port.to_string(), |n| n.to_string()),
        port.protocol,
        port.port,
        flow.verdict
    );
    if let Some(e) = &flow.external {
        let _ = writeln!(
            out,
            "  {} is an ExternalName alias for {}: the client connects to that name's address directly",
            service.key(),
            service.external_name.as_deref().unwrap_or("?")
        );
        out.push_indented(&explanation_linked(model, e), "  ", "  ");
        return out;
    }
    for note in &flow.notes {
        let _ = writeln!(out, "  {note}");
    }
    for b in &flow.backends {
        let name = match &b.backend {
            Backend::Group(g) => Endpoint::Group(*g).name(model),
            Backend::Address(ip) => ip.to_string(),
        };
        match (&b.target, &b.explanation) {
            (Some(_), Some(e)) => {
                out.push_indented(&explanation_linked(model, e), "  via backend: ", "  ");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  via backend {name}: targetPort `{}` does not exist on this pod, so nothing is delivered",
                    port.target_port
                );
            }
        }
    }
    if flow.verdict == Verdict::Allowed
        && flow.backends.iter().any(|b| {
            b.explanation
                .as_ref()
                .is_none_or(|e| e.verdict != Verdict::Allowed)
        })
    {
        let _ = writeln!(
            out,
            "  note: only some backends are reachable; connections to the others fail"
        );
    }
    out
}
