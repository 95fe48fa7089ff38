//! Banners for what the user must know (storage problems, damaged data, a change made in
//! another tab), each with the action it offers and a dismiss button.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::{use_notices, NoticeAction, Tone};
use crate::{files, storage};

/// The list of notices, announced to screen readers as they appear.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let notices = use_notices();
    let stores = storage::use_stores();
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
                    let action = match notice.action.clone() {
                        NoticeAction::None => ().into_any(),
                        NoticeAction::DownloadDamaged(key) => {
                            let filename = format!("{}.json", key.replace(':', "-"));
                            view! {
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        if let Some(text) = storage::read_raw(&key) {
                                            if let Err(e) = files::download(&filename, "application/json", &text) {
                                                notices.push(Tone::Error, e);
                                            }
                                        }
                                    }
                                >
                                    "Download the damaged data"
                                </button>
                            }
                                .into_any()
                        }
                        NoticeAction::Conflict(kind) => {
                            view! {
                                <button type="button" on:click=move |_| stores.reload(kind)>
                                    "Use the newer saved version"
                                </button>
                                <button type="button" class="secondary" on:click=move |_| stores.overwrite(kind)>
                                    "Keep this tab's version"
                                </button>
                            }
                                .into_any()
                        }
                        NoticeAction::Export => view! { <A href="/data">"Go to Your data to export"</A> }.into_any(),
                    };
                    view! {
                        <div class=class>
                            <p>{notice.message.clone()}</p>
                            <div class="actions">
                                {action}
                                <button type="button" class="link-button" on:click=move |_| notices.dismiss(id)>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }
                }
            />
        </div>
    }
}
