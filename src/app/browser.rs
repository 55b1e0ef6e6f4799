//! The few browser services the page uses, each a small function: downloads, the clipboard,
//! reading files. None of them makes a network request.

use js_sys::{Array, Uint8Array};
use leptos::prelude::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `content` as a file download named `name`, through a Blob's object URL.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = Array::new();
    // Bytes rather than a JS string: the file holds exactly the UTF-8 `content`.
    parts.push(&Uint8Array::from(content.as_bytes()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(js_error)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has started from the click; the URL is no longer needed.
    web_sys::Url::revoke_object_url(&url).map_err(js_error)?;
    Ok(())
}

/// The text of one of the page's own files, by a URL relative to the page (so it works under
/// any sub-path). Only ever called with the page's own `examples/` files.
pub async fn fetch_own_text(path: &str) -> Result<String, String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(path))
        .await
        .map_err(|e| format!("{path}: {}", js_error(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "{path}: the page's server answered {}",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(js_error)?)
        .await
        .map_err(|e| format!("{path}: {}", js_error(e)))?;
    Ok(text.as_string().unwrap_or_default())
}

/// Writes `text` to the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| format!("the browser refused the clipboard ({})", js_error(e)))
}

/// The bytes of the chosen or dropped files, in their order, with their names. Bytes, not
/// `File.text()`, which would replace what is not UTF-8 and hide a binary file.
pub async fn read_files(files: &[web_sys::File]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for file in files {
        let buffer = JsFuture::from(file.array_buffer())
            .await
            .map_err(|e| format!("{}: {}", file.name(), js_error(e)))?;
        out.push((file.name(), Uint8Array::new(&buffer).to_vec()));
    }
    Ok(out)
}

/// Several files as one stream of documents: each starts a new document (`---`), as
/// `kubectl apply -f a.yaml -f b.yaml` reads them.
pub fn join_files(texts: &[String]) -> String {
    let mut out = String::new();
    for (i, t) in texts.iter().enumerate() {
        if i > 0 {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("---\n");
        }
        out.push_str(t);
    }
    out
}

/// The page's address without its fragment: the base of share links.
pub fn address_without_fragment() -> String {
    let href = window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// Removes the fragment from the address bar without reloading, so that a reload keeps the
/// edits made after opening a share link rather than reading the link again.
pub fn clear_fragment() {
    if let Ok(history) = window().history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&address_without_fragment()));
    }
}

/// A JS exception's message.
pub fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
