//! What an address the app does not have shows: the router's fallback, and a module or
//! attempt page whose id is unknown.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
        <p><A href=routes::HOME>"Go to the start page"</A></p>
    }
}
