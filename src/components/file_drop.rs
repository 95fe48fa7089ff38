//! A file picker that also takes files dropped on it. It reads the files as text (through
//! `files`) and hands them on; it never interprets them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::envelope::MAX_IMPORT_BYTES;
use crate::files::{self, PickedFile};

/// A labelled file input inside a drop zone. `multiple` allows many files at once.
#[component]
pub fn FileDrop(
    /// The input's id (for its label).
    id: &'static str,
    /// What the files are, as the label says it ("Choose a backup file").
    label: &'static str,
    #[prop(optional)] multiple: bool,
    /// The largest file taken, in bytes (a single record, audit or settings file unless
    /// said otherwise).
    #[prop(default = MAX_IMPORT_BYTES)]
    max_bytes: usize,
    /// Called with the files read.
    on_files: Callback<Vec<PickedFile>>,
) -> impl IntoView {
    let read = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        spawn_local(async move {
            let picked = files::read_all(list, max_bytes).await;
            if !picked.is_empty() {
                on_files.run(picked);
            }
        });
    };
    let hint = format!("{id}-hint");
    view! {
        <DropZone on_drop=Callback::new(move |ev: web_sys::DragEvent| read(files::files_from_drop(&ev)))>
            <label for=id>{label}</label>
            <p class="hint" id=hint.clone()>
                {if multiple { "Or drop the files here. " } else { "Or drop the file here. " }}
                {format!("JSON files up to {} MB.", max_bytes / 1_000_000)}
            </p>
            <input
                type="file"
                id=id
                accept=".json,application/json"
                multiple=multiple
                aria-describedby=hint
                on:change=move |ev| read(files::files_from_input(&ev))
            />
        </DropZone>
    }
}

/// The dashed area files are dropped on: it shows when something is dragged over it and hands
/// the drop on (the browser's own handling, opening the file, is stopped).
#[component]
pub fn DropZone(on_drop: Callback<web_sys::DragEvent>, children: Children) -> impl IntoView {
    let over = RwSignal::new(false);
    view! {
        <div
            class="drop-zone"
            class:over=move || over.get()
            on:dragover=move |ev| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                over.set(false);
                on_drop.run(ev);
            }
        >
            {children()}
        </div>
    }
}
