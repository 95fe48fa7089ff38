//! Citations: a claim's references as links into the policy page.

use leptos::prelude::*;

use crate::components::link::Link;
use crate::domain::sources::Reference;
use crate::routes;
use crate::state::app;

/// The references for one claim, e.g. "(Policy: section B; KCSIE)", each a link.
#[component]
pub fn RefLinks(
    /// Reference strings such as `policy:section-b` or `source:kcsie`.
    refs: Vec<String>,
) -> impl IntoView {
    // Shown with content that has loaded, so the sources have too.
    let sources = app().sources().ready().unwrap_or_default();
    let links: Vec<_> = refs
        .iter()
        .filter_map(|r| Reference::parse(r))
        .map(|r| (routes::reference(&r), r.label(sources)))
        .collect();
    (!links.is_empty()).then(|| {
        let count = links.len();
        view! {
            <span class="refs">
                "("
                {links
                    .into_iter()
                    .enumerate()
                    .map(|(i, (href, label))| {
                        view! {
                            <Link href=href>{label}</Link>
                            {(i + 1 < count).then_some("; ")}
                        }
                    })
                    .collect_view()}
                ")"
            </span>
        }
    })
}
