//! The share link's URL fragment: `#s=<share::encode(text)>&view=<tab>`. Only the fragment
//! carries the state, and browsers never send fragments to servers.

use super::tab::Tab;
use reachmap_core::share;

/// What a fragment asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct Shared {
    /// The text, or why the link cannot be read.
    pub text: Result<String, String>,
    pub tab: Option<Tab>,
}

/// Reads a fragment (`location.hash`, with or without `#`). `None` when it carries no share
/// state at all (an empty fragment, or an anchor of the page's own).
pub fn read(hash: &str) -> Option<Shared> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let mut text = None;
    let mut tab = None;
    for pair in hash.split('&') {
        if let Some(v) = pair.strip_prefix("s=") {
            text = Some(share::decode(v).map_err(|e| e.to_string()));
        } else if let Some(v) = pair.strip_prefix("view=") {
            tab = Tab::from_key(v);
        }
    }
    text.map(|text| Shared { text, tab })
}

/// The share link for `text` shown in `tab`: `base` (the page's address without fragment),
/// then the fragment. Fails, with the reason, when the link would be refused on opening.
pub fn link(base: &str, text: &str, tab: Tab) -> Result<String, String> {
    let encoded = share::encode_checked(text).map_err(|e| e.to_string())?;
    Ok(format!("{base}#s={encoded}&view={}", tab.key()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_its_text_and_tab() {
        let text = "kind: Pod\nmetadata: {name: é}\n";
        let url = link("http://127.0.0.1:8080/reachmap/", text, Tab::Matrix).unwrap();
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
        let err = link("http://x/", &huge, Tab::Services).unwrap_err();
        assert_eq!(err, share::encode_checked(&huge).unwrap_err().to_string());
    }
}
