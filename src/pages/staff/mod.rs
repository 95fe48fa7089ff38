//! The DSL's staff training records: import many exported records, see the matrix of who
//! is trained and who is due, filter and sort it, export it, and give governors the figures.

use leptos::prelude::*;

use crate::browser;
use crate::components::bulk_file_drop::BulkFileDrop;
use crate::components::coverage::CoverageSummary;
use crate::components::fields::Select;
use crate::components::import_report::{FileReport, ImportReport};
use crate::components::loading::when_loaded;
use crate::components::page_head::PageHead;
use crate::components::shared_browser::SharedBrowserWarning;
use crate::components::tag::Tag;
use crate::domain::content::{Course, Keys, Role};
use crate::domain::dates::{iso, long};
use crate::domain::envelope::{self, Kind, MAX_IMPORT_BYTES};
use crate::domain::staff::{
    self, Conflict, Doubt, FileResult, Outcome, RecordFile, Row, Settle, Show, SortBy,
    StaffRecords, Tally, BATCH, MAX_FILES_PER_IMPORT,
};
use crate::files::{self, FoundFiles};
use crate::state::{app, Loading, Tone};

/// The page at /staff.
#[component]
pub fn StaffHome() -> impl IntoView {
    let app = app();
    // The records load from IndexedDB after the page opens; importing before they have
    // would build on an empty list.
    when_loaded(
        move || match app.loaded(Kind::StaffRecords) {
            true => app.course().and(app.all_keys()),
            false => Loading::Pending,
        },
        |(course, keys)| view! { <Records course keys /> },
    )
}

/// What the check means, said wherever the matrix is shown.
const WHAT_IT_MEANS: &str = "Each attempt in a record is checked against the course: its questions must be the ones the app draws for it, its dates must be possible, and its answers must earn the score it states. Only verified attempts count. This shows that a file is consistent with the app and that its answers pass the quiz; it cannot show who answered.";

/// How an import is going: files read so far of the files wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Progress {
    done: usize,
    total: usize,
}

