//! Staff training: dashboard, modules, quizzes, certificate.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

/// Routes under /training.
#[component(transparent)]
pub fn TrainingRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/training") view=TrainingHome /> }.into_inner()
}

#[component]
fn TrainingHome() -> impl IntoView {
    view! {
        <Title text="Training" />
        <h1>"Staff training"</h1>
    }
}
