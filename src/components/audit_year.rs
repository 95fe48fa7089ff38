//! One academic year's audit as the audit pages see it: the year in the address, the audit
//! bound for editing, the figures derived from it (computed once per page), and the page
//! shown when there is no audit for the year.

use crate::components::title::Title;
use leptos::prelude::*;

use crate::components::link::Link;
use crate::components::loading::when_loaded;
use crate::domain::audit::{AcademicYear, Audit, AuditBook, Checklist, SectionSummary};
use crate::routes;
use crate::state::{app, Lens};

/// The audit of `year`, to read and change in place.
pub fn year_lens(year: AcademicYear) -> Lens<AuditBook, Audit> {
    Lens::whole(app().audits()).focus(move |b| b.get(year), move |b| b.get_mut(year))
}

/// One section's figures, with its id and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionFigures {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: SectionSummary,
}

/// Every section's figures for a year, recomputed once per change to the audit.
pub fn figures(year: AcademicYear, list: &'static Checklist) -> Memo<Vec<SectionFigures>> {
    let audit = year_lens(year);
    Memo::new(move |_| {
        audit.read(|a| {
            list.sections
                .iter()
                .map(|s| SectionFigures {
                    id: &s.id,
                    title: &s.title,
                    summary: a.section_summary(s),
                })
                .collect()
        })
    })
}

/// The page for a year with no audit, or an address that is not a year.
#[component]
pub fn NoAudit() -> impl IntoView {
    view! {
        <Title text="Audit not found" />
        <h1>"No audit for this year"</h1>
        <p>"There is no audit for this year on this device. " <Link href=routes::AUDIT>"Go to the audits"</Link> " to start one or import one."</p>
    }
}

/// Renders `page` with the year the address names (`slug`, e.g. "2026-27") and the
/// checklist (once loaded), or [`NoAudit`] when that year has no audit.
pub fn with_year<V: IntoView + 'static>(
    slug: &str,
    page: impl Fn(AcademicYear, &'static Checklist) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let app = app();
    let book = app.audits();
    let year = AcademicYear::from_slug(slug);
    // Only a year's audit appearing or going re-renders the page, not every edit.
    let exists = Memo::new(move |_| year.is_some_and(|y| book.with(|b| b.get(y).is_some())));
    let page = std::sync::Arc::new(page);
    when_loaded(
        move || app.checklist(),
        move |list| {
            let page = page.clone();
            move || match year.filter(|_| exists.get()) {
                Some(y) => page(y, list).into_any(),
                None => view! { <NoAudit /> }.into_any(),
            }
        },
    )
}
