//! Any bytes, read as text the way the page and the CLI read a file, through the whole
//! pipeline: parse, Service analysis, findings, every report. Nothing may panic or hang, and
//! the cached reading (a List item by item) equals the fresh one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reachmap_core::{analysis, report};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysed = analysis::Analysis::of(&text);
    // The page's worker reads a List item by item and keeps documents it has read
    // (`parse::ReadCache`): the same reading as a fresh parse, twice in a row.
    let mut cache = reachmap_core::parse::ReadCache::default();
    for _ in 0..2 {
        let cached = reachmap_core::parse::parse_cached(&text, &Default::default(), &mut cache);
        assert_eq!(cached.model, analysed.parsed.model);
        assert_eq!(cached.diagnostics, analysed.parsed.diagnostics);
        assert_eq!(cached.documents, analysed.parsed.documents);
    }
    let (model, reports) = (analysed.model(), &analysed.reports);
    let sources = &analysed.parsed.sources;
    let _ = report::diagnostics_text(sources, &analysed.diagnostics);
    let _ = report::diagnostics_json(sources, &analysed.diagnostics);
    let _ = report::services_text(model, reports);
    let probes = [analysis::Probe::tcp(80), "UDP/53".parse().unwrap()];
    let m = analysis::matrix(model, &probes);
    let _ = report::probe_tsv(model, &m);
    // The reference evaluator on a few flows, including from outside and through a Service.
    let groups = model.groups.len().min(4);
    for from in 0..groups {
        for to in 0..groups {
            let e = analysis::explain(
                model,
                analysis::Endpoint::Group(from),
                analysis::Endpoint::Group(to),
                probes[0],
            );
            assert_eq!(
                e.verdict == analysis::Verdict::Allowed,
                m.allowed(0, from, to)
            );
            let _ = report::explanation_text(model, &e);
        }
    }
    for r in reports.iter().take(4) {
        for port in 0..model.services[r.service].ports.len().min(2) {
            let flow = analysis::service_flow(model, r, analysis::Endpoint::Outside(None), port);
            let _ = report::service_flow_text(model, &flow);
        }
    }
});
