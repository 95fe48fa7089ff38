//! The one place that moves files in and out: downloads made from text, and text read from
//! files the user picks or drops. Nothing here interprets the text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a chosen file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("This file is too large ({size} bytes). The limit is {limit} bytes ({} MB).", limit / 1_000_000)]
    TooLarge { size: usize, limit: usize },
    #[error("The browser could not read this file.")]
    Unreadable,
    #[error("The browser could not prepare the download.")]
    NoDownload,
}

/// A file the user chose, read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedFile {
    pub name: String,
    pub size: usize,
    pub text: Result<String, FileError>,
}

/// Offers `text` to the user as a download called `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| FileError::NoDownload)?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FileError::NoDownload)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(FileError::NoDownload)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| FileError::NoDownload)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads every file in a list (from an `<input type=file>` or a drop) as text. A file that
/// cannot be read, or is over `max_bytes`, carries its own error and does not stop the rest.
pub async fn read_all(files: Vec<web_sys::File>, max_bytes: usize) -> Vec<PickedFile> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let size = file.size() as usize;
        let text = if size > max_bytes {
            Err(FileError::TooLarge {
                size,
                limit: max_bytes,
            })
        } else {
            JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or(FileError::Unreadable)
        };
        out.push(PickedFile {
            name: file.name(),
            size,
            text,
        });
    }
    out
}

fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

/// The files chosen in an `<input type=file>`, taken before the input is cleared.
pub fn files_from_input(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
    let files = list(input.as_ref().and_then(|i| i.files()));
    // Clearing lets the same file be chosen again (which fires `change` again).
    if let Some(input) = input {
        input.set_value("");
    }
    files
}

/// The files in a drop event.
pub fn files_from_drop(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    list(ev.data_transfer().and_then(|d| d.files()))
}
