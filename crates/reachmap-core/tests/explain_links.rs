//! The explanation's references to policies and rules, as the page's links: each one's words
//! in the text `explain` prints, and its place in the manifests (line and column).

use reachmap_core::analysis::{Analysis, FlowQuery};
use reachmap_core::report::{answer_linked, answer_text, Linked};
use reachmap_core::Input;
use std::fs;

fn linked(a: &Analysis, from: &str, to: &str, port: Option<&str>) -> Linked {
    let q = FlowQuery::parse(a.model(), from, to, port).unwrap();
    let answer = a.answer(&q);
    let l = answer_linked(a.model(), &answer);
    // The words are those of `reachmap explain`, unchanged.
    assert_eq!(l.text, answer_text(a.model(), &answer));
    l
}

/// Each link as (its words, path, line, column).
fn links(l: &Linked) -> Vec<(&str, &str, u32, u32)> {
    l.links
        .iter()
        .map(|k| {
            (
                l.words(k),
                k.path.as_str(),
                k.location.line,
                k.location.column,
            )
        })
        .collect()
}

#[test]
fn api_allows_denial_links_the_policy_its_rule_and_the_peer_that_does_not_match() {
    let text = fs::read_to_string("../../public/examples/reference/api-allow.yaml").unwrap();
    let a = Analysis::of(&text);
    let l = linked(
        &a,
        "default/nginx",
        "default/payment-processor",
        Some("TCP/80"),
    );
    // Where each reference should lead, found in the text by hand: the policy's document,
    // its `- from:` rule (the rule's first key), the `- podSelector:` entry under it.
    let lines: Vec<&str> = text.lines().collect();
    let line_of = |from: usize, start: &str| {
        from + lines[from..]
            .iter()
            .position(|l| l.trim_start().starts_with(start))
            .unwrap()
            + 1
    };
    let policy = line_of(0, "kind: NetworkPolicy") - 1; // its `apiVersion` line
    let rule = line_of(policy, "- from:");
    let peer = line_of(rule, "- podSelector:");
    let column = |line: usize, key: &str| lines[line - 1].find(key).unwrap() as u32 + 1;
    assert_eq!(
        links(&l),
        [
            ("default/api-allow", "", policy as u32, 1),
            (
                "default/api-allow ingress[0]",
                "spec.ingress[0]",
                rule as u32,
                column(rule, "from")
            ),
            (
                "from[0]",
                "spec.ingress[0].from[0]",
                peer as u32,
                column(peer, "podSelector")
            ),
        ]
    );
    assert_eq!((rule, column(rule, "from")), (54, 5));
    // Each link's words are where the text names them: the rule's line ends with its line.
    let rule_line = l
        .text
        .lines()
        .find(|x| x.contains("ingress[0] (line"))
        .unwrap();
    assert!(
        rule_line.ends_with(&format!("(line {rule}):")),
        "{rule_line}"
    );
    assert!(l.links.iter().all(|k| k.location.source == 0));
}

#[test]
fn an_allowed_flow_through_a_service_links_the_admitting_rule_in_its_own_file() {
    let b = "../../public/examples/online-boutique";
    let manifests = fs::read_to_string(format!("{b}/kubernetes-manifests.yaml")).unwrap();
    let policies = fs::read_to_string(format!("{b}/network-policies.yaml")).unwrap();
    let input = |name: &str, text: &str| Input {
        name: name.into(),
        text: text.into(),
    };
    let a = Analysis::of_inputs(&[
        input("kubernetes-manifests.yaml", &manifests),
        input("network-policies.yaml", &policies),
    ]);
    let l = linked(
        &a,
        "default/checkoutservice[Deployment]",
        "default/paymentservice:grpc",
        None,
    );
    // The explanation is indented under "via backend": the links moved with their words.
    let admits = l
        .links
        .iter()
        .find(|k| l.words(k) == "default/paymentservice ingress[0].from[0].ports[0]")
        .unwrap_or_else(|| panic!("{}", l.text));
    assert_eq!(admits.path, "spec.ingress[0].from[0].ports[0]");
    assert_eq!(admits.location.source, 1, "in network-policies.yaml");
    let line = policies
        .lines()
        .nth(admits.location.line as usize - 1)
        .unwrap();
    assert_eq!(
        &line[admits.location.column as usize - 1..],
        "port: 50051",
        "{line}"
    );
    let paymentservice = links(&l)
        .into_iter()
        .filter(|(words, ..)| *words == "default/paymentservice")
        .count();
    assert_eq!(paymentservice, 1, "{}", l.text);
}

#[test]
fn a_cluster_policys_deciding_rule_is_a_link_to_its_place() {
    let text = fs::read_to_string("../../public/examples/cluster-tiers/guardrail.yaml").unwrap();
    let a = Analysis::of(&text);
    let l = linked(&a, "dev/debug", "payments/vault", Some("TCP/8200"));
    let words = "protect-payments rule deny-everyone-else (ingress[1], priority 10)";
    assert!(
        l.text.contains(&format!(
            "Admin tier: {words} denies dev/debug on TCP/8200 — decided"
        )),
        "{}",
        l.text
    );
    let rule = l
        .links
        .iter()
        .find(|k| l.words(k) == words)
        .unwrap_or_else(|| panic!("{:?}", links(&l)));
    assert_eq!(rule.path, "spec.ingress[1]");
    let line = text.lines().nth(rule.location.line as usize - 1).unwrap();
    assert_eq!(
        &line[rule.location.column as usize - 1..],
        "name: deny-everyone-else"
    );
}
