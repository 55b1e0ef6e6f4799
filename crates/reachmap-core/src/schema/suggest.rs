//! "Did you mean" for unknown field names.
//!
//! Distance is the optimal-string-alignment (restricted Damerau-Levenshtein)
//! distance: insertions, deletions, substitutions and transpositions of two
//! adjacent characters each cost 1. It is measured ignoring ASCII case, so
//! `targetport` is 0 away from `targetPort`.
//!
//! A candidate is offered when its distance is at most [`max_distance`] of
//! the unknown name: 1 for names of up to 3 characters, otherwise the larger
//! of 2 and a third of the length. Among those, the closest wins; ties go to
//! the smaller case-sensitive distance, then to the smaller name in byte order,
//! so the answer does not depend on the order of the candidates.

/// Largest distance at which a name of `len` characters gets a suggestion.
pub fn max_distance(len: usize) -> usize {
    if len <= 3 {
        1
    } else {
        (len / 3).max(2)
    }
}

/// Optimal-string-alignment distance between `a` and `b`, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b)
}

fn osa(a: &[char], b: &[char]) -> usize {
    let m = b.len();
    // Three rows: i-2, i-1, i.
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// The candidate closest to `unknown`, if one is close enough (see the
/// module documentation for the rule and the tie-breaking).
pub fn suggest<'a, I>(unknown: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower: Vec<char> = unknown.chars().map(|c| c.to_ascii_lowercase()).collect();
    let exact: Vec<char> = unknown.chars().collect();
    let limit = max_distance(exact.len());
    let mut best: Option<(usize, usize, &'a str)> = None;
    for cand in candidates {
        let cand_chars: Vec<char> = cand.chars().collect();
        if cand_chars.len().abs_diff(lower.len()) > limit {
            continue;
        }
        let cand_lower: Vec<char> = cand_chars.iter().map(|c| c.to_ascii_lowercase()).collect();
        let d = osa(&lower, &cand_lower);
        if d > limit {
            continue;
        }
        let key = (d, osa(&exact, &cand_chars), cand);
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    best.map(|(_, _, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{field_names, lookup, root_schema, Child, Lookup, SchemaId};

    /// Schema reached from a root by a path such as `spec.ingress[].from[]`.
    fn schema_at(api_version: &str, kind: &str, path: &str) -> SchemaId {
        let mut child = Child::Object(root_schema(api_version, kind).expect("root"));
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            let (key, elem) = match seg.strip_suffix("[]") {
                Some(k) => (k, true),
                None => (seg, false),
            };
            child = match child.field(key) {
                Lookup::Known(c) => c,
                Lookup::Unknown => panic!("{path}: {key} unknown"),
            };
            if elem {
                child = child.element();
            }
        }
        match child {
            Child::Object(id) => id,
            other => panic!("{path}: not an object: {other:?}"),
        }
    }

    fn check(api_version: &str, kind: &str, path: &str, typo: &str, want: &str) {
        let id = schema_at(api_version, kind, path);
        assert_eq!(
            lookup(id, typo),
            Lookup::Unknown,
            "{typo} should be unknown"
        );
        assert_eq!(
            suggest(typo, field_names(id)),
            Some(want),
            "{typo} in {kind}.{path}"
        );
    }

    const NP: (&str, &str) = ("networking.k8s.io/v1", "NetworkPolicy");

    #[test]
    fn match_label() {
        check(
            NP.0,
            NP.1,
            "spec.ingress[].from[].podSelector",
            "matchLabel",
            "matchLabels",
        );
    }

    #[test]
    fn pod_selecter() {
        check(NP.0, NP.1, "spec", "podSelecter", "podSelector");
        check(
            NP.0,
            NP.1,
            "spec.egress[].to[]",
            "podSelecter",
            "podSelector",
        );
    }

    #[test]
    fn ingres() {
        check(NP.0, NP.1, "spec", "ingres", "ingress");
    }

    #[test]
    fn policy_type() {
        check(NP.0, NP.1, "spec", "policyType", "policyTypes");
    }

    #[test]
    fn namespace_selecter() {
        check(
            NP.0,
            NP.1,
            "spec.ingress[].from[]",
            "namespaceSelecter",
            "namespaceSelector",
        );
    }

    #[test]
    fn protcol() {
        check(NP.0, NP.1, "spec.ingress[].ports[]", "protcol", "protocol");
        check("v1", "Service", "spec.ports[]", "protcol", "protocol");
    }

    #[test]
    fn targetport() {
        check("v1", "Service", "spec.ports[]", "targetport", "targetPort");
    }

    #[test]
    fn containerport() {
        let path = "spec.template.spec.containers[].ports[]";
        check(
            "apps/v1",
            "Deployment",
            path,
            "containerport",
            "containerPort",
        );
        check("v1", "Pod", "spec.containers[]", "portz", "ports");
    }

    #[test]
    fn distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("ingres", "ingress"), 1);
        assert_eq!(distance("protcol", "protocol"), 1);
        assert_eq!(distance("prot", "port"), 1); // transposition
        assert_eq!(distance("ca", "abc"), 3); // OSA, not full Damerau (2)
        assert_eq!(distance("targetport", "targetPort"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn thresholds() {
        assert_eq!(max_distance(2), 1);
        assert_eq!(max_distance(3), 1);
        assert_eq!(max_distance(4), 2);
        assert_eq!(max_distance(9), 3);
        assert_eq!(max_distance(17), 5);
        // Too far: no suggestion.
        assert_eq!(suggest("xyz", ["ingress", "egress", "podSelector"]), None);
        assert_eq!(suggest("tx", ["to", "ports"]), Some("to"));
        assert_eq!(suggest("ab", ["to", "ports"]), None);
        assert_eq!(suggest("specification", ["spec", "status"]), None);
        assert_eq!(suggest("anything", std::iter::empty()), None);
    }

    #[test]
    fn ties_are_deterministic() {
        // Same distance: smaller name in byte order, whatever the input order.
        assert_eq!(suggest("ab", ["ad", "ac"]), Some("ac"));
        assert_eq!(suggest("ab", ["ac", "ad"]), Some("ac"));
        // Same case-insensitive distance: the one matching the case wins.
        assert_eq!(suggest("Portx", ["porty", "Portz"]), Some("Portz"));
        assert_eq!(suggest("Portx", ["Portz", "porty"]), Some("Portz"));
        // A case-only difference beats a one-letter one.
        assert_eq!(suggest("PORT", ["pore", "port"]), Some("port"));
    }

    #[test]
    fn non_ascii_is_by_character() {
        assert_eq!(distance("pörts", "ports"), 1);
        assert_eq!(suggest("pörts", ["ports", "protocol"]), Some("ports"));
    }
}
