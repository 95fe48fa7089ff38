//! The DSL's annual online-safety audit and filtering review: the overview of a year, a
//! page per section, the filtering review record, the summary and the governors' report.

mod fields;
mod filtering;
mod home;
mod report;
mod section;
mod summary;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

use crate::domain::audit::{AcademicYear, Audit, AuditBook};

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

/// The audits on this device, from context.
pub fn use_audits() -> RwSignal<AuditBook> {
    expect_context::<RwSignal<AuditBook>>()
}

/// The academic year in the URL ("2026-27"), if it names one.
pub fn year_param() -> Option<AcademicYear> {
    let params = use_params_map();
    let text = params.read_untracked().get("year")?;
    let (start, end) = text.split_once('-')?;
    let start: i32 = start.parse().ok()?;
    let end: i32 = end.parse().ok()?;
    (end == (start + 1).rem_euclid(100) && (2000..=2100).contains(&start))
        .then_some(AcademicYear(start))
}

/// The link to a page of a year's audit ("" for its overview).
pub fn href(year: AcademicYear, page: &str) -> String {
    if page.is_empty() {
        format!("/audit/{}", year.slug())
    } else {
        format!("/audit/{}/{page}", year.slug())
    }
}

/// Changes a year's audit (if it exists).
pub fn update(book: RwSignal<AuditBook>, year: AcademicYear, change: impl FnOnce(&mut Audit)) {
    book.update(|b| {
        if let Some(a) = b.get_mut(year) {
            change(a)
        }
    });
}

/// Reads from a year's audit, reactively.
pub fn read<T: Default>(
    book: RwSignal<AuditBook>,
    year: AcademicYear,
    f: impl FnOnce(&Audit) -> T,
) -> T {
    book.with(|b| b.get(year).map(f).unwrap_or_default())
}

/// The page for a year with no audit, or an address that is not a year.
#[component]
pub fn NoAudit() -> impl IntoView {
    use leptos_router::components::A;
    view! {
        <leptos_meta::Title text="Audit not found" />
        <h1>"No audit for this year"</h1>
        <p>"There is no audit for this year on this device. " <A href="/audit">"Go to the audits"</A> " to start one or import one."</p>
    }
}

/// Renders `page` with the year's audit, or `NoAudit`.
pub fn with_year<V: IntoView + 'static>(
    page: impl Fn(AcademicYear) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let book = use_audits();
    let year = year_param();
    // Only a year's audit appearing or going re-renders the page, not every edit.
    let exists = Memo::new(move |_| year.is_some_and(|y| book.with(|b| b.get(y).is_some())));
    move || match year.filter(|_| exists.get()) {
        Some(y) => page(y).into_any(),
        None => view! { <NoAudit /> }.into_any(),
    }
}
