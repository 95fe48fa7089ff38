//! The DSL's staff training records: import many exported records, see the matrix of who
//! is trained and who is due, filter and sort it, export it, and give governors the figures.

use leptos::prelude::*;

use crate::browser;
use crate::components::coverage::CoverageSummary;
use crate::components::fields::Select;
use crate::components::file_drop::FileDrop;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::loading::when_loaded;
use crate::components::page_head::PageHead;
use crate::components::tag::Tag;
use crate::domain::content::{Course, Keys, Role};
use crate::domain::dates::{iso, long};
use crate::domain::envelope;
use crate::domain::staff::{
    self, Conflict, Doubt, Outcome, RecordFile, Row, Settle, Show, SortBy, StaffRecords,
};
use crate::files::PickedFile;
use crate::state::{app, Tone};

/// The page at /staff.
#[component]
pub fn StaffHome() -> impl IntoView {
    let app = app();
    when_loaded(
        move || app.course().and(app.all_keys()),
        |(course, keys)| view! { <Records course keys /> },
    )
}

/// What the check means, said wherever the matrix is shown.
const WHAT_IT_MEANS: &str = "Each attempt in a record is checked against the course: its questions must be the ones the app draws for it, its dates must be possible, and its answers must earn the score it states. Only verified attempts count. This shows that a file is consistent with the app and that its answers pass the quiz; it cannot show who answered.";

