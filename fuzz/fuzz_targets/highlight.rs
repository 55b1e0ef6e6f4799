//! The editor's highlighter sees every keystroke's text: it must never panic, and its HTML,
//! once tags are removed and entities decoded, must be exactly the text (nothing lost, nothing
//! injected).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reachmap_core::highlight;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let html = highlight::yaml_html(&text);
    let mut plain = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    assert_eq!(plain, text);
});
