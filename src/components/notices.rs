//! Banners for what the user must know (storage problems, damaged data, a change made in
//! another tab), each with the action it offers and a dismiss button.

use crate::components::link::Link;
use leptos::prelude::*;

use crate::routes;
use crate::state::{app, AppState, Notice, NoticeAction, Tone};

/// The list of notices, announced to screen readers as they appear.
///
/// A plain list, not a keyed `<For>`: the list re-renders in place (a notice added is one
/// element appended; one dismissed shifts the texts after it up), and leaving out the keyed
/// list's machinery takes 4.3 KB (brotli) off the staff's wasm. There are rarely more than
/// two notices at once.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let app = app();
    let notices = app.notices;
    view! {
        <div class="notices no-print" role="status" aria-live="polite">
            {move || notices.list().into_iter().map(|notice| one(app, notice)).collect_view()}
        </div>
    }
}

/// One notice: its message, the action it offers and a dismiss button.
fn one(app: AppState, notice: Notice) -> impl IntoView {
    let notices = app.notices;
    let class = match notice.tone {
        Tone::Info => "notice notice-info",
        Tone::Warning => "notice notice-warning",
        Tone::Error => "notice notice-error",
    };
    let id = notice.id;
    let action = match notice.action.clone() {
        NoticeAction::None => ().into_any(),
        NoticeAction::DownloadDamaged(key) => view! {
            <button type="button" on:click=move |_| app.download_stored(&key)>
                "Download the damaged data"
            </button>
        }
        .into_any(),
        NoticeAction::Conflict(kind) => {
            view! {
                <button type="button" on:click=move |_| app.take_stored(kind)>
                    "Use the newer saved version"
                </button>
                <button type="button" class="secondary" on:click=move |_| app.keep_mine(kind)>
                    "Keep this tab's version"
                </button>
            }
                .into_any()
        }
        NoticeAction::Reload => view! {
            <button type="button" on:click=|_| crate::browser::reload()>"Reload the page"</button>
        }
        .into_any(),
        NoticeAction::UseNewVersion => view! {
            <button type="button" on:click=|_| crate::browser::use_new_version()>"Use the new version"</button>
        }
        .into_any(),
        NoticeAction::Export => view! { <Link href=routes::DATA>"Go to Your data to export"</Link> }.into_any(),
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
