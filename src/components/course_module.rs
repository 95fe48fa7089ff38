//! The training module named in the address (`/training/modules/:id`), for the pages that
//! show one: its reading page and its quiz. Its text and questions load when it is opened.

use leptos::prelude::*;

use crate::components::loading::when_loaded;
use crate::components::not_found::NotFound;
use crate::domain::content::{Course, Module};
use crate::state::{app, Loading};

/// Renders `page` with the course and the module `id` (from the address), once loaded, or
/// [`NotFound`] when the course has no such module.
pub fn with_module<V: IntoView + 'static>(
    id: String,
    page: impl Fn(&'static Course, &'static Module) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let app = app();
    let page = std::sync::Arc::new(page);
    let known = {
        let id = id.clone();
        move || match app.course() {
            Loading::Ready(course) => Loading::Ready(course.module(&id).is_some()),
            other => other.map(|_| false),
        }
    };
    when_loaded(known, move |known| {
        if known {
            let (page, id) = (page.clone(), id.clone());
            when_loaded(
                move || app.course().and(app.module(&id)),
                move |(course, module)| page(course, module),
            )
            .into_any()
        } else {
            view! { <NotFound /> }.into_any()
        }
    })
}
