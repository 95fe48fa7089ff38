//! Your data: export, import, backup, restore, erase.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// Routes under /data.
#[component(transparent)]
pub fn DataRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/data") view=DataHome /> }.into_inner()
}

#[component]
fn DataHome() -> impl IntoView {
    view! {
        <Title text="Your data" />
        <h1>"Your data"</h1>
    }
}
