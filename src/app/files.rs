//! Loading files into the editor, from the file picker or a drop: their texts joined. A file
//! that is not text (not UTF-8, or with a NUL byte: an image, an archive, a UTF-16 export) is
//! refused with its name and the first byte at fault, and then nothing is loaded.

use super::browser::{join_files, read_files};
use super::state::Ui;
use leptos::prelude::*;
use leptos::task::spawn_local;
use reachmap_core::text::text_of;

/// Reads `files` and replaces the text with them (several files joined as separate documents).
/// Nothing changes when one cannot be read or is not text; the notice names it and says why.
pub fn load(ui: Ui, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    spawn_local(async move {
        let read = match read_files(&files).await {
            Ok(read) => read,
            Err(e) => {
                let error = format!("Could not read the file {e}. Your text is unchanged.");
                ui.notices.file_error.set(Some(error));
                return;
            }
        };
        let mut names = Vec::new();
        let mut texts = Vec::new();
        let mut refused = Vec::new();
        for (name, bytes) in read {
            match text_of(&bytes) {
                Ok(text) => texts.push(text.to_owned()),
                Err(why) => refused.push(format!("{name} is not a text file: {why}")),
            }
            names.push(name);
        }
        if !refused.is_empty() {
            let error = format!(
                "{}. Nothing was opened: your text is unchanged.",
                refused.join("; ")
            );
            ui.notices.file_error.set(Some(error));
            return;
        }
        ui.notices.file_error.set(None);
        // Kept by name too, for the console's `kubectl create -f NAME`.
        ui.opened.set(
            names
                .iter()
                .zip(&texts)
                .map(|(name, text)| reachmap_core::parse::Input {
                    name: name.clone(),
                    text: text.clone(),
                })
                .collect(),
        );
        ui.replace_text(join_files(&texts));
        ui.notices
            .status
            .set(Some(format!("Opened {}", names.join(", "))));
    });
}

/// The files of a `FileList`, taken out of it at once (the list empties when the input resets).
pub fn from_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
