//! Staff training coverage for governors: who is fully trained, by role, and who is due.
//! Shown on the staff records page, beside the audit's training items and in the report.
//! With a staff list the figures are over the list (trained of those who must be trained,
//! naming how many have not started); without one, over the records imported, as before.

use leptos::prelude::*;

use crate::domain::dates::{long, long_time};
use crate::domain::envelope::Kind;
use crate::domain::staff::roster::{self, supervised_clause, ListRow, Status};
use crate::domain::staff::{self, Overall, StaffRecords};
use crate::state::{app, Loading};

/// Whether the figures can be read yet: the staff records and list have loaded from storage
/// and the course has loaded (the matrix is empty until then). Until they have, nothing that
/// keeps or exports the figures may run, or it would keep "nobody trained" (reactive).
pub fn figures_ready() -> bool {
    let app = app();
    app.loaded(Kind::StaffRecords)
        && app.loaded(Kind::StaffList)
        && matches!(app.course(), Loading::Ready(_))
}

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
    coverage_line
}

/// The sentence [`CoverageLine`] shows, read now (reactively, inside a view): what the
/// report kept with a finalised audit is this text.
pub fn coverage_line() -> String {
    if !figures_ready() {
        return "Reading the staff training figures…".to_owned();
    }
    let (records, rows, list) = (app().staff(), app().matrix(), app().list_rows());
    if let Some(line) = list.with(|list| (!list.is_empty()).then(|| list_line(list))) {
        return format!(
            "{line} Staff list and records last updated {}.",
            last_updated_day(records)
        );
    }
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
            "{} of {} people are fully trained ({}%){}. By role: {}. {} due within 30 days; {} overdue. {} Matrix last updated {}.",
            c.trained,
            c.people,
            c.percent,
            supervised_clause(c.supervised),
            roles.join("; "),
            c.due_soon,
            c.overdue,
            staff::declared_sentence(c.declared, c.people),
            last_updated_day(records)
        )
    })
}

/// Coverage figures and who is overdue or due soon, from the shared staff matrix.
#[component]
pub fn CoverageSummary() -> impl IntoView {
    let (records, rows, list) = (app().staff(), app().matrix(), app().list_rows());
    move || {
        if !figures_ready() {
            return view! { <p>"Reading the staff training figures…"</p> }.into_any();
        }
        if let Some(view) =
            list.with(|list| (!list.is_empty()).then(|| list_summary(list, records)))
        {
            return view;
        }
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
                    {format!("{} of {} people are fully trained ({}%){}. {} due within 30 days; {} overdue. {} Records last updated {updated}.",
                        c.trained, c.people, c.percent, supervised_clause(c.supervised), c.due_soon, c.overdue, staff::declared_sentence(c.declared, c.people))}
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

/// Coverage over the staff list in sentences: the governors' figure, by role, and who is
/// due or overdue.
fn list_line(list: &[ListRow]) -> String {
    let c = roster::coverage(list);
    let roles: Vec<String> = c
        .by_role
        .iter()
        .map(|r| format!("{} {} of {}", r.role.label(), r.trained, r.must_train))
        .collect();
    let mut line = c.sentence();
    if !roles.is_empty() {
        line.push_str(&format!(" By role: {}.", roles.join("; ")));
    }
    line.push_str(&format!(
        " {} due within 30 days; {} overdue. {}",
        c.due_soon,
        c.overdue,
        staff::declared_sentence(c.declared, c.must_train)
    ));
    let out = c.left + c.excluded;
    if out > 0 {
        line.push_str(&format!(" {out} who left or are excluded are not counted."));
    }
    line
}

/// The names of people on the list in one state, with their roles, for a list.
fn named(list: &[ListRow], pick: impl Fn(&ListRow) -> bool) -> Vec<String> {
    list.iter()
        .filter(|r| pick(r))
        .map(|r| format!("{} ({})", r.row.name, r.row.role.label()))
        .collect()
}

/// Coverage over the staff list: the figures, a table by role, and who has not started, who
/// is overdue or due soon, and the records not on the list.
fn list_summary(list: &[ListRow], records: RwSignal<StaffRecords>) -> AnyView {
    let c = roster::coverage(list);
    let not_started = named(list, |r| {
        r.status.counted() && r.row.overall == Overall::NotStarted
    });
    let due = named(list, |r| {
        matches!(r.status, Status::Overdue { .. } | Status::DueSoon { .. })
            && r.row.overall != Overall::NotStarted
    });
    let not_on_list = named(list, |r| r.status == Status::NotOnList);
    let updated = last_updated(records);
    let names = |heading: &'static str, names: Vec<String>| {
        (!names.is_empty()).then(|| {
            view! {
                <p>{format!("{heading} ({}):", names.len())}</p>
                <ul class="due-list">{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            }
        })
    };
    view! {
        <p class="coverage-figures">{list_line(list)}</p>
        <p class="muted">{format!("Counted over the staff list. Records last updated {updated}.")}</p>
        <table class="coverage-table">
            <caption>"Coverage by role, over the staff list"</caption>
            <thead><tr><th scope="col">"Role"</th><th scope="col">"Must be trained"</th><th scope="col">"Trained"</th><th scope="col">"Not started"</th></tr></thead>
            <tbody>
                {c.by_role.into_iter().map(|r| view! {
                    <tr><th scope="row">{r.role.label()}</th><td>{r.must_train}</td><td>{format!("{} ({}%)", r.trained, r.percent)}</td><td>{r.not_started}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {names("Not started", not_started)}
        {names("Overdue or due soon", due)}
        {names("Records not on the staff list", not_on_list)}
    }
    .into_any()
}
