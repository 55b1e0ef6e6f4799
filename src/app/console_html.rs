//! The console's log entries and the ways to reach a Service as HTML strings, every piece of
//! text escaped (`highlight::escape_into`). The log is append-only, like a terminal's, so each
//! entry is added once as HTML and its buttons are handled by one listener on the log: this
//! keeps the console's code plain (it runs in its own wasm, without Leptos).

use super::explanation::verdict_mark;
use reachmap_core::highlight::escape_into;
use reachmap_kubectl::reach::Way;
use reachmap_kubectl::Outcome;

/// The pane, before any command: its heading, the log, the prompt, and the (closed) ways to
/// reach a Service. `console.rs` finds the parts by class.
pub const PANE: &str = r#"<div class="console-head"><h2 class="panel-title">kubectl</h2><span class="muted console-note">A simulated one-node cluster (minikube, 192.168.64.2): cluster IPs, pod names and IPs, nodePorts and ages are assigned by Reachmap. Try <code>help</code>.</span></div><div class="console-log" role="log" aria-label="kubectl output" aria-busy="false" data-testid="console-log"></div><p class="console-offered" data-testid="console-completions" hidden></p><div class="console-input"><label for="console-line" class="console-prompt console-prompt-now">$ </label><input id="console-line" class="console-line" type="text" aria-label="kubectl command" data-testid="console-input" autocomplete="off" spellcheck="false" autocapitalize="off" placeholder="Loading the console…" readonly></div><details class="reach" data-testid="reach"><summary>Ways to reach a Service</summary><p class="muted reach-none">The manifests have no Service yet: try <code>kubectl create service clusterip web --tcp=80:8080</code></p><div class="field reach-pick"><label for="reach-service">Service</label><select id="reach-service" class="reach-service"></select></div><ul class="ways"></ul></details>"#;

/// The `<option>`s of the Service picker, `chosen` selected.
pub fn options(services: &[String], chosen: Option<&str>) -> String {
    let mut h = String::new();
    for s in services {
        h.push_str("<option value=\"");
        escape_into(&mut h, s);
        h.push_str(if Some(s.as_str()) == chosen {
            "\" selected>"
        } else {
            "\">"
        });
        escape_into(&mut h, s);
        h.push_str("</option>");
    }
    h
}

/// One command of the log: what was typed, what it printed, the YAML it wrote, and (as a
/// button with `data-entry="ID"`) the flow it tried.
pub fn entry(id: u64, prompt: &str, line: &str, outcome: &Outcome) -> String {
    let mut h = String::from(
        r#"<div class="console-entry" data-testid="console-entry"><pre class="console-cmd"><span class="console-prompt">"#,
    );
    escape_into(&mut h, prompt);
    h.push_str("</span>");
    escape_into(&mut h, line);
    h.push_str("</pre>");
    if !outcome.output.is_empty() {
        h.push_str(if outcome.ok {
            r#"<pre class="console-out" data-testid="console-output">"#
        } else {
            r#"<pre class="console-out failed" data-testid="console-output">"#
        });
        escape_into(&mut h, &outcome.output);
        h.push_str("</pre>");
    }
    if let Some(yaml) = &outcome.yaml {
        h.push_str(r#"<details class="console-yaml"><summary>YAML written to the manifests</summary><pre>"#);
        escape_into(&mut h, yaml);
        h.push_str("</pre></details>");
    }
    if let Some(t) = &outcome.tried {
        let (icon, word) = verdict_mark(t.verdict);
        h.push_str(&format!(
            r#"<button type="button" class="console-flow {word}" data-entry="{id}"><span aria-hidden="true">{icon}</span> "#
        ));
        escape_into(
            &mut h,
            &format!("{word}: show {} → {} in the Policies view", t.from, t.to),
        );
        h.push_str("</button>");
    }
    h.push_str("</div>");
    h
}

/// The ways to reach a Service, each with a Try button `data-way="INDEX"`.
pub fn ways(ways: &[Way]) -> String {
    let mut h = String::new();
    for (i, w) in ways.iter().enumerate() {
        h.push_str(r#"<li class="way" data-testid="way"><span class="way-title">"#);
        escape_into(&mut h, &w.title);
        h.push_str(r#"</span><pre class="way-commands">"#);
        let shown: Vec<&str> = w
            .enter
            .iter()
            .chain(&w.commands)
            .map(String::as_str)
            .collect();
        escape_into(&mut h, &shown.join("\n"));
        h.push_str(&format!(
            r#"</pre><button type="button" data-way="{i}" aria-label=""#
        ));
        escape_into(&mut h, &format!("Try: {}", w.title));
        h.push_str(r#"">Try</button></li>"#);
    }
    h
}
