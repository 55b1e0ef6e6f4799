//! The upstream Kubernetes e2e NetworkPolicy scenarios, as data, checked against our analysis.
//!
//! `tests/netpol_scenarios/` holds the model of kubernetes/kubernetes
//! `test/e2e/network/netpol` (cyclonus style): `_cluster.yaml` declares namespaces x, y, z with
//! pods a, b, c in each, every pod serving ports 80 and 81 on TCP, UDP and SCTP. Every other
//! `*.yaml` file is one scenario: its NetworkPolicies (and any extra objects), read together
//! with `_cluster.yaml`, and its expected truth tables in the leading comment block:
//!
//! ```text
//! # replace: Pod/x/b Namespace/y      (optional: objects of _cluster.yaml the file redefines)
//! # probe: TCP/80 UDP/80              (one or more probes sharing the table below)
//! #       x/a x/b x/c ...             (columns: destinations)
//! #   x/a .   X   X   ...             (one row per source: '.' allowed, 'X' denied)
//! #                                   (an empty comment line ends the table)
//! ```
//!
//! Every off-diagonal cell is compared with both `analysis::matrix` and the per-flow reference
//! `analysis::explain`. The diagonal (a pod to itself, which policies do not govern) must be
//! written `.` and is not checked.

use reachmap_core::analysis::{explain, matrix, Endpoint, Probe, Verdict};
use reachmap_core::{parse_inputs, Input, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/netpol_scenarios");
const CLUSTER: &str = "_cluster.yaml";
const MIN_SCENARIOS: usize = 30;

/// One expected truth table, shared by one or more probes.
#[derive(Clone, Debug)]
struct Table {
    /// Line of the `probe:` directive, from 1.
    line: usize,
    probes: Vec<Probe>,
    /// Column (and row) labels, as written.
    pods: Vec<String>,
    /// `allowed[from][to]`, indexed like `pods`.
    allowed: Vec<Vec<bool>>,
}

/// A scenario file: its text, the objects of `_cluster.yaml` it replaces, its tables.
#[derive(Clone, Debug)]
struct Scenario {
    file: String,
    text: String,
    replace: Vec<String>,
    tables: Vec<Table>,
}

/// Reads the leading comment block of a scenario file.
fn parse_scenario(file: &str, text: &str) -> Result<Scenario, String> {
    let mut replace = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // A table being read: its probes and directive line, then its columns once the header is read.
    let mut open: Option<Table> = None;
    let mut awaiting_header = false;
    let at = |n: usize| format!("{file}:{n}");

    let header = text.lines().take_while(|l| l.starts_with('#'));
    for (i, raw) in header.enumerate() {
        let n = i + 1;
        let line = raw.trim_start_matches('#').trim();
        if awaiting_header {
            let table = open.as_mut().expect("a table is open");
            table.pods = line.split_whitespace().map(str::to_string).collect();
            let unique: BTreeSet<&String> = table.pods.iter().collect();
            if table.pods.is_empty() || unique.len() != table.pods.len() {
                return Err(format!(
                    "{}: expected a header of distinct pod names after `probe:`",
                    at(n)
                ));
            }
            table.allowed = vec![Vec::new(); table.pods.len()];
            awaiting_header = false;
            continue;
        }
        if let Some(table) = open.as_mut() {
            if line.is_empty() {
                tables.push(finish_table(file, open.take().expect("open"))?);
                continue;
            }
            let cells: Vec<&str> = line.split_whitespace().collect();
            let Some(row) = table.pods.iter().position(|p| p == cells[0]) else {
                return Err(format!(
                    "{}: `{}` is not a pod of the table header; end a table with an empty `#` line",
                    at(n),
                    cells[0]
                ));
            };
            if !table.allowed[row].is_empty() {
                return Err(format!("{}: row `{}` appears twice", at(n), cells[0]));
            }
            if cells.len() != table.pods.len() + 1 {
                return Err(format!(
                    "{}: row `{}` has {} cells, the header {} columns",
                    at(n),
                    cells[0],
                    cells.len() - 1,
                    table.pods.len()
                ));
            }
            let mut values = Vec::with_capacity(table.pods.len());
            for (col, cell) in cells[1..].iter().enumerate() {
                let allowed = match *cell {
                    "." => true,
                    "X" => false,
                    other => {
                        return Err(format!(
                            "{}: cell `{other}` ({} -> {}): use `.` (allowed) or `X` (denied)",
                            at(n),
                            cells[0],
                            table.pods[col]
                        ))
                    }
                };
                if col == row && !allowed {
                    return Err(format!(
                        "{}: the diagonal ({} -> itself) must be written `.`; it is not checked",
                        at(n),
                        cells[0]
                    ));
                }
                values.push(allowed);
            }
            table.allowed[row] = values;
            continue;
        }
        if let Some(rest) = line.strip_prefix("probe:") {
            let mut probes = Vec::new();
            for word in rest.split(|c: char| c == ',' || c.is_whitespace()) {
                if word.is_empty() {
                    continue;
                }
                probes.push(
                    word.parse::<Probe>()
                        .map_err(|e| format!("{}: probe `{word}`: {e}", at(n)))?,
                );
            }
            if probes.is_empty() {
                return Err(format!("{}: `probe:` names no probe", at(n)));
            }
            open = Some(Table {
                line: n,
                probes,
                pods: Vec::new(),
                allowed: Vec::new(),
            });
            awaiting_header = true;
        } else if let Some(rest) = line.strip_prefix("replace:") {
            replace.extend(rest.split_whitespace().map(str::to_string));
        }
    }
    if awaiting_header {
        return Err(format!("{file}: the last `probe:` has no table"));
    }
    if let Some(table) = open.take() {
        tables.push(finish_table(file, table)?);
    }
    if tables.is_empty() {
        return Err(format!(
            "{file}: no `# probe:` table in the leading comment block"
        ));
    }
    Ok(Scenario {
        file: file.to_string(),
        text: text.to_string(),
        replace,
        tables,
    })
}

fn finish_table(file: &str, table: Table) -> Result<Table, String> {
    let missing: Vec<&str> = table
        .pods
        .iter()
        .zip(&table.allowed)
        .filter(|(_, row)| row.is_empty())
        .map(|(p, _)| p.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{file}:{}: the table has no row for {}",
            table.line,
            missing.join(", ")
        ));
    }
    Ok(table)
}

