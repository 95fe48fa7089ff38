//! Citations: a claim's references as links into the policy page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::sources::{self, Reference};
use crate::routes;

/// The references for one claim, e.g. "(Policy: section B; KCSIE)", each a link.
#[component]
pub fn RefLinks(
    /// Reference strings such as `policy:section-b` or `source:kcsie`.
    refs: Vec<String>,
) -> impl IntoView {
    let sources = sources::all();
    let links: Vec<_> = refs
        .iter()
        .filter_map(|r| Reference::parse(r))
        .map(|r| (routes::reference(&r), r.label(&sources)))
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
                            <A href=href>{label}</A>
                            {(i + 1 < count).then_some("; ")}
                        }
                    })
                    .collect_view()}
                ")"
            </span>
        }
    })
}
