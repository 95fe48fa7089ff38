//! Waiting for content: a page shows what it needs once it has loaded, a line saying what is
//! loading until then, and a clear message (naming the file) if it cannot be had.

use leptos::prelude::*;

use crate::components::title::Title;
use crate::domain::content::{Course, Keys};
use crate::domain::training::Profile;
use crate::state::{app, Loading};

/// Renders `view` with what `what` loads, once it is ready.
pub fn when_loaded<T, V>(
    what: impl Fn() -> Loading<T> + Send + Sync + 'static,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    move || {
        match what() {
        Loading::Ready(value) => view(value).into_any(),
        Loading::Pending => view! {
            <p class="loading" role="status">"Loading the course content…"</p>
        }
        .into_any(),
        // The page's own heading is in what could not load, so this is the page.
        Loading::Failed(why) => view! {
            <Title text="This page could not be opened" />
            <h1>"This page could not be opened"</h1>
            <div class="notice notice-error" role="alert">
                <p><strong>"Part of the app's content could not be loaded. "</strong>{why}</p>
                <p>"Your saved work is safe. Reload the page to try again; if this keeps happening, tell whoever looks after the app: the content files on the server need checking (see the README)."</p>
            </div>
        }
        .into_any(),
    }
    }
}

/// Renders `view` with the course and the answer keys of every content version the active
/// profile's attempts were made against (what checking them needs), once they have loaded.
pub fn when_profile_checkable<V>(
    view: impl Fn((&'static Course, Keys<'static>)) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    let app = app();
    let book = app.training();
    let versions = Memo::new(move |_| {
        book.with(|b| {
            b.active_profile()
                .map(Profile::versions)
                .unwrap_or_default()
        })
    });
    when_loaded(move || app.course().and(app.keys(&versions.get())), view)
}
