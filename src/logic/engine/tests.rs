//! The engine's answers, checked natively against the core's own calls.

use super::*;
use crate::logic::matrix_html::verdict_mark;
use crate::logic::selection::rows as rows_of;
use reachmap_core::analysis::Verdict;
use reachmap_core::analysis::{diff, DiffPorts};

fn example(name: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/public/examples/reference/");
    std::fs::read_to_string(format!("{root}{name}")).unwrap()
}

fn policies() -> ViewWords {
    ViewWords {
        view: "policies".into(),
        ..ViewWords::default()
    }
}

#[test]
fn the_answer_is_the_cores_own_and_the_export_is_reachmap_renders_bytes() {
    let text = example("api-allow.yaml");
    let mut engine = Engine::default();
    let mut heard = Vec::new();
    let answer = engine.work(1, Some(text.clone()), None, &policies(), &mut |w| {
        heard.push(w)
    });
    let a = Analysis::of(&text);
    let scene = scene::build(
        &a,
        &SceneOptions {
            view: View::Policies,
            ..SceneOptions::default()
        },
    );
    let shown = answer.scene.unwrap();
    assert_eq!(shown.export, svg::render(&scene));
    assert_eq!(shown.markup, svg::page_markup(&scene));
    assert_eq!((shown.width, shown.height), (scene.width, scene.height));
    assert!(
        shown.acting.iter().any(|g| g.id.starts_with("pod:")),
        "{:?}",
        shown.acting
    );
    assert_eq!(answer.choices, Choices::of(a.model()));
    assert_eq!(answer.diagnostics.len(), a.diagnostics.len());
    assert_eq!(answer.generation, 1);
    assert!(answer.matrix.is_none() && answer.flow.is_none());
    assert_eq!(heard.len(), 2, "{heard:?}");
    assert!(heard[0].starts_with("reading 3 pods"), "{heard:?}");
    assert!(heard[1].starts_with("drawing the policies view of 3 pod groups"));
}

#[test]
fn a_view_change_reads_nothing_again_and_answers_the_flow_and_the_matrix() {
    let mut engine = Engine::default();
    let mut heard = Vec::new();
    engine.work(
        1,
        Some(example("api-allow.yaml")),
        None,
        &policies(),
        &mut |_| {},
    );
    let view = ViewWords {
        view: String::new(),
        matrix: true,
        flow: FlowWords {
            from: "default/coffeeshop".into(),
            to: "default/payment-processor".into(),
            port: String::new(),
        },
        ..ViewWords::default()
    };
    let answer = engine.work(2, None, None, &view, &mut |w| heard.push(w));
    assert_eq!(heard, ["computing the matrix of 3 pod groups…"]);
    let flow = answer.flow.unwrap().unwrap();
    assert_eq!(flow.word, verdict_mark(Verdict::Allowed).1);
    assert!(flow.text.contains("allowed"), "{}", flow.text);
    let m = answer.matrix.unwrap();
    assert_eq!(m.groups.len(), 3);
    // The same text again is not read again either.
    heard.clear();
    engine.work(
        3,
        Some(example("api-allow.yaml")),
        None,
        &policies(),
        &mut |w| heard.push(w),
    );
    assert_eq!(heard.len(), 1, "{heard:?}");
    // Words that no longer fit say why, with the page's names for the controls.
    let gone = ViewWords {
        flow: FlowWords {
            from: "default/gone".into(),
            to: "default/coffeeshop".into(),
            port: String::new(),
        },
        ..ViewWords::default()
    };
    let e = engine
        .work(4, None, None, &gone, &mut |_| {})
        .flow
        .unwrap()
        .unwrap_err();
    assert!(e.starts_with("From: "), "{e}");
}

#[test]
fn a_denials_rule_references_come_with_their_place_in_the_text() {
    let text = example("api-allow.yaml");
    let mut engine = Engine::default();
    let view = ViewWords {
        flow: FlowWords {
            from: "default/nginx".into(),
            to: "default/payment-processor".into(),
            port: "TCP/80".into(),
        },
        ..ViewWords::default()
    };
    let flow = engine
        .work(1, Some(text.clone()), None, &view, &mut |_| {})
        .flow
        .unwrap()
        .unwrap();
    let shown: Vec<(&str, &str, u32, u32)> = flow
        .links
        .iter()
        .map(|l| {
            (
                &flow.text[l.start..l.end],
                l.path.as_str(),
                l.line,
                l.column,
            )
        })
        .collect();
    // The `- podSelector:` entry of api-allow's `from`, line 55, after `    - `.
    assert_eq!(text.lines().nth(54).unwrap(), "    - podSelector:");
    assert_eq!(
        shown,
        [
            ("default/api-allow", "", 44, 1),
            ("default/api-allow ingress[0]", "spec.ingress[0]", 54, 5),
            ("from[0]", "spec.ingress[0].from[0]", 55, 7),
        ]
    );
}

