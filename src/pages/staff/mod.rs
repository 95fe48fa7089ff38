//! The DSL's staff training records: import many exported records, see the matrix of who
//! is trained and who is due, filter and sort it, export it, and give governors the figures.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Route;
use leptos_router::path;

use crate::components::file_drop::FileDrop;
use crate::domain::content::{course, Role};
use crate::domain::dates::{iso, long, long_time};
use crate::domain::envelope::{self, Kind};
use crate::domain::staff::{self, Cell, Doubt, Outcome, Overall, Row, Show, SortBy, StaffRecords};
use crate::files::PickedFile;
use crate::state::{use_notices, Tone};
use crate::storage::{self, use_stores};
use crate::{browser, files};

/// Routes under /staff.
#[component(transparent)]
pub fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/staff") view=StaffHome /> }.into_inner()
}

/// The staff records in context.
pub fn use_staff() -> RwSignal<StaffRecords> {
    expect_context::<RwSignal<StaffRecords>>()
}

/// The matrix rows, rebuilt only when the records change.
fn use_rows() -> Memo<Vec<Row>> {
    let records = use_staff();
    let today = browser::today();
    Memo::new(move |_| records.with(|r| staff::matrix(course(), r, today)))
}

fn cell_class(cell: &Cell) -> &'static str {
    match cell {
        Cell::Passed { .. } => "tag tag-green",
        Cell::DueSoon { .. } | Cell::Failed { .. } => "tag tag-amber",
        Cell::Expired { .. } => "tag tag-red",
        Cell::NotStarted => "tag tag-grey",
        Cell::NotRequired => "muted",
    }
}

fn overall_class(overall: Overall) -> &'static str {
    match overall {
        Overall::Trained => "tag tag-green",
        Overall::DueSoon | Overall::InProgress => "tag tag-amber",
        Overall::Overdue => "tag tag-red",
        Overall::NotStarted => "tag tag-grey",
    }
}

