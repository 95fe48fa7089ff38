//! The DSL's annual online-safety audit and filtering review.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Route;
use leptos_router::path;

/// Routes under /audit.
#[component(transparent)]
pub fn AuditRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/audit") view=AuditHome /> }.into_inner()
}

#[component]
fn AuditHome() -> impl IntoView {
    view! {
        <Title text="Audit" />
        <h1>"Online-safety audit"</h1>
    }
}
