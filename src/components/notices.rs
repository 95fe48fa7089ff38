//! Banners for what the user must know (storage problems, damaged data), with a download
//! for damaged data and a dismiss button.

use leptos::prelude::*;

use crate::state::{use_notices, Tone};
use crate::{files, storage};

/// The list of notices, announced to screen readers as they appear.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let notices = use_notices();
    view! {
        <div class="notices no-print" role="status" aria-live="polite">
            <For
                each=move || notices.0.get()
                key=|n| n.id
                children=move |notice| {
                    let class = match notice.tone {
                        Tone::Info => "notice notice-info",
                        Tone::Warning => "notice notice-warning",
                        Tone::Error => "notice notice-error",
                    };
                    let id = notice.id;
                    let download = notice.download_key.clone().map(|key| {
                        let filename = format!("{}.json", key.replace(':', "-"));
                        view! {
                            <button
                                type="button"
                                on:click=move |_| {
                                    if let Some(text) = storage::read_raw(&key) {
                                        let _ = files::download(&filename, "application/json", &text);
                                    }
                                }
                            >
                                "Download the damaged data"
                            </button>
                        }
                    });
                    view! {
                        <div class=class>
                            <p>{notice.message.clone()}</p>
                            {download}
                            <button type="button" class="link-button" on:click=move |_| notices.dismiss(id)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
