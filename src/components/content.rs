//! Course text: blocks of prose or lists with their references, placeholders filled from
//! the school settings. Everything is plain text nodes, never HTML.

use leptos::prelude::*;

use crate::components::references::RefLinks;
use crate::domain::content::Block;
use crate::state::app;

/// Fills placeholders in a piece of course text, reactively.
pub fn filled(text: String) -> impl Fn() -> String + Send + Sync + 'static {
    let settings = app().settings();
    move || settings.with(|s| s.fill(&text))
}

/// A block: a paragraph and/or a list, with its references.
#[component]
pub fn BlockView(block: Block) -> impl IntoView {
    let Block { text, items, refs } = block;
    let has_text = !text.is_empty();
    let has_items = !items.is_empty();
    let list = has_items.then(|| {
        view! { <ul>{items.into_iter().map(|i| view! { <li>{filled(i)}</li> }).collect_view()}</ul> }
    });
    if has_text {
        view! {
            <p>{filled(text)} " " {(!has_items).then(|| view! { <RefLinks refs=refs.clone() /> })}</p>
            {list}
            {has_items.then(|| view! { <p class="refs-line"><RefLinks refs=refs /></p> })}
        }
        .into_any()
    } else {
        view! {
            {list}
            <p class="refs-line"><RefLinks refs=refs /></p>
        }
        .into_any()
    }
}
