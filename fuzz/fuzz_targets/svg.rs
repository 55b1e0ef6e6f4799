//! Any text through parse → analysis → scene → SVG string, for both views, with and without a
//! focus and a flow: the SVG must always be well-formed XML, so a hostile name can neither
//! break the file nor add an element to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reachmap_core::analysis::{self, Endpoint, FlowQuery};
use reachmap_core::scene::{self, PortChoice, SceneOptions, View};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysed = analysis::Analysis::of(&text);
    let model = analysed.model();
    let focus = model.groups.first().map(|g| g.endpoint());
    let flow = (model.groups.len() > 1).then(|| FlowQuery {
        from: Endpoint::Group(0),
        to: analysis::FlowTarget::Endpoint(Endpoint::Group(1)),
        probe: Some(analysis::Probe::tcp(80)),
    });
    for view in [View::Services, View::Policies] {
        for (focus, flow) in [(None, None), (focus.clone(), None), (None, flow.clone())] {
            let options = SceneOptions {
                view,
                focus,
                flow,
                ports: PortChoice::Any,
                ..SceneOptions::default()
            };
            let svg = reachmap_core::svg::render(&scene::build(&analysed, &options));
            let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
            // Manifest strings may only ever be text: no element a manifest could have named.
            assert!(doc
                .descendants()
                .all(|n| !matches!(n.tag_name().name(), "script" | "foreignObject" | "iframe")));
        }
    }
});
