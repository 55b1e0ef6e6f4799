//! Export SVG, Copy SVG and Copy share link, with a visible confirmation.

use super::browser::{address_without_fragment, copy, download};
use super::derived::use_derived;
use super::fragment;
use super::state::use_ui;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The export and share buttons. The SVG is `svg::render` of the scene on screen, highlights
/// included (the worker writes it with the scene): the bytes `reachmap render` writes for the
/// same text and view.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let status = ui.notices.status;
    let link = RwSignal::new(None::<String>);
    // Disabled while the worker catches up: an export is of the text as it is.
    let no_scene = move || derived.busy.get() || derived.scene.with(Option::is_none);

    let export = move |_| {
        let Some(scene) = derived.current_scene() else {
            return;
        };
        let name = format!("reachmap-{}.svg", scene.view);
        match download(&name, "image/svg+xml", &scene.export) {
            Ok(()) => status.set(Some(format!("Saved {name}"))),
            Err(e) => status.set(Some(format!("Could not save the SVG: {e}"))),
        }
    };
    let copy_svg = move |_| {
        let Some(scene) = derived.current_scene() else {
            return;
        };
        let text = scene.export.clone();
        spawn_local(async move {
            match copy(&text).await {
                Ok(()) => status.set(Some("SVG copied to the clipboard".into())),
                Err(e) => status.set(Some(format!("Could not copy the SVG: {e}"))),
            }
        });
    };
    let share = move |_| {
        let flow = ui.flow.get_untracked();
        let selection = ui.selection.get_untracked();
        let before = ui
            .before
            .with_untracked(|b| b.as_ref().map(|k| k.text.clone()));
        let view = fragment::View {
            tab: ui.tab.get_untracked(),
            flow: &flow,
            selection: selection.as_deref(),
            before: before.as_deref(),
        };
        let made = ui
            .text
            .with_untracked(|t| fragment::link(&address_without_fragment(), t, view));
        match made {
            Ok(url) => {
                link.set(Some(url.clone()));
                spawn_local(async move {
                    match copy(&url).await {
                        Ok(()) => status.set(Some("Share link copied to the clipboard".into())),
                        Err(e) => status.set(Some(format!("Copy the link below ({e})"))),
                    }
                });
            }
            Err(e) => {
                link.set(None);
                status.set(Some(format!("No share link: {e}")));
            }
        }
    };
    // A link made for an older text would share the wrong state.
    Effect::new(move |_| {
        ui.text.track();
        ui.before.track();
        link.set(None);
    });

    view! {
        <div class="actions" role="group" aria-label="Export and share">
            <button
                type="button"
                on:click=export
                disabled=no_scene
                title="Download the diagram as an SVG file"
            >
                "Export SVG"
            </button>
            <button type="button" on:click=copy_svg disabled=no_scene>
                "Copy SVG"
            </button>
            <button type="button" on:click=share>
                "Copy share link"
            </button>
        </div>
        <div class="status" role="status" aria-live="polite">
            {move || status.get()}
            {move || {
                link.get()
                    .map(|url| {
                        view! {
                            <input
                                class="share-link"
                                type="text"
                                readonly=true
                                aria-label="Share link"
                                data-testid="share-link"
                                prop:value=url
                            />
                        }
                    })
            }}
        </div>
    }
}