/// `Kind/namespace/name`, or `Kind/name` for a namespace, of a YAML document.
fn object_key(doc: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(doc).ok()?;
    let kind = value.get("kind")?.as_str()?;
    let meta = value.get("metadata")?;
    let name = meta.get("name")?.as_str()?;
    Some(match meta.get("namespace").and_then(|n| n.as_str()) {
        Some(ns) => format!("{kind}/{ns}/{name}"),
        None => format!("{kind}/{name}"),
    })
}

/// `_cluster.yaml` without the objects a scenario replaces.
fn cluster_without(cluster: &str, replace: &[String]) -> Result<String, String> {
    if replace.is_empty() {
        return Ok(cluster.to_string());
    }
    let mut docs: Vec<String> = vec![String::new()];
    for line in cluster.lines() {
        if line.trim_end() == "---" {
            docs.push(String::new());
        } else {
            let doc = docs.last_mut().expect("never empty");
            doc.push_str(line);
            doc.push('\n');
        }
    }
    let mut found = BTreeSet::new();
    let mut kept = Vec::new();
    for doc in docs {
        match object_key(&doc) {
            Some(key) if replace.contains(&key) => {
                found.insert(key);
            }
            _ => kept.push(doc),
        }
    }
    let absent: Vec<&String> = replace.iter().filter(|r| !found.contains(*r)).collect();
    if !absent.is_empty() {
        return Err(format!(
            "`replace:` names objects {CLUSTER} does not have: {absent:?} (write Kind/namespace/name or Namespace/name)"
        ));
    }
    Ok(kept.join("---\n"))
}

