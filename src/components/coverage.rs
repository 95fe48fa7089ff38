//! Staff training coverage for governors: who is fully trained, by role, and who is due.
//! Shown on the staff records page, beside the audit's training items and in the report.

use leptos::prelude::*;

use crate::domain::dates::{long, long_time};
use crate::domain::staff::{self, Overall, StaffRecords};
use crate::state::app;

/// When the staff records (and so the matrix) last changed, for a sentence.
fn last_updated(records: RwSignal<StaffRecords>) -> String {
    records
        .with(|r| r.updated_at)
        .map(long_time)
        .unwrap_or_else(|| "not recorded".into())
}

/// The day the staff records last changed, for page 1.
fn last_updated_day(records: RwSignal<StaffRecords>) -> String {
    records
        .with(|r| r.updated_at)
        .map(|at| long(at.date()))
        .unwrap_or_else(|| "not recorded".into())
}

/// Coverage in a sentence or two, for the report's first page: the figures, by role, and
/// when the matrix was last updated. The counting is `staff::coverage`'s.
#[component]
pub fn CoverageLine() -> impl IntoView {
    let (records, rows) = (app().staff(), app().matrix());
    move || {
        rows.with(|rows| {
            if rows.is_empty() {
                return "No staff training records have been imported yet, so nobody is shown as trained.".to_owned();
            }
            let c = staff::coverage(rows);
            let roles: Vec<String> = c
                .by_role
                .iter()
                .map(|(role, n, t, _)| format!("{} {t} of {n}", role.label()))
                .collect();
            format!(
                "{} of {} people are fully trained ({}%). By role: {}. {} due within 30 days; {} overdue. Matrix last updated {}.",
                c.trained,
                c.people,
                c.percent,
                roles.join("; "),
                c.due_soon,
                c.overdue,
                last_updated_day(records)
            )
        })
    }
}

/// Coverage figures and who is overdue or due soon, from the shared staff matrix.
#[component]
pub fn CoverageSummary() -> impl IntoView {
    let (records, rows) = (app().staff(), app().matrix());
    move || {
        rows.with(|rows| {
            if rows.is_empty() {
                return view! {
                    <p>"No staff training records have been imported yet. The DSL imports them on the Staff records page."</p>
                }
                .into_any();
            }
            let c = staff::coverage(rows);
            let due: Vec<String> = rows
                .iter()
                .filter(|r| matches!(r.overall, Overall::Overdue | Overall::DueSoon))
                .map(|r| {
                    format!(
                        "{} ({}, {})",
                        r.name,
                        r.role.label(),
                        r.overall.label().to_lowercase()
                    )
                })
                .collect();
            let updated = last_updated(records);
            view! {
                <p class="coverage-figures">
                    {format!("{} of {} people are fully trained ({}%). {} due within 30 days; {} overdue. Records last updated {updated}.",
                        c.trained, c.people, c.percent, c.due_soon, c.overdue)}
                </p>
                <p class="muted">{staff::CSV_NOTE}</p>
                <table class="coverage-table">
                    <thead><tr><th scope="col">"Role"</th><th scope="col">"People"</th><th scope="col">"Fully trained"</th></tr></thead>
                    <tbody>
                        {c.by_role.into_iter().map(|(role, n, t, p)| view! {
                            <tr><th scope="row">{role.label()}</th><td>{n}</td><td>{format!("{t} ({p}%)")}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(!due.is_empty()).then(|| view! {
                    <p>"Overdue or due soon:"</p>
                    <ul class="due-list">{due.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                })}
            }
            .into_any()
        })
    }
}
