//! Verdicts to and from "any outside address" in the Policies view.

use super::edges_of;
use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, SceneOptions, View};

/// The Policies view's verdicts to and from "any outside address" (focus `outside`) equal the
/// reference evaluator's, taken over every representative probe: allowed when some probe is,
/// else depends when some probe does, else denied — on every upstream scenario.
#[test]
fn outside_verdicts_match_explain_on_every_scenario() {
    use reachmap_core::analysis::{explain, representative_probes, Endpoint, Verdict};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/netpol_scenarios");
    let cluster = std::fs::read_to_string(format!("{dir}/_cluster.yaml")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('_'))
        .collect();
    files.sort();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let analysis = Analysis::of_inputs(&[
            reachmap_core::Input {
                name: "_cluster.yaml".into(),
                text: cluster.clone(),
            },
            reachmap_core::Input {
                name: file.clone(),
                text,
            },
        ]);
        let model = analysis.model();
        let s = scene::build(
            &analysis,
            &SceneOptions {
                view: View::Policies,
                focus: Some("outside".into()),
                show_denied: true,
                ..SceneOptions::default()
            },
        );
        let edges = edges_of(&s);
        let probes = representative_probes(model);
        let combine = |vs: Vec<Verdict>| {
            if vs.contains(&Verdict::Allowed) {
                Verdict::Allowed
            } else if vs.contains(&Verdict::Depends) {
                Verdict::Depends
            } else {
                Verdict::Denied
            }
        };
        for (g, group) in model.groups.iter().enumerate() {
            let pod = format!("pod:{}", group.endpoint());
            let inbound = combine(
                probes
                    .iter()
                    .map(|p| {
                        explain(model, Endpoint::Outside(None), Endpoint::Group(g), *p).verdict
                    })
                    .collect(),
            );
            let outbound = combine(
                probes
                    .iter()
                    .map(|p| {
                        explain(model, Endpoint::Group(g), Endpoint::Outside(None), *p).verdict
                    })
                    .collect(),
            );
            assert!(
                edges.contains_key(&format!("edge:outside:any->{pod}:{inbound}")),
                "{file}: outside → {pod} should be {inbound}: {:?}",
                edges
                    .keys()
                    .filter(|k| k.contains(&pod))
                    .collect::<Vec<_>>()
            );
            assert!(
                edges.contains_key(&format!("edge:{pod}->outside:any:{outbound}")),
                "{file}: {pod} → outside should be {outbound}"
            );
            checked += 2;
        }
    }
    assert!(checked > 500, "{checked}");
}
