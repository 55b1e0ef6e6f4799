//! `check`'s redundant-rule finding: a NetworkPolicy rule whose removal changes no verdict
//! (found with `analysis::diff` on the model without the rule), never claimed where the model
//! cannot tell (ipBlock peers, a policy's only egress rule), and not looked for above a size.

mod common;

use common::*;
use reachmap_core::analysis::redundancy::redundant_rules;
use reachmap_core::analysis::{check_diagnostics, diff, Analysis, DiffPorts};
use reachmap_core::Code;

fn pods() -> String {
    [
        pod("default", "api", &[("app", "api")], &[("", 80)]),
        pod("default", "shop", &[("app", "shop")], &[("", 80)]),
        pod("default", "web", &[("app", "web")], &[("", 80)]),
    ]
    .concat()
}

fn policy(name: &str, spec_rules: &str) -> String {
    format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n{spec_rules}---\n")
}

/// The redundant-rule findings, as `path of policy`.
fn redundant(text: &str) -> Vec<String> {
    let a = analyse_clean(text);
    check_diagnostics(&a)
        .iter()
        .filter(|d| d.code == Code::RedundantRule)
        .map(|d| format!("{} of {}", d.path, d.object))
        .collect()
}

const FROM_SHOP: &str =
    "  - from:\n    - podSelector:\n        matchLabels:\n          app: shop\n";

#[test]
fn a_rule_inside_another_is_redundant_and_the_wider_one_is_not() {
    let rules = format!("  ingress:\n{FROM_SHOP}{FROM_SHOP}    ports:\n    - port: 80\n");
    let text = pods() + &policy("api", &rules);
    assert_eq!(
        redundant(&text),
        vec!["spec.ingress[1] of NetworkPolicy default/api"]
    );
    // The claim, checked the other way: without the rule, no verdict changes.
    let without = pods() + &policy("api", &format!("  ingress:\n{FROM_SHOP}"));
    let d = diff(
        &Analysis::of(&text),
        &Analysis::of(&without),
        &DiffPorts::Any,
    );
    assert!(d.is_empty(), "{:#?}", d.rows);
    let a = analyse_clean(&text);
    let finding = check_diagnostics(&a)
        .into_iter()
        .find(|d| d.code == Code::RedundantRule)
        .unwrap();
    assert_eq!(
        finding.message,
        "ingress[1] of default/api admits nothing that other rules don't already admit: removing it changes no verdict"
    );
}

#[test]
fn rules_that_each_admit_their_own_peer_are_not_redundant() {
    let from_web = FROM_SHOP.replace("shop", "web");
    let text = pods() + &policy("api", &format!("  ingress:\n{FROM_SHOP}{from_web}"));
    assert_eq!(redundant(&text), Vec::<String>::new());
}

#[test]
fn the_same_rule_in_two_policies_is_redundant_in_each() {
    let text = pods()
        + &policy("a", &format!("  ingress:\n{FROM_SHOP}"))
        + &policy("b", &format!("  ingress:\n{FROM_SHOP}"));
    assert_eq!(
        redundant(&text),
        vec![
            "spec.ingress[0] of NetworkPolicy default/a",
            "spec.ingress[0] of NetworkPolicy default/b"
        ]
    );
}

#[test]
fn what_the_model_cannot_tell_is_not_claimed() {
    // Two ipBlocks, the second inside the first: not checked (outside addresses are one endpoint).
    let blocks = "  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n  - from:\n    - ipBlock:\n        cidr: 10.1.0.0/16\n";
    assert_eq!(
        redundant(&(pods() + &policy("api", blocks))),
        Vec::<String>::new()
    );
    // A policy's only egress rule: without it, a manifest without policyTypes stops isolating
    // egress, so whether it is redundant depends on text the model does not keep.
    let egress = "  egress:\n  - to:\n    - podSelector: {}\n";
    let both = pods() + &policy("api", egress) + &policy("all", egress);
    assert_eq!(redundant(&both), Vec::<String>::new());
    // A policy that selects no pod: nothing to say about its rules.
    let text = policy("api", &format!("  ingress:\n{FROM_SHOP}{FROM_SHOP}"));
    assert_eq!(redundant(&text), Vec::<String>::new());
}

#[test]
fn above_the_budget_the_check_says_it_was_not_made() {
    let text = reachmap_synth::generate(&reachmap_synth::Spec {
        pods: 600,
        policies: 60,
        namespaces: 4,
        services: 10,
        seed: 3,
    });
    let a = Analysis::of(&text);
    let found = redundant_rules(a.model(), &a.reports);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, Code::Limit);
    assert!(found[0]
        .message
        .starts_with("redundant rules are not looked for: "));
}
