//! The DSL's annual online-safety audit and filtering review: the overview of a year, a
//! page per section, the filtering review record, the summary and the governors' report.

mod filtering;
mod home;
mod report;
mod section;
mod summary;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

/// Routes under /audit.
#[component(transparent)]
pub fn AuditRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/audit") view=Outlet>
            <Route path=path!("") view=home::AuditHome />
            <Route path=path!(":year") view=home::YearPage />
            <Route path=path!(":year/sections/:section") view=section::SectionPage />
            <Route path=path!(":year/filtering") view=filtering::FilteringPage />
            <Route path=path!(":year/summary") view=summary::SummaryPage />
            <Route path=path!(":year/report") view=report::ReportPage />
        </ParentRoute>
    }
    .into_inner()
}
