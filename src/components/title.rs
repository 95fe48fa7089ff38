//! The document's title, set by the page that is showing: "Quiz: The four Cs | Online Safety
//! Workbench". A page's own title goes before the app's name; no title leaves the app's name.

use leptos::prelude::*;

use crate::browser;

/// The app's name, which ends every title.
pub const APP_NAME: &str = "Online Safety Workbench";

/// Sets the document's title while the page that renders it is showing.
#[component]
pub fn Title(
    /// The page's own part of the title.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    Effect::new(move |_| {
        let page = text.get();
        browser::set_title(&if page.is_empty() {
            APP_NAME.to_owned()
        } else {
            format!("{page} | {APP_NAME}")
        });
    });
}