/// Renders a table cyclonus style; `cell(from, to)` gives each off-diagonal cell.
fn render(pods: &[String], cell: impl Fn(usize, usize) -> char) -> String {
    let width = pods.iter().map(String::len).max().unwrap_or(1);
    let mut lines = vec![format!("    {:width$} ", "")];
    for p in pods {
        let _ = write!(lines[0], " {p:width$}");
    }
    for (i, from) in pods.iter().enumerate() {
        let mut line = format!("    {from:width$} ");
        for j in 0..pods.len() {
            let c = if i == j { '-' } else { cell(i, j) };
            let _ = write!(line, " {c:width$}");
        }
        lines.push(line);
    }
    lines
        .iter()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

fn mark(allowed: bool) -> char {
    if allowed {
        '.'
    } else {
        'X'
    }
}

fn verdict_mark(v: Verdict) -> char {
    match v {
        Verdict::Allowed => '.',
        Verdict::Denied => 'X',
        Verdict::Depends => '?',
    }
}

/// What checking one scenario found.
struct Outcome {
    /// Cells compared (per probe, off-diagonal).
    cells: usize,
    /// A readable report of every disagreement; empty when all agree.
    failures: String,
}

/// Parses a scenario with the cluster and compares every table with the analysis.
fn check(scenario: &Scenario, cluster: &str) -> Result<Outcome, String> {
    let cluster = cluster_without(cluster, &scenario.replace)
        .map_err(|e| format!("{}: {e}", scenario.file))?;
    let parsed = parse_inputs(&[
        Input {
            name: CLUSTER.into(),
            text: cluster,
        },
        Input {
            name: scenario.file.clone(),
            text: scenario.text.clone(),
        },
    ]);
    let errors: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            format!(
                "  {}:{}:{}: {} {}",
                parsed.sources[d.location.source],
                d.location.line,
                d.location.column,
                d.object,
                d.message
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "{}: the manifests have errors (such objects are left out of the model):\n{}",
            scenario.file,
            errors.join("\n")
        ));
    }
    for d in parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Error)
    {
        println!(
            "{}: {} {}:{}: {} {}",
            scenario.file,
            d.severity,
            parsed.sources[d.location.source],
            d.location.line,
            d.object,
            d.message
        );
    }
    let model = &parsed.model;
    let in_model: BTreeSet<String> = model.groups.iter().map(|g| g.endpoint()).collect();

    let mut probes: Vec<Probe> = Vec::new();
    for t in &scenario.tables {
        for p in &t.probes {
            if !probes.contains(p) {
                probes.push(*p);
            }
        }
    }
    let m = matrix(model, &probes);

    let mut cells = 0;
    let mut failures = String::new();
    for table in &scenario.tables {
        let in_table: BTreeSet<String> = table.pods.iter().cloned().collect();
        if in_table != in_model {
            return Err(format!(
                "{}:{}: the table's pods {:?} are not the model's pods {:?}",
                scenario.file, table.line, in_table, in_model
            ));
        }
        let groups: Vec<usize> = table
            .pods
            .iter()
            .map(|p| model.group(p).expect("checked above"))
            .collect();
        let n = groups.len();
        for &probe in &table.probes {
            let pi = probes.iter().position(|p| *p == probe).expect("collected");
            let mut by_matrix = vec![vec![false; n]; n];
            let mut by_explain = vec![vec![Verdict::Denied; n]; n];
            let mut differ = Vec::new();
            for i in 0..n {
                for j in 0..n {
                    if i == j {
                        continue;
                    }
                    cells += 1;
                    let (from, to) = (groups[i], groups[j]);
                    by_matrix[i][j] = m.allowed(pi, from, to);
                    by_explain[i][j] =
                        explain(model, Endpoint::Group(from), Endpoint::Group(to), probe).verdict;
                    let expected = table.allowed[i][j];
                    let want = if expected {
                        Verdict::Allowed
                    } else {
                        Verdict::Denied
                    };
                    if by_matrix[i][j] != expected || by_explain[i][j] != want {
                        differ.push(format!(
                            "      {} -> {}: expected {}, matrix {}, explain {}",
                            table.pods[i],
                            table.pods[j],
                            mark(expected),
                            mark(by_matrix[i][j]),
                            by_explain[i][j]
                        ));
                    }
                }
            }
            if differ.is_empty() {
                continue;
            }
            let _ = writeln!(
                failures,
                "\n=== scenario {} (table at line {}), probe {probe}: {} cell(s) differ",
                scenario.file,
                table.line,
                differ.len()
            );
            let _ = writeln!(failures, "  expected:");
            failures.push_str(&render(&table.pods, |i, j| mark(table.allowed[i][j])));
            let _ = writeln!(failures, "  actual (analysis::matrix):");
            failures.push_str(&render(&table.pods, |i, j| mark(by_matrix[i][j])));
            let _ = writeln!(failures, "  actual (analysis::explain):");
            failures.push_str(&render(&table.pods, |i, j| verdict_mark(by_explain[i][j])));
            let _ = writeln!(
                failures,
                "  comparison ('.' all agree, '!' a disagreement; '-' not checked):"
            );
            failures.push_str(&render(&table.pods, |i, j| {
                let want = if table.allowed[i][j] {
                    Verdict::Allowed
                } else {
                    Verdict::Denied
                };
                if by_matrix[i][j] == table.allowed[i][j] && by_explain[i][j] == want {
                    '.'
                } else {
                    '!'
                }
            }));
            let _ = writeln!(failures, "  cells (row = from, column = to):");
            failures.push_str(&differ.join("\n"));
            failures.push('\n');
        }
    }
    Ok(Outcome { cells, failures })
}

