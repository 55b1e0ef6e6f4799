//! The console's Endpoints are the analysis's endpoints: for the reference examples, the
//! Online Boutique, a generated dump and pods in every status, `kubectl get endpoints -A -o
//! json` lists, for every Service port, exactly the ready endpoints `analyze_services` computes
//! (the addresses the input gives, and as many simulated ones as the input's pods without one).

use reachmap_core::analysis::{Analysis, Backend};
use reachmap_kubectl::Console;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Per `namespace/service` and port name: the known `ip:port` pairs and how many addresses.
type Listed = BTreeMap<(String, String), (BTreeSet<String>, usize)>;

/// The items of `kubectl get RESOURCE -A -o json` in a console over `text`.
fn items(text: &str, resource: &str) -> Vec<Value> {
    let mut console = Console::new(text, Vec::new());
    let out = console.run(&format!("kubectl get {resource} -A -o json"));
    let json: Value =
        serde_json::from_str(&out.output).unwrap_or_else(|e| panic!("{e}: {}", out.output));
    json["items"].as_array().expect("a list").clone()
}

fn console_endpoints(text: &str) -> Listed {
    let mut listed = Listed::new();
    for item in items(text, "endpoints") {
        let key = format!(
            "{}/{}",
            item["metadata"]["namespace"].as_str().unwrap_or("default"),
            item["metadata"]["name"].as_str().expect("a name")
        );
        for subset in item["subsets"].as_array().into_iter().flatten() {
            let addresses: Vec<&str> = subset["addresses"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| a["ip"].as_str().expect("an ip"))
                .collect();
            add(&mut listed, &key, &subset["ports"], &addresses);
        }
    }
    // A port whose subsets hold only not-ready addresses has no endpoint to compare.
    listed.retain(|_, (_, n)| *n > 0);
    listed
}

/// Lists `addresses` under each of `ports` (a JSON list of `{name, port}`) of Service `key`.
fn add(listed: &mut Listed, key: &str, ports: &Value, addresses: &[&str]) {
    for port in ports.as_array().into_iter().flatten() {
        let name = port["name"].as_str().unwrap_or("").to_string();
        let entry = listed.entry((key.to_string(), name)).or_default();
        for a in addresses {
            entry.0.insert(format!("{a}:{}", port["port"]));
            entry.1 += 1;
        }
    }
}

/// The same from `kubectl get endpointslices -A -o json`: the ready endpoints of every slice.
fn console_slices(text: &str) -> Listed {
    let mut listed = Listed::new();
    for item in items(text, "endpointslices") {
        let key = format!(
            "{}/{}",
            item["metadata"]["namespace"].as_str().unwrap_or("default"),
            item["metadata"]["labels"]["kubernetes.io/service-name"]
                .as_str()
                .expect("a Service's slice")
        );
        let ready: Vec<&str> = item["endpoints"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["conditions"]["ready"] == Value::Bool(true))
            .flat_map(|e| e["addresses"].as_array().expect("addresses"))
            .map(|a| a.as_str().expect("an address"))
            .collect();
        add(&mut listed, &key, &item["ports"], &ready);
    }
    listed.retain(|_, (_, n)| *n > 0);
    listed
}

/// The same from the analysis: addresses it knows exactly, the others counted.
fn analysis_endpoints(text: &str) -> Listed {
    let a = Analysis::of(text);
    let model = a.model();
    let mut listed = Listed::new();
    for r in &a.reports {
        let s = &model.services[r.service];
        for (pi, port) in s.ports.iter().enumerate() {
            for e in r.endpoints.iter().filter(|e| e.ready && e.has_port(pi)) {
                let key = (s.key(), port.name.clone().unwrap_or_default());
                let entry = listed.entry(key).or_default();
                let n = e.ports[pi].expect("has the port");
                match (e.address, e.pod, &r.backends[e.backend]) {
                    (Some(ip), _, _) => {
                        entry.0.insert(format!("{ip}:{n}"));
                        entry.1 += 1;
                    }
                    (None, Some(_), _) => entry.1 += 1,
                    (None, None, Backend::Group(g)) => {
                        entry.1 += model.groups[*g].replicas as usize
                    }
                    (None, None, Backend::Address(_)) => unreachable!("an address is known"),
                }
            }
        }
    }
    listed
}

