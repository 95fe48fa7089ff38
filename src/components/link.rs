//! A link to any page of the app. Within this bundle it is the router's link (no reload, and
//! it marks the current page); to the other bundle it is a plain link that loads that bundle.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::{bundle_of, Bundle};

/// A link to `href`, whichever bundle serves it.
#[component]
pub fn Link(
    /// The address (see `routes`).
    #[prop(into)]
    href: String,
    /// CSS classes (e.g. "button").
    #[prop(optional, into)]
    class: Option<String>,
    children: Children,
) -> impl IntoView {
    let here = use_context::<Bundle>().unwrap_or(Bundle::Staff);
    if bundle_of(&href) == here {
        view! { <A href=href attr:class=class>{children()}</A> }.into_any()
    } else {
        // rel=external: the router leaves it to the browser, which loads the other bundle.
        view! { <a href=href class=class rel="external">{children()}</a> }.into_any()
    }
}
