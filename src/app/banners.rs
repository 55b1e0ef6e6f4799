//! Messages at the top of the page: a share link that could not be read, text that cannot
//! be kept, files that could not be read. (A panic's banner is static HTML: see `panic.rs`.)

use super::state::use_ui;
use leptos::prelude::*;

/// The page's notices, each dismissable.
#[component]
pub fn Banners() -> impl IntoView {
    let notices = use_ui().notices;
    view! {
        {move || {
            notices
                .share_error
                .get()
                .map(|e| {
                    view! {
                        <div class="banner error" role="alert">
                            <span>{format!("The share link could not be opened: {e}. Your text is unchanged.")}</span>
                            <button type="button" on:click=move |_| notices.share_error.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            notices
                .file_error
                .get()
                .map(|e| {
                    view! {
                        <div class="banner error" role="alert">
                            <span>{e}</span>
                            <button type="button" on:click=move |_| notices.file_error.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                })
        }}
        <Show when=move || notices.storage_failed.get()>
            <div class="banner warning" role="status" data-testid="storage-note">
                "This browser does not let the page keep your text (local storage is unavailable or full): copy it or a share link before you leave."
            </div>
        </Show>
    }
}
