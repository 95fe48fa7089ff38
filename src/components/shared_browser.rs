//! The warning the DSL's pages carry: nothing here is private from others who use the same
//! browser.

use leptos::prelude::*;

/// Says plainly that anyone using this browser can see and change what the page shows.
#[component]
pub fn SharedBrowserWarning(
    /// What the page holds, as it reads in the sentence ("the audits").
    what: &'static str,
) -> impl IntoView {
    view! {
        <p class="notice notice-warning">
            {format!("Anyone who uses this browser on this device can see, export, change or erase {what}. Keep DSL work in your own browser profile or user account, not on a shared one.")}
        </p>
    }
}