#[component]
fn Records(course: &'static Course, keys: Keys<'static>) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let results = RwSignal::new(Vec::<FileReport>::new());
    let conflicts = RwSignal::new(Vec::<(String, Conflict)>::new());
    let progress = RwSignal::new(None::<Progress>);
    // What the last import did, in a sentence, and the files it skipped.
    let said = RwSignal::new(None::<Result<String, String>>);
    let skipped = RwSignal::new(Vec::<String>::new());
    // The record files over one import's cap, and whether a folder was not walked to its end.
    let over_cap = RwSignal::new((Vec::<String>::new(), false));
    let busy = Signal::derive(move || progress.get().is_some());
    let on_found = Callback::new(move |found: FoundFiles| {
        if progress.get_untracked().is_some() {
            return;
        }
        results.set(Vec::new());
        let FoundFiles {
            wanted,
            over_cap: over,
            skipped: others,
            stopped,
        } = found;
        let total = wanted.len();
        let mut tally = Tally {
            skipped: others.len(),
            over_cap: over.len(),
            ..Tally::default()
        };
        skipped.set(others);
        over_cap.set((over, stopped));
        said.set(None);
        progress.set(Some(Progress { done: 0, total }));
        let keys = keys.clone();
        // Read and import in batches, giving the browser a turn between them so the page
        // paints the progress and stays responsive. The records change in place batch by
        // batch and are announced (matrix rebuilt, saved) once, at the end.
        leptos::task::spawn_local(async move {
            let mut report = Vec::with_capacity(total);
            let mut clashes = Vec::new();
            let mut done = 0;
            for batch in wanted.chunks(BATCH) {
                let mut readable = Vec::with_capacity(batch.len());
                for file in files::read_batch(batch, MAX_IMPORT_BYTES).await {
                    match file.text {
                        Ok(text) => readable.push(RecordFile {
                            name: file.name,
                            text,
                            sha256: file.sha256,
                        }),
                        Err(e) => {
                            tally.failed += 1;
                            report.push(FileReport::refused(file.name, e));
                        }
                    }
                }
                let now = browser::now();
                let imported = records
                    .try_update_untracked(|r| r.import(&readable, &keys, now))
                    .unwrap_or_default();
                for result in imported {
                    tally.count(&result.outcome);
                    report.push(reported(result, &mut clashes));
                }
                done += batch.len();
                progress.try_set(Some(Progress { done, total }));
                browser::next_turn().await;
            }
            records.notify();
            results.try_set(report);
            conflicts.try_update(|c| c.extend(clashes));
            said.try_set(Some(Ok(format!("Import finished: {}", tally.describe()))));
            progress.try_set(None);
        });
    });
    let settle = move |at: usize, decision: Settle| {
        let Some((_, conflict)) = conflicts.with_untracked(|c| c.get(at).cloned()) else {
            return;
        };
        let mut result = Ok(());
        records.update(|r| result = r.settle(conflict, decision, browser::now()));
        match result {
            Ok(()) => conflicts.update(|c| drop(c.remove(at))),
            Err(e) => said.set(Some(Err(e.to_string()))),
        }
    };
    view! {
        <PageHead
            title="Staff records"
            heading="Staff training records"
            lead="Collect the training records staff export from their training page, to see who is trained and who is due, and to give governors the figures."
        />
        <p>{WHAT_IT_MEANS}</p>
        <SharedBrowserWarning what="these records" />
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import records"</h2>
            <p>"Choose the records staff sent you, or the whole folder where they save them (a shared OneDrive, SharePoint or Google Drive folder synced to this computer): every .json file in it and its sub-folders is imported, and other files are skipped. A record imported before, unchanged, is reported as already up to date."</p>
            <BulkFileDrop
                id="record-files"
                label="Choose training record files"
                folder_label="Or choose a folder of records"
                hint=format!("Or drop files or folders here. JSON files up to {} MB each, at most {} files at a time.", MAX_IMPORT_BYTES / 1_000_000, staff::grouped(MAX_FILES_PER_IMPORT))
                wanted=staff::is_record_file
                busy
                on_found
            />
            // Always in the page, so a screen reader hears each change of what it says.
            <div class="import-status" role="status">
                {move || progress.get().map(|p| view! {
                    <p id="import-progress-label">{staff::progress(p.done, p.total)}</p>
                    <progress max=p.total value=p.done aria-labelledby="import-progress-label"></progress>
                })}
                {move || said.get().map(|s| match s {
                    Ok(line) => view! { <p>{line}</p> }.into_any(),
                    Err(why) => view! { <p class="notice notice-error">{why}</p> }.into_any(),
                })}
            </div>
            {move || skipped.with(|list| (!list.is_empty()).then(|| {
                const SHOWN: usize = 20;
                let more = list.len().saturating_sub(SHOWN);
                let names = list.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
                view! {
                    <p class="muted">{format!("Skipped, as they are not .json files: {names}{}", if more > 0 { format!(" and {} more.", staff::grouped(more)) } else { ".".into() })}</p>
                }
            }))}
            {move || over_cap.with(|(list, stopped)| {
                const SHOWN: usize = 20;
                let more = list.len().saturating_sub(SHOWN);
                let names = list.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
                view! {
                    {(!list.is_empty()).then(|| view! {
                        <p class="notice notice-warning">{format!("{} {names}{}", staff::over_cap(), if more > 0 { format!(" and {} more.", staff::grouped(more)) } else { ".".into() })}</p>
                    })}
                    {stopped.then(|| view! { <p class="notice notice-warning">{staff::walk_stopped()}</p> })}
                }
            })}
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
                            // The group is inside the item: a list item keeps its own role.
                            <li class="conflict"><div role="group" aria-label=format!("Decision for {file}")>
                                <p>{format!("{file}: \u{201c}{}\u{201d} ({}) uses the record id {}, held for \u{201c}{}\u{201d} ({}).",
                                    c.incoming.person.name, c.incoming.person.role.label(), c.incoming.record_id, c.held.name, c.held.role.label())}</p>
                                <div class="actions">
                                    <button type="button" on:click=move |_| settle(at, Settle::Keep)>{format!("Keep {}", c.held.name)}</button>
                                    <button type="button" class="secondary" on:click=move |_| settle(at, Settle::Replace)>{format!("Replace with {}", c.incoming.person.name)}</button>
                                    <button type="button" class="secondary" on:click=move |_| settle(at, Settle::KeepBoth)>"Keep both, as two people"</button>
                                </div>
                            </div></li>
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

/// One file's line in the import's report; a conflict is also kept for the DSL to decide.
fn reported(result: FileResult, clashes: &mut Vec<(String, Conflict)>) -> FileReport {
    let outcome = match result.outcome {
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
            clashes.push((result.file.clone(), *conflict));
            Ok(line)
        }
        Outcome::Failed(e) => Err(e.to_string()),
    };
    FileReport {
        file: result.file,
        outcome,
    }
}

/// Rows of the matrix on one page.
const PAGE: usize = 50;

