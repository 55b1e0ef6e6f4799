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
