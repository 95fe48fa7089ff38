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
    /// The SHA-256 of the file's bytes, in hex (empty where the browser offers no hashing:
    /// an insecure origin).
    pub sha256: String,
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

/// Reads every file in a list (from an `<input type=file>` or a drop) as text, with the
/// SHA-256 of its bytes. A file that cannot be read, or is over `max_bytes`, carries its own
/// error and does not stop the rest.
pub async fn read_all(files: Vec<web_sys::File>, max_bytes: usize) -> Vec<PickedFile> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let size = file.size() as usize;
        let (text, sha256) = if size > max_bytes {
            let error = FileError::TooLarge {
                size,
                limit: max_bytes,
            };
            (Err(error), String::new())
        } else {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let sha256 = sha256(&buffer).await;
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    (
                        String::from_utf8(bytes).map_err(|_| FileError::Unreadable),
                        sha256,
                    )
                }
                Err(_) => (Err(FileError::Unreadable), String::new()),
            }
        };
        out.push(PickedFile {
            name: file.name(),
            size,
            text,
            sha256,
        });
    }
    out
}

/// The SHA-256 of some bytes, in hex, by the browser's own crypto (empty where it offers
/// none: an insecure origin).
async fn sha256(buffer: &wasm_bindgen::JsValue) -> String {
    let Some(subtle) = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
    else {
        return String::new();
    };
    let Ok(promise) = subtle
        .digest_with_str_and_buffer_source("SHA-256", buffer.unchecked_ref::<js_sys::Object>())
    else {
        return String::new();
    };
    match JsFuture::from(promise).await {
        Ok(digest) => js_sys::Uint8Array::new(&digest)
            .to_vec()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        Err(_) => String::new(),
    }
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