/// The matrix with its filters, exports and removal.
#[component]
fn Matrix(course: &'static Course) -> impl IntoView {
    let app = app();
    let records = app.staff();
    let rows = app.matrix();
    let show = RwSignal::new(Show::Everyone);
    let role = RwSignal::new(None::<Role>);
    let sort = RwSignal::new(SortBy::Name);
    let find = RwSignal::new(String::new());
    // The page of the matrix in view (from 0). Every change of filter or order goes back to
    // the first page, in its handler.
    let page = RwSignal::new(0usize);
    let picked = Memo::new(move |_| {
        rows.with(|rows| {
            find.with(|find| staff::select(rows, show.get(), role.get(), sort.get(), find))
        })
    });
    let pages = Memo::new(move |_| picked.with(Vec::len).div_ceil(PAGE).max(1));
    // The page asked for, kept in range when the rows shrink under it.
    let at = Memo::new(move |_| page.get().min(pages.get() - 1));
    // Only this page's rows are built: a filter, a sort or a page turn renders at most PAGE
    // rows, whatever the size of the staff. Each is keyed by its position and its content,
    // so an unchanged row at the same place is kept.
    let shown = Memo::new(move |_| {
        let first = at.get() * PAGE;
        rows.with(|rows| {
            picked.with(|picked| {
                picked
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take(PAGE)
                    .map(|(n, &i)| (n, rows[i].clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let wrap = NodeRef::<leptos::html::Div>::new();
    let turn = move |to: usize| {
        page.set(to.min(pages.get_untracked() - 1));
        if let Some(wrap) = wrap.get_untracked() {
            wrap.set_scroll_top(0);
        }
    };
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
                <div class="field">
                    <label for="find">"Find a name"</label>
                    <input id="find" type="search" autocomplete="off" prop:value=move || find.get()
                        on:input=move |ev| { find.set(event_target_value(&ev)); turn(0); } />
                </div>
                <Select id="show" label="Show" value=Signal::derive(move || Some(show.get())) on_change=Callback::new(move |w: Option<Show>| { show.set(w.unwrap_or_default()); turn(0); }) />
                <Select id="role" label="Role" none="All roles" value=role on_change=Callback::new(move |r| { role.set(r); turn(0); }) />
                <Select id="sort" label="Sort by" value=Signal::derive(move || Some(sort.get())) on_change=Callback::new(move |w: Option<SortBy>| { sort.set(w.unwrap_or_default()); turn(0); }) />
            </div>
            <p aria-live="polite">{move || format!("Showing {} of {} people.", picked.with(Vec::len), rows.with(Vec::len))}</p>
            <div class="table-wrap matrix-wrap" tabindex="0" role="region" aria-label="Training matrix" node_ref=wrap>
                // Paged: the table holds one page of rows and says how many there are in all
                // (aria-rowcount) and where each shown row stands (aria-rowindex).
                <table class="matrix" aria-rowcount=move || picked.with(Vec::len) + 1>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col">"Name"</th>
                            <th scope="col">"Role and track"</th>
                            <th scope="col">"Overall"</th>
                            {modules.iter().map(|m| view! { <th scope="col">{m.title.clone()}</th> }).collect_view()}
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || shown.get()
                            key=|(n, r)| (*n, r.clone())
                            children=move |(n, r): (usize, Row)| {
                                let id = r.record_id.clone();
                                let name = r.name.clone();
                                let doubts = r.doubts.iter().map(Doubt::describe).collect::<Vec<_>>();
                                view! {
                                    <tr aria-rowindex=n + 2>
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
            // Built once and updated in place, so focus stays on the button just pressed.
            <nav class="matrix-pages" aria-label="Pages of the matrix" hidden=move || pages.get() < 2>
                <button type="button" class="secondary" aria-disabled=move || (at.get() == 0).then_some("true")
                    on:click=move |_| { if at.get_untracked() > 0 { turn(at.get_untracked() - 1) } }>"Previous page"</button>
                <div class="field">
                    <label for="matrix-page">"Page"</label>
                    <select id="matrix-page" on:change=move |ev| turn(event_target_value(&ev).parse::<usize>().unwrap_or(1).saturating_sub(1))>
                        {move || {
                            let count = pages.get();
                            (1..=count).map(|p| view! {
                                <option value=p.to_string() prop:selected=move || at.get() + 1 == p>{format!("{p} of {count}")}</option>
                            }).collect_view()
                        }}
                    </select>
                </div>
                <p>{move || {
                    let (here, count) = (at.get(), picked.with(Vec::len));
                    format!("People {} to {} of {}", here * PAGE + 1, (here * PAGE + PAGE).min(count), staff::grouped(count))
                }}</p>
                <button type="button" class="secondary" aria-disabled=move || (at.get() + 1 == pages.get()).then_some("true")
                    on:click=move |_| { if at.get_untracked() + 1 < pages.get_untracked() { turn(at.get_untracked() + 1) } }>"Next page"</button>
            </nav>
            <div class="actions">
                <button type="button" on:click=export_csv>"Export as CSV"</button>
                <button type="button" class="secondary" on:click=export_json>"Export as JSON"</button>
                <button type="button" class="danger" on:click=clear>"Clear all records"</button>
            </div>
        </section>
    }
}
