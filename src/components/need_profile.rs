//! The note shown on a training page when nobody has a profile on this device yet.

use leptos::prelude::*;

use crate::components::link::Link;
use crate::routes;

/// Sends the person to create or choose a profile first.
#[component]
pub fn NeedProfile() -> impl IntoView {
    view! {
        <p class="notice notice-warning">
            "Your progress is recorded against a profile on this device. "
            <Link href=routes::TRAINING>"Create or choose your profile"</Link>
            " first."
        </p>
    }
}
