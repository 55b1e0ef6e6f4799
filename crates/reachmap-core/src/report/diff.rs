//! A diff's words: TSV (an exact contract), a terminal's text, Markdown for a pull-request
//! comment, JSON. All read the same `Diff`.

use super::clean;
use crate::analysis::diff::{interval, Diff, DiffRow, OUTSIDE};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One line per flow whose verdict differs: `from<TAB>to<TAB>probe<TAB>before<TAB>after<TAB>cause`,
/// sorted bytewise.
pub fn diff_tsv(d: &Diff) -> String {
    let mut lines: Vec<String> = d
        .rows
        .iter()
        .map(|r| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                clean(&r.from),
                clean(&r.to),
                r.probe,
                r.before,
                r.after,
                clean(&r.cause)
            )
        })
        .collect();
    lines.sort_unstable();
    lines.concat()
}

/// `3 flows opened, 1 closed, 2 other changes`: the counts every format starts with.
fn counts(d: &Diff) -> String {
    let (opened, closed) = (d.opened(), d.closed());
    let other = d.rows.len() - opened - closed;
    format!(
        "{opened} flow{} opened, {closed} closed, {other} other change{}",
        if opened == 1 { "" } else { "s" },
        if other == 1 { "" } else { "s" }
    )
}

/// What the diff compared: `any port (7 probes)` or the probes.
fn over(d: &Diff, any: bool) -> String {
    if any {
        format!(
            "any port: {} probe{}",
            d.probes.len(),
            if d.probes.len() == 1 { "" } else { "s" }
        )
    } else {
        d.probes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn policies_line(d: &Diff) -> Option<String> {
    if d.policies.is_empty() {
        return None;
    }
    Some(
        d.policies
            .iter()
            .map(|(k, c)| format!("{} {c}", clean(k)))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// `+` opened, `-` closed, `~` any other change.
fn mark(r: &DiffRow) -> char {
    if r.opened() {
        '+'
    } else if r.closed() {
        '-'
    } else {
        '~'
    }
}

/// For a terminal: the counts, the policies changed, one line per flow.
pub fn diff_text(d: &Diff, any: bool) -> String {
    let mut out = String::new();
    if d.is_empty() {
        let _ = writeln!(out, "no flow changed (over {})", over(d, any));
    } else {
        let _ = writeln!(out, "{} (over {})", counts(d), over(d, any));
    }
    if let Some(p) = policies_line(d) {
        let _ = writeln!(out, "policies: {p}");
    }
    for r in &d.rows {
        let _ = writeln!(
            out,
            "{} {} -> {} {}: {} -> {}\n    {}",
            mark(r),
            clean(&r.from),
            clean(&r.to),
            r.probe,
            r.before,
            r.after,
            clean(&r.cause)
        );
    }
    out
}

/// The namespace of an endpoint or Service port name; `outside` for outside addresses.
fn namespace(name: &str) -> &str {
    if name == OUTSIDE {
        return OUTSIDE;
    }
    name.split_once('/').map_or(name, |(ns, _)| ns)
}

/// A table cell: no `|` or line break can end it early.
fn cell(s: &str) -> String {
    clean(s).replace('|', "\\|")
}

/// The most rows a Markdown summary lists (a pull-request comment has a size limit).
pub const MD_ROWS: usize = 200;

/// For a pull-request comment: the counts, the policies changed, a table per namespace pair,
/// and the causes with how many flows each decided.
pub fn diff_md(d: &Diff, any: bool) -> String {
    let mut out = String::from("### Reachability changes\n\n");
    if d.is_empty() {
        let _ = writeln!(out, "No flow changed (over {}).", over(d, any));
        return out;
    }
    let _ = writeln!(out, "**{}** (over {}).\n", counts(d), over(d, any));
    if let Some(p) = policies_line(d) {
        let _ = writeln!(out, "Policies: {}.\n", cell(&p));
    }
    let mut groups: BTreeMap<(&str, &str), Vec<&DiffRow>> = BTreeMap::new();
    for r in &d.rows {
        groups
            .entry((namespace(&r.from), namespace(&r.to)))
            .or_default()
            .push(r);
    }
    let mut listed = 0;
    for ((from, to), rows) in &groups {
        if listed >= MD_ROWS {
            break;
        }
        let _ = writeln!(out, "#### {} → {}\n", cell(from), cell(to));
        out.push_str(
            "| | from | to | probe | before | after | cause |\n|---|---|---|---|---|---|---|\n",
        );
        for r in rows.iter().take(MD_ROWS - listed) {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {} | {} | {} | {} |",
                mark(r),
                cell(&r.from),
                cell(&r.to),
                r.probe,
                r.before,
                r.after,
                cell(&r.cause)
            );
            listed += 1;
        }
        out.push('\n');
    }
    if listed < d.rows.len() {
        let _ = writeln!(
            out,
            "… and {} more (all of them: `reachmap diff --format tsv`).\n",
            d.rows.len() - listed
        );
    }
    // The causes: each policy that changed, with how many changed flows it decided on
    // either side; then the flows no changed policy decided (an endpoint added, removed or
    // relabelled, a Service's backends).
    out.push_str("#### Causes\n\n");
    let mut explained = vec![false; d.rows.len()];
    for (key, change) in &d.policies {
        let mark = format!("{key} ({change})");
        let mut n = 0;
        for (i, r) in d.rows.iter().enumerate() {
            if r.cause.contains(&mark) {
                n += 1;
                explained[i] = true;
            }
        }
        let _ = writeln!(
            out,
            "- `{}` {change}: decides {n} of the changed flow{}",
            cell(key),
            if n == 1 { "" } else { "s" }
        );
    }
    let rest = explained.iter().filter(|e| !**e).count();
    if rest > 0 {
        let _ = writeln!(
            out,
            "- no changed policy: {rest} flow{} (endpoints or Services added, removed or relabelled)",
            if rest == 1 { "" } else { "s" }
        );
    }
    out
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    probes: Vec<String>,
    opened: usize,
    closed: usize,
    policies: Vec<JsonPolicy<'a>>,
    rows: &'a [DiffRow],
}

#[derive(Serialize)]
struct JsonPolicy<'a> {
    policy: &'a str,
    change: crate::analysis::diff::PolicyChange,
}

/// The same content as JSON: the probes (over any port, the intervals they stand for), the
/// counts, the policies changed, the rows.
pub fn diff_json(d: &Diff, any: bool) -> String {
    let j = JsonDiff {
        probes: d
            .probes
            .iter()
            .map(|p| {
                if any {
                    interval(&d.probes, *p)
                } else {
                    p.to_string()
                }
            })
            .collect(),
        opened: d.opened(),
        closed: d.closed(),
        policies: d
            .policies
            .iter()
            .map(|(policy, change)| JsonPolicy {
                policy,
                change: *change,
            })
            .collect(),
        rows: &d.rows,
    };
    serde_json::to_string_pretty(&j).expect("a diff serializes") + "\n"
}
