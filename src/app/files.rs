//! Loading files into the editor, from the file picker or a drop: their texts joined.

use super::browser::{join_files, read_files};
use super::state::Ui;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Reads `files` and replaces the text with them (several files joined as separate documents).
/// Nothing changes when none can be read; the notice says why.
pub fn load(ui: Ui, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    spawn_local(async move {
        match read_files(&files).await {
            Ok(texts) => {
                ui.notices.file_error.set(None);
                let names: Vec<String> = texts.iter().map(|(n, _)| n.clone()).collect();
                let texts: Vec<String> = texts.into_iter().map(|(_, t)| t).collect();
                ui.replace_text(join_files(&texts));
                ui.notices
                    .status
                    .set(Some(format!("Opened {}", names.join(", "))));
            }
            Err(e) => ui
                .notices
                .file_error
                .set(Some(format!("Could not read the file: {e}"))),
        }
    });
}

/// The files of a `FileList`, taken out of it at once (the list empties when the input resets).
pub fn from_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