#[component]
fn Records(course: &'static Course, keys: Keys<'static>) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let results = RwSignal::new(Vec::<FileReport>::new());
    let conflicts = RwSignal::new(Vec::<(String, Conflict)>::new());
    let on_files = Callback::new(move |picked: Vec<PickedFile>| {
        let mut report = Vec::new();
        let mut readable = Vec::new();
        for file in picked {
            match file.text {
                Ok(text) => readable.push(RecordFile {
                    name: file.name,
                    text,
                    sha256: file.sha256,
                }),
                Err(e) => report.push(FileReport::refused(file.name, e)),
            }
        }
        let now = browser::now();
        let imported = records
            .try_update(|r| r.import(&readable, &keys, now))
            .unwrap_or_default();
        let mut clashes = Vec::new();
        for r in imported {
            let outcome = match r.outcome {
                Outcome::Added { name } => Ok(format!("{name}: added.")),
                Outcome::Merged { name, new_attempts } => Ok(format!(
                    "{name}: {new_attempts} new attempt(s) added to their record."
                )),
                Outcome::AlreadyHere { name } => Ok(format!("{name}: already up to date.")),
                Outcome::Conflict(conflict) => {
                    let line = format!(
                        "{}: its record id is held for {} ({}). Nothing is changed until you decide below.",
                        conflict.incoming.person.name,
                        conflict.held.name,
                        conflict.held.role.label()
                    );
                    clashes.push((r.file.clone(), *conflict));
                    Ok(line)
                }
                Outcome::Failed(e) => Err(e.to_string()),
            };
            report.push(FileReport {
                file: r.file,
                outcome,
            });
        }
        results.set(report);
        conflicts.update(|c| c.extend(clashes));
    });
    let settle = move |at: usize, decision: Settle| {
        let Some((_, conflict)) = conflicts.with_untracked(|c| c.get(at).cloned()) else {
            return;
        };
        records.update(|r| r.settle(conflict, decision, browser::now()));
        conflicts.update(|c| drop(c.remove(at)));
    };
    view! {
        <PageHead
            title="Staff records"
            heading="Staff training records"
            lead="Collect the training records staff export from their training page, to see who is trained and who is due, and to give governors the figures."
        />
        <p>{WHAT_IT_MEANS}</p>
        <p class="notice" role="note">"Anyone using this browser can see and change these records. Keep the DSL's work in a browser profile of its own, on a computer only the safeguarding team uses."</p>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import records"</h2>
            <FileDrop id="record-files" label="Choose training record files" multiple=true on_files />
            <ImportReport reports=results />
        </section>
        {move || {
            let list = conflicts.get();
            (!list.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="conflicts-heading">
                    <h2 id="conflicts-heading">"Records that need a decision"</h2>
                    <p>"A record id belongs to one person. These files carry an id already held under another name or role, for example copied from someone's certificate. Decide what to do with each."</p>
                    <ul class="plain-list">
                        {list.into_iter().enumerate().map(|(at, (file, c))| view! {
                            <li class="conflict" role="group" aria-label=format!("Decision for {file}")>
                                <p>{format!("{file}: \u{201c}{}\u{201d} ({}) uses the record id {}, held for \u{201c}{}\u{201d} ({}).",
                                    c.incoming.person.name, c.incoming.person.role.label(), c.incoming.record_id, c.held.name, c.held.role.label())}</p>
                                <div class="actions">
                                    <button type="button" on:click=move |_| settle(at, Settle::Keep)>{format!("Keep {}", c.held.name)}</button>
                                    <button type="button" class="secondary" on:click=move |_| settle(at, Settle::Replace)>{format!("Replace with {}", c.incoming.person.name)}</button>
                                    <button type="button" class="secondary" on:click=move |_| settle(at, Settle::KeepBoth)>"Keep both, as two people"</button>
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
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
        <Matrix course />
    }
}

/// The matrix with its filters, exports and removal.
#[component]
fn Matrix(course: &'static Course) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let rows = app.matrix();
    let show = RwSignal::new(Show::Everyone);
    let role = RwSignal::new(None::<Role>);
    let sort = RwSignal::new(SortBy::Name);
    let picked = Memo::new(move |_| {
        rows.with(|rows| staff::select(rows, show.get(), role.get(), sort.get()))
    });
    let modules = &course.modules;

    let export_csv = move |_| {
        let text = rows.with_untracked(|rows| {
            let chosen: Vec<Row> = picked
                .get_untracked()
                .into_iter()
                .map(|i| rows[i].clone())
                .collect();
            staff::to_csv(course, &chosen)
        });
        app.download(
            &format!("staff-training-{}.csv", iso(browser::today())),
            "text/csv",
            &text,
        );
    };
    let export_json = move |_| {
        let now = browser::now();
        let text = records
            .with_untracked(|r| envelope::to_json(r, now, Some(&course.info.content_version)));
        app.download(
            &format!("staff-records-{}.json", iso(now.date())),
            "application/json",
            &text,
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
        leptos::task::spawn_local(async move {
            match app.apply(&[empty]).await {
                Ok(()) => app.notices.push(Tone::Info, "Every staff record has been removed. The previous records are kept as a backup on the Your data page."),
                Err(e) => app.notices.storage_error(&e),
            }
        });
    };

    view! {
        <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Who is trained"</h2>
            <div class="filters" role="group" aria-label="Filter and sort the matrix">
                <Select id="show" label="Show" value=Signal::derive(move || Some(show.get())) on_change=Callback::new(move |w: Option<Show>| show.set(w.unwrap_or_default())) />
                <Select id="role" label="Role" none="All roles" value=role on_change=Callback::new(move |r| role.set(r)) />
                <Select id="sort" label="Sort by" value=Signal::derive(move || Some(sort.get())) on_change=Callback::new(move |w: Option<SortBy>| sort.set(w.unwrap_or_default())) />
            </div>
            <p aria-live="polite">{move || format!("Showing {} of {} people.", picked.with(Vec::len), rows.with(Vec::len))}</p>
            <div class="table-wrap matrix-wrap" tabindex="0" role="region" aria-label="Training matrix">
                <table class="matrix">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Role and track"</th>
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
                                let doubts = r.doubts.iter().map(Doubt::describe).collect::<Vec<_>>();
                                view! {
                                    <tr>
                                        <th scope="row">{r.name.clone()}</th>
                                        <td>{r.role.label()}<br /><span class="muted">{r.track.label()}</span></td>
                                        <td>
                                            <Tag standing=r.overall.standing() text=r.overall.label() />
                                            {r.valid_until.map(|u| view! { <br /><span class="muted">{format!("until {}", long(u))}</span> })}
                                            {(!doubts.is_empty()).then(|| view! { <br /><span class="tag tag-red">{format!("Not counted: {}", doubts.join("; "))}</span> })}
                                            {(!r.fast.is_empty()).then(|| view! { <br /><span class="tag tag-amber">{format!("Finished implausibly fast: {}", r.fast.join(", "))}</span> })}
                                        </td>
                                        {r.cells.iter().map(|c| view! { <td><Tag standing=c.standing() text=c.label() /></td> }).collect_view()}
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
