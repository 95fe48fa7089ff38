//! The DSL's annual online-safety audit and filtering review: the overview of a year, a
//! page per section, the filtering review record, the summary and the governors' report.

mod filtering;
mod home;
mod report;
mod section;
mod summary;

use leptos::prelude::*;

use crate::routes::AuditRoute;

/// The page for an address under /audit.
pub fn page(route: AuditRoute) -> AnyView {
    match route {
        AuditRoute::Audits => view! { <home::AuditHome /> }.into_any(),
        AuditRoute::Overview { year } => view! { <home::YearPage year /> }.into_any(),
        AuditRoute::Section { year, section } => {
            view! { <section::SectionPage year section /> }.into_any()
        }
        AuditRoute::Filtering { year } => view! { <filtering::FilteringPage year /> }.into_any(),
        AuditRoute::Summary { year } => view! { <summary::SummaryPage year /> }.into_any(),
        AuditRoute::Report { year } => view! { <report::ReportPage year /> }.into_any(),
    }
}