#[test]
fn a_cells_flow_is_on_the_port_the_flow_is_allowed_on() {
    let mut engine = Engine::default();
    let text = example("api-allow.yaml");
    let view = ViewWords {
        matrix: true,
        ..ViewWords::default()
    };
    let m = engine
        .work(1, Some(text), None, &view, &mut |_| {})
        .matrix
        .unwrap();
    let find = |e: &str| m.groups.iter().position(|g| g.endpoint == e).unwrap();
    let (coffee, pay) = (
        find("default/coffeeshop"),
        find("default/payment-processor"),
    );
    let flow = engine.cell_flow(coffee, pay).unwrap();
    assert_eq!(flow.from, "default/coffeeshop");
    assert_eq!(flow.to, "default/payment-processor");
    assert!(!flow.port.is_empty());
    assert_eq!(engine.cell_flow(0, 99), None);
    let probe = ViewWords {
        matrix: true,
        ports: "UDP/53".into(),
        ..ViewWords::default()
    };
    engine.work(2, None, None, &probe, &mut |_| {});
    assert_eq!(engine.cell_flow(coffee, pay).unwrap().port, "UDP/53");
}

#[test]
fn a_selected_pod_groups_rows_and_the_some_ports_ranges_come_with_the_answer() {
    let mut engine = Engine::default();
    let text = example("port-allow.yaml");
    let view = ViewWords {
        matrix: true,
        selection: Some("default/backend".into()),
        ..policies()
    };
    let answer = engine.work(1, Some(text.clone()), None, &view, &mut |_| {});
    let a = Analysis::of_with(&text, &ParseOptions::page());
    let m = a.port_matrix(PortChoice::Any);
    let rows = answer.selection.clone().unwrap();
    assert_eq!(Some(&rows), rows_of(&a, &m, "default/backend").as_ref());
    let front = rows.ingress.iter().find(|r| r.peer == "default/frontend");
    assert_eq!(front.unwrap().ports, "TCP/8080 only");
    let data = answer.matrix.clone().unwrap();
    let find = |e: &str| data.groups.iter().position(|g| g.endpoint == e).unwrap();
    let (f, b) = (find("default/frontend"), find("default/backend"));
    assert_eq!(data.some_ports(f, b), Some("TCP/8080"));
    assert_eq!(data.some_ports(b, f), None);
    // What the page receives is what the worker sent.
    let sent = crate::worker_bridge::encode(&answer);
    assert_eq!(crate::worker_bridge::decode::<Answer>(&sent), Some(answer));
    // A Service selected: no rows.
    let service = ViewWords {
        selection: Some("svc:default/backend".into()),
        ..policies()
    };
    assert!(engine
        .work(2, None, None, &service, &mut |_| {})
        .selection
        .is_none());
}