#[component]
fn StaffHome() -> impl IntoView {
    let records = use_staff();
    let results = RwSignal::new(Vec::<(String, Result<String, String>)>::new());
    let on_files = Callback::new(move |picked: Vec<PickedFile>| {
        let mut report = Vec::new();
        let mut readable = Vec::new();
        for file in picked {
            match file.text {
                Ok(text) => readable.push((file.name, text)),
                Err(e) => report.push((file.name, Err(e))),
            }
        }
        let now = browser::now();
        let imported = records
            .try_update(|r| r.import(&readable, now))
            .unwrap_or_default();
        for r in imported {
            let line = match r.outcome {
                Outcome::Added { name } => Ok(format!("{name}: added.")),
                Outcome::Merged { name, new_attempts } => Ok(format!(
                    "{name}: {new_attempts} new attempt(s) added to their record."
                )),
                Outcome::AlreadyHere { name } => Ok(format!("{name}: already up to date.")),
                Outcome::Failed(e) => Err(e.to_string()),
            };
            report.push((r.file, line));
        }
        results.set(report);
    });
    view! {
        <Title text="Staff records" />
        <h1>"Staff training records"</h1>
        <p class="lead">
            "Collect the training records staff export from their training page, to see who is trained and who is due, "
            "and to give governors the figures. Every quiz answer is scored again against the course, so an edited file shows up."
        </p>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import records"</h2>
            <FileDrop id="record-files" label="Choose training record files" multiple=true on_files />
            {move || {
                let list = results.get();
                (!list.is_empty()).then(|| {
                    let failed = list.iter().filter(|(_, r)| r.is_err()).count();
                    view! {
                        <div class="card import-results" role="region" aria-labelledby="results-heading">
                            <h3 id="results-heading">{format!("{} file(s) read, {failed} not imported", list.len())}</h3>
                            <ul class="plain-list">
                                {list.into_iter().map(|(name, r)| match r {
                                    Ok(text) => view! { <li><span><strong>{name}</strong>" "{text}</span></li> }.into_any(),
                                    Err(e) => view! { <li class="error-line"><span><strong>{name}</strong>" was not imported: "{e}</span></li> }.into_any(),
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                })
            }}
        </section>
        {move || {
            let clashes = records.with(|r| r.name_clashes());
            (!clashes.is_empty()).then(|| view! {
                <p class="notice notice-warning">
                    {format!("These names belong to more than one record, so they were kept apart: {}. Check whether they are the same person.", clashes.join(", "))}
                </p>
            })
        }}
        <section aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">"Coverage"</h2>
            <CoverageSummary />
        </section>
        <Matrix />
    }
}

/// Coverage figures and who is due, for this page, the audit and the governors' report.
#[component]
pub fn CoverageSummary() -> impl IntoView {
    let records = use_staff();
    let rows = use_rows();
    move || {
        let rows = rows.get();
        if rows.is_empty() {
            return view! {
                <p>"No staff training records have been imported yet. The DSL imports them on the Staff records page."</p>
            }
            .into_any();
        }
        let c = staff::coverage(&rows);
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
        let updated = records
            .with(|r| r.updated_at)
            .map(long_time)
            .unwrap_or_else(|| "not recorded".into());
        view! {
            <p class="coverage-figures">
                {format!("{} of {} people are fully trained ({}%). {} due within 30 days; {} overdue. Records last updated {updated}.",
                    c.trained, c.people, c.percent, c.due_soon, c.overdue)}
            </p>
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
    }
}

/// The matrix with its filters, exports and removal.
#[component]
fn Matrix() -> impl IntoView {
    let records = use_staff();
    let notices = use_notices();
    let stores = use_stores();
    let rows = use_rows();
    let show = RwSignal::new(Show::Everyone);
    let role = RwSignal::new(None::<Role>);
    let sort = RwSignal::new(SortBy::Name);
    let picked = Memo::new(move |_| {
        rows.with(|rows| staff::select(rows, show.get(), role.get(), sort.get()))
    });
    let modules = &course().modules;

    let save = move |name: String, mime: &str, text: String| {
        if let Err(e) = files::download(&name, mime, &text) {
            notices.push(Tone::Error, e);
        }
    };
    let export_csv = move |_| {
        let text = rows.with_untracked(|rows| {
            let chosen: Vec<Row> = picked
                .get_untracked()
                .into_iter()
                .map(|i| rows[i].clone())
                .collect();
            staff::to_csv(course(), &chosen)
        });
        save(
            format!("staff-training-{}.csv", iso(browser::today())),
            "text/csv",
            text,
        );
    };
    let export_json = move |_| {
        let now = browser::now();
        let text = records
            .with_untracked(|r| envelope::to_json(r, now, Some(&course().info.content_version)));
        save(
            format!("staff-records-{}.json", iso(now.date())),
            "application/json",
            text,
        );
    };
    let clear = move |_| {
        if !browser::confirm("Remove every staff record from this device? A backup is kept on the Your data page, from where it can be restored.") {
            return;
        }
        let empty = envelope::wrap(
            &StaffRecords {
                people: Vec::new(),
                updated_at: Some(browser::now()),
            },
            browser::now(),
            None,
        );
        match storage::apply(&[empty]) {
            Ok(()) => {
                stores.reload(Kind::StaffRecords);
                notices.push(Tone::Info, "Every staff record has been removed. The previous records are kept as a backup on the Your data page.");
            }
            Err(e) => notices.storage_error(&e),
        }
    };

    view! {
        <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Who is trained"</h2>
            <div class="filters" role="group" aria-label="Filter and sort the matrix">
                <div class="field">
                    <label for="show">"Show"</label>
                    <select id="show" on:change=move |ev| show.set(match event_target_value(&ev).as_str() {
                        "due" => Show::Due, "not-started" => Show::NotStarted, "altered" => Show::Altered, _ => Show::Everyone,
                    })>
                        <option value="everyone">"Everyone"</option>
                        <option value="due">"Overdue or due within 30 days"</option>
                        <option value="not-started">"Not started"</option>
                        <option value="altered">"Altered or unverifiable records"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="role">"Role"</label>
                    <select id="role" on:change=move |ev| role.set(Role::from_id(&event_target_value(&ev)))>
                        <option value="">"All roles"</option>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.id()>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="sort">"Sort by"</label>
                    <select id="sort" on:change=move |ev| sort.set(match event_target_value(&ev).as_str() {
                        "role" => SortBy::Role, "status" => SortBy::Status, _ => SortBy::Name,
                    })>
                        <option value="name">"Name"</option>
                        <option value="role">"Role"</option>
                        <option value="status">"Status"</option>
                    </select>
                </div>
            </div>
            <p aria-live="polite">{move || format!("Showing {} of {} people.", picked.with(Vec::len), rows.with(Vec::len))}</p>
            <div class="table-wrap matrix-wrap" tabindex="0" role="region" aria-label="Training matrix">
                <table class="matrix">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Overall"</th>
                            {modules.iter().map(|m| view! { <th scope="col">{m.title.clone()}</th> }).collect_view()}
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        // Keyed by the whole row: sorting and filtering move or drop existing
                        // rows instead of rebuilding 1,000 of them; a changed row is rebuilt.
                        <For
                            each=move || rows.with(|rows| picked.get().into_iter().map(|i| rows[i].clone()).collect::<Vec<_>>())
                            key=|r| r.clone()
                            children=move |r: Row| {
                                let id = r.record_id.clone();
                                let name = r.name.clone();
                                let doubts = r.doubts.iter().map(|(module, d)| match d {
                                    Doubt::Altered { stated, actual } => format!("{module}: stated {stated}%, re-scored {actual}%"),
                                    Doubt::Unverifiable(why) => format!("{module}: {why}"),
                                }).collect::<Vec<_>>();
                                view! {
                                    <tr>
                                        <th scope="row">{r.name.clone()}</th>
                                        <td>{r.role.label()}</td>
                                        <td>
                                            <span class=overall_class(r.overall)>{r.overall.label()}</span>
                                            {r.valid_until.map(|u| view! { <br /><span class="muted">{format!("until {}", long(u))}</span> })}
                                            {(!doubts.is_empty()).then(|| view! { <br /><span class="tag tag-red">{format!("Altered: {}", doubts.join("; "))}</span> })}
                                        </td>
                                        {r.cells.iter().map(|c| view! { <td><span class=cell_class(c)>{c.label()}</span></td> }).collect_view()}
                                        <td>
                                            <button type="button" class="link-button" on:click=move |_| {
                                                if browser::confirm(&format!("Remove {name}'s record from the matrix?")) {
                                                    records.update(|r| r.remove(&id, browser::now()));
                                                }
                                            }>{format!("Remove {}", r.name)}</button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button type="button" on:click=export_csv>"Export as CSV"</button>
                <button type="button" class="secondary" on:click=export_json>"Export as JSON"</button>
                <button type="button" class="danger" on:click=clear>"Clear all records"</button>
            </div>
        </section>
    }
}
