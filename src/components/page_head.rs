//! The top of a page: the browser tab's title, the page's one heading, and the lead
//! paragraph that says what the page is for.

use crate::components::title::Title;
use leptos::prelude::*;

/// A page's title, heading and lead paragraph.
#[component]
pub fn PageHead(
    /// The browser tab's title (the app's name is added after it).
    title: &'static str,
    /// The page's heading.
    heading: &'static str,
    /// What the page is for, in a sentence or two.
    lead: &'static str,
) -> impl IntoView {
    view! {
        <Title text=title />
        <h1>{heading}</h1>
        <p class="lead">{lead}</p>
    }
}