/// Every scenario file of the directory, sorted by name, with its text.
fn scenario_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("cannot read {DIR}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            (!name.starts_with('_')).then_some(name)
        })
        .map(|name| {
            let text = std::fs::read_to_string(Path::new(DIR).join(&name))
                .unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            (name, text)
        })
        .collect();
    files.sort();
    files
}

fn cluster_text() -> String {
    let path = Path::new(DIR).join(CLUSTER);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path:?}: {e}"))
}

#[test]
fn upstream_netpol_scenarios_match_their_truth_tables() {
    let cluster = cluster_text();
    let files = scenario_files();
    assert!(
        files.len() >= MIN_SCENARIOS,
        "expected at least {MIN_SCENARIOS} scenario files in {DIR}, found {}",
        files.len()
    );
    let mut problems = String::new();
    let mut failed = Vec::new();
    let mut cells = 0;
    let mut probes_per_protocol: BTreeMap<String, usize> = BTreeMap::new();
    for (name, text) in &files {
        let outcome = parse_scenario(name, text).and_then(|s| {
            for t in &s.tables {
                for p in &t.probes {
                    *probes_per_protocol
                        .entry(p.protocol.to_string())
                        .or_default() += 1;
                }
            }
            check(&s, &cluster)
        });
        match outcome {
            Ok(o) if o.failures.is_empty() => cells += o.cells,
            Ok(o) => {
                cells += o.cells;
                failed.push(name.clone());
                problems.push_str(&o.failures);
            }
            Err(e) => {
                failed.push(name.clone());
                let _ = writeln!(problems, "\n=== {e}");
            }
        }
    }
    println!(
        "{} scenarios, {cells} cells checked; probes per protocol: {probes_per_protocol:?}",
        files.len()
    );
    assert!(
        failed.is_empty(),
        "{} of {} scenarios disagree with their expected truth tables: {}\n{problems}",
        failed.len(),
        files.len(),
        failed.join(", ")
    );
}

/// The harness itself: a wrong expectation is reported, and malformed tables are rejected, so
/// the scenarios cannot pass vacuously.
#[test]
fn harness_reports_a_flipped_cell_and_rejects_malformed_tables() {
    let cluster = cluster_text();
    let name = "default-deny-ingress.yaml";
    let text = std::fs::read_to_string(Path::new(DIR).join(name)).expect("scenario exists");
    let good = parse_scenario(name, &text).expect("parses");
    let outcome = check(&good, &cluster).expect("checks");
    assert!(outcome.failures.is_empty(), "{}", outcome.failures);
    assert!(outcome.cells > 0);

    // y/a -> x/b is denied by the default deny; claim it is allowed.
    let mut flipped = good.clone();
    let t = &mut flipped.tables[0];
    let (from, to) = (
        t.pods.iter().position(|p| p == "y/a").expect("y/a"),
        t.pods.iter().position(|p| p == "x/b").expect("x/b"),
    );
    assert!(!t.allowed[from][to]);
    t.allowed[from][to] = true;
    let outcome = check(&flipped, &cluster).expect("checks");
    assert!(
        outcome
            .failures
            .contains("y/a -> x/b: expected ., matrix X, explain denied"),
        "{}",
        outcome.failures
    );

    let header = "# probe: TCP/80\n#      x/a x/b\n";
    for (bad, why) in [
        (format!("{header}#  x/a .   .\n"), "no row for x/b"),
        (format!("{header}#  x/a .   .\n#  x/b .   ?\n"), "cell `?`"),
        (format!("{header}#  x/a X   .\n#  x/b .   .\n"), "diagonal"),
        (format!("{header}#  x/a .   .\n#  y/b .   .\n"), "not a pod"),
        (format!("{header}#  x/a .\n#  x/b .   .\n"), "has 1 cells"),
        ("# nothing here\n".to_string(), "no `# probe:` table"),
        ("# probe: ICMP/1\n".to_string(), "probe `ICMP/1`"),
    ] {
        let err = parse_scenario("bad.yaml", &bad).expect_err(why);
        assert!(err.contains(why), "{why}: {err}");
    }
    assert!(cluster_without(&cluster, &["Pod/x/q".to_string()]).is_err());
}
