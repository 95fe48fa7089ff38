//! The one place that moves files in and out: downloads made from text, and text read from
//! files the user picks or drops. Nothing here interprets the text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::staff::WalkBudget;

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
    // The browser may still be reading the file after click() returns (a slow disk, a save
    // dialog): the URL is revoked a minute later, as safe mode does (public/boot.js).
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            DOWNLOAD_KEPT_MS,
        );
    }
    Ok(())
}

/// How long a download's blob URL stays readable after its link was clicked.
const DOWNLOAD_KEPT_MS: i32 = 60_000;

/// Reads every file in a list (from an `<input type=file>` or a drop) as text, with the
/// SHA-256 of its bytes. A file that cannot be read, or is over `max_bytes`, carries its own
/// error and does not stop the rest.
pub async fn read_all(files: Vec<web_sys::File>, max_bytes: usize) -> Vec<PickedFile> {
    let found: Vec<Found> = files.into_iter().map(Found::of).collect();
    read_batch(&found, max_bytes).await
}

/// Reads a batch of files side by side (every read, then every digest, is started before
/// any is awaited), each as text with the SHA-256 of its bytes, named by its path. A file
/// that cannot be read, or is over `max_bytes`, carries its own error.
pub async fn read_batch(found: &[Found], max_bytes: usize) -> Vec<PickedFile> {
    let reads: Vec<Option<JsFuture>> = found
        .iter()
        .map(|f| {
            (f.file.size() as usize <= max_bytes).then(|| JsFuture::from(f.file.array_buffer()))
        })
        .collect();
    let mut buffers = Vec::with_capacity(found.len());
    for read in reads {
        buffers.push(match read {
            Some(read) => read.await.ok(),
            None => None,
        });
    }
    let digests: Vec<Option<JsFuture>> = buffers
        .iter()
        .map(|b| b.as_ref().and_then(digest))
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for ((f, buffer), digest) in found.iter().zip(buffers).zip(digests) {
        let size = f.file.size() as usize;
        let text = match buffer {
            _ if size > max_bytes => Err(FileError::TooLarge {
                size,
                limit: max_bytes,
            }),
            None => Err(FileError::Unreadable),
            Some(buffer) => String::from_utf8(js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(|_| FileError::Unreadable),
        };
        let sha256 = match digest {
            Some(digest) => digest.await.map(|d| hex(&d)).unwrap_or_default(),
            None => String::new(),
        };
        out.push(PickedFile {
            name: f.path.clone(),
            size,
            text,
            sha256,
        });
    }
    out
}

/// Reads one file's bytes, as they are: a staff export's text is decoded by the domain
/// (`roster::read_table`), which knows its encodings. Refused over `max_bytes`.
pub async fn read_bytes(file: &web_sys::File, max_bytes: usize) -> Result<Vec<u8>, FileError> {
    let size = file.size() as usize;
    if size > max_bytes {
        return Err(FileError::TooLarge {
            size,
            limit: max_bytes,
        });
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Starts the SHA-256 of some bytes by the browser's own crypto (`None` where it offers
/// none: an insecure origin).
fn digest(buffer: &wasm_bindgen::JsValue) -> Option<JsFuture> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    subtle
        .digest_with_str_and_buffer_source("SHA-256", buffer.unchecked_ref::<js_sys::Object>())
        .ok()
        .map(JsFuture::from)
}

fn hex(digest: &wasm_bindgen::JsValue) -> String {
    js_sys::Uint8Array::new(digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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

/// A file found in a pick or a drop, with its path inside any folder chosen
/// ("records/2026/ann.json"), read later in batches.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: String,
    pub file: web_sys::File,
}

impl Found {
    fn of(file: web_sys::File) -> Self {
        // A folder chosen with `webkitdirectory` gives each file its path inside the folder.
        let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|p| p.as_string())
            .filter(|p| !p.is_empty());
        Self {
            path: relative.unwrap_or_else(|| file.name()),
            file,
        }
    }
}

/// What a pick or a drop found: the files wanted (not yet read, at most
/// `MAX_FILES_PER_IMPORT`), the paths of the wanted files over that cap, and the paths of the
/// others.
#[derive(Debug, Clone, Default)]
pub struct FoundFiles {
    pub wanted: Vec<Found>,
    pub over_cap: Vec<String>,
    pub skipped: Vec<String>,
    /// A dropped folder was not walked to its end (`WalkBudget`).
    pub stopped: bool,
}

impl FoundFiles {
    fn sort(files: impl IntoIterator<Item = Found>, wanted: fn(&str) -> bool) -> Self {
        let mut found = Self::default();
        for file in files {
            if !wanted(&file.path) {
                found.skipped.push(file.path);
            } else if WalkBudget::takes(found.wanted.len()) {
                found.wanted.push(file);
            } else {
                found.over_cap.push(file.path);
            }
        }
        found
    }
}

/// Every file chosen in an `<input type=file>` (files, or a folder's whole tree), taken
/// before the input is cleared, sorted into those `wanted` (by path) and the others.
pub fn found_in_input(ev: &web_sys::Event, wanted: fn(&str) -> bool) -> FoundFiles {
    FoundFiles::sort(files_from_input(ev).into_iter().map(Found::of), wanted)
}

/// What a drop holds: files, and folders to walk. Taken while the drop event lasts (the
/// browser empties the list when it ends), walked afterwards.
pub struct Dropped {
    files: Vec<Found>,
    folders: Vec<web_sys::FileSystemDirectoryEntry>,
    entries: Vec<web_sys::FileSystemFileEntry>,
}

/// The files and folders in a drop event.
pub fn dropped(ev: &web_sys::DragEvent) -> Dropped {
    let mut out = Dropped {
        files: Vec::new(),
        folders: Vec::new(),
        entries: Vec::new(),
    };
    let Some(transfer) = ev.data_transfer() else {
        return out;
    };
    let items = transfer.items();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry().ok().flatten() {
            Some(entry) if entry.is_directory() => out.folders.push(entry.unchecked_into()),
            Some(entry) if entry.is_file() => out.entries.push(entry.unchecked_into()),
            // No entry (an older browser, or a drop made by a script): the plain file.
            _ => out
                .files
                .extend(item.get_as_file().ok().flatten().map(Found::of)),
        }
    }
    out
}

impl Dropped {
    /// Every file dropped and every file inside the folders dropped (sub-folders too),
    /// sorted into those `wanted` (by path, at most `MAX_FILES_PER_IMPORT`), those over that
    /// cap and the others. Every entry walked counts against `WalkBudget`, so a folder of any
    /// size or depth ends the walk in bounded time, saying so.
    pub async fn walk(self, wanted: fn(&str) -> bool) -> FoundFiles {
        let Dropped {
            files,
            folders,
            entries,
        } = self;
        let mut found = FoundFiles::sort(files, wanted);
        let mut budget = WalkBudget::default();
        // Each folder still to open, with its depth below the drop (a dropped folder is 1).
        let mut folders: Vec<_> = folders.into_iter().map(|f| (f, 1)).collect();
        let mut level = entries;
        loop {
            // The record files of this level within the cap are fetched side by side.
            let mut fetching = Vec::new();
            for entry in level.drain(..) {
                let path = path_of(&entry);
                if !wanted(&path) {
                    found.skipped.push(path);
                } else if WalkBudget::takes(found.wanted.len() + fetching.len()) {
                    fetching.push((path, file_of(&entry)));
                } else {
                    found.over_cap.push(path);
                }
            }
            for (path, file) in fetching {
                if let Ok(file) = file.await {
                    found.wanted.push(Found {
                        path,
                        file: file.unchecked_into(),
                    });
                }
            }
            let Some((folder, depth)) = folders.pop() else {
                break;
            };
            for entry in read_folder(&folder, &mut budget).await {
                if entry.is_directory() {
                    if budget.opens(depth + 1) {
                        folders.push((entry.unchecked_into(), depth + 1));
                    }
                } else if entry.is_file() {
                    level.push(entry.unchecked_into());
                }
            }
        }
        found.stopped = budget.stopped;
        found
    }
}

/// An entry's path inside the drop ("records/ann.json").
fn path_of(entry: &web_sys::FileSystemFileEntry) -> String {
    entry
        .unchecked_ref::<web_sys::FileSystemEntry>()
        .full_path()
        .trim_start_matches('/')
        .to_owned()
}

/// Calls a callback-style browser function now, for its callback's value later.
fn callback(call: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> JsFuture {
    let mut call = Some(call);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(call) = call.take() {
            call(&resolve, &reject);
        }
    });
    JsFuture::from(promise)
}

/// Every entry of a folder, each counted against `budget` (none once it is spent): the
/// browser hands them over in batches until an empty one.
async fn read_folder(
    folder: &web_sys::FileSystemDirectoryEntry,
    budget: &mut WalkBudget,
) -> Vec<web_sys::FileSystemEntry> {
    let reader = folder.create_reader();
    let mut out = Vec::new();
    loop {
        let batch = callback(|ok, fail| {
            if let Err(e) = reader.read_entries_with_callback_and_callback(ok, fail) {
                let _ = fail.call1(&wasm_bindgen::JsValue::NULL, &e);
            }
        })
        .await;
        let Ok(batch) = batch.map(|b| js_sys::Array::from(&b)) else {
            break;
        };
        if batch.length() == 0 {
            break;
        }
        for entry in batch.iter() {
            if !budget.visit() {
                return out;
            }
            out.push(entry.unchecked_into());
        }
    }
    out
}

/// Starts fetching the file behind a file entry.
fn file_of(entry: &web_sys::FileSystemFileEntry) -> JsFuture {
    callback(|ok, fail| entry.file_with_callback_and_callback(ok, fail))
}
