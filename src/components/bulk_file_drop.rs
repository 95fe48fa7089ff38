//! A drop zone for many files at once: a file picker, a folder picker (every file inside,
//! sub-folders included) and a drop target that takes files or whole folders. It only finds
//! the files (through `files`); the page reads and imports them in batches, so a folder of
//! thousands shows its progress and the page stays responsive.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::file_drop::DropZone;
use crate::files::{self, FoundFiles};

/// A file picker, a folder picker and a drop target for files and folders.
#[component]
pub fn BulkFileDrop(
    /// The file input's id (the folder input's is this with `-folder`).
    id: &'static str,
    /// What the files are, as the file picker's label says it.
    label: &'static str,
    /// What the folder picker's label says.
    folder_label: &'static str,
    /// What the hint under the labels says about the files.
    hint: String,
    /// Which files are wanted, by path; the others are reported as skipped.
    wanted: fn(&str) -> bool,
    /// While true the pickers are disabled (an import is under way).
    #[prop(into)]
    busy: Signal<bool>,
    /// Called with the files found, unread.
    on_found: Callback<FoundFiles>,
) -> impl IntoView {
    let hand_on = move |found: FoundFiles| {
        if !found.wanted.is_empty() || !found.skipped.is_empty() || !found.over_cap.is_empty() {
            on_found.run(found);
        }
    };
    let hint_id = format!("{id}-hint");
    let folder_id = format!("{id}-folder");
    view! {
        <DropZone on_drop=Callback::new(move |ev: web_sys::DragEvent| {
            if busy.get_untracked() {
                return;
            }
            // The drop's list is only readable now; its folders are walked afterwards.
            let dropped = files::dropped(&ev);
            spawn_local(async move { hand_on(dropped.walk(wanted).await) });
        })>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <div class="pickers">
                <div>
                    <label for=id>{label}</label>
                    <input
                        type="file"
                        id=id
                        accept=".json,application/json"
                        multiple=true
                        aria-describedby=hint_id.clone()
                        disabled=busy
                        on:change=move |ev| hand_on(files::found_in_input(&ev, wanted))
                    />
                </div>
                <div>
                    <label for=folder_id.clone()>{folder_label}</label>
                    <input
                        type="file"
                        id=folder_id
                        prop:webkitdirectory=true
                        multiple=true
                        aria-describedby=hint_id
                        disabled=busy
                        on:change=move |ev| hand_on(files::found_in_input(&ev, wanted))
                    />
                </div>
            </div>
        </DropZone>
    }
}
