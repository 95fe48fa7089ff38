//! A status shown as a coloured tag with its words: the one place tag styles are chosen.

use leptos::prelude::*;

use crate::domain::standing::Standing;

/// The CSS class of a standing's tag.
pub fn class(standing: Standing) -> &'static str {
    match standing {
        Standing::Green => "tag tag-green",
        Standing::Amber => "tag tag-amber",
        Standing::Red => "tag tag-red",
        Standing::Grey => "tag tag-grey",
        Standing::Quiet => "muted",
    }
}

/// A status in words, coloured by how it stands (the words carry the meaning; the colour
/// only repeats it).
#[component]
pub fn Tag(
    /// How the status stands.
    standing: Standing,
    /// What the status is, in words.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    view! { <span class=class(standing)>{text}</span> }
}