#[test]
fn comparing_answers_the_cores_diff_its_drawing_and_render_diffs_bytes() {
    let after = example("api-allow.yaml");
    let rule = "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: coffeeshop\n";
    let before = after.replace(rule, "  ingress: []\n");
    assert_ne!(before, after);
    let mut engine = Engine::default();
    // Kept as before: the current text, read once.
    let mut heard = Vec::new();
    engine.work(
        1,
        Some(before.clone()),
        Some(before.clone()),
        &policies(),
        &mut |w| heard.push(w),
    );
    assert_eq!(heard.len(), 2, "{heard:?}");
    let comparing = ViewWords {
        comparing: true,
        ..policies()
    };
    let answer = engine.work(2, Some(after.clone()), None, &comparing, &mut |_| {});
    let (old, new) = (Analysis::of(&before), Analysis::of(&after));
    let d = diff(&old, &new, &DiffPorts::Any);
    let compare = answer.compare.clone().unwrap();
    assert_eq!(compare, compare_shown(&d, &old, &new, None));
    assert_eq!((compare.opened, compare.closed), (d.opened(), d.closed()));
    let options = SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    };
    let drawn = scene::build_diff(&old, &new, &options);
    let shown = answer.scene.unwrap();
    assert_eq!(shown.export, svg::render(&drawn));
    assert_eq!(shown.markup, svg::page_markup(&drawn));
    // The opened arrow is a change whose click explains the row of its flows it lists first
    // (TCP before UDP and SCTP), in that row's words (the page then explains it as a click on
    // the row does).
    let changes: Vec<_> = shown.acting.iter().filter(|g| g.change).collect();
    assert_eq!(changes.len(), 1, "{:?}", shown.acting);
    let crate::worker_bridge::ActionWords::Explain { from, to, port } = changes[0].action.clone()
    else {
        panic!("{:?}", changes[0].action);
    };
    let arrow = FlowWords { from, to, port };
    let row = compare.rows.iter().find(|r| r.words() == arrow);
    assert!(row.is_some(), "{arrow:?} is listed");
    let tcp_of_pair = compare
        .rows
        .iter()
        .find(|r| r.from == arrow.from && r.to == arrow.to && r.probe.starts_with("TCP/"));
    assert_eq!(row, tcp_of_pair);
    assert_eq!(row.map(|r| r.probe.as_str()), Some("TCP/1-65535"));
    assert!(
        shown.acting.iter().any(|g| !g.change),
        "the dimmed arrows are not changes"
    );
    // A row clicked: the diff is not computed again, the flow is explained on both sides.
    let clicked = ViewWords {
        compared_flow: Some(arrow),
        ..comparing.clone()
    };
    let mut heard = Vec::new();
    let answer = engine.work(3, None, None, &clicked, &mut |w| heard.push(w));
    assert_eq!(heard, ["drawing the policies view of 3 pod groups…"]);
    let both = answer.compare.unwrap().explained.unwrap();
    assert_eq!(both.before.unwrap().word, "denied");
    assert_eq!(both.after.unwrap().word, "allowed");
    // Not comparing: the ordinary view, no list.
    let answer = engine.work(4, None, None, &policies(), &mut |_| {});
    assert!(answer.compare.is_none());
    assert_eq!(
        answer.scene.unwrap().export,
        svg::render(&scene::build(&new, &options))
    );
}

#[test]
fn the_diagnostics_list_gets_one_line_for_eleven_objects_of_a_kind_not_analysed() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/examples/online-boutique/"
    );
    let text = std::fs::read_to_string(format!("{root}kubernetes-manifests.yaml")).unwrap();
    assert_eq!(text.matches("kind: ServiceAccount").count(), 11);
    let rows = Engine::default()
        .work(1, Some(text), None, &ViewWords::default(), &mut |_| {})
        .diagnostics;
    let accounts: Vec<&str> = rows
        .iter()
        .filter(|r| r.message.contains("ServiceAccount is not analysed"))
        .map(|r| r.message.as_str())
        .collect();
    assert_eq!(accounts.len(), 1, "{rows:?}");
    assert!(
        accounts[0].contains("ServiceAccount is not analysed (11 objects, the first here)"),
        "{accounts:?}"
    );
}

#[test]
fn port_words_read_back() {
    for c in [PortChoice::Any, PortChoice::Probe(Probe::tcp(8080))] {
        assert_eq!(port_choice(&port_words(c)), c);
    }
}

#[test]
fn a_splice_of_the_last_text_is_analysed_as_the_whole_new_text_would_be() {
    let text = example("api-allow.yaml");
    let mut engine = Engine::default();
    engine.work(1, Some(text.clone()), None, &policies(), &mut |_| {});
    // coffeeshop's label `app: coffeeshop` becomes `app: coffeeshopx`: no longer admitted.
    let at = text.find("app: coffeeshop").unwrap() + "app: coffeeshop".len();
    let splice = Splice {
        from: at,
        to: at,
        old_len: text.len(),
    };
    let edited = engine.spliced(&splice, "x").expect("fits the last text");
    let mut whole = text.clone();
    whole.insert(at, 'x');
    assert_eq!(edited, whole);
    let by_splice = engine.work(2, Some(edited), None, &policies(), &mut |_| {});
    let by_whole = Engine::default().work(2, Some(whole), None, &policies(), &mut |_| {});
    assert_eq!(by_splice, by_whole);
    assert_ne!(
        by_splice.scene,
        engine_answer(&text).scene,
        "the edit changes the drawing"
    );
    // A splice made on another text (another length) does not apply.
    let stale = Splice {
        old_len: text.len(),
        ..splice
    };
    assert_eq!(engine.spliced(&stale, "x"), None);
}

fn engine_answer(text: &str) -> Answer {
    Engine::default().work(1, Some(text.to_string()), None, &policies(), &mut |_| {})
}
