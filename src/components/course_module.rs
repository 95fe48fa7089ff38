//! The training module named in the address (`/training/modules/:id`), for the pages that
//! show one: its reading page and its quiz.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::not_found::NotFound;
use crate::domain::content::{course, Module};

/// Renders `page` with the module in the address, or [`NotFound`] when there is none.
pub fn with_module<V: IntoView + 'static>(
    page: impl Fn(&'static Module) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        match course().module(&id) {
            Some(module) => page(module).into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}
