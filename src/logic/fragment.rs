//! The share link's URL fragment: `#s=<share::encode(text)>&view=<tab>`, then the chosen
//! flow's words and the selection when there are (`&from=…&to=…&port=…&sel=…`, percent-encoded),
//! and in Compare mode the text kept as before (`&b=<share::encode(before)>`). Links made before
//! Compare mode have no `b` and open as they did; a reader that does not know `b` ignores it.
//! Only the fragment carries the state, and browsers never send fragments to servers.

use super::flow::FlowWords;
use super::tab::Tab;
use reachmap_core::share;

/// What a fragment asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct Shared {
    /// The text, or why the link cannot be read.
    pub text: Result<String, String>,
    pub tab: Option<Tab>,
    /// The flow explained (empty words when none).
    pub flow: FlowWords,
    /// The selected endpoint or Service.
    pub selection: Option<String>,
    /// The text kept as before (Compare mode), or why it cannot be read.
    pub before: Option<Result<String, String>>,
}

/// What a link shows besides the text: the view, the flow explained, the selection.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    pub tab: Tab,
    pub flow: &'a FlowWords,
    pub selection: Option<&'a str>,
    /// The text kept as before, while comparing.
    pub before: Option<&'a str>,
}

/// Percent-encodes everything but the characters endpoint words are made of, so `&`, `=`, `#`
/// and `%` in a name cannot end a field.
fn encode(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for b in word.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:[]".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads `encode`'s words back; a malformed escape is kept as written.
fn decode(word: &str) -> String {
    let bytes = word.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads a fragment (`location.hash`, with or without `#`). `None` when it carries no share
/// state at all (an empty fragment, or an anchor of the page's own).
pub fn read(hash: &str) -> Option<Shared> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let mut text = None;
    let mut tab = None;
    let mut flow = FlowWords::default();
    let mut selection = None;
    let mut before = None;
    for pair in hash.split('&') {
        let Some((key, v)) = pair.split_once('=') else {
            continue;
        };
        match key {
            "s" => text = Some(share::decode(v).map_err(|e| e.to_string())),
            "view" => tab = Tab::from_key(v),
            "from" => flow.from = decode(v),
            "to" => flow.to = decode(v),
            "port" => flow.port = decode(v),
            "sel" => selection = Some(decode(v)).filter(|s| !s.is_empty()),
            "b" => before = Some(share::decode(v).map_err(|e| e.to_string())),
            _ => {}
        }
    }
    text.map(|text| Shared {
        text,
        tab,
        flow,
        selection,
        before,
    })
}

/// The share link for `text` shown as `view` says: `base` (the page's address without
/// fragment), then the fragment. Fails, with the reason, when the link would be refused on
/// opening.
pub fn link(base: &str, text: &str, view: View) -> Result<String, String> {
    let encoded = share::encode_checked(text).map_err(|e| e.to_string())?;
    let mut url = format!("{base}#s={encoded}&view={}", view.tab.key());
    let f = view.flow;
    for (key, word) in [("from", &f.from), ("to", &f.to), ("port", &f.port)] {
        if !word.is_empty() {
            url.push_str(&format!("&{key}={}", encode(word)));
        }
    }
    if let Some(sel) = view.selection {
        url.push_str(&format!("&sel={}", encode(sel)));
    }
    if let Some(before) = view.before {
        let kept = share::encode_checked(before).map_err(|e| e.to_string())?;
        url.push_str(&format!("&b={kept}"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(tab: Tab) -> View<'static> {
        static NONE: FlowWords = FlowWords {
            from: String::new(),
            to: String::new(),
            port: String::new(),
        };
        View {
            tab,
            flow: &NONE,
            selection: None,
            before: None,
        }
    }

    #[test]
    fn a_link_reads_back_its_flow_and_selection() {
        let flow = FlowWords {
            from: "default/a&b=c#%".into(),
            to: "shop/web[Deployment]".into(),
            port: "TCP/8080".into(),
        };
        let view = View {
            tab: Tab::Policies,
            flow: &flow,
            selection: Some("svc:shop/wé b"),
            before: None,
        };
        let url = link("http://127.0.0.1/", "kind: Pod\n", view).unwrap();
        assert!(
            url.contains("&to=shop/web[Deployment]&port=TCP/8080"),
            "{url}"
        );
        let shared = read(url.split_once('#').unwrap().1).unwrap();
        assert_eq!(shared.flow, flow);
        assert_eq!(shared.selection.as_deref(), Some("svc:shop/wé b"));
        assert_eq!(shared.tab, Some(Tab::Policies));
        // Without a flow or selection, the link has neither.
        let plain = link("http://127.0.0.1/", "kind: Pod\n", only(Tab::Services)).unwrap();
        let shared = read(plain.split_once('#').unwrap().1).unwrap();
        assert_eq!(shared.flow, FlowWords::default());
        assert_eq!(shared.selection, None);
        assert_eq!(decode("100%zz%4"), "100%zz%4");
    }

    #[test]
    fn a_link_reads_back_its_text_and_tab() {
        let text = "kind: Pod\nmetadata: {name: é}\n";
        let url = link("http://127.0.0.1:8080/reachmap/", text, only(Tab::Matrix)).unwrap();
        let (base, hash) = url.split_once('#').unwrap();
        assert_eq!(base, "http://127.0.0.1:8080/reachmap/");
        assert!(
            hash.starts_with("s=v1.") && hash.ends_with("&view=matrix"),
            "{hash}"
        );
        let shared = read(&format!("#{hash}")).unwrap();
        assert_eq!(shared.text.as_deref(), Ok(text));
        assert_eq!(shared.tab, Some(Tab::Matrix));
        // With or without the `#`, in either order.
        let (s, view) = hash.split_once('&').unwrap();
        assert_eq!(read(&format!("{view}&{s}")), Some(shared));
    }

    #[test]
    fn a_link_carries_the_text_kept_as_before_and_old_links_still_open() {
        let view = View {
            before: Some("kind: Pod\nmetadata: {name: before}\n"),
            ..only(Tab::Policies)
        };
        let url = link("http://127.0.0.1/", "kind: Pod\n", view).unwrap();
        let shared = read(url.split_once('#').unwrap().1).unwrap();
        assert_eq!(shared.text.as_deref(), Ok("kind: Pod\n"));
        assert_eq!(
            shared.before,
            Some(Ok("kind: Pod\nmetadata: {name: before}\n".to_string()))
        );
        // A link as written before Compare mode existed (its fields are unchanged; the
        // text zlib-compressed by Python): the same text and view, nothing kept as before.
        let old =
            "s=v1.eNrLzsxLsVIIyE_hSsvPt1JISiwCADmvBgE&view=policies&from=default/a&to=default/b";
        let shared = read(old).unwrap();
        assert_eq!(shared.text.as_deref(), Ok("kind: Pod\nfoo: bar"));
        assert_eq!(shared.tab, Some(Tab::Policies));
        assert_eq!(shared.flow.to, "default/b");
        assert_eq!(shared.before, None);
        // A damaged before says why, without costing the text.
        let shared = read("s=v1.eNrLzsxLsVIIyE_hSsvPt1JISiwCADmvBgE&b=v1.broken").unwrap();
        assert!(shared.text.is_ok());
        assert!(shared.before.unwrap().is_err());
    }

    #[test]
    fn a_fragment_without_a_text_is_not_a_share_link() {
        assert_eq!(read(""), None);
        assert_eq!(read("#"), None);
        assert_eq!(read("#reachmap-panic-test"), None);
        assert_eq!(read("#view=policies"), None);
    }

    #[test]
    fn an_unreadable_text_says_why_and_an_unknown_view_is_ignored() {
        let shared = read("#s=v1.not-zlib&view=sideways").unwrap();
        assert!(shared.text.is_err());
        assert_eq!(shared.tab, None);
        let err = read("#s=hello").unwrap().text.unwrap_err();
        assert_eq!(err, share::decode("hello").unwrap_err().to_string());
    }

    #[test]
    fn a_text_too_large_for_a_link_is_refused_with_the_reason() {
        let huge = "a".repeat(9 * 1024 * 1024);
        let err = link("http://x/", &huge, only(Tab::Services)).unwrap_err();
        assert_eq!(err, share::encode_checked(&huge).unwrap_err().to_string());
    }
}
