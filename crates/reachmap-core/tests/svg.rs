//! The SVG document: well-formed XML whatever the manifests hold, standalone, one element per
//! shape, and the names a person looks for.

mod common;

use reachmap_core::analysis::Analysis;
use reachmap_core::scene::{self, SceneOptions, View};
use reachmap_core::svg::{escape, render};

fn svg(text: &str, view: View, focus: Option<&str>) -> String {
    let analysis = Analysis::of(text);
    let options = SceneOptions {
        view,
        focus: focus.map(str::to_string),
        // A focus's denied flows too: the SVG must carry every kind of line.
        show_denied: true,
        ..SceneOptions::default()
    };
    render(&scene::build(&analysis, &options))
}

/// Parses as XML and returns the document's text for searching.
fn parse_xml(s: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(s).unwrap_or_else(|e| panic!("not XML: {e}\n{s}"))
}

#[test]
fn a_standalone_document_with_title_desc_style_and_defs() {
    let text = common::read_example("public/examples/reference/api-allow.yaml");
    for view in [View::Services, View::Policies] {
        let s = svg(&text, view, None);
        let doc = parse_xml(&s);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.attribute("role"), Some("img"));
        for a in ["width", "height", "viewBox"] {
            assert!(root.attribute(a).is_some(), "{a}");
        }
        let children: Vec<&str> = root
            .children()
            .filter(|n| n.is_element())
            .take(4)
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(children, ["title", "desc", "style", "defs"]);
        // No external reference: nothing fetched, no script.
        assert!(!s.contains("href"), "no links");
        assert!(!s.contains("<script"));
        assert!(!s.contains("url(http"));
        // Every group has its tooltip first and its data-id.
        for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
            assert!(g.attribute("data-id").is_some());
            let first = g.children().find(|n| n.is_element()).unwrap();
            assert_eq!(first.tag_name().name(), "title");
        }
    }
    let s = svg(&text, View::Policies, Some("default/nginx"));
    let doc = parse_xml(&s);
    let g = doc
        .descendants()
        .find(|n| {
            n.attribute("data-id")
                == Some("edge:pod:default/nginx->pod:default/payment-processor:denied")
        })
        .expect("the denied flow");
    assert_eq!(
        g.attribute("data-action"),
        Some("explain --from default/nginx --to default/payment-processor --port TCP/80")
    );
    assert!(g.attribute("class").unwrap().contains("rm-denied"));
    let title = g.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        title.text(),
        Some("default/nginx → default/payment-processor any port: denied on every port")
    );
    let path = g.children().find(|n| n.has_tag_name("path")).unwrap();
    assert_eq!(path.attribute("marker-end"), Some("url(#rm-arrow-denied)"));
}

#[test]
fn the_names_a_person_looks_for_are_in_the_file() {
    let b = "public/examples/online-boutique";
    let text = common::read_example(&format!("{b}/kubernetes-manifests.yaml"))
        + "\n---\n"
        + &common::read_example(&format!("{b}/network-policies.yaml"));
    let s = svg(&text, View::Services, None);
    parse_xml(&s);
    for name in [
        "frontend-external",
        "LoadBalancer",
        "paymentservice",
        "50051 → 50051",
    ] {
        assert!(s.contains(name), "{name}");
    }
    let s = svg(&text, View::Policies, None);
    parse_xml(&s);
    for name in [
        "any outside address",
        "namespace default",
        "ingress + egress isolated",
    ] {
        assert!(s.contains(name), "{name}");
    }
}

#[test]
fn escaping_covers_markup_quotes_and_control_characters() {
    assert_eq!(
        escape("<a href=\"x\">'&'</a>"),
        "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
    );
    assert_eq!(escape("a\u{1}b\u{7f}c\nd"), "a\\u{1}b\\u{7f}c\\nd");
    assert_eq!(escape("\u{fffe}"), "\\u{fffe}");
    assert_eq!(escape("ünïcödé → ✓"), "ünïcödé → ✓");
}

/// Names the API server would accept are tame; but labels, annotations of Services
/// (externalName, IPs), and the views' texts also come from the manifests, and nothing stops a
/// hostile file being pasted. Whatever arrives, the document stays one well-formed document
/// with the names as text, never as markup.
#[test]
fn hostile_strings_stay_text() {
    let hostile = [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "a&b",
        "it's \"quoted\"",
        "ctl\u{1}\u{1b}[31mred",
        "]]>",
    ];
    for h in hostile {
        // JSON escapes are YAML double-quoted escapes too.
        let q = serde_json::to_string(h).unwrap();
        // Where manifests put free text: label values, an ExternalName, a load balancer IP.
        let text = format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {{app: web}}\nspec:\n  containers: [{{name: c, image: i, ports: [{{containerPort: 80}}]}}]\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: ext}}\nspec:\n  type: ExternalName\n  externalName: {q}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: lb}}\nspec:\n  type: LoadBalancer\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\nstatus:\n  loadBalancer:\n    ingress: [{{hostname: {q}}}]\n"
        );
        for view in [View::Services, View::Policies] {
            for focus in [None, Some("default/web")] {
                let s = svg(&text, view, focus);
                let doc = parse_xml(&s);
                assert!(
                    !doc.descendants().any(|n| n.has_tag_name("script")),
                    "{h}: a script element"
                );
                assert!(
                    !doc.descendants()
                        .any(|n| n.attributes().any(|a| a.name().starts_with("on"))),
                    "{h}: an event handler attribute"
                );
                assert!(!s.contains('\u{1}') && !s.contains('\u{1b}'));
            }
        }
        // The hostile text is there, as text.
        let s = svg(&text, View::Services, None);
        let doc = parse_xml(&s);
        let all: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .concat();
        let shown = h.replace('\u{1}', "\\u{1}").replace('\u{1b}', "\\u{1b}");
        assert!(all.contains(&shown), "{h:?} not shown as text in {all}");
    }
}

#[test]
fn render_is_a_pure_function_of_the_scene() {
    let text = common::read_example("public/examples/reference/port-allow.yaml");
    assert_eq!(
        svg(&text, View::Policies, Some("default/frontend")),
        svg(&text, View::Policies, Some("default/frontend"))
    );
}

#[test]
fn the_pages_arrows_have_a_wide_hit_area_and_the_files_do_not() {
    let text = common::read_example("public/examples/reference/api-allow.yaml");
    let analysis = Analysis::of(&text);
    let options = SceneOptions {
        view: View::Policies,
        ..SceneOptions::default()
    };
    let scene = scene::build(&analysis, &options);
    let page = reachmap_core::svg::page_markup(&scene);
    let whole = format!(r#"<svg xmlns="http://www.w3.org/2000/svg">{page}</svg>"#);
    let doc = parse_xml(&whole);
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "path"
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == "rm-edge"))
        })
        .collect();
    assert!(!edges.is_empty());
    for edge in edges {
        // The next path is its hit area, along the same line.
        // (`next_siblings` starts at the node itself.)
        let hit = edge
            .next_siblings()
            .skip(1)
            .find(|n| n.tag_name().name() == "path")
            .expect("a hit area after the arrow");
        assert_eq!(hit.attribute("class"), Some("rm-hit"));
        assert_eq!(hit.attribute("d"), edge.attribute("d"));
    }
    assert!(!render(&scene).contains("rm-hit"));
}
