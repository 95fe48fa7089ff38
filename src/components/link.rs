//! A link to any page of the app. Within this bundle the router follows it without a reload
//! and it marks the page showing (`aria-current="page"`: the link to the page itself or to
//! a page above it, such as the section in the main navigation); to the other bundle it is a
//! plain link that loads that bundle.

use leptos::prelude::*;

use crate::router::router;
use crate::routes::{bundle_of, is_current, Bundle};

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
        let location = router().location();
        let target = href.clone();
        let current = move || location.with(|l| is_current(&target, &l.path).then_some("page"));
        view! { <a href=href class=class aria-current=current>{children()}</a> }.into_any()
    } else {
        // rel=external: the router leaves it to the browser, which loads the other bundle.
        view! { <a href=href class=class rel="external">{children()}</a> }.into_any()
    }
}