fn assert_agree(name: &str, text: &str) {
    let analysis = analysis_endpoints(text);
    assert_listed_agree(
        &format!("{name} (Endpoints)"),
        console_endpoints(text),
        &analysis,
    );
    assert_listed_agree(
        &format!("{name} (EndpointSlices)"),
        console_slices(text),
        &analysis,
    );
}

fn assert_listed_agree(name: &str, console: Listed, analysis: &Listed) {
    // The console's `kubernetes` Service is the simulated API server, not the input's.
    let console: Listed = console
        .into_iter()
        .filter(|((svc, _), _)| svc != "default/kubernetes")
        .collect();
    assert!(
        !analysis.is_empty() || console.is_empty(),
        "{name}: nothing to compare"
    );
    assert_eq!(
        console.keys().collect::<Vec<_>>(),
        analysis.keys().collect::<Vec<_>>(),
        "{name}: Services and ports with endpoints"
    );
    for (key, (known, count)) in analysis {
        let (listed, listed_count) = &console[key];
        assert_eq!(count, listed_count, "{name}: how many endpoints of {key:?}");
        assert!(
            known.is_subset(listed),
            "{name}: {key:?}: the analysis's {known:?} are not all in the console's {listed:?}"
        );
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_reference_examples_agree() {
    let dir = format!(
        "{}/../../public/examples/reference",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_agree(&path.display().to_string(), &text);
    }
}

#[test]
fn the_online_boutique_agrees() {
    let text = format!(
        "{}---\n{}",
        read("public/examples/online-boutique/kubernetes-manifests.yaml"),
        read("public/examples/online-boutique/network-policies.yaml")
    );
    let analysis = analysis_endpoints(&text);
    assert!(analysis.len() >= 10, "{analysis:?}");
    assert_agree("online boutique", &text);
}

#[test]
fn a_generated_dump_agrees() {
    let spec = reachmap_synth::DumpSpec {
        namespaces: 2,
        replicas: 2,
        nodes: 3,
        seed: 7,
    };
    let text = reachmap_synth::dump(&spec, reachmap_synth::DumpFormat::Yaml);
    let analysis = analysis_endpoints(&text);
    // Every address of a dump is known: the comparison is exact.
    assert!(analysis
        .values()
        .all(|(known, n)| known.len() == *n && *n > 0));
    assert_agree("generated dump", &text);
}

/// Pods in every status the EndpointSlice rules tell apart.
#[test]
fn pods_in_every_status_agree() {
    let pod = |name: &str, extra_meta: &str, status: &str, spec_extra: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: web}}{extra_meta}}}\nspec:\n  nodeName: node-1\n{spec_extra}  containers: [{{name: c, image: nginx, ports: [{{name: http, containerPort: 8080}}]}}]\n{status}---\n"
        )
    };
    let status = |ip: &str, phase: &str, ready: &str| {
        format!("status:\n  phase: {phase}\n  hostIP: 192.168.0.10\n  podIP: {ip}\n  podIPs: [{{ip: {ip}}}]\n  conditions: [{{type: Ready, status: '{ready}'}}]\n")
    };
    let text = [
        pod("ready", "", &status("10.1.0.1", "Running", "True"), ""),
        pod("not-ready", "", &status("10.1.0.2", "Running", "False"), ""),
        pod("done", "", &status("10.1.0.3", "Succeeded", "False"), ""),
        pod("going", ", deletionTimestamp: '2026-01-01T00:00:00Z'", &status("10.1.0.4", "Running", "True"), ""),
        pod("host", "", &status("192.168.0.10", "Running", "True"), "  hostNetwork: true\n"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: h, port: 80, targetPort: http}]\n---\n".to_string(),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web-all}\nspec:\n  publishNotReadyAddresses: true\n  selector: {app: web}\n  ports: [{name: h, port: 80, targetPort: http}]\n".to_string(),
    ]
    .concat();
    let analysis = analysis_endpoints(&text);
    let web = &analysis[&("default/web".to_string(), "h".to_string())];
    assert_eq!(
        web.0,
        BTreeSet::from(["10.1.0.1:8080".to_string(), "192.168.0.10:8080".to_string()])
    );
    let all = &analysis[&("default/web-all".to_string(), "h".to_string())];
    assert_eq!(
        all.1, 4,
        "not-ready and terminating too, never the Succeeded pod: {all:?}"
    );
    assert_agree("pods in every status", &text);
}
