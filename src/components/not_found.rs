//! What an address the app does not have shows: the router's fallback, and a module or
//! attempt page whose id is unknown. An address the other bundle serves loads that bundle
//! instead (a safety net: the router already leaves links to the other bundle to the
//! browser, and `Router::navigate` loads it).

use crate::components::title::Title;
use leptos::prelude::*;

use crate::browser;
use crate::components::link::Link;
use crate::routes::{self, bundle_of, Bundle};

#[component]
pub fn NotFound() -> impl IntoView {
    let here = use_context::<Bundle>().unwrap_or(Bundle::Staff);
    if bundle_of(&browser::path()) != here {
        browser::reload();
        return view! { <p class="loading" role="status">"Opening the page…"</p> }.into_any();
    }
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
        <p><Link href=routes::HOME>"Go to the start page"</Link></p>
    }
    .into_any()
}
