//! The DSL's staff training records and matrix.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Route;
use leptos_router::path;

/// Routes under /staff.
#[component(transparent)]
pub fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/staff") view=StaffHome /> }.into_inner()
}

#[component]
fn StaffHome() -> impl IntoView {
    view! {
        <Title text="Staff records" />
        <h1>"Staff training records"</h1>
    }
}

/// Training coverage for the governors' report, from the staff records matrix.
#[component]
pub fn CoverageSummary() -> impl IntoView {
    view! {
        <p>"No staff training records have been imported yet. The DSL imports them on the Staff records page."</p>
    }
}
